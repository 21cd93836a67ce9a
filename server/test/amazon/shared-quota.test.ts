import { randomBytes } from 'node:crypto';
import { type RunningSim, startSim } from 'amazon-sim';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSpApiClient } from '../../src/integrations/amazon-sp-api/index.js';
import { createBullmqQueue } from '../../src/platform/jobs/bullmq-queue.js';
import type { JobQueue } from '../../src/platform/jobs/job-queue.js';
import { createRateLimiter, type RateLimiter } from '../../src/platform/rate-limit/rate-limiter.js';

/**
 * Two workers on one BullMQ queue in Redis, each with its own SP-API client (as two `yangfan worker` processes would
 * have), sharing the Redis rate limiter keyed seller:region:operation: together they stay inside the documented
 * quota of getMarketplaceParticipations (0.016/s, burst 15), which amazon-sim enforces with 429s. The simulator's
 * clock runs 60× real time and the clients' rates are scaled by the same factor.
 */

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const prefix = `yfquota${randomBytes(4).toString('hex')}`;
const SPEED = 60;
const JOBS = 26;
let sim: RunningSim;
const queues: JobQueue[] = [];
const limiters: RateLimiter[] = [];

beforeAll(async () => {
  // A random seed gives seller ids (hence limiter keys) no other run shares.
  sim = await startSim({ port: 0, seed: prefix, clockSpeed: SPEED, living: { historyDays: 1, skus: 2 } });
});
afterAll(async () => {
  for (const q of queues) await q.close();
  for (const l of limiters) await l.close();
  await sim?.close();
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
});

describe('two BullMQ workers sharing one Amazon quota through Redis', () => {
  it('together stay within the documented rate + burst: no 429 from Amazon, every job done', async () => {
    const seller = sim.info.sellers[0]!;
    const done: Record<string, number> = { a: 0, b: 0 };
    for (const worker of ['a', 'b'] as const) {
      const limiter = createRateLimiter({ kind: 'redis', redisUrl });
      limiters.push(limiter);
      const client = createSpApiClient({
        endpoint: sim.info.spApi[seller.region],
        lwa: {
          tokenUrl: sim.info.lwaTokenUrl,
          clientId: seller.clientId,
          clientSecret: seller.clientSecret,
          refreshToken: seller.refreshToken,
        },
        sellerId: seller.sellerId,
        region: seller.region,
        limiter,
        rateScale: SPEED,
        maxLimiterWaitMs: 120_000,
      });
      const queue = createBullmqQueue({ redisUrl, queue: 'quota', prefix });
      queue.register({
        name: 'probe',
        concurrency: 3,
        handler: async () => {
          await client.call({
            operation: 'sellers/getMarketplaceParticipations',
            method: 'GET',
            path: '/sellers/v1/marketplaceParticipations',
          });
          done[worker]! += 1;
        },
      });
      queues.push(queue);
    }
    await fetch(`${sim.url}/sim/report/reset`, { method: 'POST' });
    const v0 = sim.clock.now();
    const ids: string[] = [];
    for (let i = 0; i < JOBS; i++) ids.push((await queues[0]!.enqueue('probe', { i }, { attempts: 3 })).id);
    await Promise.all(queues.map((q) => q.startWorker()));
    for (;;) {
      const infos = await Promise.all(ids.map((id) => queues[0]!.getJob(id)));
      if (infos.every((j) => j?.status === 'completed' || j?.status === 'failed' || j?.status === 'dead')) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    const virtualSeconds = (sim.clock.now() - v0) / 1000;
    const report = (await (await fetch(`${sim.url}/sim/report`)).json()) as {
      operations: { operation: string; granted: number; throttled: number; rate: number; burst: number }[];
    };
    const op = report.operations.find((o) => o.operation.endsWith('getMarketplaceParticipations'))!;
    expect(done.a! + done.b!).toBe(JOBS);
    expect(done.a).toBeGreaterThan(0);
    expect(done.b).toBeGreaterThan(0);
    expect(op.throttled).toBe(0);
    expect(op.granted).toBe(JOBS);
    // The calls beyond the burst needed the documented rate: the run cannot have been faster than that.
    expect(virtualSeconds).toBeGreaterThanOrEqual(((JOBS - op.burst - 1) / op.rate) * 0.9);
  });
});
