import { afterEach, describe, expect, it } from 'vitest';
import { countOrdersOfStore, listOrderVersions } from '../../src/modules/orders/index.js';
import { createRateLimiter } from '../../src/platform/rate-limit/rate-limiter.js';
import { START, type SyncFixture, startSyncFixture } from './sync-harness.js';

/**
 * The sync under Amazon's failure modes, over HTTP against amazon-sim: 429 storms, 5xx, tokens expiring mid-sync,
 * truncated report documents, bad credentials and marketplaces the seller does not sell in. Data already synced is
 * never lost and never half-written; the health state names the error and Amazon's request id.
 */

const DAY = 86_400_000;
let f: SyncFixture | undefined;
afterEach(async () => {
  await f?.close();
  f = undefined;
});

const run = (fx: SyncFixture, dataType: 'orders' | 'orders-backfill') =>
  fx.t.rt.services.sync.runSync({ companyId: fx.t.seed.companyId, storeId: fx.storeId, dataType, trigger: 'cli' });
const stateOf = async (fx: SyncFixture, dataType: string) =>
  (await fx.t.rt.services.sync.states(fx.admin, fx.storeId)).find((s) => s.dataType === dataType)!;

describe('sync under faults', () => {
  it('429 storms, 5xx and expiring tokens: every order arrives exactly once, throttles are counted', async () => {
    f = await startSyncFixture({
      historyDays: 12,
      sim: {
        faults: 'searchOrders:429=0.4,createReport:500=0.3,getReport:503=0.3,getReportDocument:429=0.3,expire=0.5',
        living: { historyDays: 15, skus: 8 },
      },
    });
    expect((await run(f, 'orders-backfill')).status).toBe('ok');
    expect((await run(f, 'orders')).status).toBe('ok');
    const live = await stateOf(f, 'orders');
    const stored = await listOrderVersions(f.t.rt.database.db, f.storeId);
    const truth = (
      f.sim.scenario?.ordersBetween(f.sellerId, START - 12 * DAY, live.syncedThrough! - 1, f.sim.clock.now()) ?? []
    )
      .filter((o) => ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'].includes(o.marketplaceId))
      .map((o) => o.orderId);
    expect(truth.length).toBeGreaterThan(50);
    expect(truth.filter((id) => !stored.has(id))).toEqual([]);
    const backfill = await stateOf(f, 'orders-backfill');
    const throttled = [...backfill.usage, ...live.usage].reduce((s, u) => s + u.throttled, 0);
    expect(throttled).toBeGreaterThan(0);
  });

  it('a truncated report document: the run fails retryably and nothing of that report is written', async () => {
    f = await startSyncFixture({ historyDays: 10, sim: { faults: 'gzip=1', living: { historyDays: 12, skus: 6 } } });
    const result = await run(f, 'orders-backfill');
    expect(result.status).toBe('error');
    expect(await countOrdersOfStore(f.t.rt.database.db, f.storeId)).toBe(0);
    const state = await stateOf(f, 'orders-backfill');
    expect(state.status).toBe('error');
    expect(state.error).toMatchObject({ code: 'CorruptDocument', retryable: true });
    expect(state.nextRunAt).toBeGreaterThan(f.sim.clock.now());
    // The requested reports stay in the cursor: the retry downloads them again instead of asking for new ones.
    const again = await run(f, 'orders-backfill');
    expect(again.status).toBe('error');
    const calls = (await stateOf(f, 'orders-backfill')).usage.find((u) => u.operation.endsWith('createReport'));
    expect(calls?.calls ?? 0).toBe(0);
  });

  it('a quota held by other data types defers the run: no error, scheduled for when the quota frees up', async () => {
    const limiter = createRateLimiter({ kind: 'memory' });
    f = await startSyncFixture({ limiter, historyDays: 10, sim: { living: { historyDays: 12, skus: 6 } } });
    // As if the seller's other report data types had used the createReport quota for the next ten minutes.
    await limiter.penalize(`${f.sellerId}:NA:reports_2021-06-30/createReport`, 600_000);
    const deferred = await run(f, 'orders-backfill');
    expect(deferred.status).toBe('deferred');
    const waiting = await stateOf(f, 'orders-backfill');
    expect(waiting).toMatchObject({ status: 'waiting', error: null });
    expect(waiting.progress?.message).toMatch(/Waiting for Amazon's quota \(reports_2021-06-30\/createReport\)/);
    expect(waiting.nextRunAt).toBeGreaterThan(f.sim.clock.now());
    const runs = await f.t.rt.services.sync.runs(f.admin, {
      storeId: f.storeId,
      dataType: 'orders-backfill',
      limit: 5,
    });
    expect(runs[0]?.status).toBe('deferred');
    await limiter.close();
  });

  it('a revoked refresh token: a clear error with the store still readable, the connection test says why', async () => {
    f = await startSyncFixture({ credentials: { refreshToken: 'Atzr|revoked-token' } });
    const result = await run(f, 'orders');
    expect(result.status).toBe('error');
    expect(result.error?.message).toMatch(/refresh token|invalid_grant|credentials/i);
    const test = await f.t.rt.services.sync.testConnection(f.admin, f.storeId);
    expect(test.ok).toBe(false);
    expect(test.error?.message).toMatch(/refresh token|invalid_grant|credentials/i);
    expect((await f.t.rt.services.stores.get(f.admin, f.storeId)).name).toBe('Demo US');
  });

  it('a marketplace the seller does not participate in is named by the connection test', async () => {
    f = await startSyncFixture();
    const meta = {
      actor: { type: 'system' as const, id: null, name: 'test', companyId: f.t.seed.companyId },
      source: 'system' as const,
    };
    await f.t.rt.services.stores.update(f.admin, meta, f.storeId, {
      marketplaceIds: ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8', 'A2Q3Y263D00KWC'],
    });
    const test = await f.t.rt.services.sync.testConnection(f.admin, f.storeId);
    expect(test.ok).toBe(false);
    expect(test.missingMarketplaceIds).toEqual(['A2Q3Y263D00KWC']);
    expect(
      test.participations
        .filter((p) => p.isParticipating)
        .map((p) => p.countryCode)
        .sort(),
    ).toEqual(['CA', 'MX', 'US']);
    expect(test.error?.code).toBe('MARKETPLACE_NOT_PARTICIPATING');
  });
});
