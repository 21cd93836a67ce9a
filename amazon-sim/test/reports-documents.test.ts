import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { Ajv } from 'ajv';
import ajvFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isValidGzip } from '../src/faults.ts';
import { encodeWindows1252 } from '../src/reports/flat-file.ts';
import { reportsOf } from '../src/reports/report-handlers.ts';
import type { ReportRecord, ReportsService } from '../src/reports/report-service.ts';
import type { Scenario } from '../src/scenario/scenario.ts';
import type { RunningSim } from '../src/server.ts';
import { resolveSharedAmazonDir } from '../src/shared-dir.ts';
import { http, sellerToken, startTestSim } from './helpers.ts';

/** Report documents: settlement arithmetic against the scenario, determinism, EU localisation, headers, schemas. */

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const UK = 'A1F83G8C2ARO7P';
const DAY = 86_400_000;
const SETTLEMENT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const shared = resolveSharedAmazonDir();

let sim: RunningSim;
let twin: RunningSim;

beforeAll(async () => {
  [sim, twin] = await Promise.all([
    startTestSim({ rateLimits: false, living: { historyDays: 45, skus: 30 } }),
    startTestSim({ rateLimits: false, living: { historyDays: 45, skus: 30 } }),
  ]);
});
afterAll(async () => Promise.all([sim.close(), twin.close()]));

function serviceOf(s: RunningSim): { scenario: Scenario; service: ReportsService } {
  const scenario = s.scenario;
  const service = scenario ? reportsOf(scenario) : undefined;
  if (!scenario || !service) throw new Error('reports not installed');
  return { scenario, service };
}

function sellerIdOf(s: RunningSim, index: number): string {
  return s.info.sellers[index]?.sellerId ?? '';
}

/** Parses a TSV document by header. */
function parse(text: string): { header: string[]; rows: Record<string, string>[] } {
  const [head = '', ...lines] = text.trimEnd().split('\n');
  const header = head.split('\t');
  const rows = lines.map((l) => Object.fromEntries(l.split('\t').map((v, i) => [header[i] ?? '', v])));
  return { header, rows };
}

function fixtureHeader(type: string): string[] {
  const text = readFileSync(`${shared}/reports/header-fixtures/${type}.csv`, 'utf8');
  return (text.split(/\r?\n/)[0] ?? '').split('\t');
}

function textOf(service: ReportsService, record: ReportRecord): string {
  const content = service.contentOf(record.reportDocumentId);
  if (!content) throw new Error('no document');
  const raw = service.compressed(record) ? gunzipSync(content.bytes) : content.bytes;
  const charset = content.contentType.includes('windows-1252') ? 'windows-1252' : 'utf-8';
  return new TextDecoder(charset).decode(raw);
}

function settlementsOf(s: RunningSim, sellerIndex: number, marketplaceId: string): ReportRecord[] {
  const { service } = serviceOf(s);
  return service
    .list(sellerIdOf(s, sellerIndex))
    .filter((r) => r.reportType === SETTLEMENT && r.marketplaceIds[0] === marketplaceId);
}

function request(s: RunningSim, reportType: string, marketplaceId: string, options?: Record<string, string>) {
  const { service } = serviceOf(s);
  const now = s.clock.now();
  return service.create({
    sellerId: sellerIdOf(s, marketplaceId === US ? 0 : 1),
    reportType,
    marketplaceIds: [marketplaceId],
    dataStartTime: now - 14 * DAY,
    dataEndTime: now,
    createdTime: now,
    ...(options ? { reportOptions: options } : {}),
  });
}

const cents = (text: string | undefined) => Math.round(Number((text ?? '').replace(',', '.')) * 100);

