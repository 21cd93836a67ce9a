import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOrderVersions } from '../../src/modules/orders/index.js';
import { type SyncFixture, startSyncFixture } from './sync-harness.js';

/**
 * The notification consumer against amazon-sim's SQS-compatible queue, through @aws-sdk/client-sqs: it subscribes the
 * store to ORDER_CHANGE, receives the simulator's real order changes (with duplicated and out-of-order deliveries
 * switched on), stores each notification once, and leaves every order as Amazon has it now. Unknown versions and
 * unreadable messages are kept as ignored, with the reason, and taken off the queue.
 */

const STATUS: Record<string, string> = {
  Pending: 'PENDING',
  Unshipped: 'UNSHIPPED',
  Shipped: 'SHIPPED',
  Canceled: 'CANCELLED',
};
let f: SyncFixture;
let queueUrl: string;

beforeAll(async () => {
  f = await startSyncFixture({ sim: { living: { historyDays: 3, skus: 10 } } });
  const seller = f.sim.info.sellers.find((s) => s.sellerId === f.sellerId)!;
  queueUrl = seller.queueUrl;
  const meta = {
    actor: { type: 'system' as const, id: null, name: 'test', companyId: f.t.seed.companyId },
    source: 'system' as const,
  };
  await f.t.rt.services.stores.update(f.admin, meta, f.storeId, {
    endpoints: { lwa: f.sim.info.lwaTokenUrl, spApi: f.sim.info.spApi.na, queueUrl },
  });
});
afterAll(async () => f?.close());

describe('SP-API notifications', () => {
  it('subscribes, then applies ORDER_CHANGE notifications exactly once despite duplicates and disorder', async () => {
    const consumer = f.t.rt.notifications;
    const first = await consumer.consumeStore(f.t.seed.companyId, f.storeId, { maxMs: 0 });
    expect(first.received).toBe(0);
    f.sim.notifications.configure({ duplicateProbability: 0.4, outOfOrderProbability: 0.4 });
    f.sim.clock.advance(14 * 3_600_000);
    const total = { received: 0, handled: 0, duplicates: 0, ignored: 0, failed: 0 };
    for (let i = 0; i < 40; i++) {
      const r = await consumer.consumeStore(f.t.seed.companyId, f.storeId, { maxMs: 0 });
      for (const k of Object.keys(total) as (keyof typeof total)[]) total[k] += r[k];
      if (r.received === 0) break;
    }
    expect(total.handled).toBeGreaterThan(5);
    expect(total.duplicates).toBeGreaterThan(0);
    expect(total.failed).toBe(0);
    const inbox = await f.t.rt.database.db
      .selectFrom('notification_inbox' as never)
      .select(['notification_id as id', 'status'] as never)
      .execute();
    const ids = (inbox as { id: string }[]).map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(total.handled);
    // Every order a notification named is stored as Amazon has it now.
    const stored = await listOrderVersions(f.t.rt.database.db, f.storeId);
    const now = f.sim.clock.now();
    expect(stored.size).toBeGreaterThan(0);
    for (const [orderId, mine] of stored) {
      const order = f.sim.scenario!.orderById(orderId, now);
      if (!order) continue;
      expect([orderId, mine.status]).toEqual([orderId, STATUS[f.sim.scenario!.statusOf(order, now) ?? 'Pending']]);
    }
    const state = (await f.t.rt.services.sync.states(f.admin, f.storeId)).find((s) => s.dataType === 'notifications');
    expect(state).toMatchObject({ status: 'ok', error: null });
  });

  it('keeps an unknown version and an unreadable message as ignored, with the reason, and removes them from the queue', async () => {
    const sqs = new SQSClient({
      region: 'us-east-1',
      endpoint: new URL(queueUrl).origin,
      credentials: { accessKeyId: 'x', secretAccessKey: 'y' },
    });
    const envelope = {
      NotificationVersion: '9.0',
      NotificationType: 'ORDER_CHANGE',
      PayloadVersion: '9.0',
      EventTime: new Date().toISOString(),
      Payload: { Something: 'new' },
      NotificationMetadata: { NotificationId: 'future-1', PublishTime: new Date().toISOString() },
    };
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(envelope) }));
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'not json at all' }));
    const r = await f.t.rt.notifications.consumeStore(f.t.seed.companyId, f.storeId, { maxMs: 0 });
    expect(r).toMatchObject({ received: 2, ignored: 2, failed: 0 });
    const rows = (await f.t.rt.database.db
      .selectFrom('notification_inbox' as never)
      .select(['notification_id as id', 'status', 'error'] as never)
      .where('status' as never, '=', 'ignored' as never)
      .execute()) as { id: string; error: string }[];
    expect(rows.find((x) => x.id === 'future-1')?.error).toMatch(/version 9\.0 is not one this version reads/);
    expect(rows.some((x) => /not JSON/.test(x.error))).toBe(true);
    const state = (await f.t.rt.services.sync.states(f.admin, f.storeId)).find((s) => s.dataType === 'notifications');
    expect(state?.error?.code).toBe('NOTIFICATIONS_NOT_HANDLED');
    const again = await f.t.rt.notifications.consumeStore(f.t.seed.companyId, f.storeId, { maxMs: 0 });
    expect(again.received).toBe(0);
    sqs.destroy();
  });
});
