import type { RunningSim } from 'amazon-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmazonApiError, downloadReportRows, requestReport } from '../../src/integrations/amazon-sp-api/index.js';
import { clientFor, iso, startTestSim } from './sim-client.js';

/** A truncated or corrupt gzip document is a retryable error that returns nothing; requesting again succeeds. */

const US = 'ATVPDKIKX0DER';
let sim: RunningSim;

beforeAll(async () => {
  sim = await startTestSim({ rateLimits: false, faults: 'gzip=0.5', living: { historyDays: 10, skus: 10 } });
});
afterAll(async () => sim.close());

describe('corrupt report documents', () => {
  it('fails retryably on a broken gzip, and a new report succeeds', async () => {
    const client = clientFor(sim, 0);
    const outcomes: string[] = [];
    for (let attempt = 0; attempt < 10 && !(outcomes.includes('broken') && outcomes.at(-1) === 'ok'); attempt++) {
      const now = sim.clock.now();
      const report = await requestReport(
        client,
        {
          reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
          marketplaceIds: [US],
          dataStartTime: iso(now - 4 * 86_400_000),
        },
        { wait: async () => sim.clock.advance(20_000) },
      );
      const result = await downloadReportRows(client, report.reportDocumentId).catch((e: unknown) => e);
      if (result instanceof AmazonApiError) {
        expect(result.retryable).toBe(true);
        expect(result.code).toBe('UPSTREAM_UNAVAILABLE');
        expect(result.message).toMatch(/truncated or corrupt gzip/);
        outcomes.push('broken');
      } else {
        if (result instanceof Error) throw result;
        const rows: unknown[] = [];
        for await (const row of (result as Awaited<ReturnType<typeof downloadReportRows>>).rows) rows.push(row);
        expect(rows.length).toBeGreaterThan(0);
        outcomes.push('ok');
      }
    }
    expect(outcomes).toContain('broken');
    expect(outcomes.at(-1)).toBe('ok');
  });
});
