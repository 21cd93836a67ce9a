import { describe, expect, it } from 'vitest';
import {
  nextTokenOf,
  paginate,
  parseAmazonErrors,
  parseRetryAfter,
} from '../../src/integrations/amazon-sp-api/index.js';

/** Pagination styles and the small parsers, without a simulator. */

async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

describe('paginate', () => {
  it('reads every token style', () => {
    expect(nextTokenOf({ payload: { NextToken: 'a' } })).toBe('a');
    expect(nextTokenOf({ nextToken: 'b' })).toBe('b');
    expect(nextTokenOf({ pagination: { nextToken: 'c' } })).toBe('c');
    expect(nextTokenOf({ pagination: {} })).toBeUndefined();
    expect(nextTokenOf({ NextToken: '' })).toBeUndefined();
  });

  it('yields each page once and stops on a missing token', async () => {
    const pages: Record<string, { n: number; nextToken?: string }> = {
      start: { n: 1, nextToken: 't2' },
      t2: { n: 2, nextToken: 't3' },
      t3: { n: 3 },
    };
    const seen = await collect(paginate(async (t) => pages[t ?? 'start'] ?? { n: -1 }));
    expect(seen.map((p) => p.n)).toEqual([1, 2, 3]);
  });

  it('throws on a token seen twice instead of looping', async () => {
    const gen = paginate(async (t) => ({ n: t ?? 'first', nextToken: 'same' }));
    await expect(collect(gen)).rejects.toThrow(/token twice/);
  });
});

describe('parsers', () => {
  it('parse Amazon error bodies and Retry-After', () => {
    expect(parseAmazonErrors({ errors: [{ code: 'QuotaExceeded', message: 'm', details: '' }] })).toEqual([
      { code: 'QuotaExceeded', message: 'm', details: '' },
    ]);
    expect(parseAmazonErrors('nope')).toEqual([]);
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', Date.UTC(2026, 0, 1))).toBe(10_000);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
