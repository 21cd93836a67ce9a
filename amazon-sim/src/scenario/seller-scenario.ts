import { DAY_MS, dayOf, dayStart, SECOND_MS } from './calendar.ts';
import { generateCatalog } from './catalog-generator.ts';
import { categoryOf } from './category-data.ts';
import { type DayPlan, type PlannerContext, planDay } from './day-planner.ts';
import { InventoryLedger } from './inventory-ledger.ts';
import { ListingStore } from './listing-store.ts';
import { buildOrder } from './order-builder.ts';
import type { OrderIdCodec } from './order-ids.ts';
import { MAX_AFN_SHIP_LAG_MS, orderTimeline } from './order-timeline.ts';
import type {
  InboundShipment,
  InventoryLevels,
  OrderTimeline,
  ScenarioMarketplace,
  ScenarioOrder,
  SellerCatalog,
} from './scenario-types.ts';

/**
 * Everything about one seller: catalog, listings, the inventory fold, and orders materialised per day on demand
 * (plans and orders are cached in small LRU maps and rebuilt identically when evicted).
 */

export interface SellerScenarioInput {
  seed: string;
  seedNumber: number;
  sellerIndex: number;
  sellerId: string;
  marketplaces: ScenarioMarketplace[];
  skus: number;
  historyStartDay: number;
  historyDays: number;
  codec: OrderIdCodec;
}

const PLAN_CACHE_DAYS = 96;
const ORDER_CACHE_DAYS = 24;
const RESERVATION_DAYS = Math.ceil(MAX_AFN_SHIP_LAG_MS / DAY_MS);

/** One seller's catalog, listings, stock fold and orders. */
export class SellerScenario {
  readonly catalog: SellerCatalog;
  readonly listings: ListingStore;
  readonly sellerIndex: number;
  readonly historyStartDay: number;
  private readonly ledger: InventoryLedger;
  private readonly planner: PlannerContext;
  private readonly plans = new Map<number, DayPlan>();
  private readonly orders = new Map<number, (ScenarioOrder | undefined | null)[]>();
  private readonly returnRates: number[];
  private lastPlanDay = Number.NaN;
  private lastOrderDay = Number.NaN;

  constructor(private readonly input: SellerScenarioInput) {
    this.sellerIndex = input.sellerIndex;
    this.historyStartDay = input.historyStartDay;
    this.catalog = generateCatalog({
      seed: input.seed,
      sellerIndex: input.sellerIndex,
      sellerId: input.sellerId,
      marketplaces: input.marketplaces,
      skus: input.skus,
      historyStartDay: input.historyStartDay,
      historyDays: input.historyDays,
    });
    this.returnRates = this.catalog.products.map((p) => categoryOf(p.category).returnRate);
    this.listings = new ListingStore(this.catalog, input.seed, input.historyStartDay, (at) => this.invalidateFrom(at));
    this.planner = {
      seed: input.seedNumber,
      sellerIndex: input.sellerIndex,
      historyStartDay: input.historyStartDay,
      catalog: this.catalog,
      listings: this.listings,
    };
    this.ledger = new InventoryLedger({
      planner: this.planner,
      historyStartDay: input.historyStartDay,
      onPlan: (plan) => this.remember(this.plans, plan.day, plan, PLAN_CACHE_DAYS),
      timelineOf: (plan, i) => this.timeline(plan, i),
    });
  }

  get sellerId(): string {
    return this.input.sellerId;
  }

  /** Index of a marketplace id among the seller's marketplaces, or −1. */
  marketplaceIndex(marketplaceId: string): number {
    return this.catalog.marketplaces.findIndex((m) => m.marketplaceId === marketplaceId);
  }

  /** The plan of a UTC day (folding the inventory up to it first); undefined before the history start. */
  plan(day: number): DayPlan | undefined {
    if (day < this.historyStartDay) return undefined;
    const cached = this.plans.get(day);
    if (cached) {
      if (day !== this.lastPlanDay) this.touch(this.plans, day, cached);
      this.lastPlanDay = day;
      return cached;
    }
    this.ledger.ensure(day);
    const hit = this.plans.get(day);
    if (hit) return hit;
    return this.remember(this.plans, day, this.rebuildPlan(day), PLAN_CACHE_DAYS);
  }

