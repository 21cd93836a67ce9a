import type { Kysely } from 'kysely';
import type { Clock } from './clock.js';
import { type AnyKysely, type AnyTransaction, type Db, fromJson, tables, toJson } from './db/database.js';
import { newId } from './ids.js';

/** Who is writing: a person (UI/API/CLI), an API token, a job, or the system itself. */
export interface Actor {
  type: 'user' | 'token' | 'job' | 'system';
  id: string | null;
  name: string;
  companyId: string | null;
}

export type WriteSource = 'ui' | 'api' | 'cli' | 'job' | 'system' | 'import';

export interface ChangeRecord {
  module: string;
  entity: string;
  entityId: string | null;
  action: string;
  before?: unknown;
  after?: unknown;
  summary?: string;
}

/**
 * The only handle through which repositories write: an open transaction plus the operation log.
 * It is created by `runWrite`, so every write happens inside a transaction that also records who did what.
 */
export interface WriteContext {
  readonly trx: AnyTransaction;
  readonly actor: Actor;
  readonly source: WriteSource;
  readonly clock: Clock;
  readonly requestId: string | null;
  record(change: ChangeRecord): Promise<void>;
}

interface OperationLogTable {
  id: string;
  companyId: string | null;
  actorType: string;
  actorId: string | null;
  actorName: string;
  source: string;
  module: string;
  entity: string;
  entityId: string | null;
  action: string;
  beforeJson: string | null;
  afterJson: string | null;
  summary: string | null;
  requestId: string | null;
  at: number;
}
interface AuditTables {
  operationLog: OperationLogTable;
}

export interface WriteOptions {
  actor: Actor;
  source: WriteSource;
  clock: Clock;
  requestId?: string | null;
}

/** Runs `fn` in one transaction with an operation-log writer; the log rows commit or roll back with the change. */
export async function runWrite<T>(
  db: AnyKysely,
  opts: WriteOptions,
  fn: (ctx: WriteContext) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => {
    const logDb = tables<AuditTables>(trx);
    const ctx: WriteContext = {
      trx,
      actor: opts.actor,
      source: opts.source,
      clock: opts.clock,
      requestId: opts.requestId ?? null,
      async record(change) {
        await logDb
          .insertInto('operationLog')
          .values({
            id: newId('log'),
            companyId: opts.actor.companyId,
            actorType: opts.actor.type,
            actorId: opts.actor.id,
            actorName: opts.actor.name,
            source: opts.source,
            module: change.module,
            entity: change.entity,
            entityId: change.entityId,
            action: change.action,
            beforeJson: change.before === undefined ? null : toJson(change.before),
            afterJson: change.after === undefined ? null : toJson(change.after),
            summary: change.summary ?? null,
            requestId: opts.requestId ?? null,
            at: opts.clock.now(),
          })
          .execute();
      },
    };
    return fn(ctx);
  });
}

/** Keeps only the fields that differ, so a log entry shows exactly what changed. */
export function diffFields<T extends object>(before: T, after: T): { before: Partial<T>; after: Partial<T> } | null {
  const b: Partial<T> = {};
  const a: Partial<T> = {};
  let changed = false;
  for (const k of Object.keys(after) as (keyof T)[]) {
    if (JSON.stringify(before[k]) !== JSON.stringify(after[k])) {
      b[k] = before[k];
      a[k] = after[k];
      changed = true;
    }
  }
  return changed ? { before: b, after: a } : null;
}

export interface OperationLogEntry {
  id: string;
  companyId: string | null;
  actorType: string;
  actorId: string | null;
  actorName: string;
  source: string;
  module: string;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  summary: string | null;
  requestId: string | null;
  at: number;
}

export interface OperationLogFilter {
  companyId: string;
  module?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  actorId?: string | undefined;
  action?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  limit: number;
  offset: number;
}

/** Lists the operation log newest first. */
export async function listOperationLog(
  db: Db<unknown>,
  f: OperationLogFilter,
): Promise<{ rows: OperationLogEntry[]; total: number }> {
  const d = db as unknown as Kysely<AuditTables>;
  let q = d.selectFrom('operationLog').where('companyId', '=', f.companyId);
  if (f.module) q = q.where('module', '=', f.module);
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entityId', '=', f.entityId);
  if (f.actorId) q = q.where('actorId', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from !== undefined) q = q.where('at', '>=', f.from);
  if (f.to !== undefined) q = q.where('at', '<', f.to);
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('at', 'desc').orderBy('id', 'desc').limit(f.limit).offset(f.offset).execute(),
    q.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    rows: rows.map(({ beforeJson, afterJson, ...r }) => ({
      ...r,
      at: Number(r.at),
      before: fromJson(beforeJson, null),
      after: fromJson(afterJson, null),
    })),
  };
}
