import type { WriteContext } from '../../platform/audit.js';
import {
  type AmazonConnection,
  checkAborted,
  DAY_MS,
  type ParsedBatch,
  percentDone,
  type ReportImporter,
  type RunEnv,
  type RunResult,
  reportWindows,
  type SyncHandler,
  type SyncTarget,
} from '../sync/index.js';
import { type ApiInventorySummary, mapInventorySummary } from './fba-inventory-mapper.js';
import {
  removeStockNotIn,
  upsertLedgerEvents,
  upsertReturns,
  upsertStock,
  type WriteOutcome,
} from './inventory.repository.js';
import type { LedgerRecord, ReturnRecord, StockRecord } from './inventory-records.js';
import { defaultMarketplace, type Row } from './parsers/flat-rows.js';
import { LEDGER_REPORT, missingLedgerColumns, parseLedgerRows } from './parsers/ledger-report.js';
import { MYI_REPORT, missingMyiColumns, parseMyiRows } from './parsers/myi-report.js';
import { missingReturnsColumns, parseReturnsRows, RETURNS_REPORT } from './parsers/returns-report.js';

/**
 * The inventory data types. `fba-inventory`: Amazon's current FBA stock through getInventorySummaries, one walk per
 * marketplace, each page committed with the cursor that follows it (a crash resumes at the page; a token that
 * expired restarts that marketplace). `inventory-ledger` and `fba-returns`: reports in whole UTC-day windows, one
 * per marketplace (the files name none), requested ahead with their ids in the cursor, each imported whole before
 * the window's cursor moves.
 */

// ---- fba-inventory ---------------------------------------------------------------------------------------------

/** Cursor of the stock sync: a walk in progress over the store's marketplaces. */
export interface FbaInventoryCursor {
  walk?: {
    startedAt: number;
    marketplaceId: string;
    nextToken: string | null;
    pages: number;
    /** Marketplaces finished in this walk. */
    done: string[];
  };
  /** When the last complete walk started. */
  lastWalkAt?: number;
}

interface SummariesBody {
  payload?: { inventorySummaries?: ApiInventorySummary[] };
  pagination?: { nextToken?: string };
}

async function summariesPage(conn: AmazonConnection, marketplaceId: string, nextToken: string | null) {
  const res = await conn.call<SummariesBody>({
    operation: 'fbaInventory/getInventorySummaries',
    method: 'GET',
    path: '/fba/inventory/v1/summaries',
    query: {
      details: true,
      granularityType: 'Marketplace',
      granularityId: marketplaceId,
      marketplaceIds: [marketplaceId],
      nextToken: nextToken ?? undefined,
    },
  });
  const records = (res.body.payload?.inventorySummaries ?? []).flatMap(
    (s) => mapInventorySummary(s, marketplaceId) ?? [],
  );
  return { records, nextToken: res.body.pagination?.nextToken ?? null };
}

