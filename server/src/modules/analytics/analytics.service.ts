import type { Readable } from 'node:stream';
import type {
  FeeEstimateDto,
  FeeEstimatesQuery,
  SearchTermDto,
  SearchTermsQuery,
  TrafficAsinDto,
  TrafficAsinsQuery,
  TrafficDto,
  TrafficPointDto,
  TrafficQuery,
} from '@yangfan/contracts';
import { type Principal, scopeAllowsStore, scopeFilterOf } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { type ExportFormat, streamTable } from '../../platform/files/export.js';
import { formatMoney, money } from '../../platform/money.js';
import type { StoresService } from '../stores/index.js';
import * as repo from './analytics.repository.js';
import type { FeeEstimateTable, SearchTermWeeklyTable } from './analytics.tables.js';

export interface AnalyticsDeps {
  db: AnyKysely;
  clock: Clock;
  stores: StoresService;
}

const fmt = (minor: number, currency: string) => formatMoney(money(minor, currency));
/** a / b in basis points, rounded half up; null when b is 0. */
const ratioBp = (a: number, b: number) => (b > 0 ? Math.round((a * 10_000) / b) : null);
const weightedBp = (weighted: number, sessions: number) => (sessions > 0 ? Math.round(weighted / sessions) : null);

function toPoint(p: repo.DayPoint): TrafficPointDto {
  return {
    date: p.date,
    sessions: p.sessions,
    pageViews: p.pageViews,
    unitsOrdered: p.unitsOrdered,
    totalOrderItems: p.totalOrderItems,
    conversionBp: ratioBp(p.unitsOrdered, p.sessions),
    buyBoxBp: weightedBp(p.buyBoxWeighted, p.sessions),
    sales: p.sales.map((s) => ({ currency: s.currency, total: fmt(s.minor, s.currency) })),
  };
}

function toAsinDto(r: repo.AsinRow, rank: number, storeName: string): TrafficAsinDto {
  return {
    id: `${r.storeId}|${r.marketplaceId}|${r.childAsin}`,
    rank,
    storeId: r.storeId,
    storeName,
    marketplaceId: r.marketplaceId,
    childAsin: r.childAsin,
    parentAsin: r.parentAsin,
    sessions: r.sessions,
    pageViews: r.pageViews,
    unitsOrdered: r.unitsOrdered,
    totalOrderItems: r.totalOrderItems,
    conversionBp: ratioBp(r.unitsOrdered, r.sessions),
    buyBoxBp: weightedBp(r.buyBoxWeighted, r.sessions),
    currency: r.currency,
    sales: fmt(r.salesMinor, r.currency),
    days: r.days,
  };
}

function toTermDto(r: SearchTermWeeklyTable, storeName: string): SearchTermDto {
  return {
    id: r.id,
    storeId: r.storeId,
    storeName,
    marketplaceId: r.marketplaceId,
    weekStart: r.weekStart,
    weekEnd: r.weekEnd,
    departmentName: r.departmentName,
    searchTerm: r.searchTerm,
    searchFrequencyRank: r.searchFrequencyRank,
    asin1: r.asin1,
    title1: r.title1,
    clickShare1Bp: r.clickShare1Bp,
    conversionShare1Bp: r.conversionShare1Bp,
    asin2: r.asin2,
    title2: r.title2,
    clickShare2Bp: r.clickShare2Bp,
    conversionShare2Bp: r.conversionShare2Bp,
    asin3: r.asin3,
    title3: r.title3,
    clickShare3Bp: r.clickShare3Bp,
    conversionShare3Bp: r.conversionShare3Bp,
  };
}

function toFeeDto(r: FeeEstimateTable, storeName: string): FeeEstimateDto {
  const price = Number(r.priceMinor);
  const total = Number(r.totalFeeMinor);
  return {
    id: r.id,
    storeId: r.storeId,
    storeName,
    marketplaceId: r.marketplaceId,
    sellerSku: r.sellerSku,
    asin: r.asin,
    currency: r.currency,
    price: fmt(price, r.currency),
    isAmazonFulfilled: r.isAmazonFulfilled === 1,
    referralFee: fmt(Number(r.referralFeeMinor), r.currency),
    fbaFee: fmt(Number(r.fbaFeeMinor), r.currency),
    variableClosingFee: fmt(Number(r.variableClosingFeeMinor), r.currency),
    perItemFee: fmt(Number(r.perItemFeeMinor), r.currency),
    totalFee: fmt(total, r.currency),
    feeShareBp: ratioBp(total, price),
    estimatedAt: Number(r.estimatedAt),
    syncedAt: Number(r.syncedAt),
  };
}

