import type { WriteContext } from '../../platform/audit.js';
import { type AnyKysely, type AnyTransaction, containsText, insertMany, tables } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import type { AdsCampaignTable, AdsProfileTable, AdsTables } from './ads.tables.js';
import type { AdGroupRecord, CampaignRecord, ProfileRecord, TargetRecord } from './ads-mappers.js';
import type { MetricRecord } from './ads-report-rows.js';

type Handle = AnyKysely | AnyTransaction;
// biome-ignore lint/suspicious/noExplicitAny: one generic upsert serves the four entity tables
const t = (db: Handle) => tables<any>(db);
const typed = (db: Handle) => tables<AdsTables>(db);

export interface AdsTarget {
  companyId: string;
  storeId: string;
}

/** The profile a batch belongs to: its marketplace and currency. */
export interface ProfileScope {
  profileId: string;
  marketplaceId: string;
  currency: string;
}

export interface UpsertOutcome {
  created: number;
  updated: number;
  unchanged: number;
}

const CHUNK = 400;
const META = new Set(['id', 'createdAt', 'syncedAt']);

/**
 * Inserts new rows and updates changed ones, keyed on (store, profile, …key); identical rows change nothing (not
 * even syncedAt), so a second sync of the same data writes nothing.
 */
async function upsertKeyed(
  ctx: WriteContext,
  table: 'adsProfile' | 'adsCampaign' | 'adsAdGroup' | 'adsTarget',
  sqlTable: string,
  idPrefix: string,
  keys: string[],
  rows: Record<string, unknown>[],
): Promise<UpsertOutcome> {
  const out: UpsertOutcome = { created: 0, updated: 0, unchanged: 0 };
  if (rows.length === 0) return out;
  const db = t(ctx.trx);
  const now = ctx.clock.now();
  const keyOf = (r: Record<string, unknown>) => keys.map((k) => String(r[k])).join('\u0000');
  const last = keys.at(-1)!;
  const first = rows[0]!;
  const stored = new Map<string, Record<string, unknown>>();
  const lastValues = [...new Set(rows.map((r) => String(r[last])))];
  for (let i = 0; i < lastValues.length; i += CHUNK) {
    let q = db.selectFrom(table).selectAll().where('storeId', '=', first.storeId);
    if (last !== 'profileId') q = q.where('profileId', '=', first.profileId);
    const found = (await q.where(last, 'in', lastValues.slice(i, i + CHUNK)).execute()) as Record<string, unknown>[];
    for (const r of found) stored.set(keyOf(r), r);
  }
  const inserts: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    const key = keyOf(row);
    if (seen.has(key)) continue;
    seen.add(key);
    const prev = stored.get(key);
    if (!prev) {
      inserts.push({ id: newId(idPrefix), ...row, syncedAt: now, createdAt: now });
      out.created++;
      continue;
    }
    const changes: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(row)) if (!META.has(k) && (prev[k] ?? null) !== (v ?? null)) changes[k] = v;
    if (Object.keys(changes).length === 0) {
      out.unchanged++;
      continue;
    }
    await db
      .updateTable(table)
      .set({ ...changes, syncedAt: now })
      .where('id', '=', prev.id)
      .execute();
    out.updated++;
  }
  await insertMany(ctx.trx, sqlTable, inserts, 50);
  return out;
}

async function logBatch(ctx: WriteContext, entity: string, target: AdsTarget, out: UpsertOutcome, extra: object) {
  if (out.created + out.updated === 0) return;
  await ctx.record({
    module: 'ads',
    entity,
    entityId: null,
    action: 'sync',
    summary: `${entity}: ${out.created} created, ${out.updated} updated, ${out.unchanged} unchanged`,
    after: { storeId: target.storeId, created: out.created, updated: out.updated, ...extra },
  });
}