describe('settlement reports', () => {
  it('total-amount equals the sum of the rows, and rows match the scenario', () => {
    const { scenario, service } = serviceOf(sim);
    const [report] = settlementsOf(sim, 0, US);
    if (!report) throw new Error('no settlement report');
    const { header, rows } = parse(textOf(service, report));
    expect(header).toHaveLength(24);
    const [summary, ...lines] = rows;
    expect(summary?.['settlement-start-date']).toMatch(/^\d{4}-\d{2}-\d{2} 00:00:00 UTC$/);
    expect(summary?.currency).toBe('USD');
    expect(lines.length).toBeGreaterThan(10);
    const total = lines.reduce((s, r) => s + cents(r.amount), 0);
    expect(cents(summary?.['total-amount'])).toBe(total);

    const sum = (type: string, description: string) =>
      lines
        .filter((r) => r['transaction-type'] === type && r['amount-description'] === description)
        .reduce((s, r) => s + cents(r.amount), 0);
    const orders = scenario
      .ordersBetween(sellerIdOf(sim, 0), report.dataStartTime - 45 * DAY, report.dataEndTime, report.createdTime)
      .filter((o) => o.marketplaceId === US && !o.canceled);
    const shipped = orders.filter(
      (o) => (o.timeline.shipped ?? -1) >= report.dataStartTime && (o.timeline.shipped ?? -1) < report.dataEndTime,
    );
    const items = shipped.flatMap((o) => o.items);
    expect(sum('Order', 'Principal')).toBe(items.reduce((s, i) => s + i.itemPrice - i.promotionDiscount, 0));
    expect(-sum('Order', 'Commission')).toBe(items.reduce((s, i) => s + i.referralFee, 0));
    const afn = shipped.filter((o) => o.channel === 'AFN').flatMap((o) => o.items);
    expect(-sum('Order', 'FBAPerUnitFulfillmentFee')).toBe(afn.reduce((s, i) => s + i.fbaFee, 0));
    const refunded = orders
      .flatMap((o) => o.items)
      .filter(
        (i) =>
          i.returned && i.returned.refundedAt >= report.dataStartTime && i.returned.refundedAt < report.dataEndTime,
      );
    expect(-sum('Refund', 'Principal')).toBe(refunded.reduce((s, i) => s + (i.returned?.refundPrincipal ?? 0), 0));
    const orderIds = new Set(lines.filter((r) => r['transaction-type'] === 'Order').map((r) => r['order-id']));
    expect(orderIds).toEqual(new Set(shipped.map((o) => o.orderId)));
  });

  it('is localised in DE (dd.mm.yyyy, decimal comma, windows-1252) but not in the UK', async () => {
    const token = await sellerToken(sim, 1);
    const headers = { 'x-amz-access-token': token };
    const base = `${sim.info.spApi.eu}/reports/2021-06-30`;
    const list = await http(`${base}/reports?reportTypes=${SETTLEMENT}&marketplaceIds=${DE}`, { headers });
    const [report] = (list.json as { reports: { reportDocumentId: string }[] }).reports;
    const doc = await http(`${base}/documents/${report?.reportDocumentId}`, { headers });
    const { url, compressionAlgorithm } = doc.json as { url: string; compressionAlgorithm?: string };
    expect(compressionAlgorithm).toBeUndefined();
    const res = await fetch(url);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=windows-1252');
    const { rows } = parse(new TextDecoder('windows-1252').decode(await res.arrayBuffer()));
    const [summary, ...lines] = rows;
    expect(summary?.['settlement-start-date']).toMatch(/^\d{2}\.\d{2}\.\d{4} 00:00:00 UTC$/);
    expect(summary?.['total-amount']).toMatch(/^-?\d+,\d{2}$/);
    expect(summary?.currency).toBe('EUR');
    expect(lines[0]?.['posted-date']).toMatch(/^\d{2}\.\d{2}\.\d{4}$/);
    expect(lines[0]?.['marketplace-name']).toBe('Amazon.de');
    expect(lines.reduce((s, r) => s + cents(r.amount), 0)).toBe(cents(summary?.['total-amount']));

    const { service } = serviceOf(sim);
    const [uk] = settlementsOf(sim, 1, UK);
    if (!uk) throw new Error('no UK settlement');
    const ukRows = parse(textOf(service, uk)).rows;
    expect(ukRows[0]?.['total-amount']).toMatch(/^-?\d+\.\d{2}$/);
  });
});

