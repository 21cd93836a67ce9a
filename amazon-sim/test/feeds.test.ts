import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Scenario } from '../src/scenario/scenario.ts';
import type { RunningSim } from '../src/server.ts';
import { resolveSharedAmazonDir } from '../src/shared-dir.ts';
import { http, sellerToken, startTestSim } from './helpers.ts';

const US = 'ATVPDKIKX0DER';
const DAY = 86_400_000;
let sim: RunningSim;
let scenario: Scenario;
let token: string;
let sellerId: string;

beforeAll(async () => {
  sim = await startTestSim({ rateLimits: false, living: { historyDays: 40, skus: 30 } });
  if (!sim.scenario) throw new Error('living marketplace not installed');
  scenario = sim.scenario;
  token = await sellerToken(sim, 0);
  sellerId = sim.info.sellers[0]?.sellerId ?? '';
});

afterAll(async () => {
  await sim.close();
});

const call = (method: string, path: string, body?: unknown) =>
  http(`${sim.info.spApi.na}${path}`, {
    method,
    headers: { 'x-amz-access-token': token, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const offer = (value: number) => [
  { marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: value }] }] },
];

async function advance(ms: number): Promise<void> {
  sim.clock.advance(ms);
  token = await sellerToken(sim, 0);
}

describe('Feeds 2021-06-30 (JSON_LISTINGS_FEED)', () => {
  it('runs the lifecycle, applies messages like the Listings API and reports invalid ones per the schema', async () => {
    const listed = scenario.listings(sellerId, US);
    const [a, b] = listed.filter((l) => l.fulfillment === 'AFN');
    const fbm = listed.find((l) => l.fulfillment === 'MFN');
    if (!a || !b || !fbm) throw new Error('need two FBA listings and an FBM one');
    const product = scenario.seller(sellerId)?.catalog.products.find((p) => p.sku === a.sku);
    const oldPrice = product?.offers[0]?.price ?? 1000;
    const newPrice = oldPrice + 700;
    const feedDoc = {
      header: { sellerId, version: '2.0' },
      messages: [
        {
          messageId: 1,
          sku: a.sku,
          operationType: 'PATCH',
          productType: a.productType,
          patches: [{ op: 'replace', path: '/attributes/purchasable_offer', value: offer(newPrice / 100) }],
        },
        { messageId: 2, sku: a.sku, productType: a.productType },
        {
          messageId: 3,
          sku: a.sku,
          operationType: 'PATCH',
          productType: a.productType,
          patches: [{ op: 'replace', path: '/attributes/purchasable_offer', value: offer(-3) }],
        },
        { messageId: 4, sku: b.sku, operationType: 'DELETE' },
        {
          messageId: 5,
          sku: fbm.sku,
          operationType: 'PARTIAL_UPDATE',
          productType: fbm.productType,
          attributes: {
            fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 77, marketplace_id: US }],
          },
        },
      ],
    };
    const created = await call('POST', '/feeds/2021-06-30/documents', {
      contentType: 'application/json; charset=UTF-8',
    });
    expect(created.status).toBe(201);
    const { feedDocumentId, url } = created.json as { feedDocumentId: string; url: string };
    const put = await http(url, { method: 'PUT', body: JSON.stringify(feedDoc) });
    expect(put.status).toBe(200);
    const forged = await http(url.replace(/Signature=\w+/, 'Signature=0'), { method: 'PUT', body: '{}' });
    expect(forged.status).toBe(403);
    const feed = await call('POST', '/feeds/2021-06-30/feeds', {
      feedType: 'JSON_LISTINGS_FEED',
      marketplaceIds: [US],
      inputFeedDocumentId: feedDocumentId,
    });
    expect(feed.status).toBe(202);
    const { feedId } = feed.json as { feedId: string };
    const status = async () => (await call('GET', `/feeds/2021-06-30/feeds/${feedId}`)).json as Record<string, string>;
    expect((await status()).processingStatus).toBe('IN_QUEUE');
    await advance(31_000);
    expect((await status()).processingStatus).toBe('IN_PROGRESS');
    await advance(60_000);
    const done = await status();
    expect(done.processingStatus).toBe('DONE');
    expect(done.resultFeedDocumentId).toBeTruthy();
    const doc = await call('GET', `/feeds/2021-06-30/documents/${done.resultFeedDocumentId}`);
    const report = (await http((doc.json as { url: string }).url)).json as {
      issues: { messageId: number; code: string; severity: string }[];
      summary: Record<string, number>;
    };
    const schema = JSON.parse(
      readFileSync(
        join(resolveSharedAmazonDir(), 'schemas/feeds/listings-feed-processing-report-schema-v2.json'),
        'utf8',
      ),
    ) as object;
    const validate = new Ajv({ strict: false, allErrors: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary).toMatchObject({ messagesProcessed: 5, messagesAccepted: 3, messagesInvalid: 2 });
    expect(report.issues.filter((i) => i.messageId === 2)).toHaveLength(1);
    expect(report.issues.find((i) => i.messageId === 3)).toMatchObject({ code: '90000900', severity: 'ERROR' });
    const item = await call(
      'GET',
      `/listings/2021-08-01/items/${sellerId}/${encodeURIComponent(a.sku)}?marketplaceIds=${US}&includedData=offers`,
    );
    expect((item.json as { offers: { price: { amount: string } }[] }).offers[0]?.price.amount).toBe(
      (newPrice / 100).toFixed(2),
    );
    const gone = await call(
      'GET',
      `/listings/2021-08-01/items/${sellerId}/${encodeURIComponent(b.sku)}?marketplaceIds=${US}`,
    );
    expect(gone.status).toBe(404);
    const stock = await call(
      'GET',
      `/listings/2021-08-01/items/${sellerId}/${encodeURIComponent(fbm.sku)}?marketplaceIds=${US}&includedData=fulfillmentAvailability`,
    );
    const availability = (stock.json as { fulfillmentAvailability: { quantity: number }[] }).fulfillmentAvailability;
    expect(availability[0]?.quantity).toBe(77);
    const list = await call('GET', '/feeds/2021-06-30/feeds?feedTypes=JSON_LISTINGS_FEED');
    expect((list.json as { feeds: { feedId: string }[] }).feeds.map((f) => f.feedId)).toContain(feedId);
  });
});

