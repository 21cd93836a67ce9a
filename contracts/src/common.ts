import { z } from 'zod';

export const MODULES = [
  'settings',
  'users',
  'stores',
  'catalog',
  'orders',
  'inventory',
  'fx',
  'audit',
  'finance',
  'analytics',
  'ads',
] as const;
export type Module = (typeof MODULES)[number];
export const ACTIONS = ['view', 'edit', 'approve', 'export', 'admin'] as const;
export type Action = (typeof ACTIONS)[number];

/** Which actions make sense for each module (the role editor's matrix). */
export const MODULE_ACTIONS: Record<Module, readonly Action[]> = {
  settings: ['view', 'edit', 'admin'],
  users: ['view', 'edit', 'admin'],
  stores: ['view', 'edit', 'admin'],
  catalog: ['view', 'edit', 'approve', 'export'],
  orders: ['view', 'export'],
  inventory: ['view', 'export'],
  fx: ['view', 'edit', 'export'],
  audit: ['view', 'export'],
  finance: ['view', 'export'],
  analytics: ['view', 'export'],
  ads: ['view', 'export'],
};

export const moduleSchema = z.enum(MODULES);
export const actionSchema = z.enum(ACTIONS);
export const permissionsSchema = z.partialRecord(moduleSchema, z.array(actionSchema));
export type Permissions = z.infer<typeof permissionsSchema>;

export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
    requestId: z.string().optional(),
  }),
});

export const idSchema = z.string().min(3).max(40);
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    {
      message: 'not a real calendar date',
    },
  );
export const currencySchema = z.string().regex(/^[A-Z]{3}$/, 'expected an ISO 4217 currency code such as USD');
/** A money amount as a decimal string ("19.99"); converted to integer minor units by the server. */
export const decimalAmountSchema = z
  .string()
  .regex(/^-?\d{1,15}(\.\d{1,4})?$/, 'expected a decimal amount such as 19.99');
/** Plain text that may not contain control characters; HTML is kept as text and escaped by the UI. */
export const textSchema = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), { message: 'contains control characters' });

export const listQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  sort: z
    .string()
    .regex(/^[a-zA-Z]+:(asc|desc)(,[a-zA-Z]+:(asc|desc))*$/, 'expected field:asc or field:desc, comma-separated')
    .optional(),
  q: z.string().max(200).optional(),
});
export type ListQuery = z.infer<typeof listQuerySchema>;

export const listResponse = <T extends z.ZodType>(row: T) => z.object({ rows: z.array(row), total: z.number().int() });

export const idParamsSchema = z.object({ id: idSchema });

export const importErrorSchema = z.object({
  line: z.number().int(),
  column: z.string().nullable(),
  reason: z.string(),
  value: z.string().optional(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importReportSchema = z.object({
  kind: z.string(),
  dryRun: z.boolean(),
  fileName: z.string(),
  status: z.enum(['ok', 'rejected']),
  rowsTotal: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(importErrorSchema),
});
export type ImportReport = z.infer<typeof importReportSchema>;

export const importQuerySchema = z.object({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

export const healthSchema = z.object({
  status: z.enum(['ok', 'degraded']),
  db: z.object({ ok: z.boolean(), dialect: z.enum(['sqlite', 'postgres']) }),
  queue: z.object({ ok: z.boolean(), kind: z.string() }),
  version: z.string(),
});
