import type { OrderStatus } from '@yangfan/contracts';

/**
 * An order as an Amazon source describes it (Orders API, an all-orders flat file, a manual import), normalised:
 * instants in epoch ms, money in integer minor units of the order's currency. Pure: no I/O.
 */
export interface OrderRecord {
  amazonOrderId: string;
  marketplaceId: string;
  purchaseAt: number;
  lastUpdatedAt: number;
  status: OrderStatus;
  fulfillmentChannel: 'AFN' | 'MFN' | null;
  salesChannel: string | null;
  serviceLevel: string | null;
  isPrime: boolean;
  isBusiness: boolean;
  currency: string;
  shipCity: string | null;
  shipRegion: string | null;
  shipPostalCode: string | null;
  shipCountry: string | null;
  items: OrderItemRecord[];
}

export interface OrderItemRecord {
  /** Amazon's order item id; flat files do not carry it. */
  orderItemId: string | null;
  sellerSku: string;
  asin: string | null;
  title: string | null;
  quantity: number;
  quantityShipped: number;
  /** Line amounts (unit price × quantity), minor units. */
  itemPriceMinor: bigint;
  shippingPriceMinor: bigint;
  /** Promotion discounts, ≤ 0. */
  discountMinor: bigint;
  /** Tax added on top of the price at checkout (US/CA sales tax); 0 where prices include VAT. */
  taxMinor: bigint;
  promotionIds: string[];
}

/** Marketplaces (country codes) whose prices exclude tax: the buyer pays sales tax on top [I]. */
const TAX_ADDED_AT_CHECKOUT = new Set(['US', 'CA']);

/** Whether the buyer pays tax on top of the listed price in a country's marketplace. */
export function isTaxAddedAtCheckout(countryCode: string): boolean {
  return TAX_ADDED_AT_CHECKOUT.has(countryCode);
}

/** What the buyer pays for a line: price + shipping + discount + tax added at checkout. */
export function lineTotalMinor(i: OrderItemRecord): bigint {
  return i.itemPriceMinor + i.shippingPriceMinor + i.discountMinor + i.taxMinor;
}

export function orderTotalMinor(o: OrderRecord): bigint {
  return o.items.reduce((s, i) => s + lineTotalMinor(i), 0n);
}

export function orderUnits(o: OrderRecord): number {
  return o.items.reduce((s, i) => s + i.quantity, 0);
}

/**
 * One line per seller SKU: a source that lists the same SKU twice in an order (two order items of one SKU) is summed,
 * so that the line key (order, SKU) is stable whichever source wrote it last.
 */
export function mergeItemsBySku(items: readonly OrderItemRecord[]): OrderItemRecord[] {
  const bySku = new Map<string, OrderItemRecord>();
  for (const i of items) {
    const prev = bySku.get(i.sellerSku);
    if (!prev) {
      bySku.set(i.sellerSku, { ...i, promotionIds: [...i.promotionIds] });
      continue;
    }
    prev.quantity += i.quantity;
    prev.quantityShipped += i.quantityShipped;
    prev.itemPriceMinor += i.itemPriceMinor;
    prev.shippingPriceMinor += i.shippingPriceMinor;
    prev.discountMinor += i.discountMinor;
    prev.taxMinor += i.taxMinor;
    prev.orderItemId = prev.orderItemId ?? i.orderItemId;
    prev.asin = prev.asin ?? i.asin;
    prev.title = prev.title ?? i.title;
    for (const p of i.promotionIds) if (!prev.promotionIds.includes(p)) prev.promotionIds.push(p);
  }
  return [...bySku.values()];
}

/** The state already stored for an order, as far as the upsert decision needs it. */
export interface StoredOrderState {
  lastUpdatedAt: number;
  status: OrderStatus;
  totalMinor: bigint;
  units: number;
  source: string;
}

export type UpsertDecision = 'insert' | 'update' | 'stale' | 'unchanged';

/**
 * Sources arrive late, twice and out of order (a notification after the next poll, a re-imported file): an order
 * changes only when the incoming version is at least as new as the stored one, and only if something differs.
 * At the same `lastUpdatedAt` the API (which carries order item ids) wins over a flat file.
 */
export function decideUpsert(
  stored: StoredOrderState | undefined,
  incoming: { lastUpdatedAt: number; status: OrderStatus; totalMinor: bigint; units: number; source: string },
): UpsertDecision {
  if (!stored) return 'insert';
  if (incoming.lastUpdatedAt < stored.lastUpdatedAt) return 'stale';
  const same =
    incoming.status === stored.status && incoming.totalMinor === stored.totalMinor && incoming.units === stored.units;
  if (incoming.lastUpdatedAt === stored.lastUpdatedAt) {
    if (same) return incoming.source === 'api' && stored.source !== 'api' ? 'update' : 'unchanged';
    return incoming.source === 'api' || stored.source !== 'api' ? 'update' : 'stale';
  }
  return 'update';
}

/** Flat-file order statuses (all-orders reports) in the Orders API's terms. */
export function statusFromFlatFile(orderStatus: string, itemStatus: string): OrderStatus | null {
  const s = orderStatus.trim().toLowerCase();
  if (s === 'shipped' || s === 'complete' || s === 'shipping') return 'SHIPPED';
  if (s === 'cancelled' || s === 'canceled') return 'CANCELLED';
  if (s === 'partiallyshipped' || s === 'partially shipped') return 'PARTIALLY_SHIPPED';
  if (s === 'unshipped') return 'UNSHIPPED';
  if (s === 'pending' || s === 'pending - waiting for pick up') {
    // An all-orders file writes "Pending" for paid-but-unshipped orders too; its item status tells them apart.
    return itemStatus.trim().toLowerCase() === 'unshipped' ? 'UNSHIPPED' : 'PENDING';
  }
  if (s === 'unfulfillable') return 'UNFULFILLABLE';
  return null;
}
