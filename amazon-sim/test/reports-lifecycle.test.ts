import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_ORDERS_HEADER } from '../src/reports/orders-report.ts';
import type { RunningSim } from '../src/server.ts';
import { resolveSharedAmazonDir } from '../src/shared-dir.ts';
import { grantlessToken, http, sellerToken, startTestSim } from './helpers.ts';

/** Reports API over HTTP: lifecycle on the virtual clock, documents, cancel, FATAL, errors, listing, notifications. */

const US = 'ATVPDKIKX0DER';
const ALL_ORDERS = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const DAY = 86_400_000;

let sim: RunningSim;
let base: string;
let headers: Record<string, string>;

interface Report {
  reportId: string;
  processingStatus: string;
  processingStartTime?: string;
  processingEndTime?: string;
  reportDocumentId?: string;
  reportType: string;
  createdTime: string;
  marketplaceIds: string[];
}

beforeAll(async () => {
  sim = await startTestSim({ rateLimits: false, living: { historyDays: 40, skus: 30 } });
  base = `${sim.info.spApi.na}/reports/2021-06-30`;
  headers = { 'x-amz-access-token': await sellerToken(sim, 0), 'content-type': 'application/json' };
});
afterAll(async () => sim.close());

async function advance(ms: number): Promise<void> {
  sim.clock.advance(ms);
  headers['x-amz-access-token'] = await sellerToken(sim, 0);
}

function post(url: string, body: unknown) {
  return http(url, { method: 'POST', headers, body: JSON.stringify(body) });
}

async function getReport(id: string): Promise<Report> {
  const res = await http(`${base}/reports/${id}`, { headers });
  expect(res.status).toBe(200);
  return res.json as Report;
}

async function download(documentId: string): Promise<{ contentType: string; bytes: Buffer; gzip: boolean }> {
  const doc = await http(`${base}/documents/${documentId}`, { headers });
  expect(doc.status).toBe(200);
  const { url, compressionAlgorithm } = doc.json as { url: string; compressionAlgorithm?: string };
  const res = await fetch(url);
  expect(res.status).toBe(200);
  return {
    contentType: res.headers.get('content-type') ?? '',
    bytes: Buffer.from(await res.arrayBuffer()),
    gzip: compressionAlgorithm === 'GZIP',
  };
}

