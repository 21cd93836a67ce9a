import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ListingRef, OfferMarket, offerMarketOf } from '../src/pricing/offer-market.ts';
import { fbaFeeMinor, referralFeeMinor } from '../src/scenario/fee-calculator.ts';
import type { Scenario } from '../src/scenario/scenario.ts';
import type { RunningSim } from '../src/server.ts';
import { http, sellerToken, startTestSim } from './helpers.ts';

/** Offer market (competitors, hijackers, Buy Box), Product Pricing, Product Fees and Catalog Items. */

const US = 'ATVPDKIKX0DER';
const HOUR = 3_600_000;

let sim: RunningSim;
let scenario: Scenario;
let token: string;
let sellerId: string;

beforeAll(async () => {
  sim = await startTestSim({ rateLimits: false, living: { historyDays: 10, skus: 20 } });
  if (!sim.scenario) throw new Error('living marketplace not installed');
  scenario = sim.scenario;
  token = await sellerToken(sim, 0);
  sellerId = sim.info.sellers[0]?.sellerId ?? '';
});

afterAll(async () => {
  await sim.close();
});

function call(method: string, path: string, body?: unknown) {
  const init: RequestInit = { method, headers: { 'x-amz-access-token': token, 'content-type': 'application/json' } };
  if (body !== undefined) init.body = JSON.stringify(body);
  return http(`${sim.info.spApi.na}${path}`, init);
}

/** A listed US product with a hijacker window starting after the clock's now; its window. */
function hijacked(): { ref: ListingRef; start: number; end: number; hijacker: string } {
  const market = offerMarketOf(scenario);
  const seller = scenario.seller(sellerId);
  if (!seller) throw new Error('no seller');
  const now = sim.clock.now();
  for (const ref of market.listingsOf(seller, 0)) {
    if (market.stateAt(ref, now).ownPrice === undefined) continue;
    const w = market.hijackWindows(ref, now + HOUR, now + 10 * 24 * HOUR).find((x) => x.start > now + HOUR);
    const clean = (t: number) => !market.suppressionWindows(ref, t, t + 1).some((s) => s.start <= t && t < s.end);
    if (w && clean(w.start - 1) && clean(w.start)) return { ref, start: w.start, end: w.end, hijacker: w.sellerId };
  }
  throw new Error('no hijacker in the next days');
}

describe('offer market', () => {
  it('is deterministic and has our offer, competitors and a Buy Box winner', () => {
    const seller = scenario.seller(sellerId);
    if (!seller) throw new Error('no seller');
    const a = offerMarketOf(scenario);
    const b = new OfferMarket(scenario);
    const ref = a.listingsOf(seller, 0)[0];
    if (!ref) throw new Error('no listing');
    const t = sim.clock.now() + 5 * HOUR;
    expect(JSON.stringify(a.stateAt(ref, t).offers)).toBe(JSON.stringify(b.stateAt(ref, t).offers));
    const state = a.stateAt(ref, t);
    expect(state.offers.filter((o) => o.kind === 'competitor').length).toBeGreaterThanOrEqual(1);
    expect(state.offers.filter((o) => o.isBuyBoxWinner)).toHaveLength(1);
  });

  it('shows a hijacker only inside its window, and the Buy Box follows the lowest landed price', () => {
    const market = offerMarketOf(scenario);
    const { ref, start, end, hijacker } = hijacked();
    const before = market.stateAt(ref, start - 1);
    const during = market.stateAt(ref, start);
    const after = market.stateAt(ref, end);
    expect(before.offers.some((o) => o.sellerId === hijacker)).toBe(false);
    expect(during.offers.some((o) => o.sellerId === hijacker && o.kind === 'hijacker')).toBe(true);
    expect(after.offers.some((o) => o.sellerId === hijacker)).toBe(false);
    expect(market.changeTimes(ref, start - 1, end)).toContain(start);
    for (const s of [before, during, after]) {
      const w = s.buyBoxWinner;
      if (!w) throw new Error('no winner');
      const score = (o: { price: number; shipping: number; fba: boolean }) =>
        (o.price + o.shipping) * (o.fba ? 0.97 : 1);
      for (const o of s.offers) if (o.positiveFeedbackPercent >= 80) expect(score(w)).toBeLessThanOrEqual(score(o));
    }
  });
});

