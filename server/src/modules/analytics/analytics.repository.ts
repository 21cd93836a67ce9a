import { sql } from 'kysely';
import type { WriteContext } from '../../platform/audit.js';
import { type AnyKysely, type AnyTransaction, containsText, insertMany, tables } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AnalyticsTables } from './analytics.tables.js';
import type { SearchTermRecord } from './brand-analytics-report.js';
import type { FeeEstimateRecord } from './fee-estimates.js';
import type { AsinDayRecord, DayTotalRecord } from './sales-traffic-report.js';

type Handle = AnyKysely | AnyTransaction;
const t = (db: Handle) => tables<AnalyticsTables>(db);

export interface AnalyticsTarget {
  companyId: string;
  storeId: string;
}

export interface WriteOutcome {
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
}

const CHUNK = 400;
const changed = (o: WriteOutcome) => o.created + o.updated + o.deleted;

/**
 * Replaces a set of rows (one day, one week) with what Amazon reported: rows are matched on their natural key, new
 * ones inserted, different ones updated, missing ones deleted, identical ones left alone. So re-reading a period
 * changes nothing when Amazon's numbers did not change.
 */
async function replaceSet<R extends Record<string, unknown>>(
  ctx: WriteContext,
  table: 'trafficDaily' | 'trafficDailyTotal' | 'searchTermWeekly',
  snake: string,
  existing: readonly (R & { id: string })[],
  incoming: readonly R[],
  keyOf: (r: R) => string,
  compared: readonly (keyof R)[],
  extra: Record<string, unknown>,
): Promise<WriteOutcome> {
  const out: WriteOutcome = { created: 0, updated: 0, deleted: 0, unchanged: 0 };
  const db = t(ctx.trx);
  const stored = new Map(existing.map((r) => [keyOf(r), r]));
  const inserts: Record<string, unknown>[] = [];
  for (const r of incoming) {
    const prev = stored.get(keyOf(r));
    if (!prev) {
      inserts.push({ id: newId('anl'), ...r, ...extra });
      out.created++;
      continue;
    }
    stored.delete(keyOf(r));
    if (compared.every((k) => String(prev[k] ?? '') === String(r[k] ?? ''))) {
      out.unchanged++;
      continue;
    }
    await db
      .updateTable(table)
      .set({ ...r, ...extra } as never)
      .where('id', '=', prev.id)
      .execute();
    out.updated++;
  }
  const gone = [...stored.values()].map((r) => r.id);
  for (let i = 0; i < gone.length; i += CHUNK)
    await db
      .deleteFrom(table)
      .where('id', 'in', gone.slice(i, i + CHUNK))
      .execute();
  out.deleted = gone.length;
  await insertMany(ctx.trx, snake, inserts, 50);
  return out;
}

const TRAFFIC_FIELDS = [
  'browserSessions',
  'mobileSessions',
  'sessions',
  'browserPageViews',
  'mobilePageViews',
  'pageViews',
  'buyBoxBp',
  'unitsOrdered',
  'orderedSalesMinor',
  'currency',
  'totalOrderItems',
] as const;

/**
 * Writes one sales and traffic report of a marketplace: the ASIN rows of `date` and the day totals of [from, to]
 * replace what was stored for them. One operation-log entry when anything changed.
 */
