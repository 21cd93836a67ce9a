import { exportFormatSchema, listResponse, operationLogEntrySchema, operationLogQuerySchema } from '@yangfan/contracts';
import { listOperationLog } from '../../platform/audit.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { EXPORT_CONTENT_TYPES, streamTable } from '../../platform/files/export.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';
import { attachmentHeaders } from '../../platform/http/upload.js';

const EXPORT_LIMIT = 100_000;

/** The operation log, read-only: every write of the company, newest first, filterable, exportable. */
export function registerAuditRoutes(app: App, db: AnyKysely): void {
  app.get(
    '/api/operation-log',
    {
      config: { access: { module: 'audit', action: 'view' } },
      schema: {
        tags: ['audit'],
        querystring: operationLogQuerySchema,
        response: { 200: listResponse(operationLogEntrySchema) },
      },
    },
    async (req) => {
      const q = req.query;
      return listOperationLog(db, { ...q, companyId: principalOf(req).companyId, limit: q.limit, offset: q.offset });
    },
  );
  app.get(
    '/api/operation-log/export',
    {
      config: { access: { module: 'audit', action: 'export' } },
      schema: {
        tags: ['audit'],
        querystring: operationLogQuerySchema.extend({ format: exportFormatSchema.default('xlsx') }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const companyId = principalOf(req).companyId;
      async function* pages() {
        for (let offset = 0; offset < EXPORT_LIMIT; offset += 2000) {
          const { rows } = await listOperationLog(db, { ...q, companyId, limit: 2000, offset });
          yield rows.map((r) => ({
            time: new Date(r.at).toISOString(),
            actor: r.actorName,
            source: r.source,
            module: r.module,
            entity: r.entity,
            entity_id: r.entityId ?? '',
            action: r.action,
            summary: r.summary ?? '',
            before: r.before === null ? '' : JSON.stringify(r.before),
            after: r.after === null ? '' : JSON.stringify(r.after),
            request_id: r.requestId ?? '',
          }));
          if (rows.length < 2000) return;
        }
      }
      const titles = [
        'time',
        'actor',
        'source',
        'module',
        'entity',
        'entity_id',
        'action',
        'summary',
        'before',
        'after',
        'request_id',
      ];
      return reply
        .headers(attachmentHeaders(`yangfan-operation-log.${format}`, EXPORT_CONTENT_TYPES[format]))
        .send(streamTable(format, 'operation log', titles, pages()));
    },
  );
}
