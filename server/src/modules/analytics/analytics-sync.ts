import type { WriteContext } from '../../platform/audit.js';
import { localDate } from '../../platform/clock.js';
import {
  type AmazonConnection,
  checkAborted,
  DAY_MS,
  type RunEnv,
  type RunResult,
  type SyncHandler,
  type SyncTarget,
} from '../sync/index.js';
import { replaceSearchTermWeek, replaceTrafficDays, upsertFeeEstimates } from './analytics.repository.js';
import { BRAND_ANALYTICS_SEARCH_TERMS_REPORT, parseSearchTermsReport } from './brand-analytics-report.js';
import { FEES_BATCH, type FeeListing, feeIdentifier, feesRequestBody, mapFeesResults } from './fee-estimates.js';
import { parseSalesAndTrafficReport, SALES_AND_TRAFFIC_REPORT } from './sales-traffic-report.js';

/**
 * The analytics data types. `sales-traffic`: one GET_SALES_AND_TRAFFIC_REPORT per marketplace and business day (by
 * DAY and child ASIN), the last days re-read on every run because Amazon revises traffic for a few days; a re-read
 * day replaces the stored day. `brand-analytics`: one GET_BRAND_ANALYTICS_SEARCH_TERMS_REPORT per marketplace and
 * finished week. `fee-estimates`: getMyFeesEstimates for the store's active listings at their price, 20 per call.
 * Reports are requested ahead and their ids kept in the cursor (a restart does not request them again); each period
 * is written together with the cursor that removes it from the queue, so a crash resumes without gaps or duplicates.
 */

/** Days of traffic a newly connected store reads (at most the store's history setting). */
export const TRAFFIC_HISTORY_DAYS = 60;
/** Days re-read on every run: Amazon revises sessions and buy box of recent days [I: up to about 72 hours]. */
const TRAFFIC_REREAD_DAYS = 3;
/** Weeks of search terms a newly connected store reads (at most its history setting, at least one). */
const SEARCH_TERM_HISTORY_WEEKS = 4;
/** A week is requested once its Saturday is this many days past (Amazon publishes the week a few days later) [I]. */
const WEEK_PUBLISH_DELAY_DAYS = 3;
/** Reports requested ahead of the one being read (createReport bursts 15 and is shared with other report types). */
const REPORTS_AHEAD = 6;

export interface PeriodItem {
  marketplaceId: string;
  /** First and last business day of the period (marketplace calendar). */
  start: string;
  end: string;
  reportId?: string;
}

/** Cursor of a report-per-period data type. */
export interface PeriodCursor {
  /** First instant a new store reads (sales-traffic) … */
  sinceAt?: number;
  /** … or number of finished weeks it reads (brand-analytics). */
  historyWeeks?: number;
  /** Marketplace → start of the last period read. */
  through: Record<string, string>;
  /** Periods of the current pass, newest first; with their report ids once requested. */
  queue: PeriodItem[];
}

