import { createHash } from 'node:crypto';
import { DAY_MS, HOUR_MS } from '../scenario/calendar.ts';
import { hash32 } from '../scenario/fast-random.ts';
import type { ScenarioOrder } from '../scenario/scenario-types.ts';
import type { SellerScenario } from '../scenario/seller-scenario.ts';

/**
 * The seller's money as Amazon's finances see it, derived from the living marketplace: a shipment event when an order
 * ships (item price, tax, shipping, promotions, referral and FBA fees), a refund event per returned line, a monthly FBA
 * storage fee per marketplace and occasional warehouse-damage reimbursements. Amounts are integer minor units; an
 * event's `total` is exactly the sum of its parts. Events fall into 14-day settlement groups per marketplace.
 */

export const GROUP_DAYS = 14;
const GROUP_MS = GROUP_DAYS * DAY_MS;
/** Orders placed this long before a window can still post events in it (ship, deliver, return, refund). */
const LOOKBACK_MS = 75 * DAY_MS;

export type FinanceEventKind = 'Shipment' | 'Refund' | 'ServiceFee' | 'Adjustment';

/** One line of a shipment or refund: signed amounts (positive = paid to the seller). */
export interface FinanceLine {
  sku: string;
  asin: string;
  title: string;
  orderItemId: string;
  adjustmentItemId?: string;
  quantity: number;
  charges: [string, number][];
  fees: [string, number][];
  promotions: { id: string; amount: number }[];
  withheld: [string, number][];
}

export interface FinanceEvent {
  kind: FinanceEventKind;
  /** Stable id, unique per seller. */
  id: string;
  postedAt: number;
  marketplaceIndex: number;
  marketplaceId: string;
  marketplaceName: string;
  currency: string;
  digits: number;
  orderId?: string;
  channel?: 'AFN' | 'MFN';
  lines: FinanceLine[];
  /** Service fee or adjustment: type (FBAStorageFee, WAREHOUSE_DAMAGE) and its parts. */
  feeType?: string;
  adjustment?: { sku: string; fnsku: string; asin: string; title: string; quantity: number; perUnit: number };
  total: number;
}

export interface FinanceGroup {
  id: string;
  marketplaceIndex: number;
  marketplaceId: string;
  currency: string;
  digits: number;
  /** Position of the period since the history start. */
  period: number;
  start: number;
  end: number;
}

/** Sum of a line's parts. */
export function lineTotal(line: FinanceLine): number {
  const sum = (xs: [string, number][]) => xs.reduce((s, [, v]) => s + v, 0);
  return sum(line.charges) + sum(line.fees) + sum(line.withheld) + line.promotions.reduce((s, p) => s + p.amount, 0);
}

/** Recently computed event lists per seller (pagination re-reads the same window page after page). */
const CACHE = new WeakMap<SellerScenario, Map<string, FinanceEvent[]>>();
const CACHE_SIZE = 16;

/** The finances view of one seller. */
export class SellerFinances {
  constructor(
    private readonly seed: string,
    private readonly seller: SellerScenario,
  ) {}

  /** First instant of the first settlement period. */
  get origin(): number {
    return this.seller.historyStartDay * DAY_MS;
  }

  /** Settlement groups started at or before `asOf` whose start lies in [from, to), by start then marketplace. */
  groups(from: number, to: number, asOf: number): FinanceGroup[] {
    const out: FinanceGroup[] = [];
    const last = Math.floor((asOf - this.origin) / GROUP_MS);
    for (let k = 0; k <= last; k++) {
      const start = this.origin + k * GROUP_MS;
      if (start < from || start >= to) continue;
      this.seller.catalog.marketplaces.forEach((_, m) => {
        out.push(this.group(m, k));
      });
    }
    return out;
  }

  /** A group by its id, if it has started by `asOf`. */
  groupById(id: string, asOf: number): FinanceGroup | undefined {
    return this.groups(Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY, asOf).find((g) => g.id === id);
  }

  /** The group an event belongs to. */
  groupOf(event: FinanceEvent): FinanceGroup {
    return this.group(event.marketplaceIndex, Math.floor((event.postedAt - this.origin) / GROUP_MS));
  }

