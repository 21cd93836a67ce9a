import type { ListOrdersQuery, OrderStatus } from '@yangfan/contracts';

import type { WriteContext } from '../../platform/audit.js';
import { localDate } from '../../platform/clock.js';
import { type AnyKysely, type AnyTransaction, containsText, insertMany, tables } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import {
  decideUpsert,
  mergeItemsBySku,
  type OrderRecord,
  orderTotalMinor,
  orderUnits,
  type StoredOrderState,
} from './order-records.js';
import type { AmazonOrderItemTable, AmazonOrderTable, OrdersTables } from './orders.tables.js';

type Handle = AnyKysely | AnyTransaction;
const t = (db: Handle) => tables<OrdersTables>(db);

export type OrderSource = 'api' | 'report' | 'import';

export interface UpsertOutcome {
  created: number;
  updated: number;
  unchanged: number;
  stale: number;
}

export interface OrderTarget {
  companyId: string;
  storeId: string;
  /** Marketplace id → IANA zone of its business day. */
  timeZoneOf: (marketplaceId: string) => string;
}

function safeMinor(v: bigint, what: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new AppError('INVALID_INPUT', `${what} ${v} is out of range`);
  return n;
}

const CHUNK = 400;

/**
 * Writes a batch of orders idempotently on Amazon's key (store, amazonOrderId): new orders are inserted, newer
 * versions replace the stored order and its lines, older or identical versions change nothing. A status change adds
 * an event to the order's history. One operation-log entry summarises the batch.
 */
export async function upsertOrders(
  ctx: WriteContext,
  target: OrderTarget,
  records: readonly OrderRecord[],
  source: OrderSource,
): Promise<UpsertOutcome> {
  const out: UpsertOutcome = { created: 0, updated: 0, unchanged: 0, stale: 0 };
  if (records.length === 0) return out;
  const db = t(ctx.trx);
  const now = ctx.clock.now();
  // The last version of each order in the batch wins (a file may list an order twice).
  const latest = new Map<string, OrderRecord>();
  for (const r of records) {
    const prev = latest.get(r.amazonOrderId);
    if (!prev || r.lastUpdatedAt >= prev.lastUpdatedAt) latest.set(r.amazonOrderId, r);
  }
  const ids = [...latest.keys()];
  const stored = new Map<string, StoredOrderState & { id: string }>();
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('amazonOrder')
      .select(['id', 'amazonOrderId', 'lastUpdatedAt', 'status', 'totalMinor', 'units', 'source'])
      .where('storeId', '=', target.storeId)
      .where('amazonOrderId', 'in', ids.slice(i, i + CHUNK))
      .execute();
    for (const r of rows)
      stored.set(r.amazonOrderId, {
        id: r.id,
        lastUpdatedAt: r.lastUpdatedAt,
        status: r.status as OrderStatus,
        totalMinor: BigInt(r.totalMinor),
        units: r.units,
        source: r.source,
      });
  }
  const orderRows: AmazonOrderTable[] = [];
  const itemRows: AmazonOrderItemTable[] = [];
  const events: { id: string; orderId: string; status: string; at: number; source: string; recordedAt: number }[] = [];
  const replaced: string[] = [];
  for (const r of latest.values()) {
    const items = mergeItemsBySku(r.items);
    const merged = { ...r, items };
    const totalMinor = orderTotalMinor(merged);
    const units = orderUnits(merged);
    const prev = stored.get(r.amazonOrderId);
    const decision = decideUpsert(prev, {
      lastUpdatedAt: r.lastUpdatedAt,
      status: r.status,
      totalMinor,
      units,
      source,
    });
    if (decision === 'stale' || decision === 'unchanged') {
      out[decision]++;
      continue;
    }
    const id = prev?.id ?? newId('ord');
    const row: AmazonOrderTable = {
      id,
      companyId: target.companyId,
      storeId: target.storeId,
      marketplaceId: r.marketplaceId,
      amazonOrderId: r.amazonOrderId,
      purchaseAt: r.purchaseAt,
      purchaseDate: localDate(r.purchaseAt, target.timeZoneOf(r.marketplaceId)),
      lastUpdatedAt: r.lastUpdatedAt,
      status: r.status,
      fulfillmentChannel: r.fulfillmentChannel,
      salesChannel: r.salesChannel,
      serviceLevel: r.serviceLevel,
      isPrime: r.isPrime ? 1 : 0,
      isBusiness: r.isBusiness ? 1 : 0,
      currency: r.currency,
      totalMinor: safeMinor(totalMinor, `Total of order ${r.amazonOrderId}`),
      units,
      skus: JSON.stringify(items.map((i) => i.sellerSku)),
      shipCity: r.shipCity,
      shipRegion: r.shipRegion,
      shipPostalCode: r.shipPostalCode,
      shipCountry: r.shipCountry,
      source,
      syncedAt: now,
      createdAt: now,
    };
    if (prev) {
      const { id: _id, createdAt: _c, ...changes } = row;
      await db.updateTable('amazonOrder').set(changes).where('id', '=', id).execute();
      replaced.push(id);
      out.updated++;
    } else {
      orderRows.push(row);
      out.created++;
    }
    for (const i of items)
      itemRows.push({
        id: newId('ori'),
        orderId: id,
        orderItemId: i.orderItemId,
        sellerSku: i.sellerSku,
        asin: i.asin,
        title: i.title,
        quantity: i.quantity,
        quantityShipped: i.quantityShipped,
        itemPriceMinor: safeMinor(i.itemPriceMinor, 'Item price'),
        shippingPriceMinor: safeMinor(i.shippingPriceMinor, 'Shipping price'),
        discountMinor: safeMinor(i.discountMinor, 'Discount'),
        taxMinor: safeMinor(i.taxMinor, 'Tax'),
        promotionIds: JSON.stringify(i.promotionIds),
      });
    if (!prev || prev.status !== r.status)
      events.push({ id: newId('ore'), orderId: id, status: r.status, at: r.lastUpdatedAt, source, recordedAt: now });
  }
  for (let i = 0; i < replaced.length; i += CHUNK)
    await db
      .deleteFrom('amazonOrderItem')
      .where('orderId', 'in', replaced.slice(i, i + CHUNK))
      .execute();
  await insertMany(ctx.trx, 'amazon_order', orderRows, 50);
  await insertMany(ctx.trx, 'amazon_order_item', itemRows, 50);
  for (let i = 0; i < events.length; i += 100)
    await db
      .insertInto('amazonOrderEvent')
      .values(events.slice(i, i + 100))
      .onConflict((oc) => oc.columns(['orderId', 'status']).doNothing())
      .execute();
  if (out.created + out.updated > 0)
    await ctx.record({
      module: 'orders',
      entity: 'order',
      entityId: null,
      action: 'sync',
      summary: `${source}: ${out.created} created, ${out.updated} updated, ${out.unchanged} unchanged, ${out.stale} older than stored`,
      after: { storeId: target.storeId, created: out.created, updated: out.updated, first: ids[0], last: ids.at(-1) },
    });
  return out;
}

