import { describe, expect, it } from 'vitest';
import { applyDocumentFault, corruptRows, FaultInjector, gzipText, isValidGzip, parseFaults } from '../src/faults.ts';
import { http, sellerToken, startTestSim } from './helpers.ts';

const PARTICIPATIONS = '/sellers/v1/marketplaceParticipations';
const TSV = 'sku\tprice\tquantity\nA-1\t10.00\t3\nA-2\t12.50\t0\nA-3\t7.25\t9\n';

describe('fault kinds', () => {
  it('parses the new kinds and keeps the old syntax', () => {
    expect(parseFaults('429=0.05,getOrders:slow/250=0.5,timeout=0.1,expire=0.2,gzip=1,rows=0.3')).toEqual([
      { status: 429, probability: 0.05 },
      { kind: 'slow', probability: 0.5, operation: 'getOrders', ms: 250 },
      { kind: 'timeout', probability: 0.1, ms: 30_000 },
      { kind: 'expire', probability: 0.2 },
      { kind: 'gzip', probability: 1 },
      { kind: 'rows', probability: 0.3 },
    ]);
    expect(() => parseFaults('500/3=0.1')).toThrow(/bad fault/);
    expect(() => parseFaults('sleepy=0.1')).toThrow(/bad fault/);
    expect(() => parseFaults('gzip=1.5')).toThrow(/bad fault/);
  });

  it('is off by default: documents, rows, calls and tokens pass untouched', () => {
    const none = new FaultInjector([], 42);
    const doc = gzipText('a\tb\n1\t2\n');
    expect(applyDocumentFault(doc, none)).toBe(doc);
    expect(applyDocumentFault(doc)).toBe(doc);
    expect(corruptRows(TSV, none)).toBe(TSV);
    expect(corruptRows(TSV)).toBe(TSV);
    expect(none.pickCall('getOrders', 'ordersV0:getOrders')).toBeUndefined();
    expect(none.expiredEarly('t', 10_000, 0)).toBe(false);
  });

  it('truncates or corrupts gzip documents, seeded', () => {
    const draw = (seed: number) => {
      const f = new FaultInjector(parseFaults('gzip=1'), seed);
      return [0, 1, 2, 3].map(() => Buffer.from(f.applyDocumentFault(gzipText(TSV.repeat(20)))).toString('base64'));
    };
    const docs = draw(7);
    for (const d of docs) expect(isValidGzip(Buffer.from(d, 'base64'))).toBe(false);
    expect(draw(7)).toEqual(docs);
    expect(isValidGzip(gzipText(TSV))).toBe(true);
  });

  it('malforms flat-file rows but keeps the header', () => {
    const out = corruptRows(TSV, new FaultInjector(parseFaults('rows=1'), 1)).split('\n');
    const lines = TSV.split('\n');
    expect(out[0]).toBe(lines[0]);
    for (let i = 1; i < 4; i++) expect(out[i]).not.toBe(lines[i]);
    expect(corruptRows(TSV, new FaultInjector(parseFaults('rows=0'), 1))).toBe(TSV);
  });

  it('delays slow calls', async () => {
    const sim = await startTestSim({
      mode: 'sandbox',
      rateLimits: false,
      faults: 'getMarketplaceParticipations:slow/300=1',
    });
    try {
      const headers = { 'x-amz-access-token': await sellerToken(sim) };
      const t0 = performance.now();
      const res = await http(`${sim.info.spApi.na}${PARTICIPATIONS}`, { headers });
      expect(res.status).toBe(200);
      expect(performance.now() - t0).toBeGreaterThanOrEqual(280);
      const t1 = performance.now();
      await http(`${sim.info.spApi.na}/sellers/v1/account`, { headers });
      expect(performance.now() - t1).toBeLessThan(250);
    } finally {
      await sim.close();
    }
  });

  it('never answers timed-out calls, and the simulator still closes promptly', async () => {
    const sim = await startTestSim({
      mode: 'sandbox',
      rateLimits: false,
      faults: 'getMarketplaceParticipations:timeout/20000=1',
    });
    const headers = { 'x-amz-access-token': await sellerToken(sim) };
    const call = http(`${sim.info.spApi.na}${PARTICIPATIONS}`, { headers, signal: AbortSignal.timeout(300) });
    await expect(call).rejects.toThrow();
    const hung = http(`${sim.info.spApi.na}${PARTICIPATIONS}`, { headers }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 50));
    const t0 = performance.now();
    await sim.close();
    expect(performance.now() - t0).toBeLessThan(3000);
    expect(await hung).toBeInstanceOf(Error);
  });

  it('expires tokens early mid-run', async () => {
    const check = async (faults: string) => {
      const sim = await startTestSim({ mode: 'sandbox', rateLimits: false, faults });
      try {
        const headers = { 'x-amz-access-token': await sellerToken(sim) };
        const first = await http(`${sim.info.spApi.na}${PARTICIPATIONS}`, { headers });
        sim.clock.advance(1_800_000);
        const later = await http(`${sim.info.spApi.na}${PARTICIPATIONS}`, { headers });
        return [first.status, later.status, (later.json as { errors?: { details: string }[] }).errors?.[0]?.details];
      } finally {
        await sim.close();
      }
    };
    expect(await check('expire=1')).toEqual([200, 403, 'The access token you provided has expired.']);
    expect((await check('')).slice(0, 2)).toEqual([200, 200]);
  });
});
