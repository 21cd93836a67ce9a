import type { Readable } from 'node:stream';
import type {
  AdsCampaignDto,
  AdsMetricsDto,
  AdsPerformanceDto,
  AdsPerformanceQuery,
  AdsProfileDto,
  AdsSearchTermDto,
  AdType,
  ListAdsCampaignsQuery,
  ListAdsSearchTermsQuery,
} from '@yangfan/contracts';
import { type Principal, scopeAllowsStore, scopeFilterOf } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { type ExportFormat, streamTable } from '../../platform/files/export.js';
import { formatMoney, money } from '../../platform/money.js';
import type { StoresService } from '../stores/index.js';
import * as repo from './ads.repository.js';

export interface AdsDeps {
  db: AnyKysely;
  clock: Clock;
  stores: StoresService;
}

const DAY_MS = 86_400_000;
const fmt = (minor: number, currency: string) => formatMoney(money(minor, currency));
const round2 = (n: number) => Math.round(n * 100) / 100;

/** Spend, sales and the ratios sellers read: ACOS (spend / sales, %), ROAS, CTR (%), CPC. */
export function metricsDto(m: repo.CampaignMetrics, currency: string): AdsMetricsDto {
  return {
    impressions: m.impressions,
    clicks: m.clicks,
    spend: fmt(m.costMinor, currency),
    sales: fmt(m.salesMinor, currency),
    orders: m.orders,
    units: m.units,
    acos: m.salesMinor > 0 ? round2((m.costMinor / m.salesMinor) * 100) : null,
    roas: m.costMinor > 0 ? round2(m.salesMinor / m.costMinor) : null,
    ctr: m.impressions > 0 ? round2((m.clicks / m.impressions) * 100) : null,
    cpc: m.clicks > 0 ? fmt(Math.round(m.costMinor / m.clicks), currency) : null,
  };
}

const CAMPAIGN_COLUMNS = [
  'store',
  'profile_id',
  'marketplace_id',
  'campaign_id',
  'ad_type',
  'name',
  'state',
  'targeting',
  'currency',
  'budget',
  'budget_type',
  'impressions',
  'clicks',
  'ctr_percent',
  'spend',
  'cpc',
  'sales',
  'orders',
  'units',
  'acos_percent',
  'roas',
];

const TERM_COLUMNS = [
  'store',
  'profile_id',
  'campaign',
  'search_term',
  'targeting',
  'match_type',
  'currency',
  'impressions',
  'clicks',
  'ctr_percent',
  'spend',
  'cpc',
  'sales',
  'orders',
  'acos_percent',
];

