/**
 * The shared rate limiter: token buckets toward Amazon (and anything else), keyed `seller:region:operation`, kept
 * in one store that every process uses (memory for one process, SQLite for the embedded default, Redis or
 * PostgreSQL when scaled out), so N processes together stay within one bucket.
 *
 * Built on rate-limiter-flexible, which counts in fixed windows (a window opens on the first call and lasts its
 * duration). A bucket {rate r, burst B} becomes a BurstyRateLimiter of two windows, each given half the rate:
 *   steady: p1 points per d1 seconds (p1/d1 ≤ r/2) — after a burst, calls keep coming spaced at about r/2;
 *   burst:  B − p1 points per d2 seconds ((B−p1)/d2 ≤ r − p1/d1) — the rest of the burst, refilled in one go.
 * So B calls are granted at once, and the long-run rate never exceeds r (the two refills add up to r, not 2r as with a
 * burst window of B/r). Because each window opens with a grant, over any interval T at most r·T + 2B − 2 calls pass
 * (r·T + 2B − 1 when one window is used, i.e. when the burst is no bigger than the steady window): the token bucket's
 * r·T + B exactly for bursts of 1 and 2; for bigger bursts a window boundary can let up to B − 2 extra calls through,
 * which the caller's 429 handling absorbs with `penalize`. Windows are whole seconds because rate-limiter-flexible's
 * Redis store expires keys in seconds, so every backend behaves the same; rates round down (never faster).
 */
import type BetterSqlite3 from 'better-sqlite3';
import { Redis } from 'ioredis';
import pg from 'pg';
import {
  BurstyRateLimiter,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRedis,
  RateLimiterRes,
  RateLimiterSQLite,
} from 'rate-limiter-flexible';
import { AppError } from '../errors.js';

export interface TokenBucketSpec {
  ratePerSecond: number;
  burst: number;
} // e.g. Amazon: 0.0167 rps, burst 20

export interface RateLimiter {
  /** Takes one token for key, waiting (up to maxWaitMs, default 60s) until one is available; throws AppError('RATE_LIMITED') with details.retryAfterMs when it would wait longer. */
  acquire(key: string, spec: TokenBucketSpec, opts?: { maxWaitMs?: number; signal?: AbortSignal }): Promise<void>;
  /** Non-blocking: ok, or how long until the next token. */
  tryAcquire(key: string, spec: TokenBucketSpec): Promise<{ ok: boolean; retryAfterMs: number }>;
  /** Penalise a key after a 429 (e.g. drain its bucket for retryAfterMs). */
  penalize(key: string, retryAfterMs: number): Promise<void>;
  close(): Promise<void>;
}

/**
 * Where buckets live. SQLite: give the limiter its own better-sqlite3 handle on the app's database file (WAL), not the
 * one inside Kysely, so its writes never join an open Kysely transaction. SQL stores create `rate_limit_bucket`.
 */
export type RateLimiterConfig =
  | { kind: 'memory' }
  | { kind: 'sqlite'; database: BetterSqlite3.Database }
  | { kind: 'redis'; redisUrl: string }
  | { kind: 'postgres'; pool: pg.Pool }
  | { kind: 'postgres'; url: string };

export interface WindowPlan {
  steady: { points: number; durationSec: number };
  burst: { points: number; durationSec: number } | null;
}

/** Fixed-window parameters for a token bucket (see the file comment for the bound they guarantee). */
export function planWindows(spec: TokenBucketSpec): WindowPlan {
  const rate = spec.ratePerSecond;
  const burst = Math.floor(spec.burst);
  if (!(rate > 0) || !Number.isFinite(rate) || burst < 1) {
    throw new AppError('INVALID_CONFIG', `Invalid token bucket: ${rate} rps, burst ${spec.burst}`, { ...spec });
  }
  const window = (points: number, perSecond: number) => ({
    points,
    durationSec: Math.max(1, Math.ceil(points / perSecond)),
  });
  const single = () => window(Math.max(1, Math.min(burst, Math.floor(rate * Math.max(1, Math.ceil(1 / rate))))), rate);
  const steady = window(Math.max(1, Math.floor(rate / 2)), rate / 2);
  const restRate = rate - steady.points / steady.durationSec;
  if (burst <= steady.points) return { steady: single(), burst: null };
  return { steady, burst: window(burst - steady.points, restRate) };
}

