import { calendarOf, DAY_MS, dayOf, dayStart, HOUR_MS, SECOND_MS } from './calendar.ts';
import { code } from './catalog-generator.ts';
import { categoryOf } from './category-data.ts';
import { type DayPlan, type PlannerContext, planDay } from './day-planner.ts';
import { seasonFactor } from './demand-model.ts';
import { FastRandom, seedOf, unitOf } from './fast-random.ts';
import { lineReturn } from './order-timeline.ts';
import type { InboundShipment, OrderTimeline } from './scenario-types.ts';

/**
 * The day-by-day fold of one seller's FBA stock (one pool per SKU × marketplace, no Pan-EU pooling): at each UTC
 * midnight inbound shipments close into fulfillable stock, returns arrive into FC processing and leave it a day later
 * (sellable or into an unfulfillable bucket), a few units get damaged in the warehouse, unfulfillable stock is removed
 * every quarter; during the day orders take stock (never below zero: the day plan is capped by it); at the end of the
 * day the seller reorders from trailing sales, sometimes too late (stock-outs). Snapshots per day let any instant be
 * reconstructed together with that day's plan. Folding is lazy (up to the day asked for) and can be rewound to a day
 * when the seller changes a listing.
 */

export interface DayRecord {
  /** State right after the day's midnight events (indexed p × M + m). */
  fulfillable: Int32Array;
  processing: Uint16Array;
  customerDamaged: Uint16Array;
  defective: Uint16Array;
  carrierDamaged: Uint16Array;
  warehouseDamaged: Uint16Array;
  /** 1 where a midnight event changed the SKU's quantities. */
  touched: Uint8Array;
  /** Units ordered that day (not canceled). */
  placed: Uint16Array;
  /** Latest order or shipment second of the day's orders relative to the day's start (may exceed a day), −1 none. */
  lastEventSec: Int32Array;
}

export interface LedgerDeps {
  planner: PlannerContext;
  historyStartDay: number;
  /** Receives every plan the fold makes (the scenario caches them). */
  onPlan(plan: DayPlan): void;
  timelineOf(plan: DayPlan, index: number): OrderTimeline;
}

type Bucket = 'fulfillable' | 'customerDamaged' | 'defective' | 'carrierDamaged';
interface Scheduled {
  origin: number;
  k: number;
  qty: number;
  kind: 'close' | 'arrive' | 'release';
  to?: Bucket;
  shipment?: InboundShipment;
}

const DISPOSITION_BUCKET: Record<string, Bucket> = {
  SELLABLE: 'fulfillable',
  CUSTOMER_DAMAGED: 'customerDamaged',
  DEFECTIVE: 'defective',
  CARRIER_DAMAGED: 'carrierDamaged',
};

/** One seller's stock fold (see the file comment); `ensure(day)` extends it, `rewind(day)` forgets from a day on. */
export class InventoryLedger {
  private readonly M: number;
  private readonly K: number;
  private readonly start: number;
  private records: DayRecord[] = [];
  private next = 0;
  private resumeAfterBoundary = false;
  private state!: Omit<DayRecord, 'touched' | 'placed' | 'lastEventSec'>;
  private scheduled = new Map<number, Scheduled[]>();
  private shipments: InboundShipment[] = [];
  private byK = new Map<number, InboundShipment[]>();
  private pipeline!: Int32Array;
  private lastDecision!: Int32Array;
  /** Units placed over the last 14 and 56 folded days, per SKU × marketplace. */
  private recent14!: Float64Array;
  private recent56!: Float64Array;
  private readonly returnRates: number[];

  constructor(private readonly deps: LedgerDeps) {
    const catalog = deps.planner.catalog;
    this.M = catalog.marketplaces.length;
    this.K = catalog.products.length * this.M;
    this.start = deps.historyStartDay;
    this.returnRates = catalog.products.map((p) => categoryOf(p.category).returnRate);
    this.reset();
  }

  /** Folds forward until `day` is recorded. */
  ensure(day: number): void {
    while (this.start + this.next <= day) this.foldDay(this.start + this.next);
  }

  /** The record of a folded day (call ensure first); undefined before the history start. */
  record(day: number): DayRecord | undefined {
    return this.records[day - this.start];
  }

  /** Days folded so far (exclusive end). */
  foldedUntil(): number {
    return this.start + this.next;
  }

  /** Inbound shipments of product p in marketplace m decided so far. */
  shipmentsOf(p: number, m: number): InboundShipment[] {
    return this.byK.get(p * this.M + m) ?? [];
  }

