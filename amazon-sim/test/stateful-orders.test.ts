import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../src/scenario/calendar.ts';
import { lastUpdatedAt, statusAt } from '../src/scenario/order-timeline.ts';
import type { Scenario } from '../src/scenario/scenario.ts';
import type { RunningSim } from '../src/server.ts';
import { getOrderItemsHandler } from '../src/stateful/orders-v0-handlers.ts';
import { PageTokens } from '../src/stateful/page-token.ts';
import { http, sellerToken, startTestSim } from './helpers.ts';

const START = Date.UTC(2026, 0, 1);
const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';

let sim: RunningSim;
let scenario: Scenario;
let headers: Record<string, string>;
let sellerId: string;

beforeAll(async () => {
  sim = await startTestSim({ rateLimits: false, living: { historyDays: 20 } });
  if (!sim.scenario) throw new Error('living marketplace not installed');
  scenario = sim.scenario;
  headers = { 'x-amz-access-token': await sellerToken(sim, 0), 'content-type': 'application/json' };
  sellerId = sim.info.sellers[0]?.sellerId ?? '';
});

afterAll(async () => {
  await sim.close();
});

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const get = (path: string) => http(`${sim.info.spApi.na}${path}`, { headers });

/** Moves the virtual clock and fetches a fresh access token (tokens live one virtual hour). */
async function advance(ms: number): Promise<void> {
  sim.clock.advance(ms);
  headers = { ...headers, 'x-amz-access-token': await sellerToken(sim, 0) };
}

interface V2026Page {
  orders: { orderId: string; createdTime: string; lastUpdatedTime: string; [k: string]: unknown }[];
  pagination?: { nextToken: string };
  createdBefore?: string;
  lastUpdatedBefore?: string;
}

async function allPages(first: string): Promise<{ ids: string[]; pages: number; bodies: V2026Page[] }> {
  const ids: string[] = [];
  const bodies: V2026Page[] = [];
  let res = await get(first);
  for (;;) {
    expect(res.status).toBe(200);
    const body = res.json as V2026Page;
    bodies.push(body);
    ids.push(...body.orders.map((o) => o.orderId));
    const next = body.pagination?.nextToken;
    if (!next) break;
    res = await get(`/orders/2026-01-01/orders?paginationToken=${encodeURIComponent(next)}`);
  }
  return { ids, pages: bodies.length, bodies };
}

