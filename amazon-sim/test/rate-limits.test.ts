import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOperations } from '../src/models.ts';
import { parseRateLimitsTsv, type RateReport, rateKey, TokenBucket } from '../src/rate-limits.ts';
import type { RunningSim } from '../src/server.ts';
import { resolveSharedAmazonDir } from '../src/shared-dir.ts';
import { http, sellerToken, startTestSim } from './helpers.ts';

const shared = resolveSharedAmazonDir();

describe('rate-limits.tsv', () => {
  it('parses rate, burst and the header text; a blank rate means undocumented', () => {
    const table = parseRateLimitsTsv(
      'model\toperationId\tmethod\tpath\trate_rps\tburst\tflag\n' +
        'm.json\tgetQuery\tGET\t/q/{id}\t2.0\t15\t\n' +
        'm.json\tlistPrepDetails\tGET\t/p\t\t\t\n',
    );
    expect(table.get(rateKey('m.json', 'getQuery'))).toEqual({ rate: 2, burst: 15, header: '2.0' });
    expect(table.get(rateKey('m.json', 'listPrepDetails'))).toBeNull();
  });

  it('has a row for every operation the models define', () => {
    const table = parseRateLimitsTsv(readFileSync(join(shared, 'rate-limits.tsv'), 'utf8'));
    const ops = loadOperations(join(shared, 'models'));
    expect(ops.length).toBeGreaterThan(100);
    expect(ops.filter((op) => !table.has(rateKey(op.model, op.operationId))).map((op) => op.key)).toEqual([]);
    expect(table.get(rateKey('orders-api-model/orders_2026-01-01.json', 'searchOrders'))).toEqual({
      rate: 0.0056,
      burst: 20,
      header: '0.0056',
    });
  });
});

describe('TokenBucket', () => {
  it('grants the burst, then one call per 1/rate seconds', () => {
    const bucket = new TokenBucket({ rate: 0.5, burst: 3, header: '0.5' }, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0), bucket.take(0)]).toEqual([true, true, true, false]);
    expect(bucket.take(1999)).toBe(false);
    expect(bucket.take(2000)).toBe(true);
    expect(bucket.take(2000)).toBe(false);
    expect(bucket.available(1_000_000)).toBe(3);
  });

  it('refills exactly one token after 1/rate seconds for awkward rates', () => {
    const bucket = new TokenBucket({ rate: 0.0167, burst: 1, header: '0.0167' }, 0);
    expect(bucket.take(0)).toBe(true);
    const period = 1000 / 0.0167;
    expect(bucket.take(Math.floor(period) - 1)).toBe(false);
    expect(bucket.take(Math.ceil(period))).toBe(true);
  });
});

describe('rate limiting over HTTP', () => {
  let sim: RunningSim;
  let na: string;
  let eu: string;
  const participations = (region: 'na' | 'eu') => `${sim.info.spApi[region]}/sellers/v1/marketplaceParticipations`;

  beforeAll(async () => {
    sim = await startTestSim({ mode: 'sandbox', tokenTtlSeconds: 1e6 });
    na = await sellerToken(sim, 0);
    eu = await sellerToken(sim, 1);
  });
  afterAll(() => sim.close());

  it('throttles getMarketplaceParticipations (0.016 rps, burst 15) per seller with QuotaExceeded', async () => {
    const call = (token: string, region: 'na' | 'eu') =>
      http(participations(region), { headers: { 'x-amz-access-token': token } });
    for (let i = 0; i < 15; i++) expect((await call(na, 'na')).status).toBe(200);
    const throttled = await call(na, 'na');
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get('x-amzn-RateLimit-Limit')).toBe('0.016');
    expect(throttled.json).toEqual({
      errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }],
    });
    // Another seller has its own bucket; another operation of the same seller too.
    expect((await call(eu, 'eu')).status).toBe(200);
    const account = await http(`${sim.info.spApi.na}/sellers/v1/account`, { headers: { 'x-amz-access-token': na } });
    expect(account.status).toBe(200);
    expect(account.headers.get('x-amzn-RateLimit-Limit')).toBe('0.016');
    // 1 / 0.016 = 62.5 s brings back one token.
    sim.clock.advance(62_000);
    expect((await call(na, 'na')).status).toBe(429);
    sim.clock.advance(500);
    expect((await call(na, 'na')).status).toBe(200);
    expect((await call(na, 'na')).status).toBe(429);
  });

  it('reports calls, 429s and utilisation per operation', async () => {
    const report = (await http(`${sim.url}/sim/report`)).json as RateReport;
    const op = report.operations.find((o) => o.operation === 'sellers:getMarketplaceParticipations');
    expect(op).toMatchObject({ calls: 20, granted: 17, throttled: 3, partners: 2, rate: 0.016, burst: 15 });
    // Elapsed 62.5 s on the frozen clock: two sellers' capacity = 2 × (0.016 × 62.5 + 15) = 32.
    expect(report.elapsedSeconds).toBe(62.5);
    expect(op?.utilisation).toBe(Math.round((17 / 32) * 1e4) / 1e4);
    expect(report.totals).toEqual({ calls: 21, granted: 18, throttled: 3 });
    const reset = (await http(`${sim.url}/sim/report/reset`, { method: 'POST' })).json as RateReport;
    expect(reset.operations).toEqual([]);
  });

  it('omits x-amzn-RateLimit-Limit for operations without a documented rate', async () => {
    const res = await http(
      `${sim.info.spApi.na}/inbound/fba/2024-03-20/items/prepDetails?marketplaceId=ATVPDKIKX0DER&mskus=msku1&mskus=msku2`,
      { headers: { 'x-amz-access-token': na } },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-RateLimit-Limit')).toBeNull();
  });
});

describe('rate limits switched off', () => {
  it('never throttles but still counts', async () => {
    const sim = await startTestSim({ mode: 'sandbox', rateLimits: false });
    try {
      const token = await sellerToken(sim);
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) {
        const res = await http(`${sim.info.spApi.na}/sellers/v1/marketplaceParticipations`, {
          headers: { 'x-amz-access-token': token },
        });
        statuses.push(res.status);
      }
      expect(new Set(statuses)).toEqual(new Set([200]));
      const report = (await http(`${sim.url}/sim/report`)).json as RateReport;
      expect(report.totals).toEqual({ calls: 20, granted: 20, throttled: 0 });
    } finally {
      await sim.close();
    }
  });
});
