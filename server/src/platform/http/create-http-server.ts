import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController, type RawServerDefault } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import { type Authenticator, installAccessControl } from './access.js';
import { handleError } from './errors.js';

export interface HttpServerOptions {
  logger: Logger;
  metrics: Metrics;
  authenticate: Authenticator;
  version: string;
  /** Largest JSON body accepted (bytes). */
  bodyLimit?: number;
  /** Largest uploaded file (bytes). */
  fileLimit?: number;
  /** Directory of the built web UI, served at / with a single-page-app fallback. */
  webRoot?: string | undefined;
}

export type App = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  ZodTypeProvider
>;

/** A Fastify instance with Yangfan's conventions: zod schemas, OpenAPI, error bodies, access control, metrics. */
export async function createHttpServer(opts: HttpServerOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: opts.logger as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: opts.bodyLimit ?? 1024 * 1024,
    genReqId: (req) => {
      const h = req.headers['x-request-id'];
      return typeof h === 'string' && /^[\w-]{8,64}$/.test(h) ? h : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => handleError(err, req, reply));
  if (opts.webRoot) {
    await app.register(fastifyStatic, { root: opts.webRoot, wildcard: false, index: ['index.html'] });
  }
  app.setNotFoundHandler((req, reply) => {
    const isPage = req.method === 'GET' && !req.url.startsWith('/api/') && !req.url.startsWith('/metrics');
    if (opts.webRoot && isPage) return reply.type('text/html').sendFile('index.html');
    return reply
      .status(404)
      .send({ error: { code: 'NOT_FOUND', message: `No route ${req.method} ${req.url}`, requestId: req.id } });
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  app.addHook('onResponse', async (req, reply) => {
    const route = req.routeOptions.url ?? 'unmatched';
    opts.metrics.httpRequests.inc({ method: req.method, route, status: String(reply.statusCode) });
    opts.metrics.httpDuration.observe({ method: req.method, route }, reply.elapsedTime / 1000);
    if (reply.statusCode >= 500) req.log.warn({ route, status: reply.statusCode, ms: reply.elapsedTime }, 'request');
  });

  await app.register(cookie);
  await app.register(multipart, { limits: { fileSize: opts.fileLimit ?? 200 * 1024 * 1024, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: { title: 'Yangfan API', version: opts.version, description: 'Yangfan (扬帆) ERP HTTP API' },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'yf_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  installAccessControl(app as unknown as FastifyInstance, opts.authenticate);

  app.get('/api/openapi.json', { config: { access: 'public' }, schema: { hide: true } }, async () => app.swagger());
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => {
    reply.header('content-type', opts.metrics.registry.contentType);
    return opts.metrics.registry.metrics();
  });
  return app;
}