export async function replaceTrafficDays(
  ctx: WriteContext,
  target: AnalyticsTarget,
  input: {
    marketplaceId: string;
    from: string;
    to: string;
    totals: readonly DayTotalRecord[];
    asins: readonly AsinDayRecord[];
    reportId: string | null;
  },
  source: 'report' | 'import',
): Promise<WriteOutcome> {
  const db = t(ctx.trx);
  const extra = {
    companyId: target.companyId,
    storeId: target.storeId,
    marketplaceId: input.marketplaceId,
    reportId: input.reportId,
    syncedAt: ctx.clock.now(),
  };
  const asinDates = [...new Set(input.asins.map((a) => a.salesDate)), ...(input.from === input.to ? [input.from] : [])];
  const storedAsins = asinDates.length
    ? await db
        .selectFrom('trafficDaily')
        .selectAll()
        .where('storeId', '=', target.storeId)
        .where('marketplaceId', '=', input.marketplaceId)
        .where('salesDate', 'in', [...new Set(asinDates)])
        .execute()
    : [];
  const a = await replaceSet(
    ctx,
    'trafficDaily',
    'traffic_daily',
    storedAsins,
    input.asins.map((r) => ({ ...r })),
    (r) => `${r.salesDate}|${r.childAsin}|${r.sku}`,
    [...TRAFFIC_FIELDS, 'parentAsin'],
    extra,
  );
  const storedTotals = await db
    .selectFrom('trafficDailyTotal')
    .selectAll()
    .where('storeId', '=', target.storeId)
    .where('marketplaceId', '=', input.marketplaceId)
    .where('salesDate', '>=', input.from)
    .where('salesDate', '<=', input.to)
    .execute();
  const b = await replaceSet(
    ctx,
    'trafficDailyTotal',
    'traffic_daily_total',
    storedTotals,
    input.totals.map((r) => ({ ...r })),
    (r) => r.salesDate,
    [...TRAFFIC_FIELDS, 'unitsRefunded', 'shippedSalesMinor', 'unitsShipped', 'ordersShipped'],
    extra,
  );
  const out: WriteOutcome = {
    created: a.created + b.created,
    updated: a.updated + b.updated,
    deleted: a.deleted + b.deleted,
    unchanged: a.unchanged + b.unchanged,
  };
  if (changed(out) > 0)
    await ctx.record({
      module: 'analytics',
      entity: 'traffic',
      entityId: null,
      action: 'sync',
      summary: `${source} ${input.reportId ?? ''} ${input.marketplaceId} ${input.from}${input.to !== input.from ? ` – ${input.to}` : ''}: ${out.created} created, ${out.updated} updated, ${out.deleted} removed, ${out.unchanged} unchanged`,
      after: { storeId: target.storeId, marketplaceId: input.marketplaceId, from: input.from, to: input.to, ...out },
    });
  return out;
}

/** Writes one week of Brand Analytics search terms of a marketplace (replacing that week). */
export async function replaceSearchTermWeek(
  ctx: WriteContext,
  target: AnalyticsTarget,
  input: {
    marketplaceId: string;
    weekStart: string;
    weekEnd: string;
    terms: readonly SearchTermRecord[];
    reportId: string | null;
  },
): Promise<WriteOutcome> {
  const db = t(ctx.trx);
  const stored = await db
    .selectFrom('searchTermWeekly')
    .selectAll()
    .where('storeId', '=', target.storeId)
    .where('marketplaceId', '=', input.marketplaceId)
    .where('weekStart', '=', input.weekStart)
    .execute();
  const rows = input.terms.map((r) => {
    const [c1, c2, c3] = r.clicked;
    return {
      weekStart: input.weekStart,
      weekEnd: input.weekEnd,
      departmentName: r.departmentName,
      searchTerm: r.searchTerm,
      searchFrequencyRank: r.searchFrequencyRank,
      asin1: c1?.asin ?? null,
      title1: c1?.title ?? null,
      clickShare1Bp: c1?.clickShareBp ?? null,
      conversionShare1Bp: c1?.conversionShareBp ?? null,
      asin2: c2?.asin ?? null,
      title2: c2?.title ?? null,
      clickShare2Bp: c2?.clickShareBp ?? null,
      conversionShare2Bp: c2?.conversionShareBp ?? null,
      asin3: c3?.asin ?? null,
      title3: c3?.title ?? null,
      clickShare3Bp: c3?.clickShareBp ?? null,
      conversionShare3Bp: c3?.conversionShareBp ?? null,
    };
  });
  const out = await replaceSet(
    ctx,
    'searchTermWeekly',
    'search_term_weekly',
    stored,
    rows,
    (r) => `${r.departmentName}|${r.searchTerm}`,
    Object.keys(rows[0] ?? { weekEnd: 0 }) as (keyof (typeof rows)[number])[],
    {
      companyId: target.companyId,
      storeId: target.storeId,
      marketplaceId: input.marketplaceId,
      reportId: input.reportId,
      syncedAt: ctx.clock.now(),
    },
  );
  if (changed(out) > 0)
    await ctx.record({
      module: 'analytics',
      entity: 'search-terms',
      entityId: null,
      action: 'sync',
      summary: `report ${input.reportId ?? ''} ${input.marketplaceId} week ${input.weekStart}: ${out.created} created, ${out.updated} updated, ${out.deleted} removed, ${out.unchanged} unchanged`,
      after: { storeId: target.storeId, marketplaceId: input.marketplaceId, weekStart: input.weekStart, ...out },
    });
  return out;
}

