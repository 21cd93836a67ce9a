import type { FastifyInstance } from 'fastify';
import type { SimClock } from '../clock.ts';
import { type SimReply, spApiError } from '../errors.ts';
import type { HandlerRegistry } from '../handlers.ts';
import { createRandom, type Random } from '../random.ts';
import type { Identities, Marketplace } from '../sellers.ts';
import { sendReply } from '../sp-api.ts';
import { NOTIFICATION_TYPES, wrapNotification } from './envelope.ts';
import { BUILDABLE_TYPES, generatePayload } from './generate.ts';
import { uuidSequence } from './ids.ts';
import { NotificationPublisher, type PublisherFaults, type PublishOptions, type PublishResult } from './publisher.ts';
import { NotificationSchemas } from './schemas.ts';
import { registerSqsRoutes, SqsService } from './sqs.ts';
import type { SqsQueue } from './sqs-queue.ts';
import { NotificationStore } from './subscriptions.ts';

/** Wires the notification queues, the Notifications API handlers, the publisher and `/sim/notify*` together. */

export interface NotificationsDeps {
  handlers: HandlerRegistry;
  identities: Identities;
  marketplaces: readonly Marketplace[];
  clock: SimClock;
  seed: string;
  sharedDir: string;
  baseUrl: () => string;
}

/** The simulator's notification side, reachable from tests as `sim.notifications`. */
export class NotificationsService {
  readonly sqs: SqsService;
  readonly store: NotificationStore;
  readonly publisher: NotificationPublisher;
  readonly schemas: NotificationSchemas;
  private readonly queues = new Map<string, SqsQueue>();
  private readonly random: Random;

  constructor(private readonly deps: NotificationsDeps) {
    const seed = deps.seed;
    this.sqs = new SqsService(deps.clock, seed, deps.identities.awsAccountId, deps.baseUrl);
    for (const s of deps.identities.sellers) this.queues.set(s.sellerId, this.sqs.addQueue(s.queueName, s.region));
    const newId = uuidSequence(seed, 'notifications-api');
    const applicationId = deps.identities.application.applicationId;
    this.store = new NotificationStore({ newId, applicationId, queueExists: (arn) => Boolean(this.sqs.byArn(arn)) });
    this.publisher = new NotificationPublisher({
      store: this.store,
      sqs: this.sqs,
      clock: deps.clock,
      applicationId,
      seed,
    });
    this.sqs.beforeReceive = () => this.publisher.tick();
    this.schemas = NotificationSchemas.inSharedDir(deps.sharedDir);
    this.random = createRandom(`notify:${seed}`);
  }

  /** Publishes `payload` (the notification's Payload object) to the seller's subscriptions of the type. */
  publish(sellerId: string, notificationType: string, payload: unknown, options?: PublishOptions): PublishResult {
    return this.publisher.publish(sellerId, notificationType, payload, options);
  }

  /** Builds a plausible payload of `notificationType` (`input` overrides builder inputs) and publishes it. */
  publishGenerated(
    sellerId: string,
    notificationType: string,
    input: Record<string, unknown> = {},
    options?: PublishOptions,
  ): PublishResult & { payload: Record<string, unknown> } {
    const payload = this.generate(sellerId, notificationType, input);
    if (!payload) throw new Error(`amazon-sim: no builder for ${notificationType}`);
    return { ...this.publish(sellerId, notificationType, payload, options), payload };
  }

  /** Sets the duplicate / out-of-order probabilities of every later publish. */
  configure(faults: PublisherFaults): void {
    this.publisher.configure(faults);
  }

  /** The seller's seeded notification queue. */
  queueOf(sellerId: string): SqsQueue | undefined {
    return this.queues.get(sellerId);
  }

  /** A generated payload, or undefined when the type has no builder or the seller is unknown. */
  generate(sellerId: string, notificationType: string, input: Record<string, unknown>) {
    const seller = this.deps.identities.sellers.find((s) => s.sellerId === sellerId);
    if (!seller) return undefined;
    const currencyOf = (id: string) => this.deps.marketplaces.find((m) => m.marketplaceId === id)?.currency ?? 'USD';
    const now = new Date(this.deps.clock.now()).toISOString();
    const ctx = { sellerId, marketplaceIds: seller.marketplaceIds, currencyOf, random: this.random, now };
    return generatePayload(notificationType, ctx, input);
  }

  /** Mounts the SQS endpoint and `/sim/notify`, `/sim/notify/faults`, `/sim/notify/flush`; registers the handlers. */
  install(app: FastifyInstance): void {
    this.store.register(this.deps.handlers);
    registerSqsRoutes(app, this.sqs);
    app.post('/sim/notify', async (request, reply) => sendReply(reply, this.simNotify(parseObject(request.body))));
    app.post('/sim/notify/faults', async (request, reply) => {
      const body = parseObject(request.body);
      try {
        this.configure({
          duplicateProbability: optionalNumber(body?.duplicateProbability),
          outOfOrderProbability: optionalNumber(body?.outOfOrderProbability),
        });
      } catch (e) {
        return sendReply(reply, invalid((e as Error).message));
      }
      return sendReply(reply, { status: 200, body: { ok: true } });
    });
    app.post('/sim/notify/flush', async (_request, reply) => {
      this.publisher.flush();
      this.publisher.tick();
      return sendReply(reply, { status: 200, body: { ok: true } });
    });
  }

  private simNotify(body: Record<string, unknown> | undefined): SimReply {
    if (!body) return invalid('Body must be JSON {sellerId, type, payload?, input?, duplicate?, outOfOrder?}.');
    const { sellerId, type } = body;
    if (typeof sellerId !== 'string' || !this.queues.has(sellerId))
      return invalid('sellerId must be a simulated seller.');
    if (typeof type !== 'string' || !NOTIFICATION_TYPES[type])
      return invalid(`Unknown notification type ${String(type)}.`);
    let payload = body.payload;
    if (payload === undefined) {
      payload = this.generate(sellerId, type, parseObject(body.input) ?? {});
      if (!payload) return invalid(`No builder for ${type}; pass a payload (builders: ${BUILDABLE_TYPES.join(', ')}).`);
    }
    const probe = wrapNotification(type, payload, {
      applicationId: this.deps.identities.application.applicationId,
      subscriptionId: 'probe',
      notificationId: 'probe',
      publishTime: new Date(this.deps.clock.now()).toISOString(),
    });
    const check = this.schemas.check(type, probe);
    if (!check.ok) return invalid(`The payload does not match Amazon's ${type} schema.`, check.errors.join('; '));
    const options: PublishOptions = {};
    if (typeof body.duplicate === 'boolean') options.duplicate = body.duplicate;
    if (typeof body.outOfOrder === 'boolean') options.outOfOrder = body.outOfOrder;
    if (typeof body.eventTime === 'string') options.eventTime = body.eventTime;
    return { status: 200, body: { ...this.publish(sellerId, type, payload, options), payload } };
  }
}

function invalid(message: string, details = ''): SimReply {
  return spApiError(400, 'InvalidInput', message, details);
}

function optionalNumber(v: unknown): number | undefined {
  return v === undefined ? undefined : Number(v);
}

function parseObject(raw: unknown): Record<string, unknown> | undefined {
  let v = raw;
  if (Buffer.isBuffer(raw)) {
    try {
      v = JSON.parse(raw.toString('utf8') || '{}');
    } catch {
      return undefined;
    }
  }
  return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
