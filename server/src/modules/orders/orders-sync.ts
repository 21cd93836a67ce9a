import {
  type AmazonConnection,
  checkAborted,
  DAY_MS,
  type NotificationHandler,
  percentDone,
  type ReportImporter,
  type RunEnv,
  type RunResult,
  reportWindows,
  type SyncHandler,
  type SyncTarget,
} from '../sync/index.js';
import type { OrderRecord } from './order-records.js';
import { upsertOrders } from './orders.repository.js';
import { type ApiOrder2026, mapOrder2026 } from './orders-v2026-mapper.js';
import { missingAllOrdersColumns, parseAllOrdersRows } from './parsers/all-orders-report.js';

/**
 * The order data types. `orders`: changes since the cursor through searchOrders (v2026-01-01, lastUpdatedAfter), page
 * by page, each page committed with the cursor that follows it. `orders-backfill`: the history through all-orders
 * reports, requested ahead in 30-day windows whose report ids live in the cursor. A crash between commits resumes
 * from the last committed page or report: no gap, and upserts make the re-read page harmless.
 */

/** Cursor of the live order sync: orders last updated after `after`; `window` is a search in progress. */
export interface OrdersCursor {
  after: number;
  window?: { from: number; to?: number; nextToken?: string | null; pages: number };
}

/** Cursor of the history backfill: [since, until) in report windows; `reports` are requested, not yet imported. */
export interface BackfillCursor {
  since: number;
  until: number;
  /** Everything before `done` is imported. */
  done: number;
  reports: { start: number; end: number; reportId: string }[];
}

export const ALL_ORDERS_REPORT = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
/** Longest window of one all-orders report request [I: Amazon documents up to 30 days for order reports]. */
const BACKFILL_WINDOW_MS = 30 * DAY_MS;
/** Reports requested ahead of the one being imported (Amazon processes them in parallel; createReport bursts 15). */
const REPORTS_AHEAD = 13;
const ORDER_DATASETS = ['RECIPIENT', 'PROCEEDS', 'FULFILLMENT', 'PROMOTION', 'CANCELLATION'];

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const mpIds = (t: SyncTarget) => t.marketplaces.map((m) => m.marketplaceId);

interface SearchOrdersBody {
  orders?: ApiOrder2026[];
  pagination?: { nextToken?: string };
  lastUpdatedBefore?: string;
}

async function searchPage(conn: AmazonConnection, t: SyncTarget, w: NonNullable<OrdersCursor['window']>) {
  const res = await conn.call<SearchOrdersBody>({
    operation: 'orders_2026-01-01/searchOrders',
    method: 'GET',
    path: '/orders/2026-01-01/orders',
    query: w.nextToken
      ? { paginationToken: w.nextToken, includedData: ORDER_DATASETS }
      : {
          lastUpdatedAfter: iso(w.from),
          lastUpdatedBefore: w.to === undefined ? undefined : iso(w.to),
          marketplaceIds: mpIds(t),
          includedData: ORDER_DATASETS,
          maxResultsPerPage: 100,
        },
  });
  const end = res.body.lastUpdatedBefore ? Date.parse(res.body.lastUpdatedBefore) : Number.NaN;
  return {
    orders: (res.body.orders ?? []).map(mapOrder2026),
    nextToken: res.body.pagination?.nextToken ?? null,
    // Amazon answers the window it applied (now − 2 min when none was given).
    windowEnd: Number.isNaN(end) ? (w.to ?? Date.now() - 120_000) : end,
  };
}

async function runOrdersSync(env: RunEnv): Promise<RunResult> {
  const cursor = env.cursor as OrdersCursor;
  let window = cursor.window ?? { from: cursor.after, pages: 0 };
  let rows = 0;
  let resumedToken = window.nextToken ?? undefined;
  for (;;) {
    checkAborted(env.signal);
    let page: Awaited<ReturnType<typeof searchPage>>;
    try {
      page = await searchPage(env.conn, env.target, window);
    } catch (err) {
      // A pagination token kept across a crash may have expired: restart the same window from its first page.
      if (resumedToken && (err as { code?: string }).code === 'INVALID_INPUT') {
        resumedToken = undefined;
        window = { from: window.from, ...(window.to !== undefined ? { to: window.to } : {}), pages: 0 };
        continue;
      }
      throw err;
    }
    resumedToken = undefined;
    const to = window.to ?? page.windowEnd;
    const next = { from: window.from, to, nextToken: page.nextToken, pages: window.pages + 1 };
    const done = page.nextToken === null;
    const nextCursor: OrdersCursor = done ? { after: to } : { after: cursor.after, window: next };
    await env.commit(
      async (ctx) => {
        const out = await upsertOrders(ctx, env.target, page.orders, 'api');
        return out.created + out.updated;
      },
      nextCursor,
      done ? to : undefined,
    );
    rows += page.orders.length;
    window = next;
    await env.progress(done ? 100 : Math.min(95, next.pages * 5), `${rows} orders, page ${next.pages}`);
    if (done) return { rows, continues: true };
  }
}