  /** Plans a folded day again from its seed and midnight stock, bypassing caches (identical to the fold's plan). */
  rebuildPlan(day: number): DayPlan {
    this.ledger.ensure(day);
    return planDay(this.planner, day, this.ledger.record(day)?.fulfillable);
  }

  /** The timeline of order `i` of a plan (computed once per cached plan). */
  timeline(plan: DayPlan, i: number): OrderTimeline {
    const cached = plan.timelines[i];
    if (cached) return cached;
    const market = this.catalog.marketplaces[plan.marketplace[i] ?? 0];
    if (!market) throw new Error('amazon-sim scenario: plan refers to an unknown marketplace');
    const t = orderTimeline(
      plan.seed[i] ?? 0,
      plan.time[i] ?? 0,
      plan.afn[i] ? 'AFN' : 'MFN',
      market.facts,
      plan.canceled[i] === 1,
    );
    plan.timelines[i] = t;
    return t;
  }

  /** The order id of position `seq` of a day's plan (no materialisation). */
  orderIdOf(day: number, seq: number): string {
    const plan = this.plan(day);
    const market = this.catalog.marketplaces[plan?.marketplace[seq] ?? 0];
    const key = { sellerIndex: this.sellerIndex, day, seq };
    return this.input.codec.orderId(key, market?.facts.orderIdPrefixes ?? ['000']);
  }

  /** Order `seq` of a day, or undefined when it does not exist (or was withdrawn with its listing). */
  order(day: number, seq: number): ScenarioOrder | undefined {
    const plan = this.plan(day);
    if (!plan || seq < 0 || seq >= plan.count) return undefined;
    let list = this.orders.get(day);
    if (!list) list = this.remember(this.orders, day, new Array(plan.count), ORDER_CACHE_DAYS);
    else if (day !== this.lastOrderDay) this.touch(this.orders, day, list);
    this.lastOrderDay = day;
    const hit = list[seq];
    if (hit !== undefined) return hit ?? undefined;
    const built = buildOrder(
      {
        seed: this.input.seedNumber,
        sellerIndex: this.sellerIndex,
        catalog: this.catalog,
        listings: this.listings,
        codec: this.input.codec,
        returnRates: this.returnRates,
      },
      plan,
      seq,
      this.timeline(plan, seq),
    );
    list[seq] = built ?? null;
    return built;
  }

  /** Orders placed in [from, to) and visible at `asOf`, by purchase time then order id. */
  ordersBetween(from: number, to: number, asOf: number): ScenarioOrder[] {
    const out: ScenarioOrder[] = [];
    const end = Math.min(to, asOf + 1);
    for (let day = Math.max(dayOf(from), this.historyStartDay); dayStart(day) < end; day++) {
      const plan = this.plan(day);
      if (!plan) continue;
      for (let i = 0; i < plan.count; i++) {
        const t = plan.time[i] ?? 0;
        if (t < from || t >= end) continue;
        const order = this.order(day, i);
        if (order) out.push(order);
      }
    }
    return out.sort((a, b) => a.timeline.purchase - b.timeline.purchase || (a.orderId < b.orderId ? -1 : 1));
  }

  /** FBA inbound shipments to marketplace `m` decided up to the day of `at` (folding up to it first). */
  inboundShipments(m: number, at: number): InboundShipment[] {
    const day = dayOf(at);
    if (day < this.historyStartDay) return [];
    this.ledger.ensure(day);
    return this.catalog.products
      .flatMap((p) => this.ledger.shipmentsOf(p.index, m))
      .sort((a, b) => a.closedAt - b.closedAt);
  }

