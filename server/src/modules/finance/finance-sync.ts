import {
  type AmazonConnection,
  checkAborted,
  DAY_MS,
  type FlatReport,
  percentDone,
  type ReportImporter,
  type RunEnv,
  type RunResult,
  type SyncHandler,
  type SyncTarget,
} from '../sync/index.js';
import {
  insertEventLines,
  upsertReimbursements,
  upsertSettlements,
  upsertStorageFees,
  type WriteOutcome,
} from './finance.repository.js';
import { type FinancialEventsV0, mapFinancialEvents } from './financial-events-mapper.js';
import {
  missingReimbursementColumns,
  missingStorageFeeColumns,
  parseReimbursementRows,
  parseStorageFeeRows,
  type ReimbursementRecord,
  type StorageFeeRecord,
} from './parsers/fba-finance-reports.js';
import { missingSettlementColumns, parseSettlementRows, type SettlementRecord } from './parsers/settlement-report.js';

/**
 * The finance data types. `financial-events`: Finances v0 listFinancialEvents in posted-time windows of at most 180
 * days (the history on the first run, then every 30 minutes what was posted since), page by page, each page committed
 * with the cursor that follows it (window + NextToken). `settlements`: the settlement reports Amazon generated since
 * the cursor (getReports), each read whole and committed with the cursor that passes it.
 */

export const SETTLEMENT_V2_REPORT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
export const SETTLEMENT_FLAT_REPORT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE';
export const REIMBURSEMENTS_REPORT = 'GET_FBA_REIMBURSEMENTS_DATA';
export const STORAGE_FEES_REPORT = 'GET_FBA_STORAGE_FEE_CHARGES_DATA';

/** Cursor of the event sync: everything posted before `after` is stored; `window` is a listing in progress. */
export interface FinancialEventsCursor {
  after: number;
  window?: { from: number; to: number; nextToken: string | null; pages: number };
}

/** Cursor of the settlement sync: reports created before `since`, and `imported` ones created at `since`, are stored. */
export interface SettlementsCursor {
  since: number;
  imported: string[];
}

/** Longest PostedAfter–PostedBefore range Amazon accepts [Finances v0: 180 days]. */
const MAX_WINDOW_MS = 180 * DAY_MS;
/** PostedBefore must be at least two minutes before now; a little more absorbs clock skew. */
const POSTED_BEFORE_LAG_MS = 3 * 60_000;
/** getReports looks back at most 90 days. */
const REPORT_RETENTION_MS = 90 * DAY_MS;

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface ListEventsBody {
  payload?: { FinancialEvents?: FinancialEventsV0; NextToken?: string };
}

async function eventsPage(conn: AmazonConnection, w: NonNullable<FinancialEventsCursor['window']>) {
  const res = await conn.call<ListEventsBody>({
    operation: 'financesV0/listFinancialEvents',
    method: 'GET',
    path: '/finances/v0/financialEvents',
    query: w.nextToken
      ? { NextToken: w.nextToken }
      : { PostedAfter: iso(w.from), PostedBefore: iso(w.to), MaxResultsPerPage: 100 },
  });
  return { events: res.body.payload?.FinancialEvents, nextToken: res.body.payload?.NextToken ?? null };
}

