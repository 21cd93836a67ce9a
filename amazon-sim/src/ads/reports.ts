import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { uuidSequence } from '../notifications/ids.ts';
import { type AdsReply, reportingError, s3Error } from './http.ts';
import { buildRows, type RowRequest } from './report-rows.ts';
import type { AdsStore, ProfileData } from './store.ts';

/**
 * Reporting v3: `POST /reporting/reports` (columns validated against shared/amazon/ads/report-columns.json),
 * `GET /reporting/reports/{id}` moving PENDING → PROCESSING → COMPLETED on the virtual clock, and a pre-signed
 * S3-like URL serving the gzipped JSON array of rows.
 */

interface ReportType {
  adProduct: string;
  groupBy: string[];
  timeUnit: string[];
  maxSpanDays: number;
  retentionDays: number;
  /** Columns allowed for a groupBy selection. */
  columns: (groupBy: string[]) => Set<string>;
  filters: Record<string, string[]>;
}

interface ColumnsFile {
  reportTypes: Record<string, ReportTypeEntry>;
}

interface ReportTypeEntry {
  adProduct: string;
  groupBy: string[];
  timeUnit?: string[];
  maxSpanDays?: number;
  retentionDays?: number;
  baseColumns?: string[];
  byGroup?: Record<string, string[]>;
  columnsSeenInThirdPartyCode?: string[];
  filters?: Record<string, string[]>;
}

const SP_METRICS = ['impressions', 'clicks', 'costPerClick', 'clickThroughRate', 'cost', 'spend'].concat(
  ...['1d', '7d', '14d', '30d'].map((w) => [
    `purchases${w}`,
    `purchasesSameSku${w}`,
    `unitsSoldClicks${w}`,
    `unitsSoldSameSku${w}`,
    `sales${w}`,
    `attributedSalesSameSku${w}`,
  ]),
);

/**
 * spAdvertisedProduct is missing from report-columns.json; its columns here are the SP metrics above plus the
 * advertised-product fields of Amazon's Postman example (adId, advertisedAsin, advertisedSku) [I].
 */
const ADVERTISED_PRODUCT: ReportTypeEntry = {
  adProduct: 'SPONSORED_PRODUCTS',
  groupBy: ['advertiser'],
  timeUnit: ['SUMMARY', 'DAILY'],
  maxSpanDays: 31,
  retentionDays: 95,
  baseColumns: [
    ...SP_METRICS,
    ...[
      'date',
      'startDate',
      'endDate',
      'campaignName',
      'campaignId',
      'adGroupName',
      'adGroupId',
      'adId',
      'portfolioId',
    ],
    ...['campaignBudgetCurrencyCode', 'campaignBudgetAmount', 'campaignBudgetType', 'campaignStatus'],
    ...['advertisedAsin', 'advertisedSku', 'salesOtherSku7d', 'unitsSoldOtherSku7d', 'acosClicks7d', 'acosClicks14d'],
    ...['roasClicks7d', 'roasClicks14d', 'addToList', 'qualifiedBorrows', 'royaltyQualifiedBorrows'],
    ...['kindleEditionNormalizedPagesRead14d', 'kindleEditionNormalizedPagesRoyalties14d'],
  ],
  filters: { adStatus: ['ENABLED', 'PAUSED', 'ARCHIVED'] },
};

/** Loads the report types from report-columns.json (plus spAdvertisedProduct). */
export function loadReportTypes(sharedAmazonDir: string): Record<string, ReportType> {
  const file = JSON.parse(readFileSync(join(sharedAmazonDir, 'ads', 'report-columns.json'), 'utf8')) as ColumnsFile;
  const all: Record<string, ReportTypeEntry> = {
    ...file.reportTypes,
    spAdvertisedProduct: file.reportTypes.spAdvertisedProduct ?? ADVERTISED_PRODUCT,
  };
  const out: Record<string, ReportType> = {};
  for (const [id, t] of Object.entries(all)) {
    const base = t.baseColumns ?? t.columnsSeenInThirdPartyCode ?? [];
    out[id] = {
      adProduct: t.adProduct,
      groupBy: t.groupBy,
      timeUnit: t.timeUnit ?? ['SUMMARY', 'DAILY'],
      maxSpanDays: t.maxSpanDays ?? 31,
      retentionDays: t.retentionDays ?? 65,
      columns: (groupBy) => new Set([...base, ...groupBy.flatMap((g) => t.byGroup?.[g] ?? [])]),
      filters: t.filters ?? {},
    };
  }
  return out;
}

interface Report {
  reportId: string;
  profileId: number;
  name: string | null;
  startDate: string;
  endDate: string;
  configuration: Record<string, unknown>;
  createdAt: number;
  rowRequest: RowRequest;
  fingerprint: string;
  file?: Buffer;
}