  /** FBA quantities of every Amazon-fulfilled product in marketplace `m` at `at` (keyed by product index). */
  inventoryAt(m: number, at: number): Map<number, InventoryLevels> {
    const out = new Map<number, InventoryLevels>();
    const day = dayOf(at);
    if (day < this.historyStartDay) return out;
    this.ledger.ensure(day);
    const rec = this.ledger.record(day);
    if (!rec) return out;
    const M = this.catalog.marketplaces.length;
    for (const p of this.catalog.products) {
      if (p.fulfillment !== 'AFN') continue;
      const k = p.index * M + m;
      const levels: InventoryLevels = {
        fulfillable: rec.fulfillable[k] ?? 0,
        inboundWorking: 0,
        inboundShipped: 0,
        inboundReceiving: 0,
        pendingCustomerOrder: 0,
        fcProcessing: rec.processing[k] ?? 0,
        customerDamaged: rec.customerDamaged[k] ?? 0,
        warehouseDamaged: rec.warehouseDamaged[k] ?? 0,
        carrierDamaged: rec.carrierDamaged[k] ?? 0,
        defective: rec.defective[k] ?? 0,
        lastUpdated: -1,
      };
      for (const s of this.ledger.shipmentsOf(p.index, m)) {
        if (at < s.createdAt || at >= s.closedAt) continue;
        if (at < s.shippedAt) levels.inboundWorking += s.quantity;
        else if (at < s.receivingAt) levels.inboundShipped += s.quantity;
        else levels.inboundReceiving += s.quantity;
      }
      out.set(p.index, levels);
    }
    // Orders of the last few days: today's take fulfillable stock; unshipped ones are reserved for customers.
    for (let d = day - RESERVATION_DAYS; d <= day; d++) {
      const plan = d >= this.historyStartDay ? this.plan(d) : undefined;
      if (!plan) continue;
      const touched = this.ledger.record(d)?.touched;
      for (const [p, levels] of out) {
        if (touched?.[p * M + m]) levels.lastUpdated = Math.max(levels.lastUpdated, dayStart(d));
      }
      for (let i = 0; i < plan.count && (plan.time[i] ?? 0) <= at; i++) {
        if (plan.canceled[i] || plan.dropped[i] || !plan.afn[i] || plan.marketplace[i] !== m) continue;
        const placed = plan.time[i] ?? 0;
        const shipped = this.timeline(plan, i).shipped ?? placed;
        const end = plan.lineStart[i + 1] ?? 0;
        for (let l = plan.lineStart[i] ?? 0; l < end; l++) {
          const levels = plan.lineDropped[l] ? undefined : out.get(plan.lineProduct[l] ?? -1);
          if (!levels) continue;
          const qty = plan.lineQty[l] ?? 0;
          if (d === day) levels.fulfillable -= qty;
          if (shipped > at) levels.pendingCustomerOrder += qty;
          levels.lastUpdated = Math.max(levels.lastUpdated, placed, shipped <= at ? shipped : -1);
        }
      }
    }
    for (const [p, levels] of out) levels.lastUpdated = this.olderUpdate(p * M + m, day, levels.lastUpdated);
    return out;
  }

  /**
   * Latest change of a SKU counting the days before the last few: their orders and shipments (all at or before `at`,
   * since FBA ships within three days) and their midnight events; `floor` is what the recent days gave.
   */
  private olderUpdate(k: number, day: number, floor: number): number {
    let best = floor;
    const reach = (RESERVATION_DAYS + 1) * DAY_MS;
    for (let d = day - RESERVATION_DAYS - 1; d >= this.historyStartDay; d--) {
      if (dayStart(d) + reach <= best) break;
      const rec = this.ledger.record(d);
      if (!rec) continue;
      if (rec.touched[k]) best = Math.max(best, dayStart(d));
      const sec = rec.lastEventSec[k] ?? -1;
      if (sec >= 0) best = Math.max(best, dayStart(d) + sec * SECOND_MS);
    }
    if (best >= 0) return best;
    const product = this.catalog.products[Math.floor(k / this.catalog.marketplaces.length)];
    return Math.min(product?.createdAt ?? dayStart(day), dayStart(day));
  }

  /** Drops everything derived from the listings from the day of `at` on (the seller changed a listing). */
  private invalidateFrom(at: number): void {
    const day = dayOf(at);
    this.ledger.rewind(day);
    for (const cache of [this.plans, this.orders] as Map<number, unknown>[]) {
      for (const d of [...cache.keys()]) if (d >= day) cache.delete(d);
    }
  }

  private remember<T>(cache: Map<number, T>, key: number, value: T, capacity: number): T {
    cache.set(key, value);
    while (cache.size > capacity) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
    return value;
  }

  private touch<T>(cache: Map<number, T>, key: number, value: T): T {
    cache.delete(key);
    cache.set(key, value);
    return value;
  }
}