async function runFinancialEvents(env: RunEnv): Promise<RunResult> {
  const start = env.cursor as FinancialEventsCursor;
  let after = start.after;
  let window = start.window;
  let resumedToken = window?.nextToken ?? undefined;
  let rows = 0;
  const warned = new Set<string>();
  // The run's end is fixed when it starts: events posted while it runs are the next run's, so a busy store's run
  // (or an accelerated simulator) cannot chase "now" forever.
  const horizon = env.now() - POSTED_BEFORE_LAG_MS;
  for (;;) {
    checkAborted(env.signal);
    if (!window) {
      if (horizon - after < 1000) return { rows, continues: true };
      window = { from: after, to: Math.min(after + MAX_WINDOW_MS, horizon), nextToken: null, pages: 0 };
    }
    let page: Awaited<ReturnType<typeof eventsPage>>;
    try {
      page = await eventsPage(env.conn, window);
    } catch (err) {
      // A NextToken kept across a crash may have expired: list the same window again from its first page.
      if (resumedToken && (err as { code?: string }).code === 'INVALID_INPUT') {
        resumedToken = undefined;
        window = { ...window, nextToken: null, pages: 0 };
        continue;
      }
      throw err;
    }
    resumedToken = undefined;
    const mapped = mapFinancialEvents(page.events, { marketplaces: env.target.marketplaces, windowEnd: window.to });
    for (const w of mapped.warnings)
      if (!warned.has(w) && warned.size < 20) {
        warned.add(w);
        env.warn(w);
      }
    const done = page.nextToken === null;
    const next = { ...window, nextToken: page.nextToken, pages: window.pages + 1 };
    const cursor: FinancialEventsCursor = done ? { after: window.to } : { after, window: next };
    await env.commit(
      async (ctx) => (await insertEventLines(ctx, env.target, mapped.lines)).created,
      cursor,
      done ? window.to : undefined,
    );
    rows += mapped.lines.length;
    await env.progress(
      percentDone(start.after, done ? window.to : window.from, Math.max(horizon, start.after + 1)),
      `${dateOf(window.from)} – ${dateOf(window.to)}: page ${next.pages}, ${rows} lines`,
    );
    if (done) {
      after = window.to;
      window = undefined;
    } else window = next;
  }
}

interface ReportSummary {
  reportId: string;
  createdTime: string;
  processingStatus?: string;
}

async function listSettlementReports(conn: AmazonConnection, since: number): Promise<ReportSummary[]> {
  const out: ReportSummary[] = [];
  let nextToken: string | undefined;
  do {
    const res = await conn.call<{ reports?: ReportSummary[]; nextToken?: string }>({
      operation: 'reports_2021-06-30/getReports',
      method: 'GET',
      path: '/reports/2021-06-30/reports',
      query: nextToken
        ? { nextToken }
        : {
            reportTypes: [SETTLEMENT_V2_REPORT],
            processingStatuses: ['DONE'],
            createdSince: iso(since),
            pageSize: 100,
          },
    });
    out.push(...(res.body.reports ?? []));
    nextToken = res.body.nextToken;
  } while (nextToken);
  return out;
}

async function runSettlements(env: RunEnv): Promise<RunResult> {
  let cursor = { ...(env.cursor as SettlementsCursor) };
  const listedAt = env.now();
  const since = Math.max(cursor.since, listedAt - REPORT_RETENTION_MS + 60_000);
  const reports = (await listSettlementReports(env.conn, since))
    .map((r) => ({ ...r, created: Date.parse(r.createdTime) }))
    .filter((r) => r.created > cursor.since || (r.created === cursor.since && !cursor.imported.includes(r.reportId)))
    .sort((a, b) => a.created - b.created || (a.reportId < b.reportId ? -1 : 1));
  let rows = 0;
  for (const [n, r] of reports.entries()) {
    checkAborted(env.signal);
    const opened = await env.conn.openReport(r.reportId);
    const records: SettlementRecord[] = [];
    let rejected = 0;
    for await (const batch of parseSettlementRows(opened.rows)) {
      records.push(...batch.records);
      rejected += batch.errors.length;
      for (const e of batch.errors.slice(0, 3))
        env.warn(`Settlement report ${r.reportId} line ${e.line} ${e.column ?? ''}: ${e.reason}`);
    }
    if (rejected > 0) env.warn(`${rejected} rows of settlement report ${r.reportId} were rejected; it was not stored`);
    cursor = {
      since: r.created,
      imported: r.created === cursor.since ? [...cursor.imported, r.reportId] : [r.reportId],
    };
    await env.commit(
      async (ctx) => {
        const out = await upsertSettlements(ctx, env.target, rejected > 0 ? [] : records, 'api', r.reportId);
        return out.created + out.updated;
      },
      cursor,
      r.created,
    );
    rows += records.reduce((s, x) => s + x.lines.length, 0);
    await env.progress(Math.round(((n + 1) / reports.length) * 100), `${n + 1}/${reports.length} settlements`);
  }
  if (reports.length === 0) await env.commit(async () => 0, cursor, listedAt);
  return { rows, continues: true };
}

