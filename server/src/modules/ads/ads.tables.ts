/** Amazon Ads data per store: profiles, campaigns (SP, SB, SD), SP ad groups and targets, daily report metrics. */

export interface AdsProfileTable {
  id: string;
  companyId: string;
  storeId: string;
  profileId: string;
  marketplaceId: string;
  countryCode: string;
  currency: string;
  timeZone: string;
  accountName: string | null;
  accountType: string | null;
  syncedAt: number;
  createdAt: number;
}

export interface AdsCampaignTable {
  id: string;
  companyId: string;
  storeId: string;
  profileId: string;
  marketplaceId: string;
  campaignId: string;
  /** SP, SB or SD. */
  adType: string;
  name: string;
  /** ENABLED, PAUSED, ARCHIVED … (upper case for every ad type). */
  state: string;
  /** SP: AUTO | MANUAL; SD: the tactic (T00020 …); SB: null. */
  targetingType: string | null;
  budgetMinor: number | null;
  budgetType: string | null;
  currency: string;
  biddingStrategy: string | null;
  costType: string | null;
  startDate: string | null;
  endDate: string | null;
  portfolioId: string | null;
  syncedAt: number;
  createdAt: number;
}

export interface AdsAdGroupTable {
  id: string;
  companyId: string;
  storeId: string;
  profileId: string;
  marketplaceId: string;
  adGroupId: string;
  campaignId: string;
  name: string;
  state: string;
  defaultBidMinor: number | null;
  currency: string;
  syncedAt: number;
  createdAt: number;
}

export interface AdsTargetTable {
  id: string;
  companyId: string;
  storeId: string;
  profileId: string;
  marketplaceId: string;
  /** KEYWORD (SP keyword) or PRODUCT_TARGET (SP targeting clause, manual or auto). */
  kind: string;
  targetId: string;
  campaignId: string;
  adGroupId: string;
  state: string;
  /** Keywords: EXACT | PHRASE | BROAD; targets: the expression type AUTO | MANUAL. */
  matchType: string | null;
  /** The keyword text, or the targeting expression as Amazon's reports print it (asin_same_as="B0…"). */
  text: string;
  /** Targeting clauses: the expression JSON. */
  expression: string | null;
  bidMinor: number | null;
  currency: string;
  syncedAt: number;
  createdAt: number;
}

export interface AdsMetricDailyTable {
  id: string;
  companyId: string;
  storeId: string;
  profileId: string;
  marketplaceId: string;
  /** campaign | adGroup | placement | targeting | searchTerm | advertisedProduct. */
  report: string;
  adType: string;
  /** The profile's local date. */
  date: string;
  /** The row's entity within (report, date): campaign id, ad group id, keyword id|search term … */
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
  /** Attributed sales, orders and units in the report's own window (`attribution`: SP 7d, SB/SD 14d). */
  salesMinor: number;
  orders: number;
  units: number;
  attribution: string;
  /** SP 14-day attribution (SB/SD: same as sales). */
  sales14dMinor: number;
  orders14d: number;
  units14d: number;
  syncedAt: number;
}

export interface AdsTables {
  adsProfile: AdsProfileTable;
  adsCampaign: AdsCampaignTable;
  adsAdGroup: AdsAdGroupTable;
  adsTarget: AdsTargetTable;
  adsMetricDaily: AdsMetricDailyTable;
}
