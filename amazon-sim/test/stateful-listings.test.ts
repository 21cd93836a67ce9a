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
  sim = await startTestSim({ rateLimits: false, living: { historyDays: 10 } });
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

function call(method: string, path: string, body?: unknown) {
  const init: RequestInit = { method, headers: { 'x-amz-access-token': token, 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return http(`${sim.info.spApi.na}/listings/2021-08-01/items/${path}`, init);
}

const enc = encodeURIComponent;

/** The busiest FBA product listed in the US (it sells every day). */
function bestSeller() {
  const seller = scenario.seller(sellerId);
  const products = (seller?.catalog.products ?? []).filter((p) => p.fulfillment === 'AFN' && p.offers[0]?.listed);
  const best = products.sort((a, b) => b.baseDemand - a.baseDemand)[0];
  if (!best) throw new Error('no product');
  return best;
}

const offer = (value: number) => [
  { marketplace_id: US, currency: 'USD', our_price: [{ schedule: [{ value_with_tax: value }] }] },
];

describe('Listings Items 2021-08-01 on the living marketplace', () => {
  it('gets a listing with every dataset, 404s for unknown SKUs and refuses another seller id', async () => {
    const p = bestSeller();
    const res = await call(
      'GET',
      `${sellerId}/${enc(p.sku)}?marketplaceIds=${US}&includedData=summaries,attributes,issues,offers,fulfillmentAvailability,relationships,productTypes`,
    );
    expect(res.status).toBe(200);
    const item = res.json as Record<string, unknown>;
    expect(item.sku).toBe(p.sku);
    expect(item.summaries).toEqual([
      expect.objectContaining({
        marketplaceId: US,
        asin: p.asin,
        fnSku: p.fnsku,
        conditionType: 'new_new',
        status: ['BUYABLE', 'DISCOVERABLE'],
      }),
    ]);
    expect(item.offers).toEqual([
      {
        marketplaceId: US,
        offerType: 'B2C',
        price: { amount: ((p.offers[0]?.price ?? 0) / 100).toFixed(2), currencyCode: 'USD' },
        audience: { value: 'ALL', displayName: 'Sell on Amazon' },
      },
    ]);
    expect((item.attributes as Record<string, unknown>).purchasable_offer).toBeDefined();
    expect(item.issues).toEqual([]);
    expect(item.productTypes).toEqual([{ marketplaceId: US, productType: p.productType }]);
    const unknown = await call('GET', `${sellerId}/NO-SUCH-SKU?marketplaceIds=${US}`);
    expect(unknown.status).toBe(404);
    expect((unknown.json as { errors: { code: string }[] }).errors[0]?.code).toBe('NOT_FOUND');
    const foreign = await call('GET', `${sim.info.sellers[1]?.sellerId}/${enc(p.sku)}?marketplaceIds=${US}`);
    expect(foreign.status).toBe(403);
    const noMarketplace = await call('GET', `${sellerId}/${enc(p.sku)}`);
    expect(noMarketplace.status).toBe(400);
  });

  it('searches with pagination, identifiers and variation parents', async () => {
    const seen: string[] = [];
    let total = 0;
    let res = await call('GET', `${sellerId}?marketplaceIds=${US}&pageSize=7&sortBy=sku&sortOrder=ASC`);
    for (;;) {
      expect(res.status).toBe(200);
      const body = res.json as {
        numberOfResults: number;
        items: { sku: string }[];
        pagination?: { nextToken?: string };
      };
      total = body.numberOfResults;
      seen.push(...body.items.map((i) => i.sku));
      const next = body.pagination?.nextToken;
      if (!next) break;
      res = await call(
        'GET',
        `${sellerId}?marketplaceIds=${US}&pageSize=7&sortBy=sku&sortOrder=ASC&pageToken=${enc(next)}`,
      );
    }
    const truth = scenario.listings(sellerId, US).map((l) => l.sku);
    expect(seen).toEqual([...truth].sort());
    expect(total).toBe(truth.length);
    const family = scenario.seller(sellerId)?.catalog.families[0];
    if (!family) throw new Error('no family');
    const children = await call(
      'GET',
      `${sellerId}?marketplaceIds=${US}&variationParentSku=${enc(family.parentSku)}&includedData=relationships`,
    );
    const items = (children.json as { items: { sku: string; relationships: unknown }[] }).items;
    expect(items.length).toBeGreaterThan(0);
    expect(items[0]?.relationships).toEqual([
      { marketplaceId: US, relationships: [{ type: 'VARIATION', parentSkus: [family.parentSku] }] },
    ]);
    const p = bestSeller();
    const byAsin = await call('GET', `${sellerId}?marketplaceIds=${US}&identifiersType=ASIN&identifiers=${p.asin}`);
    expect((byAsin.json as { items: { sku: string }[] }).items.map((i) => i.sku)).toEqual([p.sku]);
    const half = await call('GET', `${sellerId}?marketplaceIds=${US}&identifiers=${p.asin}`);
    expect(half.status).toBe(400);
  });

  it('patches the price: getListingsItem shows it at once and later orders are charged it', async () => {
    const p = bestSeller();
    const patchedAt = sim.clock.now();
    const oldPrice = p.offers[0]?.price ?? 0;
    const newPrice = oldPrice + 500;
    const res = await call('PATCH', `${sellerId}/${enc(p.sku)}?marketplaceIds=${US}`, {
      productType: p.productType,
      patches: [{ op: 'replace', path: '/attributes/purchasable_offer', value: offer(newPrice / 100) }],
    });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ sku: p.sku, status: 'ACCEPTED', issues: [] });
    const got = await call('GET', `${sellerId}/${enc(p.sku)}?marketplaceIds=${US}&includedData=offers`);
    const offers = (got.json as { offers: { price: { amount: string } }[] }).offers;
    expect(offers[0]?.price.amount).toBe((newPrice / 100).toFixed(2));
    await advance(2 * 24 * HOUR);
    const lines = (from: number, to: number) =>
      scenario
        .ordersBetween(sellerId, from, to, sim.clock.now())
        .filter((o) => o.marketplaceId === US)
        .flatMap((o) => o.items)
        .filter((i) => i.sku === p.sku);
    const after = lines(patchedAt, sim.clock.now());
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((i) => i.unitPrice === newPrice)).toBe(true);
    const before = lines(patchedAt - 5 * 24 * HOUR, patchedAt);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((i) => i.unitPrice === oldPrice)).toBe(true);
  });

  it('validates bodies: malformed → 400 InvalidInput, bad values → INVALID issues, preview changes nothing', async () => {
    const p = bestSeller();
    const path = `${sellerId}/${enc(p.sku)}?marketplaceIds=${US}`;
    const malformed = await call('PATCH', path, { patches: [{ op: 'upsert', path: 'price' }] });
    expect(malformed.status).toBe(400);
    const error = (malformed.json as { errors: { code: string; message: string; details: string }[] }).errors[0];
    expect(error).toMatchObject({ code: 'InvalidInput', details: '' });
    expect(error?.message).toMatch(/productType/);
    expect(error?.message).toMatch(/op must be one of/);
    const negative = await call('PATCH', path, {
      productType: p.productType,
      patches: [{ op: 'replace', path: '/attributes/purchasable_offer', value: offer(-3) }],
    });
    expect(negative.status).toBe(200);
    expect(negative.json).toMatchObject({
      status: 'INVALID',
      issues: [{ code: '90000900', severity: 'ERROR', attributeNames: ['purchasable_offer'] }],
    });
    const before = (await call('GET', `${path}&includedData=offers`)).json;
    const preview = await call('PATCH', `${path}&mode=VALIDATION_PREVIEW&includedData=identifiers,issues`, {
      productType: p.productType,
      patches: [{ op: 'replace', path: '/attributes/purchasable_offer', value: offer(99.99) }],
    });
    expect(preview.json).toMatchObject({ status: 'VALID', identifiers: [{ marketplaceId: US, asin: p.asin }] });
    expect((await call('GET', `${path}&includedData=offers`)).json).toEqual(before);
    const notJson = await http(`${sim.info.spApi.na}/listings/2021-08-01/items/${path}`, {
      method: 'PUT',
      headers: { 'x-amz-access-token': token, 'content-type': 'application/json' },
      body: '{"productType":',
    });
    expect(notJson.status).toBe(400);
  });

  it('puts a new SKU (and refuses one without its required attributes), then deletes it', async () => {
    const sku = 'NEW-SKU-001';
    const path = `${sellerId}/${sku}?marketplaceIds=${US}`;
    const incomplete = await call('PUT', path, { productType: 'HOME', attributes: { item_name: [{ value: 'Lamp' }] } });
    expect(incomplete.json).toMatchObject({
      status: 'INVALID',
      issues: [{ code: '90220', attributeNames: ['condition_type'] }],
    });
    expect((await call('GET', path)).status).toBe(404);
    const put = await call('PUT', path, {
      productType: 'HOME',
      requirements: 'LISTING',
      attributes: {
        item_name: [{ value: 'Desk Lamp', language_tag: 'en_US', marketplace_id: US }],
        condition_type: [{ value: 'new_new', marketplace_id: US }],
        purchasable_offer: offer(29.99),
        fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 12 }],
      },
    });
    expect(put.json).toMatchObject({ sku, status: 'ACCEPTED' });
    const got = await call('GET', `${path}&includedData=summaries,offers,fulfillmentAvailability`);
    expect(got.json).toMatchObject({
      sku,
      summaries: [{ itemName: 'Desk Lamp', status: ['BUYABLE', 'DISCOVERABLE'] }],
      offers: [{ price: { amount: '29.99', currencyCode: 'USD' } }],
      fulfillmentAvailability: [{ fulfillmentChannelCode: 'DEFAULT', quantity: 12 }],
    });
    const deleted = await call('DELETE', path);
    expect(deleted.json).toMatchObject({ sku, status: 'ACCEPTED' });
    expect((await call('GET', path)).status).toBe(404);
  });

  it('stops selling a deleted listing from the moment it is deleted', async () => {
    const p = bestSeller();
    const deletedAt = sim.clock.now();
    expect((await call('DELETE', `${sellerId}/${enc(p.sku)}?marketplaceIds=${US}`)).status).toBe(200);
    await advance(24 * HOUR);
    const sold = scenario
      .ordersBetween(sellerId, deletedAt, sim.clock.now())
      .filter((o) => o.marketplaceId === US)
      .flatMap((o) => o.items)
      .filter((i) => i.sku === p.sku);
    expect(sold).toEqual([]);
    const summaries = await call('GET', `${sellerId}/${enc(p.sku)}?marketplaceIds=${US}`);
    expect(summaries.status).toBe(404);
  });
});

