import { businessDayAt, DAY_MS, HOUR_MS, SECOND_MS } from './calendar.ts';
import { FastRandom, seedOf } from './fast-random.ts';
import type { MarketplaceFacts } from './marketplace-facts.ts';
import type { FulfillmentChannel, OrderStatus, OrderTimeline, ServiceLevel } from './scenario-types.ts';

/**
 * What happens to an order after it is placed, drawn from its own seed: Pending for minutes (sometimes hours), then
 * Unshipped; Amazon ships FBA orders within about a day, merchants on the next business days of the marketplace's
 * time zone; a few orders are canceled while Pending; a few lines come back as returns weeks after delivery.
 */

/** No status change happens later than this after purchase (search by last-update time relies on it). */
export const MAX_UPDATE_LAG_MS = 10 * DAY_MS;
/** FBA orders always ship within this time of purchase (inventory reservations rely on it). */
export const MAX_AFN_SHIP_LAG_MS = 3 * DAY_MS;
/** Returns reach the warehouse at most this long after purchase. */
export const MAX_RETURN_LAG_MS = 45 * DAY_MS;

const sec = (ms: number): number => Math.floor(ms / SECOND_MS) * SECOND_MS;

const LEVELS: ServiceLevel[] = ['Standard', 'Expedited', 'SecondDay', 'NextDay'];
const PRIME_WEIGHTS = [0.45, 0, 0.35, 0.2];
const PLAIN_WEIGHTS = [0.86, 0.14, 0, 0];
const TRANSIT_MIN: Record<ServiceLevel, number> = { Standard: 2, Expedited: 1, SecondDay: 1, NextDay: 1 };
const TRANSIT_MAX: Record<ServiceLevel, number> = { Standard: 5, Expedited: 3, SecondDay: 2, NextDay: 1 };

/** The order's timeline from its seed and purchase time. */
export function orderTimeline(
  orderSeed: number,
  purchase: number,
  channel: FulfillmentChannel,
  facts: MarketplaceFacts,
  canceled: boolean,
): OrderTimeline {
  const rng = new FastRandom(seedOf(orderSeed, 11));
  const isBusiness = rng.next() < 0.04;
  const isPrime = rng.next() < (channel === 'AFN' ? 0.65 : 0.08);
  const serviceLevel = LEVELS[rng.weighted(channel === 'AFN' && isPrime ? PRIME_WEIGHTS : PLAIN_WEIGHTS)] ?? 'Standard';
  const r = rng.next();
  const pendingSeconds = r < 0.9 ? rng.int(60, 1800) : r < 0.98 ? rng.int(1800, 14_400) : rng.int(14_400, 72_000);
  const tz = facts.timeZone;
  const latestShip =
    channel === 'AFN' ? sec(purchase + DAY_MS + 12 * HOUR_MS) : sec(businessDayAt(purchase, tz, 2, 23, 59) + 59_000);
  const transitMin = TRANSIT_MIN[serviceLevel];
  const transitMax = serviceLevel === 'Standard' && channel === 'MFN' ? 6 : TRANSIT_MAX[serviceLevel];
  const timeline: OrderTimeline = {
    purchase,
    serviceLevel,
    isPrime,
    isBusiness,
    earliestShip: purchase,
    latestShip,
    earliestDelivery: sec(latestShip + transitMin * DAY_MS - 12 * HOUR_MS),
    latestDelivery: sec(latestShip + transitMax * DAY_MS),
  };
  if (canceled) {
    timeline.canceled = sec(purchase + rng.int(600, 64_800) * SECOND_MS);
    return timeline;
  }
  const unshipped = sec(purchase + pendingSeconds * SECOND_MS);
  let shipped: number;
  if (channel === 'AFN') {
    const lagHours =
      serviceLevel === 'NextDay' ? rng.range(1, 8) : serviceLevel === 'SecondDay' ? rng.range(2, 16) : rng.range(3, 30);
    shipped = sec(unshipped + lagHours * HOUR_MS);
  } else {
    const handling = rng.next() < 0.35 ? 0 : rng.next() < 0.85 ? 1 : 2;
    shipped = businessDayAt(unshipped, tz, handling, rng.int(14, 18), rng.int(0, 59));
    if (shipped < unshipped + HOUR_MS) {
      shipped = businessDayAt(unshipped, tz, handling + 1, rng.int(14, 18), rng.int(0, 59));
    }
    shipped = sec(Math.min(shipped + rng.int(0, 59) * SECOND_MS, purchase + MAX_UPDATE_LAG_MS - DAY_MS));
  }
  const transit = rng.int(transitMin, transitMax);
  const delivered = sec(shipped + transit * DAY_MS + rng.range(-4, 6) * HOUR_MS);
  timeline.unshipped = unshipped;
  timeline.shipped = shipped;
  timeline.delivered = Math.max(delivered, shipped + 6 * HOUR_MS);
  return timeline;
}

