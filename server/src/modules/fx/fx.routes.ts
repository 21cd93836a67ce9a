import {
  convertQuerySchema,
  convertResultSchema,
  exchangeRateSchema,
  exportFormatSchema,
  idParamsSchema,
  importQuerySchema,
  importReportSchema,
  listExchangeRatesQuerySchema,
  listResponse,
  upsertExchangeRateSchema,
} from '@yangfan/contracts';
import { EXPORT_CONTENT_TYPES, streamTable } from '../../platform/files/export.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';
import { attachmentHeaders, readUpload } from '../../platform/http/upload.js';
import { writeMetaOf } from '../iam/index.js';
import type { FxService } from './fx.service.js';

export function registerFxRoutes(app: App, fx: FxService): void {
  const view = { access: { module: 'fx' as const, action: 'view' as const } };
  const edit = { access: { module: 'fx' as const, action: 'edit' as const } };
  app.get(
    '/api/exchange-rates',
    {
      config: view,
      schema: {
        tags: ['fx'],
        querystring: listExchangeRatesQuerySchema,
        response: { 200: listResponse(exchangeRateSchema) },
      },
    },
    async (req) => fx.list(principalOf(req).companyId, req.query),
  );
  app.post(
    '/api/exchange-rates',
    { config: edit, schema: { tags: ['fx'], body: upsertExchangeRateSchema, response: { 200: exchangeRateSchema } } },
    async (req) => fx.upsert(principalOf(req).companyId, writeMetaOf(req), req.body),
  );
  app.delete(
    '/api/exchange-rates/:id',
    { config: edit, schema: { tags: ['fx'], params: idParamsSchema } },
    async (req, reply) => {
      await fx.remove(principalOf(req).companyId, writeMetaOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
  app.post(
    '/api/exchange-rates/import',
    { config: edit, schema: { tags: ['fx'], querystring: importQuerySchema, response: { 200: importReportSchema } } },
    async (req) => {
      const { stream, fileName } = await readUpload(req);
      return fx.importRates(principalOf(req).companyId, writeMetaOf(req), stream, fileName, req.query.dryRun);
    },
  );
  app.get(
    '/api/exchange-rates/export',
    {
      config: { access: { module: 'fx' as const, action: 'export' as const } },
      schema: {
        tags: ['fx'],
        querystring: listExchangeRatesQuerySchema.extend({ format: exportFormatSchema.default('xlsx') }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      const { rows } = await fx.list(principalOf(req).companyId, { ...q, limit: 100_000, offset: 0 });
      async function* one() {
        yield rows.map((r) => ({
          from_currency: r.fromCurrency,
          to_currency: r.toCurrency,
          rate_date: r.rateDate,
          rate: r.rate,
          source: r.source,
        }));
      }
      return reply
        .headers(attachmentHeaders(`yangfan-exchange-rates.${format}`, EXPORT_CONTENT_TYPES[format]))
        .send(
          streamTable(format, 'exchange rates', ['from_currency', 'to_currency', 'rate_date', 'rate', 'source'], one()),
        );
    },
  );
  app.get(
    '/api/exchange-rates/convert',
    { config: view, schema: { tags: ['fx'], querystring: convertQuerySchema, response: { 200: convertResultSchema } } },
    async (req) => fx.convertAmount(principalOf(req).companyId, req.query),
  );
}