describe('Product Pricing', () => {
  it('getItemOffers returns the hijacker once the clock passes its arrival', async () => {
    const { ref, start, hijacker } = hijacked();
    const path = `/products/pricing/v0/items/${ref.asin}/offers?MarketplaceId=${US}&ItemCondition=New`;
    sim.clock.advance(start - 1 - sim.clock.now());
    token = await sellerToken(sim, 0);
    const before = await call('GET', path);
    expect(before.status).toBe(200);
    const sellers = (r: typeof before) =>
      (r.json as { payload: { Offers: { SellerId: string }[] } }).payload.Offers.map((o) => o.SellerId);
    expect(sellers(before)).not.toContain(hijacker);
    sim.clock.advance(1);
    const during = await call('GET', path);
    const payload = (during.json as { payload: Record<string, unknown> }).payload;
    expect(sellers(during)).toContain(hijacker);
    expect(payload.ASIN).toBe(ref.asin);
    const summary = payload.Summary as { TotalOfferCount: number; BuyBoxPrices: unknown[]; NumberOfOffers: unknown[] };
    expect(summary.TotalOfferCount).toBe(sellers(during).length);
    expect(summary.BuyBoxPrices).toHaveLength(1);
    const offers = payload.Offers as { IsBuyBoxWinner: boolean; MyOffer: boolean; SellerId: string }[];
    expect(offers.filter((o) => o.IsBuyBoxWinner)).toHaveLength(1);
    expect(offers.find((o) => o.MyOffer)?.SellerId).toBe(sellerId);
  });

  it('getItemOffersBatch: per-request statuses, at most 20 requests', async () => {
    const seller = scenario.seller(sellerId);
    const asin = seller?.catalog.products[0]?.asin ?? '';
    const req = (a: string, extra: Record<string, unknown> = {}) => ({
      uri: `/products/pricing/v0/items/${a}/offers`,
      method: 'GET',
      MarketplaceId: US,
      ItemCondition: 'New',
      ...extra,
    });
    const res = await call('POST', '/batches/products/pricing/v0/itemOffers', {
      requests: [req(asin), req('B000000000'), req(asin, { MarketplaceId: 'A1F83G8C2ARO7P' })],
    });
    expect(res.status).toBe(200);
    const responses = (res.json as { responses: { status: { statusCode: number }; body: unknown }[] }).responses;
    expect(responses.map((r) => r.status.statusCode)).toEqual([200, 400, 400]);
    expect((responses[0]?.body as { payload?: { ASIN: string } } | undefined)?.payload?.ASIN).toBe(asin);
    const tooMany = await call('POST', '/batches/products/pricing/v0/itemOffers', {
      requests: Array.from({ length: 21 }, () => req(asin)),
    });
    expect(tooMany.status).toBe(400);
  });

  it('getListingOffers(Batch) by SKU, getCompetitiveSummary', async () => {
    const p = scenario.seller(sellerId)?.catalog.products.find((x) => x.offers[0]?.listed);
    if (!p) throw new Error('no product');
    const one = await call(
      'GET',
      `/products/pricing/v0/listings/${p.sku}/offers?MarketplaceId=${US}&ItemCondition=New`,
    );
    expect(one.status).toBe(200);
    expect((one.json as { payload: { SKU: string } }).payload.SKU).toBe(p.sku);
    const batch = await call('POST', '/batches/products/pricing/v0/listingOffers', {
      requests: [
        {
          uri: `/products/pricing/v0/listings/${p.sku}/offers`,
          method: 'GET',
          MarketplaceId: US,
          ItemCondition: 'New',
        },
        { uri: '/products/pricing/v0/listings/NOPE/offers', method: 'GET', MarketplaceId: US, ItemCondition: 'New' },
      ],
    });
    const statuses = (batch.json as { responses: { status: { statusCode: number } }[] }).responses;
    expect(statuses.map((r) => r.status.statusCode)).toEqual([200, 404]);
    const summary = await call('POST', '/batches/products/pricing/2022-05-01/items/competitiveSummary', {
      requests: [
        {
          asin: p.asin,
          marketplaceId: US,
          includedData: ['featuredBuyingOptions', 'lowestPricedOffers', 'referencePrices'],
          method: 'GET',
          uri: '/products/pricing/2022-05-01/items/competitiveSummary',
        },
      ],
    });
    expect(summary.status).toBe(200);
    const body = (summary.json as { responses: { body: Record<string, unknown> }[] }).responses[0]?.body ?? {};
    expect(body.asin).toBe(p.asin);
    expect(Array.isArray(body.featuredBuyingOptions)).toBe(true);
    expect(Array.isArray(body.lowestPricedOffers)).toBe(true);
  });
});