describe('settlements and financial events agree', () => {
  it('each closed US settlement totals exactly its Finances v0 event group (OriginalTotal), fetched over HTTP', async () => {
    const { service } = serviceOf(sim);
    const reports = settlementsOf(sim, 0, US);
    expect(reports.length).toBeGreaterThan(0);
    const token = await sellerToken(sim, 0);
    const res = await http(`${sim.info.spApi.na}/finances/v0/financialEventGroups?MaxResultsPerPage=100`, {
      headers: { 'x-amz-access-token': token },
    });
    expect(res.status).toBe(200);
    type Group = { FinancialEventGroupStart: string; OriginalTotal: { CurrencyCode: string; CurrencyAmount: number } };
    const groups = (res.json as { payload: { FinancialEventGroupList: Group[] } }).payload.FinancialEventGroupList;
    for (const report of reports) {
      const [summary] = parse(textOf(service, report)).rows;
      const group = groups.find(
        (g) =>
          Date.parse(g.FinancialEventGroupStart) === report.dataStartTime && g.OriginalTotal.CurrencyCode === 'USD',
      );
      expect(group, `group starting ${new Date(report.dataStartTime).toISOString()}`).toBeDefined();
      expect(cents(summary?.['total-amount'])).toBe(
        Math.round((group?.OriginalTotal.CurrencyAmount ?? Number.NaN) * 100),
      );
    }
  });
});

describe('older settlement flat file', () => {
  it('is generated for the same periods with the same settlement id and total', () => {
    const { service } = serviceOf(sim);
    const [v2] = settlementsOf(sim, 0, US);
    const old = service
      .list(sellerIdOf(sim, 0))
      .find(
        (r) =>
          r.reportType === 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE' &&
          r.marketplaceIds[0] === US &&
          r.dataStartTime === v2?.dataStartTime,
      );
    if (!v2 || !old) throw new Error('missing settlement reports');
    const a = parse(textOf(service, v2));
    const b = parse(textOf(service, old));
    expect(b.header).toEqual(fixtureHeader('GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE'));
    expect(b.rows[0]?.['settlement-id']).toBe(a.rows[0]?.['settlement-id']);
    expect(b.rows[0]?.['total-amount']).toBe(a.rows[0]?.['total-amount']);
    const sum = b.rows
      .slice(1)
      .reduce(
        (s, r) =>
          s +
          cents(r['price-amount'] || '0') +
          cents(r['item-related-fee-amount'] || '0') +
          cents(r['promotion-amount'] || '0'),
        0,
      );
    expect(sum).toBe(cents(b.rows[0]?.['total-amount']));
  });
});

describe('determinism', () => {
  it('same seed → byte-identical documents', () => {
    for (const type of [
      'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
      'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
      'GET_SALES_AND_TRAFFIC_REPORT',
    ]) {
      const a = request(sim, type, DE);
      const b = request(twin, type, DE);
      const bytesA = serviceOf(sim).service.contentOf(a.reportDocumentId)?.bytes;
      const bytesB = serviceOf(twin).service.contentOf(b.reportDocumentId)?.bytes;
      expect(bytesA && bytesB && Buffer.compare(bytesA, bytesB)).toBe(0);
    }
    const [sa] = settlementsOf(sim, 0, US);
    const [sb] = settlementsOf(twin, 0, US);
    if (!sa || !sb) throw new Error('no settlement');
    expect(sa.reportId).toBe(sb.reportId);
    expect(textOf(serviceOf(sim).service, sa)).toBe(textOf(serviceOf(twin).service, sb));
  });
});

