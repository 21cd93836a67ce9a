/** Sessions, page views, buy box and sales of one child ASIN (and SKU, when Amazon gives one) on one business day. */
export interface TrafficDailyTable {
  id: string;
  companyId: string;
  storeId: string;
  marketplaceId: string;
  /** The marketplace's own calendar day (Amazon's report date). */
  salesDate: string;
  parentAsin: string | null;
  childAsin: string;
  /** '' when the report is not by SKU (part of the key, so never null). */
  sku: string;
  browserSessions: number;
  mobileSessions: number;
  sessions: number;
  browserPageViews: number;
  mobilePageViews: number;
  pageViews: number;
  /** Buy box percentage in basis points (93.45 % → 9345). */
  buyBoxBp: number;
  unitsOrdered: number;
  orderedSalesMinor: number;
  currency: string;
  totalOrderItems: number;
  reportId: string | null;
  syncedAt: number;
}

/** The marketplace's totals of one business day (Amazon's salesAndTrafficByDate). */
export interface TrafficDailyTotalTable {
  id: string;
  companyId: string;
  storeId: string;
  marketplaceId: string;
  salesDate: string;
  browserSessions: number;
  mobileSessions: number;
  sessions: number;
  browserPageViews: number;
  mobilePageViews: number;
  pageViews: number;
  buyBoxBp: number;
  unitsOrdered: number;
  orderedSalesMinor: number;
  currency: string;
  totalOrderItems: number;
  unitsRefunded: number;
  shippedSalesMinor: number;
  unitsShipped: number;
  ordersShipped: number;
  reportId: string | null;
  syncedAt: number;
}

/** One search term of one week (Brand Analytics) with its three most clicked ASINs. */
export interface SearchTermWeeklyTable {
  id: string;
  companyId: string;
  storeId: string;
  marketplaceId: string;
  /** First day (Sunday) of the week, marketplace calendar. */
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
  reportId: string | null;
  syncedAt: number;
}

/** Amazon's fee estimate for one listing at one price (Product Fees API). */
export interface FeeEstimateTable {
  id: string;
  companyId: string;
  storeId: string;
  marketplaceId: string;
  sellerSku: string;
  asin: string | null;
  priceMinor: number;
  currency: string;
  isAmazonFulfilled: number;
  referralFeeMinor: number;
  fbaFeeMinor: number;
  variableClosingFeeMinor: number;
  perItemFeeMinor: number;
  totalFeeMinor: number;
  /** When Amazon estimated these amounts (TimeOfFeesEstimation of the estimate that first gave them). */
  estimatedAt: number;
  syncedAt: number;
}

export interface AnalyticsTables {
  trafficDaily: TrafficDailyTable;
  trafficDailyTotal: TrafficDailyTotalTable;
  searchTermWeekly: SearchTermWeeklyTable;
  feeEstimate: FeeEstimateTable;
}
