import {
  connectionTestSchema,
  idParamsSchema,
  importReportSchema,
  listResponse,
  notificationEntrySchema,
  reportImportQuerySchema,
  syncCatalogSchema,
  syncDataTypeSchema,
  syncRunSchema,
  syncStateSchema,
  triggerSyncSchema,
} from '@yangfan/contracts';
import { z } from 'zod';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';
import { readUpload } from '../../platform/http/upload.js';
import { writeMetaOf } from '../iam/index.js';
import { importAmazonReport, importableReportTypes, type ReportImportDeps } from './report-import.js';
import type { SyncService } from './sync.service.js';

export function registerSyncRoutes(app: App, deps: { sync: SyncService; importDeps: ReportImportDeps }): void {
  const tags = ['sync'];
  const view = { access: { module: 'stores' as const, action: 'view' as const } };
  const edit = { access: { module: 'stores' as const, action: 'edit' as const } };
  app.get(
    '/api/sync/data-types',
    { config: view, schema: { tags, response: { 200: syncCatalogSchema } } },
    async () => ({
      dataTypes: deps.sync.handlers().map((h) => ({ dataType: h.dataType, intervalMs: h.intervalMs })),
      reportTypes: importableReportTypes(deps.importDeps.importers),
    }),
  );
  app.get(
    '/api/sync/states',
    {
      config: view,
      schema: {
        tags,
        querystring: z.object({ storeId: z.string().max(40).optional() }),
        response: { 200: listResponse(syncStateSchema) },
      },
    },
    async (req) => {
      const rows = await deps.sync.states(principalOf(req), req.query.storeId);
      return { rows, total: rows.length };
    },
  );
  app.get(
    '/api/sync/runs',
    {
      config: view,
      schema: {
        tags,
        querystring: z.object({
          storeId: z.string().max(40).optional(),
          dataType: syncDataTypeSchema.optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: { 200: listResponse(syncRunSchema) },
      },
    },
    async (req) => {
      const rows = await deps.sync.runs(principalOf(req), req.query);
      return { rows, total: rows.length };
    },
  );
  app.get(
    '/api/sync/notifications',
    {
      config: view,
      schema: {
        tags,
        querystring: z.object({
          storeId: z.string().max(40).optional(),
          status: z.enum(['handled', 'ignored', 'failed']).optional(),
          limit: z.coerce.number().int().min(1).max(500).default(50),
        }),
        response: { 200: listResponse(notificationEntrySchema) },
      },
    },
    async (req) => {
      const rows = await deps.sync.inbox(principalOf(req), req.query);
      return { rows, total: rows.length };
    },
  );
  app.post(
    '/api/stores/:id/sync',
    {
      config: edit,
      schema: {
        tags,
        params: idParamsSchema,
        body: triggerSyncSchema.default({}),
        response: { 202: z.object({ queued: z.array(syncDataTypeSchema) }) },
      },
    },
    async (req, reply) => {
      const queued = await deps.sync.trigger(principalOf(req), writeMetaOf(req), req.params.id, req.body ?? {});
      return reply.status(202).send({ queued });
    },
  );
  app.post(
    '/api/stores/:id/test-connection',
    { config: edit, schema: { tags, params: idParamsSchema, response: { 200: connectionTestSchema } } },
    async (req) => deps.sync.testConnection(principalOf(req), req.params.id),
  );
  app.post(
    '/api/sync/import',
    { config: edit, schema: { tags, querystring: reportImportQuerySchema, response: { 200: importReportSchema } } },
    async (req) => {
      const { stream, fileName } = await readUpload(req);
      return importAmazonReport(deps.importDeps, principalOf(req), writeMetaOf(req), {
        storeId: req.query.storeId,
        reportType: req.query.type,
        file: stream,
        fileName,
        dryRun: req.query.dryRun,
      });
    },
  );
}
