import { type Selectable, sql } from 'kysely';
import { diffFields, type WriteContext } from '../../platform/audit.js';
import type { ScopeFilter } from '../../platform/auth/principal.js';
import { type AnyKysely, type AnyTransaction, containsText, insertMany, tables } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import { toLogShape } from './catalog.mapping.js';
import type {
  CatalogTables,
  ImportRunTable,
  ListingFields,
  ListingSkuTable,
  ListingTable,
  SkuFields,
  SkuTable,
  SpuTable,
} from './catalog.tables.js';

type Handle = AnyKysely | AnyTransaction;
const t = (db: Handle) => tables<CatalogTables>(db);
const w = (ctx: WriteContext) => tables<CatalogTables>(ctx.trx);
export type SkuRow = Selectable<SkuTable> & { spuCode: string | null; listingCount: number };
export type ListingRow = Selectable<ListingTable>;
export interface Sort {
  field: string;
  dir: 'asc' | 'desc';
}

const SKU_SORT: Record<string, string> = {
  sku: 'sku.sku',
  name: 'sku.name',
  status: 'sku.status',
  cost: 'sku.costMinor',
  productLine: 'sku.productLine',
  launchDate: 'sku.launchDate',
  casePack: 'sku.casePack',
  moq: 'sku.moq',
  weightG: 'sku.weightG',
  createdAt: 'sku.createdAt',
  updatedAt: 'sku.updatedAt',
};
const LISTING_SORT: Record<string, string> = {
  sellerSku: 'listing.sellerSku',
  asin: 'listing.asin',
  parentAsin: 'listing.parentAsin',
  title: 'listing.title',
  marketplaceId: 'listing.marketplaceId',
  storeId: 'listing.storeId',
  status: 'listing.status',
  fulfillmentChannel: 'listing.fulfillmentChannel',
  price: 'listing.priceMinor',
  launchDate: 'listing.launchDate',
  createdAt: 'listing.createdAt',
  updatedAt: 'listing.updatedAt',
};
export const SKU_SORT_FIELDS = Object.keys(SKU_SORT);
export const LISTING_SORT_FIELDS = Object.keys(LISTING_SORT);

// ---------------- SPU ----------------
export async function listSpus(db: Handle, companyId: string, q?: string) {
  let query = t(db)
    .selectFrom('spu')
    .leftJoin('sku', 'sku.spuId', 'spu.id')
    .selectAll('spu')
    .select((e) => e.fn.count<number>('sku.id').as('skuCount'))
    .where('spu.companyId', '=', companyId);
  if (q) query = query.where((e) => e.or([containsText(db, 'spu.code', q), containsText(db, 'spu.name', q)]));
  const rows = await query.groupBy('spu.id').orderBy('spu.code').limit(2000).execute();
  return rows.map((r) => ({ ...r, skuCount: Number(r.skuCount) }));
}

export async function findSpu(db: Handle, companyId: string, idOrCode: string) {
  return t(db)
    .selectFrom('spu')
    .selectAll()
    .where('companyId', '=', companyId)
    .where((e) => e.or([e('id', '=', idOrCode), e('code', '=', idOrCode)]))
    .executeTakeFirst();
}

export async function insertSpu(ctx: WriteContext, row: SpuTable): Promise<void> {
  await w(ctx).insertInto('spu').values(row).execute();
  await ctx.record({ module: 'catalog', entity: 'spu', entityId: row.id, action: 'create', after: row });
}

export async function updateSpu(ctx: WriteContext, companyId: string, id: string, patch: Partial<SpuTable>) {
  const before = await findSpu(ctx.trx, companyId, id);
  if (!before) throw notFound('SPU', id);
  const next = { ...before, ...patch };
  const diff = diffFields(before, next);
  if (!diff) return;
  await w(ctx)
    .updateTable('spu')
    .set({ ...next, updatedAt: ctx.clock.now() })
    .where('id', '=', id)
    .execute();
  await ctx.record({ module: 'catalog', entity: 'spu', entityId: id, action: 'update', ...diff });
}

