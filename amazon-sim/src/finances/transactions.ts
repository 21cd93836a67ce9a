import type { OperationHandler } from '../handlers.ts';
import { hash32 } from '../scenario/fast-random.ts';
import { decimalAmount } from '../scenario/marketplace-facts.ts';
import { guarded, InputError, Query } from '../stateful/query-params.ts';
import { iso, nowOf, type StatefulDeps, sellerOf } from '../stateful/stateful-context.ts';
import { type FinanceEvent, type FinanceLine, lineTotal, type SellerFinances } from './finance-events.ts';
import { financesOf } from './finances-v0.ts';

/**
 * Finances 2024-06-19 listTransactions: one transaction per v0 financial event (same amounts, same posting time),
 * RELEASED once its settlement group has closed, DEFERRED while it is open.
 */

const PAGE_SIZE = 100;
const TWO_MINUTES = 120_000;

interface TransactionsState {
  from: number;
  to: number;
  asOf: number;
  marketplaceId?: string;
  status?: string;
  offset: number;
}

type Currency = { currencyCode: string; currencyAmount: number };

/** GET /finances/2024-06-19/transactions */
export function listTransactionsHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const seller = sellerOf(deps, request);
    const finances = financesOf(deps, request);
    const now = nowOf(context);
    const token = q.string('nextToken');
    let state: TransactionsState;
    if (token) {
      state = deps.tokens.decode<TransactionsState>('listTransactions', seller.sellerId, token, 'nextToken');
    } else {
      const from = q.date('postedAfter');
      if (from === undefined) throw new InputError('Missing or invalid required parameter: postedAfter.');
      const to = Math.min(q.date('postedBefore') ?? now - TWO_MINUTES, now);
      if (from >= to) throw new InputError('postedAfter must be before postedBefore.');
      state = { from, to, asOf: now, offset: 0 };
      const marketplaceId = q.string('marketplaceId');
      if (marketplaceId) {
        if (seller.marketplaceIndex(marketplaceId) < 0)
          throw new InputError(`Invalid marketplaceId: ${marketplaceId}.`);
        state.marketplaceId = marketplaceId;
      }
      const status = q.enumValue('transactionStatus', ['DEFERRED', 'RELEASED', 'DEFERRED_RELEASED'] as const);
      if (status) state.status = status;
    }
    const m = state.marketplaceId ? seller.marketplaceIndex(state.marketplaceId) : undefined;
    const all = finances
      .events(state.from, state.to, state.asOf, m)
      .map((e) => renderTransaction(finances, e, seller.sellerId, state.asOf))
      .filter((t) => !state.status || t.transactionStatus === state.status);
    const payload: Record<string, unknown> = { transactions: all.slice(state.offset, state.offset + PAGE_SIZE) };
    if (state.offset + PAGE_SIZE < all.length) {
      payload.nextToken = deps.tokens.encode('listTransactions', seller.sellerId, {
        ...state,
        offset: state.offset + PAGE_SIZE,
      });
    }
    return { status: 200, body: { payload } };
  });
}

const TYPES: Record<FinanceEvent['kind'], string> = {
  Shipment: 'Shipment',
  Refund: 'Refund',
  ServiceFee: 'ServiceFee',
  Adjustment: 'Adjustment',
};

/** A v0 event as a 2024-06-19 transaction. */
export function renderTransaction(
  finances: SellerFinances,
  e: FinanceEvent,
  sellerId: string,
  asOf: number,
): { transactionStatus: string; totalAmount: Currency } & Record<string, unknown> {
  const c = (minor: number): Currency => ({
    currencyCode: e.currency,
    currencyAmount: Number(decimalAmount(minor, e.digits)),
  });
  const group = finances.groupOf(e);
  const related = [{ relatedIdentifierName: 'FINANCIAL_EVENT_GROUP_ID', relatedIdentifierValue: group.id }];
  if (e.orderId) related.unshift({ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: e.orderId });
  const out = {
    sellingPartnerMetadata: {
      sellingPartnerId: sellerId,
      accountType: 'Standard Orders',
      marketplaceId: e.marketplaceId,
    },
    relatedIdentifiers: related,
    transactionType: TYPES[e.kind],
    transactionId: `${hash32(sellerId, e.id).toString(36)}-${hash32(e.id, 'tx').toString(36)}`,
    transactionStatus: group.end <= asOf ? 'RELEASED' : 'DEFERRED',
    description: e.kind === 'ServiceFee' || e.kind === 'Adjustment' ? (e.feeType ?? e.kind) : e.kind,
    postedDate: iso(e.postedAt),
    totalAmount: c(e.total),
    marketplaceDetails: { marketplaceId: e.marketplaceId, marketplaceName: e.marketplaceName },
    items: e.lines.map((l) => renderItem(l, e, c)),
    breakdowns: eventBreakdowns(e, c),
  };
  return out;
}

function renderItem(l: FinanceLine, e: FinanceEvent, c: (minor: number) => Currency): Record<string, unknown> {
  return {
    description: l.title,
    relatedIdentifiers: [
      { itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: l.orderItemId },
    ],
    totalAmount: c(lineTotal(l)),
    breakdowns: lineBreakdowns([l], c),
    contexts: [
      {
        contextType: 'ProductContext',
        asin: l.asin,
        sku: l.sku,
        quantityShipped: l.quantity,
        fulfillmentNetwork: e.channel ?? 'AFN',
      },
    ],
  };
}

function eventBreakdowns(e: FinanceEvent, c: (minor: number) => Currency): unknown[] {
  if (e.lines.length > 0) return lineBreakdowns(e.lines, c);
  const type = e.kind === 'ServiceFee' ? 'Expenses' : 'Reimbursements';
  const inner = [{ breakdownType: e.feeType ?? e.kind, breakdownAmount: c(e.total) }];
  return [{ breakdownType: type, breakdownAmount: c(e.total), breakdowns: inner }];
}

/** Sales (charges, promotions, withheld tax) and Expenses (fees) of some lines, summed per type. */
function lineBreakdowns(lines: FinanceLine[], c: (minor: number) => Currency): unknown[] {
  const sales = new Map<string, number>();
  const fees = new Map<string, number>();
  const add = (map: Map<string, number>, k: string, v: number) => map.set(k, (map.get(k) ?? 0) + v);
  for (const l of lines) {
    for (const [t, v] of l.charges) add(sales, t, v);
    for (const p of l.promotions) add(sales, 'Promotion', p.amount);
    for (const [t, v] of l.withheld) add(sales, t, v);
    for (const [t, v] of l.fees) add(fees, t, v);
  }
  const group = (type: string, map: Map<string, number>) => {
    const inner = [...map].map(([t, v]) => ({ breakdownType: t, breakdownAmount: c(v) }));
    return { breakdownType: type, breakdownAmount: c([...map.values()].reduce((s, v) => s + v, 0)), breakdowns: inner };
  };
  return [group('Sales', sales), group('Expenses', fees)];
}