/** Cursor of a report-based data type: windows from `next` on; `window` is one whose reports are requested. */
export interface ReportWindowsCursor {
  next: number;
  window?: { start: number; end: number; pending: { marketplaceId: string; reportId: string }[] };
}

interface ReportTypeSpec<R> {
  reportType: string;
  /** The next window to fetch from `next` at `now`, or null when none is due yet. */
  nextWindow(next: number, now: number): { start: number; end: number } | null;
  parse(rows: FlatReport['rows']): AsyncIterable<{ records: R[]; errors: { line: number; reason: string }[] }>;
  write(ctx: Parameters<Parameters<RunEnv['commit']>[0]>[0], target: SyncTarget, records: R[]): Promise<WriteOutcome>;
}

/**
 * Fetches a report type window by window, one report per marketplace (their ids kept in the cursor so a restart does
 * not request them again); each report is downloaded whole before its rows are written, then leaves the cursor.
 */
async function runReportWindows<R>(env: RunEnv, spec: ReportTypeSpec<R>): Promise<RunResult> {
  let c = { ...(env.cursor as ReportWindowsCursor) };
  let rows = 0;
  for (;;) {
    checkAborted(env.signal);
    if (!c.window) {
      const w = spec.nextWindow(c.next, env.now());
      if (!w) return { rows, continues: true };
      const pending: { marketplaceId: string; reportId: string }[] = [];
      for (const m of env.target.marketplaces) {
        const reportId = await env.conn.createReport({
          reportType: spec.reportType,
          marketplaceIds: [m.marketplaceId],
          start: w.start,
          end: w.end - 1,
        });
        pending.push({ marketplaceId: m.marketplaceId, reportId });
      }
      c = { ...c, window: { ...w, pending } };
      await env.commit(async () => 0, c);
    }
    const window = c.window;
    if (!window) continue;
    const report = window.pending[0];
    if (!report) {
      c = { next: window.end };
      await env.commit(async () => 0, c, window.end);
      continue;
    }
    let opened: FlatReport;
    try {
      opened = await env.conn.openReport(report.reportId);
    } catch (err) {
      // A report Amazon gave up on is requested again for the same window and marketplace.
      const code = (err as { details?: { amazonCode?: string } }).details?.amazonCode;
      if (code === 'FATAL' || code === 'CANCELLED') {
        const reportId = await env.conn.createReport({
          reportType: spec.reportType,
          marketplaceIds: [report.marketplaceId],
          start: window.start,
          end: window.end - 1,
        });
        c = { ...c, window: { ...window, pending: [{ ...report, reportId }, ...window.pending.slice(1)] } };
        await env.commit(async () => 0, c);
      }
      throw err;
    }
    let rejected = 0;
    for await (const batch of spec.parse(opened.rows)) {
      checkAborted(env.signal);
      rejected += batch.errors.length;
      await env.commit(async (ctx) => {
        const out = await spec.write(ctx, env.target, batch.records);
        return out.created + out.updated;
      }, c);
      rows += batch.records.length;
    }
    if (rejected > 0) env.warn(`${rejected} rows of report ${report.reportId} (${spec.reportType}) were rejected`);
    c = { ...c, window: { ...window, pending: window.pending.slice(1) } };
    await env.commit(async () => 0, c);
    const total = Math.max(1, env.target.marketplaces.length);
    await env.progress(
      Math.round(((total - window.pending.length + 1) / total) * 100),
      `${dateOf(window.start)} – ${dateOf(window.end)}: ${rows} rows`,
    );
  }
}

const monthStart = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
};
const nextMonth = (ms: number) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
};
/** Amazon publishes a month's storage fees in the first days of the next month [I: by the 7th]. */
const STORAGE_FEES_PUBLISHED_MS = 7 * DAY_MS;
/** Longest reimbursements window of one report request. */
const REIMBURSEMENT_WINDOW_MS = 90 * DAY_MS;

