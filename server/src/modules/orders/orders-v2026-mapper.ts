import { AppError } from '../../platform/errors.js';
import { parseMoney } from '../../platform/money.js';
import { findMarketplace } from '../stores/index.js';
import { isTaxAddedAtCheckout, type OrderItemRecord, type OrderRecord } from './order-records.js';

/**
 * Orders API v2026-01-01 `Order` → OrderRecord. Unknown fields are ignored; amounts are read from the PROCEEDS
 * breakdowns (ITEM, SHIPPING, DISCOUNT, TAX) of each line, so what a line totals is what the buyer paid for it.
 */

interface Money {
  amount?: string;
  currencyCode?: string;
}
interface Breakdown {
  type?: string;
  subtotal?: Money;
}
interface ApiItem {
  orderItemId?: string;
  quantityOrdered?: number;
  product?: { asin?: string; title?: string; sellerSku?: string; price?: { unitPrice?: Money } };
  proceeds?: { proceedsTotal?: Money; breakdowns?: Breakdown[] };
  promotion?: { breakdowns?: { promotionId?: string }[] };
  fulfillment?: { quantityFulfilled?: number; quantityUnfulfilled?: number };
}
export interface ApiOrder2026 {
  orderId?: string;
  createdTime?: string;
  lastUpdatedTime?: string;
  programs?: string[];
  salesChannel?: { channelName?: string; marketplaceId?: string; marketplaceName?: string };
  fulfillment?: { fulfillmentStatus?: string; fulfilledBy?: string; fulfillmentServiceLevel?: string };
  recipient?: {
    deliveryAddress?: { city?: string; stateOrRegion?: string; postalCode?: string; countryCode?: string };
  };
  proceeds?: { grandTotal?: Money };
  orderItems?: ApiItem[];
}

const STATUSES = new Set([
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
]);

function instant(text: string | undefined, what: string, orderId: string): number {
  const ms = text ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new AppError('UPSTREAM_UNAVAILABLE', `Order ${orderId}: ${what} "${text}" is not a date`);
  return ms;
}

function minor(m: Money | undefined, currency: string): bigint {
  if (!m?.amount) return 0n;
  return parseMoney(m.amount, m.currencyCode ?? currency).amountMinor;
}

/** Maps one order; throws for an order without id, marketplace or dates (a malformed response). */
export function mapOrder2026(o: ApiOrder2026): OrderRecord {
  const orderId = o.orderId ?? '';
  if (!orderId) throw new AppError('UPSTREAM_UNAVAILABLE', 'An order in the response has no orderId');
  const marketplaceId = o.salesChannel?.marketplaceId ?? '';
  const marketplace = findMarketplace(marketplaceId);
  if (!marketplace)
    throw new AppError('UPSTREAM_UNAVAILABLE', `Order ${orderId}: unknown marketplace ${marketplaceId}`);
  const status = o.fulfillment?.fulfillmentStatus ?? 'PENDING';
  if (!STATUSES.has(status)) throw new AppError('UPSTREAM_UNAVAILABLE', `Order ${orderId}: unknown status ${status}`);
  const items = o.orderItems ?? [];
  const currency =
    o.proceeds?.grandTotal?.currencyCode ??
    items.find((i) => i.product?.price?.unitPrice?.currencyCode)?.product?.price?.unitPrice?.currencyCode ??
    marketplace.currency;
  const taxAdded = isTaxAddedAtCheckout(marketplace.code);
  const address = o.recipient?.deliveryAddress;
  return {
    amazonOrderId: orderId,
    marketplaceId,
    purchaseAt: instant(o.createdTime, 'createdTime', orderId),
    lastUpdatedAt: instant(o.lastUpdatedTime ?? o.createdTime, 'lastUpdatedTime', orderId),
    status: status as OrderRecord['status'],
    fulfillmentChannel:
      o.fulfillment?.fulfilledBy === 'AMAZON' ? 'AFN' : o.fulfillment?.fulfilledBy === 'MERCHANT' ? 'MFN' : null,
    salesChannel: o.salesChannel?.marketplaceName ?? null,
    serviceLevel: o.fulfillment?.fulfillmentServiceLevel ?? null,
    isPrime: (o.programs ?? []).includes('PRIME'),
    isBusiness: (o.programs ?? []).includes('AMAZON_BUSINESS'),
    currency,
    shipCity: address?.city ?? null,
    shipRegion: address?.stateOrRegion ?? null,
    shipPostalCode: address?.postalCode ?? null,
    shipCountry: address?.countryCode ?? null,
    items: items.map((i): OrderItemRecord => {
      const parts = new Map<string, bigint>();
      for (const b of i.proceeds?.breakdowns ?? [])
        if (b.type) parts.set(b.type, (parts.get(b.type) ?? 0n) + minor(b.subtotal, currency));
      const quantity = i.quantityOrdered ?? 0;
      const cancelled = status === 'CANCELLED';
      return {
        orderItemId: i.orderItemId ?? null,
        sellerSku: i.product?.sellerSku ?? i.product?.asin ?? i.orderItemId ?? '',
        asin: i.product?.asin ?? null,
        title: i.product?.title ?? null,
        quantity: cancelled ? 0 : quantity,
        quantityShipped: i.fulfillment?.quantityFulfilled ?? (status === 'SHIPPED' ? quantity : 0),
        itemPriceMinor: parts.get('ITEM') ?? 0n,
        shippingPriceMinor: parts.get('SHIPPING') ?? 0n,
        discountMinor: parts.get('DISCOUNT') ?? 0n,
        taxMinor: taxAdded ? (parts.get('TAX') ?? 0n) : 0n,
        promotionIds: (i.promotion?.breakdowns ?? []).flatMap((p) => (p.promotionId ? [p.promotionId] : [])),
      };
    }),
  };
}
