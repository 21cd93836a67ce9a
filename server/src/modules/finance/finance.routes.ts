import {
  exportFormatSchema,
  financeEventLineSchema,
  idParamsSchema,
  listFinanceEventsQuerySchema,
  listReimbursementsQuerySchema,
  listResponse,
  listSettlementsQuerySchema,
  listStorageFeesQuerySchema,
  orderFeesSchema,
  reimbursementSchema,
  settlementDetailSchema,
  settlementSchema,
  storageFeeSchema,
} from '@yangfan/contracts';
import { z } from 'zod';
import { EXPORT_CONTENT_TYPES } from '../../platform/files/export.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';
import { attachmentHeaders } from '../../platform/http/upload.js';
import type { FinanceService } from './finance.service.js';

export function registerFinanceRoutes(app: App, finance: FinanceService): void {
  const tags = ['finance'];
  const view = { access: { module: 'finance' as const, action: 'view' as const } };
  const exportAccess = { access: { module: 'finance' as const, action: 'export' as const } };
  const date = () => new Date().toISOString().slice(0, 10);
  app.get(
    '/api/finance/events',
    {
      config: view,
      schema: {
        tags,
        querystring: listFinanceEventsQuerySchema,
        response: { 200: listResponse(financeEventLineSchema) },
      },
    },
    async (req) => finance.listEvents(principalOf(req), req.query),
  );
  app.get(
    '/api/finance/events/export',
    {
      config: exportAccess,
      schema: {
        tags,
        querystring: listFinanceEventsQuerySchema.extend({
          format: exportFormatSchema.default('xlsx'),
          limit: z.coerce.number().default(50),
        }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return reply
        .headers(attachmentHeaders(`yangfan-financial-events-${date()}.${format}`, EXPORT_CONTENT_TYPES[format]))
        .send(finance.exportEvents(principalOf(req), q, format));
    },
  );
  app.get(
    '/api/finance/orders/:amazonOrderId/fees',
    {
      config: view,
      schema: {
        tags,
        params: z.object({ amazonOrderId: z.string().min(3).max(40) }),
        response: { 200: orderFeesSchema },
      },
    },
    async (req) => finance.orderFees(principalOf(req), req.params.amazonOrderId),
  );
  app.get(
    '/api/finance/settlements',
    {
      config: view,
      schema: { tags, querystring: listSettlementsQuerySchema, response: { 200: listResponse(settlementSchema) } },
    },
    async (req) => finance.listSettlements(principalOf(req), req.query),
  );
  app.get(
    '/api/finance/settlements/export',
    {
      config: exportAccess,
      schema: {
        tags,
        querystring: listSettlementsQuerySchema.extend({
          format: exportFormatSchema.default('xlsx'),
          limit: z.coerce.number().default(50),
        }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return reply
        .headers(attachmentHeaders(`yangfan-settlements-${date()}.${format}`, EXPORT_CONTENT_TYPES[format]))
        .send(finance.exportSettlements(principalOf(req), q, format));
    },
  );
  app.get(
    '/api/finance/reimbursements',
    {
      config: view,
      schema: {
        tags,
        querystring: listReimbursementsQuerySchema,
        response: { 200: listResponse(reimbursementSchema) },
      },
    },
    async (req) => finance.listReimbursements(principalOf(req), req.query),
  );
  app.get(
    '/api/finance/storage-fees',
    {
      config: view,
      schema: { tags, querystring: listStorageFeesQuerySchema, response: { 200: listResponse(storageFeeSchema) } },
    },
    async (req) => finance.listStorageFees(principalOf(req), req.query),
  );
  app.get(
    '/api/finance/settlements/:id',
    { config: view, schema: { tags, params: idParamsSchema, response: { 200: settlementDetailSchema } } },
    async (req) => finance.getSettlement(principalOf(req), req.params.id),
  );
}
