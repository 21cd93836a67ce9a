import { setTimeout as delay } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import iconv from 'iconv-lite';
import { openTabular, type TabularRow } from '../../platform/files/tabular.js';
import { AmazonApiError } from './amazon-api-error.js';
import { paginate } from './paginate.js';
import type { SpApiClient } from './sp-api-client.js';

/** Reports API 2021-06-30: create → poll → document → download (gunzip, charset) → rows by header name. */

const BASE = '/reports/2021-06-30';
const OP = 'reports_2021-06-30';

export type ProcessingStatus = 'IN_QUEUE' | 'IN_PROGRESS' | 'DONE' | 'FATAL' | 'CANCELLED';

export interface Report {
  reportId: string;
  reportType: string;
  processingStatus: ProcessingStatus;
  createdTime: string;
  marketplaceIds?: string[];
  reportDocumentId?: string;
  dataStartTime?: string;
  dataEndTime?: string;
  processingStartTime?: string;
  processingEndTime?: string;
}

export interface ReportDocument {
  reportDocumentId: string;
  url: string;
  compressionAlgorithm?: 'GZIP';
}

export interface CreateReportInput {
  reportType: string;
  marketplaceIds: string[];
  dataStartTime?: string;
  dataEndTime?: string;
  reportOptions?: Record<string, string>;
}

export interface WaitOptions {
  /** Called between polls (attempt 0, 1, …); default: wait 5 s·1.5^n, at most 60 s. Tests advance a clock here. */
  wait?: (attempt: number) => Promise<void>;
  /** Give up after this many polls (default 200) with a retryable error. */
  maxPolls?: number;
}

/** Requests a report; returns its id (settlement reports cannot be requested: list them with listReports). */
export async function createReport(client: SpApiClient, input: CreateReportInput): Promise<string> {
  const res = await client.call<{ reportId: string }>({
    operation: `${OP}/createReport`,
    method: 'POST',
    path: `${BASE}/reports`,
    body: input,
  });
  return res.body.reportId;
}

/** Fetches one report's status. */
export async function getReport(client: SpApiClient, reportId: string): Promise<Report> {
  const path = `${BASE}/reports/${encodeURIComponent(reportId)}`;
  return (await client.call<Report>({ operation: `${OP}/getReport`, method: 'GET', path })).body;
}

/** Polls a report until DONE, FATAL or CANCELLED and returns it in that state. */
export async function waitForReport(client: SpApiClient, reportId: string, opts: WaitOptions = {}): Promise<Report> {
  const wait = opts.wait ?? ((n: number) => delay(Math.min(60_000, 5_000 * 1.5 ** n)));
  const maxPolls = opts.maxPolls ?? 200;
  for (let attempt = 0; attempt < maxPolls; attempt++) {
    const report = await getReport(client, reportId);
    if (['DONE', 'FATAL', 'CANCELLED'].includes(report.processingStatus)) return report;
    await wait(attempt);
  }
  throw new AmazonApiError('UPSTREAM_UNAVAILABLE', `Report ${reportId} not ready after ${maxPolls} polls`, {
    retryable: true,
    operation: `${OP}/getReport`,
  });
}

/** Creates a report and waits for it; DONE returns the report, FATAL and CANCELLED throw (not retryable as is). */
export async function requestReport(
  client: SpApiClient,
  input: CreateReportInput,
  opts: WaitOptions = {},
): Promise<Report & { reportDocumentId: string }> {
  const report = await waitForReport(client, await createReport(client, input), opts);
  if (report.processingStatus === 'DONE' && report.reportDocumentId) {
    return { ...report, reportDocumentId: report.reportDocumentId };
  }
  throw new AmazonApiError(
    report.processingStatus === 'CANCELLED' ? 'CONFLICT' : 'UPSTREAM_UNAVAILABLE',
    `Report ${report.reportId} (${report.reportType}) ended ${report.processingStatus}`,
    { retryable: false, operation: `${OP}/getReport`, details: { errorDocumentId: report.reportDocumentId } },
  );
}

/** Fetches a document's pre-signed URL and compression. */
export async function getReportDocument(client: SpApiClient, reportDocumentId: string): Promise<ReportDocument> {
  const path = `${BASE}/documents/${encodeURIComponent(reportDocumentId)}`;
  return (await client.call<ReportDocument>({ operation: `${OP}/getReportDocument`, method: 'GET', path })).body;
}