describe('Sellers getMarketplaceParticipations', () => {
  it('lists the calling seller’s marketplaces with Amazon’s store facts', async () => {
    const na = await http(`${sim.info.spApi.na}/sellers/v1/marketplaceParticipations`, {
      headers: { 'x-amz-access-token': token },
    });
    expect(na.status).toBe(200);
    const payload = (na.json as { payload: { marketplace: Record<string, string>; storeName: string }[] }).payload;
    expect(payload.map((p) => p.marketplace.id)).toEqual(sim.info.sellers[0]?.marketplaceIds);
    expect(payload[0]).toEqual({
      marketplace: {
        id: US,
        countryCode: 'US',
        name: 'Amazon.com',
        defaultCurrencyCode: 'USD',
        defaultLanguageCode: 'en_US',
        domainName: 'www.amazon.com',
      },
      participation: { isParticipating: true, hasSuspendedListings: false },
      storeName: 'Demo Seller NA',
    });
    const eu = await http(`${sim.info.spApi.eu}/sellers/v1/marketplaceParticipations`, {
      headers: { 'x-amz-access-token': await sellerToken(sim, 1) },
    });
    const uk = (eu.json as { payload: { marketplace: Record<string, string> }[] }).payload.find(
      (p) => p.marketplace.id === 'A1F83G8C2ARO7P',
    );
    expect(uk?.marketplace).toMatchObject({
      countryCode: 'GB',
      defaultCurrencyCode: 'GBP',
      domainName: 'www.amazon.co.uk',
    });
  });
});
