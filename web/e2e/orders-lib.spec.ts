// Pure helpers of the orders and sync pages (no browser needed): durations, UTC instants, chart days, API usage.
import type { TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative } from '../src/lib/duration';
import { durationParts, formatUtc } from '../src/lib/format';
import en from '../src/locales/en.json';
import { fillDays } from '../src/routes/orders/orders/fill-days';
import { mergeUsage } from '../src/routes/stores/sync/usage';

/** A t() over the English file, enough for the duration keys. */
const t = ((key: string, values: Record<string, unknown> = {}) => {
  const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)?.[part], en);
  return String(text ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(values[name]));
}) as unknown as TFunction;

describe('durations', () => {
  it('picks the largest unit with one remainder', () => {
    expect(durationParts(42_000)).toEqual({ unit: 's', value: 42, rest: 0 });
    expect(durationParts(12 * 60_000 + 30_000)).toEqual({ unit: 'min', value: 12, rest: 0 });
    expect(durationParts(3 * 3_600_000 + 5 * 60_000)).toEqual({ unit: 'h', value: 3, rest: 5 });
    expect(durationParts(50 * 3_600_000)).toEqual({ unit: 'd', value: 2, rest: 2 });
    expect(durationParts(-5)).toEqual({ unit: 's', value: 0, rest: 0 });
  });

  it('reads like "12 min", "3 h 5 min", "2 d 2 h", and relative to now', () => {
    expect(formatDuration(12 * 60_000, t)).toBe('12 min');
    expect(formatDuration(3 * 3_600_000 + 5 * 60_000, t)).toBe('3 h 5 min');
    expect(formatDuration(2 * 3_600_000, t)).toBe('2 h');
    expect(formatDuration(50 * 3_600_000, t)).toBe('2 d 2 h');
    expect(formatDuration(null, t)).toBe('');
    const now = 1_800_000_000_000;
    expect(formatRelative(now - 5 * 60_000, now, t)).toBe('5 min ago');
    expect(formatRelative(now + 4 * 60_000, now, t)).toBe('in 4 min');
    expect(formatRelative(now + 1_000, now, t)).toBe('just now');
    expect(formatRelative(null, now, t)).toBe('');
  });

  it('shows instants in UTC whatever the browser zone', () => {
    expect(formatUtc(Date.parse('2026-11-20T10:00:00Z'))).toBe('2026-11-20 10:00:00 UTC');
    expect(formatUtc(null)).toBe('');
  });
});

describe('fillDays', () => {
  it('puts in the days without orders as zeros, oldest first', () => {
    expect(
      fillDays([
        { date: '2026-11-23', orders: 1, units: 1 },
        { date: '2026-11-20', orders: 2, units: 3 },
      ]),
    ).toEqual([
      { date: '2026-11-20', orders: 2, units: 3 },
      { date: '2026-11-21', orders: 0, units: 0 },
      { date: '2026-11-22', orders: 0, units: 0 },
      { date: '2026-11-23', orders: 1, units: 1 },
    ]);
    expect(fillDays([])).toEqual([]);
  });

  it('crosses month ends and leaves very long spans as they are', () => {
    expect(
      fillDays([
        { date: '2026-02-27', orders: 1, units: 1 },
        { date: '2026-03-01', orders: 1, units: 1 },
      ]).map((d) => d.date),
    ).toEqual(['2026-02-27', '2026-02-28', '2026-03-01']);
    const sparse = [
      { date: '2020-01-01', orders: 1, units: 1 },
      { date: '2026-01-01', orders: 1, units: 1 },
    ];
    expect(fillDays(sparse)).toEqual(sparse);
  });
});

describe('mergeUsage', () => {
  it('adds up the counters of an operation across data types, busiest first', () => {
    const op = (operation: string, calls: number, throttled = 0) => ({
      operation,
      calls,
      throttled,
      retries: throttled,
      failures: 0,
      rate: 0.0167,
      burst: 20,
    });
    const merged = mergeUsage([
      { usage: [op('getOrders', 3, 1), op('getReport', 1)] },
      { usage: [op('getOrders', 4, 2)] },
    ]);
    expect(merged.map((u) => [u.operation, u.calls, u.throttled, u.retries])).toEqual([
      ['getOrders', 7, 3, 3],
      ['getReport', 1, 0, 0],
    ]);
    expect(merged[0]?.rate).toBe(0.0167);
  });
});
