import { z } from 'zod';
import { idSchema, permissionsSchema, textSchema } from './common.js';

export const localeSchema = z.enum(['zh-CN', 'en']);
export type Locale = z.infer<typeof localeSchema>;

export const scopeSchema = z
  .object({
    allStores: z.boolean().default(true),
    storeIds: z.array(idSchema).max(500).default([]),
    marketplaceIds: z
      .array(z.string().regex(/^[A-Z0-9]{8,20}$/))
      .max(50)
      .default([]),
    productLines: z.array(textSchema(100)).max(200).default([]),
    ownOnly: z.boolean().default(false),
  })
  .strict();
export type Scope = z.infer<typeof scopeSchema>;

export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  locale: localeSchema,
  companyId: z.string(),
  companyName: z.string(),
  baseCurrency: z.string(),
  departmentId: z.string().nullable(),
  roleIds: z.array(z.string()),
  permissions: permissionsSchema,
  scope: scopeSchema,
});
export type Me = z.infer<typeof meSchema>;

export const loginBodySchema = z
  .object({ email: z.string().trim().min(3).max(200), password: z.string().min(1).max(200) })
  .strict();
export const sessionResponseSchema = z.object({ user: meSchema, csrfToken: z.string() });
export const updateMeBodySchema = z
  .object({
    locale: localeSchema.optional(),
    displayName: textSchema(100).pipe(z.string().min(1)).optional(),
    currentPassword: z.string().max(200).optional(),
    newPassword: z.string().min(10, 'at least 10 characters').max(200).optional(),
  })
  .strict();
