import { dayStart, HOUR_MS, localWeekday, SECOND_MS, zoneOffsetMinutes } from './calendar.ts';
import { categoryOf } from './category-data.ts';
import {
  type DemandContext,
  expectedUnits,
  marketSwing,
  promotionDay,
  promotionOf,
  seasonFactor,
  weekdayFactor,
} from './demand-model.ts';
import { FastRandom, seedOf } from './fast-random.ts';
import type { OrderTimeline, SellerCatalog } from './scenario-types.ts';

/**
 * One seller's orders of one UTC day as compact numbers (no strings, no objects per order): units sampled per product
 * and marketplace from expected demand, capped by FBA stock at the start of the day, split into order lines (mostly
 * one unit) and orders of 1–3 lines, given purchase times that follow each marketplace's local day, sorted by time.
 * The plan is a pure function of (seed, seller, day, stock caps, listing state), so any day can be rebuilt alone.
 */

/** Listing state the planner needs; the listing store implements it (catalog values unless changed). */
export interface ListingTimeline {
  /** Price (minor units) in effect at `t`, or undefined when the listing cannot be bought then. */
  priceAt(productIndex: number, marketplaceIndex: number, t: number): number | undefined;
  /** Whether the seller changed the listing (price, offer, deletion) since the scenario started. */
  changed(productIndex: number, marketplaceIndex: number): boolean;
}

export interface PlannerContext extends DemandContext {
  sellerIndex: number;
  catalog: SellerCatalog;
  listings: ListingTimeline;
}

export interface DayPlan {
  day: number;
  count: number;
  /** Purchase time, epoch ms (whole seconds). */
  time: Float64Array;
  marketplace: Uint8Array;
  seed: Uint32Array;
  canceled: Uint8Array;
  afn: Uint8Array;
  /** 1 when every line was removed because its listing was not buyable at purchase time (ids stay stable). */
  dropped: Uint8Array;
  lineStart: Uint32Array;
  lineProduct: Uint32Array;
  lineQty: Uint16Array;
  lineDropped: Uint8Array;
  /** Timelines computed so far (filled lazily by the scenario). */
  timelines: (OrderTimeline | undefined)[];
}

/** Purchase-time weights per local hour: quiet nights, busy evenings. */
const HOURLY = [
  0.25, 0.15, 0.1, 0.08, 0.08, 0.12, 0.25, 0.45, 0.65, 0.8, 0.9, 0.95, 1, 1, 0.95, 0.95, 1, 1.05, 1.15, 1.3, 1.4, 1.35,
  1, 0.55,
];

interface DraftOrder {
  time: number;
  marketplace: number;
  seed: number;
  canceled: boolean;
  afn: boolean;
  lines: number[];
}

