import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../src/server.ts';
import { convertSchema, isIsoDateTime } from '../src/validation.ts';
import { http, sellerToken, startTestSim } from './helpers.ts';

const US = 'ATVPDKIKX0DER';
const OK = { status: 200, body: { handled: true } };

let sim: RunningSim;
let sandbox: RunningSim;
let headers: Record<string, string>;
let sandboxHeaders: Record<string, string>;
let sellerId: string;

beforeAll(async () => {
  sim = await startTestSim({ rateLimits: false });
  for (const op of ['getOrders', 'getInventorySummaries', 'putListingsItem', 'createReport', 'createFeed']) {
    sim.handlers.register(op, () => OK);
  }
  sandbox = await startTestSim({ rateLimits: false, mode: 'sandbox' });
  headers = { 'x-amz-access-token': await sellerToken(sim, 0), 'content-type': 'application/json' };
  sandboxHeaders = { 'x-amz-access-token': await sellerToken(sandbox, 0), 'content-type': 'application/json' };
  sellerId = sim.info.sellers[0]?.sellerId ?? '';
});

afterAll(async () => {
  await sim.close();
  await sandbox.close();
});

const get = (path: string, base = sim.info.spApi.na) => http(`${base}${path}`, { headers });
const send = (method: string, path: string, body: unknown) =>
  http(`${sim.info.spApi.na}${path}`, { method, headers, body: JSON.stringify(body) });

/** The single InvalidInput message of a 400 reply. */
function invalidMessage(res: { status: number; json: unknown }): string {
  expect(res.status).toBe(400);
  const errors = (res.json as { errors: { code: string; message: string; details: string }[] }).errors;
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatchObject({ code: 'InvalidInput', details: '' });
  return errors[0]?.message ?? '';
}

