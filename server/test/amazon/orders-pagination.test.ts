import type { RunningSim } from 'amazon-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paginate, type SpApiClient } from '../../src/integrations/amazon-sp-api/index.js';
import { clientFor, createRecordingLimiter, iso, startTestSim } from './sim-client.js';

/**
 * Orders v0 over real HTTP with injected faults: every getOrders page arrives exactly once through a 429 storm
 * (each 429 penalises the limiter key before the retry goes back through it), and getOrderItems survives 500s.
 */

const US = 'ATVPDKIKX0DER';
let sim: RunningSim;

beforeAll(async () => {
  sim = await startTestSim({
    rateLimits: false,
    faults: 'getOrders:429=0.5,getOrderItems:500=0.3',
    living: { historyDays: 4, skus: 20 },
  });
});
afterAll(async () => sim.close());

interface OrdersPage {
  payload: { Orders: { AmazonOrderId: string }[]; NextToken?: string };
}

async function allOrderIds(client: SpApiClient, from: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let pages = 0;
  const fetchPage = async (token: string | undefined) =>
    (
      await client.call<OrdersPage>({
        operation: 'ordersV0/getOrders',
        method: 'GET',
        path: '/orders/v0/orders',
        query: token
          ? { MarketplaceIds: [US], NextToken: token }
          : { MarketplaceIds: [US], CreatedAfter: iso(from), MaxResultsPerPage: 4 },
      })
    ).body;
  for await (const page of paginate(fetchPage)) {
    pages += 1;
    ids.push(...page.payload.Orders.map((o) => o.AmazonOrderId));
  }
  return { ids, pages };
}

describe('getOrders through a 429 storm', () => {
  it('returns the scenario ground truth, no page dropped or repeated, every 429 penalised then retried', async () => {
    const limiter = createRecordingLimiter();
    // getOrders allows a burst of 20: the whole walk fits in it, so a limiter wait here fails fast instead of hanging
    const client = clientFor(sim, 0, { limiter, defaultRetryAfterMs: 1500, maxRetries: 8, maxLimiterWaitMs: 1000 });
    const asOf = sim.clock.now();
    const from = asOf - 30 * 3_600_000;
    const { ids, pages } = await allOrderIds(client, from);
    const sellerId = sim.info.sellers[0]?.sellerId ?? '';
    const truth = (sim.scenario?.ordersBetween(sellerId, from, asOf - 120_000 + 1, asOf) ?? [])
      .filter((o) => o.marketplaceId === US)
      .map((o) => o.orderId);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(truth);

    const stats = client.stats()['ordersV0/getOrders'];
    expect(stats?.throttled).toBeGreaterThan(0);
    expect(stats?.retries).toBe(stats?.throttled);
    expect(stats?.calls).toBe(pages + (stats?.throttled ?? 0));
    const key = `${sellerId}:na:ordersV0/getOrders`;
    const penalties = limiter.events.filter((e) => e.startsWith('penalize'));
    expect(penalties).toHaveLength(stats?.throttled ?? -1);
    expect(new Set(penalties)).toEqual(new Set([`penalize ${key} 1500`]));
    // every penalty is followed by the retry asking the limiter for the same key
    limiter.events.forEach((e, i) => {
      if (e.startsWith('penalize')) expect(limiter.events[i + 1]).toBe(`acquire ${key}`);
    });
  });
});

describe('getOrderItems with 500s', () => {
  it('retries server errors with backoff until every order has its items', async () => {
    const client = clientFor(sim, 0);
    const asOf = sim.clock.now();
    const lister = clientFor(sim, 0, { limiter: createRecordingLimiter(), maxRetries: 20 });
    const { ids } = await allOrderIds(lister, asOf - 20 * 3_600_000);
    const sample = ids.slice(0, 12);
    expect(sample.length).toBeGreaterThan(5);
    for (const orderId of sample) {
      const res = await client.call<{ payload: { AmazonOrderId: string; OrderItems: unknown[] } }>({
        operation: 'getOrderItems',
        method: 'GET',
        path: `/orders/v0/orders/${orderId}/orderItems`,
      });
      expect(res.body.payload.AmazonOrderId).toBe(orderId);
      expect(res.body.payload.OrderItems.length).toBeGreaterThan(0);
      expect(res.requestId).toBeTruthy();
    }
    const stats = client.stats()['ordersV0/getOrderItems'];
    expect(stats?.retries).toBeGreaterThan(0);
    expect(stats).toMatchObject({ calls: sample.length + (stats?.retries ?? 0), throttled: 0, failures: 0 });
  });

  it('throws a permanent, classified error for a 4xx (unknown order)', async () => {
    const client = clientFor(sim, 0, { maxRetries: 0 });
    const err = await client
      .call({ operation: 'ordersV0/getOrder', method: 'GET', path: '/orders/v0/orders/111-0000000-0000000' })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, status: expect.any(Number) });
    expect((err as { status: number }).status).toBeGreaterThanOrEqual(400);
    expect((err as { requestId?: string }).requestId).toBeTruthy();
  });
});