/** The finance data types for the sync registry. */
export function financeSyncHandlers(): SyncHandler[] {
  return [
    {
      dataType: 'financial-events',
      // listFinancialEvents allows 0.5 calls/s after a burst of 30; events post as orders ship and refund.
      intervalMs: 30 * 60_000,
      initialCursor: (now, historyDays): FinancialEventsCursor => ({ after: now - historyDays * DAY_MS }),
      cursorSince: (since): FinancialEventsCursor => ({ after: since }),
      run: runFinancialEvents,
    },
    {
      dataType: 'settlements',
      // Amazon closes a settlement every 14 days (some accounts daily or weekly): every 6 hours is prompt enough.
      intervalMs: 6 * 60 * 60_000,
      initialCursor: (now, historyDays): SettlementsCursor => ({
        since: now - Math.min(historyDays * DAY_MS, REPORT_RETENTION_MS - DAY_MS),
        imported: [],
      }),
      cursorSince: (since): SettlementsCursor => ({ since, imported: [] }),
      run: runSettlements,
    },
    {
      dataType: 'fba-reimbursements',
      intervalMs: DAY_MS,
      initialCursor: (now, historyDays): ReportWindowsCursor => ({ next: now - historyDays * DAY_MS }),
      cursorSince: (since): ReportWindowsCursor => ({ next: since }),
      run: (env) =>
        runReportWindows<ReimbursementRecord>(env, {
          reportType: REIMBURSEMENTS_REPORT,
          // At most one report a day; a day's approvals are complete once it is over.
          nextWindow: (next, now) =>
            now - next >= DAY_MS ? { start: next, end: Math.min(next + REIMBURSEMENT_WINDOW_MS, now) } : null,
          parse: parseReimbursementRows,
          write: upsertReimbursements,
        }),
    },
    {
      dataType: 'fba-storage-fees',
      intervalMs: DAY_MS,
      initialCursor: (now, historyDays): ReportWindowsCursor => ({ next: monthStart(now - historyDays * DAY_MS) }),
      cursorSince: (since): ReportWindowsCursor => ({ next: monthStart(since) }),
      run: (env) =>
        runReportWindows<StorageFeeRecord>(env, {
          reportType: STORAGE_FEES_REPORT,
          // One month per window, once Amazon has published it.
          nextWindow: (next, now) => {
            const start = monthStart(next);
            const end = nextMonth(start);
            return end + STORAGE_FEES_PUBLISHED_MS <= now ? { start, end } : null;
          },
          parse: parseStorageFeeRows,
          write: upsertStorageFees,
        }),
    },
  ];
}

/** Settlement flat files (V2 and the older layout) for the manual import. */
export function settlementImporter(): ReportImporter<SettlementRecord> {
  return {
    reportTypes: [SETTLEMENT_V2_REPORT, SETTLEMENT_FLAT_REPORT],
    missingColumns: missingSettlementColumns,
    parse: (rows) => parseSettlementRows(rows),
    write: (ctx, target, records) => upsertSettlements(ctx, target, records, 'import', null),
  };
}

/** FBA reimbursement files. */
export function reimbursementsImporter(): ReportImporter<ReimbursementRecord> {
  return {
    reportTypes: [REIMBURSEMENTS_REPORT],
    missingColumns: missingReimbursementColumns,
    parse: (rows) => parseReimbursementRows(rows),
    write: (ctx, target: SyncTarget, records) => upsertReimbursements(ctx, target, records),
  };
}

/** FBA monthly storage fee files. */
export function storageFeesImporter(): ReportImporter<StorageFeeRecord> {
  return {
    reportTypes: [STORAGE_FEES_REPORT],
    missingColumns: missingStorageFeeColumns,
    parse: (rows) => parseStorageFeeRows(rows),
    write: (ctx, target, records) => upsertStorageFees(ctx, target, records),
  };
}
