import type { SimClock } from '../clock.ts';
import { createRandom, type Random } from '../random.ts';
import { marketplacesOf, offerKeyOf, orderChangeTypeOf, wrapNotification } from './envelope.ts';
import { uuidSequence } from './ids.ts';
import type { SqsService } from './sqs.ts';
import type { NotificationStore, SubscriptionRecord } from './subscriptions.ts';

/**
 * Publishes notifications: wraps a payload in the envelope, finds the seller's subscriptions to the type, applies
 * their event filters (marketplaces, order change types, ANY_OFFER_CHANGED aggregation) and enqueues the JSON to
 * each subscription's SQS destination. Fault hooks: duplicate delivery and out-of-order delivery.
 */

/** Sender of Amazon's notifications as SQS reports it (SenderId attribute) [I: the account third-party guides name]. */
export const AMAZON_NOTIFICATION_SENDER = '437568002678';

export interface PublisherFaults {
  /** Probability that a delivered notification is enqueued twice (same NotificationId), as SQS at-least-once does. */
  duplicateProbability?: number;
  /** Probability that a notification is held back and enqueued right after the next one for the same queue. */
  outOfOrderProbability?: number;
}

export interface PublishOptions {
  /** Force (true) or forbid (false) a duplicate for this call, whatever the configured probability. */
  duplicate?: boolean;
  /** Force (true) or forbid (false) holding this notification back. */
  outOfOrder?: boolean;
  /** EventTime (ISO-8601); default: now on the virtual clock. */
  eventTime?: string;
}

export interface Delivery {
  subscriptionId: string;
  destinationId: string;
  notificationId: string;
  queueArn?: string;
  /** `enqueued`, `held` (out-of-order), `aggregated` (deferred to the end of the aggregation window), `dropped`. */
  outcome: 'enqueued' | 'held' | 'aggregated' | 'dropped';
  duplicated?: boolean;
  reason?: string;
}

export interface PublishResult {
  notificationType: string;
  deliveries: Delivery[];
}

interface Aggregation {
  windowEnd: number;
  pending?: { payload: unknown; eventTime: string };
}

const PERIOD_MS = { FiveMinutes: 5 * 60_000, TenMinutes: 10 * 60_000 } as const;

export interface PublisherDeps {
  store: NotificationStore;
  sqs: SqsService;
  clock: SimClock;
  applicationId: string;
  seed: string;
}

/** Delivers notifications to subscribed sellers' queues. */
export class NotificationPublisher {
  private faults: Required<PublisherFaults> = { duplicateProbability: 0, outOfOrderProbability: 0 };
  private readonly random: Random;
  private readonly newNotificationId: () => string;
  private readonly held = new Map<string, string[]>();
  private readonly aggregations = new Map<string, Aggregation>();

  constructor(private readonly deps: PublisherDeps) {
    this.random = createRandom(`notifications:${deps.seed}`);
    this.newNotificationId = uuidSequence(deps.seed, 'notification');
  }

  /** Sets the fault probabilities (0–1) used when a publish call does not force them. */
  configure(faults: PublisherFaults): void {
    for (const [k, v] of Object.entries(faults)) {
      if (v !== undefined && !(typeof v === 'number' && v >= 0 && v <= 1))
        throw new RangeError(`${k} must be in [0, 1]`);
    }
    this.faults = { ...this.faults, ...faults } as Required<PublisherFaults>;
  }

  /** Publishes one notification of `notificationType` for `sellerId` to every matching subscription. */
  publish(sellerId: string, notificationType: string, payload: unknown, options: PublishOptions = {}): PublishResult {
    this.tick();
    const eventTime = options.eventTime ?? new Date(this.deps.clock.now()).toISOString();
    const deliveries = this.deps.store
      .subscriptionsOf(sellerId, notificationType)
      .map((s) => this.deliverTo(s, payload, eventTime, options));
    return { notificationType, deliveries };
  }

  /** Releases aggregated notifications whose window has ended (called before every SQS receive and publish). */
  tick(): void {
    const now = this.deps.clock.now();
    for (const [key, agg] of this.aggregations) {
      if (!agg.pending || now < agg.windowEnd) continue;
      const subscriptionId = key.slice(0, key.indexOf('|'));
      const sub = this.deps.store.subscriptions.get(subscriptionId);
      const { payload, eventTime } = agg.pending;
      agg.pending = undefined;
      if (!sub) continue;
      agg.windowEnd = now + periodOf(sub);
      this.enqueue(sub, payload, eventTime, {});
    }
  }

