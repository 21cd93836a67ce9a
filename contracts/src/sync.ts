import { z } from 'zod';
import { isoDateSchema } from './common.js';

/**
 * The kinds of Amazon data a store syncs, each with its own cursor and schedule. Data modules register their types
 * (orders-backfill, orders, inventory …); the server lists them at GET /api/sync/data-types.
 */
export const syncDataTypeSchema = z.string().regex(/^[a-z][a-z0-9-]{1,40}$/, 'expected a data type such as orders');
export type SyncDataType = z.infer<typeof syncDataTypeSchema>;

export const syncStatusSchema = z.enum(['idle', 'queued', 'running', 'waiting', 'ok', 'error']);

export const operationUsageSchema = z.object({
  operation: z.string(),
  calls: z.number().int(),
  throttled: z.number().int(),
  retries: z.number().int(),
  failures: z.number().int(),
  /** Documented sustained rate (requests per second) and burst. */
  rate: z.number(),
  burst: z.number(),
});

export const syncStateSchema = z.object({
  storeId: z.string(),
  storeName: z.string(),
  dataType: syncDataTypeSchema,
  status: syncStatusSchema,
  enabled: z.boolean(),
  /** Data is complete up to this instant (the cursor); null before the first success. */
  syncedThrough: z.number().nullable(),
  lagMs: z.number().nullable(),
  lastStartedAt: z.number().nullable(),
  lastSuccessAt: z.number().nullable(),
  /** When the scheduler runs this data type next; null when it only runs on demand (a finished backfill). */
  nextRunAt: z.number().nullable(),
  rowsLastRun: z.number().int(),
  rowsTotal: z.number().int(),
  progress: z.object({ percent: z.number(), message: z.string() }).nullable(),
  error: z
    .object({
      code: z.string(),
      message: z.string(),
      requestId: z.string().nullable(),
      at: z.number(),
      retryable: z.boolean(),
    })
    .nullable(),
  usage: z.array(operationUsageSchema),
});
export type SyncStateDto = z.infer<typeof syncStateSchema>;

export const syncRunSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  dataType: syncDataTypeSchema,
  trigger: z.enum(['schedule', 'manual', 'cli', 'demo']),
  /** `deferred`: stopped to wait for Amazon's quota (another data type of the seller used it); resumes later. */
  status: z.enum(['running', 'ok', 'error', 'deferred']),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  rows: z.number().int(),
  calls: z.number().int(),
  throttled: z.number().int(),
  errorMessage: z.string().nullable(),
  requestId: z.string().nullable(),
});
export type SyncRunDto = z.infer<typeof syncRunSchema>;

export const triggerSyncSchema = z
  .object({
    dataTypes: z.array(syncDataTypeSchema).min(1).optional(),
    /** Re-sync from this date (marketplace-local start of day); default: from the cursor. */
    since: isoDateSchema.optional(),
  })
  .strict();

export const connectionTestSchema = z.object({
  ok: z.boolean(),
  /** Marketplaces the seller participates in (from sellers/marketplaceParticipations). */
  participations: z.array(
    z.object({ marketplaceId: z.string(), name: z.string(), countryCode: z.string(), isParticipating: z.boolean() }),
  ),
  /** Configured marketplaces the seller does not participate in. */
  missingMarketplaceIds: z.array(z.string()),
  error: z.object({ code: z.string(), message: z.string(), requestId: z.string().nullable() }).nullable(),
  latencyMs: z.number(),
});
export type ConnectionTestDto = z.infer<typeof connectionTestSchema>;

/** What the server syncs and imports: GET /api/sync/data-types. */
export const syncCatalogSchema = z.object({
  dataTypes: z.array(z.object({ dataType: z.string(), intervalMs: z.number().nullable() })),
  /** Amazon report types the manual import reads. */
  reportTypes: z.array(z.string()),
});
export type SyncCatalogDto = z.infer<typeof syncCatalogSchema>;
export const reportImportQuerySchema = z.object({
  storeId: z.string().min(3).max(40),
  type: z.string().max(100),
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
});

/** One received SP-API notification and what became of it. */
export const notificationEntrySchema = z.object({
  storeId: z.string(),
  notificationId: z.string(),
  notificationType: z.string(),
  version: z.string(),
  eventTime: z.number().nullable(),
  receivedAt: z.number(),
  status: z.enum(['handled', 'ignored', 'failed']),
  attempts: z.number().int(),
  rows: z.number().int(),
  error: z.string().nullable(),
});
export type NotificationEntryDto = z.infer<typeof notificationEntrySchema>;
