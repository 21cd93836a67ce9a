import type { HandlerRegistry, OperationHandler, OperationRequest } from '../handlers.ts';
import { DAY_MS } from '../scenario/calendar.ts';
import type { ScenarioOrder } from '../scenario/scenario-types.ts';
import { guarded, InputError, Query } from '../stateful/query-params.ts';
import { nowOf, type StatefulDeps, sellerOf } from '../stateful/stateful-context.ts';

/**
 * Solicitations v1: getSolicitationActionsForOrder and createProductReviewAndSellerFeedbackSolicitation. An order is
 * eligible once delivered and for 30 days after, if it was not canceled and no solicitation was sent for it yet.
 */

const ACTION = 'productReviewAndSellerFeedback';
const WINDOW_MS = 30 * DAY_MS;

/** Registers both solicitation operations; sent solicitations are remembered per order id. */
export function registerSolicitations(registry: HandlerRegistry, deps: StatefulDeps): void {
  const sent = new Set<string>();
  const eligible = (order: ScenarioOrder, now: number) => {
    const delivered = order.timeline.delivered;
    return !order.canceled && delivered !== undefined && delivered <= now && now - delivered <= WINDOW_MS;
  };
  registry.register('solicitations:getSolicitationActionsForOrder', getActions(deps, sent, eligible));
  registry.register('solicitations:createProductReviewAndSellerFeedbackSolicitation', create(deps, sent, eligible));
}

type Eligible = (order: ScenarioOrder, now: number) => boolean;

function orderOf(deps: StatefulDeps, request: OperationRequest, now: number): { order: ScenarioOrder; market: string } {
  const seller = sellerOf(deps, request);
  const market = Query.of(request).requiredList('marketplaceIds', 1)[0] ?? '';
  const id = request.pathParams.amazonOrderId ?? '';
  const order = deps.scenario.orderById(id, now);
  if (!order || order.sellerId !== seller.sellerId || order.marketplaceId !== market) {
    throw new InputError(`Order ${id} not found.`, 404, 'NotFound');
  }
  return { order, market };
}

function getActions(deps: StatefulDeps, sent: Set<string>, eligible: Eligible): OperationHandler {
  return guarded((request, context) => {
    const now = nowOf(context);
    const { order, market } = orderOf(deps, request, now);
    const base = `/solicitations/v1/orders/${order.orderId}`;
    const open = eligible(order, now) && !sent.has(order.orderId);
    const actions = open ? [{ href: `${base}/solicitations/${ACTION}?marketplaceIds=${market}`, name: ACTION }] : [];
    const embedded = open
      ? [{ _links: { schema: { href: `${base}/solicitations/${ACTION}/schema`, name: ACTION } } }]
      : [];
    return {
      status: 200,
      body: {
        _links: { actions, self: { href: `${base}?marketplaceIds=${market}` } },
        _embedded: { actions: embedded },
      },
      headers: { 'content-type': 'application/hal+json' },
    };
  });
}

function create(deps: StatefulDeps, sent: Set<string>, eligible: Eligible): OperationHandler {
  return guarded((request, context) => {
    const now = nowOf(context);
    const { order } = orderOf(deps, request, now);
    if (sent.has(order.orderId))
      throw new InputError('A solicitation was already sent for this order.', 403, 'Unauthorized');
    if (!eligible(order, now)) {
      throw new InputError(
        'The order is not eligible: it must be delivered within the last 30 days.',
        403,
        'Unauthorized',
      );
    }
    sent.add(order.orderId);
    return { status: 201, body: {} };
  });
}
