import { z } from 'zod';
import { textSchema } from './common.js';

export const regionSchema = z.enum(['NA', 'EU', 'FE']);
export const marketplaceSchema = z.object({
  marketplaceId: z.string(),
  code: z.string(),
  country: z.string(),
  region: regionSchema,
  currency: z.string(),
  timeZone: z.string(),
});
const url = z
  .string()
  .url()
  .max(300)
  .regex(/^https?:\/\//, 'expected an http(s) URL');
export const endpointsSchema = z
  .object({ lwa: url.optional(), spApi: url.optional(), ads: url.optional(), queueUrl: url.optional() })
  .strict();
export const credentialsSchema = z
  .object({
    clientId: z.string().min(1).max(300),
    clientSecret: z.string().min(1).max(300),
    refreshToken: z.string().min(1).max(2000),
  })
  .strict();
export const storeSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: regionSchema,
  sellerId: z.string(),
  marketplaceIds: z.array(z.string()),
  status: z.enum(['active', 'disabled', 'error']),
  hasCredentials: z.boolean(),
  endpoints: endpointsSchema,
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type StoreDto = z.infer<typeof storeSchema>;
export const createStoreSchema = z
  .object({
    name: textSchema(100).pipe(z.string().min(1)),
    region: regionSchema,
    sellerId: z.string().regex(/^[A-Z0-9]{6,20}$/, 'expected an Amazon seller id (merchant token), e.g. A2EXAMPLE123'),
    marketplaceIds: z.array(z.string()).min(1).max(30),
    credentials: credentialsSchema.optional(),
    endpoints: endpointsSchema.default({}),
  })
  .strict();
export const updateStoreSchema = z
  .object({
    name: textSchema(100).pipe(z.string().min(1)),
    marketplaceIds: z.array(z.string()).min(1).max(30),
    credentials: credentialsSchema,
    endpoints: endpointsSchema,
    status: z.enum(['active', 'disabled']),
  })
  .partial()
  .strict();