export async function upsertProfiles(
  ctx: WriteContext,
  target: AdsTarget,
  profiles: (ProfileRecord & { marketplaceId: string })[],
): Promise<UpsertOutcome> {
  const rows = profiles.map((p) => ({
    companyId: target.companyId,
    storeId: target.storeId,
    profileId: p.profileId,
    marketplaceId: p.marketplaceId,
    countryCode: p.countryCode,
    currency: p.currency,
    timeZone: p.timeZone,
    accountName: p.accountName,
    accountType: p.accountType,
  }));
  const out = await upsertKeyed(ctx, 'adsProfile', 'ads_profile', 'adp', ['storeId', 'profileId'], rows);
  await logBatch(ctx, 'profile', target, out, { profiles: profiles.map((p) => p.profileId) });
  return out;
}

const scoped = (target: AdsTarget, p: ProfileScope) => ({
  companyId: target.companyId,
  storeId: target.storeId,
  profileId: p.profileId,
  marketplaceId: p.marketplaceId,
});

export async function upsertCampaigns(
  ctx: WriteContext,
  target: AdsTarget,
  profile: ProfileScope,
  records: readonly CampaignRecord[],
): Promise<UpsertOutcome> {
  const rows = records.map((r) => ({ ...scoped(target, profile), ...r, currency: profile.currency }));
  const out = await upsertKeyed(
    ctx,
    'adsCampaign',
    'ads_campaign',
    'adc',
    ['storeId', 'profileId', 'campaignId'],
    rows,
  );
  await logBatch(ctx, 'campaign', target, out, { profileId: profile.profileId, first: records[0]?.campaignId });
  return out;
}

export async function upsertAdGroups(
  ctx: WriteContext,
  target: AdsTarget,
  profile: ProfileScope,
  records: readonly AdGroupRecord[],
): Promise<UpsertOutcome> {
  const rows = records.map((r) => ({ ...scoped(target, profile), ...r, currency: profile.currency }));
  const out = await upsertKeyed(ctx, 'adsAdGroup', 'ads_ad_group', 'adg', ['storeId', 'profileId', 'adGroupId'], rows);
  await logBatch(ctx, 'adGroup', target, out, { profileId: profile.profileId, first: records[0]?.adGroupId });
  return out;
}

export async function upsertTargets(
  ctx: WriteContext,
  target: AdsTarget,
  profile: ProfileScope,
  records: readonly TargetRecord[],
): Promise<UpsertOutcome> {
  const rows = records.map((r) => ({ ...scoped(target, profile), ...r, currency: profile.currency }));
  const out = await upsertKeyed(
    ctx,
    'adsTarget',
    'ads_target',
    'adt',
    ['storeId', 'profileId', 'kind', 'targetId'],
    rows,
  );
  await logBatch(ctx, 'target', target, out, { profileId: profile.profileId, first: records[0]?.targetId });
  return out;
}

const METRIC_FIELDS = [
  'adType',
  'campaignId',
  'adGroupId',
  'targetId',
  'adId',
  'searchTerm',
  'placement',
  'targeting',
  'matchType',
  'asin',
  'sku',
  'currency',
  'impressions',
  'clicks',
  'costMinor',
  'salesMinor',
  'orders',
  'units',
  'attribution',
  'sales14dMinor',
  'orders14d',
  'units14d',
] as const;

/**
 * Replaces the rows of one report for [startDate, endDate] of a profile: the report is Amazon's whole truth for those
 * days, so rows it no longer has are deleted, changed rows updated, new ones inserted, identical ones left alone.
 * Keyed (store, profile, report, date, entity): re-reading a day changes nothing unless Amazon's numbers changed.
 */