  /** Forgets everything from `day` on (its midnight snapshot stays): the next ensure re-folds with current listings. */
  rewind(day: number): void {
    if (day >= this.start + this.next) return;
    if (day <= this.start) {
      this.reset();
      return;
    }
    const rec = this.records[day - this.start];
    if (!rec) return;
    this.records.length = day - this.start + 1;
    rec.placed.fill(0);
    rec.lastEventSec.fill(-1);
    this.state = {
      fulfillable: rec.fulfillable.slice(),
      processing: rec.processing.slice(),
      customerDamaged: rec.customerDamaged.slice(),
      defective: rec.defective.slice(),
      carrierDamaged: rec.carrierDamaged.slice(),
      warehouseDamaged: rec.warehouseDamaged.slice(),
    };
    for (const [at, events] of this.scheduled) {
      const kept = events.filter((e) => e.origin < day);
      if (kept.length > 0) this.scheduled.set(at, kept);
      else this.scheduled.delete(at);
    }
    this.shipments = this.shipments.filter((s) => s.decidedDay < day);
    this.byK.clear();
    this.pipeline.fill(0);
    this.lastDecision.fill(-1_000_000);
    for (const s of this.shipments) this.index(s, day);
    this.recent14 = this.windowSum(day, 14);
    this.recent56 = this.windowSum(day, 56);
    this.next = day - this.start;
    this.resumeAfterBoundary = true;
  }

  private reset(): void {
    const K = this.K;
    this.records = [];
    this.next = 0;
    this.resumeAfterBoundary = false;
    this.scheduled.clear();
    this.shipments = [];
    this.byK.clear();
    this.pipeline = new Int32Array(K);
    this.lastDecision = new Int32Array(K).fill(-1_000_000);
    this.recent14 = new Float64Array(K);
    this.recent56 = new Float64Array(K);
    this.state = {
      fulfillable: new Int32Array(K),
      processing: new Uint16Array(K),
      customerDamaged: new Uint16Array(K),
      defective: new Uint16Array(K),
      carrierDamaged: new Uint16Array(K),
      warehouseDamaged: new Uint16Array(K),
    };
    this.seedInitialStock();
  }

  private index(s: InboundShipment, restartDay: number): void {
    const k = s.productIndex * this.M + s.marketplaceIndex;
    const list = this.byK.get(k) ?? [];
    list.push(s);
    this.byK.set(k, list);
    if (dayOf(s.closedAt) > restartDay) this.pipeline[k] = (this.pipeline[k] ?? 0) + s.quantity;
    if (s.decidedDay > (this.lastDecision[k] ?? 0)) this.lastDecision[k] = s.decidedDay;
  }

  /** Opening stock: 25–70 days of typical sales, some shipments in flight, launch stock for products not yet out. */
  private seedInitialStock(): void {
    const { catalog, seed, sellerIndex } = this.deps.planner;
    const rng = new FastRandom(seedOf(seed, sellerIndex, this.start, 0x5eed));
    for (const product of catalog.products) {
      if (product.fulfillment !== 'AFN') continue;
      catalog.marketplaces.forEach((market, m) => {
        if (!product.offers[m]?.listed) return;
        const k = product.index * this.M + m;
        const daily = product.baseDemand * market.facts.demandWeight;
        if (product.launchDay <= this.start) {
          this.state.fulfillable[k] = Math.ceil(daily * rng.range(25, 70));
          this.state.customerDamaged[k] = rng.chance(0.2) ? rng.int(1, 3) : 0;
          if (rng.chance(0.3)) this.createShipment(product.index, m, this.start - 1, daily * 40, rng.int(1, 20));
        } else {
          const decided = Math.max(this.start - 1, product.launchDay - 25);
          this.createShipment(product.index, m, decided, daily * 45, product.launchDay - decided);
        }
      });
    }
  }