// ---------------- SKU ----------------
export interface SkuFilter {
  scope: ScopeFilter;
  q?: string | undefined;
  status?: string | undefined;
  productLine?: string | undefined;
  tag?: string | undefined;
  spuId?: string | undefined;
  operatorId?: string | undefined;
}

function skuQuery(db: Handle, f: SkuFilter) {
  let q = t(db).selectFrom('sku').leftJoin('spu', 'spu.id', 'sku.spuId').where('sku.companyId', '=', f.scope.companyId);
  if (f.scope.productLines) q = q.where('sku.productLine', 'in', f.scope.productLines);
  if (f.scope.ownerId) {
    const owner = f.scope.ownerId;
    q = q.where((e) => e.or([e('sku.operatorId', '=', owner), e('sku.productManagerId', '=', owner)]));
  }
  if (f.q) {
    const text = f.q;
    q = q.where((e) => e.or([containsText(db, 'sku.sku', text), containsText(db, 'sku.name', text)]));
  }
  if (f.status) q = q.where('sku.status', '=', f.status);
  if (f.productLine) q = q.where('sku.productLine', '=', f.productLine);
  if (f.spuId) q = q.where('sku.spuId', '=', f.spuId);
  if (f.operatorId) q = q.where('sku.operatorId', '=', f.operatorId);
  if (f.tag) q = q.where('sku.tagsJson', 'like', `%${JSON.stringify(f.tag).replace(/[\\%_]/g, '')}%`);
  return q;
}

export async function listSkus(db: Handle, f: SkuFilter, sort: Sort[], limit: number, offset: number) {
  let q = skuQuery(db, f)
    .selectAll('sku')
    .select('spu.code as spuCode')
    .select((e) =>
      e
        .selectFrom('listingSku')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('listingSku.skuId', '=', 'sku.id')
        .as('listingCount'),
    );
  for (const s of sort) q = q.orderBy(sql.ref(SKU_SORT[s.field] ?? 'sku.sku'), s.dir);
  q = q.orderBy('sku.id', sort.at(-1)?.dir ?? 'asc');
  const [rows, count] = await Promise.all([
    q.limit(limit).offset(offset).execute(),
    skuQuery(db, f)
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({ ...r, listingCount: Number(r.listingCount ?? 0) })) as SkuRow[],
    total: Number(count.n),
  };
}

export async function findSku(db: Handle, companyId: string, id: string): Promise<SkuRow | undefined> {
  const r = await t(db)
    .selectFrom('sku')
    .leftJoin('spu', 'spu.id', 'sku.spuId')
    .selectAll('sku')
    .select('spu.code as spuCode')
    .select((e) =>
      e
        .selectFrom('listingSku')
        .select((x) => x.fn.countAll<number>().as('n'))
        .whereRef('listingSku.skuId', '=', 'sku.id')
        .as('listingCount'),
    )
    .where('sku.companyId', '=', companyId)
    .where('sku.id', '=', id)
    .executeTakeFirst();
  return r ? ({ ...r, listingCount: Number(r.listingCount ?? 0) } as SkuRow) : undefined;
}

/** SKU ids by code for a set of codes (pairing and import). */
export async function mapSkuCodes(db: Handle, companyId: string, codes: string[] | null): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (codes && codes.length === 0) return out;
  let q = t(db).selectFrom('sku').select(['id', 'sku']).where('companyId', '=', companyId);
  if (codes && codes.length <= 500) q = q.where('sku', 'in', codes);
  for (const r of await q.execute()) out.set(r.sku, r.id);
  return out;
}

export async function listSkusByCodes(db: Handle, companyId: string): Promise<Selectable<SkuTable>[]> {
  return t(db).selectFrom('sku').selectAll().where('companyId', '=', companyId).execute();
}

export async function insertSku(ctx: WriteContext, row: SkuTable): Promise<void> {
  await w(ctx).insertInto('sku').values(row).execute();
  await ctx.record({
    module: 'catalog',
    entity: 'sku',
    entityId: row.id,
    action: 'create',
    after: toLogShape(row),
    summary: row.sku,
  });
}