/** Plans a day. `caps[p * M + m]` is the FBA fulfillable stock of product p in marketplace m at the day's start. */
export function planDay(ctx: PlannerContext, day: number, caps: Int32Array | undefined): DayPlan {
  const { catalog } = ctx;
  const M = catalog.marketplaces.length;
  const start = dayStart(day);
  const rng = new FastRandom(seedOf(ctx.seed, ctx.sellerIndex, day, 0xd0));
  const drafts: DraftOrder[] = [];
  const when = promotionDay(day);
  const seasons = new Map<string, number>();
  for (let m = 0; m < M; m++) {
    const market = catalog.marketplaces[m];
    if (!market) continue;
    const facts = market.facts;
    const weekday = weekdayFactor(localWeekday(start + 12 * HOUR_MS, facts.timeZone));
    const swing = marketSwing(ctx.seed, m, day);
    const offsetHours = Math.round(zoneOffsetMinutes(facts.timeZone, day) / 60);
    const hourWeights = Array.from({ length: 24 }, (_, h) => HOURLY[(((h + offsetHours) % 24) + 24) % 24] ?? 1);
    const afnLines: number[] = [];
    const mfnLines: number[] = [];
    for (const product of catalog.products) {
      const offer = product.offers[m];
      if (!offer || day < product.launchDay) continue;
      const price = ctx.listings.priceAt(product.index, m, start);
      if (price === undefined) continue;
      const promotion = promotionOf(ctx.seed, product, m, market.code, when);
      let season = seasons.get(product.category);
      if (season === undefined) {
        season = seasonFactor(categoryOf(product.category), day);
        seasons.set(product.category, season);
      }
      const mean = expectedUnits(
        ctx,
        product,
        facts.demandWeight,
        day,
        season,
        weekday,
        price / offer.price,
        promotion,
        swing,
      );
      let units = rng.poisson(mean);
      if (product.fulfillment === 'AFN') units = Math.min(units, Math.max(0, caps?.[product.index * M + m] ?? units));
      const target = product.fulfillment === 'AFN' ? afnLines : mfnLines;
      while (units > 0) {
        const r = rng.next();
        const q = Math.min(units, r < 0.88 ? 1 : r < 0.97 ? 2 : r < 0.99 ? 3 : 4);
        target.push(product.index, q);
        units -= q;
      }
    }
    for (const [lines, afn] of [
      [afnLines, true],
      [mfnLines, false],
    ] as const) {
      shufflePairs(rng, lines);
      let i = 0;
      while (i < lines.length) {
        const r = rng.next();
        const size = r < 0.84 ? 1 : r < 0.96 ? 2 : 3;
        const own: number[] = [];
        for (let n = 0; n < size && i < lines.length; n++, i += 2) {
          const p = lines[i] ?? 0;
          const q = lines[i + 1] ?? 1;
          const at = own.findIndex((x, j) => j % 2 === 0 && x === p);
          if (at >= 0) own[at + 1] = (own[at + 1] ?? 0) + q;
          else own.push(p, q);
        }
        const hour = rng.weighted(hourWeights);
        drafts.push({
          time: start + hour * HOUR_MS + rng.int(0, 3599) * SECOND_MS,
          marketplace: m,
          seed: rng.uint32(),
          canceled: rng.chance(afn ? 0.012 : 0.02),
          afn,
          lines: own,
        });
      }
    }
  }
  drafts.sort((a, b) => a.time - b.time);
  return pack(ctx, day, drafts);
}

function shufflePairs(rng: FastRandom, pairs: number[]): void {
  for (let i = pairs.length / 2 - 1; i > 0; i--) {
    const j = rng.int(0, i);
    const a0 = pairs[2 * i] ?? 0;
    const a1 = pairs[2 * i + 1] ?? 0;
    pairs[2 * i] = pairs[2 * j] ?? 0;
    pairs[2 * i + 1] = pairs[2 * j + 1] ?? 0;
    pairs[2 * j] = a0;
    pairs[2 * j + 1] = a1;
  }
}

function pack(ctx: PlannerContext, day: number, drafts: DraftOrder[]): DayPlan {
  const count = drafts.length;
  let lineCount = 0;
  for (const d of drafts) lineCount += d.lines.length / 2;
  const plan: DayPlan = {
    day,
    count,
    time: new Float64Array(count),
    marketplace: new Uint8Array(count),
    seed: new Uint32Array(count),
    canceled: new Uint8Array(count),
    afn: new Uint8Array(count),
    dropped: new Uint8Array(count),
    lineStart: new Uint32Array(count + 1),
    lineProduct: new Uint32Array(lineCount),
    lineQty: new Uint16Array(lineCount),
    lineDropped: new Uint8Array(lineCount),
    timelines: new Array<OrderTimeline | undefined>(count),
  };
  let l = 0;
  drafts.forEach((d, i) => {
    plan.time[i] = d.time;
    plan.marketplace[i] = d.marketplace;
    plan.seed[i] = d.seed;
    plan.canceled[i] = d.canceled ? 1 : 0;
    plan.afn[i] = d.afn ? 1 : 0;
    plan.lineStart[i] = l;
    let kept = 0;
    for (let j = 0; j < d.lines.length; j += 2, l++) {
      const p = d.lines[j] ?? 0;
      plan.lineProduct[l] = p;
      plan.lineQty[l] = d.lines[j + 1] ?? 1;
      // A listing deleted (or its offer removed) during the day stops selling from that moment on.
      const gone =
        ctx.listings.changed(p, d.marketplace) && ctx.listings.priceAt(p, d.marketplace, d.time) === undefined;
      plan.lineDropped[l] = gone ? 1 : 0;
      if (!gone) kept++;
    }
    plan.dropped[i] = kept === 0 ? 1 : 0;
  });
  plan.lineStart[count] = l;
  return plan;
}
