import { lastUpdatedAt, statusAt } from '../scenario/order-timeline.ts';
import type { ScenarioOrder, ScenarioOrderItem, ServiceLevel } from '../scenario/scenario-types.ts';
import { iso, moneyV0 } from './stateful-context.ts';

/**
 * Orders API v0 shapes (definitions `Order` and `OrderItem` of ordersV0.json) for a scenario order at `asOf`. Pending
 * and canceled orders carry no OrderTotal and no ShippingAddress, as on Amazon; the address is PII-free (no name,
 * street or phone) and BuyerInfo only ever holds a business buyer's purchase order number.
 */

const SHIP_CATEGORY: Record<ServiceLevel, string> = {
  Standard: 'Standard',
  Expedited: 'Expedited',
  SecondDay: 'SecondDay',
  NextDay: 'NextDay',
};

/** Renders an order. */
export function renderOrderV0(order: ScenarioOrder, asOf: number): Record<string, unknown> {
  const t = order.timeline;
  const status = statusAt(t, asOf) ?? 'Pending';
  const units = order.items.reduce((s, i) => s + i.quantity, 0);
  const shipped = status === 'Shipped' ? units : 0;
  const out: Record<string, unknown> = {
    AmazonOrderId: order.orderId,
    SellerOrderId: order.orderId,
    PurchaseDate: iso(t.purchase),
    LastUpdateDate: iso(lastUpdatedAt(t, asOf)),
    OrderStatus: status,
    FulfillmentChannel: order.channel,
    SalesChannel: order.salesChannel,
    ShipServiceLevel: shipServiceLevel(order),
  };
  if (status !== 'Pending' && status !== 'Canceled') {
    const total = order.items.reduce((s, i) => s + buyerPays(order, i), 0);
    out.OrderTotal = moneyV0(total, order.currency, order.currencyDigits);
  }
  Object.assign(out, {
    NumberOfItemsShipped: shipped,
    NumberOfItemsUnshipped: status === 'Canceled' ? 0 : units - shipped,
    PaymentMethod: 'Other',
    PaymentMethodDetails: ['Standard'],
    IsReplacementOrder: false,
    MarketplaceId: order.marketplaceId,
    ShipmentServiceLevelCategory: SHIP_CATEGORY[t.serviceLevel],
    OrderType: 'StandardOrder',
    EarliestShipDate: iso(t.earliestShip),
    LatestShipDate: iso(t.latestShip),
    EarliestDeliveryDate: iso(t.earliestDelivery),
    LatestDeliveryDate: iso(t.latestDelivery),
    IsBusinessOrder: t.isBusiness,
    IsPrime: t.isPrime && order.channel === 'MFN',
    IsPremiumOrder: false,
    IsGlobalExpressEnabled: false,
    IsSoldByAB: false,
    IsISPU: false,
    IsAccessPointOrder: false,
    HasRegulatedItems: false,
  });
  if (order.channel === 'MFN') out.AutomatedShippingSettings = { HasAutomatedShippingSettings: false };
  if (status === 'Unshipped' || status === 'Shipped') {
    out.ShippingAddress = {
      City: order.shipTo.city,
      StateOrRegion: order.shipTo.stateOrRegion,
      PostalCode: order.shipTo.postalCode,
      CountryCode: order.shipTo.countryCode,
      AddressType: t.isBusiness ? 'Commercial' : 'Residential',
    };
  }
  if (order.purchaseOrderNumber) out.BuyerInfo = { PurchaseOrderNumber: order.purchaseOrderNumber };
  return out;
}

/** Renders an order item. */
export function renderOrderItemV0(
  order: ScenarioOrder,
  item: ScenarioOrderItem,
  asOf: number,
): Record<string, unknown> {
  const status = statusAt(order.timeline, asOf);
  const m = (minor: number) => moneyV0(minor, order.currency, order.currencyDigits);
  const out: Record<string, unknown> = {
    ASIN: item.asin,
    SellerSKU: item.sku,
    OrderItemId: item.orderItemId,
    Title: item.title,
    QuantityOrdered: item.quantity,
    QuantityShipped: status === 'Shipped' ? item.quantity : 0,
    ProductInfo: { NumberOfItems: '1' },
    ItemPrice: m(item.itemPrice),
    ShippingPrice: m(item.shippingPrice),
    ItemTax: m(item.itemTax),
    ShippingTax: m(item.shippingTax),
    ShippingDiscount: m(0),
    ShippingDiscountTax: m(0),
    PromotionDiscount: m(item.promotionDiscount),
    PromotionDiscountTax: m(item.promotionDiscountTax),
  };
  if (item.promotionId) out.PromotionIds = [item.promotionId];
  Object.assign(out, {
    IsGift: 'false',
    ConditionId: 'New',
    ConditionSubtypeId: 'New',
    IsTransparency: false,
    SerialNumberRequired: false,
  });
  // The model's TaxCollection.ResponsibleParty enum only knows the US entity.
  if (order.taxResponsibleParty === 'Amazon Services, Inc.') {
    out.TaxCollection = { Model: 'MarketplaceFacilitator', ResponsibleParty: 'Amazon Services, Inc.' };
  }
  if (order.cancel?.requestedByBuyer && status === 'Canceled') {
    out.BuyerRequestedCancel = { IsBuyerRequestedCancel: 'true', BuyerCancelReason: order.cancel.reason };
  }
  return out;
}

/** What the buyer pays for a line (tax added where it is not included in the price). */
function buyerPays(order: ScenarioOrder, item: ScenarioOrderItem): number {
  const net = item.itemPrice + item.shippingPrice - item.promotionDiscount;
  return order.taxIncluded ? net : net + item.itemTax + item.shippingTax - item.promotionDiscountTax;
}

function shipServiceLevel(order: ScenarioOrder): string {
  const level = order.timeline.serviceLevel;
  if (order.channel === 'AFN') return level;
  const cc = order.shipTo.countryCode;
  return level === 'Standard' ? `Std ${cc} D2D Dom` : `Exp ${cc} D2D Dom`;
}