const FEE_FIELDS = [
  'asin',
  'currency',
  'isAmazonFulfilled',
  'referralFeeMinor',
  'fbaFeeMinor',
  'variableClosingFeeMinor',
  'perItemFeeMinor',
  'totalFeeMinor',
] as const;

/**
 * Writes fee estimates on (store, marketplace, SKU, price). An estimate with the same amounts as stored changes
 * nothing (its first estimation time is kept); different amounts replace the stored ones.
 */
export async function upsertFeeEstimates(
  ctx: WriteContext,
  target: AnalyticsTarget,
  records: readonly FeeEstimateRecord[],
): Promise<WriteOutcome> {
  const out: WriteOutcome = { created: 0, updated: 0, deleted: 0, unchanged: 0 };
  if (records.length === 0) return out;
  const db = t(ctx.trx);
  const now = ctx.clock.now();
  const keyOf = (r: { marketplaceId: string; sellerSku: string; priceMinor: number }) =>
    `${r.marketplaceId}|${r.sellerSku}|${r.priceMinor}`;
  const skus = [...new Set(records.map((r) => r.sellerSku))];
  const stored = new Map<string, Awaited<ReturnType<typeof loadFees>>[number]>();
  async function loadFees(list: string[]) {
    return db
      .selectFrom('feeEstimate')
      .selectAll()
      .where('storeId', '=', target.storeId)
      .where('sellerSku', 'in', list)
      .execute();
  }
  for (let i = 0; i < skus.length; i += CHUNK)
    for (const r of await loadFees(skus.slice(i, i + CHUNK)))
      stored.set(keyOf({ ...r, priceMinor: Number(r.priceMinor) }), r);
  const inserts: Record<string, unknown>[] = [];
  for (const r of records) {
    const row = {
      asin: r.asin,
      currency: r.currency,
      isAmazonFulfilled: r.isAmazonFulfilled ? 1 : 0,
      referralFeeMinor: r.referralFeeMinor,
      fbaFeeMinor: r.fbaFeeMinor,
      variableClosingFeeMinor: r.variableClosingFeeMinor,
      perItemFeeMinor: r.perItemFeeMinor,
      totalFeeMinor: r.totalFeeMinor,
    };
    const prev = stored.get(keyOf(r));
    if (!prev) {
      inserts.push({
        id: newId('fee'),
        companyId: target.companyId,
        storeId: target.storeId,
        marketplaceId: r.marketplaceId,
        sellerSku: r.sellerSku,
        priceMinor: r.priceMinor,
        ...row,
        estimatedAt: r.estimatedAt,
        syncedAt: now,
      });
      stored.set(keyOf(r), inserts.at(-1) as never);
      out.created++;
    } else if (FEE_FIELDS.every((k) => String(prev[k] ?? '') === String(row[k] ?? ''))) out.unchanged++;
    else {
      await db
        .updateTable('feeEstimate')
        .set({ ...row, estimatedAt: r.estimatedAt, syncedAt: now })
        .where('id', '=', prev.id)
        .execute();
      out.updated++;
    }
  }
  await insertMany(ctx.trx, 'fee_estimate', inserts, 50);
  if (out.created + out.updated > 0)
    await ctx.record({
      module: 'analytics',
      entity: 'fee-estimate',
      entityId: null,
      action: 'sync',
      summary: `getMyFeesEstimates: ${out.created} created, ${out.updated} updated, ${out.unchanged} unchanged`,
      after: { storeId: target.storeId, ...out, first: records[0]?.sellerSku, last: records.at(-1)?.sellerSku },
    });
  return out;
}

// ---------------------------------------------------------------- reads

export interface AnalyticsFilter {
  /** The caller's data scope; null = all stores / marketplaces. */
  storeIds: string[] | null;
  marketplaceIds: string[] | null;
  storeId?: string | undefined;
  marketplaceId?: string | undefined;
}

