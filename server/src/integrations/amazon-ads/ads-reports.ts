import { gunzipSync } from 'node:zlib';
import { AmazonApiError } from '../amazon-sp-api/amazon-api-error.js';
import type { AdsClient } from './ads-client.js';

/**
 * Reporting v3: POST /reporting/reports (a request identical to one still in flight answers 425 "duplicate of : <id>",
 * which is that report's id), GET /reporting/reports/{id} until COMPLETED (or FAILED), then the pre-signed URL's
 * gzipped JSON array of rows keyed by the requested columns. The whole file is downloaded and parsed before a row is
 * returned, so a truncated file fails here and nothing of it is written.
 */

const CREATE_MEDIA = 'application/vnd.createasyncreportrequest.v3+json';

export interface AdsReportRequest {
  name?: string;
  startDate: string;
  endDate: string;
  configuration: {
    adProduct: string;
    reportTypeId: string;
    groupBy: string[];
    columns: string[];
    timeUnit: 'DAILY' | 'SUMMARY';
    format?: 'GZIP_JSON';
    filters?: { field: string; values: string[] }[];
  };
}

export interface AdsReportStatus {
  reportId: string;
  status: string;
  url: string | null;
  failureReason: string | null;
}

/** Requests a report; returns its id (the id of the identical report in flight when Amazon says it is a duplicate). */
export async function createAdsReport(client: AdsClient, profileId: string, req: AdsReportRequest): Promise<string> {
  try {
    const res = await client.call<{ reportId?: string }>(profileId, {
      operation: 'reporting/createReport',
      method: 'POST',
      path: '/reporting/reports',
      contentType: CREATE_MEDIA,
      accept: CREATE_MEDIA,
      body: { ...req, configuration: { format: 'GZIP_JSON', ...req.configuration } },
    });
    if (!res.body.reportId)
      throw new AmazonApiError('UPSTREAM_UNAVAILABLE', 'ads createReport: no reportId in the answer', {
        retryable: true,
        requestId: res.requestId,
      });
    return res.body.reportId;
  } catch (err) {
    const duplicateOf = duplicateReportId(err);
    if (duplicateOf) return duplicateOf;
    throw err;
  }
}

/** The report id in a 425 "The Request is a duplicate of : <id>" answer. */
export function duplicateReportId(err: unknown): string | undefined {
  if (!(err instanceof AmazonApiError) || err.status !== 425) return undefined;
  return /duplicate of\s*:?\s*([0-9a-fA-F-]{8,})/.exec(err.message)?.[1];
}

export async function getAdsReport(client: AdsClient, profileId: string, reportId: string): Promise<AdsReportStatus> {
  const res = await client.call<{ status?: string; url?: string | null; failureReason?: string | null }>(profileId, {
    operation: 'reporting/getReport',
    method: 'GET',
    path: `/reporting/reports/${encodeURIComponent(reportId)}`,
  });
  return {
    reportId,
    status: res.body.status ?? 'PENDING',
    url: res.body.url ?? null,
    failureReason: res.body.failureReason ?? null,
  };
}

/** Polls until COMPLETED (with its URL) or FAILED/CANCELLED (thrown, not retryable: the report must be requested again). */
export async function waitForAdsReport(
  client: AdsClient,
  profileId: string,
  reportId: string,
  opts: { wait: (attempt: number) => Promise<void>; onStatus?: (status: string) => void; maxPolls?: number },
): Promise<AdsReportStatus & { url: string }> {
  const maxPolls = opts.maxPolls ?? 400;
  for (let attempt = 0; attempt < maxPolls; attempt++) {
    const s = await getAdsReport(client, profileId, reportId);
    opts.onStatus?.(s.status);
    if (s.status === 'COMPLETED' && s.url) return { ...s, url: s.url };
    if (s.status === 'FAILED' || s.status === 'CANCELLED')
      throw new AmazonApiError(
        'UPSTREAM_UNAVAILABLE',
        `Ads report ${reportId} ended ${s.status}: ${s.failureReason ?? ''}`,
        {
          retryable: false,
          operation: 'reporting/getReport',
          amazonCode: s.status,
        },
      );
    await opts.wait(attempt);
  }
  throw new AmazonApiError('UPSTREAM_UNAVAILABLE', `Ads report ${reportId} is still not ready`, {
    retryable: true,
    operation: 'reporting/getReport',
  });
}

/** Downloads, gunzips and parses a completed report (a JSON array of row objects). */
export async function downloadAdsReportRows(client: AdsClient, url: string): Promise<Record<string, unknown>[]> {
  const bytes = await client.download(url, 'reporting/download');
  let text: string;
  try {
    text = (bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes).toString('utf8');
  } catch (err) {
    throw new AmazonApiError('UPSTREAM_UNAVAILABLE', `Ads report file is damaged: ${(err as Error).message}`, {
      retryable: true,
      operation: 'reporting/download',
    });
  }
  let rows: unknown;
  try {
    rows = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    throw new AmazonApiError('UPSTREAM_UNAVAILABLE', 'Ads report file is not complete JSON', {
      retryable: true,
      operation: 'reporting/download',
    });
  }
  if (!Array.isArray(rows))
    throw new AmazonApiError('UPSTREAM_UNAVAILABLE', 'Ads report file is not a JSON array', {
      retryable: false,
      operation: 'reporting/download',
    });
  return rows.filter((r): r is Record<string, unknown> => Boolean(r) && typeof r === 'object' && !Array.isArray(r));
}
