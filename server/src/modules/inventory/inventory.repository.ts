import type { WriteContext } from '../../platform/audit.js';
import { localDate } from '../../platform/clock.js';
import { type AnyKysely, type AnyTransaction, containsText, insertMany, tables } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type {
  FbaCustomerReturnTable,
  FbaInventoryDailyTable,
  FbaInventoryTable,
  FbaLedgerEventTable,
  InventoryTables,
} from './inventory.tables.js';
import {
  type LedgerRecord,
  ledgerKey,
  QUANTITY_FIELDS,
  type ReturnRecord,
  returnKey,
  type StockRecord,
  sameQuantities,
} from './inventory-records.js';

type Handle = AnyKysely | AnyTransaction;
const t = (db: Handle) => tables<InventoryTables>(db);

export type InventorySource = 'api' | 'report' | 'import';

export interface WriteOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

export interface InventoryTarget {
  companyId: string;
  storeId: string;
  timeZoneOf: (marketplaceId: string) => string;
}

const CHUNK = 400;
const chunks = <T>(xs: readonly T[], n = CHUNK): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
};

/**
 * Writes the FBA stock of SKUs as read at `capturedAt`: the current row per (store, marketplace, SKU) and the
 * snapshot of that marketplace-local day (the last value of the day wins). Rows equal to what is stored change
 * nothing. One operation-log entry per batch.
 */
export async function upsertStock(
  ctx: WriteContext,
  target: InventoryTarget,
  records: readonly StockRecord[],
  source: InventorySource,
  capturedAt: number,
): Promise<WriteOutcome> {
  const out: WriteOutcome = { created: 0, updated: 0, unchanged: 0 };
  if (records.length === 0) return out;
  const db = t(ctx.trx);
  const now = ctx.clock.now();
  const latest = new Map<string, StockRecord>();
  for (const r of records) latest.set(`${r.marketplaceId}|${r.sellerSku}`, r);
  const byMarket = new Map<string, StockRecord[]>();
  for (const r of latest.values()) byMarket.set(r.marketplaceId, [...(byMarket.get(r.marketplaceId) ?? []), r]);
  const inserts: FbaInventoryTable[] = [];
  const snapshotInserts: FbaInventoryDailyTable[] = [];
  let snapshotsChanged = 0;
  for (const [marketplaceId, list] of byMarket) {
    const date = localDate(capturedAt, target.timeZoneOf(marketplaceId));
    for (const part of chunks(list)) {
      const skus = part.map((r) => r.sellerSku);
      const [stored, snaps] = await Promise.all([
        db
          .selectFrom('fbaInventory')
          .selectAll()
          .where('storeId', '=', target.storeId)
          .where('marketplaceId', '=', marketplaceId)
          .where('sellerSku', 'in', skus)
          .execute(),
        db
          .selectFrom('fbaInventoryDaily')
          .selectAll()
          .where('storeId', '=', target.storeId)
          .where('marketplaceId', '=', marketplaceId)
          .where('snapshotDate', '=', date)
          .where('sellerSku', 'in', skus)
          .execute(),
      ]);
      const storedBySku = new Map(stored.map((r) => [r.sellerSku, r]));
      const snapBySku = new Map(snaps.map((r) => [r.sellerSku, r]));
      for (const r of part) {
        const q = Object.fromEntries(QUANTITY_FIELDS.map((k) => [k, r[k]])) as Pick<
          StockRecord,
          (typeof QUANTITY_FIELDS)[number]
        >;
        const prev = storedBySku.get(r.sellerSku);
        const descriptive = {
          fnsku: r.fnsku ?? prev?.fnsku ?? null,
          asin: r.asin ?? prev?.asin ?? null,
          productName: r.productName ?? prev?.productName ?? null,
          condition: r.condition ?? prev?.condition ?? null,
        };
        if (!prev) {
          inserts.push({
            id: newId('fbi'),
            companyId: target.companyId,
            storeId: target.storeId,
            marketplaceId,
            sellerSku: r.sellerSku,
            ...descriptive,
            ...q,
            amazonUpdatedAt: r.amazonUpdatedAt,
            source,
            syncedAt: now,
            createdAt: now,
          });
          out.created++;
        } else if (
          !sameQuantities(prev, q) ||
          (r.amazonUpdatedAt !== null && Number(prev.amazonUpdatedAt) !== r.amazonUpdatedAt) ||
          descriptive.fnsku !== prev.fnsku ||
          descriptive.asin !== prev.asin ||
          descriptive.productName !== prev.productName ||
          descriptive.condition !== prev.condition
        ) {
          await db
            .updateTable('fbaInventory')
            .set({
              ...descriptive,
              ...q,
              amazonUpdatedAt: r.amazonUpdatedAt ?? prev.amazonUpdatedAt,
              source,
              syncedAt: now,
            })
            .where('id', '=', prev.id)
            .execute();
          out.updated++;
        } else out.unchanged++;
        const snap = snapBySku.get(r.sellerSku);
        if (!snap) {
          snapshotInserts.push({
            companyId: target.companyId,
            storeId: target.storeId,
            marketplaceId,
            sellerSku: r.sellerSku,
            snapshotDate: date,
            ...q,
            capturedAt,
          });
          snapshotsChanged++;
        } else if (capturedAt >= Number(snap.capturedAt) && !sameQuantities(snap, q)) {
          await db
            .updateTable('fbaInventoryDaily')
            .set({ ...q, capturedAt })
            .where('storeId', '=', target.storeId)
            .where('marketplaceId', '=', marketplaceId)
            .where('sellerSku', '=', r.sellerSku)
            .where('snapshotDate', '=', date)
            .execute();
          snapshotsChanged++;
        }
      }
    }
  }
  await insertMany(ctx.trx, 'fba_inventory', inserts, 50);
  await insertMany(ctx.trx, 'fba_inventory_daily', snapshotInserts, 50);
  if (out.created + out.updated + snapshotsChanged > 0)
    await ctx.record({
      module: 'inventory',
      entity: 'fba_inventory',
      entityId: null,
      action: 'sync',
      summary: `${source}: ${out.created} created, ${out.updated} updated, ${out.unchanged} unchanged, ${snapshotsChanged} daily snapshots written`,
      after: { storeId: target.storeId, marketplaces: [...byMarket.keys()], skus: latest.size },
    });
  return out;
}

