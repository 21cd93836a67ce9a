import { HOUR_MS } from '../scenario/calendar.ts';
import { hash32 } from '../scenario/fast-random.ts';
import { lastUpdatedAt, statusAt } from '../scenario/order-timeline.ts';
import type { OrderStatus, ScenarioOrder, ScenarioOrderItem, ServiceLevel } from '../scenario/scenario-types.ts';
import { iso, money } from './stateful-context.ts';

/**
 * An order in the Orders API v2026-01-01 shape (definitions `Order`, `OrderItem` of orders_2026-01-01.json), as it is
 * at `asOf`, with the datasets of `includedData`. The scenario is PII-free: BUYER carries no name or email, RECIPIENT
 * only city, region, postal code and country.
 */

export const INCLUDED_DATA = [
  'BUYER',
  'RECIPIENT',
  'PROCEEDS',
  'EXPENSE',
  'PROMOTION',
  'CANCELLATION',
  'FULFILLMENT',
  'PACKAGES',
  'TAX',
  'PAYMENT',
  'FULFILLMENT_ORDERS',
] as const;
export type IncludedData = (typeof INCLUDED_DATA)[number];

export const FULFILLMENT_STATUSES = [
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
] as const;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];

/** v0 status → v2026 FulfillmentStatus. */
export const STATUS_2026: Record<OrderStatus, FulfillmentStatus> = {
  Pending: 'PENDING',
  Unshipped: 'UNSHIPPED',
  Shipped: 'SHIPPED',
  Canceled: 'CANCELLED',
};

const LEVEL_2026: Record<ServiceLevel, string> = {
  Standard: 'STANDARD',
  Expedited: 'EXPEDITED',
  SecondDay: 'SECOND_DAY',
  NextDay: 'NEXT_DAY',
};

const CARRIERS: Record<string, [string, string]> = {
  US: ['UPS', 'UPS Ground'],
  CA: ['Canada Post', 'Expedited Parcel'],
  MX: ['Estafeta', 'Estafeta Terrestre'],
  GB: ['Royal Mail', 'Royal Mail Tracked 48'],
  DE: ['DHL', 'DHL Paket'],
  FR: ['Colissimo', 'Colissimo Domicile'],
  IT: ['BRT', 'BRT Express'],
  ES: ['SEUR', 'SEUR 24'],
  JP: ['Yamato Transport', 'TA-Q-BIN'],
  AU: ['Australia Post', 'Parcel Post'],
  SG: ['SingPost', 'SmartPac'],
};

