import { DAY_MS } from '../scenario/calendar.ts';
import { hash32 } from '../scenario/fast-random.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { ScenarioMarketplace, ScenarioOrder } from '../scenario/scenario-types.ts';
import type { SellerScenario } from '../scenario/seller-scenario.ts';
import { type FlatRow, formatAmount, formatDate, formatDateTimeUtc, localeOf, toTsv } from './flat-file.ts';
import { flatDocument, type GeneratedDocument, type GenerateInput } from './report-generators.ts';

/**
 * GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2: one 14-day period of one marketplace. Orders post when they ship
 * (principal, tax, shipping, promotions, referral and FBA fees, marketplace-facilitator tax withheld where tax is
 * added at checkout), refunds when they are refunded (principal and tax back, referral fee back minus Amazon's
 * refund administration fee). Amounts are integers in minor units, so the summary total is exactly their sum.
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
const REFUND_ADMIN_RATE = 0.2;
const REFUND_ADMIN_CAP_MAJOR = 5;
/** Orders shipped or refunded in a period were placed at most this long before it. */
const LOOKBACK_MS = 45 * DAY_MS;

/** One transaction line of a settlement, amount in minor units. */
export interface SettlementLine {
  transactionType: 'Order' | 'Refund';
  orderId: string;
  adjustmentId?: string;
  shipmentId?: string;
  amountType: string;
  amountDescription: string;
  amount: number;
  fulfillmentId: 'AFN' | 'MFN';
  postedAt: number;
  orderItemCode: string;
  sku: string;
  quantity?: number;
  promotionId?: string;
}

/** The transactions of a marketplace's settlement period [start, end), as visible at `asOf`. */
export function settlementLines(
  scenario: Scenario,
  seller: SellerScenario,
  marketplaceId: string,
  start: number,
  end: number,
  asOf: number,
): SettlementLine[] {
  const until = Math.min(end, asOf);
  const orders = scenario
    .ordersBetween(seller.sellerId, start - LOOKBACK_MS, until, asOf)
    .filter((o) => o.marketplaceId === marketplaceId && !o.canceled);
  const lines: SettlementLine[] = [];
  for (const o of orders) {
    const shipped = o.timeline.shipped;
    if (shipped !== undefined && shipped >= start && shipped < until) lines.push(...orderLines(o, shipped));
    lines.push(...refundLines(o, start, until));
  }
  return lines.sort((a, b) => a.postedAt - b.postedAt || (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
}

function orderLines(o: ScenarioOrder, postedAt: number): SettlementLine[] {
  const out: SettlementLine[] = [];
  const shipmentId = `S${hash32('shipment', o.orderId).toString(36).toUpperCase()}`;
  const withheld = !o.taxIncluded;
  for (const item of o.items) {
    const base = {
      transactionType: 'Order' as const,
      orderId: o.orderId,
      shipmentId,
      fulfillmentId: o.channel,
      postedAt,
      orderItemCode: item.orderItemId,
      sku: item.sku,
    };
    const add = (
      amountType: string,
      amountDescription: string,
      amount: number,
      extra: Partial<SettlementLine> = {},
    ) => {
      if (amount !== 0 || amountDescription === 'Principal')
        out.push({ ...base, amountType, amountDescription, amount, ...extra });
    };
    add('ItemPrice', 'Principal', item.itemPrice, { quantity: item.quantity });
    add('ItemPrice', 'Tax', item.itemTax);
    add('ItemPrice', 'Shipping', item.shippingPrice);
    add('ItemPrice', 'ShippingTax', item.shippingTax);
    const promo = item.promotionId ? { promotionId: item.promotionId } : {};
    add('Promotion', 'Principal', -item.promotionDiscount, promo);
    add('Promotion', 'TaxDiscount', -item.promotionDiscountTax, promo);
    if (withheld) {
      add('ItemWithheldTax', 'MarketplaceFacilitatorTax-Principal', -(item.itemTax - item.promotionDiscountTax));
      add('ItemWithheldTax', 'MarketplaceFacilitatorTax-Shipping', -item.shippingTax);
    }
    add('ItemFees', 'Commission', -item.referralFee);
    if (o.channel === 'AFN') add('ItemFees', 'FBAPerUnitFulfillmentFee', -item.fbaFee);
  }
  return out;
}

function refundLines(o: ScenarioOrder, start: number, until: number): SettlementLine[] {
  const out: SettlementLine[] = [];
  for (const item of o.items) {
    const r = item.returned;
    if (!r || r.refundedAt < start || r.refundedAt >= until) continue;
    const referralBack = Math.round((item.referralFee * r.quantity) / item.quantity);
    const cap = REFUND_ADMIN_CAP_MAJOR * 10 ** o.currencyDigits;
    const admin = Math.min(Math.round(referralBack * REFUND_ADMIN_RATE), cap);
    const base = {
      transactionType: 'Refund' as const,
      orderId: o.orderId,
      adjustmentId: `A${hash32('adjustment', item.orderItemId).toString(36).toUpperCase()}`,
      fulfillmentId: o.channel,
      postedAt: r.refundedAt,
      orderItemCode: item.orderItemId,
      sku: item.sku,
    };
    out.push({ ...base, amountType: 'ItemPrice', amountDescription: 'Principal', amount: -r.refundPrincipal });
    if (r.refundTax !== 0)
      out.push({ ...base, amountType: 'ItemPrice', amountDescription: 'Tax', amount: -r.refundTax });
    if (r.refundTax !== 0 && !o.taxIncluded) {
      out.push({
        ...base,
        amountType: 'ItemWithheldTax',
        amountDescription: 'MarketplaceFacilitatorTax-Principal',
        amount: r.refundTax,
      });
    }
    out.push({ ...base, amountType: 'ItemFees', amountDescription: 'Commission', amount: referralBack });
    if (admin !== 0)
      out.push({ ...base, amountType: 'ItemFees', amountDescription: 'RefundCommission', amount: -admin });
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
