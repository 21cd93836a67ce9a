import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { describeRateLimiterContract } from './rate-limiter.contract.js';
import { createRateLimiter, planWindows } from './rate-limiter.js';

const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describe('planWindows', () => {
  // rate/burst pairs from shared/amazon/rate-limits.tsv
  const amazon: [number, number][] = [
    [2, 30],
    [2, 6],
    [2, 2],
    [1, 5],
    [0.5, 30],
    [0.0222, 10],
    [5, 10],
    [0.5, 1],
    [0.0167, 15],
    [5, 5],
    [2, 15],
    [1, 2],
    [0.5, 10],
    [0.033, 1],
    [0.016, 15],
    [1, 10],
    [0.1, 1],
    [0.0167, 20],
    [0.0083, 15],
    [0.0056, 20],
  ];

  it.each(amazon)('%s rps burst %s: whole burst at once, long-run rate never above the bucket', (rate, burst) => {
    const plan = planWindows({ ratePerSecond: rate, burst });
    const longRun =
      plan.steady.points / plan.steady.durationSec + (plan.burst ? plan.burst.points / plan.burst.durationSec : 0);
    expect(longRun).toBeLessThanOrEqual(rate);
    expect(longRun).toBeGreaterThan(rate * (rate >= 1 ? 0.45 : 0.9));
    expect(plan.steady.points + (plan.burst?.points ?? 0)).toBe(burst);
    expect(Number.isInteger(plan.steady.durationSec) && plan.steady.durationSec >= 1).toBe(true);
  });

  it('slow rates work: 0.0167 rps burst 20 is 1 per 120 s plus 19 per 2271 s', () => {
    expect(planWindows({ ratePerSecond: 0.0167, burst: 20 })).toEqual({
      steady: { points: 1, durationSec: 120 },
      burst: { points: 19, durationSec: 2271 },
    });
  });

  it('rejects a bucket that cannot grant anything', () => {
    expect(() => planWindows({ ratePerSecond: 0, burst: 5 })).toThrow(/Invalid token bucket/);
    expect(() => planWindows({ ratePerSecond: 1, burst: 0 })).toThrow(/Invalid token bucket/);
  });
});

describeRateLimiterContract('memory', async () => createRateLimiter({ kind: 'memory' }), { shared: false });
const redisKeys = `rltest${randomBytes(4).toString('hex')}`;
describeRateLimiterContract('redis', async () => createRateLimiter({ kind: 'redis', redisUrl }), {
  shared: true,
  keyPrefix: redisKeys,
});
afterAll(async () => {
  const redis = new Redis(redisUrl);
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `*:${redisKeys}-*`, 'COUNT', 500);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
  await redis.quit();
});