/**
 * Removes the current stock rows of a marketplace that Amazon's complete answer no longer lists (their daily
 * history stays). Returns how many were removed.
 */
export async function removeStockNotIn(
  ctx: WriteContext,
  storeId: string,
  marketplaceId: string,
  seen: ReadonlySet<string>,
): Promise<number> {
  const db = t(ctx.trx);
  const rows = await db
    .selectFrom('fbaInventory')
    .select(['id', 'sellerSku'])
    .where('storeId', '=', storeId)
    .where('marketplaceId', '=', marketplaceId)
    .execute();
  const gone = rows.filter((r) => !seen.has(r.sellerSku));
  for (const part of chunks(gone.map((r) => r.id)))
    await db.deleteFrom('fbaInventory').where('id', 'in', part).execute();
  if (gone.length)
    await ctx.record({
      module: 'inventory',
      entity: 'fba_inventory',
      entityId: null,
      action: 'delete',
      summary: `${gone.length} SKUs no longer listed by Amazon in ${marketplaceId}`,
      before: { storeId, marketplaceId, skus: gone.slice(0, 50).map((r) => r.sellerSku) },
    });
  return gone.length;
}

/** Writes ledger events idempotently on their natural key; later reconciliation counts update the stored event. */
export async function upsertLedgerEvents(
  ctx: WriteContext,
  target: InventoryTarget,
  records: readonly LedgerRecord[],
  source: InventorySource,
): Promise<WriteOutcome> {
  const out: WriteOutcome = { created: 0, updated: 0, unchanged: 0 };
  if (records.length === 0) return out;
  const db = t(ctx.trx);
  const now = ctx.clock.now();
  const byKey = new Map(records.map((r) => [ledgerKey(r), r]));
  const inserts: FbaLedgerEventTable[] = [];
  for (const keys of chunks([...byKey.keys()])) {
    const stored = await db
      .selectFrom('fbaLedgerEvent')
      .select(['id', 'naturalKey', 'reconciledQuantity', 'unreconciledQuantity', 'marketplaceId', 'asin', 'title'])
      .where('storeId', '=', target.storeId)
      .where('naturalKey', 'in', keys)
      .execute();
    const storedByKey = new Map(stored.map((s) => [s.naturalKey, s]));
    for (const k of keys) {
      const r = byKey.get(k)!;
      const prev = storedByKey.get(k);
      if (!prev) {
        inserts.push({
          id: newId('fle'),
          companyId: target.companyId,
          storeId: target.storeId,
          marketplaceId: r.marketplaceId,
          eventDate: r.eventDate,
          fnsku: r.fnsku,
          asin: r.asin,
          sellerSku: r.sellerSku,
          title: r.title,
          eventType: r.eventType,
          referenceId: r.referenceId,
          quantity: r.quantity,
          fulfillmentCenter: r.fulfillmentCenter,
          disposition: r.disposition,
          reason: r.reason,
          country: r.country,
          reconciledQuantity: r.reconciledQuantity,
          unreconciledQuantity: r.unreconciledQuantity,
          naturalKey: k,
          source,
          createdAt: now,
        });
        out.created++;
        continue;
      }
      const changes = {
        reconciledQuantity: r.reconciledQuantity,
        unreconciledQuantity: r.unreconciledQuantity,
        marketplaceId: r.marketplaceId ?? prev.marketplaceId,
        asin: r.asin ?? prev.asin,
        title: r.title ?? prev.title,
      };
      if (
        changes.reconciledQuantity !== prev.reconciledQuantity ||
        changes.unreconciledQuantity !== prev.unreconciledQuantity ||
        changes.marketplaceId !== prev.marketplaceId ||
        changes.asin !== prev.asin ||
        changes.title !== prev.title
      ) {
        await db.updateTable('fbaLedgerEvent').set(changes).where('id', '=', prev.id).execute();
        out.updated++;
      } else out.unchanged++;
    }
  }
  await insertMany(ctx.trx, 'fba_ledger_event', inserts, 50);
  if (out.created + out.updated > 0)
    await ctx.record({
      module: 'inventory',
      entity: 'fba_ledger_event',
      entityId: null,
      action: 'sync',
      summary: `${source}: ${out.created} ledger events created, ${out.updated} updated, ${out.unchanged} unchanged`,
      after: { storeId: target.storeId, first: records[0]?.eventDate, last: records.at(-1)?.eventDate },
    });
  return out;
}

