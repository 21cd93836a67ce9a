import type { ImportError } from '@yangfan/contracts';
import type { AdsReportRequest } from '../sync/index.js';
import { amountMinor, count } from './ads-mappers.js';

/**
 * The reporting v3 reports the ads sync reads (daily, per profile) and the pure reader of their rows. SP reports use
 * 7-day attribution for sales/orders/units (Amazon's default for sellers' SP) and keep the 14-day numbers beside;
 * SB and SD report 14-day attribution un-suffixed.
 */

export type AdsReportKind =
  | 'campaign'
  | 'adGroup'
  | 'placement'
  | 'targeting'
  | 'searchTerm'
  | 'advertisedProduct'
  | 'sbCampaign'
  | 'sdCampaign';

export interface AdsReportSpec {
  kind: AdsReportKind;
  /** What the rows are stored as (SB/SD campaign rows join SP campaign rows under `campaign`). */
  report: string;
  adType: 'SP' | 'SB' | 'SD';
  adProduct: string;
  reportTypeId: string;
  groupBy: string[];
  columns: string[];
  /** Days Amazon keeps the report's data [I: Amazon's report-type pages: SP 95, search term 65, SB 60]. */
  retentionDays: number;
}

const SP_METRICS = [
  'impressions',
  'clicks',
  'cost',
  'purchases7d',
  'sales7d',
  'unitsSoldClicks7d',
  'purchases14d',
  'sales14d',
  'unitsSoldClicks14d',
];
const SB_SD_METRICS = ['impressions', 'clicks', 'cost', 'purchases', 'sales', 'unitsSold'];

export const ADS_REPORTS: readonly AdsReportSpec[] = [
  {
    kind: 'campaign',
    report: 'campaign',
    adType: 'SP',
    adProduct: 'SPONSORED_PRODUCTS',
    reportTypeId: 'spCampaigns',
    groupBy: ['campaign'],
    columns: ['date', 'campaignId', 'campaignName', 'campaignBudgetCurrencyCode', ...SP_METRICS],
    retentionDays: 95,
  },
  {
    kind: 'adGroup',
    report: 'adGroup',
    adType: 'SP',
    adProduct: 'SPONSORED_PRODUCTS',
    reportTypeId: 'spCampaigns',
    groupBy: ['campaign', 'adGroup'],
    columns: ['date', 'campaignId', 'adGroupId', 'adGroupName', 'campaignBudgetCurrencyCode', ...SP_METRICS],
    retentionDays: 95,
  },
  {
    kind: 'placement',
    report: 'placement',
    adType: 'SP',
    adProduct: 'SPONSORED_PRODUCTS',
    reportTypeId: 'spCampaigns',
    groupBy: ['campaign', 'campaignPlacement'],
    columns: ['date', 'campaignId', 'placementClassification', 'campaignBudgetCurrencyCode', ...SP_METRICS],
    retentionDays: 95,
  },
  {
    kind: 'targeting',
    report: 'targeting',
    adType: 'SP',
    adProduct: 'SPONSORED_PRODUCTS',
    reportTypeId: 'spTargeting',
    groupBy: ['targeting'],
    columns: [
      'date',
      'campaignId',
      'adGroupId',
      'keywordId',
      'keyword',
      'targeting',
      'matchType',
      'keywordType',
      'campaignBudgetCurrencyCode',
      ...SP_METRICS,
    ],
    retentionDays: 95,
  },
  {
    kind: 'searchTerm',
    report: 'searchTerm',
    adType: 'SP',
    adProduct: 'SPONSORED_PRODUCTS',
    reportTypeId: 'spSearchTerm',
    groupBy: ['searchTerm'],
    columns: [
      'date',
      'campaignId',
      'adGroupId',
      'keywordId',
      'keyword',
      'targeting',
      'matchType',
      'searchTerm',
      'campaignBudgetCurrencyCode',
      ...SP_METRICS,
    ],
    retentionDays: 65,
  },
  {
    kind: 'advertisedProduct',
    report: 'advertisedProduct',
    adType: 'SP',
    adProduct: 'SPONSORED_PRODUCTS',
    reportTypeId: 'spAdvertisedProduct',
    groupBy: ['advertiser'],
    columns: [
      'date',
      'campaignId',
      'adGroupId',
      'adId',
      'advertisedAsin',
      'advertisedSku',
      'campaignBudgetCurrencyCode',
      ...SP_METRICS,
    ],
    retentionDays: 95,
  },
  {
    kind: 'sbCampaign',
    report: 'campaign',
    adType: 'SB',
    adProduct: 'SPONSORED_BRANDS',
    reportTypeId: 'sbCampaigns',
    groupBy: ['campaign'],
    columns: ['date', 'campaignId', 'campaignBudgetCurrencyCode', ...SB_SD_METRICS],
    retentionDays: 60,
  },
  {
    kind: 'sdCampaign',
    report: 'campaign',
    adType: 'SD',
    adProduct: 'SPONSORED_DISPLAY',
    reportTypeId: 'sdCampaigns',
    groupBy: ['campaign'],
    columns: ['date', 'campaignId', 'campaignBudgetCurrencyCode', ...SB_SD_METRICS],
    retentionDays: 60,
  },
];

