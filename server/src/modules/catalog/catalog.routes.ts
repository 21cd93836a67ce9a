import {
  catalogImportQuerySchema,
  catalogStatsSchema,
  createListingSchema,
  createSkuSchema,
  createSpuSchema,
  exportFormatSchema,
  idParamsSchema,
  importKindSchema,
  importReportSchema,
  listingSchema,
  listListingsQuerySchema,
  listResponse,
  listSkusQuerySchema,
  skuSchema,
  spuSchema,
  updateListingSchema,
  updateSkuSchema,
  updateSpuSchema,
} from '@yangfan/contracts';
import { z } from 'zod';
import type { AnyKysely } from '../../platform/db/database.js';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';
import { attachmentHeaders, readUpload } from '../../platform/http/upload.js';
import { mapUserEmails, writeMetaOf } from '../iam/index.js';
import type { StoresService } from '../stores/index.js';
import type { CatalogService } from './catalog.service.js';
import { exportListings, exportProducts, importTemplate } from './catalog-export.js';
import { type ImportDeps, importCatalogFile } from './catalog-import.js';

const CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export function registerCatalogRoutes(
  app: App,
  deps: { catalog: CatalogService; importDeps: ImportDeps; db: AnyKysely; stores: StoresService },
) {
  const { catalog } = deps;
  const acc = (action: 'view' | 'edit' | 'export') => ({ access: { module: 'catalog' as const, action } });
  const tags = ['catalog'];

  app.get(
    '/api/catalog/stats',
    { config: acc('view'), schema: { tags, response: { 200: catalogStatsSchema } } },
    async (req) => catalog.stats(principalOf(req)),
  );

  app.get(
    '/api/catalog/spus',
    {
      config: acc('view'),
      schema: {
        tags,
        querystring: z.object({ q: z.string().max(200).optional() }),
        response: { 200: listResponse(spuSchema) },
      },
    },
    async (req) => catalog.listSpus(principalOf(req), req.query.q),
  );
  app.post(
    '/api/catalog/spus',
    { config: acc('edit'), schema: { tags, body: createSpuSchema, response: { 201: spuSchema } } },
    async (req, reply) => reply.status(201).send(await catalog.createSpu(principalOf(req), writeMetaOf(req), req.body)),
  );
  app.patch(
    '/api/catalog/spus/:id',
    {
      config: acc('edit'),
      schema: { tags, params: idParamsSchema, body: updateSpuSchema, response: { 200: spuSchema } },
    },
    async (req) => catalog.updateSpu(principalOf(req), writeMetaOf(req), req.params.id, req.body),
  );

  app.get(
    '/api/catalog/skus',
    {
      config: acc('view'),
      schema: { tags, querystring: listSkusQuerySchema, response: { 200: listResponse(skuSchema) } },
    },
    async (req) => catalog.listSkus(principalOf(req), req.query),
  );
  app.get(
    '/api/catalog/skus/:id',
    { config: acc('view'), schema: { tags, params: idParamsSchema, response: { 200: skuSchema } } },
    async (req) => catalog.getSku(principalOf(req), req.params.id),
  );
  app.post(
    '/api/catalog/skus',
    { config: acc('edit'), schema: { tags, body: createSkuSchema, response: { 201: skuSchema } } },
    async (req, reply) => reply.status(201).send(await catalog.createSku(principalOf(req), writeMetaOf(req), req.body)),
  );
  app.patch(
    '/api/catalog/skus/:id',
    {
      config: acc('edit'),
      schema: { tags, params: idParamsSchema, body: updateSkuSchema, response: { 200: skuSchema } },
    },
    async (req) => catalog.updateSku(principalOf(req), writeMetaOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/catalog/skus/:id',
    { config: acc('edit'), schema: { tags, params: idParamsSchema } },
    async (req, reply) => {
      await catalog.deleteSku(principalOf(req), writeMetaOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/catalog/listings',
    {
      config: acc('view'),
      schema: { tags, querystring: listListingsQuerySchema, response: { 200: listResponse(listingSchema) } },
    },
    async (req) => catalog.listListings(principalOf(req), req.query),
  );
  app.get(
    '/api/catalog/listings/:id',
    { config: acc('view'), schema: { tags, params: idParamsSchema, response: { 200: listingSchema } } },
    async (req) => catalog.getListing(principalOf(req), req.params.id),
  );
  app.post(
    '/api/catalog/listings',
    { config: acc('edit'), schema: { tags, body: createListingSchema, response: { 201: listingSchema } } },
    async (req, reply) =>
      reply.status(201).send(await catalog.createListing(principalOf(req), writeMetaOf(req), req.body)),
  );
  app.patch(
    '/api/catalog/listings/:id',
    {
      config: acc('edit'),
      schema: { tags, params: idParamsSchema, body: updateListingSchema, response: { 200: listingSchema } },
    },
    async (req) => catalog.updateListing(principalOf(req), writeMetaOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/catalog/listings/:id',
    { config: acc('edit'), schema: { tags, params: idParamsSchema } },
    async (req, reply) => {
      await catalog.deleteListing(principalOf(req), writeMetaOf(req), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/catalog/import',
    {
      config: acc('edit'),
      schema: { tags, querystring: catalogImportQuerySchema, response: { 200: importReportSchema } },
    },
    async (req) => {
      const { stream, fileName } = await readUpload(req);
      return importCatalogFile(deps.importDeps, principalOf(req), writeMetaOf(req), {
        kind: req.query.kind,
        file: stream,
        fileName,
        dryRun: req.query.dryRun,
      });
    },
  );
  app.get(
    '/api/catalog/import-template',
    {
      config: acc('view'),
      schema: { tags, querystring: z.object({ kind: importKindSchema, format: exportFormatSchema.default('xlsx') }) },
    },
    async (req, reply) =>
      reply
        .headers(
          attachmentHeaders(`yangfan-${req.query.kind}-template.${req.query.format}`, CONTENT_TYPES[req.query.format]),
        )
        .send(importTemplate(req.query.kind, req.query.format)),
  );
  const exportQuery = z.object({ kind: importKindSchema, format: exportFormatSchema.default('xlsx') }).passthrough();
  app.get(
    '/api/catalog/export',
    { config: acc('export'), schema: { tags, querystring: exportQuery } },
    async (req, reply) => {
      const p = principalOf(req);
      const { kind, format } = req.query;
      const emails = new Map([...(await mapUserEmails(deps.db, p.companyId))].map(([e, id]) => [id, e]));
      const date = new Date().toISOString().slice(0, 10);
      const stream =
        kind === 'products'
          ? exportProducts(deps.db, p, listSkusQuerySchema.parse(req.query), format, emails)
          : exportListings(deps.db, p, listListingsQuerySchema.parse(req.query), format, deps.stores, emails);
      return reply.headers(attachmentHeaders(`yangfan-${kind}-${date}.${format}`, CONTENT_TYPES[format])).send(stream);
    },
  );
}