describe('FBA flat files', () => {
  it('inventory, returns and fee estimates have the fixtures’ columns and scenario values', () => {
    const { scenario, service } = serviceOf(sim);
    const myi = request(sim, 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', US);
    const inv = parse(textOf(service, myi));
    expect(inv.header).toEqual(fixtureHeader('GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA'));
    const stock = scenario.inventory(sellerIdOf(sim, 0), US, myi.createdTime);
    expect(inv.rows.map((r) => r.sku)).toEqual(stock.map((s) => s.sku));
    expect(inv.rows.map((r) => Number(r['afn-fulfillable-quantity']))).toEqual(stock.map((s) => s.fulfillable));

    const returns = request(sim, 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', US);
    const ret = parse(textOf(service, returns));
    expect(ret.header).toEqual(fixtureHeader('GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA'));
    expect(ret.rows.length).toBeGreaterThan(0);
    for (const r of ret.rows) {
      const order = scenario.orderById(r['order-id'] ?? '', returns.createdTime);
      expect(order?.items.find((i) => i.sku === r.sku)?.returned?.disposition).toBe(r['detailed-disposition']);
    }

    const fees = request(sim, 'GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA', DE);
    const fee = parse(textOf(service, fees));
    expect(fee.header).toEqual(fixtureHeader('GET_FBA_ESTIMATED_FBA_FEES_TXT_DATA'));
    expect(fee.rows[0]?.['estimated-fee-total']).toMatch(/^\d+,\d{2}$/);
  });
});

describe('GET_SALES_AND_TRAFFIC_REPORT', () => {
  it('validates against the official schema for every granularity, and sums the scenario’s sales', () => {
    const schema = JSON.parse(readFileSync(`${shared}/schemas/reports/sellerSalesAndTrafficReport.json`, 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    ajvFormats.default(ajv);
    const validate = ajv.compile(schema);
    const { scenario, service } = serviceOf(sim);
    for (const [dateGranularity, asinGranularity] of [
      ['DAY', 'SKU'],
      ['WEEK', 'CHILD'],
      ['MONTH', 'PARENT'],
    ] as const) {
      const record = request(sim, 'GET_SALES_AND_TRAFFIC_REPORT', US, { dateGranularity, asinGranularity });
      expect(service.compressed(record)).toBe(true);
      const doc = JSON.parse(textOf(service, record));
      expect(validate(doc), JSON.stringify(validate.errors)).toBe(true);
      if (dateGranularity !== 'DAY') continue;
      expect(doc.salesAndTrafficByDate).toHaveLength(14);
      const units = (doc.salesAndTrafficByDate as { salesByDate: { unitsOrdered: number } }[]).reduce(
        (s, d) => s + d.salesByDate.unitsOrdered,
        0,
      );
      const start = Math.floor(record.dataStartTime / DAY) * DAY;
      const orders = scenario
        .ordersBetween(sellerIdOf(sim, 0), start, record.dataEndTime, record.createdTime)
        .filter((o) => o.marketplaceId === US && !o.canceled);
      expect(units).toBe(orders.flatMap((o) => o.items).reduce((s, i) => s + i.quantity, 0));
    }
  });
});

describe('FBA activity and brand analytics', () => {
  it('ledger, reimbursements, restock and storage fees follow their headers and the scenario', () => {
    const { scenario, service } = serviceOf(sim);
    const ledger = request(sim, 'GET_LEDGER_DETAIL_VIEW_DATA', US);
    const led = parse(textOf(service, ledger));
    expect(led.header).toEqual(fixtureHeader('GET_LEDGER_DETAIL_VIEW_DATA'));
    expect(led.rows[0]?.Date).toMatch(/^\d{2}\/\d{2}\/\d{4}$/);
    const shippedUnits = scenario
      .ordersBetween(sellerIdOf(sim, 0), ledger.dataStartTime - 45 * DAY, ledger.dataEndTime, ledger.createdTime)
      .filter((o) => o.marketplaceId === US && o.channel === 'AFN' && !o.canceled)
      .filter(
        (o) => (o.timeline.shipped ?? -1) >= ledger.dataStartTime && (o.timeline.shipped ?? -1) < ledger.dataEndTime,
      )
      .flatMap((o) => o.items)
      .reduce((s, i) => s + i.quantity, 0);
    const ledgerShipped = led.rows
      .filter((r) => r.EventType === 'Shipments')
      .reduce((s, r) => s + Number(r.Quantity), 0);
    expect(-ledgerShipped).toBe(shippedUnits);
    expect(led.rows.some((r) => r.EventType === 'Receipts')).toBe(true);

    const reimbursements = parse(textOf(service, request(sim, 'GET_FBA_REIMBURSEMENTS_DATA', US)));
    expect(reimbursements.header).toEqual(fixtureHeader('GET_FBA_REIMBURSEMENTS_DATA'));

    const restock = parse(textOf(service, request(sim, 'GET_RESTOCK_INVENTORY_RECOMMENDATIONS_REPORT', DE)));
    expect(restock.header).toHaveLength(30);
    expect(restock.rows.length).toBeGreaterThan(0);
    expect(restock.rows.every((r) => Number(r['Recommended replenishment qty']) >= 0)).toBe(true);

    const storage = parse(textOf(service, request(sim, 'GET_FBA_STORAGE_FEE_CHARGES_DATA', US)));
    expect(storage.header[0]).toBe('asin');
    expect(storage.rows.length).toBeGreaterThan(0);
    expect(storage.rows[0]?.month_of_charge).toMatch(/^\d{4}-\d{2}$/);
  });

  it('brand analytics search terms are JSON with ranked clicked ASINs', () => {
    const { service } = serviceOf(sim);
    const record = request(sim, 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT', US, { reportPeriod: 'WEEK' });
    const doc = JSON.parse(textOf(service, record));
    expect(doc.reportSpecification).toMatchObject({ reportType: 'GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT' });
    const rows = doc.dataByDepartmentAndSearchTerm as { clickShareRank: number; clickedAsin: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.slice(0, 3).map((r) => r.clickShareRank)).toEqual([1, 2, 3]);
    expect(rows.every((r) => /^B0[0-9A-Z]{8}$/.test(r.clickedAsin))).toBe(true);
  });

  it('encodes windows-1252', () => {
    expect([...encodeWindows1252('a€é中')]).toEqual([0x61, 0x80, 0xe9, 0x3f]);
  });
});

describe('document faults', () => {
  it('gzip faults break served documents (applied once, when stored)', async () => {
    const faulty = await startTestSim({ rateLimits: false, faults: 'gzip=1', living: { historyDays: 20, skus: 10 } });
    try {
      const headers = { 'x-amz-access-token': await sellerToken(faulty, 0), 'content-type': 'application/json' };
      const base = `${faulty.info.spApi.na}/reports/2021-06-30`;
      const created = await http(`${base}/reports`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
          marketplaceIds: [US],
        }),
      });
      const { reportId } = created.json as { reportId: string };
      faulty.clock.advance(60_000);
      headers['x-amz-access-token'] = await sellerToken(faulty, 0);
      const report = (await http(`${base}/reports/${reportId}`, { headers })).json as { reportDocumentId: string };
      const doc = (await http(`${base}/documents/${report.reportDocumentId}`, { headers })).json as { url: string };
      const first = Buffer.from(await (await fetch(doc.url)).arrayBuffer());
      expect(isValidGzip(first)).toBe(false);
      const second = Buffer.from(await (await fetch(doc.url)).arrayBuffer());
      expect(Buffer.compare(first, second)).toBe(0);
    } finally {
      await faulty.close();
    }
  });
});
