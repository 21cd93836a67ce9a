import type { Selectable } from 'kysely';
import { diffFields, type WriteContext } from '../../platform/audit.js';
import { type AnyKysely, type AnyTransaction, fromJson, tables } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import type { StoresTables, StoreTable } from './stores.tables.js';

type Handle = AnyKysely | AnyTransaction;
const t = (db: Handle) => tables<StoresTables>(db);
const w = (ctx: WriteContext) => tables<StoresTables>(ctx.trx);

export interface StoreRow extends Selectable<StoreTable> {
  marketplaceIds: string[];
}

/** Stores of a company, optionally restricted to a set of ids (the caller's data scope). */
export async function listStores(db: Handle, companyId: string, onlyIds: string[] | null): Promise<StoreRow[]> {
  let q = t(db).selectFrom('store').selectAll().where('companyId', '=', companyId);
  if (onlyIds) {
    if (onlyIds.length === 0) return [];
    q = q.where('id', 'in', onlyIds);
  }
  const stores = await q.orderBy('name').execute();
  if (stores.length === 0) return [];
  const links = await t(db)
    .selectFrom('storeMarketplace')
    .selectAll()
    .where(
      'storeId',
      'in',
      stores.map((s) => s.id),
    )
    .execute();
  return stores.map((s) => ({
    ...s,
    marketplaceIds: links
      .filter((l) => l.storeId === s.id)
      .map((l) => l.marketplaceId)
      .sort(),
  }));
}

/** Stores of one company or of all companies (the sync scheduler). */
export async function listAllStores(db: Handle, companyId: string | null): Promise<StoreRow[]> {
  let q = t(db).selectFrom('store').select('companyId').distinct();
  if (companyId) q = q.where('companyId', '=', companyId);
  const companies = await q.execute();
  const out: StoreRow[] = [];
  for (const c of companies) out.push(...(await listStores(db, c.companyId, null)));
  return out;
}

export async function getStore(db: Handle, companyId: string, id: string): Promise<StoreRow> {
  const s = await t(db)
    .selectFrom('store')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!s) throw notFound('Store', id);
  const links = await t(db).selectFrom('storeMarketplace').select('marketplaceId').where('storeId', '=', id).execute();
  return { ...s, marketplaceIds: links.map((l) => l.marketplaceId).sort() };
}

/** What the operation log shows of a store: never the credentials, only whether they changed. */
function shown(s: Partial<StoreRow>) {
  const { credentialsEnc, endpointsJson, ...rest } = s;
  return {
    ...rest,
    ...(endpointsJson !== undefined ? { endpoints: fromJson(endpointsJson, {}) } : {}),
    ...(credentialsEnc !== undefined ? { credentials: credentialsEnc ? '(set)' : null } : {}),
  };
}

export async function insertStore(ctx: WriteContext, row: StoreTable, marketplaceIds: string[]): Promise<void> {
  await w(ctx).insertInto('store').values(row).execute();
  await w(ctx)
    .insertInto('storeMarketplace')
    .values(marketplaceIds.map((marketplaceId) => ({ storeId: row.id, marketplaceId, isEnabled: 1 })))
    .execute();
  await ctx.record({
    module: 'stores',
    entity: 'store',
    entityId: row.id,
    action: 'create',
    after: shown({ ...row, marketplaceIds }),
  });
}

export async function updateStore(
  ctx: WriteContext,
  companyId: string,
  id: string,
  patch: Partial<StoreTable>,
  marketplaceIds?: string[],
): Promise<void> {
  const before = await getStore(ctx.trx, companyId, id);
  const { marketplaceIds: beforeMps, ...beforeRow } = before;
  const next = { ...beforeRow, ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) };
  const diff = diffFields(beforeRow, next);
  const mpsChanged = marketplaceIds !== undefined && [...marketplaceIds].sort().join() !== beforeMps.join();
  if (!diff && !mpsChanged) return;
  if (diff)
    await w(ctx)
      .updateTable('store')
      .set({ ...next, updatedAt: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
  if (mpsChanged && marketplaceIds) {
    await w(ctx).deleteFrom('storeMarketplace').where('storeId', '=', id).execute();
    await w(ctx)
      .insertInto('storeMarketplace')
      .values(marketplaceIds.map((marketplaceId) => ({ storeId: id, marketplaceId, isEnabled: 1 })))
      .execute();
  }
  await ctx.record({
    module: 'stores',
    entity: 'store',
    entityId: id,
    action: 'update',
    before: { ...shown(diff?.before ?? {}), ...(mpsChanged ? { marketplaceIds: beforeMps } : {}) },
    after: { ...shown(diff?.after ?? {}), ...(mpsChanged ? { marketplaceIds } : {}) },
  });
}

export async function deleteStore(ctx: WriteContext, companyId: string, id: string): Promise<void> {
  const before = await getStore(ctx.trx, companyId, id);
  await w(ctx).deleteFrom('storeMarketplace').where('storeId', '=', id).execute();
  await w(ctx).deleteFrom('store').where('id', '=', id).execute();
  await ctx.record({ module: 'stores', entity: 'store', entityId: id, action: 'delete', before: shown(before) });
}
