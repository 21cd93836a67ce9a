/**
 * Day arithmetic for the scenario. The generator works in UTC days (`day` = whole days since the epoch); local time
 * (hour of day, weekday, business days) comes from each marketplace's IANA time zone, looked up once per zone and day.
 */

export const SECOND_MS = 1000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

/** The UTC day (days since 1970-01-01) containing `ms`. */
export function dayOf(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** Epoch ms of the start (00:00 UTC) of `day`. */
export function dayStart(day: number): number {
  return day * DAY_MS;
}

/** ISO-8601 UTC with second precision (`2026-01-01T12:00:00Z`), the form Amazon's APIs return. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / SECOND_MS) * SECOND_MS).toISOString().replace('.000Z', 'Z');
}

/** `YYYY-MM-DD` of a UTC day. */
export function isoDate(day: number): string {
  return new Date(dayStart(day)).toISOString().slice(0, 10);
}

const offsetCache = new Map<string, Map<number, number>>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** UTC offset of `timeZone` in minutes on `day` (measured at 12:00 UTC; DST changes mid-day are ignored). */
export function zoneOffsetMinutes(timeZone: string, day: number): number {
  let zone = offsetCache.get(timeZone);
  if (!zone) {
    zone = new Map();
    offsetCache.set(timeZone, zone);
  }
  const cached = zone.get(day);
  if (cached !== undefined) return cached;
  let fmt = formatters.get(timeZone);
  if (!fmt) {
    fmt = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    formatters.set(timeZone, fmt);
  }
  const at = dayStart(day) + 12 * HOUR_MS;
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(at)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(
    parts.year ?? 1970,
    (parts.month ?? 1) - 1,
    parts.day ?? 1,
    parts.hour ?? 0,
    parts.minute ?? 0,
  );
  const minutes = Math.round((local - at) / 60_000);
  if (zone.size > 20_000) zone.clear();
  zone.set(day, minutes);
  return minutes;
}

/** Local wall-clock time of `ms` in `timeZone`, expressed as epoch ms of the same wall time in UTC. */
export function toLocal(ms: number, timeZone: string): number {
  return ms + zoneOffsetMinutes(timeZone, dayOf(ms)) * 60_000;
}

/** Epoch ms of a local wall time (given as "local ms", see toLocal) in `timeZone`. */
export function fromLocal(localMs: number, timeZone: string): number {
  return localMs - zoneOffsetMinutes(timeZone, dayOf(localMs)) * 60_000;
}

/** Local hour (0–23) of `ms`. */
export function localHour(ms: number, timeZone: string): number {
  return new Date(toLocal(ms, timeZone)).getUTCHours();
}

/** Local weekday (0 = Sunday) of `ms`. */
export function localWeekday(ms: number, timeZone: string): number {
  return new Date(toLocal(ms, timeZone)).getUTCDay();
}

/** Whether a local day (in "local ms") is a business day: Monday to Friday, not 1 Jan or 25/26 Dec. */
export function isBusinessDay(localMs: number): boolean {
  const d = new Date(localMs);
  const wd = d.getUTCDay();
  if (wd === 0 || wd === 6) return false;
  const m = d.getUTCMonth();
  const dd = d.getUTCDate();
  return !((m === 0 && dd === 1) || (m === 11 && (dd === 25 || dd === 26)));
}

/**
 * The `n`-th business day at or after `ms` (n = 0: the same day if it is one), at local `hour`:`minute`, as epoch ms.
 * Used for merchant-fulfilled handling times and promised windows.
 */
export function businessDayAt(ms: number, timeZone: string, n: number, hour: number, minute = 0): number {
  let local = Math.floor(toLocal(ms, timeZone) / DAY_MS) * DAY_MS;
  let left = n;
  while (!isBusinessDay(local) || left > 0) {
    if (isBusinessDay(local)) left--;
    local += DAY_MS;
  }
  return fromLocal(local + hour * HOUR_MS + minute * 60_000, timeZone);
}

/** Day of year (0-based) and month (0-based) of a UTC day. */
export function calendarOf(day: number): { year: number; month: number; date: number; dayOfYear: number } {
  const d = new Date(dayStart(day));
  const year = d.getUTCFullYear();
  return {
    year,
    month: d.getUTCMonth(),
    date: d.getUTCDate(),
    dayOfYear: day - dayOf(Date.UTC(year, 0, 1)),
  };
}

/** The UTC day of Prime Day in `year`: the second Tuesday of July (the event then runs two days). */
export function primeDay(year: number): number {
  const first = dayOf(Date.UTC(year, 6, 1));
  const weekday = new Date(dayStart(first)).getUTCDay();
  const firstTuesday = first + ((2 - weekday + 7) % 7);
  return firstTuesday + 7;
}

/** The UTC day of Black Friday in `year`: the day after the fourth Thursday of November. */
export function blackFriday(year: number): number {
  const first = dayOf(Date.UTC(year, 10, 1));
  const weekday = new Date(dayStart(first)).getUTCDay();
  const firstThursday = first + ((4 - weekday + 7) % 7);
  return firstThursday + 21 + 1;
}
