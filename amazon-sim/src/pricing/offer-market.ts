import { DAY_MS, HOUR_MS } from '../scenario/calendar.ts';
import { hash32, unitOf } from '../scenario/fast-random.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { ScenarioMarketplace } from '../scenario/scenario-types.ts';
import type { SellerScenario } from '../scenario/seller-scenario.ts';

/**
 * Competitors and hijackers (跟卖) around each of our listings, as a pure function of the seed and virtual time:
 * competitors reprice every few hours, hijackers appear on our ASINs and leave at seeded instants, listings are
 * suppressed now and then, and the Buy Box goes to the lowest landed price among eligible offers (FBA preferred).
 * Nothing is stored: every query recomputes the state at `t`, so any clock path gives the same answers.
 */

/** Competitors reprice at the boundaries of slots of this length (shifted per listing). */
export const REPRICE_SLOT_MS = 6 * HOUR_MS;
/** Suppressions are drawn per week (one at most). */
const WEEK_MS = 7 * DAY_MS;
/** Probability that a listing gets a hijacker on a given day, and that a listing is suppressed in a given week. */
const HIJACK_PER_DAY = 0.3;
const SUPPRESS_PER_WEEK = 0.15;
/** FBA offers win the Buy Box against merchant offers up to this relative price gap. */
const FBA_PREFERENCE = 0.03;

export type OfferKind = 'own' | 'competitor' | 'hijacker';

export interface MarketOffer {
  sellerId: string;
  kind: OfferKind;
  /** Listing price in minor units. */
  price: number;
  /** Shipping in minor units (0 for FBA). */
  shipping: number;
  fba: boolean;
  feedbackCount: number;
  positiveFeedbackPercent: number;
  isBuyBoxWinner: boolean;
}

export interface ListingRef {
  seller: SellerScenario;
  productIndex: number;
  marketplaceIndex: number;
  market: ScenarioMarketplace;
  asin: string;
  sku: string;
}

export interface OfferState {
  ref: ListingRef;
  at: number;
  /** Our listing is suppressed (not buyable) at `at`. */
  suppressed: boolean;
  /** Offers sorted by landed price then seller id; ours absent when not buyable. */
  offers: MarketOffer[];
  buyBoxWinner?: MarketOffer;
  /** Our price when listed (undefined when the listing has no offer then). */
  ownPrice?: number;
}

export interface TimeWindow {
  start: number;
  end: number;
}

export interface HijackWindow extends TimeWindow {
  sellerId: string;
}

/** The competitive marketplace around the scenario's listings. */
export class OfferMarket {
  private readonly seed: string;

  constructor(readonly scenario: Scenario) {
    this.seed = `market:${scenario.seed}`;
  }

  /** Our listing of an ASIN in a marketplace (the product, not variation parents), if the seller has one. */
  listingByAsin(sellerId: string, asin: string, marketplaceId: string): ListingRef | undefined {
    const seller = this.scenario.seller(sellerId);
    const product = seller?.catalog.products.find((p) => p.asin === asin);
    return seller && product ? this.ref(seller, product.index, marketplaceId) : undefined;
  }

  /** Our listing of a SKU in a marketplace, if the seller has one. */
  listingBySku(sellerId: string, sku: string, marketplaceId: string): ListingRef | undefined {
    const seller = this.scenario.seller(sellerId);
    const product = seller?.catalog.products.find((p) => p.sku === sku);
    return seller && product ? this.ref(seller, product.index, marketplaceId) : undefined;
  }

  /** Every product listing of a seller in marketplace index `m` (whether or not it is live at a given time). */
  listingsOf(seller: SellerScenario, m: number): ListingRef[] {
    const id = seller.catalog.marketplaces[m]?.marketplaceId ?? '';
    return seller.catalog.products.flatMap((p) => {
      const r = p.offers[m]?.listed || seller.listings.changed(p.index, m) ? this.ref(seller, p.index, id) : undefined;
      return r ? [r] : [];
    });
  }

  /** Competitor seller ids of a listing (1–3, fixed per listing). */
  competitors(ref: ListingRef): string[] {
    const n = 1 + (this.h(ref, 'competitors') % 3);
    return Array.from({ length: n }, (_, k) => sellerIdOf(hash32(this.seed, ref.asin, ref.market.code, 'comp', k)));
  }

  /** Hijacker windows of a listing overlapping [from, to), by start. */
  hijackWindows(ref: ListingRef, from: number, to: number): HijackWindow[] {
    const out: HijackWindow[] = [];
    for (let day = Math.floor(from / DAY_MS) - 1; day * DAY_MS < to; day++) {
      const h = this.h(ref, 'hijack', day);
      if (unitOf(h) >= HIJACK_PER_DAY) continue;
      const start = day * DAY_MS + (hash32(h, 'start') % 20) * HOUR_MS + (hash32(h, 'min') % 60) * 60_000;
      const end = start + (2 + (hash32(h, 'len') % 18)) * HOUR_MS;
      if (end <= from || start >= to) continue;
      out.push({ start, end, sellerId: sellerIdOf(hash32(this.seed, 'hijacker', h % 7)) });
    }
    return out;
  }

  /** Suppression windows of a listing overlapping [from, to). */
  suppressionWindows(ref: ListingRef, from: number, to: number): TimeWindow[] {
    const out: TimeWindow[] = [];
    for (let week = Math.floor(from / WEEK_MS) - 1; week * WEEK_MS < to; week++) {
      const h = this.h(ref, 'suppress', week);
      if (unitOf(h) >= SUPPRESS_PER_WEEK) continue;
      const start = week * WEEK_MS + (hash32(h, 'start') % (6 * 24)) * HOUR_MS;
      const end = start + (4 + (hash32(h, 'len') % 21)) * HOUR_MS;
      if (end > from && start < to) out.push({ start, end });
    }
    return out;
  }