export interface OrderFilter extends Omit<ListOrdersQuery, 'limit' | 'offset' | 'sort'> {
  /** The caller's data scope; null = all stores. */
  storeIds: string[] | null;
  marketplaceIds: string[] | null;
}

function filtered(db: Handle, companyId: string, f: OrderFilter) {
  let q = t(db).selectFrom('amazonOrder').where('amazonOrder.companyId', '=', companyId);
  if (f.storeIds) q = q.where('amazonOrder.storeId', 'in', f.storeIds.length ? f.storeIds : ['-']);
  if (f.marketplaceIds)
    q = q.where('amazonOrder.marketplaceId', 'in', f.marketplaceIds.length ? f.marketplaceIds : ['-']);
  if (f.storeId) q = q.where('amazonOrder.storeId', '=', f.storeId);
  if (f.marketplaceId) q = q.where('amazonOrder.marketplaceId', '=', f.marketplaceId);
  if (f.status?.length) q = q.where('amazonOrder.status', 'in', f.status);
  if (f.channel) q = q.where('amazonOrder.fulfillmentChannel', '=', f.channel);
  if (f.from) q = q.where('amazonOrder.purchaseDate', '>=', f.from);
  if (f.to) q = q.where('amazonOrder.purchaseDate', '<=', f.to);
  const text = f.q?.trim();
  if (text)
    q = q.where((eb) =>
      eb.or([eb('amazonOrder.amazonOrderId', '=', text), containsText(db, 'amazon_order.skus', text)]),
    );
  return q;
}