describe('Orders API v2026-01-01 on the living marketplace', () => {
  it('pages through a created-time window returning every order exactly once, as the scenario has them', async () => {
    const from = START - 2 * DAY_MS;
    const to = START - DAY_MS + 6 * 3_600_000;
    const { ids, pages, bodies } = await allPages(
      `/orders/2026-01-01/orders?createdAfter=${iso(from)}&createdBefore=${iso(to)}&marketplaceIds=${US},${CA}&maxResultsPerPage=9`,
    );
    const truth = scenario
      .ordersBetween(sellerId, from, to + 1, START)
      .filter((o) => o.marketplaceId === US || o.marketplaceId === CA)
      .map((o) => o.orderId);
    expect(pages).toBeGreaterThan(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(truth);
    expect(bodies[0]?.createdBefore).toBe(iso(to));
    const times = bodies.flatMap((b) => b.orders.map((o) => o.createdTime));
    expect([...times].sort()).toEqual(times);
    expect(times.every((t) => t >= iso(from) && t <= iso(to))).toBe(true);
  });

  it('pages by last-update time without drops or repeats, even when the clock moves between pages', async () => {
    const from = START - DAY_MS;
    const first = await get(`/orders/2026-01-01/orders?lastUpdatedAfter=${iso(from)}&maxResultsPerPage=40`);
    expect(first.status).toBe(200);
    const asOf = sim.clock.now();
    await advance(3 * 3_600_000);
    const ids = (first.json as V2026Page).orders.map((o) => o.orderId);
    let token = (first.json as V2026Page).pagination?.nextToken;
    let lastUpdated = (first.json as V2026Page).orders.map((o) => o.lastUpdatedTime);
    expect((first.json as V2026Page).lastUpdatedBefore).toBe(iso(asOf - 120_000));
    while (token) {
      const res = await get(`/orders/2026-01-01/orders?paginationToken=${encodeURIComponent(token)}`);
      const body = res.json as V2026Page;
      ids.push(...body.orders.map((o) => o.orderId));
      lastUpdated = lastUpdated.concat(body.orders.map((o) => o.lastUpdatedTime));
      token = body.pagination?.nextToken;
    }
    const truth = scenario
      .ordersBetween(sellerId, from - 10 * DAY_MS, asOf, asOf)
      .map((o) => ({ id: o.orderId, at: lastUpdatedAt(o.timeline, asOf) }))
      .filter((o) => o.at >= from && o.at <= asOf - 120_000)
      .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1));
    expect(ids).toEqual(truth.map((t) => t.id));
    expect([...lastUpdated].sort()).toEqual(lastUpdated);
  });

  it('filters by status and fulfillment channel, and includedData adds exactly the requested datasets', async () => {
    const from = iso(START - 15 * DAY_MS);
    const res = await get(
      `/orders/2026-01-01/orders?createdAfter=${from}&fulfillmentStatuses=CANCELLED&fulfilledBy=AMAZON,MERCHANT&includedData=CANCELLATION,FULFILLMENT`,
    );
    const orders = (res.json as V2026Page).orders;
    expect(orders.length).toBeGreaterThan(0);
    for (const o of orders) {
      expect((o.fulfillment as { fulfillmentStatus: string }).fulfillmentStatus).toBe('CANCELLED');
      const item = (o.orderItems as { cancellation?: { cancellationExecution?: unknown } }[])[0];
      expect(item?.cancellation?.cancellationExecution).toBeDefined();
      expect(o.proceeds).toBeUndefined();
    }
    const plain = ((await get(`/orders/2026-01-01/orders?createdAfter=${from}&maxResultsPerPage=5`)).json as V2026Page)
      .orders[0];
    expect(plain && Object.keys(plain).sort()).toEqual(
      expect.arrayContaining(['createdTime', 'lastUpdatedTime', 'orderId', 'orderItems', 'salesChannel']),
    );
    for (const absent of ['buyer', 'recipient', 'proceeds', 'fulfillment', 'packages'])
      expect(plain?.[absent]).toBeUndefined();
    const rich = (
      (
        await get(
          `/orders/2026-01-01/orders?createdAfter=${from}&maxResultsPerPage=5&includedData=BUYER,RECIPIENT,PROCEEDS,TAX`,
        )
      ).json as V2026Page
    ).orders.find((o) => o.proceeds);
    const item = ((rich?.orderItems ?? []) as Record<string, unknown>[])[0];
    expect(rich?.recipient).toMatchObject({ deliveryAddress: { countryCode: expect.any(String) } });
    expect(JSON.stringify(rich?.recipient)).not.toMatch(/"name"|phone|addressLine/);
    expect(rich?.proceeds).toMatchObject({
      grandTotal: { amount: expect.stringMatching(/^\d+\.\d{2}$/), currencyCode: expect.any(String) },
    });
    expect(item?.proceeds).toMatchObject({ proceedsTotal: { currencyCode: expect.any(String) } });
    expect(item?.tax).toMatchObject({ taxCollections: [{ model: 'MARKETPLACE_FACILITATOR' }] });
  });

  it('gets one order, shows new orders as the clock advances, and 404s for unknown ids', async () => {
    const now = sim.clock.now();
    // Nothing can be asked for the last two minutes: the default createdBefore is now − 2 min.
    const tooRecent = await get(`/orders/2026-01-01/orders?createdAfter=${iso(now - 60_000)}`);
    expect(tooRecent.status).toBe(400);
    await advance(DAY_MS);
    const live = await get(`/orders/2026-01-01/orders?createdAfter=${iso(now)}&includedData=FULFILLMENT`);
    const orders = (live.json as V2026Page).orders;
    expect(orders.length).toBeGreaterThan(10);
    const order = orders[0];
    const one = await get(`/orders/2026-01-01/orders/${order?.orderId}?includedData=FULFILLMENT`);
    expect(one.status).toBe(200);
    expect((one.json as { order: { orderId: string } }).order).toEqual(order);
    const missing = await get('/orders/2026-01-01/orders/111-0000000-0000000');
    expect(missing.status).toBe(404);
    expect((missing.json as { errors: { code: string }[] }).errors[0]?.code).toBe('NotFound');
  });

  it('answers bad input with Amazon’s InvalidInput shape', async () => {
    const bad = async (query: string) => {
      const res = await get(`/orders/2026-01-01/orders?${query}`);
      expect(res.status).toBe(400);
      const body = res.json as { errors: { code: string; message: string; details: string }[] };
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toMatchObject({ code: 'InvalidInput', details: '' });
      return body.errors[0]?.message ?? '';
    };
    expect(await bad('marketplaceIds=ATVPDKIKX0DER')).toMatch(/createdAfter/);
    expect(await bad('createdAfter=yesterday')).toMatch(/ISO 8601/);
    expect(await bad('createdAfter=2025-12-01T00:00:00Z&lastUpdatedAfter=2025-12-01T00:00:00Z')).toMatch(/Exactly one/);
    expect(await bad('createdAfter=2025-12-01T00:00:00Z&maxResultsPerPage=500')).toMatch(/maxResultsPerPage/);
    expect(await bad('createdAfter=2025-12-01T00:00:00Z&fulfillmentStatuses=LOST')).toMatch(/fulfillmentStatuses/);
    expect(await bad('createdAfter=2025-12-01T00:00:00Z&marketplaceIds=A1PA6795UKMFR9')).toMatch(/A1PA6795UKMFR9/);
    expect(await bad('paginationToken=forged.token')).toMatch(/paginationToken/);
  });
});

