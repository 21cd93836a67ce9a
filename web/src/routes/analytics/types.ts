// Shapes of the analytics API (server: contracts/src/analytics.ts).

export interface CurrencyAmount {
  currency: string;
  total: string;
}

export interface TrafficPoint {
  date: string;
  sessions: number;
  pageViews: number;
  unitsOrdered: number;
  totalOrderItems: number;
  conversionBp: number | null;
  buyBoxBp: number | null;
  sales: CurrencyAmount[];
}

export interface TrafficAsin {
  id: string;
  rank: number;
  storeId: string;
  storeName: string;
  marketplaceId: string;
  childAsin: string;
  parentAsin: string | null;
  sessions: number;
  pageViews: number;
  unitsOrdered: number;
  totalOrderItems: number;
  conversionBp: number | null;
  buyBoxBp: number | null;
  currency: string;
  sales: string;
  days: number;
}

export interface Traffic {
  series: TrafficPoint[];
  totals: Omit<TrafficPoint, 'date'>;
  topAsins: TrafficAsin[];
}

export interface SearchTerm {
  id: string;
  storeId: string;
  storeName: string;
  marketplaceId: string;
  weekStart: string;
  weekEnd: string;
  departmentName: string;
  searchTerm: string;
  searchFrequencyRank: number;
  asin1: string | null;
  title1: string | null;
  clickShare1Bp: number | null;
  conversionShare1Bp: number | null;
  asin2: string | null;
  title2: string | null;
  clickShare2Bp: number | null;
  conversionShare2Bp: number | null;
  asin3: string | null;
  title3: string | null;
  clickShare3Bp: number | null;
  conversionShare3Bp: number | null;
}

export interface FeeEstimate {
  id: string;
  storeId: string;
  storeName: string;
  marketplaceId: string;
  sellerSku: string;
  asin: string | null;
  currency: string;
  price: string;
  isAmazonFulfilled: boolean;
  referralFee: string;
  fbaFee: string;
  variableClosingFee: string;
  perItemFee: string;
  totalFee: string;
  feeShareBp: number | null;
  estimatedAt: number;
  syncedAt: number;
}

/** Basis points as a percentage with two decimals ("12.34 %"); empty for null. */
export function formatBp(bp: number | null | undefined, locale: string): string {
  if (bp === null || bp === undefined) return '';
  return `${(bp / 100).toLocaleString(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 })} %`;
}
