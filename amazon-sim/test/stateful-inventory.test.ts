import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario.ts';
import type { RunningSim } from '../src/server.ts';
import { http, sellerToken, startTestSim } from './helpers.ts';

const US = 'ATVPDKIKX0DER';
const HOUR = 3_600_000;

let sim: RunningSim;
let scenario: Scenario;
let token: string;
let sellerId: string;

beforeAll(async () => {
  sim = await startTestSim({ rateLimits: false, living: { historyDays: 15, skus: 150 } });
  if (!sim.scenario) throw new Error('living marketplace not installed');
  scenario = sim.scenario;
  token = await sellerToken(sim, 0);
  sellerId = sim.info.sellers[0]?.sellerId ?? '';
});

afterAll(async () => {
  await sim.close();
});

async function advance(ms: number): Promise<void> {
  sim.clock.advance(ms);
  token = await sellerToken(sim, 0);
}

interface Summary {
  asin: string;
  fnSku: string;
  sellerSku: string;
  condition: string;
  lastUpdatedTime: string;
  productName: string;
  totalQuantity: number;
  inventoryDetails?: {
    fulfillableQuantity: number;
    inboundWorkingQuantity: number;
    inboundShippedQuantity: number;
    inboundReceivingQuantity: number;
    reservedQuantity: {
      totalReservedQuantity: number;
      pendingCustomerOrderQuantity: number;
      fcProcessingQuantity: number;
    };
    unfulfillableQuantity: { totalUnfulfillableQuantity: number };
    researchingQuantity: { totalResearchingQuantity: number };
  };
}

interface SummariesBody {
  payload: { granularity: { granularityType: string; granularityId: string }; inventorySummaries: Summary[] };
  pagination?: { nextToken: string };
}

const base = `granularityType=Marketplace&granularityId=${US}&marketplaceIds=${US}`;
const summaries = (query: string) =>
  http(`${sim.info.spApi.na}/fba/inventory/v1/summaries?${query}`, { headers: { 'x-amz-access-token': token } });

async function allSummaries(query: string): Promise<{ rows: Summary[]; pages: number }> {
  const rows: Summary[] = [];
  let pages = 0;
  let res = await summaries(query);
  for (;;) {
    expect(res.status).toBe(200);
    const body = res.json as SummariesBody;
    pages++;
    rows.push(...body.payload.inventorySummaries);
    if (!body.pagination) break;
    res = await summaries(`${query}&nextToken=${encodeURIComponent(body.pagination.nextToken)}`);
  }
  return { rows, pages };
}

