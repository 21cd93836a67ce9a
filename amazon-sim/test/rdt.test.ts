import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../src/server.ts';
import { type HttpResult, http, sellerToken, startTestSim } from './helpers.ts';

const START = Date.UTC(2026, 0, 1);
const US = 'ATVPDKIKX0DER';
const RDT_PATH = '/tokens/2021-03-01/restrictedDataToken';

let sim: RunningSim;
let lwaToken: string;
/** Two shipped orders of seller 0 (so both have a ship-to address). */
let orderA: string;
let orderB: string;

interface V0Order {
  AmazonOrderId: string;
  OrderStatus: string;
  ShippingAddress?: Record<string, unknown>;
  BuyerInfo?: Record<string, unknown>;
}
type ErrorBody = { errors: { code: string; message: string; details?: string }[] };

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const na = (path: string) => `${sim.info.spApi.na}${path}`;
const get = (path: string, token: string) => http(na(path), { headers: { 'x-amz-access-token': token } });

/** POST createRestrictedDataToken with `body` (JSON) as `token` (default: seller 0's LWA token). */
function createRdt(body: unknown, token = lwaToken, base = sim.info.spApi.na): Promise<HttpResult> {
  return http(`${base}${RDT_PATH}`, {
    method: 'POST',
    headers: { 'x-amz-access-token': token, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** An RDT for the given resources (fails the test when creation fails). */
async function rdtFor(...resources: { method: string; path: string; dataElements?: string[] }[]): Promise<string> {
  const res = await createRdt({ restrictedResources: resources });
  expect(res.status).toBe(200);
  return (res.json as { restrictedDataToken: string }).restrictedDataToken;
}

const errorCode = (res: HttpResult) => (res.json as ErrorBody).errors[0]?.code;

beforeAll(async () => {
  sim = await startTestSim({ rateLimits: false, living: { historyDays: 20 } });
  lwaToken = await sellerToken(sim, 0);
  const res = await get(
    `/orders/v0/orders?MarketplaceIds=${US}&CreatedAfter=${iso(START - 15 * 86_400_000)}`,
    lwaToken,
  );
  expect(res.status).toBe(200);
  const shipped = (res.json as { payload: { Orders: V0Order[] } }).payload.Orders.filter(
    (o) => o.OrderStatus === 'Shipped',
  );
  if (shipped.length < 2 || !shipped[0] || !shipped[1]) throw new Error('need two shipped orders');
  orderA = shipped[0].AmazonOrderId;
  orderB = shipped[1].AmazonOrderId;
});

afterAll(async () => {
  await sim.close();
});

describe('createRestrictedDataToken', () => {
  it('answers an Atz.sprdt| token that lives 3600 seconds', async () => {
    const res = await createRdt({
      restrictedResources: [{ method: 'GET', path: `/orders/v0/orders/${orderA}/address` }],
      targetApplication: 'amzn1.sellerapps.app.target-application',
    });
    expect(res.status).toBe(200);
    const body = res.json as { restrictedDataToken: string; expiresIn: number };
    expect(body.restrictedDataToken).toMatch(/^Atz\.sprdt\|/);
    expect(body.expiresIn).toBe(3600);
  });

  it('rejects malformed requests with Amazon 400 InvalidInput', async () => {
    const bad: unknown[] = [
      {},
      { restrictedResources: [] },
      { restrictedResources: 'x' },
      { restrictedResources: [{ method: 'PATCH', path: `/orders/v0/orders/${orderA}/address` }] },
      { restrictedResources: [{ method: 'POST', path: `/orders/v0/orders/${orderA}/address` }] },
      { restrictedResources: [{ method: 'GET', path: '/catalog/2022-04-01/items' }] },
      { restrictedResources: [{ method: 'GET', path: 'orders/v0/orders' }] },
      { restrictedResources: [{ method: 'GET' }] },
      { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders' }] },
      { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders', dataElements: ['creditCard'] }] },
      {
        restrictedResources: Array.from({ length: 51 }, () => ({
          method: 'GET',
          path: '/orders/v0/orders/{orderId}/address',
        })),
      },
      { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }], targetApplication: 7 },
    ];
    for (const body of bad) {
      const res = await createRdt(body);
      expect(res.status, JSON.stringify(body).slice(0, 120)).toBe(400);
      expect(errorCode(res)).toBe('InvalidInput');
    }
  });

  it('cannot be called with an RDT', async () => {
    const rdt = await rdtFor({ method: 'GET', path: `/orders/v0/orders/${orderA}/address` });
    const res = await createRdt(
      { restrictedResources: [{ method: 'GET', path: '/orders/v0/orders/{orderId}/address' }] },
      rdt,
    );
    expect(res.status).toBe(403);
    expect(errorCode(res)).toBe('Unauthorized');
  });
});

describe('restricted operations', () => {
  it('refuses a plain LWA token on getOrderAddress, getOrderBuyerInfo, getOrderItemsBuyerInfo', async () => {
    for (const suffix of ['address', 'buyerInfo', 'orderItems/buyerInfo']) {
      const res = await get(`/orders/v0/orders/${orderA}/${suffix}`, lwaToken);
      expect(res.status).toBe(403);
      expect(res.json).toEqual({
        errors: [
          { code: 'Unauthorized', message: 'Access to requested resource is denied.', details: expect.any(String) },
        ],
      });
    }
  });

  it('opens getOrderAddress for the order it names and not for another', async () => {
    const rdt = await rdtFor({ method: 'GET', path: `/orders/v0/orders/${orderA}/address` });
    const ok = await get(`/orders/v0/orders/${orderA}/address`, rdt);
    expect(ok.status).toBe(200);
    const payload = (ok.json as { payload: { AmazonOrderId: string; ShippingAddress: Record<string, string> } })
      .payload;
    expect(payload.AmazonOrderId).toBe(orderA);
    expect(payload.ShippingAddress.Name).toMatch(/Sim-Buyer$/);
    expect(payload.ShippingAddress.AddressLine1).toBeTypeOf('string');
    expect(payload.ShippingAddress.Phone).toMatch(/^\+1 555-01\d\d$/);
    const other = await get(`/orders/v0/orders/${orderB}/address`, rdt);
    expect(other.status).toBe(403);
    expect(errorCode(other)).toBe('Unauthorized');
  });

  it('refuses an RDT on operations it does not cover', async () => {
    const rdt = await rdtFor({ method: 'GET', path: `/orders/v0/orders/${orderA}/address` });
    for (const path of [
      `/orders/v0/orders/${orderA}/buyerInfo`,
      `/orders/v0/orders/${orderA}`,
      `/orders/v0/orders/${orderA}/orderItems`,
      `/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=${US}&marketplaceIds=${US}`,
    ]) {
      const res = await get(path, rdt);
      expect(res.status, path).toBe(403);
      expect(errorCode(res)).toBe('Unauthorized');
    }
  });

  it('serves the other PII operations, deterministically, and a {orderId} template covers every order', async () => {
    const rdt = await rdtFor(
      { method: 'GET', path: '/orders/v0/orders/{orderId}/buyerInfo' },
      { method: 'GET', path: '/orders/v0/orders/{orderId}/orderItems/buyerInfo' },
    );
    const a1 = await get(`/orders/v0/orders/${orderA}/buyerInfo`, rdt);
    const a2 = await get(`/orders/v0/orders/${orderA}/buyerInfo`, rdt);
    const b = await get(`/orders/v0/orders/${orderB}/buyerInfo`, rdt);
    expect(a1.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a1.json).toEqual(a2.json);
    const info = (a1.json as { payload: Record<string, string> }).payload;
    expect(info.BuyerEmail).toMatch(/@marketplace\.amazon\.example$/);
    expect(info.BuyerName).toMatch(/Sim-Buyer$/);
    const items = await get(`/orders/v0/orders/${orderA}/orderItems/buyerInfo`, rdt);
    const plain = await get(`/orders/v0/orders/${orderA}/orderItems`, lwaToken);
    const ids = (r: HttpResult) =>
      (r.json as { payload: { OrderItems: { OrderItemId: string }[] } }).payload.OrderItems.map((i) => i.OrderItemId);
    expect(items.status).toBe(200);
    expect(ids(items)).toEqual(ids(plain));
  });

  it('adds PII to getOrders and getOrder only with an RDT', async () => {
    const query = `/orders/v0/orders?MarketplaceIds=${US}&AmazonOrderIds=${orderA}`;
    const plain = await get(query, lwaToken);
    const plainOrder = (plain.json as { payload: { Orders: V0Order[] } }).payload.Orders[0];
    expect(plainOrder?.ShippingAddress?.Name).toBeUndefined();
    expect(plainOrder?.BuyerInfo?.BuyerEmail).toBeUndefined();

    const rdt = await rdtFor(
      { method: 'GET', path: '/orders/v0/orders', dataElements: ['buyerInfo', 'shippingAddress'] },
      { method: 'GET', path: `/orders/v0/orders/${orderA}`, dataElements: ['buyerInfo'] },
    );
    const withPii = await get(query, rdt);
    expect(withPii.status).toBe(200);
    const order = (withPii.json as { payload: { Orders: V0Order[] } }).payload.Orders[0];
    expect(order?.ShippingAddress?.Name).toMatch(/Sim-Buyer$/);
    expect(order?.BuyerInfo?.BuyerEmail).toMatch(/@marketplace\.amazon\.example$/);

    const single = await get(`/orders/v0/orders/${orderA}`, rdt);
    expect(single.status).toBe(200);
    const payload = (single.json as { payload: V0Order }).payload;
    expect(payload.BuyerInfo?.BuyerEmail).toBe(order?.BuyerInfo?.BuyerEmail);
    expect(payload.ShippingAddress?.Name).toBeUndefined();
  });

  it("is bound to the seller: another seller's RDT does not reach this seller's order", async () => {
    const euToken = await sellerToken(sim, 1);
    const res = await createRdt(
      { restrictedResources: [{ method: 'GET', path: `/orders/v0/orders/${orderA}/address` }] },
      euToken,
      sim.info.spApi.eu,
    );
    expect(res.status).toBe(200);
    const rdt = (res.json as { restrictedDataToken: string }).restrictedDataToken;
    expect((await get(`/orders/v0/orders/${orderA}/address`, rdt)).status).toBe(403);
    const eu = await http(`${sim.info.spApi.eu}/orders/v0/orders/${orderA}/address`, {
      headers: { 'x-amz-access-token': rdt },
    });
    expect(eu.status).toBe(404);
  });

  it('expires on the simulator clock after 3600 seconds', async () => {
    const rdt = await rdtFor({ method: 'GET', path: `/orders/v0/orders/${orderA}/address` });
    sim.clock.advance(3_599_000);
    expect((await get(`/orders/v0/orders/${orderA}/address`, rdt)).status).toBe(200);
    sim.clock.advance(1_000);
    const expired = await get(`/orders/v0/orders/${orderA}/address`, rdt);
    expect(expired.status).toBe(403);
    expect((expired.json as ErrorBody).errors[0]?.details).toBe('The access token you provided has expired.');
  });
});
