import { createManualClock, type RunningSim, type SimOptions, startSim } from 'amazon-sim';
import {
  createSpApiClient,
  type SpApiClient,
  type SpApiClientOptions,
} from '../../src/integrations/amazon-sp-api/index.js';
import { createRateLimiter, type RateLimiter } from '../../src/platform/rate-limit/rate-limiter.js';

/** Test helpers: a simulator on a free port with a frozen clock, and an SP-API client for one of its sellers. */

/** Starts amazon-sim on a free port with a manual clock (advance it with sim.clock.advance). */
export function startTestSim(options: SimOptions = {}): Promise<RunningSim> {
  return startSim({ port: 0, clock: createManualClock(), ...options });
}

/** A limiter that records every acquire and penalize; penalties are recorded, not enforced (no real-time waits). */
export function createRecordingLimiter(): RateLimiter & { events: string[] } {
  const inner = createRateLimiter({ kind: 'memory' });
  const events: string[] = [];
  return {
    events,
    async acquire(key, spec, opts) {
      events.push(`acquire ${key}`);
      await inner.acquire(key, spec, opts);
    },
    tryAcquire: (key, spec) => inner.tryAcquire(key, spec),
    async penalize(key, retryAfterMs) {
      events.push(`penalize ${key} ${retryAfterMs}`);
    },
    close: () => inner.close(),
  };
}

/** An SP-API client for the sim's seller `index` in its own region, with fast backoff. */
export function clientFor(sim: RunningSim, index: number, overrides: Partial<SpApiClientOptions> = {}): SpApiClient {
  const seller = sim.info.sellers[index];
  if (!seller) throw new Error(`no seller ${index}`);
  return createSpApiClient({
    endpoint: sim.info.spApi[seller.region],
    lwa: {
      tokenUrl: sim.info.lwaTokenUrl,
      clientId: seller.clientId,
      clientSecret: seller.clientSecret,
      refreshToken: seller.refreshToken,
    },
    sellerId: seller.sellerId,
    region: seller.region,
    limiter: createRateLimiter({ kind: 'memory' }),
    now: () => sim.clock.now(),
    retryBaseMs: 1,
    retryMaxMs: 5,
    ...overrides,
  });
}

/** ISO instant without milliseconds, as Amazon writes them. */
export const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