describe('Product Fees', () => {
  it('matches the fees of the scenario orders', async () => {
    const orders = scenario.ordersBetween(sellerId, scenario.historyStart(), sim.clock.now());
    const order = orders.find((o) => o.marketplaceId === US && o.channel === 'AFN' && o.items[0]?.quantity === 1);
    const item = order?.items[0];
    if (!order || !item) throw new Error('no FBA order');
    const product = scenario.seller(sellerId)?.catalog.products[item.productIndex];
    if (!product) throw new Error('no product');
    const priceMinor = item.unitPrice;
    const body = {
      FeesEstimateRequest: {
        MarketplaceId: US,
        IsAmazonFulfilled: true,
        Identifier: 'req-1',
        PriceToEstimateFees: { ListingPrice: { CurrencyCode: 'USD', Amount: priceMinor / 100 } },
      },
    };
    const res = await call('POST', `/products/fees/v0/listings/${encodeURIComponent(product.sku)}/feesEstimate`, body);
    expect(res.status).toBe(200);
    const est = (res.json as { payload: { FeesEstimateResult: Record<string, unknown> } }).payload.FeesEstimateResult;
    const details = (est.FeesEstimate as { FeeDetailList: { FeeType: string; FinalFee: { Amount: number } }[] })
      .FeeDetailList;
    const fee = (t: string) => Math.round((details.find((d) => d.FeeType === t)?.FinalFee.Amount ?? -1) * 100);
    const facts = scenario.seller(sellerId)?.catalog.marketplaces[0]?.facts;
    if (!facts) throw new Error('no facts');
    expect(fee('FBAFees')).toBe(fbaFeeMinor(product, priceMinor, facts));
    expect(fee('FBAFees')).toBe(item.fbaFee);
    expect(fee('ReferralFee')).toBe(referralFeeMinor(product.category, priceMinor, 1, facts));
    if (item.promotionDiscount === 0 && item.shippingPrice === 0) expect(fee('ReferralFee')).toBe(item.referralFee);
    const byAsin = await call('POST', `/products/fees/v0/items/${product.asin}/feesEstimate`, body);
    expect(byAsin.status).toBe(200);
    const batch = await call('POST', '/products/fees/v0/feesEstimate', [
      { IdType: 'ASIN', IdValue: product.asin, FeesEstimateRequest: body.FeesEstimateRequest },
      { IdType: 'ASIN', IdValue: 'B0NOTHERE0', FeesEstimateRequest: body.FeesEstimateRequest },
    ]);
    expect((batch.json as { Status: string }[]).map((r) => r.Status)).toEqual(['Success', 'ClientError']);
    const tooMany = await call(
      'POST',
      '/products/fees/v0/feesEstimate',
      Array.from({ length: 21 }, () => ({})),
    );
    expect(tooMany.status).toBe(400);
  });
});

describe('Catalog Items 2022-04-01', () => {
  it('gets an item with every dataset, including the variation parent relationship', async () => {
    const seller = scenario.seller(sellerId);
    const child = seller?.catalog.products.find((p) => p.parentAsin);
    if (!child?.parentAsin) throw new Error('no variation child');
    const included = 'summaries,attributes,identifiers,images,productTypes,relationships,salesRanks';
    const res = await call(
      'GET',
      `/catalog/2022-04-01/items/${child.asin}?marketplaceIds=${US}&includedData=${included}`,
    );
    expect(res.status).toBe(200);
    const item = res.json as Record<string, { relationships?: { parentAsins?: string[] }[] }[]>;
    expect(item.relationships?.[0]?.relationships?.[0]?.parentAsins).toEqual([child.parentAsin]);
    for (const key of included.split(',')) expect(item[key]).toBeDefined();
    const parent = await call(
      'GET',
      `/catalog/2022-04-01/items/${child.parentAsin}?marketplaceIds=${US}&includedData=relationships,summaries`,
    );
    const rel = (parent.json as { relationships: { relationships: { childAsins: string[] }[] }[] }).relationships;
    expect(rel[0]?.relationships[0]?.childAsins).toContain(child.asin);
    const missing = await call('GET', `/catalog/2022-04-01/items/B000NOPE00?marketplaceIds=${US}`);
    expect(missing.status).toBe(404);
  });

  it('searches by identifiers and by keywords', async () => {
    const p = scenario.seller(sellerId)?.catalog.products[0];
    if (!p) throw new Error('no product');
    const byId = await call(
      'GET',
      `/catalog/2022-04-01/items?marketplaceIds=${US}&identifiers=${p.asin}&identifiersType=ASIN`,
    );
    expect((byId.json as { numberOfResults: number }).numberOfResults).toBe(1);
    const word = p.title.split(' ').find((w) => w.length > 3) ?? p.brand;
    const byWord = await call(
      'GET',
      `/catalog/2022-04-01/items?marketplaceIds=${US}&keywords=${encodeURIComponent(word)}`,
    );
    const found = byWord.json as { numberOfResults: number; items: { asin: string }[] };
    expect(found.numberOfResults).toBeGreaterThanOrEqual(1);
  });
});