export interface DownloadOptions {
  fetch?: typeof fetch;
  timeoutMs?: number;
}

export interface DownloadedDocument {
  text: string;
  /** Charset the bytes were decoded from (Content-Type's, else utf-8). */
  charset: string;
  contentType: string;
}

/**
 * Downloads a document from its pre-signed URL (no auth header, like S3), gunzips it when marked GZIP and decodes it
 * by the charset of its Content-Type. A truncated or corrupt gzip throws a retryable error and returns nothing.
 */
export async function downloadReportDocument(
  doc: ReportDocument,
  opts: DownloadOptions = {},
): Promise<DownloadedDocument> {
  const doFetch = opts.fetch ?? fetch;
  let bytes: Buffer;
  let contentType: string;
  try {
    const res = await doFetch(doc.url, { signal: AbortSignal.timeout(opts.timeoutMs ?? 120_000) });
    bytes = Buffer.from(await res.arrayBuffer());
    contentType = res.headers.get('content-type') ?? '';
    if (!res.ok) {
      // an expired pre-signed URL (403) is fixed by asking getReportDocument again: retryable
      throw new AmazonApiError('UPSTREAM_UNAVAILABLE', `Report document download failed: ${res.status}`, {
        retryable: res.status === 403 || res.status >= 500,
        status: res.status,
      });
    }
  } catch (err) {
    if (err instanceof AmazonApiError) throw err;
    throw new AmazonApiError('UPSTREAM_UNAVAILABLE', `Report document download failed: ${(err as Error).message}`, {
      retryable: true,
    });
  }
  if (doc.compressionAlgorithm === 'GZIP') {
    try {
      bytes = gunzipSync(bytes);
    } catch (err) {
      throw new AmazonApiError(
        'UPSTREAM_UNAVAILABLE',
        `Report document ${doc.reportDocumentId} is a truncated or corrupt gzip (${(err as Error).message}); download it again or request a new report`,
        { retryable: true, amazonCode: 'CorruptDocument' },
      );
    }
  }
  const declared = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1];
  const charset = declared && iconv.encodingExists(declared) ? declared.toLowerCase() : 'utf-8';
  return { text: iconv.decode(bytes, charset), charset, contentType };
}

export interface ReportRows {
  headers: string[];
  rows: AsyncIterable<TabularRow>;
  charset: string;
}

/** Downloads a flat-file report document and parses it by header name (cells stay raw text). */
export async function downloadReportRows(
  client: SpApiClient,
  reportDocumentId: string,
  opts: DownloadOptions = {},
): Promise<ReportRows> {
  const doc = await getReportDocument(client, reportDocumentId);
  const { text, charset } = await downloadReportDocument(doc, opts);
  // openTabular recognises UTF-8 (or GB18030): hand it the decoded text re-encoded as UTF-8
  const file = await openTabular(Buffer.from(text, 'utf8'), `${reportDocumentId}.tsv`);
  return { headers: file.headers, rows: file.rows, charset };
}

export interface ListReportsInput {
  reportTypes: string[];
  marketplaceIds?: string[];
  processingStatuses?: ProcessingStatus[];
  createdSince?: string;
  createdUntil?: string;
  pageSize?: number;
}

/** Lists reports page by page (newest first); with a nextToken only the token is sent, as Amazon requires. */
export async function* listReports(client: SpApiClient, input: ListReportsInput): AsyncGenerator<Report> {
  const fetchPage = (nextToken: string | undefined) =>
    client.call<{ reports: Report[]; nextToken?: string }>({
      operation: `${OP}/getReports`,
      method: 'GET',
      path: `${BASE}/reports`,
      query: nextToken ? { nextToken } : { ...input, pageSize: input.pageSize ?? 100 },
    });
  const pages = paginate(fetchPage, (res) => res.body.nextToken);
  for await (const page of pages) yield* page.body.reports;
}

export const SETTLEMENT_REPORT_TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';

/** Settlement reports Amazon generated (they cannot be requested), DONE only, newest first. */
export function listSettlementReports(
  client: SpApiClient,
  input: Omit<ListReportsInput, 'reportTypes' | 'processingStatuses'> = {},
): AsyncGenerator<Report> {
  return listReports(client, { ...input, reportTypes: [SETTLEMENT_REPORT_TYPE], processingStatuses: ['DONE'] });
}
