import type { SyncDataType } from '@yangfan/contracts';

/**
 * Pure scheduling rules of the sync: how often each data type runs, where a new store's cursors start, how the
 * history backfill is cut into report windows. No I/O.
 */

export const DAY_MS = 86_400_000;

/** Minimum time between two runs of a data type (the binding quota decides: searchOrders is 1 call / 180 s). */
export const RUN_INTERVAL_MS: Record<SyncDataType, number | null> = {
  orders: 5 * 60_000,
  // The backfill runs until it has covered its range, then stops (null: no further runs).
  'orders-backfill': null,
};

/** Delay before retrying a data type after a failed run: 2, 4, 8 … minutes, at most an hour. */
export function retryDelayMs(consecutiveFailures: number): number {
  return Math.min(60 * 60_000, 2 ** Math.max(1, Math.min(consecutiveFailures, 10)) * 60_000);
}

/** Cursor of the live order sync: orders last updated after `after`; `window` is a search in progress. */
export interface OrdersCursor {
  after: number;
  window?: { from: number; to?: number; nextToken?: string | null; pages: number };
}

/** Cursor of the history backfill: [since, until) in report windows; `reports` are requested, not yet imported. */
export interface BackfillCursor {
  since: number;
  until: number;
  /** Everything before `done` is imported. */
  done: number;
  reports: { start: number; end: number; reportId: string }[];
}

/** Longest window of one all-orders report request [I: Amazon documents up to 30 days for order reports]. */
export const BACKFILL_WINDOW_MS = 30 * DAY_MS;

/** The report windows still to import, oldest first. */
export function backfillWindows(c: Pick<BackfillCursor, 'done' | 'until'>): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let start = c.done; start < c.until; start += BACKFILL_WINDOW_MS)
    out.push({ start, end: Math.min(start + BACKFILL_WINDOW_MS, c.until) });
  return out;
}

/** Initial cursors for a newly connected store at `now`: a year of history by report, then live from a day back. */
export function initialCursors(now: number, historyDays = 365): { orders: OrdersCursor; backfill: BackfillCursor } {
  const until = now;
  return {
    orders: { after: until - DAY_MS },
    backfill: { since: until - historyDays * DAY_MS, until, done: until - historyDays * DAY_MS, reports: [] },
  };
}

/** Share of the backfill range that is imported (0–100). */
export function backfillPercent(c: BackfillCursor): number {
  if (c.until <= c.since) return 100;
  return Math.round(((c.done - c.since) / (c.until - c.since)) * 1000) / 10;
}