export function reportSpec(kind: string): AdsReportSpec {
  const spec = ADS_REPORTS.find((s) => s.kind === kind);
  if (!spec) throw new Error(`Unknown ads report ${kind}`);
  return spec;
}

/** The reporting v3 request of a report kind for [startDate, endDate] (profile-local dates, ≤ 31 days). */
export function reportRequest(spec: AdsReportSpec, startDate: string, endDate: string): AdsReportRequest {
  return {
    name: `yangfan ${spec.kind} ${startDate}..${endDate}`,
    startDate,
    endDate,
    configuration: {
      adProduct: spec.adProduct,
      reportTypeId: spec.reportTypeId,
      groupBy: spec.groupBy,
      columns: spec.columns,
      timeUnit: 'DAILY',
    },
  };
}

/** One row of ads_metric_daily before it is stored. */
export interface MetricRecord {
  report: string;
  adType: string;
  date: string;
  entityKey: string;
  campaignId: string;
  adGroupId: string | null;
  targetId: string | null;
  adId: string | null;
  searchTerm: string | null;
  placement: string | null;
  targeting: string | null;
  matchType: string | null;
  asin: string | null;
  sku: string | null;
  currency: string;
  impressions: number;
  clicks: number;
  costMinor: number;
  salesMinor: number;
  orders: number;
  units: number;
  attribution: string;
  sales14dMinor: number;
  orders14d: number;
  units14d: number;
}

const text = (v: unknown): string | null => (v === undefined || v === null || v === '' ? null : String(v));

/** The natural key of a row within (report, date). */
function entityKeyOf(spec: AdsReportSpec, r: Record<string, unknown>): string | null {
  const id = (k: string) => text(r[k]);
  switch (spec.kind) {
    case 'adGroup':
      return id('adGroupId');
    case 'placement':
      return id('campaignId') && id('placementClassification')
        ? `${id('campaignId')}|${id('placementClassification')}`
        : null;
    case 'targeting':
      return id('keywordId');
    case 'searchTerm':
      return id('keywordId') && id('searchTerm') !== null ? `${id('keywordId')}|${id('searchTerm')}` : null;
    case 'advertisedProduct':
      return id('adId');
    default:
      return id('campaignId');
  }
}

/**
 * Reads a report's rows into metric records in the profile's currency. A row without its date, key or a valid amount
 * is rejected with its position (row 1 is the first object of the file).
 */
export function readReportRows(
  spec: AdsReportSpec,
  rows: readonly Record<string, unknown>[],
  profileCurrency: string,
): { records: MetricRecord[]; errors: ImportError[] } {
  const records: MetricRecord[] = [];
  const errors: ImportError[] = [];
  const sp = spec.adType === 'SP';
  for (const [i, r] of rows.entries()) {
    const line = i + 1;
    const date = text(r.date);
    const key = entityKeyOf(spec, r);
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      errors.push({ line, column: 'date', reason: 'not a date', value: String(r.date) });
      continue;
    }
    if (!key || !text(r.campaignId)) {
      errors.push({ line, column: 'campaignId', reason: 'the row has no id of its entity' });
      continue;
    }
    const currency = text(r.campaignBudgetCurrencyCode) ?? profileCurrency;
    const money = (column: string) => {
      const v = r[column];
      if (v === undefined || v === null || v === '') return 0;
      return amountMinor(v, currency);
    };
    const cost = money('cost');
    const sales = money(sp ? 'sales7d' : 'sales');
    const sales14 = money(sp ? 'sales14d' : 'sales');
    const bad = [
      ['cost', cost],
      [sp ? 'sales7d' : 'sales', sales],
      ['sales14d', sales14],
    ].find(([, v]) => v === null);
    if (bad) {
      errors.push({ line, column: String(bad[0]), reason: 'not an amount', value: String(r[String(bad[0])]) });
      continue;
    }
    records.push({
      report: spec.report,
      adType: spec.adType,
      date,
      entityKey: key,
      campaignId: String(r.campaignId),
      adGroupId: text(r.adGroupId),
      targetId: text(r.keywordId),
      adId: text(r.adId),
      searchTerm: text(r.searchTerm),
      placement: text(r.placementClassification),
      targeting: text(r.targeting) ?? text(r.keyword),
      matchType: text(r.matchType) ?? text(r.keywordType),
      asin: text(r.advertisedAsin),
      sku: text(r.advertisedSku),
      currency,
      impressions: count(r.impressions),
      clicks: count(r.clicks),
      costMinor: cost ?? 0,
      salesMinor: sales ?? 0,
      orders: count(sp ? r.purchases7d : r.purchases),
      units: count(sp ? r.unitsSoldClicks7d : r.unitsSold),
      attribution: sp ? '7d' : '14d',
      sales14dMinor: sales14 ?? 0,
      orders14d: count(sp ? r.purchases14d : r.purchases),
      units14d: count(sp ? r.unitsSoldClicks14d : r.unitsSold),
    });
  }
  return { records, errors };
}