  /** Instants in (from, to] at which the listing's offers may change (repricing, hijackers, suppressions). */
  changeTimes(ref: ListingRef, from: number, to: number): number[] {
    const times = new Set<number>();
    const phase = this.phase(ref);
    const first = Math.floor((from - phase) / REPRICE_SLOT_MS) + 1;
    for (let s = first; s * REPRICE_SLOT_MS + phase <= to; s++) times.add(s * REPRICE_SLOT_MS + phase);
    for (const w of [...this.hijackWindows(ref, from, to + 1), ...this.suppressionWindows(ref, from, to + 1)]) {
      for (const t of [w.start, w.end]) if (t > from && t <= to) times.add(t);
    }
    return [...times].sort((a, b) => a - b);
  }

  /** The offers on the listing's ASIN at `at`, with the Buy Box winner. */
  stateAt(ref: ListingRef, at: number): OfferState {
    const product = ref.seller.catalog.products[ref.productIndex];
    const ownPrice = ref.seller.listings.priceAt(ref.productIndex, ref.marketplaceIndex, at);
    const base = ownPrice ?? product?.offers[ref.marketplaceIndex]?.price ?? 1000;
    const suppressed = this.suppressionWindows(ref, at, at + 1).some((w) => w.start <= at && at < w.end);
    const offers: MarketOffer[] = [];
    const shippingCharge = ref.market.facts.shippingCharge;
    if (ownPrice !== undefined && !suppressed) {
      const fba = product?.fulfillment === 'AFN';
      offers.push(offer(ref.seller.sellerId, 'own', ownPrice, fba ? 0 : shippingCharge, fba, 4000, 98));
    }
    const slot = Math.floor((at - this.phase(ref)) / REPRICE_SLOT_MS);
    this.competitors(ref).forEach((id, k) => {
      const h = this.h(ref, 'price', k * 1_000_003 + slot);
      const fba = hash32(this.seed, id, ref.asin, 'fba') % 2 === 0;
      const price = roundPrice(base * (0.93 + 0.2 * unitOf(h)), ref.market.facts.currencyDigits);
      offers.push(offer(id, 'competitor', price, fba ? 0 : shippingCharge, fba, 200 + (h % 5000), 85 + (h % 15)));
    });
    for (const w of this.hijackWindows(ref, at, at + 1)) {
      if (w.start > at || at >= w.end) continue;
      const h = hash32(this.seed, w.sellerId, w.start);
      const price = roundPrice(base * (0.85 + 0.1 * unitOf(h)), ref.market.facts.currencyDigits);
      offers.push(offer(w.sellerId, 'hijacker', price, 0, false, 5 + (h % 60), 70 + (h % 25)));
    }
    offers.sort((a, b) => a.price + a.shipping - (b.price + b.shipping) || (a.sellerId < b.sellerId ? -1 : 1));
    const score = (o: MarketOffer) => (o.price + o.shipping) * (o.fba ? 1 - FBA_PREFERENCE : 1);
    let winner: MarketOffer | undefined;
    for (const o of offers) if (o.positiveFeedbackPercent >= 80 && (!winner || score(o) < score(winner))) winner = o;
    if (winner) winner.isBuyBoxWinner = true;
    const state: OfferState = { ref, at, suppressed, offers };
    if (winner) state.buyBoxWinner = winner;
    if (ownPrice !== undefined) state.ownPrice = ownPrice;
    return state;
  }

  /** A plausible best-seller rank of the listing's product in its category (lower for higher demand). */
  salesRank(ref: ListingRef): number {
    const p = ref.seller.catalog.products[ref.productIndex];
    const demand = Math.max(0.05, p?.baseDemand ?? 1);
    return Math.max(1, Math.round(40_000 / demand) + (this.h(ref, 'rank') % 997));
  }

  private ref(seller: SellerScenario, productIndex: number, marketplaceId: string): ListingRef | undefined {
    const m = seller.marketplaceIndex(marketplaceId);
    const market = seller.catalog.marketplaces[m];
    const product = seller.catalog.products[productIndex];
    if (!market || !product) return undefined;
    return { seller, productIndex, marketplaceIndex: m, market, asin: product.asin, sku: product.sku };
  }

  private phase(ref: ListingRef): number {
    return (this.h(ref, 'phase') % 360) * 60_000;
  }

  private h(ref: ListingRef, ...parts: (string | number)[]): number {
    return hash32(this.seed, ref.seller.sellerId, ref.asin, ref.market.code, ...parts);
  }
}

const markets = new WeakMap<Scenario, OfferMarket>();

/** The (cached) offer market of a scenario. */
export function offerMarketOf(scenario: Scenario): OfferMarket {
  let market = markets.get(scenario);
  if (!market) {
    market = new OfferMarket(scenario);
    markets.set(scenario, market);
  }
  return market;
}

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A seller id in Amazon's style (A + 13 characters) from a seed. */
function sellerIdOf(seed: number): string {
  let id = 'A';
  let h = seed;
  for (let i = 0; i < 13; i++) {
    h = hash32(h, i);
    id += ID_CHARS[h % ID_CHARS.length];
  }
  return id;
}

function roundPrice(minor: number, digits: number): number {
  const step = digits === 0 ? 10 : 1;
  return Math.max(step, Math.round(minor / step) * step - (digits === 0 ? 0 : 1));
}

function offer(
  sellerId: string,
  kind: OfferKind,
  price: number,
  shipping: number,
  fba: boolean,
  feedbackCount: number,
  positiveFeedbackPercent: number,
): MarketOffer {
  return { sellerId, kind, price, shipping, fba, feedbackCount, positiveFeedbackPercent, isBuyBoxWinner: false };
}