export async function replaceReportDays(
  ctx: WriteContext,
  target: AdsTarget,
  profile: ProfileScope,
  window: { report: string; adType: string; startDate: string; endDate: string },
  records: readonly MetricRecord[],
): Promise<UpsertOutcome & { deleted: number }> {
  const out = { created: 0, updated: 0, unchanged: 0, deleted: 0 };
  const db = typed(ctx.trx);
  const now = ctx.clock.now();
  const existing = await db
    .selectFrom('adsMetricDaily')
    .selectAll()
    .where('storeId', '=', target.storeId)
    .where('profileId', '=', profile.profileId)
    .where('report', '=', window.report)
    .where('adType', '=', window.adType)
    .where('date', '>=', window.startDate)
    .where('date', '<=', window.endDate)
    .execute();
  const stored = new Map(existing.map((r) => [`${r.date}\u0000${r.entityKey}`, r]));
  const inserts: Record<string, unknown>[] = [];
  const keep = new Set<string>();
  for (const r of records) {
    if (r.date < window.startDate || r.date > window.endDate) continue;
    const key = `${r.date}\u0000${r.entityKey}`;
    if (keep.has(key)) continue;
    keep.add(key);
    const prev = stored.get(key);
    if (!prev) {
      inserts.push({ id: newId('adm'), ...scoped(target, profile), ...r, syncedAt: now });
      out.created++;
      continue;
    }
    const changes: Record<string, unknown> = {};
    for (const f of METRIC_FIELDS) if ((prev[f] ?? null) !== (r[f] ?? null)) changes[f] = r[f];
    if (Object.keys(changes).length === 0) {
      out.unchanged++;
      continue;
    }
    await db
      .updateTable('adsMetricDaily')
      .set({ ...changes, syncedAt: now })
      .where('id', '=', prev.id)
      .execute();
    out.updated++;
  }
  const gone = existing.filter((r) => !keep.has(`${r.date}\u0000${r.entityKey}`)).map((r) => r.id);
  for (let i = 0; i < gone.length; i += CHUNK)
    await db
      .deleteFrom('adsMetricDaily')
      .where('id', 'in', gone.slice(i, i + CHUNK))
      .execute();
  out.deleted = gone.length;
  await insertMany(ctx.trx, 'ads_metric_daily', inserts, 40);
  if (out.created + out.updated + out.deleted > 0)
    await ctx.record({
      module: 'ads',
      entity: 'metric',
      entityId: null,
      action: 'sync',
      summary: `${window.report} ${window.startDate}..${window.endDate} (${profile.profileId}): ${out.created} created, ${out.updated} updated, ${out.deleted} deleted, ${out.unchanged} unchanged`,
      after: { storeId: target.storeId, profileId: profile.profileId, ...window, ...out },
    });
  return out;
}

// ---- reads -------------------------------------------------------------------------------------------------------

export async function listProfiles(db: Handle, storeId: string): Promise<AdsProfileTable[]> {
  return typed(db).selectFrom('adsProfile').selectAll().where('storeId', '=', storeId).orderBy('profileId').execute();
}

export interface ScopeFilter {
  companyId: string;
  storeIds: string[] | null;
  marketplaceIds: string[] | null;
  storeId?: string | undefined;
  profileId?: string | undefined;
}

/** Restricts a query on an ads table (alias `a`) to the caller's stores and marketplaces. */
// biome-ignore lint/suspicious/noExplicitAny: shared by queries over different ads tables
function scopeWhere<Q extends { where: (...args: any[]) => Q }>(q: Q, alias: string, f: ScopeFilter): Q {
  let out = q.where(`${alias}.companyId`, '=', f.companyId);
  if (f.storeIds) out = out.where(`${alias}.storeId`, 'in', f.storeIds.length ? f.storeIds : ['-']);
  if (f.marketplaceIds)
    out = out.where(`${alias}.marketplaceId`, 'in', f.marketplaceIds.length ? f.marketplaceIds : ['-']);
  if (f.storeId) out = out.where(`${alias}.storeId`, '=', f.storeId);
  if (f.profileId) out = out.where(`${alias}.profileId`, '=', f.profileId);
  return out;
}

export interface CampaignFilter extends ScopeFilter {
  state?: string[] | undefined;
  adType?: string[] | undefined;
  q?: string | undefined;
  from: string;
  to: string;
}

export interface CampaignMetrics {
  impressions: number;
  clicks: number;
  costMinor: number;
  salesMinor: number;
  orders: number;
  units: number;
}

const CAMPAIGN_SORT = {
  name: 'c.name',
  state: 'c.state',
  adType: 'c.adType',
  budget: 'c.budgetMinor',
  spend: 'm.costMinor',
  sales: 'm.salesMinor',
  impressions: 'm.impressions',
  clicks: 'm.clicks',
  orders: 'm.orders',
} as const;

