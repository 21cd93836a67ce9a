import type { OperationHandler, OperationRequest } from '../handlers.ts';
import { decimalAmount } from '../scenario/marketplace-facts.ts';
import { guarded, InputError, Query } from '../stateful/query-params.ts';
import { iso, nowOf, type StatefulDeps, sellerOf } from '../stateful/stateful-context.ts';
import { type FinanceEvent, type FinanceGroup, type FinanceLine, SellerFinances } from './finance-events.ts';

/**
 * Finances API v0: listFinancialEventGroups, listFinancialEventsByGroupId, listFinancialEventsByOrderId and
 * listFinancialEvents, answered from the living marketplace (see finance-events.ts), paginated with NextToken.
 */

const TWO_MINUTES = 120_000;

/** The finances view of the calling seller. */
export function financesOf(deps: StatefulDeps, request: OperationRequest): SellerFinances {
  return new SellerFinances(deps.scenario.seed, sellerOf(deps, request));
}

/** Currency as the v0 model spells it (CurrencyAmount is a decimal number). */
export function currencyV0(
  minor: number,
  currency: string,
  digits: number,
): { CurrencyCode: string; CurrencyAmount: number } {
  return { CurrencyCode: currency, CurrencyAmount: Number(decimalAmount(minor, digits)) };
}

interface EventsState {
  kind: 'all' | 'group' | 'order';
  from: number;
  to: number;
  asOf: number;
  max: number;
  offset: number;
  group?: string;
  order?: string;
}

interface GroupsState {
  from: number;
  to: number;
  asOf: number;
  max: number;
  offset: number;
}

/** GET /finances/v0/financialEventGroups */
export function listFinancialEventGroupsHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const finances = financesOf(deps, request);
    const seller = sellerOf(deps, request);
    const token = q.string('NextToken');
    const now = nowOf(context);
    const state: GroupsState = token
      ? deps.tokens.decode<GroupsState>('listFinancialEventGroups', seller.sellerId, token, 'NextToken')
      : {
          from: q.date('FinancialEventGroupStartedAfter') ?? finances.origin,
          to: q.date('FinancialEventGroupStartedBefore') ?? now,
          asOf: now,
          max: q.int('MaxResultsPerPage', 1, 100) ?? 10,
          offset: 0,
        };
    if (state.from > state.to)
      throw new InputError('FinancialEventGroupStartedAfter must be before FinancialEventGroupStartedBefore.');
    const all = finances.groups(state.from, state.to + 1, state.asOf);
    const page = all.slice(state.offset, state.offset + state.max);
    const payload: Record<string, unknown> = {
      FinancialEventGroupList: page.map((g) => renderGroup(finances, g, state.asOf)),
    };
    if (state.offset + state.max < all.length) {
      payload.NextToken = deps.tokens.encode('listFinancialEventGroups', seller.sellerId, {
        ...state,
        offset: state.offset + state.max,
      });
    }
    return { status: 200, body: { payload } };
  });
}

/** GET /finances/v0/financialEvents */
export function listFinancialEventsHandler(deps: StatefulDeps): OperationHandler {
  return eventsHandler(deps, 'all');
}

/** GET /finances/v0/financialEventGroups/{eventGroupId}/financialEvents */
export function listFinancialEventsByGroupIdHandler(deps: StatefulDeps): OperationHandler {
  return eventsHandler(deps, 'group');
}

/** GET /finances/v0/orders/{orderId}/financialEvents */
export function listFinancialEventsByOrderIdHandler(deps: StatefulDeps): OperationHandler {
  return eventsHandler(deps, 'order');
}

function eventsHandler(deps: StatefulDeps, kind: EventsState['kind']): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const seller = sellerOf(deps, request);
    const finances = financesOf(deps, request);
    const now = nowOf(context);
    const opKey = `finances:${kind}`;
    const token = q.string('NextToken');
    let state: EventsState;
    if (token) {
      state = deps.tokens.decode<EventsState>(opKey, seller.sellerId, token, 'NextToken');
    } else {
      const max = q.int('MaxResultsPerPage', 1, 100) ?? 100;
      const before = Math.min(q.date('PostedBefore') ?? now - TWO_MINUTES, now);
      const after = q.date('PostedAfter') ?? finances.origin;
      if (kind !== 'order' && after >= before) throw new InputError('PostedAfter must be before PostedBefore.');
      state = { kind, from: after, to: before, asOf: now, max, offset: 0 };
      if (kind === 'group') {
        const id = request.pathParams.eventGroupId ?? '';
        const group = finances.groupById(id, now);
        if (!group) throw new InputError(`Invalid eventGroupId: ${id}.`, 404, 'NotFound');
        state.group = id;
        state.from = Math.max(state.from, group.start);
        state.to = Math.min(q.date('PostedBefore') ?? group.end, group.end, now + 1);
      }
      if (kind === 'order') state.order = request.pathParams.orderId ?? '';
    }
    const events = selectEvents(deps, finances, state, seller.sellerId);
    const page = events.slice(state.offset, state.offset + state.max);
    const payload: Record<string, unknown> = { FinancialEvents: renderEvents(page) };
    if (state.offset + state.max < events.length) {
      payload.NextToken = deps.tokens.encode(opKey, seller.sellerId, { ...state, offset: state.offset + state.max });
    }
    return { status: 200, body: { payload } };
  });
}