const PENDING_MS = 20_000;
const READY_MS = 60_000;
const URL_TTL_S = 3600;
const iso = (ms: number) => new Date(ms).toISOString();

/** Reporting v3 state for every profile. */
export class AdsReports {
  private readonly reports = new Map<string, Report>();
  private readonly newId: () => string;

  constructor(
    private readonly types: Record<string, ReportType>,
    private readonly store: AdsStore,
    private readonly seed: string,
  ) {
    this.newId = uuidSequence(seed, 'ads-report');
  }

  /** POST /reporting/reports. */
  create(data: ProfileData, body: Record<string, unknown> | undefined | null, now: number): AdsReply {
    if (!body) return reportingError(400, 'The request body must be a JSON object.');
    const config = body.configuration as Record<string, unknown> | undefined;
    if (!config || typeof config !== 'object') return reportingError(400, 'configuration is required');
    const type = this.types[String(config.reportTypeId)];
    if (!type) return reportingError(400, 'configuration reportTypeId is unknown or invalid');
    if (config.adProduct !== type.adProduct) {
      return reportingError(
        400,
        `configuration adProduct must be ${type.adProduct} for ${String(config.reportTypeId)}`,
      );
    }
    if (!type.timeUnit.includes(String(config.timeUnit))) {
      return reportingError(400, `configuration timeUnit must be one of (${type.timeUnit.join(', ')})`);
    }
    if (config.format !== 'GZIP_JSON') return reportingError(400, 'configuration format must be GZIP_JSON');
    const groupBy = stringList(config.groupBy);
    const badGroups = groupBy?.filter((g) => !type.groupBy.includes(g));
    if (!groupBy?.length || badGroups?.length) {
      return reportingError(400, `configuration groupBy includes invalid values: (${(badGroups ?? []).join(', ')})`);
    }
    const columns = stringList(config.columns);
    if (!columns?.length) return reportingError(400, 'configuration columns must be a non-empty list');
    const allowed = type.columns(groupBy);
    const badColumns = columns.filter((c) => !allowed.has(c));
    if (badColumns.length)
      return reportingError(400, `configuration columns includes invalid values: (${badColumns.join(', ')})`);
    const daily = config.timeUnit === 'DAILY';
    if (daily && columns.some((c) => c === 'startDate' || c === 'endDate')) {
      return reportingError(400, 'startDate and endDate columns are not supported for DAILY time unit; use date');
    }
    if (!daily && columns.includes('date'))
      return reportingError(400, 'date column is not supported for SUMMARY time unit');
    const filters = parseFilters(config.filters, type, groupBy);
    if (typeof filters === 'string') return reportingError(400, filters);
    const range = checkDates(body.startDate, body.endDate, type, now);
    if (typeof range === 'string') return reportingError(400, range);

    const configuration = { ...config, filters: config.filters ?? null };
    const fingerprint = createHash('sha256')
      .update(JSON.stringify([data.profile.profileId, body.name, range, configuration]))
      .digest('hex');
    const duplicate = [...this.reports.values()].find((r) => r.fingerprint === fingerprint && !this.expired(r, now));
    if (duplicate) return reportingError(425, `The Request is a duplicate of : ${duplicate.reportId}`);
    const report: Report = {
      reportId: this.newId(),
      profileId: data.profile.profileId,
      name: typeof body.name === 'string' ? body.name : null,
      ...range,
      configuration,
      createdAt: now,
      fingerprint,
      rowRequest: {
        reportTypeId: String(config.reportTypeId),
        groupBy,
        columns,
        timeUnit: daily ? 'DAILY' : 'SUMMARY',
        ...range,
        filters,
      },
    };
    this.reports.set(report.reportId, report);
    return { status: 200, body: this.view(report, now, ''), contentType: 'application/json' };
  }

  /** GET /reporting/reports/{reportId}; a COMPLETED report carries a fresh pre-signed URL. */
  status(data: ProfileData, reportId: string, now: number, fileBase: string): AdsReply {
    const report = this.reports.get(reportId);
    if (!report || report.profileId !== data.profile.profileId)
      return reportingError(404, `Report ${reportId} not found`);
    return { status: 200, body: this.view(report, now, fileBase), contentType: 'application/json' };
  }

  /** DELETE /reporting/reports/{reportId}: cancels a report that is not ready yet. */
  cancel(data: ProfileData, reportId: string, now: number): AdsReply {
    const report = this.reports.get(reportId);
    if (!report || report.profileId !== data.profile.profileId)
      return reportingError(404, `Report ${reportId} not found`);
    if (now >= report.createdAt + READY_MS) return reportingError(400, 'Completed reports cannot be cancelled');
    this.reports.delete(reportId);
    return { status: 200, body: { reportId, status: 'CANCELLED' }, contentType: 'application/json' };
  }