/** The order's status at `at`; undefined before it was placed. */
export function statusAt(t: OrderTimeline, at: number): OrderStatus | undefined {
  if (at < t.purchase) return undefined;
  if (t.canceled !== undefined) return at >= t.canceled ? 'Canceled' : 'Pending';
  if (t.unshipped === undefined || at < t.unshipped) return 'Pending';
  if (t.shipped === undefined || at < t.shipped) return 'Unshipped';
  return 'Shipped';
}

/** The time of the order's latest status change at or before `at` (its purchase time at least). */
export function lastUpdatedAt(t: OrderTimeline, at: number): number {
  let last = t.purchase;
  for (const x of [t.unshipped, t.shipped, t.canceled]) if (x !== undefined && x <= at && x > last) last = x;
  return last;
}

const REASONS: { reason: string; weight: number; dispositions: [string, number][] }[] = [
  {
    reason: 'UNWANTED_ITEM',
    weight: 30,
    dispositions: [
      ['SELLABLE', 0.85],
      ['CUSTOMER_DAMAGED', 0.15],
    ],
  },
  {
    reason: 'DEFECTIVE',
    weight: 18,
    dispositions: [
      ['DEFECTIVE', 0.8],
      ['SELLABLE', 0.2],
    ],
  },
  {
    reason: 'NOT_AS_DESCRIBED',
    weight: 14,
    dispositions: [
      ['SELLABLE', 0.6],
      ['CUSTOMER_DAMAGED', 0.4],
    ],
  },
  {
    reason: 'ORDERED_WRONG_ITEM',
    weight: 10,
    dispositions: [
      ['SELLABLE', 0.9],
      ['CUSTOMER_DAMAGED', 0.1],
    ],
  },
  { reason: 'FOUND_BETTER_PRICE', weight: 8, dispositions: [['SELLABLE', 1]] },
  {
    reason: 'QUALITY_UNACCEPTABLE',
    weight: 9,
    dispositions: [
      ['SELLABLE', 0.5],
      ['DEFECTIVE', 0.5],
    ],
  },
  { reason: 'DAMAGED_BY_CARRIER', weight: 6, dispositions: [['CARRIER_DAMAGED', 1]] },
  {
    reason: 'MISSING_PARTS',
    weight: 5,
    dispositions: [
      ['DEFECTIVE', 0.6],
      ['SELLABLE', 0.4],
    ],
  },
];

export interface LineReturnDraw {
  quantity: number;
  returnedAt: number;
  refundedAt: number;
  reason: string;
  disposition: string;
}

/** Whether line `line` of the order comes back, and when and why; undefined for most lines. */
export function lineReturn(
  orderSeed: number,
  line: number,
  quantity: number,
  returnRate: number,
  channel: FulfillmentChannel,
  t: OrderTimeline,
): LineReturnDraw | undefined {
  if (t.delivered === undefined) return undefined;
  const rng = new FastRandom(seedOf(orderSeed, 23, line));
  if (!rng.chance(returnRate)) return undefined;
  const qty = quantity === 1 || rng.chance(0.8) ? quantity : rng.int(1, quantity - 1);
  const returnedAt = sec(t.delivered + rng.range(2, 28) * DAY_MS);
  const spec = REASONS[rng.weighted(REASONS.map((x) => x.weight))] ?? REASONS[0];
  if (!spec) return undefined;
  const disposition = spec.dispositions[rng.weighted(spec.dispositions.map((d) => d[1]))]?.[0] ?? 'SELLABLE';
  const refundedAt = sec(returnedAt + (channel === 'AFN' ? rng.range(0, 2) * HOUR_MS : rng.range(1, 3) * DAY_MS));
  return { quantity: qty, returnedAt, refundedAt, reason: spec.reason, disposition };
}
