import {
  createStoreSchema,
  idParamsSchema,
  listResponse,
  marketplaceSchema,
  storeSchema,
  updateStoreSchema,
} from '@yangfan/contracts';
import { principalOf } from '../../platform/http/access.js';
import type { App } from '../../platform/http/create-http-server.js';
import { writeMetaOf } from '../iam/index.js';
import { MARKETPLACES } from './marketplaces.js';
import type { StoresService } from './stores.service.js';

export function registerStoresRoutes(app: App, stores: StoresService): void {
  const view = { access: { module: 'stores' as const, action: 'view' as const } };
  const edit = { access: { module: 'stores' as const, action: 'edit' as const } };
  app.get(
    '/api/marketplaces',
    {
      config: { access: 'authenticated' },
      schema: { tags: ['stores'], response: { 200: listResponse(marketplaceSchema) } },
    },
    async () => ({ rows: [...MARKETPLACES], total: MARKETPLACES.length }),
  );
  app.get(
    '/api/stores',
    { config: view, schema: { tags: ['stores'], response: { 200: listResponse(storeSchema) } } },
    async (req) => stores.list(principalOf(req)),
  );
  app.get(
    '/api/stores/:id',
    { config: view, schema: { tags: ['stores'], params: idParamsSchema, response: { 200: storeSchema } } },
    async (req) => stores.get(principalOf(req), req.params.id),
  );
  app.post(
    '/api/stores',
    { config: edit, schema: { tags: ['stores'], body: createStoreSchema, response: { 201: storeSchema } } },
    async (req, reply) => reply.status(201).send(await stores.create(principalOf(req), writeMetaOf(req), req.body)),
  );
  app.patch(
    '/api/stores/:id',
    {
      config: edit,
      schema: { tags: ['stores'], params: idParamsSchema, body: updateStoreSchema, response: { 200: storeSchema } },
    },
    async (req) => stores.update(principalOf(req), writeMetaOf(req), req.params.id, req.body),
  );
  app.delete(
    '/api/stores/:id',
    { config: edit, schema: { tags: ['stores'], params: idParamsSchema } },
    async (req, reply) => {
      await stores.remove(principalOf(req), writeMetaOf(req), req.params.id);
      return reply.status(204).send();
    },
  );
}