describe('Reports API lifecycle', () => {
  it('moves IN_QUEUE → IN_PROGRESS → DONE and serves a gzip document, with a notification', async () => {
    const arnRes = await http(sim.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.GetQueueAttributes', 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({ QueueUrl: sim.info.sellers[0]?.queueUrl, AttributeNames: ['QueueArn'] }),
    });
    const arn = (arnRes.json as { Attributes: { QueueArn: string } }).Attributes.QueueArn;
    const grantless = { 'x-amz-access-token': await grantlessToken(sim), 'content-type': 'application/json' };
    const notif = `${sim.info.spApi.na}/notifications/v1`;
    const dest = await http(`${notif}/destinations`, {
      method: 'POST',
      headers: grantless,
      body: JSON.stringify({ name: 'reports', resourceSpecification: { sqs: { arn } } }),
    });
    const { destinationId } = (dest.json as { payload: { destinationId: string } }).payload;
    const sub = await post(`${notif}/subscriptions/REPORT_PROCESSING_FINISHED`, {
      payloadVersion: '2020-09-04',
      destinationId,
    });
    expect(sub.status).toBe(200);

    const now = sim.clock.now();
    const start = new Date(now - 5 * DAY).toISOString();
    const created = await post(`${base}/reports`, {
      reportType: ALL_ORDERS,
      marketplaceIds: [US],
      dataStartTime: start,
    });
    expect(created.status).toBe(202);
    const { reportId } = created.json as { reportId: string };
    expect(reportId).toMatch(/^\d+$/);
    let report = await getReport(reportId);
    expect(report.processingStatus).toBe('IN_QUEUE');
    expect(report.processingStartTime).toBeUndefined();
    await advance(30_000);
    report = await getReport(reportId);
    expect(report.processingStatus).toBe('IN_PROGRESS');
    expect(report.processingStartTime).toBe(new Date(now + 30_000).toISOString().replace('.000', ''));
    await advance(30_000);
    report = await getReport(reportId);
    expect(report.processingStatus).toBe('DONE');
    expect(report.processingEndTime).toBe(new Date(now + 60_000).toISOString().replace('.000', ''));
    expect(report.reportDocumentId).toMatch(/^amzn1\.spdoc\.1\.4\.na\./);

    const doc = await download(report.reportDocumentId ?? '');
    expect(doc.gzip).toBe(true);
    expect(doc.contentType).toBe('text/plain; charset=windows-1252');
    const text = new TextDecoder('windows-1252').decode(gunzipSync(doc.bytes));
    const [head = '', ...lines] = text.trimEnd().split('\n');
    expect(head.split('\t')).toEqual([...ALL_ORDERS_HEADER]);
    const fixture = readFileSync(
      `${resolveSharedAmazonDir()}/reports/header-fixtures/GET_FLAT_FILE_ARCHIVED_ORDERS_DATA_BY_ORDER_DATE.csv`,
      'utf8',
    );
    expect(head.split('\t').slice(0, 24)).toEqual(fixture.split('\n')[0]?.split('\t').slice(0, 24));
    const orders = sim.scenario?.ordersBetween(sim.info.sellers[0]?.sellerId ?? '', now - 5 * DAY, now, now) ?? [];
    const expected = orders.filter((o) => o.marketplaceId === US).flatMap((o) => o.items);
    expect(lines.length).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);

    const received = await http(sim.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.ReceiveMessage', 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({ QueueUrl: sim.info.sellers[0]?.queueUrl, MaxNumberOfMessages: 10 }),
    });
    const bodies = ((received.json as { Messages?: { Body: string }[] }).Messages ?? []).map((m) => JSON.parse(m.Body));
    const finished = bodies.find((b) => b.notificationType === 'REPORT_PROCESSING_FINISHED');
    expect(finished?.payload.reportProcessingFinishedNotification).toMatchObject({
      reportId,
      reportType: ALL_ORDERS,
      processingStatus: 'DONE',
      reportDocumentId: report.reportDocumentId,
    });

    // The pre-signed URL is short-lived (5 minutes of virtual time) and its signature is checked.
    const again = await http(`${base}/documents/${report.reportDocumentId}`, { headers });
    const { url } = again.json as { url: string };
    expect((await fetch(url.replace(/Signature=\w+/, 'Signature=00000000'))).status).toBe(403);
    await advance(6 * 60_000);
    expect((await fetch(url)).status).toBe(403);
  });

  it('cancels a queued report, refuses to cancel a finished one, and fails future ranges as FATAL', async () => {
    const created = await post(`${base}/reports`, {
      reportType: 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
      marketplaceIds: [US],
    });
    const { reportId } = created.json as { reportId: string };
    const cancel = await http(`${base}/reports/${reportId}`, { method: 'DELETE', headers });
    expect(cancel.status).toBe(200);
    expect((await getReport(reportId)).processingStatus).toBe('CANCELLED');

    const future = new Date(sim.clock.now() + 2 * DAY).toISOString();
    const fatal = await post(`${base}/reports`, {
      reportType: ALL_ORDERS,
      marketplaceIds: [US],
      dataStartTime: future,
    });
    expect(fatal.status).toBe(202);
    const fatalId = (fatal.json as { reportId: string }).reportId;
    await advance(60_000);
    const failed = await getReport(fatalId);
    expect(failed.processingStatus).toBe('FATAL');
    const doc = await download(failed.reportDocumentId ?? '');
    expect(doc.gzip).toBe(false);
    expect(doc.contentType).toBe('application/json; charset=UTF-8');
    expect(JSON.parse(doc.bytes.toString('utf8'))).toHaveProperty('errorDetails');

    const late = await http(`${base}/reports/${fatalId}`, { method: 'DELETE', headers });
    expect(late.status).toBe(400);
    expect((await http(`${base}/reports/999`, { headers })).status).toBe(404);
  });

  it('answers unknown and settlement report types with Amazon 400s', async () => {
    const unknown = await post(`${base}/reports`, { reportType: 'GET_NOT_A_REPORT', marketplaceIds: [US] });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({
      errors: [{ code: 'InvalidInput', message: 'Invalid input for reportType: GET_NOT_A_REPORT.', details: '' }],
    });
    for (const [type, n] of [
      ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', 1118],
      ['GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE', 1117],
    ] as const) {
      const res = await post(`${base}/reports`, { reportType: type, marketplaceIds: [US] });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        errors: [
          { code: 'InvalidInput', message: `Request for report type ${n} is not allowed at this time`, details: '' },
        ],
      });
    }
    const noMarket = await post(`${base}/reports`, { reportType: ALL_ORDERS, marketplaceIds: ['A1PA6795UKMFR9'] });
    expect(noMarket.status).toBe(400);
    const noTypes = await http(`${base}/reports`, { headers });
    expect(noTypes.status).toBe(400);
  });

  it('lists reports with filters and pages, settlement reports included', async () => {
    const settlements = await http(
      `${base}/reports?reportTypes=GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2&marketplaceIds=${US}&pageSize=100`,
      { headers },
    );
    expect(settlements.status).toBe(200);
    const list = (settlements.json as { reports: Report[] }).reports;
    // 40 days of history: two closed 14-day periods.
    expect(list).toHaveLength(2);
    expect(list.every((r) => r.processingStatus === 'DONE' && r.marketplaceIds[0] === US)).toBe(true);
    expect(list[0]?.createdTime && list[1]?.createdTime && list[0].createdTime > list[1].createdTime).toBe(true);

    const all = await http(
      `${base}/reports?reportTypes=${ALL_ORDERS},GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA&pageSize=1`,
      {
        headers,
      },
    );
    const first = all.json as { reports: Report[]; nextToken?: string };
    expect(first.reports).toHaveLength(1);
    expect(first.nextToken).toBeDefined();
    const ids = [first.reports[0]?.reportId];
    let token = first.nextToken;
    while (token) {
      const page = await http(`${base}/reports?nextToken=${encodeURIComponent(token)}`, { headers });
      const body = page.json as { reports: Report[]; nextToken?: string };
      ids.push(...body.reports.map((r) => r.reportId));
      token = body.nextToken;
    }
    expect(ids).toHaveLength(3);
    const cancelled = await http(
      `${base}/reports?reportTypes=GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA&processingStatuses=CANCELLED`,
      {
        headers,
      },
    );
    expect((cancelled.json as { reports: Report[] }).reports).toHaveLength(1);
    const none = await http(`${base}/reports?reportTypes=${ALL_ORDERS}&createdUntil=2020-01-01T00:00:00Z`, { headers });
    expect((none.json as { reports: Report[] }).reports).toHaveLength(0);
  });

  it('stores report schedules minimally', async () => {
    const created = await post(`${base}/schedules`, { reportType: ALL_ORDERS, marketplaceIds: [US], period: 'P1D' });
    expect(created.status).toBe(201);
    const { reportScheduleId } = created.json as { reportScheduleId: string };
    const list = await http(`${base}/schedules?reportTypes=${ALL_ORDERS}`, { headers });
    expect((list.json as { reportSchedules: { reportScheduleId: string; period: string }[] }).reportSchedules).toEqual([
      expect.objectContaining({ reportScheduleId, period: 'P1D' }),
    ]);
    const settlement = await post(`${base}/schedules`, {
      reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2',
      marketplaceIds: [US],
      period: 'P1D',
    });
    expect(settlement.status).toBe(400);
  });
  it('announces settlement reports that close while the simulator runs', async () => {
    const sqs = (action: string, body: unknown) =>
      http(sim.url, {
        method: 'POST',
        headers: { 'x-amz-target': `AmazonSQS.${action}`, 'content-type': 'application/x-amz-json-1.0' },
        body: JSON.stringify({ QueueUrl: sim.info.sellers[0]?.queueUrl, ...(body as object) }),
      });
    // Drains the queue (deleting what it reads) and returns the bodies.
    const receive = async () => {
      const out = [];
      for (;;) {
        const res = await sqs('ReceiveMessage', { MaxNumberOfMessages: 10 });
        const messages = (res.json as { Messages?: { Body: string; ReceiptHandle: string }[] }).Messages ?? [];
        if (messages.length === 0) return out;
        for (const m of messages) {
          out.push(JSON.parse(m.Body));
          await sqs('DeleteMessage', { ReceiptHandle: m.ReceiptHandle });
        }
      }
    };
    await receive();
    await advance(3 * DAY);
    const types = (await receive())
      .filter((b) => b.notificationType === 'REPORT_PROCESSING_FINISHED')
      .map((b) => b.payload.reportProcessingFinishedNotification.reportType);
    // One period closed: V2 and the older flat file for each of the three NA marketplaces.
    expect(types.filter((t: string) => t === 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2')).toHaveLength(3);
    expect(types.filter((t: string) => t === 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE')).toHaveLength(3);
  });
});