const SORTABLE = {
  purchaseAt: 'amazonOrder.purchaseAt',
  lastUpdatedAt: 'amazonOrder.lastUpdatedAt',
  total: 'amazonOrder.totalMinor',
  units: 'amazonOrder.units',
  status: 'amazonOrder.status',
  amazonOrderId: 'amazonOrder.amazonOrderId',
} as const;

export async function listOrders(
  db: Handle,
  companyId: string,
  f: OrderFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
): Promise<{ rows: AmazonOrderTable[]; total: number }> {
  const [sortField, dir] = (page.sort ?? 'purchaseAt:desc').split(',')[0]!.split(':') as [string, 'asc' | 'desc'];
  const col = SORTABLE[sortField as keyof typeof SORTABLE];
  if (!col) throw new AppError('INVALID_INPUT', `Cannot sort by ${sortField}`, { field: 'sort' });
  const [rows, count] = await Promise.all([
    filtered(db, companyId, f)
      .selectAll('amazonOrder')
      .orderBy(col, dir)
      .orderBy('amazonOrder.id', dir)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filtered(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Counts, units, revenue per currency, orders per status and per purchase day for a filter. */
export async function orderStats(db: Handle, companyId: string, f: OrderFilter) {
  const [totals, revenue, byStatus, byDay] = await Promise.all([
    filtered(db, companyId, f)
      .select((eb) => [eb.fn.countAll<number>().as('orders'), eb.fn.sum<number>('amazonOrder.units').as('units')])
      .executeTakeFirstOrThrow(),
    filtered(db, companyId, f)
      .where('amazonOrder.status', '!=', 'CANCELLED')
      .select(['amazonOrder.currency', (eb) => eb.fn.sum<number>('amazonOrder.totalMinor').as('total')])
      .groupBy('amazonOrder.currency')
      .orderBy('amazonOrder.currency')
      .execute(),
    filtered(db, companyId, f)
      .select(['amazonOrder.status', (eb) => eb.fn.countAll<number>().as('orders')])
      .groupBy('amazonOrder.status')
      .execute(),
    filtered(db, companyId, f)
      .select([
        'amazonOrder.purchaseDate',
        (eb) => eb.fn.countAll<number>().as('orders'),
        (eb) => eb.fn.sum<number>('amazonOrder.units').as('units'),
      ])
      .groupBy('amazonOrder.purchaseDate')
      .orderBy('amazonOrder.purchaseDate')
      .execute(),
  ]);
  return {
    orders: Number(totals.orders),
    units: Number(totals.units ?? 0),
    revenue: revenue.map((r) => ({ currency: r.currency, totalMinor: BigInt(r.total ?? 0) })),
    byStatus: byStatus.map((r) => ({ status: r.status as OrderStatus, orders: Number(r.orders) })),
    byDay: byDay.map((r) => ({ date: r.purchaseDate, orders: Number(r.orders), units: Number(r.units ?? 0) })),
  };
}

export async function getOrder(db: Handle, companyId: string, id: string) {
  const order = await t(db)
    .selectFrom('amazonOrder')
    .selectAll()
    .where('companyId', '=', companyId)
    .where((eb) => eb.or([eb('id', '=', id), eb('amazonOrderId', '=', id)]))
    .executeTakeFirst();
  if (!order) throw notFound('Order', id);
  const [items, history] = await Promise.all([
    t(db).selectFrom('amazonOrderItem').selectAll().where('orderId', '=', order.id).orderBy('sellerSku').execute(),
    t(db).selectFrom('amazonOrderEvent').selectAll().where('orderId', '=', order.id).orderBy('at').execute(),
  ]);
  return { order, items, history };
}

/** Amazon order ids of a store with their last update (for reconciliation against a source's ground truth). */
export async function listOrderVersions(
  db: Handle,
  storeId: string,
): Promise<Map<string, { lastUpdatedAt: number; status: string; units: number }>> {
  const rows = await t(db)
    .selectFrom('amazonOrder')
    .select(['amazonOrderId', 'lastUpdatedAt', 'status', 'units'])
    .where('storeId', '=', storeId)
    .execute();
  return new Map(
    rows.map((r) => [r.amazonOrderId, { lastUpdatedAt: r.lastUpdatedAt, status: r.status, units: r.units }]),
  );
}

export async function countOrdersOfStore(db: Handle, storeId: string): Promise<number> {
  const r = await t(db)
    .selectFrom('amazonOrder')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('storeId', '=', storeId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