const pct = (v: number | null) => (v === null ? '' : (v / 100).toFixed(2));

const ASIN_EXPORT = [
  'rank',
  'store',
  'marketplace_id',
  'child_asin',
  'parent_asin',
  'sessions',
  'page_views',
  'units_ordered',
  'order_items',
  'conversion_pct',
  'buy_box_pct',
  'currency',
  'ordered_sales',
];
const TERM_EXPORT = [
  'store',
  'marketplace_id',
  'week_start',
  'department',
  'search_term',
  'search_frequency_rank',
  ...[1, 2, 3].flatMap((i) => [`asin_${i}`, `title_${i}`, `click_share_${i}_pct`, `conversion_share_${i}_pct`]),
];
const FEE_EXPORT = [
  'store',
  'marketplace_id',
  'seller_sku',
  'asin',
  'fulfilment',
  'currency',
  'price',
  'referral_fee',
  'fba_fee',
  'variable_closing_fee',
  'per_item_fee',
  'total_fee',
  'fee_share_pct',
  'estimated_at_utc',
];

/** Sales and traffic, Brand Analytics search terms and fee estimates across the stores a user may see. */
export function createAnalyticsService(deps: AnalyticsDeps) {
  const { db, stores } = deps;
  function filterOf<Q extends { storeId?: string | undefined; marketplaceId?: string | undefined }>(
    p: Principal,
    q: Q,
  ) {
    const scope = scopeFilterOf(p);
    if (q.storeId && !scopeAllowsStore(scope, q.storeId))
      throw new AppError('FORBIDDEN', 'This store is outside your data scope', { storeId: q.storeId });
    return { ...q, storeIds: scope.storeIds, marketplaceIds: scope.marketplaceIds };
  }
  async function* pages<T>(fetch: (offset: number) => Promise<T[]>, size = 2000) {
    for (let offset = 0; ; offset += size) {
      const rows = await fetch(offset);
      yield rows;
      if (rows.length < size) return;
    }
  }

  async function asinPage(p: Principal, q: TrafficAsinsQuery) {
    const { limit, offset, sort, q: _q, ...rest } = q;
    const [names, page] = await Promise.all([
      stores.namesOf(p.companyId),
      repo.trafficByAsin(db, p.companyId, filterOf(p, rest), { limit, offset, sort }),
    ]);
    return {
      rows: page.rows.map((r, i) => toAsinDto(r, offset + i + 1, names.get(r.storeId) ?? r.storeId)),
      total: page.total,
    };
  }
  async function termPage(p: Principal, q: SearchTermsQuery) {
    const { limit, offset, sort, ...rest } = q;
    const [names, page] = await Promise.all([
      stores.namesOf(p.companyId),
      repo.listSearchTerms(db, p.companyId, filterOf(p, rest), { limit, offset, sort }),
    ]);
    return { rows: page.rows.map((r) => toTermDto(r, names.get(r.storeId) ?? r.storeId)), total: page.total };
  }
  async function feePage(p: Principal, q: FeeEstimatesQuery) {
    const { limit, offset, sort, ...rest } = q;
    const [names, page] = await Promise.all([
      stores.namesOf(p.companyId),
      repo.listFeeEstimates(db, p.companyId, filterOf(p, rest), { limit, offset, sort }),
    ]);
    return { rows: page.rows.map((r) => toFeeDto(r, names.get(r.storeId) ?? r.storeId)), total: page.total };
  }

  return {
    /** Daily series (the marketplaces' totals, or one ASIN's rows), the period's totals and the top ASINs. */
    async traffic(p: Principal, q: TrafficQuery): Promise<TrafficDto> {
      const f = filterOf(p, q);
      const series = await repo.trafficSeries(db, p.companyId, f);
      const sum: repo.DayPoint = {
        date: '',
        sessions: 0,
        pageViews: 0,
        unitsOrdered: 0,
        totalOrderItems: 0,
        buyBoxWeighted: 0,
        sales: [],
      };
      const sales = new Map<string, number>();
      for (const d of series) {
        sum.sessions += d.sessions;
        sum.pageViews += d.pageViews;
        sum.unitsOrdered += d.unitsOrdered;
        sum.totalOrderItems += d.totalOrderItems;
        sum.buyBoxWeighted += d.buyBoxWeighted;
        for (const s of d.sales) sales.set(s.currency, (sales.get(s.currency) ?? 0) + s.minor);
      }
      sum.sales = [...sales.entries()].sort().map(([currency, minor]) => ({ currency, minor }));
      const { date: _d, ...totals } = toPoint(sum);
      const top = await asinPage(p, { ...q, limit: 10, offset: 0 });
      return { series: series.map(toPoint), totals, topAsins: top.rows };
    },
    asins: asinPage,
    searchTerms: termPage,
    async searchTermWeeks(p: Principal, q: { storeId?: string | undefined; marketplaceId?: string | undefined }) {
      return repo.searchTermWeeks(db, p.companyId, filterOf(p, q));
    },
    feeEstimates: feePage,

    exportAsins(p: Principal, q: TrafficAsinsQuery, format: ExportFormat): Readable {
      filterOf(p, q);
      const rows = pages(async (offset) => (await asinPage(p, { ...q, limit: 2000, offset })).rows);
      async function* out() {
        for await (const page of rows)
          yield page.map((r) => ({
            rank: r.rank,
            store: r.storeName,
            marketplace_id: r.marketplaceId,
            child_asin: r.childAsin,
            parent_asin: r.parentAsin ?? '',
            sessions: r.sessions,
            page_views: r.pageViews,
            units_ordered: r.unitsOrdered,
            order_items: r.totalOrderItems,
            conversion_pct: pct(r.conversionBp),
            buy_box_pct: pct(r.buyBoxBp),
            currency: r.currency,
            ordered_sales: r.sales,
          }));
      }
      return streamTable(format, 'traffic', ASIN_EXPORT, out());
    },
    exportSearchTerms(p: Principal, q: SearchTermsQuery, format: ExportFormat): Readable {
      filterOf(p, q);
      const rows = pages(async (offset) => (await termPage(p, { ...q, limit: 2000, offset })).rows);
      async function* out() {
        for await (const page of rows)
          yield page.map((r) => {
            const row: Record<string, unknown> = {
              store: r.storeName,
              marketplace_id: r.marketplaceId,
              week_start: r.weekStart,
              department: r.departmentName,
              search_term: r.searchTerm,
              search_frequency_rank: r.searchFrequencyRank,
            };
            for (const i of [1, 2, 3] as const) {
              row[`asin_${i}`] = r[`asin${i}`] ?? '';
              row[`title_${i}`] = r[`title${i}`] ?? '';
              row[`click_share_${i}_pct`] = pct(r[`clickShare${i}Bp`]);
              row[`conversion_share_${i}_pct`] = pct(r[`conversionShare${i}Bp`]);
            }
            return row;
          });
      }
      return streamTable(format, 'search-terms', TERM_EXPORT, out());
    },
    exportFeeEstimates(p: Principal, q: FeeEstimatesQuery, format: ExportFormat): Readable {
      filterOf(p, q);
      const rows = pages(async (offset) => (await feePage(p, { ...q, limit: 2000, offset })).rows);
      async function* out() {
        for await (const page of rows)
          yield page.map((r) => ({
            store: r.storeName,
            marketplace_id: r.marketplaceId,
            seller_sku: r.sellerSku,
            asin: r.asin ?? '',
            fulfilment: r.isAmazonFulfilled ? 'FBA' : 'FBM',
            currency: r.currency,
            price: r.price,
            referral_fee: r.referralFee,
            fba_fee: r.fbaFee,
            variable_closing_fee: r.variableClosingFee,
            per_item_fee: r.perItemFee,
            total_fee: r.totalFee,
            fee_share_pct: pct(r.feeShareBp),
            estimated_at_utc: new Date(r.estimatedAt).toISOString(),
          }));
      }
      return streamTable(format, 'fee-estimates', FEE_EXPORT, out());
    },
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
