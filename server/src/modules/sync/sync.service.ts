import type { ConnectionTestDto, StoreDto, SyncRunDto, SyncStateDto } from '@yangfan/contracts';
import { type Actor, runWrite } from '../../platform/audit.js';
import { type Principal, scopeFilterOf } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { JobQueue } from '../../platform/jobs/job-queue.js';
import type { WriteMeta } from '../iam/index.js';
import { findMarketplace, type Marketplace, type StoresService } from '../stores/index.js';
import type { AmazonConnection, AmazonGateway, OperationUsage } from './amazon-port.js';
import { isDeadLocalOwner, LEASE_OWNER } from './run-lease.js';
import * as repo from './sync.repository.js';
import type { RunEnv, SyncHandler, SyncTarget } from './sync-handler.js';
import { DAY_MS, retryDelayMs } from './sync-plan.js';

export const SYNC_JOB = 'amazon.sync';
const FIRST_RUN_STAGGER_MS = 20_000;
export type SyncTrigger = 'schedule' | 'manual' | 'cli' | 'demo';

export interface SyncJobPayload {
  companyId: string;
  storeId: string;
  dataType: string;
  trigger: SyncTrigger;
}

export interface SyncDeps {
  db: AnyKysely;
  clock: Clock;
  stores: StoresService;
  gateway: AmazonGateway;
  jobs: JobQueue;
  /** The data types, in the order a new store runs them (history before live). */
  handlers: readonly SyncHandler[];
  /** A run that shows no progress for this long has crashed; another run may take over (default 10 min). */
  leaseMs?: number;
  /** Days of order history a newly connected store backfills (default 365). */
  historyDays?: number;
}

interface StoredError {
  code: string;
  message: string;
  requestId: string | null;
  at: number;
  retryable: boolean;
  failures: number;
}

function errorOf(err: unknown, at: number, failures: number): StoredError {
  const e = err instanceof AppError ? err : undefined;
  const d = (e?.details ?? {}) as { requestId?: string; retryable?: boolean; amazonCode?: string };
  return {
    code: d.amazonCode ?? e?.code ?? 'INTERNAL',
    message: err instanceof Error ? err.message : String(err),
    requestId: d.requestId ?? null,
    at,
    retryable: d.retryable ?? e?.code !== 'INVALID_INPUT',
    failures,
  };
}

/** How long to wait when a run stopped because the shared limiter had no token soon enough; null for other errors. */
function quotaWaitOf(err: unknown): number | null {
  if (!(err instanceof AppError) || err.code !== 'RATE_LIMITED') return null;
  const d = err.details as { key?: string; retryAfterMs?: number } | undefined;
  // Only the local limiter's refusal (it names its key); a 429 storm from Amazon stays an error.
  return d?.key && typeof d.retryAfterMs === 'number' ? Math.max(1000, d.retryAfterMs) : null;
}

function quotaOperationOf(err: unknown): string {
  const key = ((err as AppError).details as { key?: string } | undefined)?.key ?? '';
  return key.split(':').at(-1) ?? key;
}

const systemActor = (companyId: string, name: string): Actor => ({ type: 'job', id: null, name, companyId });

