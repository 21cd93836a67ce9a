import { faultsOf } from '../faults.ts';
import type { HandlerRegistry, OperationHandler, OperationRequest } from '../handlers.ts';
import { DAY_MS } from '../scenario/calendar.ts';
import type { Scenario } from '../scenario/scenario.ts';
import type { SellerIdentity } from '../sellers.ts';
import { PageTokens } from '../stateful/page-token.ts';
import { guarded, InputError, parseIsoDateTime, Query } from '../stateful/query-params.ts';
import { iso, sellerOf } from '../stateful/stateful-context.ts';
import { requestableTypes, SETTLEMENT_TYPE_NUMBERS } from './report-generators.ts';
import { registerScheduleHandlers } from './report-schedules.ts';
import { PROCESSING_DONE_MS, QUEUE_MS, type ReportRecord, ReportsService } from './report-service.ts';

/** Reports API 2021-06-30 handlers on the living marketplace (createReport, getReports, getReport, …). */

/** Document URLs stay valid this long on the virtual clock (Amazon: 5 minutes). */
export const DOCUMENT_URL_TTL_MS = 5 * 60_000;
/** Default data range of a requested report when none is given [I]. */
const DEFAULT_RANGE_MS = 30 * DAY_MS;
/** getReports looks back at most this far (createdSince default) [I]. */
const RETENTION_MS = 90 * DAY_MS;
const STATUSES = ['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE'] as const;

const services = new WeakMap<Scenario, ReportsService>();

/** The reports service registered for a scenario. */
export function reportsOf(scenario: Scenario): ReportsService | undefined {
  return services.get(scenario);
}

/** Creates the reports service of a scenario and registers the Reports API handlers. */
export function registerReports(
  registry: HandlerRegistry,
  scenario: Scenario,
  sellers: readonly SellerIdentity[],
): ReportsService {
  const regions = new Map(sellers.map((s) => [s.sellerId, s.region as string]));
  const service = new ReportsService(scenario, (id) => regions.get(id) ?? 'na');
  services.set(scenario, service);
  const tokens = new PageTokens(`reports:${scenario.seed}`);
  const deps = { scenario, service, tokens };
  registry.register('reports_2021-06-30:createReport', createReportHandler(deps));
  registry.register('reports_2021-06-30:getReports', getReportsHandler(deps));
  registry.register('reports_2021-06-30:getReport', getReportHandler(deps));
  registry.register('reports_2021-06-30:cancelReport', cancelReportHandler(deps));
  registry.register('reports_2021-06-30:getReportDocument', getReportDocumentHandler(deps));
  registerScheduleHandlers(registry, deps);
  return service;
}

export interface ReportDeps {
  scenario: Scenario;
  service: ReportsService;
  tokens: PageTokens;
}

/** The report as the model's Report object at `now`. */
export function renderReport(service: ReportsService, r: ReportRecord, now: number): Record<string, unknown> {
  const status = service.statusOf(r, now);
  const started = r.pregenerated ? r.createdTime : r.createdTime + QUEUE_MS;
  const ended = r.pregenerated ? r.createdTime : (r.cancelledAt ?? r.createdTime + PROCESSING_DONE_MS);
  const finished = status === 'DONE' || status === 'FATAL';
  return {
    reportId: r.reportId,
    reportType: r.reportType,
    dataStartTime: iso(r.dataStartTime),
    dataEndTime: iso(r.dataEndTime),
    marketplaceIds: r.marketplaceIds,
    ...(r.reportScheduleId ? { reportScheduleId: r.reportScheduleId } : {}),
    createdTime: iso(r.createdTime),
    processingStatus: status,
    ...(status === 'IN_PROGRESS' || finished ? { processingStartTime: iso(started) } : {}),
    ...(finished || status === 'CANCELLED' ? { processingEndTime: iso(ended) } : {}),
    ...(status === 'DONE' || status === 'FATAL' ? { reportDocumentId: r.reportDocumentId } : {}),
  };
}

function body(request: OperationRequest): Record<string, unknown> {
  const b = request.body;
  if (!b || typeof b !== 'object' || Array.isArray(b)) throw new InputError('The request body is missing or invalid.');
  return b as Record<string, unknown>;
}

/** Validates a report type for createReport / createReportSchedule (settlements: Amazon's "not allowed"). */
export function checkRequestable(reportType: unknown): string {
  if (typeof reportType !== 'string' || reportType === '') throw new InputError('Missing required field: reportType.');
  const number = SETTLEMENT_TYPE_NUMBERS[reportType];
  if (number !== undefined) throw new InputError(`Request for report type ${number} is not allowed at this time`);
  if (!requestableTypes().includes(reportType)) throw new InputError(`Invalid input for reportType: ${reportType}.`);
  return reportType;
}

/** Validates marketplaceIds of a request body against the seller's marketplaces. */
export function checkMarketplaces(deps: ReportDeps, sellerId: string, value: unknown): string[] {
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => typeof v !== 'string')) {
    throw new InputError('Missing required field: marketplaceIds.');
  }
  const seller = deps.scenario.seller(sellerId);
  for (const id of value as string[]) {
    if (!seller || seller.marketplaceIndex(id) < 0) throw new InputError(`Invalid marketplaceId: ${id}.`);
  }
  return value as string[];
}

function dateField(b: Record<string, unknown>, name: string): number | undefined {
  const v = b[name];
  if (v === undefined) return undefined;
  const ms = typeof v === 'string' ? parseIsoDateTime(v) : undefined;
  if (ms === undefined) throw new InputError(`Invalid ${name}: '${String(v)}' is not an ISO 8601 date-time.`);
  return ms;
}