/** Creates the limiter on the configured store; store-backed limiters are shared by every process using it. */
export function createRateLimiter(config: RateLimiterConfig): RateLimiter {
  const store = openStore(config);
  const buckets = new Map<string, Promise<BurstyRateLimiter | RateLimiterAbstract>>();
  const penalties = store.make({ keyPrefix: 'yf_rlp', points: 1, duration: 1 });

  const bucketFor = (spec: TokenBucketSpec) => {
    const plan = planWindows(spec);
    const sig = `${plan.steady.points}/${plan.steady.durationSec}+${plan.burst?.points ?? 0}/${plan.burst?.durationSec ?? 0}`;
    let bucket = buckets.get(sig);
    if (!bucket) {
      // keyPrefix carries the plan so buckets of different specs on one key never share a counter
      const steady = store.make({
        keyPrefix: `yf_rls_${sig}`,
        points: plan.steady.points,
        duration: plan.steady.durationSec,
      });
      const burst = plan.burst
        ? store.make({ keyPrefix: `yf_rlb_${sig}`, points: plan.burst.points, duration: plan.burst.durationSec })
        : null;
      bucket = burst ? Promise.all([steady, burst]).then(([s, b]) => new BurstyRateLimiter(s, b)) : steady;
      buckets.set(sig, bucket);
    }
    return bucket;
  };

  const tryAcquire = async (key: string, spec: TokenBucketSpec) => {
    const blocked = await (await penalties).get(key);
    if (blocked && blocked.msBeforeNext > 0) return { ok: false, retryAfterMs: blocked.msBeforeNext };
    try {
      await (await bucketFor(spec)).consume(key, 1);
      return { ok: true, retryAfterMs: 0 };
    } catch (err) {
      if (err instanceof RateLimiterRes) return { ok: false, retryAfterMs: Math.max(1, err.msBeforeNext) };
      throw new AppError('UPSTREAM_UNAVAILABLE', `Rate limiter store failed: ${(err as Error).message}`, { key });
    }
  };

  return {
    tryAcquire,
    async acquire(key, spec, opts = {}) {
      const deadline = Date.now() + (opts.maxWaitMs ?? 60_000);
      for (;;) {
        opts.signal?.throwIfAborted();
        const { ok, retryAfterMs } = await tryAcquire(key, spec);
        if (ok) return;
        if (Date.now() + retryAfterMs > deadline) {
          throw new AppError('RATE_LIMITED', `Rate limit for ${key}: next token in ${retryAfterMs} ms`, {
            key,
            retryAfterMs,
          });
        }
        // a little jitter so waiters of several processes do not all hit the store in the same millisecond
        await sleep(retryAfterMs + Math.floor(Math.random() * Math.min(50, retryAfterMs / 10 + 1)), opts.signal);
      }
    },
    async penalize(key, retryAfterMs) {
      if (retryAfterMs <= 0) return;
      await (await penalties).set(key, 1, Math.ceil(retryAfterMs / 1000));
    },
    close: () => store.close(),
  };
}

interface Store {
  make(opts: { keyPrefix: string; points: number; duration: number }): Promise<RateLimiterAbstract>;
  close(): Promise<void>;
}

const TABLE = 'rate_limit_bucket';

function openStore(config: RateLimiterConfig): Store {
  switch (config.kind) {
    case 'memory':
      return { make: async (opts) => new RateLimiterMemory(opts), close: async () => {} };
    case 'redis': {
      const client = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });
      client.on('error', () => {}); // reconnects on its own; calls made meanwhile fail as UPSTREAM_UNAVAILABLE
      return {
        make: async (opts) => new RateLimiterRedis({ ...opts, storeClient: client }),
        close: async () => {
          await client.quit().catch(() => client.disconnect());
        },
      };
    }
    case 'sqlite':
      return tableStore((opts, created, cb) => {
        return new RateLimiterSQLite(
          {
            ...opts,
            storeClient: config.database,
            storeType: 'better-sqlite3',
            tableName: TABLE,
            tableCreated: created,
          },
          cb,
        );
      });
    case 'postgres': {
      const owned = 'url' in config;
      const pool = 'url' in config ? new pg.Pool({ connectionString: config.url, max: 5 }) : config.pool;
      return tableStore(
        (opts, created, cb) =>
          new RateLimiterPostgres(
            { ...opts, storeClient: pool, storeType: 'pool', tableName: TABLE, tableCreated: created },
            cb,
          ),
        async () => {
          if (owned) await pool.end();
        },
      );
    }
  }
}

type TableLimiterFactory = (
  opts: { keyPrefix: string; points: number; duration: number },
  tableCreated: boolean,
  cb: (err?: Error) => void,
) => RateLimiterAbstract;

/** SQL stores create their table (CREATE TABLE IF NOT EXISTS) once; later limiters reuse it. */
function tableStore(factory: TableLimiterFactory, close: () => Promise<void> = async () => {}): Store {
  let ready: Promise<void> | null = null;
  const limiters: RateLimiterAbstract[] = [];
  return {
    async make(opts) {
      if (!ready) {
        ready = new Promise<void>((resolve, reject) => {
          limiters.push(factory(opts, false, (err) => (err ? reject(err) : resolve())));
        });
        await ready;
        return limiters[0]!;
      }
      await ready;
      const limiter = factory(opts, true, () => {});
      limiters.push(limiter);
      return limiter;
    },
    async close() {
      await close();
    },
  };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