function metricsOf(db: Handle, f: ScopeFilter & { from: string; to: string }, report: string, groupCols: string[]) {
  let q = t(db)
    .selectFrom('adsMetricDaily as d')
    .where('d.report', '=', report)
    .where('d.date', '>=', f.from)
    .where('d.date', '<=', f.to);
  q = scopeWhere(q, 'd', f);
  return q
    .select(groupCols.map((c) => `d.${c}`))
    .select((eb) => [
      eb.fn.sum('d.impressions').as('impressions'),
      eb.fn.sum('d.clicks').as('clicks'),
      eb.fn.sum('d.costMinor').as('costMinor'),
      eb.fn.sum('d.salesMinor').as('salesMinor'),
      eb.fn.sum('d.orders').as('orders'),
      eb.fn.sum('d.units').as('units'),
    ])
    .groupBy(groupCols.map((c) => `d.${c}`));
}

const num = (v: unknown) => Number(v ?? 0);
const metricRow = (r: Record<string, unknown>): CampaignMetrics => ({
  impressions: num(r.impressions),
  clicks: num(r.clicks),
  costMinor: num(r.costMinor),
  salesMinor: num(r.salesMinor),
  orders: num(r.orders),
  units: num(r.units),
});

/** Campaigns of a filter with their metrics over [from, to] (campaign report rows). */
export async function listCampaigns(
  db: Handle,
  f: CampaignFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
): Promise<{ rows: (AdsCampaignTable & { metrics: CampaignMetrics })[]; total: number }> {
  const [sortField, dir] = (page.sort ?? 'spend:desc').split(',')[0]!.split(':') as [string, 'asc' | 'desc'];
  const col = CAMPAIGN_SORT[sortField as keyof typeof CAMPAIGN_SORT];
  if (!col) throw new AppError('INVALID_INPUT', `Cannot sort by ${sortField}`, { field: 'sort' });
  const base = () => {
    let q = t(db).selectFrom('adsCampaign as c');
    q = scopeWhere(q, 'c', f);
    if (f.state?.length) q = q.where('c.state', 'in', f.state);
    if (f.adType?.length) q = q.where('c.adType', 'in', f.adType);
    const text = f.q?.trim();
    if (text) q = q.where((eb) => eb.or([eb('c.campaignId', '=', text), containsText(db, 'c.name', text)]));
    return q;
  };
  const metrics = metricsOf(db, f, 'campaign', ['storeId', 'profileId', 'campaignId']).as('m');
  const [rows, count] = await Promise.all([
    base()
      .leftJoin(metrics, (j) =>
        j
          .onRef('m.storeId', '=', 'c.storeId')
          .onRef('m.profileId', '=', 'c.profileId')
          .onRef('m.campaignId', '=', 'c.campaignId'),
      )
      .selectAll('c')
      .select(['m.impressions', 'm.clicks', 'm.costMinor', 'm.salesMinor', 'm.orders', 'm.units'])
      .orderBy(col, dir)
      .orderBy('c.id', dir)
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    base()
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: (rows as Record<string, unknown>[]).map((r) => {
      const { impressions: _i, clicks: _c, costMinor: _co, salesMinor: _s, orders: _o, units: _u, ...c } = r;
      return { ...(c as unknown as AdsCampaignTable), metrics: metricRow(r) };
    }),
    total: Number((count as { n: unknown }).n),
  };
}

/** Daily totals of a filter (campaign report rows), per currency. */
export async function dailySeries(
  db: Handle,
  f: ScopeFilter & { from: string; to: string; campaignId?: string | undefined; adType?: string[] | undefined },
): Promise<({ date: string; currency: string } & CampaignMetrics)[]> {
  let q = metricsOf(db, f, 'campaign', ['date', 'currency']);
  if (f.campaignId) q = q.where('d.campaignId', '=', f.campaignId);
  if (f.adType?.length) q = q.where('d.adType', 'in', f.adType);
  const rows = (await q.orderBy('d.date').orderBy('d.currency').execute()) as Record<string, unknown>[];
  return rows.map((r) => ({ date: String(r.date), currency: String(r.currency), ...metricRow(r) }));
}

export interface SearchTermFilter extends ScopeFilter {
  from: string;
  to: string;
  campaignId?: string | undefined;
  q?: string | undefined;
}

const TERM_SORT = {
  searchTerm: 'searchTerm',
  spend: 'costMinor',
  sales: 'salesMinor',
  impressions: 'impressions',
  clicks: 'clicks',
  orders: 'orders',
} as const;

/** Search terms over [from, to], one row per (store, profile, campaign, keyword/target, term), paged. */
export async function listSearchTerms(
  db: Handle,
  f: SearchTermFilter,
  page: { limit: number; offset: number; sort?: string | undefined },
) {
  const [sortField, dir] = (page.sort ?? 'spend:desc').split(',')[0]!.split(':') as [string, 'asc' | 'desc'];
  const col = TERM_SORT[sortField as keyof typeof TERM_SORT];
  if (!col) throw new AppError('INVALID_INPUT', `Cannot sort by ${sortField}`, { field: 'sort' });
  const group = ['storeId', 'profileId', 'currency', 'campaignId', 'adGroupId', 'targetId', 'searchTerm'];
  const grouped = () => {
    let q = metricsOf(db, f, 'searchTerm', group).select((eb) => eb.fn.max('d.targeting').as('targeting'));
    q = q.select((eb) => eb.fn.max('d.matchType').as('matchType'));
    if (f.campaignId) q = q.where('d.campaignId', '=', f.campaignId);
    const text = f.q?.trim();
    if (text) q = q.where(containsText(db, 'd.search_term', text));
    return q;
  };
  const [rows, count] = await Promise.all([
    t(db)
      .selectFrom(grouped().as('g'))
      .selectAll('g')
      .orderBy(`g.${col}`, dir)
      .orderBy('g.searchTerm')
      .orderBy('g.targetId')
      .limit(page.limit)
      .offset(page.offset)
      .execute(),
    t(db)
      .selectFrom(grouped().as('g'))
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return {
    rows: (rows as Record<string, unknown>[]).map((r) => ({
      storeId: String(r.storeId),
      profileId: String(r.profileId),
      currency: String(r.currency),
      campaignId: String(r.campaignId),
      adGroupId: r.adGroupId === null ? null : String(r.adGroupId),
      targetId: r.targetId === null ? null : String(r.targetId),
      searchTerm: String(r.searchTerm ?? ''),
      targeting: r.targeting === null ? null : String(r.targeting),
      matchType: r.matchType === null ? null : String(r.matchType),
      ...metricRow(r),
    })),
    total: Number((count as { n: unknown }).n),
  };
}

/** Campaign names by (store, profile, campaign id), for search-term rows. */
export async function campaignNames(db: Handle, storeIds: string[]): Promise<Map<string, string>> {
  if (storeIds.length === 0) return new Map();
  const rows = await typed(db)
    .selectFrom('adsCampaign')
    .select(['storeId', 'profileId', 'campaignId', 'name'])
    .where('storeId', 'in', storeIds)
    .execute();
  return new Map(rows.map((r) => [`${r.storeId}|${r.profileId}|${r.campaignId}`, r.name]));
}

/** Profiles visible in a scope (for the filters of the pages). */
export async function listScopedProfiles(db: Handle, f: ScopeFilter): Promise<AdsProfileTable[]> {
  let q = t(db).selectFrom('adsProfile as a');
  q = scopeWhere(q, 'a', f);
  return (await q.selectAll('a').orderBy('a.storeId').orderBy('a.countryCode').execute()) as AdsProfileTable[];
}

/** Everything of a store (for reconciliation tests and the health page). */
export async function storeSnapshot(db: Handle, storeId: string) {
  const d = typed(db);
  const [profiles, campaigns, adGroups, targets, metrics] = await Promise.all([
    d.selectFrom('adsProfile').selectAll().where('storeId', '=', storeId).execute(),
    d.selectFrom('adsCampaign').selectAll().where('storeId', '=', storeId).execute(),
    d.selectFrom('adsAdGroup').selectAll().where('storeId', '=', storeId).execute(),
    d.selectFrom('adsTarget').selectAll().where('storeId', '=', storeId).execute(),
    d.selectFrom('adsMetricDaily').selectAll().where('storeId', '=', storeId).execute(),
  ]);
  return { profiles, campaigns, adGroups, targets, metrics };
}
