import type { RunningSim } from 'amazon-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  downloadReportRows,
  listSettlementReports,
  type Report,
  requestReport,
} from '../../src/integrations/amazon-sp-api/index.js';
import { clientFor, iso, startTestSim } from './sim-client.js';

/** The report lifecycle over HTTP: create → poll (advancing the sim's clock) → document → gunzip → charset → rows. */

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
let sim: RunningSim;

beforeAll(async () => {
  sim = await startTestSim({ rateLimits: false, living: { historyDays: 35, skus: 20 } });
});
afterAll(async () => sim.close());

const advance15s = async () => {
  sim.clock.advance(15_000);
};

async function collectRows(rows: AsyncIterable<{ cells: Record<string, string> }>) {
  const out: Record<string, string>[] = [];
  for await (const row of rows) out.push(row.cells);
  return out;
}

describe('reports', () => {
  it('requests the all-orders report, waits for DONE and parses the gzipped windows-1252 rows by header', async () => {
    const client = clientFor(sim, 0);
    const now = sim.clock.now();
    const polls: number[] = [];
    const report = await requestReport(
      client,
      {
        reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
        marketplaceIds: [US],
        dataStartTime: iso(now - 3 * 86_400_000),
        dataEndTime: iso(now - 86_400_000),
      },
      {
        wait: async (n) => {
          polls.push(n);
          await advance15s();
        },
      },
    );
    expect(report.processingStatus).toBe('DONE');
    expect(polls.length).toBeGreaterThanOrEqual(3); // 60 s of virtual processing at 15 s per poll
    const { headers, rows, charset } = await downloadReportRows(client, report.reportDocumentId);
    expect(charset).toBe('windows-1252');
    expect(headers).toEqual(expect.arrayContaining(['amazon-order-id', 'purchase-date', 'sku', 'quantity']));
    const cells = await collectRows(rows);
    expect(cells.length).toBeGreaterThan(0);
    const sellerId = sim.info.sellers[0]?.sellerId ?? '';
    const truth = new Set(
      (sim.scenario?.ordersBetween(sellerId, now - 3 * 86_400_000, now - 86_400_000 + 1, now) ?? [])
        .filter((o) => o.marketplaceId === US)
        .map((o) => o.orderId),
    );
    expect(new Set(cells.map((c) => c['amazon-order-id']))).toEqual(truth);
    expect(client.stats()['reports_2021-06-30/getReport']?.calls).toBe(polls.length + 1);
  });

  it('lists EU settlement reports (not requestable) and reads them by header, decimal commas left as text', async () => {
    const index = sim.info.sellers.findIndex((s) => s.marketplaceIds.includes(DE));
    const client = clientFor(sim, index);
    const reports: Report[] = [];
    for await (const r of listSettlementReports(client, { marketplaceIds: [DE] })) reports.push(r);
    expect(reports.length).toBeGreaterThan(0);
    expect(new Set(reports.map((r) => r.reportId)).size).toBe(reports.length);
    const latest = reports[0];
    if (!latest?.reportDocumentId) throw new Error('no settlement document');
    const { headers, rows } = await downloadReportRows(client, latest.reportDocumentId);
    expect(headers).toEqual(expect.arrayContaining(['settlement-id', 'total-amount', 'amount', 'transaction-type']));
    const cells = await collectRows(rows);
    const summary = cells.find((c) => c['total-amount']);
    expect(summary?.['total-amount']).toMatch(/^-?\d+,\d{2}$/);
    expect(summary?.['settlement-start-date']).toMatch(/^\d{2}\.\d{2}\.\d{4} /);
    expect(cells.filter((c) => c.amount).every((c) => /^-?\d+,\d{2}$/.test(c.amount ?? ''))).toBe(true);
  });

  it('throws on FATAL (a data range in the future) with the report id in the message', async () => {
    const client = clientFor(sim, 0);
    const now = sim.clock.now();
    const err = await requestReport(
      client,
      {
        reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
        marketplaceIds: [US],
        dataStartTime: iso(now + 5 * 86_400_000),
      },
      { wait: advance15s },
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ retryable: false, message: expect.stringMatching(/ended FATAL/) });
  });
});
