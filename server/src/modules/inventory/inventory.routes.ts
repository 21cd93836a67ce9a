import {
  exportFormatSchema,
  fbaStockListSchema,
  ledgerListSchema,
  listFbaStockQuerySchema,
  listLedgerQuerySchema,
  listReturnsQuerySchema,
  returnsListSchema,
  skuParamsSchema,
  stockHistoryQuerySchema,
  stockHistorySchema,
} from '@yangfan/contracts';
import { z } from 'zod';
import { EXPORT_CONTENT_TYPES } from '../../platform/files/export.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';
import { attachmentHeaders } from '../../platform/http/upload.js';
import type { InventoryService } from './inventory.service.js';

export function registerInventoryRoutes(app: App, inventory: InventoryService): void {
  const tags = ['inventory'];
  const view = { access: { module: 'inventory' as const, action: 'view' as const } };
  app.get(
    '/api/inventory/fba',
    { config: view, schema: { tags, querystring: listFbaStockQuerySchema, response: { 200: fbaStockListSchema } } },
    async (req) => inventory.listStock(principalOf(req), req.query),
  );
  app.get(
    '/api/inventory/fba/export',
    {
      config: { access: { module: 'inventory' as const, action: 'export' as const } },
      schema: {
        tags,
        querystring: listFbaStockQuerySchema.extend({
          format: exportFormatSchema.default('xlsx'),
          limit: z.coerce.number().default(50),
        }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .headers(attachmentHeaders(`yangfan-fba-inventory-${date}.${format}`, EXPORT_CONTENT_TYPES[format]))
        .send(inventory.exportStock(principalOf(req), q, format));
    },
  );
  app.get(
    '/api/inventory/fba/:sku/history',
    {
      config: view,
      schema: {
        tags,
        params: skuParamsSchema,
        querystring: stockHistoryQuerySchema,
        response: { 200: stockHistorySchema },
      },
    },
    async (req) => inventory.history(principalOf(req), req.params.sku, req.query),
  );
  app.get(
    '/api/inventory/ledger',
    { config: view, schema: { tags, querystring: listLedgerQuerySchema, response: { 200: ledgerListSchema } } },
    async (req) => inventory.ledger(principalOf(req), req.query),
  );
  app.get(
    '/api/inventory/returns',
    { config: view, schema: { tags, querystring: listReturnsQuerySchema, response: { 200: returnsListSchema } } },
    async (req) => inventory.returns(principalOf(req), req.query),
  );
}