const RETURN_FIELDS = [
  'marketplaceId',
  'asin',
  'fnsku',
  'productName',
  'quantity',
  'fulfillmentCenter',
  'disposition',
  'reason',
  'status',
  'licensePlateNumber',
  'customerComments',
] as const;

/** Writes customer returns idempotently on (store, order, SKU, license plate number or return instant). */
export async function upsertReturns(
  ctx: WriteContext,
  target: InventoryTarget & { defaultTimeZone: string },
  records: readonly ReturnRecord[],
  source: InventorySource,
): Promise<WriteOutcome> {
  const out: WriteOutcome = { created: 0, updated: 0, unchanged: 0 };
  if (records.length === 0) return out;
  const db = t(ctx.trx);
  const now = ctx.clock.now();
  const keyOf = (r: { amazonOrderId: string; sellerSku: string }, rk: string) =>
    `${r.amazonOrderId}|${r.sellerSku}|${rk}`;
  const byKey = new Map(records.map((r) => [keyOf(r, returnKey(r)), r]));
  const inserts: FbaCustomerReturnTable[] = [];
  const orders = [...new Set(records.map((r) => r.amazonOrderId))];
  for (const ids of chunks(orders)) {
    const stored = await db
      .selectFrom('fbaCustomerReturn')
      .selectAll()
      .where('storeId', '=', target.storeId)
      .where('amazonOrderId', 'in', ids)
      .execute();
    const storedByKey = new Map(stored.map((s) => [keyOf(s, s.returnKey), s]));
    const wanted = new Set(ids);
    for (const [k, r] of byKey) {
      if (!wanted.has(r.amazonOrderId)) continue;
      const marketplaceZone = r.marketplaceId ? target.timeZoneOf(r.marketplaceId) : target.defaultTimeZone;
      const prev = storedByKey.get(k);
      if (!prev) {
        inserts.push({
          id: newId('fcr'),
          companyId: target.companyId,
          storeId: target.storeId,
          marketplaceId: r.marketplaceId,
          returnAt: r.returnAt,
          returnDate: localDate(r.returnAt, marketplaceZone),
          amazonOrderId: r.amazonOrderId,
          sellerSku: r.sellerSku,
          asin: r.asin,
          fnsku: r.fnsku,
          productName: r.productName,
          quantity: r.quantity,
          fulfillmentCenter: r.fulfillmentCenter,
          disposition: r.disposition,
          reason: r.reason,
          status: r.status,
          licensePlateNumber: r.licensePlateNumber,
          customerComments: r.customerComments,
          returnKey: returnKey(r),
          source,
          syncedAt: now,
          createdAt: now,
        });
        out.created++;
        continue;
      }
      const next = { ...r, marketplaceId: r.marketplaceId ?? prev.marketplaceId };
      const changed = RETURN_FIELDS.some((f) => (next[f] ?? null) !== (prev[f] ?? null));
      if (!changed) {
        out.unchanged++;
        continue;
      }
      const zone = next.marketplaceId ? target.timeZoneOf(next.marketplaceId) : target.defaultTimeZone;
      await db
        .updateTable('fbaCustomerReturn')
        .set({
          ...Object.fromEntries(RETURN_FIELDS.map((f) => [f, next[f] ?? null])),
          returnAt: r.returnAt,
          returnDate: localDate(r.returnAt, zone),
          source,
          syncedAt: now,
        })
        .where('id', '=', prev.id)
        .execute();
      out.updated++;
    }
  }
  await insertMany(ctx.trx, 'fba_customer_return', inserts, 50);
  if (out.created + out.updated > 0)
    await ctx.record({
      module: 'inventory',
      entity: 'fba_customer_return',
      entityId: null,
      action: 'sync',
      summary: `${source}: ${out.created} returns created, ${out.updated} updated, ${out.unchanged} unchanged`,
      after: { storeId: target.storeId, first: orders[0], last: orders.at(-1) },
    });
  return out;
}

