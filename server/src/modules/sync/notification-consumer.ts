import { type Actor, runWrite } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import type { AmazonConnection, NotificationQueue } from './amazon-port.js';
import { AWS_REGION_OF, parseNotification, queueArnOf } from './notification-envelope.js';
import * as repo from './sync.repository.js';
import type { SyncService } from './sync.service.js';
import type { NotificationHandler, SyncTarget } from './sync-handler.js';

/**
 * Consumes a store's SP-API notification queue: long-polls it, deduplicates by notification id (Amazon delivers at
 * least once), dispatches each notification to the handler a data module registered for its type and version, and
 * deletes the message only once its outcome is stored. Out-of-order delivery is harmless because handlers re-read
 * Amazon and the upserts refuse older versions. A notification of an unknown type or version is kept as "ignored"
 * with the reason; a handler failure leaves the message for SQS to redeliver, up to MAX_RECEIVES, then keeps it as
 * "failed". The consumer's health is the `notifications` row of the store's sync states.
 */

export const NOTIFICATIONS = 'notifications';
const MAX_RECEIVES = 5;

export interface NotificationConsumerDeps {
  db: AnyKysely;
  clock: Clock;
  sync: SyncService;
  queue: NotificationQueue;
  handlers: readonly NotificationHandler[];
}

export interface ConsumeResult {
  received: number;
  handled: number;
  duplicates: number;
  ignored: number;
  failed: number;
}

const actorOf = (companyId: string): Actor => ({ type: 'job', id: null, name: 'notifications', companyId });

/** Creates the destination for the store's queue and a subscription per registered type (idempotent). */
async function ensureSubscriptions(
  conn: AmazonConnection,
  queueUrl: string,
  region: 'NA' | 'EU' | 'FE',
  handlers: readonly NotificationHandler[],
): Promise<void> {
  const scope = 'sellingpartnerapi::notifications';
  const arn = queueArnOf(queueUrl, AWS_REGION_OF[region]);
  const list = await conn.call<{ payload?: { destinationId: string; resource?: { sqs?: { arn?: string } } }[] }>({
    operation: 'notifications/getDestinations',
    method: 'GET',
    path: '/notifications/v1/destinations',
    grantlessScope: scope,
  });
  let destinationId = list.body.payload?.find((d) => d.resource?.sqs?.arn === arn)?.destinationId;
  if (!destinationId) {
    const created = await conn.call<{ payload?: { destinationId: string } }>({
      operation: 'notifications/createDestination',
      method: 'POST',
      path: '/notifications/v1/destinations',
      body: { name: `yangfan-${arn.split(':').at(-1)}`, resourceSpecification: { sqs: { arn } } },
      grantlessScope: scope,
    });
    destinationId = created.body.payload?.destinationId;
  }
  if (!destinationId) throw new AppError('UPSTREAM_UNAVAILABLE', 'Amazon returned no destination id');
  for (const h of handlers) {
    const existing = await conn
      .call<{ payload?: { destinationId?: string } }>({
        operation: 'notifications/getSubscription',
        method: 'GET',
        path: `/notifications/v1/subscriptions/${h.notificationType}`,
      })
      .catch((err: unknown) => {
        if ((err as { details?: { status?: number } }).details?.status === 404) return null;
        throw err;
      });
    if (existing?.body.payload?.destinationId === destinationId) continue;
    await conn.call({
      operation: 'notifications/createSubscription',
      method: 'POST',
      path: `/notifications/v1/subscriptions/${h.notificationType}`,
      body: { payloadVersion: h.payloadVersion, destinationId },
    });
  }
}