function selectEvents(
  deps: StatefulDeps,
  finances: SellerFinances,
  state: EventsState,
  sellerId: string,
): FinanceEvent[] {
  if (state.kind === 'order') {
    const order = deps.scenario.orderById(state.order ?? '', state.asOf);
    if (!order || order.sellerId !== sellerId) return [];
    return finances.orderEvents(order, state.asOf);
  }
  if (state.kind === 'group') {
    const group = finances.groupById(state.group ?? '', state.asOf);
    if (!group) return [];
    return finances.events(state.from, state.to, state.asOf, group.marketplaceIndex);
  }
  return finances.events(state.from, state.to, state.asOf);
}

/** A group as listFinancialEventGroups renders it; OriginalTotal is the sum of its events posted by `asOf`. */
export function renderGroup(finances: SellerFinances, g: FinanceGroup, asOf: number): Record<string, unknown> {
  const closed = g.end <= asOf;
  const total = finances.events(g.start, g.end, asOf, g.marketplaceIndex).reduce((s, e) => s + e.total, 0);
  const out: Record<string, unknown> = {
    FinancialEventGroupId: g.id,
    ProcessingStatus: closed ? 'Closed' : 'Open',
    FundTransferStatus: 'Unknown',
    OriginalTotal: currencyV0(total, g.currency, g.digits),
    BeginningBalance: currencyV0(0, g.currency, g.digits),
    FinancialEventGroupStart: iso(g.start),
  };
  if (closed) {
    out.FinancialEventGroupEnd = iso(g.end - 1000);
    out.ConvertedTotal = currencyV0(total, g.currency, g.digits);
    const transfer = g.end + 2 * 86_400_000;
    out.FundTransferStatus = transfer <= asOf ? 'Succeeded' : 'Processing';
    if (transfer <= asOf) {
      out.FundTransferDate = iso(transfer);
      out.TraceId = `${g.id.slice(0, 12).toUpperCase()}`;
      out.AccountTail = String(100 + (g.id.charCodeAt(0) % 900));
    }
  }
  return out;
}

/** The FinancialEvents object of a page of events (the four lists this simulator produces, always present). */
export function renderEvents(events: FinanceEvent[]): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {
    ShipmentEventList: [],
    RefundEventList: [],
    ServiceFeeEventList: [],
    AdjustmentEventList: [],
  };
  for (const e of events) {
    const c = (minor: number) => currencyV0(minor, e.currency, e.digits);
    if (e.kind === 'Shipment' || e.kind === 'Refund') {
      const refund = e.kind === 'Refund';
      const ev: Record<string, unknown> = {
        AmazonOrderId: e.orderId,
        MarketplaceName: e.marketplaceName,
        PostedDate: iso(e.postedAt),
        [refund ? 'ShipmentItemAdjustmentList' : 'ShipmentItemList']: e.lines.map((l) => renderLine(l, refund, c)),
      };
      (refund ? out.RefundEventList : out.ShipmentEventList)?.push(ev);
    } else if (e.kind === 'ServiceFee') {
      out.ServiceFeeEventList?.push({
        FeeDescription: 'FBA storage fee',
        FeeList: [{ FeeType: e.feeType, FeeAmount: c(e.total) }],
      });
    } else if (e.adjustment) {
      const a = e.adjustment;
      out.AdjustmentEventList?.push({
        AdjustmentType: e.feeType,
        PostedDate: iso(e.postedAt),
        AdjustmentAmount: c(e.total),
        AdjustmentItemList: [
          {
            Quantity: String(a.quantity),
            PerUnitAmount: c(a.perUnit),
            TotalAmount: c(a.perUnit * a.quantity),
            SellerSKU: a.sku,
            FnSKU: a.fnsku,
            ProductDescription: a.title,
            ASIN: a.asin,
          },
        ],
      });
    }
  }
  return out;
}

function renderLine(l: FinanceLine, refund: boolean, c: (minor: number) => unknown): Record<string, unknown> {
  const charges = l.charges.map(([t, v]) => ({ ChargeType: t, ChargeAmount: c(v) }));
  const fees = l.fees.map(([t, v]) => ({ FeeType: t, FeeAmount: c(v) }));
  const out: Record<string, unknown> = {
    SellerSKU: l.sku,
    OrderItemId: l.orderItemId,
    QuantityShipped: l.quantity,
    [refund ? 'ItemChargeAdjustmentList' : 'ItemChargeList']: charges,
    [refund ? 'ItemFeeAdjustmentList' : 'ItemFeeList']: fees,
  };
  if (l.adjustmentItemId) out.OrderAdjustmentItemId = l.adjustmentItemId;
  if (l.withheld.length > 0) {
    out.ItemTaxWithheldList = [
      {
        TaxCollectionModel: 'MarketplaceFacilitator',
        TaxesWithheld: l.withheld.map(([t, v]) => ({ ChargeType: t, ChargeAmount: c(v) })),
      },
    ];
  }
  if (!refund) {
    out.PromotionList = l.promotions.map((p) => ({
      PromotionType: 'PromotionMetaDataDefinitionValue',
      PromotionId: p.id,
      PromotionAmount: c(p.amount),
    }));
  } else if (l.promotions.length > 0) {
    out.PromotionAdjustmentList = l.promotions.map((p) => ({ PromotionId: p.id, PromotionAmount: c(p.amount) }));
  }
  return out;
}
