import type { OperationHandler } from '../handlers.ts';
import type { OrderStatus, ScenarioOrder } from '../scenario/scenario-types.ts';
import { type Cursor, type OrderQuery, searchOrders } from './order-search.ts';
import { requestElements, withPii } from './orders-v0-pii.ts';
import { renderOrderItemV0, renderOrderV0 } from './orders-v0-render.ts';
import { guarded, InputError, Query } from './query-params.ts';
import { iso, marketplaceIndexes, nowOf, type StatefulDeps, sellerOf } from './stateful-context.ts';

/** Orders API v0 (deprecated by Amazon, still served for older clients): getOrders, getOrder, getOrderItems. */

const TWO_MINUTES = 120_000;
const V0_STATUSES = [
  'PendingAvailability',
  'Pending',
  'Unshipped',
  'PartiallyShipped',
  'Shipped',
  'InvoiceUnconfirmed',
  'Canceled',
  'Unfulfillable',
] as const;
const SCENARIO_STATUSES: readonly string[] = ['Pending', 'Unshipped', 'Shipped', 'Canceled'];

interface GetOrdersState {
  query: OrderQuery;
  max: number;
  cursor?: Cursor;
}

/** GET /orders/v0/orders */
export function getOrdersHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const seller = sellerOf(deps, request);
    const now = nowOf(context);
    const marketplaces = marketplaceIndexes(seller, q.requiredList('MarketplaceIds', 50), 'MarketplaceIds');
    const elements = requestElements(request);
    const render = (o: ScenarioOrder, asOf: number) =>
      withPii(deps.scenario.seed, o, renderOrderV0(o, asOf), elements, asOf);
    const token = q.string('NextToken');
    if (!token) {
      const ids =
        q.list('AmazonOrderIds', 50) ?? (q.string('SellerOrderId') ? [q.required('SellerOrderId')] : undefined);
      if (ids) {
        const orders = ids
          .map((id) => deps.scenario.orderById(id, now))
          .filter((o): o is ScenarioOrder => !!o && o.sellerId === seller.sellerId)
          .filter((o) => marketplaces.includes(seller.marketplaceIndex(o.marketplaceId)));
        return { status: 200, body: { payload: { Orders: orders.map((o) => render(o, now)) } } };
      }
    }
    const state = token
      ? deps.tokens.decode<GetOrdersState>('getOrders', seller.sellerId, token, 'NextToken')
      : newState(q, now, marketplaces);
    const page = searchOrders(seller, state.query, state.cursor, state.max);
    const payload: Record<string, unknown> = { Orders: page.orders.map((o) => render(o, state.query.asOf)) };
    if (page.next) {
      payload.NextToken = deps.tokens.encode('getOrders', seller.sellerId, { ...state, cursor: page.next });
    }
    payload[state.query.mode === 'created' ? 'CreatedBefore' : 'LastUpdatedBefore'] = iso(state.query.to);
    return { status: 200, body: { payload } };
  });
}

function newState(q: Query, now: number, marketplaces: number[]): GetOrdersState {
  const createdAfter = q.date('CreatedAfter');
  const createdBefore = q.date('CreatedBefore');
  const lastUpdatedAfter = q.date('LastUpdatedAfter');
  const lastUpdatedBefore = q.date('LastUpdatedBefore');
  if (createdAfter === undefined && lastUpdatedAfter === undefined) {
    throw new InputError('Either CreatedAfter or LastUpdatedAfter must be specified.');
  }
  if (createdAfter !== undefined && (lastUpdatedAfter !== undefined || lastUpdatedBefore !== undefined)) {
    throw new InputError('LastUpdatedAfter and LastUpdatedBefore cannot be set when CreatedAfter is set.');
  }
  if (lastUpdatedAfter !== undefined && createdBefore !== undefined) {
    throw new InputError('CreatedBefore cannot be set when LastUpdatedAfter is set.');
  }
  const created = createdAfter !== undefined;
  const from = (createdAfter ?? lastUpdatedAfter) as number;
  const given = created ? createdBefore : lastUpdatedBefore;
  const beforeName = created ? 'CreatedBefore' : 'LastUpdatedBefore';
  if (given !== undefined && given > now - TWO_MINUTES) {
    throw new InputError(`${beforeName} must be at least two minutes before the current time.`);
  }
  const to = given ?? now - TWO_MINUTES;
  if (from > to) throw new InputError(`${created ? 'CreatedAfter' : 'LastUpdatedAfter'} must be before ${beforeName}.`);
  const statuses = q.enumList('OrderStatuses', V0_STATUSES);
  const channels = q.enumList('FulfillmentChannels', ['AFN', 'MFN'] as const);
  const query: OrderQuery = { mode: created ? 'created' : 'updated', from, to, asOf: now, marketplaces };
  if (statuses) query.statuses = statuses.filter((s): s is OrderStatus => SCENARIO_STATUSES.includes(s));
  if (channels) query.channels = channels;
  return { query, max: q.int('MaxResultsPerPage', 1, 100) ?? 100 };
}

/** Finds the caller's order or throws the 404. */
export function ownOrder(deps: StatefulDeps, sellerId: string, orderId: string, now: number): ScenarioOrder {
  if (!/^\d{3}-\d{7}-\d{7}$/.test(orderId))
    throw new InputError(`Invalid orderId '${orderId}': expected the 3-7-7 format.`);
  const order = deps.scenario.orderById(orderId, now);
  if (!order || order.sellerId !== sellerId) throw new InputError(`Order ${orderId} was not found.`, 404, 'NotFound');
  return order;
}

/** GET /orders/v0/orders/{orderId} */
export function getOrderV0Handler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const seller = sellerOf(deps, request);
    const now = nowOf(context);
    const order = ownOrder(deps, seller.sellerId, request.pathParams.orderId ?? '', now);
    const payload = withPii(deps.scenario.seed, order, renderOrderV0(order, now), requestElements(request), now);
    return { status: 200, body: { payload } };
  });
}

/** GET /orders/v0/orders/{orderId}/orderItems; `pageSize` items per page (Amazon's page is large; tests shrink it). */
export function getOrderItemsHandler(deps: StatefulDeps, pageSize = 100): OperationHandler {
  return guarded((request, context) => {
    const seller = sellerOf(deps, request);
    const now = nowOf(context);
    const orderId = request.pathParams.orderId ?? '';
    const token = Query.of(request).string('NextToken');
    const offset = token
      ? deps.tokens.decode<{ o: string; n: number }>('getOrderItems', seller.sellerId, token, 'NextToken')
      : undefined;
    if (offset && offset.o !== orderId) throw new InputError('Invalid NextToken: it was issued for another order.');
    const order = ownOrder(deps, seller.sellerId, orderId, now);
    const start = offset?.n ?? 0;
    const items = order.items.slice(start, start + pageSize);
    const payload: Record<string, unknown> = {
      OrderItems: items.map((i) => renderOrderItemV0(order, i, now)),
      AmazonOrderId: order.orderId,
    };
    if (start + pageSize < order.items.length) {
      payload.NextToken = deps.tokens.encode('getOrderItems', seller.sellerId, { o: orderId, n: start + pageSize });
    }
    return { status: 200, body: { payload } };
  });
}
