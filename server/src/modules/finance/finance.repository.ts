import type { WriteContext } from '../../platform/audit.js';
import { localDate } from '../../platform/clock.js';
import { type AnyKysely, type AnyTransaction, tables } from '../../platform/db/database.js';
import { notFound } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { findMarketplace } from '../stores/index.js';
import type {
  FbaReimbursementTable,
  FbaStorageFeeTable,
  FinanceEventLineTable,
  FinanceTables,
  SettlementLineTable,
  SettlementTable,
} from './finance.tables.js';
import { minorNumber } from './finance-amounts.js';
import type { FinanceLineRecord } from './financial-events-mapper.js';
import type { ReimbursementRecord, StorageFeeRecord } from './parsers/fba-finance-reports.js';
import { marketplaceFor } from './parsers/flat-rows.js';
import type { SettlementRecord } from './parsers/settlement-report.js';

type Handle = AnyKysely | AnyTransaction;
const t = (db: Handle) => tables<FinanceTables>(db);

export interface FinanceTarget {
  companyId: string;
  storeId: string;
  marketplaces: readonly { marketplaceId: string; currency: string; timeZone: string }[];
  timeZoneOf: (marketplaceId: string) => string;
}

export interface WriteOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

const CHUNK = 100;

/** The zone of a marketplace, else the store's first marketplace's (lines Amazon gives no marketplace for). */
function zoneOf(target: FinanceTarget, marketplaceId: string | null): string {
  if (marketplaceId) return target.timeZoneOf(marketplaceId);
  return target.marketplaces[0]?.timeZone ?? 'UTC';
}

/**
 * Writes financial event lines on their deterministic key: a line already stored is left as it is (Amazon's posted
 * events do not change), so re-reading a window changes nothing. One operation-log entry per batch.
 */
export async function insertEventLines(
  ctx: WriteContext,
  target: FinanceTarget,
  lines: readonly FinanceLineRecord[],
): Promise<WriteOutcome> {
  const out: WriteOutcome = { created: 0, updated: 0, unchanged: 0 };
  if (lines.length === 0) return out;
  const now = ctx.clock.now();
  const unique = new Map(lines.map((l) => [l.lineKey, l]));
  const rows: FinanceEventLineTable[] = [...unique.values()].map((l) => ({
    id: newId('fel'),
    companyId: target.companyId,
    storeId: target.storeId,
    marketplaceId: l.marketplaceId,
    lineKey: l.lineKey,
    eventType: l.eventType,
    postedAt: l.postedAt,
    postedDate: localDate(l.postedAt, zoneOf(target, l.marketplaceId)),
    postedAtEstimated: l.postedAtEstimated ? 1 : 0,
    amazonOrderId: l.amazonOrderId,
    sellerSku: l.sellerSku,
    orderItemId: l.orderItemId,
    adjustmentId: l.adjustmentId,
    lineKind: l.lineKind,
    chargeType: l.chargeType,
    currency: l.currency,
    amountMinor: minorNumber(l.amountMinor, 'Amount'),
    quantity: l.quantity,
    syncedAt: now,
  }));
  for (let i = 0; i < rows.length; i += CHUNK) {
    const r = await t(ctx.trx)
      .insertInto('financeEventLine')
      .values(rows.slice(i, i + CHUNK))
      .onConflict((oc) => oc.columns(['storeId', 'lineKey']).doNothing())
      .executeTakeFirst();
    out.created += Number(r.numInsertedOrUpdatedRows ?? 0n);
  }
  out.unchanged = rows.length - out.created;
  if (out.created > 0)
    await ctx.record({
      module: 'finance',
      entity: 'financial_event_line',
      entityId: null,
      action: 'sync',
      summary: `${out.created} financial event lines stored, ${out.unchanged} already stored`,
      after: { storeId: target.storeId, created: out.created },
    });
  return out;
}

/**
 * Writes settlements on (store, settlement id): a new one is inserted with its lines, a changed one (other digest)
 * has its lines replaced, an identical re-read changes nothing. One operation-log entry per batch.
 */