// ---- reads ---------------------------------------------------------------------------------------------------

export interface ScopeFilter {
  storeIds: string[] | null;
  marketplaceIds: string[] | null;
}

const inList = (xs: string[]) => (xs.length ? xs : ['-']);

export interface StockFilter extends ScopeFilter {
  storeId?: string | undefined;
  marketplaceId?: string | undefined;
  q?: string | undefined;
  inStock?: boolean | undefined;
}

function stockQuery(db: Handle, companyId: string, f: StockFilter) {
  let q = t(db).selectFrom('fbaInventory').where('companyId', '=', companyId);
  if (f.storeIds) q = q.where('storeId', 'in', inList(f.storeIds));
  if (f.marketplaceIds) q = q.where('marketplaceId', 'in', inList(f.marketplaceIds));
  if (f.storeId) q = q.where('storeId', '=', f.storeId);
  if (f.marketplaceId) q = q.where('marketplaceId', '=', f.marketplaceId);
  if (f.inStock) q = q.where('total', '>', 0);
  const text = f.q?.trim();
  if (text)
    q = q.where((eb) =>
      eb.or([
        containsText(db, 'seller_sku', text),
        eb('asin', '=', text.toUpperCase()),
        eb('fnsku', '=', text.toUpperCase()),
        containsText(db, 'product_name', text),
      ]),
    );
  return q;
}

const STOCK_SORT = {
  sellerSku: 'sellerSku',
  fulfillable: 'fulfillable',
  total: 'total',
  reserved: 'reserved',
  inboundShipped: 'inboundShipped',
  unfulfillable: 'unfulfillable',
  amazonUpdatedAt: 'amazonUpdatedAt',
} as const;

function sortOf<T extends Record<string, string>>(sort: string | undefined, allowed: T, fallback: string) {
  const [field, dir] = (sort ?? fallback).split(',')[0]!.split(':') as [string, 'asc' | 'desc'];
  const col = allowed[field as keyof T];
  if (!col) throw new AppError('INVALID_INPUT', `Cannot sort by ${field}`, { field: 'sort' });
  return { col: col as T[keyof T], dir };
}

