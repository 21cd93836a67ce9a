import {
  analyticsScopeQuerySchema,
  exportFormatSchema,
  feeEstimateSchema,
  feeEstimatesQuerySchema,
  listResponse,
  searchTermSchema,
  searchTermsQuerySchema,
  trafficAsinSchema,
  trafficAsinsQuerySchema,
  trafficQuerySchema,
  trafficSchema,
} from '@yangfan/contracts';
import { z } from 'zod';
import { EXPORT_CONTENT_TYPES, type ExportFormat } from '../../platform/files/export.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';
import { attachmentHeaders } from '../../platform/http/upload.js';
import type { AnalyticsService } from './analytics.service.js';

export function registerAnalyticsRoutes(app: App, analytics: AnalyticsService): void {
  const tags = ['analytics'];
  const view = { access: { module: 'analytics' as const, action: 'view' as const } };
  const exportAccess = { access: { module: 'analytics' as const, action: 'export' as const } };
  const exportExtra = { format: exportFormatSchema.default('xlsx'), limit: z.coerce.number().default(50) };
  const fileName = (what: string, format: ExportFormat) =>
    `yangfan-${what}-${new Date().toISOString().slice(0, 10)}.${format}`;

  app.get(
    '/api/analytics/traffic',
    { config: view, schema: { tags, querystring: trafficQuerySchema, response: { 200: trafficSchema } } },
    async (req) => analytics.traffic(principalOf(req), req.query),
  );
  app.get(
    '/api/analytics/traffic/asins',
    {
      config: view,
      schema: { tags, querystring: trafficAsinsQuerySchema, response: { 200: listResponse(trafficAsinSchema) } },
    },
    async (req) => analytics.asins(principalOf(req), req.query),
  );
  app.get(
    '/api/analytics/traffic/asins/export',
    { config: exportAccess, schema: { tags, querystring: trafficAsinsQuerySchema.extend(exportExtra) } },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return reply
        .headers(attachmentHeaders(fileName('traffic', format), EXPORT_CONTENT_TYPES[format]))
        .send(analytics.exportAsins(principalOf(req), q, format));
    },
  );
  app.get(
    '/api/analytics/search-terms',
    {
      config: view,
      schema: { tags, querystring: searchTermsQuerySchema, response: { 200: listResponse(searchTermSchema) } },
    },
    async (req) => analytics.searchTerms(principalOf(req), req.query),
  );
  app.get(
    '/api/analytics/search-terms/weeks',
    {
      config: view,
      schema: {
        tags,
        querystring: analyticsScopeQuerySchema,
        response: { 200: z.object({ weeks: z.array(z.string()) }) },
      },
    },
    async (req) => ({ weeks: await analytics.searchTermWeeks(principalOf(req), req.query) }),
  );
  app.get(
    '/api/analytics/search-terms/export',
    { config: exportAccess, schema: { tags, querystring: searchTermsQuerySchema.extend(exportExtra) } },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return reply
        .headers(attachmentHeaders(fileName('search-terms', format), EXPORT_CONTENT_TYPES[format]))
        .send(analytics.exportSearchTerms(principalOf(req), q, format));
    },
  );
  app.get(
    '/api/analytics/fee-estimates',
    {
      config: view,
      schema: { tags, querystring: feeEstimatesQuerySchema, response: { 200: listResponse(feeEstimateSchema) } },
    },
    async (req) => analytics.feeEstimates(principalOf(req), req.query),
  );
  app.get(
    '/api/analytics/fee-estimates/export',
    { config: exportAccess, schema: { tags, querystring: feeEstimatesQuerySchema.extend(exportExtra) } },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return reply
        .headers(attachmentHeaders(fileName('fee-estimates', format), EXPORT_CONTENT_TYPES[format]))
        .send(analytics.exportFeeEstimates(principalOf(req), q, format));
    },
  );
}
