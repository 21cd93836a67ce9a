// Shapes of the ads API (server: contracts/src/ads.ts). Money is a decimal string in the row's currency.

export type AdType = 'SP' | 'SB' | 'SD';
export const AD_TYPES: readonly AdType[] = ['SP', 'SB', 'SD'];
export const AD_STATES = ['ENABLED', 'PAUSED', 'ARCHIVED'] as const;

export interface AdsMetrics {
  impressions: number;
  clicks: number;
  spend: string;
  sales: string;
  orders: number;
  units: number;
  /** Percent. */
  acos: number | null;
  roas: number | null;
  /** Percent. */
  ctr: number | null;
  cpc: string | null;
}

export interface AdsProfile {
  storeId: string;
  storeName: string;
  profileId: string;
  marketplaceId: string;
  countryCode: string;
  currency: string;
  timeZone: string;
  accountName: string | null;
}

export interface AdsCampaign extends AdsMetrics {
  id: string;
  storeId: string;
  storeName: string;
  profileId: string;
  marketplaceId: string;
  campaignId: string;
  adType: AdType;
  name: string;
  state: string;
  targetingType: string | null;
  budget: string | null;
  budgetType: string | null;
  currency: string;
  biddingStrategy: string | null;
  startDate: string | null;
  endDate: string | null;
  syncedAt: number;
}

export interface AdsDay extends AdsMetrics {
  date: string;
}

export interface AdsPerformance {
  from: string;
  to: string;
  currencies: { currency: string; totals: AdsMetrics; days: AdsDay[] }[];
}

export interface AdsSearchTerm extends AdsMetrics {
  id: string;
  storeId: string;
  storeName: string;
  profileId: string;
  currency: string;
  campaignId: string;
  campaignName: string | null;
  adGroupId: string | null;
  targetId: string | null;
  searchTerm: string;
  targeting: string | null;
  matchType: string | null;
}

/** "12.3%" or "—". */
export function formatPercent(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined) return '—';
  return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)}%`;
}