export async function updateSku(
  ctx: WriteContext,
  companyId: string,
  id: string,
  patch: Partial<SkuFields>,
): Promise<boolean> {
  const before = await t(ctx.trx)
    .selectFrom('sku')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before) throw notFound('SKU', id);
  const next = { ...before, ...patch };
  const diff = diffFields(before, next);
  if (!diff) return false;
  await w(ctx)
    .updateTable('sku')
    .set({ ...patch, updatedAt: ctx.clock.now() })
    .where('id', '=', id)
    .execute();
  await ctx.record({
    module: 'catalog',
    entity: 'sku',
    entityId: id,
    action: 'update',
    before: toLogShape(diff.before, before),
    after: toLogShape(diff.after, next),
    summary: before.sku,
  });
  return true;
}

export async function deleteSku(ctx: WriteContext, companyId: string, id: string): Promise<void> {
  const before = await t(ctx.trx)
    .selectFrom('sku')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!before) throw notFound('SKU', id);
  await w(ctx).deleteFrom('sku').where('id', '=', id).execute();
  await ctx.record({
    module: 'catalog',
    entity: 'sku',
    entityId: id,
    action: 'delete',
    before: toLogShape(before),
    summary: before.sku,
  });
}

// ---------------- listings ----------------
export interface ListingFilter {
  scope: ScopeFilter;
  q?: string | undefined;
  storeId?: string | undefined;
  marketplaceId?: string | undefined;
  status?: string | undefined;
  fulfillmentChannel?: string | undefined;
  asin?: string | undefined;
}

function listingQuery(db: Handle, f: ListingFilter) {
  let q = t(db).selectFrom('listing').where('listing.companyId', '=', f.scope.companyId);
  if (f.scope.storeIds)
    q = f.scope.storeIds.length ? q.where('listing.storeId', 'in', f.scope.storeIds) : q.where(sql<boolean>`1 = 0`);
  if (f.scope.marketplaceIds) q = q.where('listing.marketplaceId', 'in', f.scope.marketplaceIds);
  if (f.scope.ownerId) q = q.where('listing.operatorId', '=', f.scope.ownerId);
  if (f.q) {
    const text = f.q;
    q = q.where((e) =>
      e.or([
        containsText(db, 'listing.sellerSku', text),
        containsText(db, 'listing.asin', text),
        containsText(db, 'listing.title', text),
      ]),
    );
  }
  if (f.storeId) q = q.where('listing.storeId', '=', f.storeId);
  if (f.marketplaceId) q = q.where('listing.marketplaceId', '=', f.marketplaceId);
  if (f.status) q = q.where('listing.status', '=', f.status);
  if (f.fulfillmentChannel) q = q.where('listing.fulfillmentChannel', '=', f.fulfillmentChannel);
  if (f.asin) q = q.where('listing.asin', '=', f.asin);
  return q;
}