  /** Enqueues every held-back (out-of-order) notification now. */
  flush(): void {
    for (const [arn, bodies] of this.held) {
      const queue = this.deps.sqs.byArn(arn);
      for (const body of bodies) queue?.send(body, AMAZON_NOTIFICATION_SENDER);
    }
    this.held.clear();
  }

  private deliverTo(sub: SubscriptionRecord, payload: unknown, eventTime: string, options: PublishOptions): Delivery {
    const base = { subscriptionId: sub.subscriptionId, destinationId: sub.destinationId, notificationId: '' };
    const filter = sub.processingDirective?.eventFilter;
    const markets = marketplacesOf(sub.notificationType, payload);
    if (filter?.marketplaceIds && markets.length > 0 && !markets.some((m) => filter.marketplaceIds?.includes(m))) {
      return { ...base, outcome: 'dropped', reason: `eventFilter.marketplaceIds excludes ${markets.join(', ')}` };
    }
    const changeType = orderChangeTypeOf(payload);
    if (filter?.orderChangeTypes && changeType && !filter.orderChangeTypes.includes(changeType)) {
      return { ...base, outcome: 'dropped', reason: `eventFilter.orderChangeTypes excludes ${changeType}` };
    }
    if (filter?.aggregationSettings) {
      const key = `${sub.subscriptionId}|${offerKeyOf(payload)}`;
      const now = this.deps.clock.now();
      const agg = this.aggregations.get(key);
      if (agg && now < agg.windowEnd) {
        agg.pending = { payload, eventTime };
        return { ...base, outcome: 'aggregated', reason: `held until ${new Date(agg.windowEnd).toISOString()}` };
      }
      this.aggregations.set(key, { windowEnd: now + periodOf(sub) });
    }
    return this.enqueue(sub, payload, eventTime, options);
  }

  private enqueue(sub: SubscriptionRecord, payload: unknown, eventTime: string, options: PublishOptions): Delivery {
    const notificationId = this.newNotificationId();
    const base = { subscriptionId: sub.subscriptionId, destinationId: sub.destinationId, notificationId };
    const destination = this.deps.store.destinations.get(sub.destinationId);
    const arn = destination?.resource.sqs?.arn;
    const queue = arn ? this.deps.sqs.byArn(arn) : undefined;
    if (!arn || !queue) {
      const reason = destination ? 'EventBridge destinations are not simulated' : 'destination deleted';
      return { ...base, outcome: 'dropped', reason };
    }
    const envelope = wrapNotification(sub.notificationType, payload, {
      applicationId: this.deps.applicationId,
      subscriptionId: sub.subscriptionId,
      notificationId,
      publishTime: new Date(this.deps.clock.now()).toISOString(),
      eventTime,
    });
    const body = JSON.stringify(envelope);
    const duplicated = options.duplicate ?? this.draw(this.faults.duplicateProbability);
    const copies = duplicated ? [body, body] : [body];
    // At most one notification waits per queue: the next one overtakes it, then it follows.
    if (!this.held.has(arn) && (options.outOfOrder ?? this.draw(this.faults.outOfOrderProbability))) {
      this.held.set(arn, copies);
      return { ...base, queueArn: arn, outcome: 'held', ...(duplicated ? { duplicated } : {}) };
    }
    for (const b of copies) queue.send(b, AMAZON_NOTIFICATION_SENDER);
    const late = this.held.get(arn);
    if (late) {
      this.held.delete(arn);
      for (const b of late) queue.send(b, AMAZON_NOTIFICATION_SENDER);
    }
    return { ...base, queueArn: arn, outcome: 'enqueued', ...(duplicated ? { duplicated } : {}) };
  }

  private draw(probability: number): boolean {
    return probability > 0 && this.random.next() < probability;
  }
}

function periodOf(sub: SubscriptionRecord): number {
  const period = sub.processingDirective?.eventFilter?.aggregationSettings?.aggregationTimePeriod;
  return period ? PERIOD_MS[period] : 0;
}
