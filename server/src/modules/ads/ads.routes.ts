import {
  adsCampaignSchema,
  adsPerformanceQuerySchema,
  adsPerformanceSchema,
  adsProfileSchema,
  adsSearchTermSchema,
  exportFormatSchema,
  listAdsCampaignsQuerySchema,
  listAdsSearchTermsQuerySchema,
  listResponse,
} from '@yangfan/contracts';
import { z } from 'zod';
import { EXPORT_CONTENT_TYPES } from '../../platform/files/export.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';
import { attachmentHeaders } from '../../platform/http/upload.js';
import type { AdsService } from './ads.service.js';

export function registerAdsRoutes(app: App, ads: AdsService): void {
  const tags = ['ads'];
  const view = { access: { module: 'ads' as const, action: 'view' as const } };
  const exporting = { access: { module: 'ads' as const, action: 'export' as const } };
  const today = () => new Date().toISOString().slice(0, 10);
  app.get(
    '/api/ads/profiles',
    {
      config: view,
      schema: {
        tags,
        querystring: z.object({ storeId: z.string().max(40).optional() }),
        response: { 200: z.object({ rows: z.array(adsProfileSchema) }) },
      },
    },
    async (req) => ({ rows: await ads.profiles(principalOf(req), req.query) }),
  );
  app.get(
    '/api/ads/campaigns',
    {
      config: view,
      schema: { tags, querystring: listAdsCampaignsQuerySchema, response: { 200: listResponse(adsCampaignSchema) } },
    },
    async (req) => ads.campaigns(principalOf(req), req.query),
  );
  app.get(
    '/api/ads/campaigns/export',
    {
      config: exporting,
      schema: {
        tags,
        querystring: listAdsCampaignsQuerySchema.extend({
          format: exportFormatSchema.default('xlsx'),
          limit: z.coerce.number().default(50),
        }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return reply
        .headers(attachmentHeaders(`yangfan-ads-campaigns-${today()}.${format}`, EXPORT_CONTENT_TYPES[format]))
        .send(ads.exportCampaigns(principalOf(req), q, format));
    },
  );
  app.get(
    '/api/ads/performance',
    { config: view, schema: { tags, querystring: adsPerformanceQuerySchema, response: { 200: adsPerformanceSchema } } },
    async (req) => ads.performance(principalOf(req), req.query),
  );
  app.get(
    '/api/ads/search-terms',
    {
      config: view,
      schema: {
        tags,
        querystring: listAdsSearchTermsQuerySchema,
        response: { 200: listResponse(adsSearchTermSchema) },
      },
    },
    async (req) => ads.searchTerms(principalOf(req), req.query),
  );
  app.get(
    '/api/ads/search-terms/export',
    {
      config: exporting,
      schema: {
        tags,
        querystring: listAdsSearchTermsQuerySchema.extend({
          format: exportFormatSchema.default('xlsx'),
          limit: z.coerce.number().default(50),
        }),
      },
    },
    async (req, reply) => {
      const { format, ...q } = req.query;
      return reply
        .headers(attachmentHeaders(`yangfan-ads-search-terms-${today()}.${format}`, EXPORT_CONTENT_TYPES[format]))
        .send(ads.exportSearchTerms(principalOf(req), q, format));
    },
  );
}