  /** Events posted in [from, to) and by `asOf` (marketplace `m` only when given), by posting time then id. */
  events(from: number, to: number, asOf: number, m?: number): FinanceEvent[] {
    const cache = CACHE.get(this.seller) ?? new Map<string, FinanceEvent[]>();
    CACHE.set(this.seller, cache);
    const key = `${from}|${to}|${asOf}|${m ?? ''}`;
    const hit = cache.get(key);
    if (hit) return hit;
    const events = this.compute(from, to, asOf, m);
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value ?? '');
    cache.set(key, events);
    return events;
  }

  private compute(from: number, to: number, asOf: number, m?: number): FinanceEvent[] {
    const end = Math.min(to, asOf + 1);
    const out: FinanceEvent[] = [];
    if (end <= from) return out;
    for (const order of this.seller.ordersBetween(from - LOOKBACK_MS, end, asOf)) {
      if (m !== undefined && this.seller.marketplaceIndex(order.marketplaceId) !== m) continue;
      for (const e of this.orderEvents(order)) if (e.postedAt >= from && e.postedAt < end) out.push(e);
    }
    const markets = m === undefined ? this.seller.catalog.marketplaces.map((_, i) => i) : [m];
    for (const mi of markets) {
      for (const e of this.periodicEvents(mi, from, end)) out.push(e);
    }
    return out.sort((a, b) => a.postedAt - b.postedAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  /** Every event of one order posted by `asOf`. */
  orderEvents(order: ScenarioOrder, asOf = Number.POSITIVE_INFINITY): FinanceEvent[] {
    const shipped = order.timeline.shipped;
    if (order.canceled || shipped === undefined || shipped > asOf) return [];
    const m = this.seller.marketplaceIndex(order.marketplaceId);
    const base = this.base(m, order);
    const lines = order.items.map((it): FinanceLine => {
      const principal = order.taxIncluded ? it.itemPrice - it.itemTax : it.itemPrice;
      const shipping = order.taxIncluded ? it.shippingPrice - it.shippingTax : it.shippingPrice;
      const line: FinanceLine = {
        sku: it.sku,
        asin: it.asin,
        title: it.title,
        orderItemId: it.orderItemId,
        quantity: it.quantity,
        charges: [
          ['Principal', principal],
          ['Tax', it.itemTax],
        ],
        fees: [['Commission', -it.referralFee]],
        promotions: it.promotionDiscount > 0 ? [{ id: it.promotionId ?? 'PROMO', amount: -it.promotionDiscount }] : [],
        withheld: [],
      };
      if (it.shippingPrice > 0) line.charges.push(['ShippingCharge', shipping], ['ShippingTax', it.shippingTax]);
      if (order.channel === 'AFN') line.fees.push(['FBAPerUnitFulfillmentFee', -it.fbaFee]);
      if (!order.taxIncluded) {
        line.withheld.push(['MarketplaceFacilitatorTax-Principal', -it.itemTax]);
        if (it.shippingPrice > 0) line.withheld.push(['MarketplaceFacilitatorTax-Shipping', -it.shippingTax]);
      }
      return line;
    });
    const events: FinanceEvent[] = [{ ...base, kind: 'Shipment', id: `S-${order.orderId}`, postedAt: shipped, lines }];
    order.items.forEach((it, n) => {
      const r = it.returned;
      if (!r || r.refundedAt > asOf) return;
      const commission = Math.round((it.referralFee * r.quantity) / it.quantity);
      const facts = this.seller.catalog.marketplaces[m]?.facts;
      const cap = Math.round(5 * (facts?.perUsd ?? 1) * 10 ** (facts?.currencyDigits ?? 2));
      const line: FinanceLine = {
        sku: it.sku,
        asin: it.asin,
        title: it.title,
        orderItemId: it.orderItemId,
        adjustmentItemId: `${hash32(this.seed, it.orderItemId, 'refund')}`,
        quantity: r.quantity,
        charges: [
          ['Principal', -(order.taxIncluded ? r.refundPrincipal - r.refundTax : r.refundPrincipal)],
          ['Tax', -r.refundTax],
        ],
        fees: [
          ['Commission', commission],
          ['RefundCommission', -Math.min(Math.round(commission * 0.2), cap)],
        ],
        promotions: [],
        withheld: order.taxIncluded ? [] : [['MarketplaceFacilitatorTax-Principal', r.refundTax]],
      };
      events.push({ ...base, kind: 'Refund', id: `R-${order.orderId}-${n}`, postedAt: r.refundedAt, lines: [line] });
    });
    for (const e of events) e.total = e.lines.reduce((s, l) => s + lineTotal(l), 0);
    return events.filter((e) => e.postedAt <= asOf);
  }

  private base(m: number, order?: ScenarioOrder): Omit<FinanceEvent, 'kind' | 'id' | 'postedAt' | 'lines'> {
    const market = this.seller.catalog.marketplaces[m];
    if (!market) throw new Error(`amazon-sim finances: unknown marketplace index ${m}`);
    const out: Omit<FinanceEvent, 'kind' | 'id' | 'postedAt' | 'lines'> = {
      marketplaceIndex: m,
      marketplaceId: market.marketplaceId,
      marketplaceName: market.facts.name,
      currency: market.currency,
      digits: market.facts.currencyDigits,
      total: 0,
    };
    if (order) {
      out.orderId = order.orderId;
      out.channel = order.channel;
    }
    return out;
  }

  /** Monthly storage fees (the 7th, 12:00 UTC) and reimbursements (at most one per period) in [from, to). */
  private periodicEvents(m: number, from: number, to: number): FinanceEvent[] {
    const out: FinanceEvent[] = [];
    const market = this.seller.catalog.marketplaces[m];
    if (!market) return out;
    const scale = market.facts.perUsd * 10 ** market.facts.currencyDigits;
    const fba = this.seller.catalog.products.filter((p) => p.fnsku && p.offers[m]?.listed);
    const first = new Date(Math.max(from, this.origin));
    for (let y = first.getUTCFullYear(), mo = first.getUTCMonth(); ; mo++) {
      const at = Date.UTC(y, mo, 7, 12);
      if (at >= to) break;
      if (at < from || at < this.origin || fba.length === 0) continue;
      const cents = fba.reduce((s, p) => s + 5 + (hash32(this.seed, this.seller.sellerId, p.sku, at) % 60), 0);
      const amount = -Math.max(1, Math.round((cents / 100) * scale));
      out.push({
        ...this.base(m),
        kind: 'ServiceFee',
        id: `F-${m}-${at}`,
        postedAt: at,
        lines: [],
        feeType: 'FBAStorageFee',
        total: amount,
      });
    }
    const k0 = Math.max(0, Math.floor((from - this.origin) / GROUP_MS));
    for (let k = k0; this.origin + k * GROUP_MS < to; k++) {
      const h = hash32(this.seed, this.seller.sellerId, m, k, 'reimbursement');
      const product = fba[h % Math.max(1, fba.length)];
      if (!product?.fnsku || h % 10 >= 4) continue;
      const at = this.origin + k * GROUP_MS + ((h >>> 8) % GROUP_DAYS) * DAY_MS + 10 * HOUR_MS;
      if (at < from || at >= to) continue;
      const quantity = 1 + ((h >>> 4) % 2);
      const perUnit = Math.round((product.offers[m]?.price ?? 0) * 0.55);
      out.push({
        ...this.base(m),
        kind: 'Adjustment',
        id: `A-${m}-${k}`,
        postedAt: at,
        lines: [],
        feeType: 'WAREHOUSE_DAMAGE',
        adjustment: {
          sku: product.sku,
          fnsku: product.fnsku,
          asin: product.asin,
          title: product.title,
          quantity,
          perUnit,
        },
        total: perUnit * quantity,
      });
    }
    return out;
  }

  private group(m: number, k: number): FinanceGroup {
    const market = this.seller.catalog.marketplaces[m];
    const id = createHash('sha256')
      .update(`${this.seed}:${this.seller.sellerId}:${m}:${k}`)
      .digest('base64url')
      .slice(0, 43);
    const start = this.origin + k * GROUP_MS;
    return {
      id,
      marketplaceIndex: m,
      marketplaceId: market?.marketplaceId ?? '',
      currency: market?.currency ?? 'USD',
      digits: market?.facts.currencyDigits ?? 2,
      period: k,
      start,
      end: start + GROUP_MS,
    };
  }
}