const INVENTORY = `/fba/inventory/v1/summaries?granularityType=Marketplace&granularityId=${US}`;
const REPORT = { reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL', marketplaceIds: [US] };
const FEED = { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [US], inputFeedDocumentId: 'doc-1' };

describe('request validation (stateful mode)', () => {
  it('rejects a missing required query parameter, naming it', async () => {
    expect(invalidMessage(await get('/orders/v0/orders?CreatedAfter=2026-01-01T00:00:00Z'))).toBe(
      'Missing required parameter: MarketplaceIds.',
    );
    expect(invalidMessage(await get(INVENTORY))).toBe('Missing required parameter: marketplaceIds.');
    // An empty value counts as absent.
    expect(invalidMessage(await get('/orders/v0/orders?MarketplaceIds='))).toMatch(/MarketplaceIds/);
  });

  it('rejects a bad enum, a bad integer, a bad boolean, a bad date-time and a too-long array', async () => {
    const badEnum = await get(
      `/fba/inventory/v1/summaries?granularityType=Country&granularityId=${US}&marketplaceIds=${US}`,
    );
    expect(invalidMessage(badEnum)).toBe(
      "Invalid value 'Country' for parameter 'granularityType': must be one of Marketplace.",
    );
    expect(invalidMessage(await get(`/orders/v0/orders?MarketplaceIds=${US}&MaxResultsPerPage=ten`))).toMatch(
      /'MaxResultsPerPage': expected an integer/,
    );
    expect(invalidMessage(await get(`/orders/v0/orders?MarketplaceIds=${US}&IsISPU=maybe`))).toMatch(/'IsISPU'/);
    expect(invalidMessage(await get(`${INVENTORY}&marketplaceIds=${US}&startDateTime=yesterday`))).toMatch(
      /'startDateTime': expected an ISO 8601 date-time/,
    );
    expect(invalidMessage(await get(`${INVENTORY}&marketplaceIds=${US},A2EUQ1WTGCTBG2`))).toBe(
      "Parameter 'marketplaceIds' has 2 values; at most 1 are allowed.",
    );
    const tooMany = Array.from({ length: 51 }, (_, i) => `111-0000000-${String(i).padStart(7, '0')}`).join(',');
    expect(invalidMessage(await get(`/orders/v0/orders?MarketplaceIds=${US}&AmazonOrderIds=${tooMany}`))).toMatch(
      /'AmazonOrderIds' has 51 values; at most 50/,
    );
  });

  it('rejects bad bodies on putListingsItem, createReport and createFeed, naming the body and the field', async () => {
    const listing = `/listings/2021-08-01/items/${sellerId}/SKU-1?marketplaceIds=${US}`;
    const put = await send('PUT', listing, { attributes: {}, requirements: 'EVERYTHING' });
    const putMessage = invalidMessage(put);
    expect(putMessage).toMatch(/^Invalid request body 'body': /);
    expect(putMessage).toMatch(/productType/);
    expect(putMessage).toMatch(/requirements must be one of LISTING, LISTING_PRODUCT_ONLY, LISTING_OFFER_ONLY/);
    const report = await send('POST', '/reports/2021-06-30/reports', { ...REPORT, marketplaceIds: 'ATVPDKIKX0DER' });
    expect(invalidMessage(report)).toBe("Invalid request body 'body': marketplaceIds must be array.");
    const dated = await send('POST', '/reports/2021-06-30/reports', { ...REPORT, dataStartTime: 'last week' });
    expect(invalidMessage(dated)).toMatch(/dataStartTime must match format "date-time"/);
    const feed = await send('POST', '/feeds/2021-06-30/feeds', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds: [] });
    const feedMessage = invalidMessage(feed);
    expect(feedMessage).toMatch(/inputFeedDocumentId/);
    expect(feedMessage).toMatch(/marketplaceIds must NOT have fewer than 1 items/);
    const none = await http(`${sim.info.spApi.na}/feeds/2021-06-30/feeds`, { method: 'POST', headers });
    expect(invalidMessage(none)).toBe('Missing required parameter: body (the request body).');
  });

  it('lets valid requests through, with the documented tolerances', async () => {
    const ok = [
      await get(`/orders/v0/orders?MarketplaceIds=${US}&CreatedAfter=2026-01-01&MaxResultsPerPage=100&Unknown=1`),
      await get(`/orders/v0/orders?MarketplaceIds=${US}&MarketplaceIds=A2EUQ1WTGCTBG2&IsISPU=False&NextToken=`),
      await get(`${INVENTORY}&marketplaceIds=${US}&details=true&startDateTime=2026-01-01T00:00%2B01:00`),
      await send('PUT', `/listings/2021-08-01/items/${sellerId}/SKU-1?marketplaceIds=${US}`, {
        productType: 'PRODUCT',
        requirements: 'LISTING',
        attributes: { item_name: [{ value: 'x' }] },
      }),
      await send('POST', '/reports/2021-06-30/reports', {
        ...REPORT,
        dataStartTime: '2026-01-01T00:00:00.000Z',
        reportOptions: { a: 'b' },
      }),
      await send('POST', '/feeds/2021-06-30/feeds', { ...FEED, feedOptions: { k: 'v' } }),
    ];
    for (const res of ok) expect([res.status, res.json]).toEqual([200, { handled: true }]);
  });

  it('leaves sandbox answers alone: sandbox mode and the sandbox endpoints match recorded cases only', async () => {
    for (const [base, h] of [
      [sandbox.info.spApi.na, sandboxHeaders],
      [sim.info.spApiSandbox.na, headers],
    ] as const) {
      const missing = await http(`${base}/orders/v0/orders?CreatedAfter=TEST_CASE_200`, { headers: h });
      expect(missing.status).toBe(400);
      expect(missing.json).toEqual({
        errors: [{ code: 'InvalidInput', message: 'Could not match input arguments', details: '' }],
      });
      const recorded = await http(`${base}/orders/v0/orders?CreatedAfter=TEST_CASE_200&MarketplaceIds=${US}`, {
        headers: h,
      });
      expect(recorded.status).toBe(200);
      expect(recorded.json).not.toEqual({ handled: true });
    }
  });
});

describe('validation helpers', () => {
  it('reads ISO 8601 dates and date-times loosely', () => {
    for (const v of ['2026-01-01', '2026-01-01T10:00Z', '2026-01-01T10:00:00.123+02:00', '2026-01-01T10:00:00']) {
      expect(isIsoDateTime(v)).toBe(true);
    }
    for (const v of ['yesterday', '2026-13-01', '2026-01-01T25:00Z', '1735689600'])
      expect(isIsoDateTime(v)).toBe(false);
  });

  it('turns Swagger 2.0 schemas into draft-07: drops x- keys and discriminator, keeps properties named x-…', () => {
    const converted = convertSchema({
      type: 'object',
      discriminator: 'kind',
      'x-docgen': 1,
      required: [],
      properties: {
        'x-id': { type: 'string', 'x-example': 'a' },
        price: { type: 'number', minimum: 0, exclusiveMinimum: true, format: 'double' },
        at: { type: 'string', format: 'date-time' },
      },
    });
    expect(converted).toEqual({
      type: 'object',
      properties: {
        'x-id': { type: 'string' },
        price: { type: 'number', exclusiveMinimum: 0 },
        at: { type: 'string', format: 'date-time' },
      },
    });
  });
});
