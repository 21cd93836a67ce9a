import { createManualClock, type RunningSim, type SimOptions } from 'amazon-sim';
import { createSpApiGateway } from '../../src/integrations/amazon-sp-api/index.js';
import type { Principal } from '../../src/platform/auth/principal.js';
import type { fixedClock } from '../../src/platform/clock.js';
import { createRateLimiter, type RateLimiter } from '../../src/platform/rate-limit/rate-limiter.js';
import { startTestApp, type TestApp } from '../http/harness.js';
import { startTestSim } from './sim-client.js';

/**
 * Yangfan and amazon-sim on one virtual clock: the app's clock reads the simulator's, report polls advance it, and
 * the demo company's "Demo US" store is connected to the simulator's NA seller (US, CA, MX).
 */

export const START = Date.parse('2026-11-20T08:00:00Z');
export const MINUTE = 60_000;

export interface SyncFixture {
  sim: RunningSim;
  t: TestApp;
  storeId: string;
  sellerId: string;
  admin: Principal;
  close(): Promise<void>;
}

export async function startSyncFixture(
  opts: {
    sim?: SimOptions;
    /** The client's rate limiter (default: a fresh in-memory one). */
    limiter?: RateLimiter;
    historyDays?: number;
    credentials?: Partial<{ refreshToken: string; clientSecret: string }>;
  } = {},
): Promise<SyncFixture> {
  const sim = await startTestSim({
    clock: createManualClock(START),
    rateLimits: false,
    living: { historyDays: 45, skus: 12 },
    ...opts.sim,
  });
  const clock = {
    now: () => sim.clock.now(),
    advance: (ms: number) => sim.clock.advance(ms),
    set: (ms: number) => sim.clock.advance(Math.max(0, ms - sim.clock.now())),
  } as ReturnType<typeof fixedClock>;
  const gateway = createSpApiGateway({
    limiter: opts.limiter ?? createRateLimiter({ kind: 'memory' }),
    retryBaseMs: 1,
    retryMaxMs: 5,
    maxRetries: 8,
    // The simulator's clock is frozen between advances and its quotas are off unless a test turns them on: the
    // client's own limiter (real time) must not make a test wait a minute for a createReport token.
    rateScale: 10_000,
    reportWait: async () => sim.clock.advance(30_000),
  });
  const seller = sim.info.sellers.find((s) => s.region === 'na');
  const euSeller = sim.info.sellers.find((s) => s.region === 'eu');
  if (!seller || !euSeller) throw new Error('sim has no NA or EU seller');
  // The demo stores carry the simulator's seller ids: paths such as /listings/…/items/{sellerId} must match.
  const t = await startTestApp({
    clock,
    amazonGateway: gateway,
    syncHistoryDays: opts.historyDays ?? 40,
    sellerIds: { us: seller.sellerId, eu: euSeller.sellerId },
  });
  const admin: Principal = {
    kind: 'session',
    userId: t.seed.userIds.admin,
    companyId: t.seed.companyId,
    name: 'test-admin',
    permissions: { stores: ['view', 'edit', 'admin'], orders: ['view', 'export'] },
    scope: { allStores: true, storeIds: [], marketplaceIds: [], productLines: [], ownOnly: false },
  };
  const meta = {
    actor: { type: 'system' as const, id: null, name: 'test', companyId: t.seed.companyId },
    source: 'system' as const,
  };
  await t.rt.services.stores.update(admin, meta, t.seed.storeIds.us, {
    credentials: {
      clientId: seller.clientId,
      clientSecret: opts.credentials?.clientSecret ?? seller.clientSecret,
      refreshToken: opts.credentials?.refreshToken ?? seller.refreshToken,
    },
    endpoints: { lwa: sim.info.lwaTokenUrl, spApi: sim.info.spApi.na },
  });
  return {
    sim,
    t,
    storeId: t.seed.storeIds.us,
    sellerId: seller.sellerId,
    admin,
    async close() {
      await t.close();
      await sim.close();
    },
  };
}
