import { blackFriday, calendarOf, primeDay } from './calendar.ts';
import type { CategorySpec } from './category-data.ts';
import { hash32, seedOf, unitOf } from './fast-random.ts';
import type { Product } from './scenario-types.ts';

/**
 * Expected daily demand of a product in a marketplace: base rate × marketplace weight × season (Q4 peak around Black
 * Friday, December, January dip, Prime Day, summer and back-to-school by category) × weekday × trend × launch ramp ×
 * promotion uplift × price elasticity × a small market-wide daily swing. Sampling (Poisson) happens in the planner.
 */

const WEEKDAY = [1.08, 1.05, 1.0, 0.98, 0.96, 0.92, 0.97];

/** Seasonal multiplier of a category on a UTC day. */
export function seasonFactor(spec: CategorySpec, day: number): number {
  const { year, month, date } = calendarOf(day);
  const bf = blackFriday(year);
  let f = 1;
  if (day >= bf - 40 && day < bf) f += spec.q4 * 0.5 * ((day - (bf - 40)) / 40);
  else if (day >= bf && day <= bf + 3) f += spec.q4 * 1.2 + 0.4;
  else if (day > bf + 3 && month === 11 && date <= 20) f += spec.q4 * 0.8;
  else if (month === 11 && date > 20 && date <= 24) f += spec.q4 * 0.3;
  if ((month === 11 && date >= 26) || month === 0) f *= 0.85;
  if (month >= 4 && month <= 7) f += spec.summer * ([0.5, 1, 1, 0.6][month - 4] ?? 0);
  if ((month === 7 && date >= 1) || (month === 8 && date <= 10)) f += spec.backToSchool;
  const pd = primeDay(year);
  if (day === pd || day === pd + 1) f *= 1.9;
  return f;
}

/** Weekday multiplier (0 = Sunday). */
export function weekdayFactor(weekday: number): number {
  return WEEKDAY[weekday] ?? 1;
}

export interface Promotion {
  id: string;
  /** Share of the price taken off (0.1 = 10 %). */
  discount: number;
}

/** Calendar facts of a day that promotions need (computed once per day, not per product). */
export interface PromotionDay {
  day: number;
  year: number;
  primeDay: number;
  /** Week number since the epoch, weeks starting on Monday (day 0 of the epoch was a Thursday). */
  week: number;
}

let lastPromotionDay: PromotionDay | undefined;

/** The calendar facts of `day` for promotionOf (the last answer is kept: callers ask day after day). */
export function promotionDay(day: number): PromotionDay {
  if (lastPromotionDay?.day === day) return lastPromotionDay;
  const { year } = calendarOf(day);
  lastPromotionDay = { day, year, primeDay: primeDay(year), week: Math.floor((day + 3) / 7) };
  return lastPromotionDay;
}

/**
 * The seller's promotion on a product in a marketplace on a day, if any: weekly deals (about one week in twenty per
 * product) and Prime Day deals (a quarter of the catalog). Deterministic from the seed.
 */
export function promotionOf(
  seed: number,
  product: Product,
  marketplaceIndex: number,
  marketplaceCode: string,
  when: PromotionDay,
): Promotion | undefined {
  const { day, year, week } = when;
  if (day === when.primeDay || day === when.primeDay + 1) {
    if (unitOf(seedOf(seed, product.index, marketplaceIndex, year * 7 + 1)) < 0.25) {
      return { id: `PRIMEDAY-${year}-${marketplaceCode}`, discount: 0.2 };
    }
  }
  const draw = unitOf(seedOf(seed, product.index, marketplaceIndex, week * 3 + 2));
  if (draw >= 0.05) return undefined;
  const discount = [0.1, 0.15, 0.2, 0.25, 0.3][Math.floor(draw * 100) % 5] ?? 0.1;
  const code = (hash32(seed, product.sku, week) % 0xffffff).toString(16).toUpperCase().padStart(6, '0');
  return { id: `PROMO-${marketplaceCode}-${week}-${code}`, discount };
}

export interface DemandContext {
  seed: number;
  historyStartDay: number;
}

/** A market-wide multiplier for one marketplace and day (lognormal around 1, σ ≈ 0.12). */
export function marketSwing(seed: number, marketplaceIndex: number, day: number): number {
  const u = Math.max(1e-9, unitOf(seedOf(seed, 7_001, marketplaceIndex, day)));
  const v = unitOf(seedOf(seed, 7_002, marketplaceIndex, day));
  const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  return Math.exp(0.12 * z - 0.0072);
}

/**
 * Expected units of a product in a marketplace on a day, given the day's season and weekday multipliers, the listing
 * price at the start of the day relative to the catalog price, and the day's promotion.
 */
export function expectedUnits(
  ctx: DemandContext,
  product: Product,
  marketplaceWeight: number,
  day: number,
  season: number,
  weekday: number,
  priceRatio: number,
  promotion: Promotion | undefined,
  swing: number,
): number {
  if (day < product.launchDay) return 0;
  const sinceLaunch = day - product.launchDay;
  const ramp = sinceLaunch >= 21 ? 1 : 0.3 + (0.7 * sinceLaunch) / 21;
  const years = (day - ctx.historyStartDay) / 365;
  const trend = Math.max(0.15, 1 + product.trendPerYear * years);
  const effectivePrice = priceRatio * (1 - (promotion?.discount ?? 0));
  const priceEffect = Math.min(4, Math.max(0.05, effectivePrice ** product.elasticity));
  return product.baseDemand * marketplaceWeight * season * weekday * trend * ramp * priceEffect * swing;
}