describe('Orders API v0 on the living marketplace', () => {
  it('getOrders pages with NextToken and matches v2026; getOrder and getOrderItems agree', async () => {
    const asOf = sim.clock.now();
    const from = asOf - 36 * 3_600_000;
    const ids: string[] = [];
    let res = await get(`/orders/v0/orders?MarketplaceIds=${US}&CreatedAfter=${iso(from)}&MaxResultsPerPage=50`);
    for (;;) {
      expect(res.status).toBe(200);
      const payload = (res.json as { payload: { Orders: { AmazonOrderId: string }[]; NextToken?: string } }).payload;
      ids.push(...payload.Orders.map((o) => o.AmazonOrderId));
      if (!payload.NextToken) break;
      res = await get(`/orders/v0/orders?MarketplaceIds=${US}&NextToken=${encodeURIComponent(payload.NextToken)}`);
    }
    const truth = scenario
      .ordersBetween(sellerId, from, asOf - 120_000 + 1, asOf)
      .filter((o) => o.marketplaceId === US);
    expect(ids).toEqual(truth.map((o) => o.orderId));
    const sample = truth.find((o) => o.items.length > 1 && statusAt(o.timeline, asOf) === 'Shipped') ?? truth[0];
    if (!sample) throw new Error('no order');
    const one = await get(`/orders/v0/orders/${sample.orderId}`);
    const order = (one.json as { payload: Record<string, unknown> }).payload;
    expect(order).toMatchObject({
      AmazonOrderId: sample.orderId,
      MarketplaceId: US,
      OrderStatus: statusAt(sample.timeline, asOf),
    });
    const items = await get(`/orders/v0/orders/${sample.orderId}/orderItems`);
    const payload = (items.json as { payload: { AmazonOrderId: string; OrderItems: Record<string, unknown>[] } })
      .payload;
    expect(payload.AmazonOrderId).toBe(sample.orderId);
    expect(payload.OrderItems.map((i) => i.SellerSKU)).toEqual(sample.items.map((i) => i.sku));
    const price = ((sample.items[0]?.itemPrice ?? 0) / 100).toFixed(2);
    expect(payload.OrderItems[0]?.ItemPrice).toEqual({ CurrencyCode: 'USD', Amount: price });
  });

  it('requires MarketplaceIds, a date, and valid statuses', async () => {
    const missing = await get(`/orders/v0/orders?CreatedAfter=${iso(START - DAY_MS)}`);
    expect(missing.status).toBe(400);
    expect(missing.json).toEqual({
      errors: [{ code: 'InvalidInput', message: 'Missing required parameter: MarketplaceIds.', details: '' }],
    });
    expect((await get(`/orders/v0/orders?MarketplaceIds=${US}`)).status).toBe(400);
    expect((await get(`/orders/v0/orders?MarketplaceIds=${US}&CreatedAfter=2025-13-45T00:00:00Z`)).status).toBe(400);
    expect(
      (await get(`/orders/v0/orders?MarketplaceIds=${US}&CreatedAfter=${iso(START)}&OrderStatuses=Lost`)).status,
    ).toBe(400);
    expect((await get('/orders/v0/orders/not-an-order')).status).toBe(400);
  });

  it('pages order items with NextToken when a page is smaller than the order', async () => {
    const tokens = new PageTokens(`tokens:${scenario.seed}`);
    const handler = getOrderItemsHandler({ scenario, tokens }, 1);
    sim.handlers.register('ordersV0:getOrderItems', handler);
    const asOf = sim.clock.now();
    const order = scenario
      .ordersBetween(sellerId, asOf - 5 * DAY_MS, asOf)
      .find((o) => o.items.length >= 2 && o.marketplaceId === US);
    if (!order) throw new Error('no multi-line order');
    const seen: string[] = [];
    let res = await get(`/orders/v0/orders/${order.orderId}/orderItems`);
    for (;;) {
      const payload = (res.json as { payload: { OrderItems: { OrderItemId: string }[]; NextToken?: string } }).payload;
      expect(payload.OrderItems).toHaveLength(1);
      seen.push(...payload.OrderItems.map((i) => i.OrderItemId));
      if (!payload.NextToken) break;
      res = await get(
        `/orders/v0/orders/${order.orderId}/orderItems?NextToken=${encodeURIComponent(payload.NextToken)}`,
      );
    }
    expect(seen).toEqual(order.items.map((i) => i.orderItemId));
    const foreign = await get(`/orders/v0/orders/${order.orderId}/orderItems?NextToken=abc.def`);
    expect(foreign.status).toBe(400);
  });
});
