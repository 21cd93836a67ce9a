import { describe, expect, it } from 'vitest';
import { DAY_MS, dayOf } from '../src/scenario/calendar.ts';
import { lastUpdatedAt, MAX_UPDATE_LAG_MS, statusAt } from '../src/scenario/order-timeline.ts';
import { createScenario, type Scenario } from '../src/scenario/scenario.ts';
import type { ScenarioOrder } from '../src/scenario/scenario-types.ts';
import { createIdentities, loadMarketplaces } from '../src/sellers.ts';
import { resolveSharedAmazonDir } from '../src/shared-dir.ts';

const marketplaces = loadMarketplaces(resolveSharedAmazonDir());
const START = Date.UTC(2026, 0, 1);

function scenario(seed: number | string, options: { historyDays?: number; skus?: number; now?: () => number } = {}) {
  const identities = createIdentities(seed, 'demo', marketplaces);
  return createScenario({
    seed,
    sellers: identities.sellers,
    marketplaces,
    startMs: START,
    historyDays: 30,
    ...options,
  });
}

function dayOrders(sc: Scenario, sellerIndex: number, day: number): ScenarioOrder[] {
  const seller = sc.sellers()[sellerIndex];
  if (!seller) throw new Error('no seller');
  return sc.ordersBetween(seller.sellerId, day * DAY_MS, (day + 1) * DAY_MS);
}

