/** Pure scheduling rules shared by every data type. No I/O. */

export const DAY_MS = 86_400_000;

/** Delay before retrying a data type after a failed run: 2, 4, 8 … minutes, at most an hour. */
export function retryDelayMs(consecutiveFailures: number): number {
  return Math.min(60 * 60_000, 2 ** Math.max(1, Math.min(consecutiveFailures, 10)) * 60_000);
}

/** Report windows [start, end) of at most `windowMs` covering [from, until), oldest first. */
export function reportWindows(from: number, until: number, windowMs: number): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (let start = from; start < until; start += windowMs) out.push({ start, end: Math.min(start + windowMs, until) });
  return out;
}

/** Share of [since, until) that is done (0–100, one decimal). */
export function percentDone(since: number, done: number, until: number): number {
  if (until <= since) return 100;
  return Math.round(((done - since) / (until - since)) * 1000) / 10;
}