describe('FBA inventory getInventorySummaries on the living marketplace', () => {
  it('lists every FBA SKU once, 50 per page, with details that add up', async () => {
    const { rows, pages } = await allSummaries(`details=true&${base}`);
    const truth = scenario.inventory(sellerId, US);
    expect(pages).toBe(Math.ceil(truth.length / 50));
    expect(rows.map((r) => r.sellerSku)).toEqual(truth.map((r) => r.sku));
    for (const r of rows) {
      const d = r.inventoryDetails;
      if (!d) throw new Error('details missing');
      expect(r.condition).toBe('NewItem');
      expect(r.fnSku).toMatch(/^X00[0-9A-Z]{7}$/);
      expect(d.fulfillableQuantity).toBeGreaterThanOrEqual(0);
      expect(r.totalQuantity).toBe(
        d.fulfillableQuantity +
          d.inboundWorkingQuantity +
          d.inboundShippedQuantity +
          d.inboundReceivingQuantity +
          d.reservedQuantity.totalReservedQuantity +
          d.unfulfillableQuantity.totalUnfulfillableQuantity +
          d.researchingQuantity.totalResearchingQuantity,
      );
    }
    expect(rows.some((r) => (r.inventoryDetails?.inboundShippedQuantity ?? 0) > 0)).toBe(true);
    const plain = (await summaries(`${base}&sellerSkus=${rows[0]?.sellerSku},${rows[1]?.sellerSku}`))
      .json as SummariesBody;
    expect(plain.payload.inventorySummaries.map((s) => s.sellerSku)).toEqual([rows[0]?.sellerSku, rows[1]?.sellerSku]);
    expect(plain.payload.inventorySummaries[0]?.inventoryDetails).toBeUndefined();
  });

  it('takes stock for new orders and releases reservations as orders ship', async () => {
    await advance(HOUR);
    const t0 = sim.clock.now();
    const before = new Map((await allSummaries(`details=true&${base}`)).rows.map((r) => [r.sellerSku, r]));
    await advance(6 * HOUR);
    const t1 = sim.clock.now();
    const after = new Map((await allSummaries(`details=true&${base}`)).rows.map((r) => [r.sellerSku, r]));
    const orders = scenario.ordersBetween(sellerId, t0 - 4 * 24 * HOUR, t1 + 1, t1);
    let moved = 0;
    for (const [sku, b] of before) {
      const a = after.get(sku);
      if (!a?.inventoryDetails || !b.inventoryDetails) continue;
      let placed = 0;
      let shipped = 0;
      for (const o of orders) {
        if (o.marketplaceId !== US || o.channel !== 'AFN' || o.canceled) continue;
        const qty = o.items.filter((i) => i.sku === sku).reduce((s, i) => s + i.quantity, 0);
        if (o.timeline.purchase > t0 && o.timeline.purchase <= t1) placed += qty;
        if ((o.timeline.shipped ?? 0) > t0 && (o.timeline.shipped ?? 0) <= t1) shipped += qty;
      }
      const onHand = (s: Summary) =>
        (s.inventoryDetails?.fulfillableQuantity ?? 0) +
        (s.inventoryDetails?.reservedQuantity.pendingCustomerOrderQuantity ?? 0);
      expect(a.inventoryDetails.fulfillableQuantity).toBe(b.inventoryDetails.fulfillableQuantity - placed);
      expect(onHand(a)).toBe(onHand(b) - shipped);
      if (shipped > 0) moved++;
    }
    expect(moved).toBeGreaterThan(3);
  });

  it('adds inbound units to fulfillable stock when the shipment closes', async () => {
    const seller = scenario.seller(sellerId);
    const now = sim.clock.now();
    const shipment = seller?.inboundShipments(0, now).find((s) => s.closedAt > now + HOUR);
    if (!seller || !shipment) throw new Error('expected a shipment closing later');
    const sku = seller.catalog.products[shipment.productIndex]?.sku ?? '';
    await advance(shipment.closedAt - 1000 - sim.clock.now());
    const row = async () => {
      const body = (await summaries(`details=true&${base}&sellerSkus=${encodeURIComponent(sku)}`))
        .json as SummariesBody;
      const d = body.payload.inventorySummaries[0]?.inventoryDetails;
      if (!d) throw new Error('sku missing');
      return d;
    };
    const pre = await row();
    await advance(1000);
    const post = await row();
    const inbound = (d: typeof pre) => d.inboundWorkingQuantity + d.inboundShippedQuantity + d.inboundReceivingQuantity;
    expect(inbound(pre) - inbound(post)).toBe(shipment.quantity);
    expect(post.fulfillableQuantity - pre.fulfillableQuantity).toBeGreaterThanOrEqual(shipment.quantity - 1);
  });

  it('returns only SKUs changed since startDateTime', async () => {
    const since = new Date(sim.clock.now() - 2 * HOUR).toISOString();
    const { rows } = await allSummaries(`${base}&startDateTime=${since}`);
    const all = scenario.inventory(sellerId, US);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.length).toBeLessThan(all.length);
    for (const r of rows) expect(r.lastUpdatedTime >= since.replace('.000Z', 'Z')).toBe(true);
  });

  it('rejects bad parameters with InvalidInput', async () => {
    const bad = async (query: string, pattern: RegExp) => {
      const res = await summaries(query);
      expect(res.status).toBe(400);
      const error = (res.json as { errors: { code: string; message: string }[] }).errors[0];
      expect(error?.code).toBe('InvalidInput');
      expect(error?.message).toMatch(pattern);
    };
    await bad(`granularityId=${US}&marketplaceIds=${US}`, /granularityType/);
    await bad(`granularityType=Country&granularityId=${US}&marketplaceIds=${US}`, /granularityType/);
    await bad(`${base},A2EUQ1WTGCTBG2`, /at most 1/);
    await bad(`granularityType=Marketplace&granularityId=${US}&marketplaceIds=A2EUQ1WTGCTBG2`, /granularityId/);
    await bad(`${base}&startDateTime=2020-01-01T00:00:00Z`, /18 months/);
    await bad(`${base}&details=yes`, /details/);
    await bad(`${base}&nextToken=nope`, /nextToken/);
  });
});
