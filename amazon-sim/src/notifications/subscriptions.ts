import { type SimReply, spApiError } from '../errors.ts';
import type { HandlerRegistry, OperationRequest } from '../handlers.ts';
import { NOTIFICATION_TYPES } from './envelope.ts';

/**
 * Notifications API state and its stateful handlers: destinations (grantless, application-wide) and subscriptions
 * (per selling partner, read and deleted by id with grantless tokens), shaped by notifications.json.
 */

export interface Destination {
  destinationId: string;
  name: string;
  resource: { sqs?: { arn: string }; eventBridge?: { name: string; region: string; accountId: string } };
}

export interface EventFilter {
  eventFilterType: string;
  marketplaceIds?: string[];
  aggregationSettings?: { aggregationTimePeriod: 'FiveMinutes' | 'TenMinutes' };
  orderChangeTypes?: string[];
}

export interface Subscription {
  subscriptionId: string;
  payloadVersion: string;
  destinationId: string;
  processingDirective?: { eventFilter?: EventFilter; filterExpression?: string };
}

export interface SubscriptionRecord extends Subscription {
  sellerId: string;
  notificationType: string;
}

export interface NotificationStoreDeps {
  newId: () => string;
  /** True when the simulator owns an SQS queue with this ARN (Amazon only accepts queues it can publish to). */
  queueExists: (arn: string) => boolean;
  applicationId: string;
}

const ORDER_CHANGE_TYPES = ['BuyerRequestedChange', 'DeliveryTipChange', 'OrderStatusChange'];
const FILTER_TYPES = ['ANY_OFFER_CHANGED', 'ORDER_CHANGE', 'SHIPMENT_TRACKING_MILESTONE_CHANGED'];

const ok = (body: unknown): SimReply => ({ status: 200, body });
const bad = (message: string) => spApiError(400, 'InvalidInput', message, '');
const missingResource = (message: string) => spApiError(404, 'NotFound', message, '');
const conflict = (message: string) => spApiError(409, 'Conflict', message, '');
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** Destinations and subscriptions of the simulated application. */
export class NotificationStore {
  readonly destinations = new Map<string, Destination>();
  readonly subscriptions = new Map<string, SubscriptionRecord>();

  constructor(private readonly deps: NotificationStoreDeps) {}

  /** The seller's subscriptions to a notification type. */
  subscriptionsOf(sellerId: string, notificationType: string): SubscriptionRecord[] {
    return [...this.subscriptions.values()].filter(
      (s) => s.sellerId === sellerId && s.notificationType === notificationType,
    );
  }

  /** Registers the Notifications API handlers. */
  register(registry: HandlerRegistry): void {
    registry.register('createDestination', (r) => this.createDestination(r));
    registry.register('getDestinations', () => ok({ payload: [...this.destinations.values()] }));
    registry.register('getDestination', (r) => {
      const d = this.destinations.get(r.pathParams.destinationId ?? '');
      return d ? ok({ payload: d }) : missingResource('The destination was not found.');
    });
    registry.register('deleteDestination', (r) => this.deleteDestination(r));
    registry.register('createSubscription', (r) => this.createSubscription(r));
    registry.register('getSubscription', (r) => this.getSubscription(r));
    registry.register('getSubscriptions', (r) => this.getSubscriptions(r));
    registry.register('getSubscriptionById', (r) => {
      const s = this.byId(r);
      return s ? ok({ payload: publicView(s) }) : missingResource('The subscription was not found.');
    });
    registry.register('deleteSubscriptionById', (r) => {
      const s = this.byId(r);
      if (!s) return missingResource('The subscription was not found.');
      this.subscriptions.delete(s.subscriptionId);
      return ok({});
    });
  }