function scoped<Q extends { where: (...a: never[]) => Q }>(q: Q, table: string, f: AnalyticsFilter): Q {
  // biome-ignore lint/suspicious/noExplicitAny: the column names are built from a table alias
  let out = q as any;
  if (f.storeIds) out = out.where(`${table}.storeId`, 'in', f.storeIds.length ? f.storeIds : ['-']);
  if (f.marketplaceIds)
    out = out.where(`${table}.marketplaceId`, 'in', f.marketplaceIds.length ? f.marketplaceIds : ['-']);
  if (f.storeId) out = out.where(`${table}.storeId`, '=', f.storeId);
  if (f.marketplaceId) out = out.where(`${table}.marketplaceId`, '=', f.marketplaceId);
  return out as Q;
}

export interface TrafficFilter extends AnalyticsFilter {
  from?: string | undefined;
  to?: string | undefined;
  asin?: string | undefined;
}

function trafficRows(db: Handle, companyId: string, f: TrafficFilter) {
  let q = t(db).selectFrom('trafficDaily').where('trafficDaily.companyId', '=', companyId);
  q = scoped(q, 'trafficDaily', f);
  if (f.from) q = q.where('trafficDaily.salesDate', '>=', f.from);
  if (f.to) q = q.where('trafficDaily.salesDate', '<=', f.to);
  if (f.asin)
    q = q.where((eb) =>
      eb.or([
        eb('trafficDaily.childAsin', '=', f.asin!),
        eb('trafficDaily.parentAsin', '=', f.asin!),
        eb('trafficDaily.sku', '=', f.asin!),
      ]),
    );
  return q;
}

function totalRows(db: Handle, companyId: string, f: TrafficFilter) {
  let q = t(db).selectFrom('trafficDailyTotal').where('trafficDailyTotal.companyId', '=', companyId);
  q = scoped(q, 'trafficDailyTotal', f);
  if (f.from) q = q.where('trafficDailyTotal.salesDate', '>=', f.from);
  if (f.to) q = q.where('trafficDailyTotal.salesDate', '<=', f.to);
  return q;
}

export interface DayPoint {
  date: string;
  sessions: number;
  pageViews: number;
  unitsOrdered: number;
  totalOrderItems: number;
  /** Σ buy box bp × sessions (for a sessions-weighted average). */
  buyBoxWeighted: number;
  sales: { currency: string; minor: number }[];
}

/** Sessions, page views, units and sales per day: the marketplaces' totals, or the ASIN rows when an ASIN is given. */
export async function trafficSeries(db: Handle, companyId: string, f: TrafficFilter): Promise<DayPoint[]> {
  const rows = f.asin
    ? await trafficRows(db, companyId, f)
        .select((eb) => [
          'trafficDaily.salesDate as date',
          'trafficDaily.currency as currency',
          eb.fn.sum<number>('trafficDaily.sessions').as('sessions'),
          eb.fn.sum<number>('trafficDaily.pageViews').as('pageViews'),
          eb.fn.sum<number>('trafficDaily.unitsOrdered').as('units'),
          eb.fn.sum<number>('trafficDaily.totalOrderItems').as('items'),
          eb.fn.sum<number>(sql`traffic_daily.buy_box_bp * traffic_daily.sessions`).as('buyBox'),
          eb.fn.sum<number>('trafficDaily.orderedSalesMinor').as('sales'),
        ])
        .groupBy(['trafficDaily.salesDate', 'trafficDaily.currency'])
        .orderBy('trafficDaily.salesDate')
        .execute()
    : await totalRows(db, companyId, f)
        .select((eb) => [
          'trafficDailyTotal.salesDate as date',
          'trafficDailyTotal.currency as currency',
          eb.fn.sum<number>('trafficDailyTotal.sessions').as('sessions'),
          eb.fn.sum<number>('trafficDailyTotal.pageViews').as('pageViews'),
          eb.fn.sum<number>('trafficDailyTotal.unitsOrdered').as('units'),
          eb.fn.sum<number>('trafficDailyTotal.totalOrderItems').as('items'),
          eb.fn.sum<number>(sql`traffic_daily_total.buy_box_bp * traffic_daily_total.sessions`).as('buyBox'),
          eb.fn.sum<number>('trafficDailyTotal.orderedSalesMinor').as('sales'),
        ])
        .groupBy(['trafficDailyTotal.salesDate', 'trafficDailyTotal.currency'])
        .orderBy('trafficDailyTotal.salesDate')
        .execute();
  const days = new Map<string, DayPoint>();
  for (const r of rows) {
    let d = days.get(r.date);
    if (!d) {
      d = {
        date: r.date,
        sessions: 0,
        pageViews: 0,
        unitsOrdered: 0,
        totalOrderItems: 0,
        buyBoxWeighted: 0,
        sales: [],
      };
      days.set(r.date, d);
    }
    d.sessions += Number(r.sessions ?? 0);
    d.pageViews += Number(r.pageViews ?? 0);
    d.unitsOrdered += Number(r.units ?? 0);
    d.totalOrderItems += Number(r.items ?? 0);
    d.buyBoxWeighted += Number(r.buyBox ?? 0);
    d.sales.push({ currency: r.currency, minor: Number(r.sales ?? 0) });
  }
  return [...days.values()];
}