function createReportHandler(deps: ReportDeps): OperationHandler {
  return guarded((request, context) => {
    const seller = sellerOf(deps, request);
    const now = context.clock.now();
    deps.service.sweep(now);
    const b = body(request);
    const reportType = checkRequestable(b.reportType);
    const marketplaceIds = checkMarketplaces(deps, seller.sellerId, b.marketplaceIds);
    const options = b.reportOptions;
    if (options !== undefined && (typeof options !== 'object' || options === null || Array.isArray(options))) {
      throw new InputError('Invalid reportOptions: expected an object of strings.');
    }
    const end = dateField(b, 'dataEndTime') ?? now;
    const start = dateField(b, 'dataStartTime') ?? Math.min(end, now) - DEFAULT_RANGE_MS;
    const fatal = start > now ? 'The requested data range starts in the future.' : undefined;
    if (start > end && !fatal) throw new InputError('dataStartTime must be before dataEndTime.');
    const record = deps.service.create({
      sellerId: seller.sellerId,
      reportType,
      marketplaceIds,
      dataStartTime: start,
      dataEndTime: fatal ? Math.max(start, end) : Math.min(end, now),
      ...(options ? { reportOptions: options as Record<string, string> } : {}),
      createdTime: now,
      ...(fatal ? { fatal } : {}),
    });
    return { status: 202, body: { reportId: record.reportId } };
  });
}

interface ListState {
  types: string[];
  statuses?: string[];
  marketplaceIds?: string[];
  since: number;
  until: number;
  pageSize: number;
  offset: number;
}

function getReportsHandler(deps: ReportDeps): OperationHandler {
  return guarded((request, context) => {
    const seller = sellerOf(deps, request);
    const now = context.clock.now();
    deps.service.sweep(now);
    const q = Query.of(request);
    const token = q.string('nextToken');
    let state: ListState;
    if (token) {
      state = deps.tokens.decode<ListState>('getReports', seller.sellerId, token, 'nextToken');
    } else {
      const types = q.list('reportTypes', 10);
      if (!types) throw new InputError('Either reportTypes or nextToken is required.');
      const statuses = q.enumList('processingStatuses', STATUSES);
      const marketplaceIds = q.list('marketplaceIds', 10);
      const since = q.date('createdSince') ?? now - RETENTION_MS;
      state = {
        types,
        ...(statuses ? { statuses } : {}),
        ...(marketplaceIds ? { marketplaceIds } : {}),
        since,
        until: q.date('createdUntil') ?? now,
        pageSize: q.int('pageSize', 1, 100) ?? 10,
        offset: 0,
      };
    }
    const matching = deps.service.list(seller.sellerId).filter((r) => {
      if (!state.types.includes(r.reportType)) return false;
      if (r.createdTime < Math.max(state.since, now - RETENTION_MS) || r.createdTime > state.until) return false;
      if (state.statuses && !state.statuses.includes(deps.service.statusOf(r, now))) return false;
      return !state.marketplaceIds || r.marketplaceIds.some((m) => state.marketplaceIds?.includes(m));
    });
    const page = matching.slice(state.offset, state.offset + state.pageSize);
    const next = state.offset + state.pageSize;
    const reply: Record<string, unknown> = { reports: page.map((r) => renderReport(deps.service, r, now)) };
    if (next < matching.length) {
      reply.nextToken = deps.tokens.encode('getReports', seller.sellerId, { ...state, offset: next });
    }
    return { status: 200, body: reply };
  });
}

function reportOf(deps: ReportDeps, request: OperationRequest): ReportRecord {
  const seller = sellerOf(deps, request);
  const id = request.pathParams.reportId ?? '';
  const record = deps.service.get(seller.sellerId, id);
  if (!record) throw new InputError(`Report ${id} not found.`, 404, 'NotFound');
  return record;
}

function getReportHandler(deps: ReportDeps): OperationHandler {
  return guarded((request, context) => {
    const now = context.clock.now();
    deps.service.sweep(now);
    return { status: 200, body: renderReport(deps.service, reportOf(deps, request), now) };
  });
}

function cancelReportHandler(deps: ReportDeps): OperationHandler {
  return guarded((request, context) => {
    const now = context.clock.now();
    deps.service.sweep(now);
    const record = reportOf(deps, request);
    if (!deps.service.cancel(record, now)) {
      throw new InputError(`Report ${record.reportId} cannot be cancelled: only reports IN_QUEUE can be cancelled.`);
    }
    return { status: 200 };
  });
}

function getReportDocumentHandler(deps: ReportDeps): OperationHandler {
  return guarded((request, context) => {
    const seller = sellerOf(deps, request);
    const now = context.clock.now();
    deps.service.sweep(now);
    const id = request.pathParams.reportDocumentId ?? '';
    const record = deps.service.document(seller.sellerId, id, now);
    if (!record) throw new InputError(`Report document ${id} not found.`, 404, 'NotFound');
    deps.service.faults ??= faultsOf(context);
    const expires = now + DOCUMENT_URL_TTL_MS;
    const url = `${context.baseUrl}/reports-documents/${encodeURIComponent(id)}?X-Amz-Expires=${expires}&X-Amz-Signature=${deps.service.sign(id, expires)}`;
    return {
      status: 200,
      body: { reportDocumentId: id, url, ...(deps.service.compressed(record) ? { compressionAlgorithm: 'GZIP' } : {}) },
    };
  });
}
