import { DAY_MS } from '../scenario/calendar.ts';
import { hash32 } from '../scenario/fast-random.ts';
import { decimalAmount } from '../scenario/marketplace-facts.ts';
import type { ScenarioMarketplace, ScenarioOrder } from '../scenario/scenario-types.ts';
import { type FlatRow, isoOffset, toTsv } from './flat-file.ts';
import { flatDocument, type GeneratedDocument, type GenerateInput } from './report-generators.ts';

/** All-orders (by order date) and FBA customer returns flat files from the scenario's orders. */

/** GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL columns (US layout, shared/amazon/README.md §3.3) [I]. */
export const ALL_ORDERS_HEADER = [
  'amazon-order-id',
  'merchant-order-id',
  'purchase-date',
  'last-updated-date',
  'order-status',
  'fulfillment-channel',
  'sales-channel',
  'order-channel',
  'url',
  'ship-service-level',
  'product-name',
  'sku',
  'asin',
  'item-status',
  'quantity',
  'currency',
  'item-price',
  'item-tax',
  'shipping-price',
  'shipping-tax',
  'gift-wrap-price',
  'gift-wrap-tax',
  'item-promotion-discount',
  'ship-promotion-discount',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'promotion-ids',
  'is-business-order',
  'purchase-order-number',
  'price-designation',
] as const;

/** GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA columns (header fixture). */
export const RETURNS_HEADER = [
  'return-date',
  'order-id',
  'sku',
  'asin',
  'fnsku',
  'product-name',
  'quantity',
  'fulfillment-center-id',
  'detailed-disposition',
  'reason',
  'status',
  'license-plate-number',
  'customer-comments',
] as const;

const ORDER_STATUS = { Pending: 'Pending', Unshipped: 'Pending', Shipped: 'Shipped', Canceled: 'Cancelled' } as const;
const ITEM_STATUS = {
  Pending: 'Unshipped',
  Unshipped: 'Unshipped',
  Shipped: 'Shipped',
  Canceled: 'Cancelled',
} as const;

/** Fulfillment centres returns are processed in, per marketplace code [I: plausible Amazon FC codes]. */
const FULFILLMENT_CENTERS: Record<string, string[]> = {
  US: ['PHX7', 'ONT8', 'MDW2', 'BFI4', 'SDF8'],
  CA: ['YYZ4', 'YVR3'],
  MX: ['MEX1'],
  DE: ['FRA3', 'LEJ1', 'DTM2', 'MUC3'],
  FR: ['ORY1', 'LYS1'],
  IT: ['MXP5', 'FCO1'],
  ES: ['MAD4', 'BCN1'],
  UK: ['LTN4', 'BHX4', 'EDI4'],
  JP: ['NRT1', 'KIX2'],
  AU: ['SYD8', 'MEL1'],
  SG: ['SIN8'],
};

/** Orders of the report's marketplaces placed in its data range, as visible when the report was created. */
function ordersOf(input: GenerateInput, from: number, to: number): ScenarioOrder[] {
  const { scenario, seller, record } = input;
  return scenario
    .ordersBetween(seller.sellerId, from, to, record.createdTime)
    .filter((o) => record.marketplaceIds.includes(o.marketplaceId));
}

/** GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL: one row per order item. */
export function allOrdersReport(input: GenerateInput): GeneratedDocument {
  const { scenario, seller, record } = input;
  const rows: FlatRow[] = [];
  for (const o of ordersOf(input, record.dataStartTime, record.dataEndTime)) {
    const market = seller.catalog.marketplaces.find((m) => m.marketplaceId === o.marketplaceId);
    const status = scenario.statusOf(o, record.createdTime) ?? 'Pending';
    const money = (minor: number) => decimalAmount(minor, o.currencyDigits);
    for (const item of o.items) {
      const priced = status !== 'Canceled';
      rows.push({
        'amazon-order-id': o.orderId,
        'merchant-order-id': '',
        'purchase-date': isoOffset(o.timeline.purchase),
        'last-updated-date': isoOffset(scenario.lastUpdatedOf(o, record.createdTime)),
        'order-status': ORDER_STATUS[status],
        'fulfillment-channel': o.channel === 'AFN' ? 'Amazon' : 'Merchant',
        'sales-channel': o.salesChannel,
        'ship-service-level': o.timeline.serviceLevel,
        'product-name': item.title,
        sku: item.sku,
        asin: item.asin,
        'item-status': ITEM_STATUS[status],
        quantity: priced ? item.quantity : 0,
        currency: o.currency,
        'item-price': priced ? money(item.itemPrice) : '',
        'item-tax': priced ? money(item.itemTax) : '',
        'shipping-price': priced ? money(item.shippingPrice) : '',
        'shipping-tax': priced ? money(item.shippingTax) : '',
        'gift-wrap-price': priced ? money(0) : '',
        'gift-wrap-tax': priced ? money(0) : '',
        'item-promotion-discount': priced ? money(-item.promotionDiscount) : '',
        'ship-promotion-discount': priced ? money(0) : '',
        'ship-city': o.shipTo.city,
        'ship-state': o.shipTo.stateOrRegion,
        'ship-postal-code': o.shipTo.postalCode,
        'ship-country': o.shipTo.countryCode || market?.facts.countryCode,
        'promotion-ids': item.promotionId ?? '',
        'is-business-order': o.timeline.isBusiness ? 'true' : 'false',
        'purchase-order-number': o.purchaseOrderNumber ?? '',
        'price-designation': o.timeline.isBusiness ? 'BusinessPrice' : '',
      });
    }
  }
  return flatDocument(toTsv(ALL_ORDERS_HEADER, rows), record.region);
}

/** How far back of a return its order can have been placed (delivery + 28 days + slack). */
const RETURN_LOOKBACK_MS = 45 * DAY_MS;

/** GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA: FBA returns that reached Amazon in the data range. */
export function customerReturnsReport(input: GenerateInput): GeneratedDocument {
  const { seller, record } = input;
  const rows: (FlatRow & { at: number })[] = [];
  const until = Math.min(record.dataEndTime, record.createdTime);
  for (const o of ordersOf(input, record.dataStartTime - RETURN_LOOKBACK_MS, until)) {
    if (o.channel !== 'AFN') continue;
    const market = seller.catalog.marketplaces.find((m) => m.marketplaceId === o.marketplaceId);
    for (const item of o.items) {
      const r = item.returned;
      if (!r || r.returnedAt < record.dataStartTime || r.returnedAt >= until) continue;
      const product = seller.catalog.products[item.productIndex];
      rows.push({
        at: r.returnedAt,
        'return-date': isoOffset(r.returnedAt),
        'order-id': o.orderId,
        sku: item.sku,
        asin: item.asin,
        fnsku: product?.fnsku ?? '',
        'product-name': item.title,
        quantity: r.quantity,
        'fulfillment-center-id': fulfillmentCenter(market, item.orderItemId),
        'detailed-disposition': r.disposition,
        reason: r.reason,
        status: r.disposition === 'CARRIER_DAMAGED' ? 'Reimbursed' : 'Unit returned to inventory',
        'license-plate-number': `LPN${hash32('lpn', item.orderItemId).toString(36).toUpperCase().padStart(7, '0')}`,
        'customer-comments': '',
      });
    }
  }
  rows.sort((a, b) => a.at - b.at);
  return flatDocument(toTsv(RETURNS_HEADER, rows), record.region);
}

/** A deterministic fulfillment centre of the marketplace for a key. */
export function fulfillmentCenter(market: ScenarioMarketplace | undefined, key: string): string {
  const list = FULFILLMENT_CENTERS[market?.code ?? 'US'] ?? ['PHX7'];
  return list[hash32('fc', key) % list.length] ?? 'PHX7';
}
