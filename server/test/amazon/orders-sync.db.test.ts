import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listOrderVersions } from '../../src/modules/orders/index.js';
import { MINUTE, START, type SyncFixture, startSyncFixture } from './sync-harness.js';

/**
 * The order sync against amazon-sim over HTTP, compared with the simulator's ground truth: the report backfill and
 * the live searchOrders sync together hold every order of the store's marketplaces exactly once, with Amazon's
 * current status; a run stopped half way resumes from its cursor without gaps or duplicates.
 */

const DAY = 86_400_000;
let f: SyncFixture;

beforeAll(async () => {
  f = await startSyncFixture({ historyDays: 40 });
});
afterAll(async () => f?.close());

function truth(from: number, to: number) {
  const asOf = f.sim.clock.now();
  const marketplaces = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'];
  return (f.sim.scenario?.ordersBetween(f.sellerId, from, to, asOf) ?? []).filter((o) =>
    marketplaces.includes(o.marketplaceId),
  );
}

const statusOf: Record<string, string> = {
  Pending: 'PENDING',
  Unshipped: 'UNSHIPPED',
  Shipped: 'SHIPPED',
  Canceled: 'CANCELLED',
};

describe('order sync against amazon-sim', () => {
  it('backfills the history by report, stopped half way and resumed, then syncs live: equal to the ground truth', async () => {
    const sync = f.t.rt.services.sync;
    const payload = {
      companyId: f.t.seed.companyId,
      storeId: f.storeId,
      dataType: 'orders-backfill' as const,
      trigger: 'cli' as const,
    };
    // Stop the first run after a few commits, as a killed worker would.
    const controller = new AbortController();
    let commits = 0;
    const first = await sync.runSync(payload, {
      signal: controller.signal,
      onProgress: () => {
        commits++;
        if (commits === 3) controller.abort();
      },
    });
    expect(first.status).toBe('error');
    const [afterStop] = (await sync.states(f.admin, f.storeId)).filter((s) => s.dataType === 'orders-backfill');
    expect(afterStop?.status).toBe('error');
    const partial = await listOrderVersions(f.t.rt.database.db, f.storeId);
    expect(partial.size).toBeGreaterThan(0);

    const second = await sync.runSync(payload);
    expect(second).toMatchObject({ status: 'ok' });
    const live = await sync.runSync({ ...payload, dataType: 'orders' });
    expect(live.status).toBe('ok');

    const states = await sync.states(f.admin, f.storeId);
    const orders = states.find((s) => s.dataType === 'orders')!;
    expect(orders.status).toBe('ok');
    expect(orders.syncedThrough).toBeGreaterThan(START - 3 * MINUTE);
    expect(orders.usage.find((u) => u.operation.endsWith('searchOrders'))?.calls).toBeGreaterThan(0);
    const backfill = states.find((s) => s.dataType === 'orders-backfill')!;
    expect(backfill).toMatchObject({ status: 'ok', nextRunAt: null });

    const stored = await listOrderVersions(f.t.rt.database.db, f.storeId);
    const since = START - 40 * DAY;
    const expected = truth(since, orders.syncedThrough! - 1);
    expect(expected.length).toBeGreaterThan(200);
    // Every expected order is stored once; nothing stored that Amazon does not have.
    const expectedIds = new Set(expected.map((o) => o.orderId));
    const missing = [...expectedIds].filter((id) => !stored.has(id));
    expect(missing).toEqual([]);
    const known = new Set(truth(since, f.sim.clock.now()).map((o) => o.orderId));
    const extra = [...stored.keys()].filter((id) => !known.has(id));
    expect(extra).toEqual([]);
    // Statuses as Amazon has them now (the live sync saw every change since the backfill's reports).
    const asOf = orders.syncedThrough!;
    let compared = 0;
    for (const o of expected) {
      const s = f.sim.scenario!.statusOf(o, asOf);
      if (!s) continue;
      const mine = stored.get(o.orderId)!.status;
      // Flat files cannot tell Pending from Unshipped; the API can, and it updated what it saw change.
      if (statusOf[s] === 'PENDING' && mine === 'UNSHIPPED') continue;
      expect([o.orderId, mine]).toEqual([o.orderId, statusOf[s]]);
      compared++;
    }
    expect(compared).toBeGreaterThan(200);
  });

  it('a second live run later picks up new orders and status changes only', async () => {
    const sync = f.t.rt.services.sync;
    const before = await listOrderVersions(f.t.rt.database.db, f.storeId);
    f.sim.clock.advance(6 * 60 * MINUTE);
    const run = await sync.runSync({
      companyId: f.t.seed.companyId,
      storeId: f.storeId,
      dataType: 'orders',
      trigger: 'schedule',
    });
    expect(run.status).toBe('ok');
    const after = await listOrderVersions(f.t.rt.database.db, f.storeId);
    expect(after.size).toBeGreaterThan(before.size);
    const state = (await sync.states(f.admin, f.storeId)).find((s) => s.dataType === 'orders')!;
    const newOnes = truth(START, state.syncedThrough! - 1).filter((o) => !before.has(o.orderId));
    for (const o of newOnes) expect(after.has(o.orderId)).toBe(true);
  });

  it('records a run per attempt and the lease keeps two runs of one data type apart', async () => {
    const runs = await f.t.rt.services.sync.runs(f.admin, { storeId: f.storeId, limit: 50 });
    expect(runs.map((r) => r.status)).toContain('error');
    expect(runs.filter((r) => r.status === 'ok').length).toBeGreaterThanOrEqual(3);
    const sync = f.t.rt.services.sync;
    const payload = {
      companyId: f.t.seed.companyId,
      storeId: f.storeId,
      dataType: 'orders' as const,
      trigger: 'manual' as const,
    };
    const [a, b] = await Promise.all([sync.runSync(payload), sync.runSync(payload)]);
    expect([a.status, b.status].sort()).toEqual(['busy', 'ok']);
  });
});
