import type { ImportError } from '@yangfan/contracts';
import type { WriteContext } from '../../platform/audit.js';
import { AppError } from '../../platform/errors.js';
import type { Marketplace } from '../stores/index.js';
import type { AmazonConnection } from './amazon-port.js';

/**
 * What a data module gives the sync: one handler per data type (orders, orders-backfill, inventory …) and importers
 * for the Amazon report files it understands. The composition root registers them; the sync module owns scheduling,
 * cursors, leases, run history and health, and never knows the data.
 */

/** The store a run or an import writes for. */
export interface SyncTarget {
  companyId: string;
  storeId: string;
  sellerId: string;
  marketplaces: Marketplace[];
  /** Marketplace id → IANA zone of its business day. */
  timeZoneOf(marketplaceId: string): string;
}

export interface RunEnv {
  conn: AmazonConnection;
  target: SyncTarget;
  /** The data type's cursor as last committed (JSON). */
  cursor: unknown;
  /**
   * Runs `fn` in one transaction and moves the cursor in it: after a crash the cursor never claims data that is not
   * stored. `fn` returns how many rows it created or changed.
   */
  commit(fn: (ctx: WriteContext) => Promise<number>, cursor: unknown, syncedThrough?: number): Promise<void>;
  progress(percent: number, message: string): Promise<void>;
  signal: AbortSignal;
  now(): number;
  /** Non-fatal problems (rejected report rows): shown on the health page; the run still succeeds. */
  warn(message: string): void;
}

export interface RunResult {
  rows: number;
  /** False when the data type needs no further scheduled runs (a finished backfill). */
  continues: boolean;
}

export interface SyncHandler {
  dataType: string;
  /** Minimum time between scheduled runs; null = runs until done, then only on demand. */
  intervalMs: number | null;
  /** Cursor of a newly connected store at `now`, backfilling `historyDays`. */
  initialCursor(now: number, historyDays: number): unknown;
  /** Cursor for "re-sync from `since`". */
  cursorSince(since: number, now: number): unknown;
  run(env: RunEnv): Promise<RunResult>;
}

export interface ParsedBatch<R> {
  records: R[];
  errors: ImportError[];
  rows: number;
  skipped: number;
}

export interface ImportOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

/** Reads one kind of Amazon report file and writes what it holds (the manual import and report-based sync share it). */
export interface ReportImporter<R = unknown> {
  reportTypes: readonly string[];
  /** Columns without which the file is not this report. */
  missingColumns(headers: readonly string[]): string[];
  parse(
    rows: AsyncIterable<{ line: number; cells: Record<string, string> }>,
    target: SyncTarget,
  ): AsyncIterable<ParsedBatch<R>>;
  write(ctx: WriteContext, target: SyncTarget, records: R[]): Promise<ImportOutcome>;
}

/** Thrown by handlers when a run is stopped (worker shutdown, test abort): retryable. */
export function checkAborted(signal: AbortSignal): void {
  if (signal.aborted) throw new AppError('UPSTREAM_UNAVAILABLE', 'The sync was stopped', { retryable: true });
}

/** What a notification handler may use: the store's Amazon connection and a logged transaction. */
export interface NotificationEnv {
  conn: AmazonConnection;
  target: SyncTarget;
  /** Runs `fn` in one logged transaction; returns what `fn` returns (rows written). */
  write(fn: (ctx: WriteContext) => Promise<number>): Promise<number>;
}

/** Handles one SP-API notification type (ORDER_CHANGE …); registered by data modules like sync handlers. */
export interface NotificationHandler {
  notificationType: string;
  /** Payload version to subscribe with, e.g. '1.0'. */
  payloadVersion: string;
  /** Envelope/payload versions this handler reads; others are kept as ignored, with the reason. */
  versions: readonly string[];
  handle(env: NotificationEnv, payload: Record<string, unknown>): Promise<number>;
}