describe('Solicitations', () => {
  it('offers a review request for delivered orders, once per order', async () => {
    const now = sim.clock.now();
    const orders = scenario.ordersBetween(sellerId, now - 20 * DAY, now).filter((o) => o.marketplaceId === US);
    const delivered = orders.find((o) => !o.canceled && (o.timeline.delivered ?? Number.POSITIVE_INFINITY) <= now);
    const pending = orders.find((o) => o.timeline.delivered === undefined || o.timeline.delivered > now);
    if (!delivered || !pending) throw new Error('need a delivered and an undelivered order');
    const actions = async (id: string) =>
      (await call('GET', `/solicitations/v1/orders/${id}?marketplaceIds=${US}`)).json as {
        _links: { actions: { name: string }[] };
      };
    expect((await actions(delivered.orderId))._links.actions.map((a) => a.name)).toEqual([
      'productReviewAndSellerFeedback',
    ]);
    const path = (id: string) =>
      `/solicitations/v1/orders/${id}/solicitations/productReviewAndSellerFeedback?marketplaceIds=${US}`;
    expect((await call('POST', path(delivered.orderId))).status).toBe(201);
    expect((await call('POST', path(delivered.orderId))).status).toBe(403);
    expect((await actions(delivered.orderId))._links.actions).toEqual([]);
    expect((await actions(pending.orderId))._links.actions).toEqual([]);
    expect((await call('POST', path(pending.orderId))).status).toBe(403);
    expect((await call('GET', `/solicitations/v1/orders/111-0000000-0000000?marketplaceIds=${US}`)).status).toBe(404);
  });
});

describe('document faults on feeds', () => {
  it('stores a truncated or corrupt processing report under a gzip fault', async () => {
    const faulty = await startTestSim({ rateLimits: false, faults: 'gzip=1', living: { historyDays: 3, skus: 5 } });
    try {
      const seller = faulty.info.sellers[0]?.sellerId ?? '';
      let auth = await sellerToken(faulty, 0);
      const req = (method: string, path: string, body?: unknown) =>
        http(`${faulty.info.spApi.na}${path}`, {
          method,
          headers: { 'x-amz-access-token': auth, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const created = (await req('POST', '/feeds/2021-06-30/documents', { contentType: 'application/json' })).json as {
        feedDocumentId: string;
        url: string;
      };
      const content = { header: { sellerId: seller, version: '2.0' }, messages: [{ messageId: 1, sku: 'X' }] };
      await http(created.url, { method: 'PUT', body: JSON.stringify(content) });
      const { feedId } = (
        await req('POST', '/feeds/2021-06-30/feeds', {
          feedType: 'JSON_LISTINGS_FEED',
          marketplaceIds: [US],
          inputFeedDocumentId: created.feedDocumentId,
        })
      ).json as { feedId: string };
      faulty.clock.advance(91_000);
      auth = await sellerToken(faulty, 0);
      const feed = (await req('GET', `/feeds/2021-06-30/feeds/${feedId}`)).json as { resultFeedDocumentId: string };
      const doc = (await req('GET', `/feeds/2021-06-30/documents/${feed.resultFeedDocumentId}`)).json as {
        url: string;
      };
      const text = (await http(doc.url)).text;
      expect(text.length).toBeGreaterThan(0);
      expect(() => JSON.parse(text)).toThrow();
    } finally {
      await faulty.close();
    }
  });
});