export interface AsinRow {
  storeId: string;
  marketplaceId: string;
  childAsin: string;
  parentAsin: string | null;
  currency: string;
  sessions: number;
  pageViews: number;
  unitsOrdered: number;
  totalOrderItems: number;
  buyBoxWeighted: number;
  salesMinor: number;
  days: number;
}

const ASIN_SORT = {
  sessions: 'sessions',
  pageViews: 'pageViews',
  units: 'units',
  sales: 'sales',
  asin: 'trafficDaily.childAsin',
} as const;

/** Per store, marketplace and child ASIN over the filter's days: ranked by sessions unless sorted otherwise. */
export async function trafficByAsin(
  db: Handle,
  companyId: string,
  f: TrafficFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
): Promise<{ rows: AsinRow[]; total: number }> {
  const [field, dir] = (page.sort ?? 'sessions:desc').split(',')[0]!.split(':') as [string, 'asc' | 'desc'];
  const col = ASIN_SORT[field as keyof typeof ASIN_SORT];
  if (!col) throw new AppError('INVALID_INPUT', `Cannot sort by ${field}`, { field: 'sort' });
  const grouped = trafficRows(db, companyId, f)
    .select((eb) => [
      'trafficDaily.storeId',
      'trafficDaily.marketplaceId',
      'trafficDaily.childAsin',
      eb.fn.max('trafficDaily.parentAsin').as('parentAsin'),
      eb.fn.max('trafficDaily.currency').as('currency'),
      eb.fn.sum<number>('trafficDaily.sessions').as('sessions'),
      eb.fn.sum<number>('trafficDaily.pageViews').as('pageViews'),
      eb.fn.sum<number>('trafficDaily.unitsOrdered').as('units'),
      eb.fn.sum<number>('trafficDaily.totalOrderItems').as('items'),
      eb.fn.sum<number>(sql`traffic_daily.buy_box_bp * traffic_daily.sessions`).as('buyBox'),
      eb.fn.sum<number>('trafficDaily.orderedSalesMinor').as('sales'),
      eb.fn.count<number>('trafficDaily.salesDate').distinct().as('days'),
    ])
    .groupBy(['trafficDaily.storeId', 'trafficDaily.marketplaceId', 'trafficDaily.childAsin']);
  const [rows, count] = await Promise.all([
    grouped
      .orderBy(sql.ref(col), dir)
      .orderBy('trafficDaily.childAsin')
      .orderBy('trafficDaily.marketplaceId')
      .orderBy('trafficDaily.storeId')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    t(db)
      .selectFrom(grouped.as('g'))
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: rows.map((r) => ({
      storeId: r.storeId,
      marketplaceId: r.marketplaceId,
      childAsin: r.childAsin,
      parentAsin: (r.parentAsin as string | null) ?? null,
      currency: String(r.currency),
      sessions: Number(r.sessions ?? 0),
      pageViews: Number(r.pageViews ?? 0),
      unitsOrdered: Number(r.units ?? 0),
      totalOrderItems: Number(r.items ?? 0),
      buyBoxWeighted: Number(r.buyBox ?? 0),
      salesMinor: Number(r.sales ?? 0),
      days: Number(r.days ?? 0),
    })),
    total: Number(count.n),
  };
}

export interface SearchTermFilter extends AnalyticsFilter {
  weekStart?: string | undefined;
  q?: string | undefined;
  asin?: string | undefined;
}

function searchTermRows(db: Handle, companyId: string, f: SearchTermFilter) {
  let q = t(db).selectFrom('searchTermWeekly').where('searchTermWeekly.companyId', '=', companyId);
  q = scoped(q, 'searchTermWeekly', f);
  if (f.weekStart) q = q.where('searchTermWeekly.weekStart', '=', f.weekStart);
  const text = f.q?.trim();
  if (text) q = q.where(containsText(db, 'search_term_weekly.search_term', text));
  if (f.asin)
    q = q.where((eb) =>
      eb.or([
        eb('searchTermWeekly.asin1', '=', f.asin!),
        eb('searchTermWeekly.asin2', '=', f.asin!),
        eb('searchTermWeekly.asin3', '=', f.asin!),
      ]),
    );
  return q;
}

const TERM_SORT = {
  rank: 'searchTermWeekly.searchFrequencyRank',
  searchTerm: 'searchTermWeekly.searchTerm',
  weekStart: 'searchTermWeekly.weekStart',
  clickShare: 'searchTermWeekly.clickShare1Bp',
  conversionShare: 'searchTermWeekly.conversionShare1Bp',
} as const;

export async function listSearchTerms(
  db: Handle,
  companyId: string,
  f: SearchTermFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
) {
  const [field, dir] = (page.sort ?? 'rank:asc').split(',')[0]!.split(':') as [string, 'asc' | 'desc'];
  const col = TERM_SORT[field as keyof typeof TERM_SORT];
  if (!col) throw new AppError('INVALID_INPUT', `Cannot sort by ${field}`, { field: 'sort' });
  const [rows, count] = await Promise.all([
    searchTermRows(db, companyId, f)
      .selectAll('searchTermWeekly')
      .orderBy(col, dir)
      .orderBy('searchTermWeekly.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    searchTermRows(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}

/** Weeks with search terms in the filter's stores, newest first. */
export async function searchTermWeeks(db: Handle, companyId: string, f: AnalyticsFilter): Promise<string[]> {
  const rows = await scoped(
    t(db).selectFrom('searchTermWeekly').where('searchTermWeekly.companyId', '=', companyId),
    'searchTermWeekly',
    f,
  )
    .select('searchTermWeekly.weekStart')
    .distinct()
    .orderBy('searchTermWeekly.weekStart', 'desc')
    .limit(104)
    .execute();
  return rows.map((r) => r.weekStart);
}

export interface FeeFilter extends AnalyticsFilter {
  q?: string | undefined;
}

function feeRows(db: Handle, companyId: string, f: FeeFilter) {
  let q = t(db).selectFrom('feeEstimate').where('feeEstimate.companyId', '=', companyId);
  q = scoped(q, 'feeEstimate', f);
  const text = f.q?.trim();
  if (text)
    q = q.where((eb) => eb.or([containsText(db, 'fee_estimate.seller_sku', text), eb('feeEstimate.asin', '=', text)]));
  return q;
}

const FEE_SORT = {
  sellerSku: 'feeEstimate.sellerSku',
  price: 'feeEstimate.priceMinor',
  total: 'feeEstimate.totalFeeMinor',
  referral: 'feeEstimate.referralFeeMinor',
  fba: 'feeEstimate.fbaFeeMinor',
  estimatedAt: 'feeEstimate.estimatedAt',
} as const;

export async function listFeeEstimates(
  db: Handle,
  companyId: string,
  f: FeeFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
) {
  const [field, dir] = (page.sort ?? 'sellerSku:asc').split(',')[0]!.split(':') as [string, 'asc' | 'desc'];
  const col = FEE_SORT[field as keyof typeof FEE_SORT];
  if (!col) throw new AppError('INVALID_INPUT', `Cannot sort by ${field}`, { field: 'sort' });
  const [rows, count] = await Promise.all([
    feeRows(db, companyId, f)
      .selectAll('feeEstimate')
      .orderBy(col, dir)
      .orderBy('feeEstimate.id')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    feeRows(db, companyId, f)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