export async function upsertSettlements(
  ctx: WriteContext,
  target: FinanceTarget,
  records: readonly SettlementRecord[],
  source: 'api' | 'import',
  reportId: string | null,
): Promise<WriteOutcome> {
  const out: WriteOutcome = { created: 0, updated: 0, unchanged: 0 };
  const db = t(ctx.trx);
  const now = ctx.clock.now();
  const written: string[] = [];
  for (const s of records) {
    const prev = await db
      .selectFrom('settlement')
      .select(['id', 'digest'])
      .where('storeId', '=', target.storeId)
      .where('settlementId', '=', s.settlementId)
      .executeTakeFirst();
    if (prev?.digest === s.digest) {
      out.unchanged++;
      continue;
    }
    const market = marketplaceFor(target.marketplaces, s.marketplaceName, s.currency);
    const zone = zoneOf(target, market?.marketplaceId ?? null);
    const id = prev?.id ?? newId('stl');
    const row: SettlementTable = {
      id,
      companyId: target.companyId,
      storeId: target.storeId,
      marketplaceId: market?.marketplaceId ?? null,
      settlementId: s.settlementId,
      startAt: s.startAt,
      endAt: s.endAt,
      endDate: localDate(s.endAt, zone),
      depositAt: s.depositAt,
      depositDate: s.depositAt === null ? null : localDate(s.depositAt, zone),
      currency: s.currency,
      totalMinor: minorNumber(s.totalMinor, 'Settlement total'),
      lineCount: s.lines.length,
      digest: s.digest,
      source,
      reportId,
      importedAt: now,
    };
    if (prev) {
      const { id: _id, ...changes } = row;
      await db.updateTable('settlement').set(changes).where('id', '=', id).execute();
      await db.deleteFrom('settlementLine').where('settlementPk', '=', id).execute();
      out.updated++;
    } else {
      await db.insertInto('settlement').values(row).execute();
      out.created++;
    }
    const lines: SettlementLineTable[] = s.lines.map((l) => ({
      id: newId('stll'),
      settlementPk: id,
      lineNo: l.lineNo,
      transactionType: l.transactionType,
      orderId: l.orderId,
      adjustmentId: l.adjustmentId,
      shipmentId: l.shipmentId,
      marketplaceName: l.marketplaceName,
      amountType: l.amountType,
      amountDescription: l.amountDescription,
      amountMinor: minorNumber(l.amountMinor, 'Amount'),
      fulfillmentId: l.fulfillmentId,
      postedAt: l.postedAt,
      postedDate: l.postedAt === null ? null : localDate(l.postedAt, zone),
      orderItemCode: l.orderItemCode,
      sku: l.sku,
      quantity: l.quantity,
      promotionId: l.promotionId,
    }));
    for (let i = 0; i < lines.length; i += CHUNK)
      await db
        .insertInto('settlementLine')
        .values(lines.slice(i, i + CHUNK))
        .execute();
    written.push(s.settlementId);
  }
  if (written.length > 0)
    await ctx.record({
      module: 'finance',
      entity: 'settlement',
      entityId: written.length === 1 ? written[0]! : null,
      action: 'sync',
      summary: `${source}: settlements ${written.join(', ')} (${out.created} created, ${out.updated} replaced)`,
      after: { storeId: target.storeId, settlementIds: written },
    });
  return out;
}