export const addDays = (date: string, days: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
const dayOfWeek = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const maxDate = (a: string | undefined, b: string) => (a && a > b ? a : b);

/** Business days to read for a marketplace: new days through yesterday, plus the last few again. */
export function trafficDays(today: string, through: string | undefined, since: string): string[] {
  const yesterday = addDays(today, -1);
  let first = through ? addDays(through, 1) : since;
  const reread = addDays(yesterday, -(TRAFFIC_REREAD_DAYS - 1));
  if (through && reread < first) first = reread;
  const out: string[] = [];
  for (let d = first; d <= yesterday; d = addDays(d, 1)) out.push(d);
  return out;
}

/** Finished weeks (Sunday starts) to read for a marketplace. */
export function searchTermWeeks(today: string, through: string | undefined, historyWeeks: number): string[] {
  let last = addDays(today, -dayOfWeek(today) - 7);
  if (addDays(last, 6) > addDays(today, -WEEK_PUBLISH_DELAY_DAYS)) last = addDays(last, -7);
  const first = through ? addDays(through, 7) : addDays(last, -7 * (Math.max(1, historyWeeks) - 1));
  const out: string[] = [];
  for (let w = first; w <= last; w = addDays(w, 7)) out.push(w);
  return out;
}

interface PeriodKind {
  label: string;
  reportType: string;
  options: Record<string, string>;
  plan(cursor: PeriodCursor, marketplaceId: string, today: string, timeZone: string): PeriodItem[];
  /** Parses a document (null = Amazon had no data) and returns the write to commit, or throws when unreadable. */
  read(
    text: string | null,
    item: PeriodItem,
    reportId: string,
  ): { rows: number; rejected: number; write: (ctx: WriteContext, t: SyncTarget) => Promise<number> };
}

const codeOf = (err: unknown) => (err as { details?: { amazonCode?: string } }).details?.amazonCode;

async function runPeriods(env: RunEnv, kind: PeriodKind): Promise<RunResult> {
  let cursor = { ...(env.cursor as PeriodCursor) };
  cursor.through ??= {};
  cursor.queue ??= [];
  if (cursor.queue.length === 0) {
    const now = env.now();
    const queue = env.target.marketplaces.flatMap((m) => {
      const tz = env.target.timeZoneOf(m.marketplaceId);
      return kind.plan(cursor, m.marketplaceId, localDate(now, tz), tz);
    });
    // Newest first: the days people look at arrive first; the queue in the cursor keeps the older ones from being lost.
    queue.sort((a, b) => (a.start > b.start ? -1 : a.start < b.start ? 1 : a.marketplaceId < b.marketplaceId ? -1 : 1));
    if (queue.length === 0) {
      await env.progress(100, `${kind.label}: up to date`);
      return { rows: 0, continues: true };
    }
    cursor = { ...cursor, queue };
    await env.commit(async () => 0, cursor);
  }
  const total = cursor.queue.length;
  let rows = 0;
  let done = 0;
  while (cursor.queue.length > 0) {
    checkAborted(env.signal);
    const requested = cursor.queue.filter((i) => i.reportId).length;
    const toRequest = cursor.queue.filter((i) => !i.reportId).slice(0, Math.max(0, REPORTS_AHEAD - requested));
    if (toRequest.length > 0) {
      const ids = new Map<PeriodItem, string>();
      for (const item of toRequest)
        ids.set(
          item,
          await env.conn.createReport({
            reportType: kind.reportType,
            marketplaceIds: [item.marketplaceId],
            // Amazon reads these reports by calendar day of the marketplace: the date part is what counts [I].
            start: Date.parse(`${item.start}T00:00:00Z`),
            end: Date.parse(`${item.end}T23:59:59Z`),
            options: kind.options,
          }),
        );
      cursor = {
        ...cursor,
        queue: cursor.queue.map((i) => (ids.has(i) ? { ...i, reportId: ids.get(i)! } : i)),
      };
      await env.commit(async () => 0, cursor);
    }
    const item = cursor.queue[0]!;
    const reportId = item.reportId!;
    const what = `${kind.label} ${item.marketplaceId} ${item.start}${item.end !== item.start ? ` – ${item.end}` : ''}`;
    let text: string | null;
    try {
      text = (
        await env.conn.openReportText(reportId, (s) => {
          void env.progress(Math.round((done / total) * 1000) / 10, `${what}: ${s}`);
        })
      ).text;
    } catch (err) {
      const code = codeOf(err);
      if (code === 'CANCELLED') {
        // Amazon cancels a report that has no data: the period is empty.
        text = null;
      } else {
        // A report Amazon gave up on (FATAL) is requested again on the next run.
        if (code === 'FATAL') {
          const { reportId: _dropped, ...again } = item;
          cursor = { ...cursor, queue: [again, ...cursor.queue.slice(1)] };
          await env.commit(async () => 0, cursor);
        }
        throw err;
      }
    }
    const next: PeriodCursor = {
      ...cursor,
      queue: cursor.queue.slice(1),
      through: { ...cursor.through, [item.marketplaceId]: maxDate(cursor.through[item.marketplaceId], item.start) },
    };
    let read: ReturnType<PeriodKind['read']> | undefined;
    try {
      read = kind.read(text, item, reportId);
    } catch (err) {
      env.warn(`${what}: report ${reportId} was not read (${(err as Error).message})`);
    }
    const syncedThrough = next.queue.length === 0 ? syncedThroughOf(next, env.target) : undefined;
    await env.commit(async (ctx) => (read ? read.write(ctx, env.target) : 0), next, syncedThrough);
    if (read?.rejected) env.warn(`${what}: ${read.rejected} entries of report ${reportId} were rejected`);
    rows += read?.rows ?? 0;
    cursor = next;
    done++;
    await env.progress(Math.round((done / total) * 1000) / 10, `${what}: ${read?.rows ?? 0} rows`);
  }
  return { rows, continues: true };
}

/** At the end of a pass: the end of the earliest marketplace's last period read, once every marketplace has one. */
function syncedThroughOf(c: PeriodCursor, target: SyncTarget): number | undefined {
  const dates = target.marketplaces.map((m) => c.through[m.marketplaceId]);
  if (dates.some((d) => d === undefined)) return undefined;
  const min = (dates as string[]).sort()[0];
  return Date.parse(`${min}T00:00:00Z`) + DAY_MS;
}

const salesTraffic: PeriodKind = {
  label: 'Sales and traffic',
  reportType: SALES_AND_TRAFFIC_REPORT,
  options: { dateGranularity: 'DAY', asinGranularity: 'CHILD' },
  plan(cursor, marketplaceId, today, tz) {
    const since = localDate(cursor.sinceAt ?? Date.parse(`${today}T00:00:00Z`) - TRAFFIC_HISTORY_DAYS * DAY_MS, tz);
    return trafficDays(today, cursor.through[marketplaceId], since).map((d) => ({ marketplaceId, start: d, end: d }));
  },
  read(text, item, reportId) {
    const doc = text
      ? parseSalesAndTrafficReport(text, { marketplaceId: item.marketplaceId, date: item.start })
      : { totals: [], asins: [], errors: [] };
    return {
      rows: doc.asins.length + doc.totals.length,
      rejected: doc.errors.length,
      write: async (ctx, t) => {
        const out = await replaceTrafficDays(
          ctx,
          t,
          {
            marketplaceId: item.marketplaceId,
            from: item.start,
            to: item.end,
            totals: doc.totals.filter((d) => d.salesDate >= item.start && d.salesDate <= item.end),
            asins: doc.asins,
            reportId,
          },
          'report',
        );
        return out.created + out.updated + out.deleted;
      },
    };
  },
};

const searchTerms: PeriodKind = {
  label: 'Search terms',
  reportType: BRAND_ANALYTICS_SEARCH_TERMS_REPORT,
  options: { reportPeriod: 'WEEK' },
  plan(cursor, marketplaceId, today) {
    return searchTermWeeks(today, cursor.through[marketplaceId], cursor.historyWeeks ?? 1).map((w) => ({
      marketplaceId,
      start: w,
      end: addDays(w, 6),
    }));
  },
  read(text, item, reportId) {
    const doc = text
      ? parseSearchTermsReport(text, { marketplaceId: item.marketplaceId, weekStart: item.start })
      : { terms: [], errors: [] };
    return {
      rows: doc.terms.length,
      rejected: doc.errors.length,
      write: async (ctx, t) => {
        const out = await replaceSearchTermWeek(ctx, t, {
          marketplaceId: item.marketplaceId,
          weekStart: item.start,
          weekEnd: item.end,
          terms: doc.terms,
          reportId,
        });
        return out.created + out.updated + out.deleted;
      },
    };
  },
};

/** Cursor of the fee estimates: the pass in progress continues after this listing key (null: start a pass). */
export interface FeesCursor {
  after: string | null;
}

export interface AnalyticsSyncDeps {
  /** The store's active listings with a price (the catalog's), ordered by marketplace and SKU. */
  activeListings(companyId: string, storeId: string): Promise<FeeListing[]>;
}

const listingKey = (l: FeeListing) => `${l.marketplaceId}|${l.sellerSku}`;

async function estimatePage(conn: AmazonConnection, page: FeeListing[]) {
  return conn.call<unknown>({
    operation: 'productFeesV0/getMyFeesEstimates',
    method: 'POST',
    path: '/products/fees/v0/feesEstimate',
    body: feesRequestBody(page),
  });
}

async function runFeeEstimates(env: RunEnv, deps: AnalyticsSyncDeps): Promise<RunResult> {
  const cursor = env.cursor as FeesCursor;
  const marketplaces = new Set(env.target.marketplaces.map((m) => m.marketplaceId));
  const all = (await deps.activeListings(env.target.companyId, env.target.storeId))
    .filter((l) => marketplaces.has(l.marketplaceId))
    .sort((a, b) => (listingKey(a) < listingKey(b) ? -1 : listingKey(a) > listingKey(b) ? 1 : 0));
  const todo = cursor.after ? all.filter((l) => listingKey(l) > cursor.after!) : all;
  let rows = 0;
  const failed: string[] = [];
  for (let i = 0; i < todo.length; i += FEES_BATCH) {
    checkAborted(env.signal);
    const page = todo.slice(i, i + FEES_BATCH);
    // Listings listed twice at one price in one call would share an identifier: estimate each once.
    const unique = [...new Map(page.map((l) => [feeIdentifier(l), l])).values()];
    const res = await estimatePage(env.conn, unique);
    const { estimates, failures } = mapFeesResults(res.body, unique, env.now());
    for (const f of failures) failed.push(`${f.marketplaceId} ${f.sellerSku}: ${f.message}`);
    await env.commit(
      async (ctx) => {
        const out = await upsertFeeEstimates(ctx, env.target, estimates);
        return out.created + out.updated;
      },
      { after: listingKey(page.at(-1)!) } satisfies FeesCursor,
    );
    rows += estimates.length;
    await env.progress(
      Math.min(99, Math.round(((i + page.length) / todo.length) * 1000) / 10),
      `Fee estimates: ${i + page.length} of ${todo.length} listings`,
    );
  }
  await env.commit(async () => 0, { after: null } satisfies FeesCursor, env.now());
  if (failed.length > 0)
    env.warn(
      `${failed.length} listings got no fee estimate (${failed.slice(0, 5).join('; ')}${failed.length > 5 ? '; …' : ''})`,
    );
  await env.progress(100, `Fee estimates: ${rows} listings estimated`);
  return { rows, continues: true };
}

/** The analytics data types for the sync registry. */
export function analyticsSyncHandlers(deps: AnalyticsSyncDeps): SyncHandler[] {
  return [
    {
      dataType: 'sales-traffic',
      intervalMs: DAY_MS,
      initialCursor: (now, historyDays): PeriodCursor => ({
        sinceAt: now - Math.min(TRAFFIC_HISTORY_DAYS, historyDays) * DAY_MS,
        through: {},
        queue: [],
      }),
      cursorSince: (since): PeriodCursor => ({ sinceAt: since, through: {}, queue: [] }),
      run: (env) => runPeriods(env, salesTraffic),
    },
    {
      dataType: 'brand-analytics',
      // Daily: a finished week is read as soon as Amazon has published it; other days the run requests nothing.
      intervalMs: DAY_MS,
      initialCursor: (_now, historyDays): PeriodCursor => ({
        historyWeeks: Math.max(1, Math.min(SEARCH_TERM_HISTORY_WEEKS, Math.ceil(historyDays / 7))),
        through: {},
        queue: [],
      }),
      cursorSince: (since, now): PeriodCursor => ({
        historyWeeks: Math.max(1, Math.min(52, Math.ceil((now - since) / (7 * DAY_MS)))),
        through: {},
        queue: [],
      }),
      run: (env) => runPeriods(env, searchTerms),
    },
    {
      dataType: 'fee-estimates',
      intervalMs: DAY_MS,
      initialCursor: (): FeesCursor => ({ after: null }),
      cursorSince: (): FeesCursor => ({ after: null }),
      run: (env) => runFeeEstimates(env, deps),
    },
  ];
}