/** Ads campaigns, performance and search terms across the stores a user may see. */
export function createAdsService(deps: AdsDeps) {
  const { db, stores, clock } = deps;

  function period(q: { from?: string | undefined; to?: string | undefined }) {
    const to = q.to ?? new Date(clock.now() - DAY_MS).toISOString().slice(0, 10);
    const from = q.from ?? new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY_MS).toISOString().slice(0, 10);
    if (from > to) throw new AppError('INVALID_INPUT', 'from must not be after to', { field: 'from' });
    return { from, to };
  }

  function scopeOf(p: Principal, q: { storeId?: string | undefined; profileId?: string | undefined }) {
    const scope = scopeFilterOf(p);
    if (q.storeId && !scopeAllowsStore(scope, q.storeId))
      throw new AppError('FORBIDDEN', 'This store is outside your data scope', { storeId: q.storeId });
    return {
      companyId: p.companyId,
      storeIds: scope.storeIds,
      marketplaceIds: scope.marketplaceIds,
      storeId: q.storeId,
      profileId: q.profileId,
    };
  }

  function campaignFilter(p: Principal, q: Omit<ListAdsCampaignsQuery, 'limit' | 'offset' | 'sort'>) {
    return { ...scopeOf(p, q), ...period(q), state: q.state, adType: q.adType, q: q.q };
  }

  function toCampaignDto(r: Awaited<ReturnType<typeof repo.listCampaigns>>['rows'][number], storeName: string) {
    const dto: AdsCampaignDto = {
      id: r.id,
      storeId: r.storeId,
      storeName,
      profileId: r.profileId,
      marketplaceId: r.marketplaceId,
      campaignId: r.campaignId,
      adType: r.adType as AdType,
      name: r.name,
      state: r.state,
      targetingType: r.targetingType,
      budget: r.budgetMinor === null ? null : fmt(r.budgetMinor, r.currency),
      budgetType: r.budgetType,
      currency: r.currency,
      biddingStrategy: r.biddingStrategy,
      startDate: r.startDate,
      endDate: r.endDate,
      syncedAt: r.syncedAt,
      ...metricsDto(r.metrics, r.currency),
    };
    return dto;
  }

  function termDto(
    r: Awaited<ReturnType<typeof repo.listSearchTerms>>['rows'][number],
    names: Map<string, string>,
    campaigns: Map<string, string>,
  ): AdsSearchTermDto {
    return {
      id: [r.storeId, r.profileId, r.campaignId, r.targetId ?? '', r.searchTerm].join('|'),
      storeId: r.storeId,
      storeName: names.get(r.storeId) ?? r.storeId,
      profileId: r.profileId,
      currency: r.currency,
      campaignId: r.campaignId,
      campaignName: campaigns.get(`${r.storeId}|${r.profileId}|${r.campaignId}`) ?? null,
      adGroupId: r.adGroupId,
      targetId: r.targetId,
      searchTerm: r.searchTerm,
      targeting: r.targeting,
      matchType: r.matchType,
      ...metricsDto(r, r.currency),
    };
  }

  async function campaignNamesFor(rows: { storeId: string }[]) {
    return repo.campaignNames(db, [...new Set(rows.map((r) => r.storeId))]);
  }

  return {
    async profiles(p: Principal, q: { storeId?: string | undefined }): Promise<AdsProfileDto[]> {
      const [names, rows] = await Promise.all([
        stores.namesOf(p.companyId),
        repo.listScopedProfiles(db, scopeOf(p, q)),
      ]);
      return rows.map((r) => ({
        storeId: r.storeId,
        storeName: names.get(r.storeId) ?? r.storeId,
        profileId: r.profileId,
        marketplaceId: r.marketplaceId,
        countryCode: r.countryCode,
        currency: r.currency,
        timeZone: r.timeZone,
        accountName: r.accountName,
      }));
    },

    async campaigns(p: Principal, q: ListAdsCampaignsQuery): Promise<{ rows: AdsCampaignDto[]; total: number }> {
      const { limit, offset, sort, ...rest } = q;
      const [names, page] = await Promise.all([
        stores.namesOf(p.companyId),
        repo.listCampaigns(db, campaignFilter(p, rest), { limit, offset, sort }),
      ]);
      return { rows: page.rows.map((r) => toCampaignDto(r, names.get(r.storeId) ?? r.storeId)), total: page.total };
    },

    async performance(p: Principal, q: AdsPerformanceQuery): Promise<AdsPerformanceDto> {
      const range = period(q);
      const days = await repo.dailySeries(db, {
        ...scopeOf(p, q),
        ...range,
        campaignId: q.campaignId,
        adType: q.adType,
      });
      const byCurrency = new Map<string, typeof days>();
      for (const d of days) byCurrency.set(d.currency, [...(byCurrency.get(d.currency) ?? []), d]);
      return {
        ...range,
        currencies: [...byCurrency].map(([currency, list]) => {
          const sum = { impressions: 0, clicks: 0, costMinor: 0, salesMinor: 0, orders: 0, units: 0 };
          for (const d of list) for (const k of Object.keys(sum) as (keyof typeof sum)[]) sum[k] += d[k];
          return {
            currency,
            totals: metricsDto(sum, currency),
            days: list.map((d) => ({ date: d.date, ...metricsDto(d, currency) })),
          };
        }),
      };
    },

    async searchTerms(p: Principal, q: ListAdsSearchTermsQuery): Promise<{ rows: AdsSearchTermDto[]; total: number }> {
      const { limit, offset, sort, ...rest } = q;
      const f = { ...scopeOf(p, rest), ...period(rest), campaignId: rest.campaignId, q: rest.q };
      const [names, page] = await Promise.all([
        stores.namesOf(p.companyId),
        repo.listSearchTerms(db, f, { limit, offset, sort }),
      ]);
      const campaigns = await campaignNamesFor(page.rows);
      return { rows: page.rows.map((r) => termDto(r, names, campaigns)), total: page.total };
    },

    /** Every campaign of a filter with its metrics, as xlsx or CSV. */
    exportCampaigns(p: Principal, q: ListAdsCampaignsQuery, format: ExportFormat): Readable {
      const { limit: _l, offset: _o, sort, ...rest } = q;
      const filter = campaignFilter(p, rest);
      async function* pages() {
        const names = await stores.namesOf(p.companyId);
        for (let offset = 0; ; offset += 2000) {
          const page = await repo.listCampaigns(db, filter, { limit: 2000, offset, sort });
          yield page.rows.map((r) => {
            const d = toCampaignDto(r, names.get(r.storeId) ?? r.storeId);
            return {
              store: d.storeName,
              profile_id: d.profileId,
              marketplace_id: d.marketplaceId,
              campaign_id: d.campaignId,
              ad_type: d.adType,
              name: d.name,
              state: d.state,
              targeting: d.targetingType ?? '',
              currency: d.currency,
              budget: d.budget ?? '',
              budget_type: d.budgetType ?? '',
              impressions: d.impressions,
              clicks: d.clicks,
              ctr_percent: d.ctr ?? '',
              spend: d.spend,
              cpc: d.cpc ?? '',
              sales: d.sales,
              orders: d.orders,
              units: d.units,
              acos_percent: d.acos ?? '',
              roas: d.roas ?? '',
            };
          });
          if (page.rows.length < 2000) return;
        }
      }
      return streamTable(format, 'ads-campaigns', CAMPAIGN_COLUMNS, pages());
    },

    /** Every search term of a filter, as xlsx or CSV. */
    exportSearchTerms(p: Principal, q: ListAdsSearchTermsQuery, format: ExportFormat): Readable {
      const { limit: _l, offset: _o, sort, ...rest } = q;
      const f = { ...scopeOf(p, rest), ...period(rest), campaignId: rest.campaignId, q: rest.q };
      async function* pages() {
        const names = await stores.namesOf(p.companyId);
        for (let offset = 0; ; offset += 2000) {
          const page = await repo.listSearchTerms(db, f, { limit: 2000, offset, sort });
          const campaigns = await campaignNamesFor(page.rows);
          yield page.rows.map((r) => {
            const d = termDto(r, names, campaigns);
            return {
              store: d.storeName,
              profile_id: d.profileId,
              campaign: d.campaignName ?? d.campaignId,
              search_term: d.searchTerm,
              targeting: d.targeting ?? '',
              match_type: d.matchType ?? '',
              currency: d.currency,
              impressions: d.impressions,
              clicks: d.clicks,
              ctr_percent: d.ctr ?? '',
              spend: d.spend,
              cpc: d.cpc ?? '',
              sales: d.sales,
              orders: d.orders,
              acos_percent: d.acos ?? '',
            };
          });
          if (page.rows.length < 2000) return;
        }
      }
      return streamTable(format, 'ads-search-terms', TERM_COLUMNS, pages());
    },
  };
}

export type AdsService = ReturnType<typeof createAdsService>;