/** Renders one order. */
export function renderOrder2026(order: ScenarioOrder, asOf: number, included: ReadonlySet<IncludedData>): unknown {
  const t = order.timeline;
  const status = statusAt(t, asOf) ?? 'Pending';
  const m = (minor: number) => money(minor, order.currency, order.currencyDigits);
  const programs: string[] = [];
  if (t.isPrime) programs.push('PRIME');
  if (t.isBusiness) programs.push('AMAZON_BUSINESS');
  const out: Record<string, unknown> = {
    orderId: order.orderId,
    orderAliases: [{ aliasId: order.orderId, aliasType: 'SELLER_ORDER_ID' }],
    createdTime: iso(t.purchase),
    lastUpdatedTime: iso(lastUpdatedAt(t, asOf)),
  };
  if (programs.length > 0) out.programs = programs;
  out.salesChannel = { channelName: 'AMAZON', marketplaceId: order.marketplaceId, marketplaceName: order.salesChannel };
  if (included.has('BUYER')) {
    out.buyer = order.purchaseOrderNumber ? { buyerPurchaseOrderNumber: order.purchaseOrderNumber } : {};
  }
  if (included.has('RECIPIENT')) {
    out.recipient = {
      deliveryAddress: { ...order.shipTo, addressType: t.isBusiness ? 'COMMERCIAL' : 'RESIDENTIAL' },
    };
  }
  const items = order.items.map((item) => ({ item, proceeds: itemProceeds(order, item) }));
  if (included.has('PROCEEDS') && status !== 'Canceled') {
    const totals = new Map<string, number>();
    let grand = 0;
    for (const { proceeds } of items) {
      for (const [type, amount] of proceeds.parts) totals.set(type, (totals.get(type) ?? 0) + amount);
      grand += proceeds.total;
    }
    out.proceeds = {
      grandTotal: m(grand),
      breakdowns: [...totals].map(([type, amount]) => ({ type, subtotal: m(amount) })),
    };
  }
  if (included.has('PAYMENT') && (status === 'Unshipped' || status === 'Shipped')) {
    const paid = items.reduce((s, x) => s + x.proceeds.total, 0);
    out.payment = { paymentExecutions: [{ paymentMethod: 'CreditCard', paymentAmount: m(paid) }] };
  }
  if (included.has('FULFILLMENT')) {
    out.fulfillment = {
      fulfillmentStatus: STATUS_2026[status],
      fulfilledBy: order.channel === 'AFN' ? 'AMAZON' : 'MERCHANT',
      fulfillmentServiceLevel: LEVEL_2026[t.serviceLevel],
      shipByWindow: { earliestDateTime: iso(t.earliestShip), latestDateTime: iso(t.latestShip) },
      deliverByWindow: { earliestDateTime: iso(t.earliestDelivery), latestDateTime: iso(t.latestDelivery) },
    };
  }
  out.orderItems = items.map(({ item, proceeds }) => {
    const shipped = status === 'Shipped' ? item.quantity : 0;
    const rendered: Record<string, unknown> = {
      orderItemId: item.orderItemId,
      quantityOrdered: item.quantity,
      product: {
        asin: item.asin,
        title: item.title,
        sellerSku: item.sku,
        condition: { conditionType: 'NEW', conditionSubtype: 'NEW' },
        price: { unitPrice: m(item.unitPrice) },
      },
    };
    if (included.has('PROCEEDS') && status !== 'Canceled') {
      rendered.proceeds = {
        proceedsTotal: m(proceeds.total),
        breakdowns: proceeds.parts.map(([type, amount]) => {
          const b: Record<string, unknown> = { type, subtotal: m(amount) };
          if (type === 'DISCOUNT') b.detailedBreakdowns = [{ subtype: 'ITEM', value: m(amount) }];
          return b;
        }),
      };
    }
    if (included.has('EXPENSE') && order.marketplaceId === 'A1VC38T7YXB528' && status !== 'Canceled') {
      const points = Math.floor(item.itemPrice / 100);
      rendered.expense = { pointsCost: { pointsGranted: { pointsNumber: points, pointsMonetaryValue: m(points) } } };
    }
    if (included.has('PROMOTION') && item.promotionId)
      rendered.promotion = { breakdowns: [{ promotionId: item.promotionId }] };
    if (included.has('CANCELLATION') && status === 'Canceled' && order.cancel) {
      const cancellation: Record<string, unknown> = {
        cancellationExecution: { cancelledBy: order.cancel.cancelledBy, cancelReason: order.cancel.reason },
      };
      if (order.cancel.requestedByBuyer) {
        cancellation.cancellationRequest = { requester: 'BUYER', cancelReason: order.cancel.reason };
      }
      rendered.cancellation = cancellation;
    }
    if (included.has('FULFILLMENT')) {
      rendered.fulfillment = {
        quantityFulfilled: shipped,
        quantityUnfulfilled: status === 'Canceled' ? 0 : item.quantity - shipped,
      };
    }
    if (included.has('TAX')) {
      rendered.tax = {
        taxCollections: [{ model: 'MARKETPLACE_FACILITATOR', responsibleParty: order.taxResponsibleParty }],
      };
    }
    return rendered;
  });
  if (included.has('PACKAGES') && order.channel === 'MFN' && status === 'Shipped' && t.shipped !== undefined) {
    const [carrier, service] = CARRIERS[order.shipTo.countryCode] ?? ['UPS', 'UPS Ground'];
    const delivered = t.delivered !== undefined && t.delivered <= asOf;
    out.packages = [
      {
        packageReferenceId: '1',
        createdTime: iso(t.shipped - 2 * HOUR_MS),
        packageStatus: delivered
          ? { status: 'DELIVERED', detailedStatus: 'DELIVERED' }
          : { status: 'IN_TRANSIT', detailedStatus: 'PICKED_UP' },
        carrier,
        shipTime: iso(t.shipped),
        shippingService: service,
        trackingNumber: `1Z${hash32(order.orderId, 'tracking').toString(36).toUpperCase().padStart(7, '0')}${order.orderId.slice(-7)}`,
        packageItems: order.items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantity })),
      },
    ];
  }
  return out;
}

interface ItemProceeds {
  total: number;
  parts: [string, number][];
}

/**
 * What the buyer pays for a line, by category: ITEM, SHIPPING, DISCOUNT (negative) and, where tax is added at
 * checkout, TAX. Where prices include VAT there is no TAX line (as in Amazon's examples for VAT marketplaces).
 */
function itemProceeds(order: ScenarioOrder, item: ScenarioOrderItem): ItemProceeds {
  const parts: [string, number][] = [['ITEM', item.itemPrice]];
  if (item.shippingPrice > 0) parts.push(['SHIPPING', item.shippingPrice]);
  if (!order.taxIncluded) {
    const tax = item.itemTax + item.shippingTax - item.promotionDiscountTax;
    if (tax > 0) parts.push(['TAX', tax]);
  }
  if (item.promotionDiscount > 0) parts.push(['DISCOUNT', -item.promotionDiscount]);
  return { total: parts.reduce((s, [, a]) => s + a, 0), parts };
}
