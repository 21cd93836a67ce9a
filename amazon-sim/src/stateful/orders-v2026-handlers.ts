import type { OperationHandler } from '../handlers.ts';
import type { FulfillmentChannel, OrderStatus } from '../scenario/scenario-types.ts';
import { type Cursor, type OrderQuery, type SearchMode, searchOrders } from './order-search.ts';
import {
  FULFILLMENT_STATUSES,
  type FulfillmentStatus,
  INCLUDED_DATA,
  type IncludedData,
  renderOrder2026,
} from './orders-v2026-render.ts';
import { guarded, InputError, Query } from './query-params.ts';
import { iso, marketplaceIndexes, nowOf, type StatefulDeps, sellerOf } from './stateful-context.ts';

/** Orders API v2026-01-01: searchOrders (filters, includedData, paginationToken) and getOrder, on the scenario. */

const TWO_MINUTES = 120_000;

const STATUS_FROM_2026: Partial<Record<FulfillmentStatus, OrderStatus>> = {
  PENDING: 'Pending',
  UNSHIPPED: 'Unshipped',
  SHIPPED: 'Shipped',
  CANCELLED: 'Canceled',
};

interface SearchState {
  query: OrderQuery;
  max: number;
  included?: IncludedData[];
  cursor?: Cursor;
}

/** GET /orders/2026-01-01/orders */
export function searchOrdersHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const seller = sellerOf(deps, request);
    const included = q.enumList('includedData', INCLUDED_DATA);
    const token = q.string('paginationToken');
    const state = token
      ? deps.tokens.decode<SearchState>('searchOrders', seller.sellerId, token, 'paginationToken')
      : newSearch(
          q,
          nowOf(context),
          (ids) => marketplaceIndexes(seller, ids, 'marketplaceIds'),
          seller.catalog.marketplaces.length,
        );
    const page = searchOrders(seller, state.query, state.cursor, state.max);
    const datasets = new Set(included ?? state.included ?? []);
    const body: Record<string, unknown> = {
      orders: page.orders.map((o) => renderOrder2026(o, state.query.asOf, datasets)),
    };
    if (page.next) {
      const next: SearchState = { ...state, cursor: page.next };
      if (included) next.included = included;
      body.pagination = { nextToken: deps.tokens.encode('searchOrders', seller.sellerId, next) };
    }
    body[state.query.mode === 'created' ? 'createdBefore' : 'lastUpdatedBefore'] = iso(state.query.to);
    return { status: 200, body };
  });
}

function newSearch(q: Query, now: number, indexes: (ids: string[]) => number[], marketplaceCount: number): SearchState {
  const createdAfter = q.date('createdAfter');
  const createdBefore = q.date('createdBefore');
  const lastUpdatedAfter = q.date('lastUpdatedAfter');
  const lastUpdatedBefore = q.date('lastUpdatedBefore');
  if ((createdAfter === undefined) === (lastUpdatedAfter === undefined)) {
    throw new InputError('Exactly one of createdAfter and lastUpdatedAfter must be provided.');
  }
  if (createdAfter !== undefined && lastUpdatedBefore !== undefined) {
    throw new InputError('lastUpdatedBefore cannot be used together with createdAfter.');
  }
  if (lastUpdatedAfter !== undefined && createdBefore !== undefined) {
    throw new InputError('createdBefore cannot be used together with lastUpdatedAfter.');
  }
  const mode: SearchMode = createdAfter !== undefined ? 'created' : 'updated';
  const [afterName, beforeName] =
    mode === 'created' ? ['createdAfter', 'createdBefore'] : ['lastUpdatedAfter', 'lastUpdatedBefore'];
  const from = (createdAfter ?? lastUpdatedAfter) as number;
  const given = mode === 'created' ? createdBefore : lastUpdatedBefore;
  const to = given ?? now - TWO_MINUTES;
  if (given !== undefined && given > now - TWO_MINUTES) {
    throw new InputError(`${beforeName} must be at least two minutes before the time of the request.`);
  }
  if (from > to) throw new InputError(`${afterName} must be before ${beforeName} (${iso(to)}).`);
  const marketplaceIds = q.list('marketplaceIds', 50);
  const statuses = q.enumList('fulfillmentStatuses', FULFILLMENT_STATUSES);
  const fulfilledBy = q.enumList('fulfilledBy', ['MERCHANT', 'AMAZON'] as const);
  const query: OrderQuery = {
    mode,
    from,
    to,
    asOf: now,
    marketplaces: marketplaceIds ? indexes(marketplaceIds) : Array.from({ length: marketplaceCount }, (_, i) => i),
  };
  if (statuses) query.statuses = statuses.flatMap((s) => STATUS_FROM_2026[s] ?? []);
  if (fulfilledBy) query.channels = fulfilledBy.map((f): FulfillmentChannel => (f === 'AMAZON' ? 'AFN' : 'MFN'));
  const state: SearchState = { query, max: q.int('maxResultsPerPage', 1, 100) ?? 100 };
  const included = q.enumList('includedData', INCLUDED_DATA);
  if (included) state.included = included;
  return state;
}

/** GET /orders/2026-01-01/orders/{orderId} */
export function getOrder2026Handler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const seller = sellerOf(deps, request);
    const included = new Set(q.enumList('includedData', INCLUDED_DATA) ?? []);
    const orderId = request.pathParams.orderId ?? '';
    if (!/^\d{3}-\d{7}-\d{7}$/.test(orderId))
      throw new InputError(`Invalid orderId '${orderId}': expected the 3-7-7 format.`);
    const now = nowOf(context);
    const order = deps.scenario.orderById(orderId, now);
    if (!order || order.sellerId !== seller.sellerId) {
      throw new InputError(`Order ${orderId} was not found.`, 404, 'NotFound');
    }
    return { status: 200, body: { order: renderOrder2026(order, now, included) } };
  });
}