  private createShipment(p: number, m: number, decidedDay: number, units: number, closeInDays?: number): void {
    const k = p * this.M + m;
    const rng = new FastRandom(seedOf(this.deps.planner.seed, k, decidedDay, 0x1b));
    const quantity = Math.max(10, Math.ceil(units / 10) * 10);
    const createdAt = dayStart(decidedDay + 1) + Math.floor((rng.range(8, 18) * HOUR_MS) / SECOND_MS) * SECOND_MS;
    let shippedAt = createdAt + rng.int(1, 4) * DAY_MS + rng.int(0, 28_800) * SECOND_MS;
    let receivingAt = shippedAt + rng.int(5, 14) * DAY_MS + (rng.chance(0.06) ? rng.int(10, 25) * DAY_MS : 0);
    let closeDay = dayOf(receivingAt) + rng.int(1, 3);
    if (closeInDays !== undefined) {
      closeDay = decidedDay + Math.max(1, closeInDays);
      receivingAt = Math.min(receivingAt, dayStart(closeDay) - 6 * HOUR_MS);
      shippedAt = Math.min(shippedAt, receivingAt - DAY_MS);
    }
    const shipment: InboundShipment = {
      shipmentId: `FBA1${code(seedOf(this.deps.planner.seed, this.deps.planner.sellerIndex, k, decidedDay), 8)}`,
      productIndex: p,
      marketplaceIndex: m,
      quantity,
      decidedDay,
      createdAt: Math.min(createdAt, shippedAt),
      shippedAt,
      receivingAt,
      closedAt: dayStart(closeDay),
    };
    this.shipments.push(shipment);
    this.index(shipment, decidedDay);
    this.schedule(closeDay, { origin: decidedDay, k, qty: quantity, kind: 'close', shipment });
  }

  private schedule(day: number, event: Scheduled): void {
    const list = this.scheduled.get(day);
    if (list) list.push(event);
    else this.scheduled.set(day, [event]);
  }

  private foldDay(day: number): void {
    const s = this.state;
    let rec: DayRecord;
    if (this.resumeAfterBoundary) {
      rec = this.records[day - this.start] as DayRecord;
      this.resumeAfterBoundary = false;
    } else {
      const touched = this.midnight(day);
      rec = {
        fulfillable: s.fulfillable.slice(),
        processing: s.processing.slice(),
        customerDamaged: s.customerDamaged.slice(),
        defective: s.defective.slice(),
        carrierDamaged: s.carrierDamaged.slice(),
        warehouseDamaged: s.warehouseDamaged.slice(),
        touched,
        placed: new Uint16Array(this.K),
        lastEventSec: new Int32Array(this.K).fill(-1),
      };
      this.records[day - this.start] = rec;
    }
    const plan = planDay(this.deps.planner, day, rec.fulfillable);
    this.deps.onPlan(plan);
    this.consume(day, plan, rec);
    this.slide(day, rec, 14, this.recent14);
    this.slide(day, rec, 56, this.recent56);
    this.replenish(day);
    this.next = day - this.start + 1;
  }

  /** Midnight events of `day`; returns which SKUs they touched. */
  private midnight(day: number): Uint8Array {
    const s = this.state;
    const touched = new Uint8Array(this.K);
    for (const e of this.scheduled.get(day) ?? []) {
      touched[e.k] = 1;
      if (e.kind === 'close') {
        s.fulfillable[e.k] = (s.fulfillable[e.k] ?? 0) + e.qty;
        this.pipeline[e.k] = (this.pipeline[e.k] ?? 0) - e.qty;
      } else if (e.kind === 'arrive') {
        s.processing[e.k] = (s.processing[e.k] ?? 0) + e.qty;
      } else {
        s.processing[e.k] = Math.max(0, (s.processing[e.k] ?? 0) - e.qty);
        const to = s[e.to ?? 'fulfillable'];
        to[e.k] = (to[e.k] ?? 0) + e.qty;
      }
    }
    const rng = new FastRandom(seedOf(this.deps.planner.seed, this.deps.planner.sellerIndex, day, 0xda));
    for (let k = 0; k < this.K; k++) {
      if ((s.fulfillable[k] ?? 0) > 20 && rng.next() < 0.0008) {
        s.fulfillable[k] = (s.fulfillable[k] ?? 0) - 1;
        s.warehouseDamaged[k] = (s.warehouseDamaged[k] ?? 0) + 1;
        touched[k] = 1;
      }
    }
    const { month, date } = calendarOf(day);
    if (date === 1 && month % 3 === 0) {
      // Quarterly removal order for everything unfulfillable.
      for (const bucket of [s.customerDamaged, s.defective, s.carrierDamaged, s.warehouseDamaged]) {
        for (let k = 0; k < this.K; k++) {
          if ((bucket[k] ?? 0) > 0) {
            bucket[k] = 0;
            touched[k] = 1;
          }
        }
      }
    }
    return touched;
  }