export async function listStock(
  db: Handle,
  companyId: string,
  f: StockFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
) {
  const { col, dir } = sortOf(page.sort, STOCK_SORT, 'sellerSku:asc');
  const [rows, totals] = await Promise.all([
    stockQuery(db, companyId, f)
      .selectAll()
      .orderBy(col, dir)
      .orderBy('id', dir)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    stockQuery(db, companyId, f)
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>('fulfillable').as('fulfillable'),
        eb.fn.sum<number>('inboundWorking').as('inboundWorking'),
        eb.fn.sum<number>('inboundShipped').as('inboundShipped'),
        eb.fn.sum<number>('inboundReceiving').as('inboundReceiving'),
        eb.fn.sum<number>('reserved').as('reserved'),
        eb.fn.sum<number>('unfulfillable').as('unfulfillable'),
        eb.fn.sum<number>('researching').as('researching'),
        eb.fn.sum<number>('total').as('total'),
      ])
      .executeTakeFirstOrThrow(),
  ]);
  const { n, ...sums } = totals;
  return {
    rows,
    total: Number(n),
    totals: Object.fromEntries(Object.entries(sums).map(([k, v]) => [k, Number(v ?? 0)])) as Record<
      (typeof QUANTITY_FIELDS)[number],
      number
    >,
  };
}

/** Daily snapshots of one SKU (every marketplace of the filter), oldest first. */
export async function stockHistory(
  db: Handle,
  companyId: string,
  f: ScopeFilter & { storeId?: string | undefined; marketplaceId?: string | undefined },
  sku: string,
  from: string | undefined,
  to: string | undefined,
) {
  let q = t(db)
    .selectFrom('fbaInventoryDaily')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('sellerSku', '=', sku);
  if (f.storeIds) q = q.where('storeId', 'in', inList(f.storeIds));
  if (f.marketplaceIds) q = q.where('marketplaceId', 'in', inList(f.marketplaceIds));
  if (f.storeId) q = q.where('storeId', '=', f.storeId);
  if (f.marketplaceId) q = q.where('marketplaceId', '=', f.marketplaceId);
  if (from) q = q.where('snapshotDate', '>=', from);
  if (to) q = q.where('snapshotDate', '<=', to);
  return q.orderBy('snapshotDate').orderBy('storeId').orderBy('marketplaceId').limit(5000).execute();
}

