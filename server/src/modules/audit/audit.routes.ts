import { listResponse, operationLogEntrySchema, operationLogQuerySchema } from '@yangfan/contracts';
import { listOperationLog } from '../../platform/audit.js';
import type { AnyKysely } from '../../platform/db/database.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';

/** The operation log, read-only: every write of the company, newest first, filterable. */
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
}
