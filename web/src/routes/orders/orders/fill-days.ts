// The per-day series of the orders chart with the days without orders put in as zeros (pure).
import type { OrderStats } from '../../../lib/types';

const DAY_MS = 86_400_000;
/** More days than this and the gaps stay gaps (a multi-year filter should not draw thousands of bars). */
const MAX_FILLED_DAYS = 1_000;

/** The series with every day between the first and the last one (missing days = 0), oldest first. */
export function fillDays(byDay: OrderStats['byDay']): OrderStats['byDay'] {
  if (byDay.length === 0) return [];
  const sorted = [...byDay].sort((a, b) => a.date.localeCompare(b.date));
  const first = Date.parse(`${sorted[0]?.date}T00:00:00Z`);
  const last = Date.parse(`${sorted.at(-1)?.date}T00:00:00Z`);
  if (Number.isNaN(first) || Number.isNaN(last) || (last - first) / DAY_MS > MAX_FILLED_DAYS) return sorted;
  const known = new Map(sorted.map((d) => [d.date, d]));
  const out: OrderStats['byDay'] = [];
  for (let ms = first; ms <= last; ms += DAY_MS) {
    const date = new Date(ms).toISOString().slice(0, 10);
    out.push(known.get(date) ?? { date, orders: 0, units: 0 });
  }
  return out;
}
