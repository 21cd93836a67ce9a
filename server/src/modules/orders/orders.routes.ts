import {
  exportFormatSchema,
  idParamsSchema,
  listOrdersQuerySchema,
  listResponse,
  orderDetailSchema,
  orderSchema,
  orderStatsSchema,
} from '@yangfan/contracts';
import { z } from 'zod';
import { EXPORT_CONTENT_TYPES } from '../../platform/files/export.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';
import { attachmentHeaders } from '../../platform/http/upload.js';
import type { OrdersService } from './orders.service.js';

export function registerOrdersRoutes(app: App, orders: OrdersService): void {
  const tags = ['orders'];
  const view = { access: { module: 'orders' as const, action: 'view' as const } };
  app.get(
    '/api/orders',
    {
      config: view,
      schema: { tags, querystring: listOrdersQuerySchema, response: { 200: listResponse(orderSchema) } },
    },
    async (req) => orders.list(principalOf(req), req.query),
  );
  app.get(
    '/api/orders/stats',
    {
      config: view,
      schema: {
        tags,
        querystring: listOrdersQuerySchema.omit({ limit: true, offset: true, sort: true }),
        response: { 200: orderStatsSchema },
      },
    },
    async (req) => orders.stats(principalOf(req), req.query),
  );
  app.get(
    '/api/orders/export',
    {
      config: { access: { module: 'orders' as const, action: 'export' as const } },
      schema: {
        tags,
        querystring: listOrdersQuerySchema.extend({
          format: exportFormatSchema.default('xlsx'),
          limit: z.coerce.number().default(50),
        }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const date = new Date().toISOString().slice(0, 10);
      return reply
        .headers(attachmentHeaders(`yangfan-orders-${date}.${format}`, EXPORT_CONTENT_TYPES[format]))
        .send(orders.export(principalOf(req), q, format));
    },
  );
  app.get(
    '/api/orders/:id',
    { config: view, schema: { tags, params: idParamsSchema, response: { 200: orderDetailSchema } } },
    async (req) => orders.get(principalOf(req), req.params.id),
  );
}