/** Upserts reimbursements on (store, reimbursement id, SKU). */
export async function upsertReimbursements(
  ctx: WriteContext,
  target: FinanceTarget,
  records: readonly ReimbursementRecord[],
): Promise<WriteOutcome> {
  const out: WriteOutcome = { created: 0, updated: 0, unchanged: 0 };
  if (records.length === 0) return out;
  const db = t(ctx.trx);
  const now = ctx.clock.now();
  const latest = new Map(records.map((r) => [`${r.reimbursementId}|${r.sku}`, r]));
  for (const r of latest.values()) {
    const market = marketplaceFor(target.marketplaces, null, r.currency);
    const row: Omit<FbaReimbursementTable, 'id' | 'syncedAt'> = {
      companyId: target.companyId,
      storeId: target.storeId,
      reimbursementId: r.reimbursementId,
      sku: r.sku,
      approvalAt: r.approvalAt,
      approvalDate: localDate(r.approvalAt, zoneOf(target, market?.marketplaceId ?? null)),
      caseId: r.caseId,
      amazonOrderId: r.amazonOrderId,
      reason: r.reason,
      fnsku: r.fnsku,
      asin: r.asin,
      productName: r.productName,
      condition: r.condition,
      currency: r.currency,
      amountPerUnitMinor: minorNumber(r.amountPerUnitMinor, 'Amount per unit'),
      amountTotalMinor: minorNumber(r.amountTotalMinor, 'Amount'),
      quantityCash: r.quantityCash,
      quantityInventory: r.quantityInventory,
      quantityTotal: r.quantityTotal,
      originalReimbursementId: r.originalReimbursementId,
      originalReimbursementType: r.originalReimbursementType,
    };
    const prev = await db
      .selectFrom('fbaReimbursement')
      .selectAll()
      .where('storeId', '=', target.storeId)
      .where('reimbursementId', '=', r.reimbursementId)
      .where('sku', '=', r.sku)
      .executeTakeFirst();
    if (!prev) {
      await db
        .insertInto('fbaReimbursement')
        .values({ ...row, id: newId('frb'), syncedAt: now })
        .execute();
      out.created++;
    } else if (Object.entries(row).some(([k, v]) => String(prev[k as keyof typeof prev]) !== String(v))) {
      await db
        .updateTable('fbaReimbursement')
        .set({ ...row, syncedAt: now })
        .where('id', '=', prev.id)
        .execute();
      out.updated++;
    } else out.unchanged++;
  }
  if (out.created + out.updated > 0)
    await ctx.record({
      module: 'finance',
      entity: 'fba_reimbursement',
      entityId: null,
      action: 'sync',
      summary: `${out.created} reimbursements created, ${out.updated} updated, ${out.unchanged} unchanged`,
      after: { storeId: target.storeId, created: out.created, updated: out.updated },
    });
  return out;
}

/** Upserts monthly storage fees on (store, month, FNSKU, fulfillment center, country). */
export async function upsertStorageFees(
  ctx: WriteContext,
  target: FinanceTarget,
  records: readonly StorageFeeRecord[],
): Promise<WriteOutcome> {
  const out: WriteOutcome = { created: 0, updated: 0, unchanged: 0 };
  if (records.length === 0) return out;
  const db = t(ctx.trx);
  const now = ctx.clock.now();
  const latest = new Map(
    records.map((r) => [`${r.monthOfCharge}|${r.fnsku}|${r.fulfillmentCenter}|${r.countryCode}`, r]),
  );
  for (const r of latest.values()) {
    const row: Omit<FbaStorageFeeTable, 'id' | 'syncedAt'> = {
      companyId: target.companyId,
      storeId: target.storeId,
      monthOfCharge: r.monthOfCharge,
      fnsku: r.fnsku,
      fulfillmentCenter: r.fulfillmentCenter,
      countryCode: r.countryCode,
      asin: r.asin,
      productName: r.productName,
      productSizeTier: r.productSizeTier,
      averageQuantityOnHand: r.averageQuantityOnHand,
      averageQuantityPendingRemoval: r.averageQuantityPendingRemoval,
      itemVolume: r.itemVolume,
      volumeUnits: r.volumeUnits,
      storageRate: r.storageRate,
      currency: r.currency,
      feeMinor: minorNumber(r.feeMinor, 'Storage fee'),
    };
    const prev = await db
      .selectFrom('fbaStorageFee')
      .selectAll()
      .where('storeId', '=', target.storeId)
      .where('monthOfCharge', '=', r.monthOfCharge)
      .where('fnsku', '=', r.fnsku)
      .where('fulfillmentCenter', '=', r.fulfillmentCenter)
      .where('countryCode', '=', r.countryCode)
      .executeTakeFirst();
    if (!prev) {
      await db
        .insertInto('fbaStorageFee')
        .values({ ...row, id: newId('fsf'), syncedAt: now })
        .execute();
      out.created++;
    } else if (Object.entries(row).some(([k, v]) => String(prev[k as keyof typeof prev]) !== String(v))) {
      await db
        .updateTable('fbaStorageFee')
        .set({ ...row, syncedAt: now })
        .where('id', '=', prev.id)
        .execute();
      out.updated++;
    } else out.unchanged++;
  }
  if (out.created + out.updated > 0)
    await ctx.record({
      module: 'finance',
      entity: 'fba_storage_fee',
      entityId: null,
      action: 'sync',
      summary: `${out.created} storage fee rows created, ${out.updated} updated, ${out.unchanged} unchanged`,
      after: { storeId: target.storeId, created: out.created, updated: out.updated },
    });
  return out;
}

// ---- reads ----