describe('scenario generation', () => {
  it('is deterministic: the same seed gives byte-identical orders, another seed different ones', () => {
    const day = dayOf(START) - 3;
    const a = JSON.stringify(dayOrders(scenario(7), 1, day));
    const b = JSON.stringify(dayOrders(scenario(7), 1, day));
    const c = JSON.stringify(dayOrders(scenario(8), 1, day));
    expect(a.length).toBeGreaterThan(1000);
    expect(b).toBe(a);
    expect(c).not.toBe(a);
  });

  it('rebuilds any day alone exactly as the history fold made it', () => {
    const seller = scenario(11).sellers()[0];
    if (!seller) throw new Error('no seller');
    const day = dayOf(START) - 10;
    const folded = seller.plan(day);
    const rebuilt = seller.rebuildPlan(day);
    expect(rebuilt).not.toBe(folded);
    expect(rebuilt.count).toBeGreaterThan(0);
    for (const key of [
      'time',
      'marketplace',
      'seed',
      'canceled',
      'afn',
      'lineStart',
      'lineProduct',
      'lineQty',
    ] as const) {
      expect(Array.from(rebuilt[key])).toEqual(Array.from(folded?.[key] ?? []));
    }
  });

  it('builds realistic orders: 1–3 lines, mostly single units, UTC times, statuses by age, PII-free', () => {
    const sc = scenario(3, { historyDays: 60 });
    const seller = sc.sellers()[0];
    if (!seller) throw new Error('no seller');
    const orders = sc.ordersBetween(seller.sellerId, START - 60 * DAY_MS, START);
    expect(orders.length).toBeGreaterThan(500);
    const lines = orders.flatMap((o) => o.items);
    expect(Math.max(...orders.map((o) => o.items.length))).toBeLessThanOrEqual(3);
    expect(lines.filter((l) => l.quantity === 1).length / lines.length).toBeGreaterThan(0.75);
    const ids = new Set(orders.map((o) => o.orderId));
    expect(ids.size).toBe(orders.length);
    for (const o of orders) {
      expect(o.orderId).toMatch(/^\d{3}-\d{7}-\d{7}$/);
      expect(sc.orderById(o.orderId)?.orderId).toBe(o.orderId);
      expect(o.timeline.purchase % 1000).toBe(0);
      expect(lastUpdatedAt(o.timeline, START) - o.timeline.purchase).toBeLessThan(MAX_UPDATE_LAG_MS);
      expect(JSON.stringify(o.shipTo)).not.toMatch(/name|phone|street|email/i);
    }
    const statuses = new Map<string, number>();
    for (const o of orders) statuses.set(sc.statusOf(o) ?? '', (statuses.get(sc.statusOf(o) ?? '') ?? 0) + 1);
    expect(statuses.get('Shipped')).toBeGreaterThan(orders.length * 0.8);
    expect(statuses.get('Canceled')).toBeGreaterThan(0);
    // Orders of the last hours are still Pending or Unshipped.
    const recent = orders.filter((o) => o.timeline.purchase > START - 3_600_000);
    expect(recent.some((o) => statusAt(o.timeline, START) !== 'Shipped')).toBe(true);
    const returned = lines.filter((l) => l.returned);
    expect(returned.length / lines.length).toBeGreaterThan(0.01);
    expect(returned.length / lines.length).toBeLessThan(0.12);
    for (const l of lines) {
      expect(l.referralFee).toBeGreaterThan(0);
      expect(l.itemTax).toBeGreaterThanOrEqual(0);
    }
    expect(lines.some((l) => l.fbaFee > 0 && l.promotionDiscount > 0)).toBe(true);
  });

  it('prices in each marketplace currency, with VAT included in Europe', () => {
    const sc = scenario(5);
    const eu = sc.sellers()[1];
    if (!eu) throw new Error('no seller');
    const orders = sc.ordersBetween(eu.sellerId, START - 5 * DAY_MS, START);
    const currencies = new Set(orders.map((o) => `${o.marketplaceId}:${o.currency}`));
    expect(currencies).toContain('A1F83G8C2ARO7P:GBP');
    expect(currencies).toContain('A1PA6795UKMFR9:EUR');
    const de = orders.find((o) => o.marketplaceId === 'A1PA6795UKMFR9' && o.items[0]?.promotionDiscount === 0);
    const item = de?.items[0];
    expect(de?.taxIncluded).toBe(true);
    // German VAT is 19 % of the net price: 19/119 of the gross item price.
    if (item) expect(Math.abs(item.itemTax - Math.round((item.itemPrice * 19) / 119))).toBeLessThanOrEqual(1);
  });

  it('keeps FBA stock consistent: orders take it, shipments reserve-then-release it, inbound adds it', () => {
    const sc = scenario(9, { historyDays: 45 });
    const seller = sc.sellers()[0];
    if (!seller) throw new Error('no seller');
    const us = 'ATVPDKIKX0DER';
    const t0 = START - 2 * DAY_MS + 3_600_000;
    const t1 = t0 + 6 * 3_600_000;
    const before = new Map(sc.inventory(seller.sellerId, us, t0).map((r) => [r.sku, r]));
    const after = new Map(sc.inventory(seller.sellerId, us, t1).map((r) => [r.sku, r]));
    const orders = sc.ordersBetween(seller.sellerId, t0 - 4 * DAY_MS, t1 + 1);
    let checked = 0;
    for (const [sku, b] of before) {
      const a = after.get(sku);
      if (!a) continue;
      let placed = 0;
      let shipped = 0;
      for (const o of orders) {
        if (o.marketplaceId !== us || o.channel !== 'AFN' || o.canceled) continue;
        const qty = o.items.filter((i) => i.sku === sku).reduce((s, i) => s + i.quantity, 0);
        if (o.timeline.purchase > t0 && o.timeline.purchase <= t1) placed += qty;
        const ship = o.timeline.shipped ?? 0;
        if (ship > t0 && ship <= t1) shipped += qty;
      }
      expect(a.fulfillable).toBe(b.fulfillable - placed);
      expect(a.fulfillable + a.pendingCustomerOrder).toBe(b.fulfillable + b.pendingCustomerOrder - shipped);
      expect(a.fulfillable).toBeGreaterThanOrEqual(0);
      if (placed > 0) checked++;
    }
    expect(checked).toBeGreaterThan(3);

    const shipment = seller
      .inboundShipments(0, START)
      .find((s) => s.closedAt > START - 40 * DAY_MS && s.closedAt < START);
    if (!shipment) throw new Error('expected an inbound shipment in the window');
    const sku = seller.catalog.products[shipment.productIndex]?.sku;
    const row = (at: number) => sc.inventory(seller.sellerId, us, at).find((r) => r.sku === sku);
    const pre = row(shipment.closedAt - 1);
    const post = row(shipment.closedAt);
    if (!pre || !post) throw new Error('sku missing from inventory');
    const inbound = (r: typeof pre) => r.inboundWorking + r.inboundShipped + r.inboundReceiving;
    expect(inbound(pre) - inbound(post)).toBe(shipment.quantity);
    expect(post.fulfillable - pre.fulfillable).toBeGreaterThanOrEqual(shipment.quantity - 1);
  });

  it('goes live: orders appear as the clock passes, history before now never changes', () => {
    let now = START;
    const sc = scenario(13, { now: () => now });
    const seller = sc.sellers()[0];
    if (!seller) throw new Error('no seller');
    const history = JSON.stringify(sc.ordersBetween(seller.sellerId, START - DAY_MS, START));
    expect(sc.ordersBetween(seller.sellerId, START, START + DAY_MS)).toEqual([]);
    now = START + 12 * 3_600_000;
    const live = sc.ordersBetween(seller.sellerId, START, START + DAY_MS);
    expect(live.length).toBeGreaterThan(5);
    expect(live.every((o) => o.timeline.purchase <= now)).toBe(true);
    expect(JSON.stringify(sc.ordersBetween(seller.sellerId, START - DAY_MS, START, START))).toBe(history);
  });

  it('generates 500 SKUs × 30 days for a seller with realistic volumes', () => {
    const identities = createIdentities(21, 'demo', marketplaces);
    const na = identities.sellers[0];
    if (!na) throw new Error('no seller');
    const sc = createScenario({ seed: 21, sellers: [na], marketplaces, startMs: START, historyDays: 30, skus: 500 });
    const seller = sc.sellers()[0];
    expect(seller?.catalog.products).toHaveLength(500);
    expect(new Set(seller?.catalog.products.map((p) => p.sku)).size).toBe(500);
    expect(new Set(seller?.catalog.products.map((p) => p.asin)).size).toBe(500);
    expect(seller?.catalog.families.length).toBeGreaterThan(10);
    let orders = 0;
    for (let d = sc.historyStartDay; d < dayOf(START); d++) orders += seller?.plan(d)?.count ?? 0;
    expect(orders).toBeGreaterThan(30 * 300);
    expect(orders).toBeLessThan(30 * 5000);
    expect(sc.inventory(na.sellerId, 'ATVPDKIKX0DER').length).toBeGreaterThan(350);
  });
});
