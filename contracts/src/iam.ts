import { z } from 'zod';
import { localeSchema, scopeSchema } from './auth.js';
import { actionSchema, idSchema, listQuerySchema, moduleSchema, permissionsSchema, textSchema } from './common.js';

export const departmentKindSchema = z.enum([
  'operations',
  'purchasing',
  'logistics',
  'finance',
  'customer_service',
  'brand',
  'rnd',
  'management',
  'other',
]);
export const departmentSchema = z.object({ id: z.string(), name: z.string(), kind: departmentKindSchema });
export const createDepartmentSchema = z
  .object({ name: textSchema(100).pipe(z.string().min(1)), kind: departmentKindSchema })
  .strict();
export const updateDepartmentSchema = createDepartmentSchema.partial().strict();

export const companySchema = z.object({
  id: z.string(),
  name: z.string(),
  baseCurrency: z.string(),
  timeZone: z.string(),
  defaultLocale: localeSchema,
});
export const updateCompanySchema = z
  .object({
    name: textSchema(200).pipe(z.string().min(1)),
    baseCurrency: z.string().regex(/^[A-Z]{3}$/),
    timeZone: z.string().min(1).max(60),
    defaultLocale: localeSchema,
  })
  .partial()
  .strict();

export const roleSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  permissions: permissionsSchema,
  isSystem: z.boolean(),
  userCount: z.number().int(),
});
export const createRoleSchema = z
  .object({
    name: textSchema(100).pipe(z.string().min(1)),
    description: textSchema(500).nullable().optional(),
    permissions: permissionsSchema,
  })
  .strict();
export const updateRoleSchema = createRoleSchema.partial().strict();
export const permissionCatalogSchema = z.object({
  modules: z.array(z.object({ module: moduleSchema, actions: z.array(actionSchema) })),
});

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  departmentId: z.string().nullable(),
  departmentName: z.string().nullable(),
  roleIds: z.array(z.string()),
  roleNames: z.array(z.string()),
  locale: localeSchema,
  isActive: z.boolean(),
  scope: scopeSchema,
  lockedUntil: z.number().nullable(),
  lastLoginAt: z.number().nullable(),
  createdAt: z.number(),
});
export type UserDto = z.infer<typeof userSchema>;
export const emailSchema = z.string().trim().toLowerCase().email().max(200);
export const passwordSchema = z.string().min(10, 'at least 10 characters').max(200);
export const createUserSchema = z
  .object({
    email: emailSchema,
    displayName: textSchema(100).pipe(z.string().min(1)),
    password: passwordSchema,
    departmentId: idSchema.nullable().optional(),
    roleIds: z.array(idSchema).max(20).default([]),
    scope: scopeSchema.default({ allStores: true, storeIds: [], marketplaceIds: [], productLines: [], ownOnly: false }),
    locale: localeSchema.default('zh-CN'),
  })
  .strict();
export const updateUserSchema = z
  .object({
    displayName: textSchema(100).pipe(z.string().min(1)),
    password: passwordSchema,
    departmentId: idSchema.nullable(),
    roleIds: z.array(idSchema).max(20),
    scope: scopeSchema,
    locale: localeSchema,
    isActive: z.boolean(),
  })
  .partial()
  .strict();
export const listUsersQuerySchema = listQuerySchema.extend({
  departmentId: idSchema.optional(),
  roleId: idSchema.optional(),
  isActive: z.enum(['true', 'false']).optional(),
});

export const TOKEN_SCOPE = /^(settings|users|stores|catalog|fx|audit):(view|edit|approve|export|admin)$/;
export const apiTokenSchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  scopes: z.array(z.string()),
  expiresAt: z.number().nullable(),
  lastUsedAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  createdAt: z.number(),
});
export const createApiTokenSchema = z
  .object({
    name: textSchema(100).pipe(z.string().min(1)),
    scopes: z.array(z.string().regex(TOKEN_SCOPE, 'expected module:action, e.g. catalog:view')).min(1).max(40),
    expiresInDays: z.number().int().min(1).max(3650).optional(),
  })
  .strict();
export const createdApiTokenSchema = apiTokenSchema.extend({ token: z.string() });

export const operationLogQuerySchema = listQuerySchema.extend({
  module: z.string().max(40).optional(),
  entity: z.string().max(40).optional(),
  entityId: z.string().max(60).optional(),
  actorId: z.string().max(60).optional(),
  action: z.string().max(40).optional(),
  from: z.coerce.number().int().optional(),
  to: z.coerce.number().int().optional(),
});
export const operationLogEntrySchema = z.object({
  id: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  source: z.string(),
  module: z.string(),
  entity: z.string(),
  entityId: z.string().nullable(),
  action: z.string(),
  before: z.unknown(),
  after: z.unknown(),
  summary: z.string().nullable(),
  requestId: z.string().nullable(),
  at: z.number(),
});
