import { z } from 'zod';
import { isoDateSchema, listQuerySchema } from './common.js';

/** Money in the DTOs: a decimal string in the row's currency ("19.99", "1980" for JPY). */
const amount = z.string();
/** A ratio in basis points (1 % = 100 bp); null when it has no denominator (no sessions). */
const bp = z.number().int();

export const analyticsScopeQuerySchema = z.object({
  storeId: z.string().max(40).optional(),
  marketplaceId: z.string().max(20).optional(),
});

export const trafficQuerySchema = analyticsScopeQuerySchema.extend({
  /** A child or parent ASIN, or a SKU. */
  asin: z.string().trim().max(40).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type TrafficQuery = z.infer<typeof trafficQuerySchema>;

export const currencyAmountSchema = z.object({ currency: z.string(), total: amount });

export const trafficPointSchema = z.object({
  /** Business day of the marketplace. */
  date: z.string(),
  sessions: z.number().int(),
  pageViews: z.number().int(),
  unitsOrdered: z.number().int(),
  totalOrderItems: z.number().int(),
  /** Units ordered per session. */
  conversionBp: bp.nullable(),
  /** Sessions-weighted buy box percentage. */
  buyBoxBp: bp.nullable(),
  sales: z.array(currencyAmountSchema),
});
export type TrafficPointDto = z.infer<typeof trafficPointSchema>;

export const trafficAsinSchema = z.object({
  id: z.string(),
  /** Position in the requested order (1 = most sessions by default). */
  rank: z.number().int(),
  storeId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string(),
  childAsin: z.string(),
  parentAsin: z.string().nullable(),
  sessions: z.number().int(),
  pageViews: z.number().int(),
  unitsOrdered: z.number().int(),
  totalOrderItems: z.number().int(),
  conversionBp: bp.nullable(),
  buyBoxBp: bp.nullable(),
  currency: z.string(),
  sales: amount,
  days: z.number().int(),
});
export type TrafficAsinDto = z.infer<typeof trafficAsinSchema>;

export const trafficSchema = z.object({
  series: z.array(trafficPointSchema),
  totals: trafficPointSchema.omit({ date: true }),
  topAsins: z.array(trafficAsinSchema),
});
export type TrafficDto = z.infer<typeof trafficSchema>;

export const trafficAsinsQuerySchema = listQuerySchema.extend(trafficQuerySchema.shape);
export type TrafficAsinsQuery = z.infer<typeof trafficAsinsQuerySchema>;

export const searchTermsQuerySchema = listQuerySchema.extend({
  ...analyticsScopeQuerySchema.shape,
  weekStart: isoDateSchema.optional(),
  asin: z.string().trim().max(40).optional(),
});
export type SearchTermsQuery = z.infer<typeof searchTermsQuerySchema>;

export const searchTermSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string(),
  weekStart: z.string(),
  weekEnd: z.string(),
  departmentName: z.string(),
  searchTerm: z.string(),
  searchFrequencyRank: z.number().int(),
  asin1: z.string().nullable(),
  title1: z.string().nullable(),
  clickShare1Bp: bp.nullable(),
  conversionShare1Bp: bp.nullable(),
  asin2: z.string().nullable(),
  title2: z.string().nullable(),
  clickShare2Bp: bp.nullable(),
  conversionShare2Bp: bp.nullable(),
  asin3: z.string().nullable(),
  title3: z.string().nullable(),
  clickShare3Bp: bp.nullable(),
  conversionShare3Bp: bp.nullable(),
});
export type SearchTermDto = z.infer<typeof searchTermSchema>;

export const feeEstimatesQuerySchema = listQuerySchema.extend(analyticsScopeQuerySchema.shape);
export type FeeEstimatesQuery = z.infer<typeof feeEstimatesQuerySchema>;

export const feeEstimateSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string(),
  sellerSku: z.string(),
  asin: z.string().nullable(),
  currency: z.string(),
  price: amount,
  isAmazonFulfilled: z.boolean(),
  referralFee: amount,
  fbaFee: amount,
  variableClosingFee: amount,
  perItemFee: amount,
  totalFee: amount,
  /** Total fees as a share of the price. */
  feeShareBp: bp.nullable(),
  estimatedAt: z.number(),
  syncedAt: z.number(),
});
export type FeeEstimateDto = z.infer<typeof feeEstimateSchema>;