/** Sync of Amazon data per store and data type: scheduling, runs with cursors, health, connection tests. */
export function createSyncService(deps: SyncDeps) {
  const { db, clock, stores, gateway, jobs } = deps;
  const leaseMs = deps.leaseMs ?? 10 * 60_000;

  function marketplacesOf(store: StoreDto): Marketplace[] {
    return store.marketplaceIds.flatMap((id) => findMarketplace(id) ?? []);
  }

  async function connect(companyId: string, store: StoreDto): Promise<AmazonConnection> {
    const credentials = await stores.credentialsOf(companyId, store.id);
    if (!credentials)
      throw new AppError('INVALID_INPUT', `Store ${store.name} has no Amazon credentials yet`, {
        storeId: store.id,
        amazonCode: 'NO_CREDENTIALS',
        retryable: false,
      });
    return gateway.connect({
      storeId: store.id,
      sellerId: store.sellerId,
      region: store.region,
      marketplaceIds: store.marketplaceIds,
      credentials,
      endpoints: store.endpoints,
    });
  }

  const handlers = new Map(deps.handlers.map((h) => [h.dataType, h]));
  const historyDays = deps.historyDays ?? 365;
  function handlerOf(dataType: string): SyncHandler {
    const h = handlers.get(dataType);
    if (!h)
      throw new AppError(
        'INVALID_INPUT',
        `Unknown data type "${dataType}"; known: ${[...handlers.keys()].join(', ')}`,
        {
          field: 'dataType',
        },
      );
    return h;
  }

  /**
   * Creates the sync state of every data type of a store (idempotent): each starts from its initial cursor. First
   * runs are staggered in registry order (orders first): report-based types share the seller's createReport and
   * getReportDocument quotas, and whoever starts first gets the burst.
   */
  async function ensureStates(companyId: string, storeId: string): Promise<void> {
    const now = clock.now();
    for (const [i, h] of deps.handlers.entries())
      await repo.insertSyncStateIfMissing(db, {
        storeId,
        dataType: h.dataType,
        companyId,
        cursorJson: JSON.stringify(h.initialCursor(now, historyDays)),
        nextRunAt: now + i * FIRST_RUN_STAGGER_MS,
        updatedAt: now,
      });
  }

  /** The store as the data modules see it: marketplaces with their business-day zones. */
  function targetOf(companyId: string, store: StoreDto): SyncTarget {
    const marketplaces = marketplacesOf(store);
    const zones = new Map(marketplaces.map((m) => [m.marketplaceId, m.timeZone]));
    return {
      companyId,
      storeId: store.id,
      sellerId: store.sellerId,
      marketplaces,
      timeZoneOf: (id) => zones.get(id) ?? findMarketplace(id)?.timeZone ?? 'UTC',
    };
  }

  /** Takes the run lease; a lease held by a process of this host that died is taken over at once. */
  async function claim(storeId: string, dataType: string, now: number): Promise<boolean> {
    if (await repo.claimSyncState(db, storeId, dataType, now, leaseMs, LEASE_OWNER)) return true;
    const held = await repo.findSyncState(db, storeId, dataType);
    if (held?.status !== 'running' || !isDeadLocalOwner(held.leaseOwner)) return false;
    return repo.claimSyncState(db, storeId, dataType, now, leaseMs, LEASE_OWNER, held.leaseOwner ?? undefined);
  }

  /** Runs one data type of one store now, in this process (the job handler and `yangfan sync` call this). */
  async function runSync(
    payload: SyncJobPayload,
    opts: { signal?: AbortSignal; onProgress?: (percent: number, message: string) => void } = {},
  ): Promise<{ status: 'ok' | 'error' | 'busy' | 'deferred'; rows: number; error?: StoredError; retryAt?: number }> {
    const { companyId, storeId, dataType } = payload;
    const handler = handlerOf(dataType);
    const store = await stores.getForSystem(companyId, storeId);
    await ensureStates(companyId, storeId);
    const startedAt = clock.now();
    if (!(await claim(storeId, dataType, startedAt))) return { status: 'busy', rows: 0 };
    const state = await repo.findSyncState(db, storeId, dataType);
    if (!state) throw new AppError('INTERNAL', 'sync state vanished');
    const runId = newId('syn');
    await repo.insertSyncRun(db, {
      id: runId,
      companyId,
      storeId,
      dataType,
      trigger: payload.trigger,
      status: 'running',
      startedAt,
      finishedAt: null,
      rows: 0,
      calls: 0,
      throttled: 0,
      errorMessage: null,
      requestId: null,
    });
    const previousError = state.errorJson ? (JSON.parse(state.errorJson) as StoredError) : null;
    let conn: AmazonConnection | undefined;
    let rowsChanged = 0;
    const warnings: string[] = [];
    const usageOf = (): OperationUsage[] => conn?.usage() ?? [];
    try {
      if (store.status === 'disabled') throw new AppError('CONFLICT', `Store ${store.name} is disabled`);
      conn = await connect(companyId, store);
      const env: RunEnv = {
        conn,
        target: targetOf(companyId, store),
        cursor: JSON.parse(state.cursorJson) as unknown,
        signal: opts.signal ?? new AbortController().signal,
        now: () => clock.now(),
        warn: (m) => warnings.push(m),
        async commit(fn, cursor, syncedThrough) {
          await runWrite(
            db,
            { actor: systemActor(companyId, `sync:${dataType}`), source: 'job', clock },
            async (ctx) => {
              const n = await fn(ctx);
              rowsChanged += n;
              await repo.saveCursor(ctx, storeId, dataType, cursor, {
                ...(syncedThrough !== undefined ? { syncedThrough } : {}),
                rowsAdded: n,
              });
            },
          );
        },
        async progress(percent, message) {
          opts.onProgress?.(percent, message);
          await repo.updateSyncState(db, storeId, dataType, {
            progressJson: JSON.stringify({ percent, message }),
            updatedAt: clock.now(),
          });
        },
      };
      const result = await handler.run(env);
      const finishedAt = clock.now();
      const interval = handler.intervalMs;
      const usage = usageOf();
      await repo.updateSyncState(db, storeId, dataType, {
        status: 'ok',
        lastSuccessAt: finishedAt,
        nextRunAt: result.continues && interval !== null ? finishedAt + interval : null,
        rowsLastRun: result.rows,
        progressJson: null,
        errorJson: warnings.length
          ? JSON.stringify({
              code: 'ROWS_REJECTED',
              message: warnings.join('; '),
              requestId: null,
              at: finishedAt,
              retryable: false,
              failures: 0,
            })
          : null,
        usageJson: JSON.stringify(usage),
        updatedAt: finishedAt,
      });
      await repo.updateSyncRun(db, runId, {
        status: 'ok',
        finishedAt,
        rows: result.rows,
        calls: usage.reduce((s, u) => s + u.calls, 0),
        throttled: usage.reduce((s, u) => s + u.throttled, 0),
        errorMessage: warnings.length ? warnings.join('; ') : null,
      });
      return { status: 'ok', rows: result.rows };
    } catch (err) {
      const finishedAt = clock.now();
      const usage = usageOf();
      const quotaWait = quotaWaitOf(err);
      if (quotaWait !== null) {
        // The seller's quota for an operation is taken by other data types (reports share createReport): not a
        // failure. The committed pages stay; the run resumes from its cursor when the quota frees up.
        const until = finishedAt + quotaWait;
        await repo.updateSyncState(db, storeId, dataType, {
          status: 'waiting',
          nextRunAt: until,
          progressJson: JSON.stringify({
            percent: 0,
            message: `Waiting for Amazon's quota (${quotaOperationOf(err)}) until ${new Date(until).toISOString().slice(11, 16)} UTC`,
          }),
          rowsLastRun: rowsChanged,
          usageJson: JSON.stringify(usage),
          updatedAt: finishedAt,
        });
        await repo.updateSyncRun(db, runId, {
          status: 'deferred',
          finishedAt,
          rows: rowsChanged,
          calls: usage.reduce((s, u) => s + u.calls, 0),
          throttled: usage.reduce((s, u) => s + u.throttled, 0),
          errorMessage: (err as Error).message,
        });
        return { status: 'deferred', rows: rowsChanged, retryAt: until };
      }
      const stored = errorOf(err, finishedAt, (previousError?.failures ?? 0) + 1);
      await repo.updateSyncState(db, storeId, dataType, {
        status: 'error',
        errorJson: JSON.stringify(stored),
        nextRunAt: finishedAt + retryDelayMs(stored.failures),
        progressJson: null,
        rowsLastRun: rowsChanged,
        usageJson: JSON.stringify(usage),
        updatedAt: finishedAt,
      });
      await repo.updateSyncRun(db, runId, {
        status: 'error',
        finishedAt,
        rows: rowsChanged,
        calls: usage.reduce((s, u) => s + u.calls, 0),
        throttled: usage.reduce((s, u) => s + u.throttled, 0),
        errorMessage: stored.message,
        requestId: stored.requestId,
      });
      return { status: 'error', rows: rowsChanged, error: stored };
    }
  }

  function assertInScope(p: Principal, storeId: string) {
    stores.assertInScope(p, storeId);
  }

  function toStateDto(s: repo.SyncStateRow, storeName: string): SyncStateDto {
    const error = s.errorJson ? (JSON.parse(s.errorJson) as StoredError) : null;
    const now = clock.now();
    return {
      storeId: s.storeId,
      storeName,
      dataType: s.dataType,
      status: s.status as SyncStateDto['status'],
      enabled: s.isEnabled === 1,
      syncedThrough: s.syncedThrough,
      lagMs: s.syncedThrough === null ? null : Math.max(0, now - s.syncedThrough),
      lastStartedAt: s.lastStartedAt,
      lastSuccessAt: s.lastSuccessAt,
      nextRunAt: s.nextRunAt,
      rowsLastRun: s.rowsLastRun,
      rowsTotal: Number(s.rowsTotal),
      progress: s.progressJson ? (JSON.parse(s.progressJson) as { percent: number; message: string }) : null,
      error: error
        ? {
            code: error.code,
            message: error.message,
            requestId: error.requestId,
            at: error.at,
            retryable: error.retryable,
          }
        : null,
      usage: JSON.parse(s.usageJson) as OperationUsage[],
    };
  }

  return {
    ensureStates,
    runSync,
    targetOf,
    claim,
    /** Received notifications, newest first (the health page's inbox). */
    async inbox(p: Principal, q: { storeId?: string | undefined; status?: string | undefined; limit: number }) {
      if (q.storeId) assertInScope(p, q.storeId);
      const rows = await repo.listInbox(db, p.companyId, { ...q, storeIds: scopeFilterOf(p).storeIds });
      return rows.map(({ companyId: _c, ...r }) => ({ ...r, status: r.status as 'handled' | 'ignored' | 'failed' }));
    },
    /** Active stores with credentials and a notification queue URL. */
    async storesWithQueues() {
      return (await stores.listForSystem(null)).filter(
        (s) => s.hasCredentials && s.status === 'active' && Boolean(s.endpoints.queueUrl),
      );
    },
    /** The store with its Amazon connection and sync target (the notification consumer uses it). */
    async connectStore(companyId: string, storeId: string) {
      const store = await stores.getForSystem(companyId, storeId);
      return { store, conn: await connect(companyId, store), target: targetOf(companyId, store) };
    },
    /** Registered data types, in run order. */
    dataTypes: () => deps.handlers.map((h) => h.dataType),
    handlers: () => deps.handlers,
    async states(p: Principal, storeId?: string): Promise<SyncStateDto[]> {
      if (storeId) assertInScope(p, storeId);
      const names = await stores.namesOf(p.companyId);
      const rows = await repo.listSyncStates(db, p.companyId, storeId ? [storeId] : scopeFilterOf(p).storeIds);
      return rows.map((r) => toStateDto(r, names.get(r.storeId) ?? r.storeId));
    },
    async runs(
      p: Principal,
      q: { storeId?: string | undefined; dataType?: string | undefined; limit: number },
    ): Promise<SyncRunDto[]> {
      if (q.storeId) assertInScope(p, q.storeId);
      const rows = await repo.listSyncRuns(db, p.companyId, { ...q, storeIds: scopeFilterOf(p).storeIds });
      const names = await stores.namesOf(p.companyId);
      return rows.map((r) => ({
        ...r,
        storeName: names.get(r.storeId) ?? r.storeId,
        dataType: r.dataType,
        trigger: r.trigger as SyncRunDto['trigger'],
        status: r.status as SyncRunDto['status'],
      }));
    },
    /**
     * Queues data types of a store now (the "Sync now", "Retry" and "Re-sync" buttons). With `since`, the cursors move
     * back to that day first: the live sync re-reads changes since then and the backfill re-imports from it.
     */
    async trigger(
      p: Principal,
      meta: WriteMeta,
      storeId: string,
      input: { dataTypes?: string[] | undefined; since?: string | undefined },
      trigger: SyncTrigger = 'manual',
    ): Promise<string[]> {
      assertInScope(p, storeId);
      const store = await stores.getForSystem(p.companyId, storeId);
      if (!store.hasCredentials)
        throw new AppError('INVALID_INPUT', `Store ${store.name} has no Amazon credentials yet`, { storeId });
      await ensureStates(p.companyId, storeId);
      const dataTypes = input.dataTypes ?? deps.handlers.map((h) => h.dataType);
      for (const dt of dataTypes) handlerOf(dt);
      const now = clock.now();
      await runWrite(db, { ...meta, clock }, async (ctx) => {
        if (input.since) {
          const since = Date.parse(`${input.since}T00:00:00Z`) - DAY_MS / 2;
          for (const dt of dataTypes) {
            await repo.saveCursor(ctx, storeId, dt, handlerOf(dt).cursorSince(since, now));
          }
        }
        await ctx.record({
          module: 'stores',
          entity: 'sync',
          entityId: storeId,
          action: input.since ? 'resync' : 'sync',
          after: { dataTypes, since: input.since ?? null },
        });
      });
      for (const dt of dataTypes) {
        await repo.updateSyncState(db, storeId, dt, {
          nextRunAt: now,
          status: 'queued',
          errorJson: null,
          updatedAt: now,
        });
        await jobs.enqueue<SyncJobPayload>(
          SYNC_JOB,
          { companyId: p.companyId, storeId, dataType: dt, trigger },
          { jobId: `sync:${storeId}:${dt}:${newId('trg')}` },
        );
      }
      return dataTypes;
    },
    /** The scheduler's tick: queues every due data type of every store with credentials. */
    async enqueueDue(): Promise<number> {
      const now = clock.now();
      for (const s of await stores.listForSystem(null))
        if (s.hasCredentials && s.status === 'active') await ensureStates(s.companyId, s.id);
      const due = await repo.listDueSyncStates(db, now, leaseMs);
      for (const s of due) {
        if (s.status === 'queued' && s.updatedAt > now - leaseMs) continue;
        await repo.updateSyncState(db, s.storeId, s.dataType, { status: 'queued', updatedAt: now });
        await jobs.enqueue<SyncJobPayload>(
          SYNC_JOB,
          { companyId: s.companyId, storeId: s.storeId, dataType: s.dataType, trigger: 'schedule' },
          { jobId: `sync:${s.storeId}:${s.dataType}:${Math.floor(now / 60_000)}` },
        );
      }
      return due.length;
    },
    /** Calls sellers/marketplaceParticipations with the store's credentials and compares with its marketplaces. */
    async testConnection(p: Principal, storeId: string): Promise<ConnectionTestDto> {
      assertInScope(p, storeId);
      const store = await stores.getForSystem(p.companyId, storeId);
      const t0 = Date.now();
      try {
        const conn = await connect(p.companyId, store);
        const participations = await conn.getMarketplaceParticipations();
        const participating = new Set(participations.filter((x) => x.isParticipating).map((x) => x.marketplaceId));
        const missing = store.marketplaceIds.filter((id) => !participating.has(id));
        return {
          ok: missing.length === 0,
          participations,
          missingMarketplaceIds: missing,
          error: missing.length
            ? {
                code: 'MARKETPLACE_NOT_PARTICIPATING',
                message: `The seller does not participate in ${missing.map((id) => findMarketplace(id)?.code ?? id).join(', ')}`,
                requestId: null,
              }
            : null,
          latencyMs: Date.now() - t0,
        };
      } catch (err) {
        const e = errorOf(err, clock.now(), 1);
        return {
          ok: false,
          participations: [],
          missingMarketplaceIds: [],
          error: { code: e.code, message: e.message, requestId: e.requestId },
          latencyMs: Date.now() - t0,
        };
      }
    },
  };
}

export type SyncService = ReturnType<typeof createSyncService>;
