import type { WriteContext } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import { type OrderTarget, upsertOrders } from '../orders/index.js';
import type { Marketplace } from '../stores/index.js';
import type { AmazonConnection } from './amazon-port.js';
import { parseAllOrdersRows } from './parsers/all-orders-report.js';
import { type BackfillCursor, backfillPercent, backfillWindows, type OrdersCursor } from './sync-plan.js';

/**
 * One run of a data type: fetch from Amazon page by page, and commit each page together with the cursor that
 * follows it. A crash between two commits leaves the cursor at the last committed page: the next run resumes there,
 * re-reading at most one page (upserts make that harmless).
 */

export interface RunEnv {
  conn: AmazonConnection;
  target: OrderTarget;
  marketplaces: Marketplace[];
  cursor: unknown;
  /** Runs `fn` in one transaction and moves the cursor in it. */
  commit(fn: (ctx: WriteContext) => Promise<number>, cursor: unknown, syncedThrough?: number): Promise<void>;
  progress(percent: number, message: string): Promise<void>;
  signal: AbortSignal;
  now(): number;
  /** Non-fatal problems (rejected report rows): shown on the health page, the run still succeeds. */
  warn(message: string): void;
}

export interface RunResult {
  rows: number;
  /** False when the data type needs no further scheduled runs (a finished backfill). */
  continues: boolean;
}

function aborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('UPSTREAM_UNAVAILABLE', 'The sync was stopped', { retryable: true });
}

/** Orders changed since the cursor, through searchOrders (lastUpdatedAfter), page by page. */
export async function runOrdersSync(env: RunEnv): Promise<RunResult> {
  const cursor = env.cursor as OrdersCursor;
  let window = cursor.window ?? { from: cursor.after, pages: 0 };
  let rows = 0;
  let resumedToken = window.nextToken ?? undefined;
  for (;;) {
    aborted(env.signal);
    let page: Awaited<ReturnType<AmazonConnection['searchOrdersUpdatedPage']>>;
    try {
      page = await env.conn.searchOrdersUpdatedPage({
        after: window.from,
        before: window.to,
        nextToken: window.nextToken ?? undefined,
        marketplaceIds: env.marketplaces.map((m) => m.marketplaceId),
      });
    } catch (err) {
      // A pagination token kept across a crash may have expired: restart the same window from its first page.
      if (resumedToken && err instanceof AppError && err.code === 'INVALID_INPUT') {
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

export const ALL_ORDERS_REPORT = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
/** Reports requested ahead of the one being imported (Amazon processes them in parallel; createReport bursts 15). */
const REPORTS_AHEAD = 12;

/** A year (or `since`) of order history through all-orders reports, oldest window first. */
export async function runOrdersBackfill(env: RunEnv): Promise<RunResult> {
  let cursor = { ...(env.cursor as BackfillCursor) };
  let rows = 0;
  while (cursor.done < cursor.until) {
    aborted(env.signal);
    // Request the next windows' reports first; their ids go into the cursor so a restart does not request them again.
    const pending = backfillWindows(cursor).filter((w) => !cursor.reports.some((r) => r.start === w.start));
    const room = REPORTS_AHEAD - cursor.reports.length;
    if (room > 0 && pending.length > 0) {
      const created: BackfillCursor['reports'] = [];
      for (const w of pending.slice(0, room)) {
        const reportId = await env.conn.createReport({
          reportType: ALL_ORDERS_REPORT,
          marketplaceIds: env.marketplaces.map((m) => m.marketplaceId),
          start: w.start,
          end: w.end - 1,
        });
        created.push({ ...w, reportId });
      }
      cursor = { ...cursor, reports: [...cursor.reports, ...created] };
      await env.commit(async () => 0, cursor);
    }
    const report = cursor.reports.find((r) => r.start === cursor.done);
    if (!report) throw new AppError('INTERNAL', 'Backfill cursor has no report for its next window');
    let opened: Awaited<ReturnType<AmazonConnection['openReport']>>;
    try {
      opened = await env.conn.openReport(report.reportId, (s) => {
        void env.progress(backfillPercent(cursor), `${dateOf(report.start)} – ${dateOf(report.end)}: ${s}`);
      });
    } catch (err) {
      // A report Amazon gave up on (FATAL/CANCELLED) is requested again on the next run.
      const code =
        err instanceof AppError ? (err.details as { amazonCode?: string } | undefined)?.amazonCode : undefined;
      if (code === 'FATAL' || code === 'CANCELLED') {
        cursor = { ...cursor, reports: cursor.reports.filter((r) => r.reportId !== report.reportId) };
        await env.commit(async () => 0, cursor);
      }
      throw err;
    }
    let rejected = 0;
    for await (const batch of parseAllOrdersRows(opened.rows, { marketplaces: env.marketplaces })) {
      aborted(env.signal);
      rejected += batch.errors.length;
      await env.commit(async (ctx) => {
        const out = await upsertOrders(ctx, env.target, batch.records, 'report');
        return out.created + out.updated;
      }, cursor);
      rows += batch.records.length;
    }
    if (rejected > 0) env.warn(`${rejected} rows of report ${report.reportId} were rejected`);
    cursor = {
      ...cursor,
      done: report.end,
      reports: cursor.reports.filter((r) => r.reportId !== report.reportId),
    };
    await env.commit(async () => 0, cursor, report.end);
    await env.progress(backfillPercent(cursor), `${dateOf(report.start)} – ${dateOf(report.end)}: ${rows} orders`);
  }
  return { rows, continues: false };
}

const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