  private createDestination(r: OperationRequest): SimReply {
    const body = obj(r.body);
    const spec = obj(body?.resourceSpecification);
    if (!body || typeof body.name !== 'string' || body.name === '' || !spec) {
      return bad('The request must contain name and resourceSpecification.');
    }
    if (body.name.length > 256) return bad('name must be at most 256 characters.');
    const sqs = obj(spec.sqs);
    const eventBridge = obj(spec.eventBridge);
    if (Boolean(sqs) === Boolean(eventBridge))
      return bad('resourceSpecification needs exactly one of sqs or eventBridge.');
    const destinationId = this.deps.newId();
    if (sqs) {
      const arn = sqs.arn;
      if (typeof arn !== 'string' || !/^arn:aws:sqs:\S+:\S+:\S+/.test(arn))
        return bad('sqs.arn is not an SQS queue ARN.');
      if (!this.deps.queueExists(arn)) {
        return bad(`Amazon cannot publish to ${arn}: the queue does not exist in this simulator (see /sim/info).`);
      }
      if ([...this.destinations.values()].some((d) => d.resource.sqs?.arn === arn)) {
        return conflict(`A destination for ${arn} already exists.`);
      }
      const destination: Destination = { destinationId, name: body.name, resource: { sqs: { arn } } };
      this.destinations.set(destinationId, destination);
      return ok({ payload: destination });
    }
    const region = eventBridge?.region;
    const accountId = eventBridge?.accountId;
    if (typeof region !== 'string' || typeof accountId !== 'string') {
      return bad('eventBridge needs region and accountId.');
    }
    const name = `aws.partner/sellingpartnerapi.amazon.com/${accountId}/${this.deps.applicationId}`;
    const destination: Destination = {
      destinationId,
      name: body.name,
      resource: { eventBridge: { name, region, accountId } },
    };
    this.destinations.set(destinationId, destination);
    return ok({ payload: destination });
  }

  private deleteDestination(r: OperationRequest): SimReply {
    const id = r.pathParams.destinationId ?? '';
    if (!this.destinations.has(id)) return missingResource('The destination was not found.');
    if ([...this.subscriptions.values()].some((s) => s.destinationId === id)) {
      return conflict('The destination is used by at least one subscription; delete those subscriptions first.');
    }
    this.destinations.delete(id);
    return ok({});
  }

  private createSubscription(r: OperationRequest): SimReply {
    const type = r.pathParams.notificationType ?? '';
    const info = NOTIFICATION_TYPES[type];
    if (!info) return bad(`${type} is not a supported notificationType.`);
    const body = obj(r.body);
    if (!body || typeof body.payloadVersion !== 'string' || typeof body.destinationId !== 'string') {
      return bad('The request must contain payloadVersion and destinationId.');
    }
    if (!info.payloadVersions.includes(body.payloadVersion)) {
      return bad(
        `payloadVersion ${body.payloadVersion} is not supported for ${type} (use ${info.payloadVersions.join(' or ')}).`,
      );
    }
    if (!this.destinations.has(body.destinationId)) return bad(`The destination ${body.destinationId} does not exist.`);
    const directive = parseDirective(type, body.processingDirective);
    if (typeof directive === 'string') return bad(directive);
    const sellerId = r.seller?.sellerId ?? '';
    const existing = this.subscriptionsOf(sellerId, type).find((s) => s.payloadVersion === body.payloadVersion);
    if (existing && !directive?.filterExpression) {
      return conflict(
        `A subscription to ${type} (payload ${body.payloadVersion}) already exists: ${existing.subscriptionId}.`,
      );
    }
    const record: SubscriptionRecord = {
      subscriptionId: this.deps.newId(),
      payloadVersion: body.payloadVersion,
      destinationId: body.destinationId,
      ...(directive ? { processingDirective: directive } : {}),
      sellerId,
      notificationType: type,
    };
    this.subscriptions.set(record.subscriptionId, record);
    return ok({ payload: publicView(record) });
  }

  private getSubscription(r: OperationRequest): SimReply {
    const type = r.pathParams.notificationType ?? '';
    if (!NOTIFICATION_TYPES[type]) return bad(`${type} is not a supported notificationType.`);
    const version = r.query.get('payloadVersion');
    const mine = this.subscriptionsOf(r.seller?.sellerId ?? '', type).filter(
      (s) => !version || s.payloadVersion === version,
    );
    const latest = mine.sort((a, b) => b.payloadVersion.localeCompare(a.payloadVersion))[0];
    return latest ? ok({ payload: publicView(latest) }) : missingResource(`No subscription to ${type} was found.`);
  }