async function runFbaInventory(env: RunEnv): Promise<RunResult> {
  const cursor = env.cursor as FbaInventoryCursor;
  const markets = env.target.marketplaces.map((m) => m.marketplaceId);
  let walk = cursor.walk ?? {
    startedAt: env.now(),
    marketplaceId: markets[0] ?? '',
    nextToken: null,
    pages: 0,
    done: [],
  };
  if (!markets.includes(walk.marketplaceId))
    walk = { ...walk, marketplaceId: markets.find((m) => !walk.done.includes(m)) ?? '', nextToken: null };
  let rows = 0;
  // A marketplace walked from its first page in this run knows every SKU Amazon lists: the others can go.
  let complete = walk.nextToken === null;
  let resumedToken = walk.nextToken;
  const seen = new Set<string>();
  while (walk.marketplaceId) {
    checkAborted(env.signal);
    let page: Awaited<ReturnType<typeof summariesPage>>;
    try {
      page = await summariesPage(env.conn, walk.marketplaceId, walk.nextToken);
    } catch (err) {
      if (resumedToken && (err as { code?: string }).code === 'INVALID_INPUT') {
        resumedToken = null;
        walk = { ...walk, nextToken: null, pages: 0 };
        complete = true;
        continue;
      }
      throw err;
    }
    resumedToken = null;
    for (const r of page.records) seen.add(r.sellerSku);
    const marketplaceId = walk.marketplaceId;
    const finished = page.nextToken === null;
    let next: FbaInventoryCursor;
    if (!finished) next = { ...cursor, walk: { ...walk, nextToken: page.nextToken, pages: walk.pages + 1 } };
    else {
      const done = [...walk.done, marketplaceId];
      const following = markets.find((m) => !done.includes(m));
      next = following
        ? { ...cursor, walk: { startedAt: walk.startedAt, marketplaceId: following, nextToken: null, pages: 0, done } }
        : { lastWalkAt: walk.startedAt };
    }
    const capturedAt = env.now();
    const removeMissing = finished && complete;
    const seenHere = new Set(seen);
    await env.commit(
      async (ctx) => {
        const out = await upsertStock(ctx, env.target, page.records, 'api', capturedAt);
        const removed = removeMissing ? await removeStockNotIn(ctx, env.target.storeId, marketplaceId, seenHere) : 0;
        return out.created + out.updated + removed;
      },
      next,
      next.walk ? undefined : walk.startedAt,
    );
    rows += page.records.length;
    const position = markets.indexOf(marketplaceId);
    await env.progress(
      next.walk ? Math.min(95, Math.round(((position + (finished ? 1 : 0.5)) / markets.length) * 100)) : 100,
      `${marketplaceId}: ${rows} SKUs, page ${walk.pages + 1}`,
    );
    if (!next.walk) break;
    walk = next.walk;
    if (finished) {
      seen.clear();
      complete = true;
    }
  }
  return { rows, continues: true };
}

// ---- report windows (ledger, returns) --------------------------------------------------------------------------

/** Cursor of a report-window data type: everything before `done` is imported for every marketplace. */
export interface WindowsCursor {
  since: number;
  done: number;
  /** Marketplaces of the window starting at `done` already imported. */
  doneMarkets: string[];
  /** Requested reports not yet imported. */
  reports: { start: number; end: number; marketplaceId: string; reportId: string }[];
}

const utcMidnight = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
/** Reports requested ahead of the one being imported (createReport bursts 15; leave room for other data types). */
const REPORTS_AHEAD = 6;

interface WindowSpec {
  reportType: string;
  /** Longest window of one report during a backfill; caught up, a run reads the days since the last one. */
  windowMs: number;
  /** Days before the cursor a caught-up run reads again (late events, changed statuses). */
  rereadMs: number;
  /** Parses a report of one marketplace into batches, each with the write that stores it. */
  read(
    target: SyncTarget,
    rows: AsyncIterable<Row>,
    marketplaceId: string,
  ): AsyncIterable<{ batch: ParsedBatch<unknown>; write: (ctx: WriteContext) => Promise<WriteOutcome> }>;
}

function windowsCursor(since: number): WindowsCursor {
  const start = utcMidnight(since);
  return { since: start, done: start, doneMarkets: [], reports: [] };
}