export interface EventFilter {
  storeIds: string[] | null;
  marketplaceIds: string[] | null;
  storeId?: string | undefined;
  marketplaceId?: string | undefined;
  eventType?: string | undefined;
  amazonOrderId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

function filteredEvents(db: Handle, companyId: string, f: EventFilter) {
  let q = t(db).selectFrom('financeEventLine').where('companyId', '=', companyId);
  if (f.storeIds) q = q.where('storeId', 'in', f.storeIds.length ? f.storeIds : ['-']);
  if (f.marketplaceIds) q = q.where('marketplaceId', 'in', f.marketplaceIds.length ? f.marketplaceIds : ['-']);
  if (f.storeId) q = q.where('storeId', '=', f.storeId);
  if (f.marketplaceId) q = q.where('marketplaceId', '=', f.marketplaceId);
  if (f.eventType) q = q.where('eventType', '=', f.eventType);
  if (f.amazonOrderId) q = q.where('amazonOrderId', '=', f.amazonOrderId);
  if (f.from) q = q.where('postedDate', '>=', f.from);
  if (f.to) q = q.where('postedDate', '<=', f.to);
  const text = f.q?.trim();
  if (text)
    q = q.where((eb) =>
      eb.or([eb('amazonOrderId', '=', text), eb('sellerSku', '=', text), eb('chargeType', '=', text)]),
    );
  return q;
}

const EVENT_SORT = {
  postedAt: 'postedAt',
  amount: 'amountMinor',
  chargeType: 'chargeType',
  eventType: 'eventType',
  amazonOrderId: 'amazonOrderId',
} as const;

export async function listEventLines(
  db: Handle,
  companyId: string,
  f: EventFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
): Promise<{ rows: FinanceEventLineTable[]; total: number }> {
  const [field, dir] = (page.sort ?? 'postedAt:desc').split(',')[0]!.split(':') as [string, 'asc' | 'desc'];
  const col = EVENT_SORT[field as keyof typeof EVENT_SORT] ?? 'postedAt';
  const [rows, count] = await Promise.all([
    filteredEvents(db, companyId, f)
      .selectAll()
      .orderBy(col, dir)
      .orderBy('lineKey')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filteredEvents(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Every line of one order (all stores of the company; the service applies the data scope). */
export async function eventLinesOfOrder(db: Handle, companyId: string, amazonOrderId: string) {
  return t(db)
    .selectFrom('financeEventLine')
    .selectAll()
    .where('companyId', '=', companyId)
    .where('amazonOrderId', '=', amazonOrderId)
    .orderBy('postedAt')
    .orderBy('lineKey')
    .execute();
}

export interface SettlementFilter {
  storeIds: string[] | null;
  marketplaceIds: string[] | null;
  storeId?: string | undefined;
  marketplaceId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  q?: string | undefined;
}

function filteredSettlements(db: Handle, companyId: string, f: SettlementFilter) {
  let q = t(db).selectFrom('settlement').where('companyId', '=', companyId);
  if (f.storeIds) q = q.where('storeId', 'in', f.storeIds.length ? f.storeIds : ['-']);
  if (f.marketplaceIds) q = q.where('marketplaceId', 'in', f.marketplaceIds.length ? f.marketplaceIds : ['-']);
  if (f.storeId) q = q.where('storeId', '=', f.storeId);
  if (f.marketplaceId) q = q.where('marketplaceId', '=', f.marketplaceId);
  if (f.from) q = q.where('endDate', '>=', f.from);
  if (f.to) q = q.where('endDate', '<=', f.to);
  if (f.q?.trim()) q = q.where('settlementId', '=', f.q.trim());
  return q;
}

const SETTLEMENT_SORT = { endAt: 'endAt', startAt: 'startAt', total: 'totalMinor', depositAt: 'depositAt' } as const;

export async function listSettlements(
  db: Handle,
  companyId: string,
  f: SettlementFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
): Promise<{ rows: SettlementTable[]; total: number }> {
  const [field, dir] = (page.sort ?? 'endAt:desc').split(',')[0]!.split(':') as [string, 'asc' | 'desc'];
  const col = SETTLEMENT_SORT[field as keyof typeof SETTLEMENT_SORT] ?? 'endAt';
  const [rows, count] = await Promise.all([
    filteredSettlements(db, companyId, f)
      .selectAll()
      .orderBy(col, dir)
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    filteredSettlements(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** A settlement by Yangfan id or Amazon settlement id, with its lines. */
export async function getSettlement(db: Handle, companyId: string, id: string) {
  const s = await t(db)
    .selectFrom('settlement')
    .selectAll()
    .where('companyId', '=', companyId)
    .where((eb) => eb.or([eb('id', '=', id), eb('settlementId', '=', id)]))
    .executeTakeFirst();
  if (!s) throw notFound('Settlement', id);
  const lines = await t(db)
    .selectFrom('settlementLine')
    .selectAll()
    .where('settlementPk', '=', s.id)
    .orderBy('lineNo')
    .execute();
  return { settlement: s, lines };
}

/** Event lines and settlements of a store (for reconciliation in tests and health checks). */
export async function countFinanceOfStore(db: Handle, storeId: string) {
  const [lines, settlements] = await Promise.all([
    t(db)
      .selectFrom('financeEventLine')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('storeId', '=', storeId)
      .executeTakeFirstOrThrow(),
    t(db)
      .selectFrom('settlement')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('storeId', '=', storeId)
      .executeTakeFirstOrThrow(),
  ]);
  return { eventLines: Number(lines.n), settlements: Number(settlements.n) };
}

export interface FbaFilter {
  storeIds: string[] | null;
  /** A marketplace-scoped caller: storage fees of those countries, reimbursements in those currencies. */
  marketplaceIds: string[] | null;
  storeId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  month?: string | undefined;
  q?: string | undefined;
}

export async function listReimbursements(
  db: Handle,
  companyId: string,
  f: FbaFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
): Promise<{ rows: FbaReimbursementTable[]; total: number }> {
  let q = t(db).selectFrom('fbaReimbursement').where('companyId', '=', companyId);
  if (f.storeIds) q = q.where('storeId', 'in', f.storeIds.length ? f.storeIds : ['-']);
  if (f.marketplaceIds) {
    const currencies = f.marketplaceIds.flatMap((id) => findMarketplace(id)?.currency ?? []);
    q = q.where('currency', 'in', currencies.length ? currencies : ['-']);
  }
  if (f.storeId) q = q.where('storeId', '=', f.storeId);
  if (f.from) q = q.where('approvalDate', '>=', f.from);
  if (f.to) q = q.where('approvalDate', '<=', f.to);
  const text = f.q?.trim();
  if (text)
    q = q.where((eb) =>
      eb.or([eb('sku', '=', text), eb('amazonOrderId', '=', text), eb('reimbursementId', '=', text)]),
    );
  const [field, dir] = (page.sort ?? 'approvalAt:desc').split(',')[0]!.split(':') as [string, 'asc' | 'desc'];
  const col = ({ approvalAt: 'approvalAt', amountTotal: 'amountTotalMinor', sku: 'sku' } as const)[
    field as 'approvalAt'
  ];
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy(col ?? 'approvalAt', dir)
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

export async function listStorageFees(
  db: Handle,
  companyId: string,
  f: FbaFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
): Promise<{ rows: FbaStorageFeeTable[]; total: number }> {
  let q = t(db).selectFrom('fbaStorageFee').where('companyId', '=', companyId);
  if (f.storeIds) q = q.where('storeId', 'in', f.storeIds.length ? f.storeIds : ['-']);
  if (f.marketplaceIds) {
    // Storage fee files write ISO country codes (GB for the UK marketplace).
    const countries = f.marketplaceIds.flatMap((id) => {
      const code = findMarketplace(id)?.code;
      return code ? [code === 'UK' ? 'GB' : code] : [];
    });
    q = q.where('countryCode', 'in', countries.length ? countries : ['-']);
  }
  if (f.storeId) q = q.where('storeId', '=', f.storeId);
  if (f.month) q = q.where('monthOfCharge', '=', f.month);
  const text = f.q?.trim();
  if (text) q = q.where((eb) => eb.or([eb('fnsku', '=', text), eb('asin', '=', text)]));
  const [field, dir] = (page.sort ?? 'monthOfCharge:desc').split(',')[0]!.split(':') as [string, 'asc' | 'desc'];
  const col = ({ monthOfCharge: 'monthOfCharge', fee: 'feeMinor', fnsku: 'fnsku' } as const)[field as 'monthOfCharge'];
  const [rows, count] = await Promise.all([
    q
      .selectAll()
      .orderBy(col ?? 'monthOfCharge', dir)
      .orderBy('feeMinor', 'desc')
      .orderBy('id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
