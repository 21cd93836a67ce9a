import { readFileSync } from 'node:fs';
import type { SimClock } from './clock.ts';
import type { Operation } from './models.ts';

/** Amazon's usage plans (rate-limits.tsv) enforced as token buckets per (selling partner × operation). */

export interface RateLimit {
  /** Tokens added per second. */
  rate: number;
  /** Bucket size. */
  burst: number;
  /** The rate as the TSV writes it, echoed in `x-amzn-RateLimit-Limit`. */
  header: string;
}

/** Reads rate-limits.tsv: `model operationId method path rate_rps burst flag`; blank rate = undocumented (null). */
export function parseRateLimitsTsv(text: string): Map<string, RateLimit | null> {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  const header = (lines.shift() ?? '').split('\t');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`amazon-sim: rate-limits.tsv has no ${name} column`);
    return i;
  };
  const [model, opId, rateCol, burstCol] = [col('model'), col('operationId'), col('rate_rps'), col('burst')];
  const out = new Map<string, RateLimit | null>();
  for (const line of lines) {
    const cells = line.split('\t');
    const rateText = (cells[rateCol] ?? '').trim();
    const burstText = (cells[burstCol] ?? '').trim();
    const rate = Number(rateText);
    const burst = Number(burstText);
    const known = rateText !== '' && burstText !== '' && rate > 0 && burst >= 1;
    out.set(rateKey(cells[model] ?? '', cells[opId] ?? ''), known ? { rate, burst, header: rateText } : null);
  }
  return out;
}

/** The TSV lookup key of an operation. */
export function rateKey(model: string, operationId: string): string {
  return `${model}#${operationId}`;
}

/** Loads the TSV and returns each operation's limit (null: no documented limit, never throttled). */
export function loadRateLimits(tsvPath: string, operations: readonly Operation[]): Map<string, RateLimit | null> {
  const table = parseRateLimitsTsv(readFileSync(tsvPath, 'utf8'));
  const byOperation = new Map<string, RateLimit | null>();
  for (const op of operations) byOperation.set(op.key, table.get(rateKey(op.model, op.operationId)) ?? null);
  return byOperation;
}

/** A token bucket on the virtual clock: starts full, refills `rate` per second up to `burst`. */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    readonly limit: RateLimit,
    now: number,
  ) {
    this.tokens = limit.burst;
    this.last = now;
  }

  /** Takes one token if available (true) or refuses (false); time may only move forwards. */
  take(now: number): boolean {
    if (now > this.last) {
      this.tokens = Math.min(this.limit.burst, this.tokens + ((now - this.last) / 1000) * this.limit.rate);
      this.last = now;
    }
    // A hair of tolerance so 1/rate seconds always refills exactly one token despite float rounding.
    if (this.tokens >= 1 - 1e-9) {
      this.tokens = Math.max(0, this.tokens - 1);
      return true;
    }
    return false;
  }

  /** Tokens currently in the bucket (after refilling to `now`). */
  available(now: number): number {
    const elapsed = Math.max(0, now - this.last) / 1000;
    return Math.min(this.limit.burst, this.tokens + elapsed * this.limit.rate);
  }
}

interface OperationStats {
  operation: Operation;
  limit: RateLimit | null;
  granted: number;
  throttled: number;
  partners: Set<string>;
}

export interface OperationReport {
  operation: string;
  operationId: string;
  model: string;
  method: string;
  path: string;
  rate: number | null;
  burst: number | null;
  calls: number;
  granted: number;
  throttled: number;
  partners: number;
  /** granted ÷ Σ over partners of (rate × elapsed + burst); null when the operation has no documented limit. */
  utilisation: number | null;
}

export interface RateReport {
  startedAt: string;
  now: string;
  elapsedSeconds: number;
  totals: { calls: number; granted: number; throttled: number };
  operations: OperationReport[];
}

/** All buckets of a simulator run, plus the per-operation counters behind `GET /sim/report`. */
export class RateLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly stats = new Map<string, OperationStats>();
  private startedAt: number;

  constructor(
    private readonly clock: SimClock,
    private readonly limits: ReadonlyMap<string, RateLimit | null>,
    private readonly enabled = true,
  ) {
    this.startedAt = clock.now();
  }

  /** The documented limit of an operation (null when Amazon documents none). */
  limitOf(operation: Operation): RateLimit | null {
    return this.limits.get(operation.key) ?? null;
  }

  /** Counts a call by `partner` and says whether its bucket grants it. */
  take(partner: string, operation: Operation): boolean {
    const limit = this.limitOf(operation);
    const now = this.clock.now();
    let granted = true;
    if (limit && this.enabled) {
      const key = `${partner}\u0000${operation.key}`;
      let bucket = this.buckets.get(key);
      if (!bucket) {
        bucket = new TokenBucket(limit, now);
        this.buckets.set(key, bucket);
      }
      granted = bucket.take(now);
    }
    let s = this.stats.get(operation.key);
    if (!s) {
      s = { operation, limit, granted: 0, throttled: 0, partners: new Set() };
      this.stats.set(operation.key, s);
    }
    s.partners.add(partner);
    if (granted) s.granted++;
    else s.throttled++;
    return granted;
  }

  /** Clears the counters and restarts the report's elapsed time (buckets keep their state). */
  resetReport(): void {
    this.stats.clear();
    this.startedAt = this.clock.now();
  }

  /** Per-operation calls, 429s and utilisation since the start (or the last reset). */
  report(): RateReport {
    const now = this.clock.now();
    const elapsed = Math.max(0, now - this.startedAt) / 1000;
    const operations = [...this.stats.values()]
      .map((s): OperationReport => {
        const capacity = s.limit ? s.partners.size * (s.limit.rate * elapsed + s.limit.burst) : 0;
        return {
          operation: s.operation.key,
          operationId: s.operation.operationId,
          model: s.operation.model,
          method: s.operation.method,
          path: s.operation.path,
          rate: s.limit?.rate ?? null,
          burst: s.limit?.burst ?? null,
          calls: s.granted + s.throttled,
          granted: s.granted,
          throttled: s.throttled,
          partners: s.partners.size,
          utilisation: s.limit ? round(s.granted / capacity, 4) : null,
        };
      })
      .sort((a, b) => a.operation.localeCompare(b.operation));
    const totals = { calls: 0, granted: 0, throttled: 0 };
    for (const o of operations) {
      totals.calls += o.calls;
      totals.granted += o.granted;
      totals.throttled += o.throttled;
    }
    return {
      startedAt: new Date(this.startedAt).toISOString(),
      now: new Date(now).toISOString(),
      elapsedSeconds: round(elapsed, 3),
      totals,
      operations,
    };
  }
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
