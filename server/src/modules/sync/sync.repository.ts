import type { Selectable } from 'kysely';
import type { WriteContext } from '../../platform/audit.js';
import { type AnyKysely, type AnyTransaction, tables } from '../../platform/db/database.js';
import type { NotificationInboxTable, SyncRunTable, SyncStateTable, SyncTables } from './sync.tables.js';

/**
 * Sync bookkeeping. The cursor of a data type is written in the same transaction as the page of data it covers
 * (`saveCursor(ctx…)` beside the module's upsert), so after a crash the cursor never claims data that is not stored.
 * Status, progress and run rows are infrastructure (like the job table): written directly, not operation-logged.
 */

type Handle = AnyKysely | AnyTransaction;
const t = (db: Handle) => tables<SyncTables>(db);

export type SyncStateRow = Selectable<SyncStateTable>;

export async function listSyncStates(
  db: Handle,
  companyId: string,
  storeIds: string[] | null,
): Promise<SyncStateRow[]> {
  let q = t(db).selectFrom('syncState').selectAll().where('companyId', '=', companyId);
  if (storeIds) q = q.where('storeId', 'in', storeIds.length ? storeIds : ['-']);
  return q.orderBy('storeId').orderBy('dataType').execute();
}

export async function findSyncState(db: Handle, storeId: string, dataType: string): Promise<SyncStateRow | undefined> {
  return t(db)
    .selectFrom('syncState')
    .selectAll()
    .where('storeId', '=', storeId)
    .where('dataType', '=', dataType)
    .executeTakeFirst();
}

/** Creates the state row of a store's data type if missing (idempotent). */
export async function insertSyncStateIfMissing(
  db: Handle,
  row: Pick<SyncStateTable, 'storeId' | 'dataType' | 'companyId' | 'cursorJson' | 'nextRunAt' | 'updatedAt'>,
): Promise<void> {
  await t(db)
    .insertInto('syncState')
    .values({
      ...row,
      isEnabled: 1,
      status: 'idle',
      syncedThrough: null,
      lastStartedAt: null,
      lastSuccessAt: null,
      rowsLastRun: 0,
      rowsTotal: 0,
      progressJson: null,
      errorJson: null,
      usageJson: '[]',
      leaseOwner: null,
    })
    .onConflict((oc) => oc.columns(['storeId', 'dataType']).doNothing())
    .execute();
}

/**
 * Takes the run lease: succeeds unless another process is running this store's data type and has shown signs of life
 * within `leaseMs` (a crashed run's lease expires, and the next run resumes from its cursor).
 */
export async function claimSyncState(
  db: Handle,
  storeId: string,
  dataType: string,
  now: number,
  leaseMs: number,
  owner: string,
  /** A holder known to be dead (its process is gone): its lease is taken over whatever its age. */
  deadOwner?: string,
): Promise<boolean> {
  const r = await t(db)
    .updateTable('syncState')
    .set({ status: 'running', lastStartedAt: now, updatedAt: now, progressJson: null, leaseOwner: owner })
    .where('storeId', '=', storeId)
    .where('dataType', '=', dataType)
    .where((eb) =>
      eb.or([
        eb('status', '!=', 'running'),
        eb('updatedAt', '<', now - leaseMs),
        ...(deadOwner ? [eb('leaseOwner', '=', deadOwner)] : []),
      ]),
    )
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Moves the cursor in the transaction that stored the data it covers. */
export async function saveCursor(
  ctx: WriteContext,
  storeId: string,
  dataType: string,
  cursor: unknown,
  patch: { syncedThrough?: number; rowsAdded?: number } = {},
): Promise<void> {
  const now = ctx.clock.now();
  await t(ctx.trx)
    .updateTable('syncState')
    .set((eb) => ({
      cursorJson: JSON.stringify(cursor),
      updatedAt: now,
      ...(patch.syncedThrough !== undefined ? { syncedThrough: patch.syncedThrough } : {}),
      ...(patch.rowsAdded ? { rowsTotal: eb('rowsTotal', '+', patch.rowsAdded) } : {}),
    }))
    .where('storeId', '=', storeId)
    .where('dataType', '=', dataType)
    .execute();
}

export async function updateSyncState(
  db: Handle,
  storeId: string,
  dataType: string,
  patch: Partial<Omit<SyncStateTable, 'storeId' | 'dataType' | 'companyId'>>,
): Promise<void> {
  await t(db)
    .updateTable('syncState')
    .set(patch)
    .where('storeId', '=', storeId)
    .where('dataType', '=', dataType)
    .execute();
}

/** States whose next run is due (enabled, not running or with an expired lease). */
export async function listDueSyncStates(db: Handle, now: number, leaseMs: number): Promise<SyncStateRow[]> {
  return t(db)
    .selectFrom('syncState')
    .selectAll()
    .where('isEnabled', '=', 1)
    .where('nextRunAt', '<=', now)
    .where((eb) => eb.or([eb('status', '!=', 'running'), eb('updatedAt', '<', now - leaseMs)]))
    .execute();
}

export async function insertSyncRun(db: Handle, row: SyncRunTable): Promise<void> {
  await t(db).insertInto('syncRun').values(row).execute();
}

export async function updateSyncRun(db: Handle, id: string, patch: Partial<SyncRunTable>): Promise<void> {
  await t(db).updateTable('syncRun').set(patch).where('id', '=', id).execute();
}

export async function listSyncRuns(
  db: Handle,
  companyId: string,
  f: { storeIds: string[] | null; storeId?: string | undefined; dataType?: string | undefined; limit: number },
): Promise<Selectable<SyncRunTable>[]> {
  let q = t(db).selectFrom('syncRun').selectAll().where('companyId', '=', companyId);
  if (f.storeIds) q = q.where('storeId', 'in', f.storeIds.length ? f.storeIds : ['-']);
  if (f.storeId) q = q.where('storeId', '=', f.storeId);
  if (f.dataType) q = q.where('dataType', '=', f.dataType);
  return q.orderBy('startedAt', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}

/** The inbox row of a notification (dedupe: Amazon may deliver one notification more than once). */
export async function findInboxEntry(db: Handle, storeId: string, notificationId: string) {
  return t(db)
    .selectFrom('notificationInbox')
    .selectAll()
    .where('storeId', '=', storeId)
    .where('notificationId', '=', notificationId)
    .executeTakeFirst();
}

/** Records the outcome of one delivery (insert, or update of a retried one). */
export async function saveInboxEntry(db: Handle, row: Selectable<NotificationInboxTable>): Promise<void> {
  await t(db)
    .insertInto('notificationInbox')
    .values(row)
    .onConflict((oc) =>
      oc.columns(['storeId', 'notificationId']).doUpdateSet({
        status: row.status,
        attempts: row.attempts,
        rows: row.rows,
        error: row.error,
        receivedAt: row.receivedAt,
      }),
    )
    .execute();
}

export async function listInbox(
  db: Handle,
  companyId: string,
  f: { storeIds: string[] | null; storeId?: string | undefined; status?: string | undefined; limit: number },
) {
  let q = t(db).selectFrom('notificationInbox').selectAll().where('companyId', '=', companyId);
  if (f.storeIds) q = q.where('storeId', 'in', f.storeIds.length ? f.storeIds : ['-']);
  if (f.storeId) q = q.where('storeId', '=', f.storeId);
  if (f.status) q = q.where('status', '=', f.status);
  return q.orderBy('receivedAt', 'desc').limit(f.limit).execute();
}