/** The consumer over every store with a queue URL. */
export function createNotificationConsumer(deps: NotificationConsumerDeps) {
  const { db, clock, sync, queue } = deps;
  const byType = new Map(deps.handlers.map((h) => [h.notificationType, h]));
  const subscribed = new Set<string>();

  async function processMessage(
    target: SyncTarget,
    conn: AmazonConnection,
    queueUrl: string,
    message: { receiptHandle: string; body: string; receiveCount: number },
    out: ConsumeResult,
  ): Promise<void> {
    const now = clock.now();
    const base = { storeId: target.storeId, companyId: target.companyId, receivedAt: now, rows: 0 };
    let n: ReturnType<typeof parseNotification>;
    try {
      n = parseNotification(message.body);
    } catch (err) {
      // Not a notification at all: keep what it was and why, and take it off the queue.
      const id = `unreadable-${message.receiptHandle.slice(0, 40)}`;
      await repo.saveInboxEntry(db, {
        ...base,
        notificationId: id,
        notificationType: 'UNKNOWN',
        version: '',
        eventTime: null,
        status: 'ignored',
        attempts: 1,
        error: `${(err as Error).message}: ${message.body.slice(0, 500)}`,
      });
      await queue.delete(queueUrl, [message.receiptHandle]);
      out.ignored++;
      return;
    }
    const seen = await repo.findInboxEntry(db, target.storeId, n.notificationId);
    if (seen && seen.status !== 'failed') {
      await queue.delete(queueUrl, [message.receiptHandle]);
      out.duplicates++;
      return;
    }
    const entry = {
      ...base,
      notificationId: n.notificationId,
      notificationType: n.notificationType,
      version: n.payloadVersion || n.notificationVersion,
      eventTime: n.eventTime,
      attempts: (seen?.attempts ?? 0) + 1,
    };
    const handler = byType.get(n.notificationType);
    const versionOk =
      handler && (handler.versions.includes(n.payloadVersion) || handler.versions.includes(n.notificationVersion));
    if (!handler || !versionOk) {
      await repo.saveInboxEntry(db, {
        ...entry,
        status: 'ignored',
        error: handler
          ? `${n.notificationType} version ${entry.version} is not one this version reads (${handler.versions.join(', ')})`
          : `No handler for ${n.notificationType}`,
      });
      await queue.delete(queueUrl, [message.receiptHandle]);
      out.ignored++;
      return;
    }
    try {
      const rows = await handler.handle(
        {
          conn,
          target,
          write: (fn) => runWrite(db, { actor: actorOf(target.companyId), source: 'job', clock }, fn),
        },
        n.payload,
      );
      await repo.saveInboxEntry(db, { ...entry, status: 'handled', rows, error: null });
      await queue.delete(queueUrl, [message.receiptHandle]);
      out.handled++;
    } catch (err) {
      await repo.saveInboxEntry(db, { ...entry, status: 'failed', error: (err as Error).message });
      out.failed++;
      // Give up on a message SQS has delivered MAX_RECEIVES times; it stays in the inbox as failed.
      if (message.receiveCount >= MAX_RECEIVES) await queue.delete(queueUrl, [message.receiptHandle]);
    }
  }

  /** Polls one store's queue for up to `maxMs` (0: one receive without waiting). */
  async function consumeStore(companyId: string, storeId: string, opts: { maxMs: number }): Promise<ConsumeResult> {
    const out: ConsumeResult = { received: 0, handled: 0, duplicates: 0, ignored: 0, failed: 0 };
    const { store, conn, target } = await sync.connectStore(companyId, storeId);
    const queueUrl = store.endpoints.queueUrl;
    if (!queueUrl) throw new AppError('INVALID_INPUT', `Store ${store.name} has no notification queue URL`);
    const started = clock.now();
    await repo.insertSyncStateIfMissing(db, {
      storeId,
      dataType: NOTIFICATIONS,
      companyId,
      cursorJson: '{}',
      nextRunAt: null,
      updatedAt: started,
    });
    if (!(await sync.claim(storeId, NOTIFICATIONS, started))) return out;
    try {
      if (!subscribed.has(storeId)) {
        await ensureSubscriptions(conn, queueUrl, store.region, deps.handlers);
        subscribed.add(storeId);
      }
      const deadline = Date.now() + opts.maxMs;
      do {
        const waitSeconds = Math.max(0, Math.min(20, Math.floor((deadline - Date.now()) / 1000)));
        const messages = await queue.receive(queueUrl, { waitSeconds, max: 10 });
        out.received += messages.length;
        for (const m of messages) await processMessage(target, conn, queueUrl, m, out);
        await repo.updateSyncState(db, storeId, NOTIFICATIONS, { updatedAt: clock.now() });
        if (messages.length === 0 && waitSeconds === 0) break;
      } while (Date.now() < deadline);
      const now = clock.now();
      await repo.updateSyncState(db, storeId, NOTIFICATIONS, {
        status: 'ok',
        lastSuccessAt: now,
        syncedThrough: now,
        rowsLastRun: out.handled,
        progressJson: null,
        errorJson:
          out.failed + out.ignored > 0
            ? JSON.stringify({
                code: 'NOTIFICATIONS_NOT_HANDLED',
                message: `${out.failed} failed, ${out.ignored} ignored (see the notification inbox)`,
                requestId: null,
                at: now,
                retryable: true,
                failures: 0,
              })
            : null,
        usageJson: JSON.stringify(conn.usage()),
        updatedAt: now,
      });
      return out;
    } catch (err) {
      const now = clock.now();
      const details = (err as { details?: { requestId?: string; retryable?: boolean } }).details;
      await repo.updateSyncState(db, storeId, NOTIFICATIONS, {
        status: 'error',
        errorJson: JSON.stringify({
          code: (err as { code?: string }).code ?? 'INTERNAL',
          message: (err as Error).message,
          requestId: details?.requestId ?? null,
          at: now,
          retryable: details?.retryable ?? true,
          failures: 1,
        }),
        updatedAt: now,
      });
      throw err;
    }
  }

  return {
    consumeStore,
    /** Every active store with credentials and a queue URL, in parallel, for up to `maxMs` each. */
    async consumeAll(opts: { maxMs: number }): Promise<number> {
      const stores = await sync.storesWithQueues();
      const results = await Promise.allSettled(stores.map((s) => consumeStore(s.companyId, s.id, opts)));
      return results.reduce((n, r) => n + (r.status === 'fulfilled' ? r.value.handled : 0), 0);
    },
  };
}

export type NotificationConsumer = ReturnType<typeof createNotificationConsumer>;
