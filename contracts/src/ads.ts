import { z } from 'zod';
import { isoDateSchema, listQuerySchema } from './common.js';

/** Amazon Ads: campaigns with their metrics, daily performance, search terms. Money: decimal strings per currency. */

const amount = z.string();
export const adTypeSchema = z.enum(['SP', 'SB', 'SD']);
export type AdType = z.infer<typeof adTypeSchema>;
export const adsStateSchema = z.enum([
  'ENABLED',
  'PAUSED',
  'ARCHIVED',
  'PROPOSED',
  'ENABLING',
  'USER_DELETED',
  'OTHER',
]);

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(500)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(item));

/** Metrics over a period: ACOS = spend / sales (percent), ROAS = sales / spend, CTR = clicks / impressions (percent). */
export const adsMetricsSchema = z.object({
  impressions: z.number().int(),
  clicks: z.number().int(),
  spend: amount,
  sales: amount,
  orders: z.number().int(),
  units: z.number().int(),
  acos: z.number().nullable(),
  roas: z.number().nullable(),
  ctr: z.number().nullable(),
  cpc: amount.nullable(),
});
export type AdsMetricsDto = z.infer<typeof adsMetricsSchema>;

export const adsProfileSchema = z.object({
  storeId: z.string(),
  storeName: z.string(),
  profileId: z.string(),
  marketplaceId: z.string(),
  countryCode: z.string(),
  currency: z.string(),
  timeZone: z.string(),
  accountName: z.string().nullable(),
});
export type AdsProfileDto = z.infer<typeof adsProfileSchema>;

export const adsCampaignSchema = adsMetricsSchema.extend({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  profileId: z.string(),
  marketplaceId: z.string(),
  campaignId: z.string(),
  adType: adTypeSchema,
  name: z.string(),
  state: z.string(),
  targetingType: z.string().nullable(),
  budget: amount.nullable(),
  budgetType: z.string().nullable(),
  currency: z.string(),
  biddingStrategy: z.string().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  syncedAt: z.number(),
});
export type AdsCampaignDto = z.infer<typeof adsCampaignSchema>;

const periodFilter = {
  storeId: z.string().max(40).optional(),
  profileId: z.string().max(40).optional(),
  /** Profile-local report dates, inclusive; default the last 30 days through yesterday. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
};

export const listAdsCampaignsQuerySchema = listQuerySchema.extend({
  ...periodFilter,
  state: csv(adsStateSchema).optional(),
  adType: csv(adTypeSchema).optional(),
});
export type ListAdsCampaignsQuery = z.infer<typeof listAdsCampaignsQuerySchema>;

export const adsPerformanceQuerySchema = z.object({
  ...periodFilter,
  campaignId: z.string().max(40).optional(),
  adType: csv(adTypeSchema).optional(),
});
export type AdsPerformanceQuery = z.infer<typeof adsPerformanceQuerySchema>;

export const adsDaySchema = adsMetricsSchema.extend({ date: z.string() });
export const adsPerformanceSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** One series per currency (profiles in different currencies are never summed). */
  currencies: z.array(z.object({ currency: z.string(), totals: adsMetricsSchema, days: z.array(adsDaySchema) })),
});
export type AdsPerformanceDto = z.infer<typeof adsPerformanceSchema>;

export const listAdsSearchTermsQuerySchema = listQuerySchema.extend({
  ...periodFilter,
  campaignId: z.string().max(40).optional(),
});
export type ListAdsSearchTermsQuery = z.infer<typeof listAdsSearchTermsQuerySchema>;

export const adsSearchTermSchema = adsMetricsSchema.extend({
  /** Row key: store | profile | campaign | keyword or target | search term. */
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  profileId: z.string(),
  currency: z.string(),
  campaignId: z.string(),
  campaignName: z.string().nullable(),
  adGroupId: z.string().nullable(),
  targetId: z.string().nullable(),
  searchTerm: z.string(),
  targeting: z.string().nullable(),
  matchType: z.string().nullable(),
});
export type AdsSearchTermDto = z.infer<typeof adsSearchTermSchema>;
