import { z } from 'zod';
import { currencySchema, decimalAmountSchema, idSchema, isoDateSchema, listQuerySchema, textSchema } from './common.js';

export const skuStatusSchema = z.enum(['active', 'inactive', 'discontinued', 'draft']);
export const listingStatusSchema = z.enum(['active', 'inactive', 'incomplete', 'suppressed']);
export const fulfillmentChannelSchema = z.enum(['FBA', 'FBM']);
const tagsSchema = z.array(textSchema(40).pipe(z.string().min(1))).max(30);
const positiveInt = z.number().int().min(0).max(10_000_000);
const nonNegativeAmount = decimalAmountSchema.refine((s) => !s.startsWith('-'), { message: 'must not be negative' });

export const spuSchema = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  productLine: z.string().nullable(),
  brand: z.string().nullable(),
  category: z.string().nullable(),
  skuCount: z.number().int(),
});
export const createSpuSchema = z
  .object({
    code: textSchema(60).pipe(z.string().min(1)),
    name: textSchema(300).pipe(z.string().min(1)),
    productLine: textSchema(100).nullable().optional(),
    brand: textSchema(100).nullable().optional(),
    category: textSchema(200).nullable().optional(),
  })
  .strict();
export const updateSpuSchema = createSpuSchema.partial().strict();

export const skuSchema = z.object({
  id: z.string(),
  sku: z.string(),
  name: z.string(),
  spuId: z.string().nullable(),
  spuCode: z.string().nullable(),
  productLine: z.string().nullable(),
  images: z.array(z.string()),
  cost: z.string().nullable(),
  costCurrency: z.string().nullable(),
  lengthMm: z.number().nullable(),
  widthMm: z.number().nullable(),
  heightMm: z.number().nullable(),
  weightG: z.number().nullable(),
  hsCode: z.string().nullable(),
  declaredValue: z.string().nullable(),
  declaredCurrency: z.string().nullable(),
  casePack: z.number().nullable(),
  moq: z.number().nullable(),
  status: skuStatusSchema,
  tags: z.array(z.string()),
  operatorId: z.string().nullable(),
  productManagerId: z.string().nullable(),
  launchDate: z.string().nullable(),
  listingCount: z.number().int(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type SkuDto = z.infer<typeof skuSchema>;

const skuWritable = {
  sku: textSchema(60).pipe(
    z
      .string()
      .min(1)
      .regex(/^[\w.\-/#+ ]+$/, 'letters, digits and - _ . / # + only'),
  ),
  name: textSchema(300).pipe(z.string().min(1)),
  spuId: idSchema.nullable(),
  productLine: textSchema(100).nullable(),
  images: z.array(z.string().url().max(1000)).max(20),
  cost: nonNegativeAmount.nullable(),
  costCurrency: currencySchema.nullable(),
  lengthMm: positiveInt.nullable(),
  widthMm: positiveInt.nullable(),
  heightMm: positiveInt.nullable(),
  weightG: positiveInt.nullable(),
  hsCode: z
    .string()
    .regex(/^\d{6,12}$/, 'HS code is 6 to 12 digits')
    .nullable(),
  declaredValue: nonNegativeAmount.nullable(),
  declaredCurrency: currencySchema.nullable(),
  casePack: z.number().int().min(1).max(100_000).nullable(),
  moq: z.number().int().min(1).max(10_000_000).nullable(),
  status: skuStatusSchema,
  tags: tagsSchema,
  operatorId: idSchema.nullable(),
  productManagerId: idSchema.nullable(),
  launchDate: isoDateSchema.nullable(),
};
export const createSkuSchema = z.object(skuWritable).partial().required({ sku: true, name: true }).strict();
export const updateSkuSchema = z.object(skuWritable).partial().strict();
export type CreateSkuInput = z.infer<typeof createSkuSchema>;
export type UpdateSkuInput = z.infer<typeof updateSkuSchema>;

export const listSkusQuerySchema = listQuerySchema.extend({
  status: skuStatusSchema.optional(),
  productLine: z.string().max(100).optional(),
  tag: z.string().max(40).optional(),
  spuId: idSchema.optional(),
  operatorId: idSchema.optional(),
});
export type ListSkusQuery = z.infer<typeof listSkusQuerySchema>;

export const listingSkuSchema = z.object({ skuId: z.string(), sku: z.string(), quantity: z.number().int() });
export const listingSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string(),
  sellerSku: z.string(),
  asin: z.string().nullable(),
  parentAsin: z.string().nullable(),
  fnsku: z.string().nullable(),
  title: z.string().nullable(),
  fulfillmentChannel: fulfillmentChannelSchema,
  status: listingStatusSchema,
  price: z.string().nullable(),
  currency: z.string(),
  tags: z.array(z.string()),
  operatorId: z.string().nullable(),
  launchDate: z.string().nullable(),
  skus: z.array(listingSkuSchema),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type ListingDto = z.infer<typeof listingSchema>;

const asin = z.string().regex(/^[A-Z0-9]{10}$/, 'ASIN is 10 letters/digits');
const pairingSchema = z
  .array(z.object({ sku: z.string().min(1).max(60), quantity: z.number().int().min(1).max(1000) }).strict())
  .max(20);
const listingWritable = {
  storeId: idSchema,
  marketplaceId: z.string().regex(/^[A-Z0-9]{8,20}$/),
  sellerSku: textSchema(100).pipe(z.string().min(1)),
  asin: asin.nullable(),
  parentAsin: asin.nullable(),
  fnsku: z
    .string()
    .regex(/^[A-Z0-9]{10}$/, 'FNSKU is 10 letters/digits')
    .nullable(),
  title: textSchema(500).nullable(),
  fulfillmentChannel: fulfillmentChannelSchema,
  status: listingStatusSchema,
  price: nonNegativeAmount.nullable(),
  tags: tagsSchema,
  operatorId: idSchema.nullable(),
  launchDate: isoDateSchema.nullable(),
  skus: pairingSchema,
};
export const createListingSchema = z
  .object(listingWritable)
  .partial()
  .required({ storeId: true, marketplaceId: true, sellerSku: true })
  .strict();
export const updateListingSchema = z
  .object(listingWritable)
  .omit({ storeId: true, marketplaceId: true, sellerSku: true })
  .partial()
  .strict();
export type CreateListingInput = z.infer<typeof createListingSchema>;
export type UpdateListingInput = z.infer<typeof updateListingSchema>;

export const listListingsQuerySchema = listQuerySchema.extend({
  storeId: idSchema.optional(),
  marketplaceId: z.string().max(20).optional(),
  status: listingStatusSchema.optional(),
  fulfillmentChannel: fulfillmentChannelSchema.optional(),
  asin: z.string().max(10).optional(),
});
export type ListListingsQuery = z.infer<typeof listListingsQuerySchema>;

export const importKindSchema = z.enum(['products', 'listings']);
export const catalogImportQuerySchema = z.object({
  kind: importKindSchema,
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});
export const exportFormatSchema = z.enum(['xlsx', 'csv']);
export const catalogStatsSchema = z.object({
  skuCount: z.number().int(),
  listingCount: z.number().int(),
  byStatus: z.array(z.object({ status: z.string(), count: z.number().int() })),
  byMarketplace: z.array(z.object({ marketplaceId: z.string(), count: z.number().int() })),
  byFulfillment: z.array(z.object({ channel: z.string(), count: z.number().int() })),
});