  private getSubscriptions(r: OperationRequest): SimReply {
    const types = r.query
      .getAll('notificationTypes')
      .flatMap((t) => t.split(','))
      .filter(Boolean);
    if (types.length === 0) return bad('notificationTypes is required.');
    const version = r.query.get('payloadVersion');
    const pageSize = Number(r.query.get('pageSize') ?? 10);
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100)
      return bad('pageSize must be between 1 and 100.');
    const start = Number(r.query.get('nextToken') ?? 0);
    if (!Number.isInteger(start) || start < 0) return bad('nextToken is invalid.');
    const all = types
      .flatMap((t) => this.subscriptionsOf(r.seller?.sellerId ?? '', t))
      .filter((s) => !version || s.payloadVersion === version);
    const page = all.slice(start, start + pageSize).map(publicView);
    const next = start + pageSize < all.length ? { nextToken: String(start + pageSize) } : {};
    return ok({ payload: { subscriptions: page, ...next } });
  }

  private byId(r: OperationRequest): SubscriptionRecord | undefined {
    const s = this.subscriptions.get(r.pathParams.subscriptionId ?? '');
    return s && s.notificationType === r.pathParams.notificationType ? s : undefined;
  }
}

/** The Subscription object of the model (no seller or type fields). */
function publicView(s: SubscriptionRecord): Subscription {
  return {
    subscriptionId: s.subscriptionId,
    payloadVersion: s.payloadVersion,
    destinationId: s.destinationId,
    ...(s.processingDirective ? { processingDirective: s.processingDirective } : {}),
  };
}

/** Validates `processingDirective` for a type; returns it, undefined when absent, or an error message. */
function parseDirective(type: string, raw: unknown): Subscription['processingDirective'] | string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const d = obj(raw);
  if (!d) return 'processingDirective must be an object.';
  if (d.eventFilter !== undefined && d.filterExpression !== undefined) {
    return 'eventFilter and filterExpression are mutually exclusive.';
  }
  if (d.filterExpression !== undefined) {
    return typeof d.filterExpression === 'string'
      ? { filterExpression: d.filterExpression }
      : 'filterExpression must be a string.';
  }
  const f = obj(d.eventFilter);
  if (!f) return d.eventFilter === undefined ? {} : 'eventFilter must be an object.';
  const filterType = f.eventFilterType;
  if (typeof filterType !== 'string' || !FILTER_TYPES.includes(filterType)) {
    return `eventFilter.eventFilterType must be one of ${FILTER_TYPES.join(', ')}.`;
  }
  if (filterType !== type) return `eventFilterType ${filterType} does not apply to ${type}.`;
  const filter: EventFilter = { eventFilterType: filterType };
  if (f.marketplaceIds !== undefined) {
    if (!Array.isArray(f.marketplaceIds) || f.marketplaceIds.some((m) => typeof m !== 'string')) {
      return 'eventFilter.marketplaceIds must be a list of marketplace ids.';
    }
    filter.marketplaceIds = f.marketplaceIds as string[];
  }
  if (f.aggregationSettings !== undefined) {
    const period = obj(f.aggregationSettings)?.aggregationTimePeriod;
    if (type !== 'ANY_OFFER_CHANGED') return 'aggregationSettings apply to ANY_OFFER_CHANGED only.';
    if (period !== 'FiveMinutes' && period !== 'TenMinutes') {
      return 'aggregationSettings.aggregationTimePeriod must be FiveMinutes or TenMinutes.';
    }
    filter.aggregationSettings = { aggregationTimePeriod: period };
  }
  if (f.orderChangeTypes !== undefined) {
    if (type !== 'ORDER_CHANGE') return 'orderChangeTypes apply to ORDER_CHANGE only.';
    const list = f.orderChangeTypes;
    if (!Array.isArray(list) || list.some((t) => typeof t !== 'string' || !ORDER_CHANGE_TYPES.includes(t))) {
      return `eventFilter.orderChangeTypes must be a list of ${ORDER_CHANGE_TYPES.join(', ')}.`;
    }
    filter.orderChangeTypes = list as string[];
  }
  return { eventFilter: filter };
}
