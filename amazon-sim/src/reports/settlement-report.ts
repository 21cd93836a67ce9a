import { type FinanceEvent, SellerFinances } from '../finances/finance-events.ts';
import { DAY_MS } from '../scenario/calendar.ts';
import { hash32 } from '../scenario/fast-random.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { ScenarioMarketplace } from '../scenario/scenario-types.ts';
import type { SellerScenario } from '../scenario/seller-scenario.ts';
import { type FlatRow, formatAmount, formatDate, formatDateTimeUtc, localeOf, toTsv } from './flat-file.ts';
import { flatDocument, type GeneratedDocument, type GenerateInput } from './report-generators.ts';

/**
 * GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2: one 14-day period of one marketplace, written from the seller's
 * financial events of that period (src/finances): orders post when they ship (principal, tax, shipping, promotions,
 * referral and FBA fees, marketplace-facilitator tax withheld where tax is added at checkout), refunds when they are
 * refunded (referral fee back minus the refund administration fee), monthly storage fees and reimbursements as
 * other transactions. Amounts are integers in minor units, so the summary total is exactly their sum.
 */

export const SETTLEMENT_V2_HEADER = [
  'settlement-id',
  'settlement-start-date',
  'settlement-end-date',
  'deposit-date',
  'total-amount',
  'currency',
  'transaction-type',
  'order-id',
  'merchant-order-id',
  'adjustment-id',
  'shipment-id',
  'marketplace-name',
  'amount-type',
  'amount-description',
  'amount',
  'fulfillment-id',
  'posted-date',
  'posted-date-time',
  'order-item-code',
  'merchant-order-item-id',
  'merchant-adjustment-item-id',
  'sku',
  'quantity-purchased',
  'promotion-id',
] as const;

/** GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE (the older 36-column layout; header fixture). */
export const SETTLEMENT_FLAT_HEADER = [
  'settlement-id',
  'settlement-start-date',
  'settlement-end-date',
  'deposit-date',
  'total-amount',
  'currency',
  'transaction-type',
  'order-id',
  'merchant-order-id',
  'adjustment-id',
  'shipment-id',
  'marketplace-name',
  'shipment-fee-type',
  'shipment-fee-amount',
  'order-fee-type',
  'order-fee-amount',
  'fulfillment-id',
  'posted-date',
  'order-item-code',
  'merchant-order-item-id',
  'merchant-adjustment-item-id',
  'sku',
  'quantity-purchased',
  'price-type',
  'price-amount',
  'item-related-fee-type',
  'item-related-fee-amount',
  'misc-fee-amount',
  'other-fee-amount',
  'other-fee-reason-description',
  'promotion-id',
  'promotion-type',
  'promotion-amount',
  'direct-payment-type',
  'direct-payment-amount',
  'other-amount',
] as const;

/** Deposit follows the period's end by this much [I]. */
export const DEPOSIT_DELAY_MS = 2 * DAY_MS;
/** Refund administration fee: 20 % of the refunded referral fee, at most 5.00 in the currency's major unit [I]. */
/** One transaction line of a settlement, amount in minor units. */
export interface SettlementLine {
  transactionType: 'Order' | 'Refund' | 'other-transaction';
  orderId: string;
  adjustmentId?: string;
  shipmentId?: string;
  amountType: string;
  amountDescription: string;
  amount: number;
  fulfillmentId: 'AFN' | 'MFN' | '';
  postedAt: number;
  orderItemCode: string;
  sku: string;
  quantity?: number;
  promotionId?: string;
}

// Financial-event charge names → settlement amount descriptions (the flat file says "Shipping").
const CHARGE_NAMES: Record<string, string> = { ShippingCharge: 'Shipping' };

/**
 * The transactions of a marketplace's settlement period [start, end), as visible at `asOf`. They are the seller's
 * financial events of that period (the same ones Finances v0 and listTransactions return), written as settlement
 * lines, so a settlement's total equals its financial event group's OriginalTotal to the cent.
 */
export function settlementLines(
  scenario: Scenario,
  seller: SellerScenario,
  marketplaceId: string,
  start: number,
  end: number,
  asOf: number,
): SettlementLine[] {
  const finances = new SellerFinances(scenario.seed, seller);
  const m = seller.marketplaceIndex(marketplaceId);
  const lines: SettlementLine[] = [];
  for (const e of finances.events(start, end, asOf, m)) lines.push(...linesOf(e));
  return lines;
}

