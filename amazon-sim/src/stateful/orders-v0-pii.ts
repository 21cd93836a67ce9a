import type { OperationHandler } from '../handlers.ts';
import { createRandom, randomHex } from '../random.ts';
import { type DataElement, dataElementsOf, requireRdt } from '../rdt.ts';
import { statusAt } from '../scenario/order-timeline.ts';
import type { ScenarioOrder } from '../scenario/scenario-types.ts';
import { ownOrder } from './orders-v0-handlers.ts';
import { guarded, InputError, Query } from './query-params.ts';
import { nowOf, type StatefulDeps, sellerOf } from './stateful-context.ts';

/**
 * Orders v0 restricted (PII) operations: getOrderAddress, getOrderBuyerInfo, getOrderItemsBuyerInfo, and the PII an
 * RDT adds to getOrders / getOrder. The PII is synthetic and plainly fake (`Sim Buyer`, `*.example` e-mail, 555-01xx
 * phone numbers), derived from the scenario seed and the order id so that the same seed gives the same buyer.
 */

const FIRST = ['Alex', 'Sam', 'Robin', 'Jordan', 'Casey', 'Morgan', 'Taylor', 'Riley'];
const STREETS = ['Simulated St', 'Fixture Ave', 'Sandbox Rd', 'Mock Blvd', 'Placeholder Ln'];

/** A buyer's fake identity and street address for an order. */
export interface FakeBuyer {
  name: string;
  email: string;
  phone: string;
  addressLine1: string;
  companyName?: string;
}

/** The fake buyer of `order`, deterministic from `seed`. */
export function fakeBuyer(seed: string, order: ScenarioOrder): FakeBuyer {
  const r = createRandom(`${seed}:pii:${order.orderId}`);
  const first = FIRST[r.int(0, FIRST.length - 1)] ?? 'Alex';
  const buyer: FakeBuyer = {
    name: `${first} Sim-Buyer`,
    email: `${randomHex(r, 16)}@marketplace.amazon.example`,
    phone: `+1 555-01${String(r.int(0, 99)).padStart(2, '0')}`,
    addressLine1: `${r.int(1, 9999)} ${STREETS[r.int(0, STREETS.length - 1)] ?? 'Simulated St'}`,
  };
  if (order.timeline.isBusiness) buyer.companyName = `Fake Company ${randomHex(r, 4).toUpperCase()} LLC`;
  return buyer;
}

/** Whether the order has an address to disclose (Amazon withholds it while pending and after cancellation). */
function hasAddress(order: ScenarioOrder, asOf: number): boolean {
  const status = statusAt(order.timeline, asOf);
  return status === 'Unshipped' || status === 'Shipped';
}

/** The full `Address` of the model for the order's ship-to. */
function fullAddress(order: ScenarioOrder, buyer: FakeBuyer): Record<string, unknown> {
  const out: Record<string, unknown> = { Name: buyer.name };
  if (buyer.companyName) out.CompanyName = buyer.companyName;
  Object.assign(out, {
    AddressLine1: buyer.addressLine1,
    City: order.shipTo.city,
    StateOrRegion: order.shipTo.stateOrRegion,
    PostalCode: order.shipTo.postalCode,
    CountryCode: order.shipTo.countryCode,
    Phone: buyer.phone,
    AddressType: order.timeline.isBusiness ? 'Commercial' : 'Residential',
  });
  return out;
}

/** The `OrderBuyerInfo` fields (without AmazonOrderId). */
function buyerInfo(order: ScenarioOrder, buyer: FakeBuyer): Record<string, unknown> {
  const out: Record<string, unknown> = { BuyerEmail: buyer.email, BuyerName: buyer.name };
  if (order.purchaseOrderNumber) out.PurchaseOrderNumber = order.purchaseOrderNumber;
  return out;
}

/** Adds the PII `elements` unlock to a rendered v0 order (getOrders / getOrder called with an RDT). */
export function withPii(
  seed: string,
  order: ScenarioOrder,
  rendered: Record<string, unknown>,
  elements: readonly DataElement[],
  asOf: number,
): Record<string, unknown> {
  if (elements.length === 0) return rendered;
  const buyer = fakeBuyer(seed, order);
  const out = { ...rendered };
  if (elements.includes('shippingAddress') && hasAddress(order, asOf)) out.ShippingAddress = fullAddress(order, buyer);
  if (elements.includes('buyerInfo')) out.BuyerInfo = buyerInfo(order, buyer);
  if (elements.includes('buyerTaxInformation') && buyer.companyName) {
    out.BuyerTaxInformation = { BuyerLegalCompanyName: buyer.companyName };
  }
  return out;
}

/** The RDT data elements of a request (empty with a plain LWA token). */
export const requestElements = (request: Parameters<OperationHandler>[0]) =>
  dataElementsOf(request.token, request.method, request.rawPath);

/** GET /orders/v0/orders/{orderId}/address (RDT only). */
export function getOrderAddressHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const denied = requireRdt(request);
    if (denied) return denied;
    const now = nowOf(context);
    const order = ownOrder(deps, sellerOf(deps, request).sellerId, request.pathParams.orderId ?? '', now);
    const buyer = fakeBuyer(deps.scenario.seed, order);
    const payload: Record<string, unknown> = { AmazonOrderId: order.orderId };
    if (buyer.companyName) payload.BuyerCompanyName = buyer.companyName;
    if (hasAddress(order, now)) payload.ShippingAddress = fullAddress(order, buyer);
    return { status: 200, body: { payload } };
  });
}

/** GET /orders/v0/orders/{orderId}/buyerInfo (RDT only). */
export function getOrderBuyerInfoHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const denied = requireRdt(request);
    if (denied) return denied;
    const now = nowOf(context);
    const order = ownOrder(deps, sellerOf(deps, request).sellerId, request.pathParams.orderId ?? '', now);
    const payload = { AmazonOrderId: order.orderId, ...buyerInfo(order, fakeBuyer(deps.scenario.seed, order)) };
    return { status: 200, body: { payload } };
  });
}

/** GET /orders/v0/orders/{orderId}/orderItems/buyerInfo (RDT only); no gifts or customizations in the scenario. */
export function getOrderItemsBuyerInfoHandler(deps: StatefulDeps, pageSize = 100): OperationHandler {
  return guarded((request, context) => {
    const denied = requireRdt(request);
    if (denied) return denied;
    const seller = sellerOf(deps, request);
    const orderId = request.pathParams.orderId ?? '';
    const token = Query.of(request).string('NextToken');
    const offset = token
      ? deps.tokens.decode<{ o: string; n: number }>('getOrderItemsBuyerInfo', seller.sellerId, token, 'NextToken')
      : undefined;
    if (offset && offset.o !== orderId) throw new InputError('Invalid NextToken: it was issued for another order.');
    const order = ownOrder(deps, seller.sellerId, orderId, nowOf(context));
    const start = offset?.n ?? 0;
    const items = order.items.slice(start, start + pageSize);
    const payload: Record<string, unknown> = {
      OrderItems: items.map((i) => ({ OrderItemId: i.orderItemId })),
      AmazonOrderId: order.orderId,
    };
    if (start + pageSize < order.items.length) {
      const next = { o: orderId, n: start + pageSize };
      payload.NextToken = deps.tokens.encode('getOrderItemsBuyerInfo', seller.sellerId, next);
    }
    return { status: 200, body: { payload } };
  });
}