async function runWindows(env: RunEnv, spec: WindowSpec): Promise<RunResult> {
  const markets = env.target.marketplaces.map((m) => m.marketplaceId);
  // Reports of a marketplace the store no longer sells in are dropped (they would hold a request slot forever).
  const start = env.cursor as WindowsCursor;
  let cursor: WindowsCursor = { ...start, reports: start.reports.filter((r) => markets.includes(r.marketplaceId)) };
  // Whole UTC days only: the day in progress is read once it is over.
  const until = utcMidnight(env.now());
  // Caught up and a new day is over: the last days are read again in the same report (Amazon posts late events and
  // changes return statuses); the natural keys make the re-read rows no-ops. It costs no extra report.
  if (cursor.reports.length === 0 && cursor.doneMarkets.length === 0 && cursor.done < until && spec.rereadMs > 0)
    cursor = { ...cursor, done: Math.max(cursor.since, cursor.done - spec.rereadMs) };
  let rows = 0;
  while (cursor.done < until) {
    checkAborted(env.signal);
    const items = reportWindows(cursor.done, until, spec.windowMs)
      .flatMap((w) => markets.map((marketplaceId) => ({ ...w, marketplaceId })))
      .filter((i) => !(i.start === cursor.done && cursor.doneMarkets.includes(i.marketplaceId)));
    const current = items[0];
    if (!current) break;
    const room = REPORTS_AHEAD - cursor.reports.length;
    const toRequest = items
      .filter((i) => !cursor.reports.some((r) => r.start === i.start && r.marketplaceId === i.marketplaceId))
      .slice(0, Math.max(0, room));
    if (toRequest.length > 0) {
      const created: WindowsCursor['reports'] = [];
      for (const w of toRequest) {
        const reportId = await env.conn.createReport({
          reportType: spec.reportType,
          marketplaceIds: [w.marketplaceId],
          start: w.start,
          end: w.end - 1,
        });
        created.push({ start: w.start, end: w.end, marketplaceId: w.marketplaceId, reportId });
      }
      cursor = { ...cursor, reports: [...cursor.reports, ...created] };
      await env.commit(async () => 0, cursor);
    }
    const report = cursor.reports.find((r) => r.start === current.start && r.marketplaceId === current.marketplaceId);
    if (!report) throw new Error(`${spec.reportType}: the cursor has no report for its next window`);
    const label = `${dateOf(report.start)} – ${dateOf(report.end - 1)} ${report.marketplaceId}`;
    let opened: Awaited<ReturnType<AmazonConnection['openReport']>>;
    try {
      opened = await env.conn.openReport(report.reportId, (s) => {
        void env.progress(percentDone(cursor.since, cursor.done, until), `${label}: ${s}`);
      });
    } catch (err) {
      // A report Amazon gave up on is requested again on the next run.
      const code = (err as { details?: { amazonCode?: string } }).details?.amazonCode;
      if (code === 'FATAL' || code === 'CANCELLED') {
        cursor = { ...cursor, reports: cursor.reports.filter((r) => r.reportId !== report.reportId) };
        await env.commit(async () => 0, cursor);
      }
      throw err;
    }
    let rejected = 0;
    const writes = spec.read(env.target, opened.rows, report.marketplaceId);
    for await (const { batch, write } of writes) {
      checkAborted(env.signal);
      rejected += batch.errors.length;
      await env.commit(async (ctx) => {
        const out = await write(ctx);
        return out.created + out.updated;
      }, cursor);
      rows += batch.records.length;
    }
    if (rejected > 0) env.warn(`${rejected} rows of ${spec.reportType} ${report.reportId} were rejected`);
    const doneMarkets = [...cursor.doneMarkets, report.marketplaceId];
    const windowDone = markets.every((m) => doneMarkets.includes(m));
    cursor = {
      ...cursor,
      reports: cursor.reports.filter((r) => r.reportId !== report.reportId),
      ...(windowDone ? { done: report.end, doneMarkets: [] } : { doneMarkets }),
    };
    await env.commit(async () => 0, cursor, windowDone ? report.end : undefined);
    await env.progress(percentDone(cursor.since, cursor.done, until), `${label}: ${rows} rows`);
  }
  return { rows, continues: true };
}

/** How far back the ledger backfill reaches at most (Amazon keeps 18 months; the daily view gets heavy). */
export const LEDGER_BACKFILL_DAYS = 90;

const ledgerSpec: WindowSpec = {
  reportType: LEDGER_REPORT,
  windowMs: 7 * DAY_MS,
  rereadMs: 2 * DAY_MS,
  async *read(target, rows, marketplaceId) {
    for await (const batch of parseLedgerRows(rows, { marketplaces: target.marketplaces, marketplaceId }))
      yield { batch, write: (ctx) => upsertLedgerEvents(ctx, target, batch.records, 'report') };
  },
};

const returnsSpec: WindowSpec = {
  reportType: RETURNS_REPORT,
  windowMs: 30 * DAY_MS,
  rereadMs: 3 * DAY_MS,
  async *read(target, rows, marketplaceId) {
    for await (const batch of parseReturnsRows(rows, { marketplaces: target.marketplaces, marketplaceId }))
      yield { batch, write: (ctx) => upsertReturns(ctx, returnsTarget(target), batch.records, 'report') };
  },
};

