import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { RateLimiter, TokenBucketSpec } from './rate-limiter.js';

/**
 * Most calls that pass in any interval of grant timestamps, against what a token bucket allows there
 * (burst + rate × interval, with 25 ms of slack for timer and clock granularity).
 */
export function worstExcess(grantsAt: number[], spec: TokenBucketSpec): number {
  const t = [...grantsAt].sort((a, b) => a - b);
  let worst = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < t.length; i++) {
    for (let j = i; j < t.length; j++) {
      const allowed = spec.burst + (spec.ratePerSecond * (t[j]! - t[i]! + 25)) / 1000;
      worst = Math.max(worst, j - i + 1 - allowed);
    }
  }
  return worst;
}

async function grantFor(limiter: RateLimiter, key: string, spec: TokenBucketSpec, ms: number): Promise<number[]> {
  const grants: number[] = [];
  const end = Date.now() + ms;
  while (Date.now() < end) {
    try {
      await limiter.acquire(key, spec, { maxWaitMs: end - Date.now() });
      grants.push(Date.now());
    } catch (err) {
      if (!(err instanceof AppError && err.code === 'RATE_LIMITED')) throw err;
    }
  }
  return grants;
}

/**
 * The cases every rate limiter backend must pass. `open` returns a new limiter on the same backend each call
 * (separate connections), so `shared` backends can prove that two instances draw from one bucket.
 */
export function describeRateLimiterContract(
  name: string,
  open: () => Promise<RateLimiter>,
  opts: { shared: boolean; keyPrefix?: string },
): void {
  describe(`rate limiter contract: ${name}`, () => {
    const run = `${opts.keyPrefix ?? 't'}-${randomBytes(4).toString('hex')}`;
    const opened: RateLimiter[] = [];
    const limiter = async () => {
      const l = await open();
      opened.push(l);
      return l;
    };
    afterAll(async () => {
      await Promise.all(opened.map((l) => l.close()));
    });

    it('grants the burst at once, then spaces calls at the rate', async () => {
      const l = await limiter();
      const spec = { ratePerSecond: 2, burst: 3 };
      const start = Date.now();
      const grants = await grantFor(l, `${run}:spacing`, spec, 2500);
      expect(grants.slice(0, 3).every((t) => t - start < 1000)).toBe(true);
      expect(grants.length).toBeGreaterThanOrEqual(spec.burst + 2);
      expect(worstExcess(grants, spec)).toBeLessThanOrEqual(1);
      // long run: never above rate × window + burst (+1 for a window boundary)
      expect(grants.length).toBeLessThanOrEqual(Math.ceil(2.5 * spec.ratePerSecond) + spec.burst + 1);
    });

    it('tryAcquire reports how long until the next token', async () => {
      const l = await limiter();
      const spec = { ratePerSecond: 0.5, burst: 2 };
      const key = `${run}:try`;
      expect((await l.tryAcquire(key, spec)).ok).toBe(true);
      expect((await l.tryAcquire(key, spec)).ok).toBe(true);
      const denied = await l.tryAcquire(key, spec);
      expect(denied.ok).toBe(false);
      expect(denied.retryAfterMs).toBeGreaterThan(0);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(4000);
    });

    it('a slow Amazon-style bucket (0.0167 rps, burst 20) grants 20 at once, then makes the 21st wait', async () => {
      const l = await limiter();
      const spec = { ratePerSecond: 0.0167, burst: 20 };
      const key = `${run}:amazon`;
      for (let i = 0; i < 20; i++) expect((await l.tryAcquire(key, spec)).ok).toBe(true);
      const denied = await l.tryAcquire(key, spec);
      expect(denied.ok).toBe(false);
      expect(denied.retryAfterMs).toBeGreaterThan(30_000);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(125_000);
    });

    it('acquire throws RATE_LIMITED with retryAfterMs when the wait would exceed maxWaitMs', async () => {
      const l = await limiter();
      const spec = { ratePerSecond: 0.0167, burst: 1 };
      const key = `${run}:maxwait`;
      await l.acquire(key, spec);
      const err = await l.acquire(key, spec, { maxWaitMs: 100 }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('RATE_LIMITED');
      expect((err as AppError).details?.retryAfterMs).toBeGreaterThan(100);
    });

    it('acquire stops waiting when its signal aborts', async () => {
      const l = await limiter();
      const spec = { ratePerSecond: 0.5, burst: 1 };
      const key = `${run}:abort`;
      await l.acquire(key, spec);
      const ac = new AbortController();
      setTimeout(() => ac.abort(new Error('stop')), 50);
      const started = Date.now();
      await expect(l.acquire(key, spec, { signal: ac.signal })).rejects.toThrow('stop');
      expect(Date.now() - started).toBeLessThan(1500);
    });

    it('penalize blocks the key for retryAfterMs, then lets it through', async () => {
      const l = await limiter();
      const spec = { ratePerSecond: 10, burst: 10 };
      const key = `${run}:penalty`;
      expect((await l.tryAcquire(key, spec)).ok).toBe(true);
      await l.penalize(key, 700);
      const denied = await l.tryAcquire(key, spec);
      expect(denied.ok).toBe(false);
      expect(denied.retryAfterMs).toBeGreaterThan(0);
      expect(denied.retryAfterMs).toBeLessThanOrEqual(1000);
      expect((await l.tryAcquire(`${key}:other`, spec)).ok).toBe(true);
      await l.acquire(key, spec, { maxWaitMs: 3000 });
    });

    // Each backend gets the case that applies to it (no skipped tests).
    const itShared = opts.shared ? it : () => undefined;
    const itLocal = opts.shared ? () => undefined : it;
    itShared('two limiter instances on the same store share one bucket', async () => {
      const [a, b] = [await limiter(), await limiter()];
      const spec = { ratePerSecond: 2, burst: 3 };
      const key = `${run}:shared`;
      expect((await a.tryAcquire(key, spec)).ok).toBe(true);
      expect((await b.tryAcquire(key, spec)).ok).toBe(true);
      expect((await a.tryAcquire(key, spec)).ok).toBe(true);
      expect((await b.tryAcquire(key, spec)).ok).toBe(false);
      expect((await a.tryAcquire(key, spec)).ok).toBe(false);

      const key2 = `${run}:shared2`;
      const [ga, gb] = await Promise.all([grantFor(a, key2, spec, 2500), grantFor(b, key2, spec, 2500)]);
      expect(ga.length).toBeGreaterThan(0);
      expect(gb.length).toBeGreaterThan(0);
      expect(worstExcess([...ga, ...gb], spec)).toBeLessThanOrEqual(1);
      expect(ga.length + gb.length).toBeLessThanOrEqual(Math.ceil(2.5 * spec.ratePerSecond) + spec.burst + 1);
    });

    itLocal(
      'two instances of a per-process backend keep separate buckets (why production needs Redis/Postgres)',
      async () => {
        const [a, b] = [await limiter(), await limiter()];
        const spec = { ratePerSecond: 1, burst: 1 };
        const key = `${run}:local`;
        expect((await a.tryAcquire(key, spec)).ok).toBe(true);
        expect((await a.tryAcquire(key, spec)).ok).toBe(false);
        expect((await b.tryAcquire(key, spec)).ok).toBe(true);
      },
    );
  });
}