async function runOrdersBackfill(env: RunEnv): Promise<RunResult> {
  let cursor = { ...(env.cursor as BackfillCursor) };
  let rows = 0;
  while (cursor.done < cursor.until) {
    checkAborted(env.signal);
    // Request the next windows' reports first; their ids go into the cursor so a restart does not request them again.
    const pending = reportWindows(cursor.done, cursor.until, BACKFILL_WINDOW_MS).filter(
      (w) => !cursor.reports.some((r) => r.start === w.start),
    );
    const room = REPORTS_AHEAD - cursor.reports.length;
    if (room > 0 && pending.length > 0) {
      const created: BackfillCursor['reports'] = [];
      for (const w of pending.slice(0, room)) {
        const reportId = await env.conn.createReport({
          reportType: ALL_ORDERS_REPORT,
          marketplaceIds: mpIds(env.target),
          start: w.start,
          end: w.end - 1,
        });
        created.push({ ...w, reportId });
      }
      cursor = { ...cursor, reports: [...cursor.reports, ...created] };
      await env.commit(async () => 0, cursor);
    }
    const report = cursor.reports.find((r) => r.start === cursor.done);
    if (!report) throw new Error('Backfill cursor has no report for its next window');
    let opened: Awaited<ReturnType<AmazonConnection['openReport']>>;
    try {
      opened = await env.conn.openReport(report.reportId, (s) => {
        void env.progress(
          percentDone(cursor.since, cursor.done, cursor.until),
          `${dateOf(report.start)} – ${dateOf(report.end)}: ${s}`,
        );
      });
    } catch (err) {
      // A report Amazon gave up on (FATAL/CANCELLED) is requested again on the next run.
      const code = (err as { details?: { amazonCode?: string } }).details?.amazonCode;
      if (code === 'FATAL' || code === 'CANCELLED') {
        cursor = { ...cursor, reports: cursor.reports.filter((r) => r.reportId !== report.reportId) };
        await env.commit(async () => 0, cursor);
      }
      throw err;
    }
    let rejected = 0;
    for await (const batch of parseAllOrdersRows(opened.rows, { marketplaces: env.target.marketplaces })) {
      checkAborted(env.signal);
      rejected += batch.errors.length;
      await env.commit(async (ctx) => {
        const out = await upsertOrders(ctx, env.target, batch.records, 'report');
        return out.created + out.updated;
      }, cursor);
      rows += batch.records.length;
    }
    if (rejected > 0) env.warn(`${rejected} rows of report ${report.reportId} were rejected`);
    cursor = { ...cursor, done: report.end, reports: cursor.reports.filter((r) => r.reportId !== report.reportId) };
    await env.commit(async () => 0, cursor, report.end);
    await env.progress(
      percentDone(cursor.since, cursor.done, cursor.until),
      `${dateOf(report.start)} – ${dateOf(report.end)}: ${rows} orders`,
    );
  }
  return { rows, continues: false };
}

/** The order data types for the sync registry. */
export function orderSyncHandlers(): SyncHandler[] {
  return [
    {
      dataType: 'orders-backfill',
      intervalMs: null,
      initialCursor: (now, historyDays): BackfillCursor => {
        const since = now - historyDays * DAY_MS;
        return { since, until: now, done: since, reports: [] };
      },
      cursorSince: (since, now): BackfillCursor => ({ since, until: now, done: since, reports: [] }),
      run: runOrdersBackfill,
    },
    {
      dataType: 'orders',
      // searchOrders allows one call per 180 s after a burst of 20: every 5 minutes keeps a busy store current.
      intervalMs: 5 * 60_000,
      // Live from a day before the backfill's end: the reports' snapshot and the live changes overlap.
      initialCursor: (now): OrdersCursor => ({ after: now - DAY_MS }),
      cursorSince: (since): OrdersCursor => ({ after: since }),
      run: runOrdersSync,
    },
  ];
}

/**
 * ORDER_CHANGE notifications (payload 1.0): the order is read again from the Orders API and upserted, so a duplicate
 * or a notification older than what is stored changes nothing. Orders of marketplaces the store does not sync are
 * skipped.
 */
export function orderChangeNotificationHandler(): NotificationHandler {
  return {
    notificationType: 'ORDER_CHANGE',
    payloadVersion: '1.0',
    versions: ['1.0'],
    async handle(env, payload) {
      const n = (payload.OrderChangeNotification ?? {}) as {
        AmazonOrderId?: string;
        Summary?: { MarketplaceId?: string };
      };
      const orderId = n.AmazonOrderId;
      if (!orderId) throw new Error('ORDER_CHANGE without AmazonOrderId');
      const marketplaceId = n.Summary?.MarketplaceId;
      if (marketplaceId && !mpIds(env.target).includes(marketplaceId)) return 0;
      const res = await env.conn.call<{ order?: ApiOrder2026 }>({
        operation: 'orders_2026-01-01/getOrder',
        method: 'GET',
        path: `/orders/2026-01-01/orders/${encodeURIComponent(orderId)}`,
        query: { includedData: ORDER_DATASETS },
      });
      if (!res.body.order) return 0;
      const record = mapOrder2026(res.body.order);
      if (!mpIds(env.target).includes(record.marketplaceId)) return 0;
      return env.write(async (ctx) => {
        const out = await upsertOrders(ctx, env.target, [record], 'api');
        return out.created + out.updated;
      });
    },
  };
}

/** All-orders flat files (by order date or by last update) for the manual import. */
export function allOrdersImporter(): ReportImporter<OrderRecord> {
  return {
    reportTypes: [ALL_ORDERS_REPORT, 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_LAST_UPDATE_GENERAL'],
    missingColumns: missingAllOrdersColumns,
    parse: (rows, target) => parseAllOrdersRows(rows, { marketplaces: target.marketplaces }),
    async write(ctx, target, records) {
      const out = await upsertOrders(ctx, target, records, 'import');
      return { created: out.created, updated: out.updated, unchanged: out.unchanged + out.stale };
    },
  };
}