export interface LedgerFilter extends ScopeFilter {
  storeId?: string | undefined;
  marketplaceId?: string | undefined;
  q?: string | undefined;
  eventType?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function ledgerQuery(db: Handle, companyId: string, f: LedgerFilter) {
  let q = t(db).selectFrom('fbaLedgerEvent').where('companyId', '=', companyId);
  if (f.storeIds) q = q.where('storeId', 'in', inList(f.storeIds));
  // A scoped user sees events of their marketplaces; events whose marketplace is unknown only without a limit.
  if (f.marketplaceIds) q = q.where('marketplaceId', 'in', inList(f.marketplaceIds));
  if (f.storeId) q = q.where('storeId', '=', f.storeId);
  if (f.marketplaceId) q = q.where('marketplaceId', '=', f.marketplaceId);
  if (f.eventType) q = q.where('eventType', '=', f.eventType);
  if (f.from) q = q.where('eventDate', '>=', f.from);
  if (f.to) q = q.where('eventDate', '<=', f.to);
  const text = f.q?.trim();
  if (text)
    q = q.where((eb) =>
      eb.or([
        eb('sellerSku', '=', text),
        eb('fnsku', '=', text.toUpperCase()),
        eb('asin', '=', text.toUpperCase()),
        eb('referenceId', '=', text),
      ]),
    );
  return q;
}

const LEDGER_SORT = {
  date: 'eventDate',
  eventDate: 'eventDate',
  sellerSku: 'sellerSku',
  eventType: 'eventType',
  quantity: 'quantity',
} as const;

export async function listLedger(
  db: Handle,
  companyId: string,
  f: LedgerFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
) {
  const { col, dir } = sortOf(page.sort, LEDGER_SORT, 'eventDate:desc');
  const [rows, count, byType] = await Promise.all([
    ledgerQuery(db, companyId, f)
      .selectAll()
      .orderBy(col, dir)
      .orderBy('naturalKey', dir)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    ledgerQuery(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
    ledgerQuery(db, companyId, f)
      .select([
        'eventType',
        (eb) => eb.fn.countAll<number>().as('events'),
        (eb) => eb.fn.sum<number>('quantity').as('units'),
      ])
      .groupBy('eventType')
      .orderBy('eventType')
      .execute(),
  ]);
  return {
    rows,
    total: Number(count.n),
    byType: byType.map((r) => ({ eventType: r.eventType, events: Number(r.events), units: Number(r.units ?? 0) })),
  };
}

export interface ReturnsFilter extends ScopeFilter {
  storeId?: string | undefined;
  marketplaceId?: string | undefined;
  q?: string | undefined;
  reason?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

function returnsQuery(db: Handle, companyId: string, f: ReturnsFilter) {
  let q = t(db).selectFrom('fbaCustomerReturn').where('companyId', '=', companyId);
  if (f.storeIds) q = q.where('storeId', 'in', inList(f.storeIds));
  if (f.marketplaceIds) q = q.where('marketplaceId', 'in', inList(f.marketplaceIds));
  if (f.storeId) q = q.where('storeId', '=', f.storeId);
  if (f.marketplaceId) q = q.where('marketplaceId', '=', f.marketplaceId);
  if (f.reason) q = q.where('reason', '=', f.reason);
  if (f.from) q = q.where('returnDate', '>=', f.from);
  if (f.to) q = q.where('returnDate', '<=', f.to);
  const text = f.q?.trim();
  if (text)
    q = q.where((eb) =>
      eb.or([
        eb('sellerSku', '=', text),
        eb('amazonOrderId', '=', text),
        eb('asin', '=', text.toUpperCase()),
        eb('fnsku', '=', text.toUpperCase()),
        eb('licensePlateNumber', '=', text.toUpperCase()),
      ]),
    );
  return q;
}

const RETURNS_SORT = {
  returnAt: 'returnAt',
  sellerSku: 'sellerSku',
  quantity: 'quantity',
  reason: 'reason',
  amazonOrderId: 'amazonOrderId',
} as const;

export async function listReturns(
  db: Handle,
  companyId: string,
  f: ReturnsFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
) {
  const { col, dir } = sortOf(page.sort, RETURNS_SORT, 'returnAt:desc');
  const [rows, count, byReason] = await Promise.all([
    returnsQuery(db, companyId, f)
      .selectAll()
      .orderBy(col, dir)
      .orderBy('id', dir)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    returnsQuery(db, companyId, f)
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.sum<number>('quantity').as('units')])
      .executeTakeFirstOrThrow(),
    returnsQuery(db, companyId, f)
      .select([
        'reason',
        (eb) => eb.fn.countAll<number>().as('returns'),
        (eb) => eb.fn.sum<number>('quantity').as('units'),
      ])
      .groupBy('reason')
      .execute(),
  ]);
  return {
    rows,
    total: Number(count.n),
    units: Number(count.units ?? 0),
    byReason: byReason
      .map((r) => ({ reason: r.reason ?? '', returns: Number(r.returns), units: Number(r.units ?? 0) }))
      .sort((a, b) => b.units - a.units || a.reason.localeCompare(b.reason)),
  };
}

/** Everything stored for a store (for reconciliation in tests and the health page). */
export async function stockOfStore(db: Handle, storeId: string) {
  return t(db).selectFrom('fbaInventory').selectAll().where('storeId', '=', storeId).execute();
}
export async function snapshotsOfStore(db: Handle, storeId: string) {
  return t(db).selectFrom('fbaInventoryDaily').selectAll().where('storeId', '=', storeId).execute();
}
export async function ledgerOfStore(db: Handle, storeId: string) {
  return t(db).selectFrom('fbaLedgerEvent').selectAll().where('storeId', '=', storeId).execute();
}
export async function returnsOfStore(db: Handle, storeId: string) {
  return t(db).selectFrom('fbaCustomerReturn').selectAll().where('storeId', '=', storeId).execute();
}