function linesOf(e: FinanceEvent): SettlementLine[] {
  if (e.kind === 'ServiceFee' || e.kind === 'Adjustment') {
    const a = e.adjustment;
    return [
      {
        transactionType: 'other-transaction',
        orderId: '',
        amountType: e.kind === 'ServiceFee' ? 'other-transaction' : 'FBA Inventory Reimbursement',
        amountDescription: e.kind === 'ServiceFee' ? 'Storage Fee' : (e.feeType ?? 'Adjustment'),
        amount: e.total,
        fulfillmentId: '',
        postedAt: e.postedAt,
        orderItemCode: '',
        sku: a?.sku ?? '',
        ...(a ? { quantity: a.quantity } : {}),
      },
    ];
  }
  const out: SettlementLine[] = [];
  const refund = e.kind === 'Refund';
  const shipmentId = refund
    ? undefined
    : `S${hash32('shipment', e.orderId ?? e.id)
        .toString(36)
        .toUpperCase()}`;
  for (const l of e.lines) {
    const base = {
      transactionType: refund ? ('Refund' as const) : ('Order' as const),
      orderId: e.orderId ?? '',
      ...(shipmentId ? { shipmentId } : {}),
      ...(refund && l.adjustmentItemId ? { adjustmentId: l.adjustmentItemId } : {}),
      fulfillmentId: e.channel ?? ('' as const),
      postedAt: e.postedAt,
      orderItemCode: l.orderItemId,
      sku: l.sku,
    };
    for (const [name, amount] of l.charges) {
      const description = CHARGE_NAMES[name] ?? name;
      if (amount === 0 && description !== 'Principal') continue;
      out.push({
        ...base,
        amountType: 'ItemPrice',
        amountDescription: description,
        amount,
        ...(description === 'Principal' && !refund ? { quantity: l.quantity } : {}),
      });
    }
    for (const p of l.promotions) {
      if (p.amount !== 0)
        out.push({
          ...base,
          amountType: 'Promotion',
          amountDescription: 'Principal',
          amount: p.amount,
          promotionId: p.id,
        });
    }
    for (const [name, amount] of l.withheld) {
      if (amount !== 0) out.push({ ...base, amountType: 'ItemWithheldTax', amountDescription: name, amount });
    }
    for (const [name, amount] of l.fees) {
      if (amount !== 0) out.push({ ...base, amountType: 'ItemFees', amountDescription: name, amount });
    }
  }
  return out;
}

/** Renders the settlement flat file (V2 or the older layout) of a pre-generated settlement report. */
export function settlementReport(input: GenerateInput): GeneratedDocument {
  const { scenario, seller, record } = input;
  const index = record.pregenerated?.marketplaceIndex ?? 0;
  const market: ScenarioMarketplace | undefined = seller.catalog.marketplaces[index];
  if (!market) throw new Error('amazon-sim reports: settlement of an unknown marketplace');
  const locale = localeOf(market.code);
  const digits = market.facts.currencyDigits;
  const lines = settlementLines(
    scenario,
    seller,
    market.marketplaceId,
    record.dataStartTime,
    record.dataEndTime,
    record.createdTime,
  );
  const total = lines.reduce((sum, l) => sum + l.amount, 0);
  const settlementId = record.pregenerated?.settlementId ?? record.reportId;
  const money = (minor: number) => formatAmount(locale, minor, digits);
  const summary: FlatRow = {
    'settlement-id': settlementId,
    'settlement-start-date': formatDateTimeUtc(locale, record.dataStartTime),
    'settlement-end-date': formatDateTimeUtc(locale, record.dataEndTime),
    'deposit-date': formatDateTimeUtc(locale, record.dataEndTime + DEPOSIT_DELAY_MS),
    'total-amount': money(total),
    currency: market.currency,
  };
  const common = (l: SettlementLine): FlatRow => ({
    'settlement-id': settlementId,
    'transaction-type': l.transactionType,
    'order-id': l.orderId,
    'adjustment-id': l.adjustmentId,
    'shipment-id': l.shipmentId,
    'marketplace-name': market.facts.name,
    'fulfillment-id': l.fulfillmentId,
    'order-item-code': l.orderItemCode,
    sku: l.sku,
    'quantity-purchased': l.quantity,
    'promotion-id': l.promotionId,
  });
  if (record.reportType === 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE') {
    const rows = lines.map((l): FlatRow => {
      const row = { ...common(l), 'posted-date': formatDateTimeUtc(locale, l.postedAt) };
      if (l.amountType === 'ItemPrice')
        return { ...row, 'price-type': l.amountDescription, 'price-amount': money(l.amount) };
      if (l.amountType === 'Promotion') {
        return { ...row, 'promotion-type': l.amountDescription, 'promotion-amount': money(l.amount) };
      }
      return { ...row, 'item-related-fee-type': l.amountDescription, 'item-related-fee-amount': money(l.amount) };
    });
    return flatDocument(toTsv(SETTLEMENT_FLAT_HEADER, [summary, ...rows]), record.region);
  }
  const rows = lines.map(
    (l): FlatRow => ({
      ...common(l),
      'amount-type': l.amountType,
      'amount-description': l.amountDescription,
      amount: money(l.amount),
      'posted-date': formatDate(locale, l.postedAt),
      'posted-date-time': formatDateTimeUtc(locale, l.postedAt),
    }),
  );
  return flatDocument(toTsv(SETTLEMENT_V2_HEADER, [summary, ...rows]), record.region);
}