/** Returns without a marketplace get their business date in the store's home marketplace's zone. */
function returnsTarget(target: SyncTarget) {
  return { ...target, defaultTimeZone: homeMarketplace(target)?.timeZone ?? 'UTC' };
}

/** The inventory data types for the sync registry (history-like report types before the live stock). */
export function inventorySyncHandlers(): SyncHandler[] {
  return [
    {
      dataType: 'inventory-ledger',
      intervalMs: DAY_MS,
      initialCursor: (now, historyDays) => windowsCursor(now - Math.min(historyDays, LEDGER_BACKFILL_DAYS) * DAY_MS),
      cursorSince: (since, now) => windowsCursor(Math.max(since, now - LEDGER_BACKFILL_DAYS * DAY_MS)),
      run: (env) => runWindows(env, ledgerSpec),
    },
    {
      dataType: 'fba-returns',
      intervalMs: DAY_MS,
      initialCursor: (now, historyDays) => windowsCursor(now - historyDays * DAY_MS),
      cursorSince: (since) => windowsCursor(since),
      run: (env) => runWindows(env, returnsSpec),
    },
    {
      dataType: 'fba-inventory',
      // getInventorySummaries allows 2 calls a second: a walk of a few thousand SKUs takes seconds.
      intervalMs: 30 * 60_000,
      initialCursor: (): FbaInventoryCursor => ({}),
      cursorSince: (): FbaInventoryCursor => ({}),
      run: runFbaInventory,
    },
  ];
}

// ---- importers -------------------------------------------------------------------------------------------------

/** Ledger detail files for the manual import: the marketplace comes from each row's country. */
export function ledgerImporter(): ReportImporter<LedgerRecord> {
  return {
    reportTypes: [LEDGER_REPORT],
    missingColumns: missingLedgerColumns,
    parse: (rows, target) => parseLedgerRows(rows, { marketplaces: target.marketplaces }),
    write: (ctx, target, records) => upsertLedgerEvents(ctx, target, records, 'import'),
  };
}

/** Where a multi-marketplace account's unified files belong when they name no marketplace [I: Seller Central's home]. */
const HOME_MARKETPLACES = ['US', 'UK', 'DE', 'JP', 'AU', 'IN', 'AE'];

/** The store's home marketplace: its only one, else the region's home (US, UK, DE …), else its first. */
export function homeMarketplace(target: SyncTarget) {
  const ranked = HOME_MARKETPLACES.flatMap((code) => target.marketplaces.filter((m) => m.code === code));
  return defaultMarketplace(target.marketplaces, undefined) ?? ranked[0] ?? target.marketplaces[0];
}

/** MYI (unsuppressed FBA inventory) files: the stock of the store's home marketplace at import time. */
export function myiInventoryImporter(): ReportImporter<StockRecord> {
  return {
    reportTypes: [MYI_REPORT],
    missingColumns: missingMyiColumns,
    parse(rows, target) {
      const marketplace = homeMarketplace(target);
      if (!marketplace) throw new Error('The store has no marketplace');
      return parseMyiRows(rows, { marketplace });
    },
    write: (ctx, target, records) => upsertStock(ctx, target, records, 'import', ctx.clock.now()),
  };
}

/** FBA customer returns files. */
export function returnsImporter(): ReportImporter<ReturnRecord> {
  return {
    reportTypes: [RETURNS_REPORT],
    missingColumns: missingReturnsColumns,
    parse: (rows, target) => parseReturnsRows(rows, { marketplaces: target.marketplaces }),
    write: (ctx, target, records) => upsertReturns(ctx, returnsTarget(target), records, 'import'),
  };
}

/** Every inventory importer (ledger, MYI stock, returns). */
export function inventoryImporters(): ReportImporter[] {
  return [ledgerImporter(), myiInventoryImporter(), returnsImporter()] as ReportImporter[];
}