export async function listListings(db: Handle, f: ListingFilter, sort: Sort[], limit: number, offset: number) {
  let q = listingQuery(db, f).selectAll('listing');
  for (const s of sort) q = q.orderBy(sql.ref(LISTING_SORT[s.field] ?? 'listing.sellerSku'), s.dir);
  // The tie-break follows the last sort direction so a (company, column, id) index serves the whole ORDER BY.
  q = q.orderBy('listing.id', sort.at(-1)?.dir ?? 'asc');
  const [rows, count] = await Promise.all([
    q.limit(limit).offset(offset).execute(),
    listingQuery(db, f)
      .select((e) => e.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Streams every listing matching the filter in pages (exports); never loads the whole table. */
export async function* iterateListings(db: Handle, f: ListingFilter, sort: Sort[], pageSize = 2000) {
  for (let offset = 0; ; offset += pageSize) {
    const { rows } = await listListings(db, f, sort, pageSize, offset);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
  }
}

export async function* iterateSkus(db: Handle, f: SkuFilter, sort: Sort[], pageSize = 2000) {
  for (let offset = 0; ; offset += pageSize) {
    const { rows } = await listSkus(db, f, sort, pageSize, offset);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < pageSize) return;
  }
}

export async function pairingsOf(db: Handle, listingIds: string[]) {
  if (listingIds.length === 0) return [];
  const out: { listingId: string; skuId: string; sku: string; quantity: number }[] = [];
  for (let i = 0; i < listingIds.length; i += 500) {
    out.push(
      ...(await t(db)
        .selectFrom('listingSku')
        .innerJoin('sku', 'sku.id', 'listingSku.skuId')
        .select(['listingSku.listingId', 'listingSku.skuId', 'sku.sku', 'listingSku.quantity'])
        .where('listingSku.listingId', 'in', listingIds.slice(i, i + 500))
        .orderBy('sku.sku')
        .execute()),
    );
  }
  return out;
}

export async function findListing(db: Handle, companyId: string, id: string): Promise<ListingRow | undefined> {
  return t(db)
    .selectFrom('listing')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Existing listings keyed by store|marketplace|sellerSku, for imports. */
export async function mapListingKeys(db: Handle, companyId: string): Promise<Map<string, ListingRow>> {
  const rows = await t(db).selectFrom('listing').selectAll().where('companyId', '=', companyId).execute();
  return new Map(rows.map((r) => [`${r.storeId}|${r.marketplaceId}|${r.sellerSku}`, r]));
}

export async function mapPairings(db: Handle, companyId: string): Promise<Map<string, string>> {
  const rows = await t(db)
    .selectFrom('listingSku')
    .innerJoin('listing', 'listing.id', 'listingSku.listingId')
    .select(['listingSku.listingId', 'listingSku.skuId', 'listingSku.quantity'])
    .where('listing.companyId', '=', companyId)
    .orderBy('listingSku.skuId')
    .execute();
  const out = new Map<string, string>();
  for (const r of rows) out.set(r.listingId, `${out.get(r.listingId) ?? ''}${r.skuId}*${r.quantity};`);
  return out;
}

export async function insertListing(ctx: WriteContext, row: ListingTable, pairs: ListingSkuTable[]): Promise<void> {
  await w(ctx).insertInto('listing').values(row).execute();
  if (pairs.length) await w(ctx).insertInto('listingSku').values(pairs).execute();
  await ctx.record({
    module: 'catalog',
    entity: 'listing',
    entityId: row.id,
    action: 'create',
    after: { ...toLogShape(row), skus: pairs },
    summary: row.sellerSku,
  });
}

export async function updateListing(
  ctx: WriteContext,
  companyId: string,
  id: string,
  patch: Partial<ListingFields>,
  pairs?: ListingSkuTable[],
): Promise<boolean> {
  const before = await findListing(ctx.trx, companyId, id);
  if (!before) throw notFound('Listing', id);
  const next = { ...before, ...patch };
  const diff = diffFields(before, next);
  let pairsBefore: { skuId: string; quantity: number }[] = [];
  let pairsChanged = false;
  if (pairs) {
    pairsBefore = await t(ctx.trx)
      .selectFrom('listingSku')
      .select(['skuId', 'quantity'])
      .where('listingId', '=', id)
      .orderBy('skuId')
      .execute();
    const sorted = [...pairs]
      .sort((a, b) => a.skuId.localeCompare(b.skuId))
      .map((p) => ({ skuId: p.skuId, quantity: p.quantity }));
    pairsChanged = JSON.stringify(sorted) !== JSON.stringify(pairsBefore);
  }
  if (!diff && !pairsChanged) return false;
  if (diff)
    await w(ctx)
      .updateTable('listing')
      .set({ ...patch, updatedAt: ctx.clock.now() })
      .where('id', '=', id)
      .execute();
  if (pairs && pairsChanged) {
    await w(ctx).deleteFrom('listingSku').where('listingId', '=', id).execute();
    if (pairs.length) await w(ctx).insertInto('listingSku').values(pairs).execute();
  }
  await ctx.record({
    module: 'catalog',
    entity: 'listing',
    entityId: id,
    action: 'update',
    before: { ...toLogShape(diff?.before ?? {}, before), ...(pairsChanged ? { skus: pairsBefore } : {}) },
    after: {
      ...toLogShape(diff?.after ?? {}, next),
      ...(pairsChanged ? { skus: pairs?.map((p) => ({ skuId: p.skuId, quantity: p.quantity })) } : {}),
    },
    summary: before.sellerSku,
  });
  return true;
}

export async function deleteListing(ctx: WriteContext, companyId: string, id: string): Promise<void> {
  const before = await findListing(ctx.trx, companyId, id);
  if (!before) throw notFound('Listing', id);
  await w(ctx).deleteFrom('listingSku').where('listingId', '=', id).execute();
  await w(ctx).deleteFrom('listing').where('id', '=', id).execute();
  await ctx.record({
    module: 'catalog',
    entity: 'listing',
    entityId: id,
    action: 'delete',
    before: toLogShape(before),
    summary: before.sellerSku,
  });
}

// ---------------- bulk (imports) ----------------
/** Bulk insert of import rows (precompiled multi-row statements; see insertMany). */
export async function bulkInsert<K extends 'sku' | 'listing' | 'listingSku'>(
  ctx: WriteContext,
  table: K,
  rows: CatalogTables[K][],
): Promise<void> {
  await insertMany(ctx.trx, table === 'listingSku' ? 'listing_sku' : table, rows);
}

export async function deletePairingsOf(ctx: WriteContext, listingIds: string[]): Promise<void> {
  for (let i = 0; i < listingIds.length; i += 500) {
    await w(ctx)
      .deleteFrom('listingSku')
      .where('listingId', 'in', listingIds.slice(i, i + 500))
      .execute();
  }
}

export async function setSkuFields(ctx: WriteContext, id: string, fields: Partial<SkuFields>, now: number) {
  await w(ctx)
    .updateTable('sku')
    .set({ ...fields, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function setListingFields(ctx: WriteContext, id: string, fields: Partial<ListingFields>, now: number) {
  await w(ctx)
    .updateTable('listing')
    .set({ ...fields, updatedAt: now })
    .where('id', '=', id)
    .execute();
}

export async function insertImportRun(ctx: WriteContext, row: ImportRunTable): Promise<void> {
  await w(ctx).insertInto('importRun').values(row).execute();
}

// ---------------- stats ----------------
export async function catalogStats(db: Handle, scope: ScopeFilter) {
  const skus = await skuQuery(db, { scope })
    .select((e) => e.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  const base = listingQuery(db, { scope });
  const [listings, byStatus, byMp, byCh] = await Promise.all([
    base.select((e) => e.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
    base
      .select(['listing.status as k', (e) => e.fn.countAll<number>().as('n')])
      .groupBy('listing.status')
      .execute(),
    base
      .select(['listing.marketplaceId as k', (e) => e.fn.countAll<number>().as('n')])
      .groupBy('listing.marketplaceId')
      .execute(),
    base
      .select(['listing.fulfillmentChannel as k', (e) => e.fn.countAll<number>().as('n')])
      .groupBy('listing.fulfillmentChannel')
      .execute(),
  ]);
  return {
    skuCount: Number(skus.n),
    listingCount: Number(listings.n),
    byStatus: byStatus.map((r) => ({ status: r.k, count: Number(r.n) })),
    byMarketplace: byMp.map((r) => ({ marketplaceId: r.k, count: Number(r.n) })),
    byFulfillment: byCh.map((r) => ({ channel: r.k, count: Number(r.n) })),
  };
}

export async function bulkInsertSpus(ctx: WriteContext, rows: SpuTable[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 2000)
    await w(ctx)
      .insertInto('spu')
      .values(rows.slice(i, i + 2000))
      .execute();
  for (const r of rows)
    await ctx.record({ module: 'catalog', entity: 'spu', entityId: r.id, action: 'create', after: r, summary: r.code });
}

/** Active listings of a store that have a price, ordered by marketplace and seller SKU (fee estimates read these). */
export async function listActiveListingsOfStore(db: Handle, companyId: string, storeId: string) {
  return t(db)
    .selectFrom('listing')
    .select(['marketplaceId', 'sellerSku', 'asin', 'priceMinor', 'currency', 'fulfillmentChannel'])
    .where('companyId', '=', companyId)
    .where('storeId', '=', storeId)
    .where('status', '=', 'active')
    .where('priceMinor', 'is not', null)
    .orderBy('marketplaceId')
    .orderBy('sellerSku')
    .execute();
}