  /** The pre-signed download: `X-Amz-Date`, `X-Amz-Expires`, `X-Amz-Signature` checked like S3. */
  download(reportId: string, query: URLSearchParams, hasAuthorization: boolean, now: number): AdsReply {
    const report = this.reports.get(reportId);
    const date = query.get('X-Amz-Date') ?? '';
    if (!report?.file || query.get('X-Amz-Signature') !== this.sign(reportId, date)) {
      return s3Error(403, 'AccessDenied', 'Access Denied');
    }
    if (hasAuthorization) {
      return s3Error(
        400,
        'InvalidArgument',
        'Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, Signature query string parameter or the Authorization header should be specified',
      );
    }
    if (now > Number(date) + URL_TTL_S * 1000) return s3Error(403, 'AccessDenied', 'Request has expired');
    return { status: 200, raw: report.file, contentType: 'application/octet-stream' };
  }

  private view(report: Report, now: number, fileBase: string): Record<string, unknown> {
    const ready = report.createdAt + READY_MS;
    const status = now < report.createdAt + PENDING_MS ? 'PENDING' : now < ready ? 'PROCESSING' : 'COMPLETED';
    const completed = status === 'COMPLETED';
    if (completed && !report.file) this.generate(report, ready);
    const url = completed
      ? `${fileBase}/${report.reportId}/report-${report.reportId}.json.gz?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${now}&X-Amz-Expires=${URL_TTL_S}&X-Amz-Signature=${this.sign(report.reportId, String(now))}`
      : null;
    return {
      configuration: report.configuration,
      createdAt: iso(report.createdAt),
      endDate: report.endDate,
      failureReason: null,
      fileSize: completed ? (report.file?.length ?? 0) : null,
      generatedAt: completed ? iso(ready) : null,
      name: report.name,
      reportId: report.reportId,
      startDate: report.startDate,
      status,
      updatedAt: iso(completed ? ready : status === 'PROCESSING' ? report.createdAt + PENDING_MS : report.createdAt),
      url,
      urlExpiresAt: completed ? iso(now + URL_TTL_S * 1000) : null,
    };
  }

  private generate(report: Report, generatedAt: number): void {
    const profile = this.store.profile(report.profileId);
    if (!profile) return;
    const today = iso(generatedAt).slice(0, 10);
    const rows = buildRows(report.rowRequest, this.store.of(profile), this.seed, today);
    report.file = gzipSync(Buffer.from(JSON.stringify(rows)));
  }

  private expired(report: Report, now: number): boolean {
    return now > report.createdAt + READY_MS + URL_TTL_S * 1000;
  }

  private sign(reportId: string, date: string): string {
    return createHash('sha256').update(`${this.seed}|${reportId}|${date}`).digest('hex');
  }
}

function stringList(v: unknown): string[] | undefined {
  return Array.isArray(v) && v.every((x) => typeof x === 'string') ? (v as string[]) : undefined;
}

function parseFilters(raw: unknown, type: ReportType, groupBy: string[]): RowRequest['filters'] | string {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) return 'configuration filters must be a list of {field, values}';
  if (raw.length > 0 && groupBy.length > 1) return 'configuration filters are supported with a single groupBy only';
  const out: RowRequest['filters'] = [];
  for (const f of raw as { field?: unknown; values?: unknown }[]) {
    const allowed = type.filters[String(f?.field)];
    const values = stringList(f?.values);
    if (!allowed) return `configuration filters includes invalid field: (${String(f?.field)})`;
    const bad = values?.filter((v) => !allowed.includes(v));
    if (!values || bad?.length)
      return `configuration filters ${String(f.field)} includes invalid values: (${(bad ?? []).join(', ')})`;
    out.push({ field: String(f.field), values });
  }
  return out;
}

function checkDates(start: unknown, end: unknown, type: ReportType, now: number) {
  const valid = (d: unknown): d is string =>
    typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));
  if (!valid(start) || !valid(end)) return 'startDate and endDate are required (YYYY-MM-DD)';
  if (end < start) return 'endDate must not be before startDate';
  const span = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
  if (span > type.maxSpanDays) return `The date range cannot exceed ${type.maxSpanDays} days`;
  const oldest = iso(now - type.retentionDays * 86_400_000).slice(0, 10);
  if (start < oldest) return `startDate cannot be older than ${type.retentionDays} days (${oldest})`;
  return { startDate: start, endDate: end };
}