  private consume(day: number, plan: DayPlan, rec: DayRecord): void {
    const s = this.state;
    const start = dayStart(day);
    for (let i = 0; i < plan.count; i++) {
      if (plan.canceled[i] || plan.dropped[i] || !plan.afn[i]) continue;
      const m = plan.marketplace[i] ?? 0;
      const timeline = this.deps.timelineOf(plan, i);
      const placedSec = Math.floor(((plan.time[i] ?? start) - start) / SECOND_MS);
      const shipSec = Math.floor(((timeline.shipped ?? start) - start) / SECOND_MS);
      const end = plan.lineStart[i + 1] ?? 0;
      for (let l = plan.lineStart[i] ?? 0; l < end; l++) {
        if (plan.lineDropped[l]) continue;
        const p = plan.lineProduct[l] ?? 0;
        const qty = plan.lineQty[l] ?? 0;
        const k = p * this.M + m;
        s.fulfillable[k] = (s.fulfillable[k] ?? 0) - qty;
        rec.placed[k] = (rec.placed[k] ?? 0) + qty;
        rec.lastEventSec[k] = Math.max(rec.lastEventSec[k] ?? -1, placedSec, shipSec);
        const ret = lineReturn(
          plan.seed[i] ?? 0,
          l - (plan.lineStart[i] ?? 0),
          qty,
          this.returnRates[p] ?? 0.04,
          'AFN',
          timeline,
        );
        if (ret) {
          const arrive = dayOf(ret.returnedAt) + 1;
          this.schedule(arrive, { origin: day, k, qty: ret.quantity, kind: 'arrive' });
          const to = DISPOSITION_BUCKET[ret.disposition] ?? 'customerDamaged';
          this.schedule(arrive + 1, { origin: day, k, qty: ret.quantity, kind: 'release', to });
        }
      }
    }
  }

  /** End-of-day reorder decisions from trailing sales (with a forward look at the season). */
  private replenish(day: number): void {
    const { catalog, listings, seed } = this.deps.planner;
    const s = this.state;
    const lead = catalog.marketplaces[0]?.facts.afnChannelCode === 'AMAZON_NA' ? 25 : 20;
    const seasons = new Map<string, number>();
    for (const product of catalog.products) {
      if (product.fulfillment !== 'AFN' || day < product.launchDay - 30) continue;
      let lift = seasons.get(product.category);
      if (lift === undefined) {
        const spec = categoryOf(product.category);
        lift = Math.max(1, seasonFactor(spec, day + lead) / seasonFactor(spec, day));
        seasons.set(product.category, lift);
      }
      for (let m = 0; m < this.M; m++) {
        const k = product.index * this.M + m;
        if (day - (this.lastDecision[k] ?? 0) < 6) continue;
        if (listings.priceAt(product.index, m, dayStart(day + 1) - 1) === undefined) continue;
        const weight = catalog.marketplaces[m]?.facts.demandWeight ?? 1;
        const days = day - this.start + 1;
        const trailing = Math.max(
          (this.recent14[k] ?? 0) / Math.min(14, days),
          (this.recent56[k] ?? 0) / Math.min(56, days),
        );
        const forecast = Math.max(trailing, 0.6 * product.baseDemand * weight) * lift;
        const position = (s.fulfillable[k] ?? 0) + (s.processing[k] ?? 0) + (this.pipeline[k] ?? 0);
        if (position >= forecast * (lead + 14) || this.inCashCrunch(seed, k, day)) continue;
        this.createShipment(product.index, m, day, forecast * (lead + 50) - position);
      }
    }
  }

  /** Adds the day's sales to a trailing window and drops the day that fell out of it. */
  private slide(day: number, rec: DayRecord, span: number, sums: Float64Array): void {
    const old = this.records[day - span - this.start];
    for (let k = 0; k < this.K; k++) sums[k] = (sums[k] ?? 0) + (rec.placed[k] ?? 0) - (old?.placed[k] ?? 0);
  }

  /** Sales of the `span` days before `day`, per SKU × marketplace (rebuilt after a rewind). */
  private windowSum(day: number, span: number): Float64Array {
    const sums = new Float64Array(this.K);
    for (let d = Math.max(this.start, day - span); d < day; d++) {
      const placed = this.records[d - this.start]?.placed;
      if (placed) for (let k = 0; k < this.K; k++) sums[k] = (sums[k] ?? 0) + (placed[k] ?? 0);
    }
    return sums;
  }

  /** A seller short of cash (about one SKU in eight per quarter, for 15–40 days) does not reorder: stock-outs. */
  private inCashCrunch(seed: number, k: number, day: number): boolean {
    const quarter = Math.floor(day / 91);
    if (unitOf(seedOf(seed, 0xcc, k, quarter)) >= 0.12) return false;
    const from = quarter * 91 + Math.floor(unitOf(seedOf(seed, 0xcd, k, quarter)) * 50);
    return day >= from && day < from + 15 + Math.floor(unitOf(seedOf(seed, 0xce, k, quarter)) * 25);
  }
}
