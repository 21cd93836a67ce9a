import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { healthSchema } from '@yangfan/contracts';
import SQLite from 'better-sqlite3';
import { createSpApiGateway, createSqsNotificationQueue } from '../integrations/amazon-sp-api/index.js';
import { adsSyncHandlers, createAdsService, registerAdsRoutes } from '../modules/ads/index.js';
import { analyticsSyncHandlers, createAnalyticsService, registerAnalyticsRoutes } from '../modules/analytics/index.js';
import { registerAuditRoutes } from '../modules/audit/index.js';
import {
  createCatalogService,
  listActiveListingsOfStore,
  listingsSyncHandlers,
  registerCatalogRoutes,
} from '../modules/catalog/index.js';
import {
  createFinanceService,
  financeSyncHandlers,
  registerFinanceRoutes,
  reimbursementsImporter,
  settlementImporter,
  storageFeesImporter,
} from '../modules/finance/index.js';
import { createFxService, registerFxRoutes } from '../modules/fx/index.js';
import { createAuthService, createIamAdminService, credentialsOf, registerIamRoutes } from '../modules/iam/index.js';
import {
  createInventoryService,
  inventoryImporters,
  inventorySyncHandlers,
  registerInventoryRoutes,
} from '../modules/inventory/index.js';
import {
  allOrdersImporter,
  createOrdersService,
  orderChangeNotificationHandler,
  orderSyncHandlers,
  registerOrdersRoutes,
} from '../modules/orders/index.js';
import { createStoresService, registerStoresRoutes } from '../modules/stores/index.js';
import {
  type AmazonGateway,
  createNotificationConsumer,
  createSyncService,
  type NotificationConsumer,
  type NotificationQueue,
  type ReportImportDeps,
  registerSyncRoutes,
} from '../modules/sync/index.js';
import { type Clock, systemClock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import { type Database, openDatabase, pingDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { type App, createHttpServer } from '../platform/http/create-http-server.js';
import { createJobQueue, type JobQueue } from '../platform/jobs/index.js';
import { createLogger, type Logger } from '../platform/logger.js';
import { createMetrics, type Metrics } from '../platform/metrics.js';
import { createRateLimiter, type RateLimiter } from '../platform/rate-limit/rate-limiter.js';

const here = dirname(fileURLToPath(import.meta.url));
export const REPO_ROOT = join(here, '../../..');
export const VERSION = (JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

export interface Services {
  auth: ReturnType<typeof createAuthService>;
  admin: ReturnType<typeof createIamAdminService>;
  stores: ReturnType<typeof createStoresService>;
  fx: ReturnType<typeof createFxService>;
  catalog: ReturnType<typeof createCatalogService>;
  orders: ReturnType<typeof createOrdersService>;
  finance: ReturnType<typeof createFinanceService>;
  inventory: ReturnType<typeof createInventoryService>;
  ads: ReturnType<typeof createAdsService>;
  analytics: ReturnType<typeof createAnalyticsService>;
  sync: ReturnType<typeof createSyncService>;
}

export interface Runtime {
  config: Config;
  database: Database;
  logger: Logger;
  metrics: Metrics;
  clock: Clock;
  jobs: JobQueue;
  /** Shared token buckets (Amazon quotas, per-job limits): Redis or PostgreSQL when configured, else SQLite. */
  rateLimiter: RateLimiter;
  services: Services;
  /** The manual Amazon report import (HTTP upload and `yangfan import`). */
  reportImport: ReportImportDeps;
  /** Consumes the stores' SP-API notification queues. */
  notifications: NotificationConsumer;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  clock?: Clock;
  logger?: Logger;
  /** Apply pending migrations on open (the server and worker do; `db migrate` does it explicitly). */
  migrate?: boolean;
  database?: Database;
  /** The Amazon side of the sync (tests may pass one with fast retries); default SP-API over HTTP. */
  amazonGateway?: AmazonGateway;
  /** Days of order history a newly connected store backfills (default 365). */
  syncHistoryDays?: number;
  /** The SP-API notification queue client (default SQS over HTTP). */
  notificationQueue?: NotificationQueue;
}

/** Buckets live where every process can see them: Redis, else PostgreSQL, else the SQLite file (own handle). */
function openRateLimiter(config: Config, database: Database): RateLimiter {
  if (config.redisUrl) return createRateLimiter({ kind: 'redis', redisUrl: config.redisUrl });
  if (database.dialect === 'postgres' && config.databaseUrl)
    return createRateLimiter({ kind: 'postgres', url: config.databaseUrl });
  if (database.dialect === 'sqlite' && database.file !== ':memory:')
    return createRateLimiter({ kind: 'sqlite', database: new SQLite(database.file) });
  return createRateLimiter({ kind: 'memory' });
}

/** Composition root: opens the database and queue and wires every module's service with plain arguments. */
export async function createRuntime(config: Config, opts: RuntimeOptions = {}): Promise<Runtime> {
  const logger = opts.logger ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  const database = opts.database ?? openDatabase({ databaseUrl: config.databaseUrl, sqlitePath: config.sqlitePath });
  if (opts.migrate !== false) {
    const applied = await migrateToLatest(database.db);
    if (applied.length) logger.info({ applied }, 'migrations applied');
  }
  const metrics = createMetrics();
  const rateLimiter = openRateLimiter(config, database);
  const jobs = createJobQueue({
    db: database.db,
    clock,
    logger,
    rateLimiter,
    redisUrl: config.redisUrl,
    onOutcome: (name, outcome) => metrics.jobsProcessed.inc({ queue: 'default', name, outcome }),
  });
  const deps = { db: database.db, clock };
  const stores = createStoresService({ ...deps, secretKey: config.secretKey });
  const auth = createAuthService(deps);
  const services: Services = {
    auth,
    admin: createIamAdminService({ ...deps, invalidatePrincipals: auth.invalidatePrincipals }),
    stores,
    fx: createFxService(deps),
    catalog: createCatalogService({ ...deps, stores }),
    orders: createOrdersService({ ...deps, stores }),
    finance: createFinanceService({ ...deps, stores }),
    inventory: createInventoryService({ ...deps, stores }),
    ads: createAdsService({ ...deps, stores }),
    analytics: createAnalyticsService({ ...deps, stores }),
    sync: createSyncService({
      ...deps,
      stores,
      jobs,
      // Run order for a new store: history before live.
      handlers: [
        ...orderSyncHandlers(),
        ...listingsSyncHandlers(),
        ...inventorySyncHandlers(),
        ...financeSyncHandlers(),
        ...adsSyncHandlers(),
        ...analyticsSyncHandlers({
          activeListings: async (companyId, storeId) =>
            (await listActiveListingsOfStore(database.db, companyId, storeId)).map((l) => ({
              ...l,
              priceMinor: Number(l.priceMinor),
            })),
        }),
      ],
      ...(opts.syncHistoryDays ? { historyDays: opts.syncHistoryDays } : {}),
      gateway:
        opts.amazonGateway ?? createSpApiGateway({ limiter: rateLimiter, logger, rateScale: config.amazonRateScale }),
    }),
  };
  const reportImport: ReportImportDeps = {
    ...deps,
    stores,
    importers: [
      allOrdersImporter(),
      ...inventoryImporters(),
      settlementImporter(),
      reimbursementsImporter(),
      storageFeesImporter(),
    ],
    targetOf: services.sync.targetOf,
  };
  const notifications = createNotificationConsumer({
    ...deps,
    sync: services.sync,
    queue:
      opts.notificationQueue ??
      createSqsNotificationQueue({
        accessKeyId: process.env.YANGFAN_AWS_ACCESS_KEY_ID,
        secretAccessKey: process.env.YANGFAN_AWS_SECRET_ACCESS_KEY,
      }),
    handlers: [orderChangeNotificationHandler()],
  });
  return {
    config,
    database,
    logger,
    metrics,
    clock,
    jobs,
    services,
    rateLimiter,
    reportImport,
    notifications,
    async close() {
      await jobs.close();
      await rateLimiter.close();
      await database.close();
    },
  };
}

/** The HTTP application over a runtime: every module's routes, health, OpenAPI, the web UI when built. */
export async function createApp(rt: Runtime, opts: { serveWeb?: boolean } = {}): Promise<App> {
  const webRoot = join(REPO_ROOT, 'web/dist');
  const { services: s } = rt;
  const app = await createHttpServer({
    logger: rt.logger,
    metrics: rt.metrics,
    version: VERSION,
    webRoot: opts.serveWeb !== false && existsSync(join(webRoot, 'index.html')) ? webRoot : undefined,
    authenticate: (req) => s.auth.authenticate(credentialsOf(req)),
  });
  app.get(
    '/api/health',
    { config: { access: 'public' }, schema: { tags: ['system'], response: { 200: healthSchema, 503: healthSchema } } },
    async (_req, reply) => {
      const [dbOk, queueOk] = await Promise.all([pingDatabase(rt.database.db), rt.jobs.ping().catch(() => false)]);
      const body = {
        status: dbOk && queueOk ? ('ok' as const) : ('degraded' as const),
        db: { ok: dbOk, dialect: rt.database.dialect },
        queue: { ok: queueOk, kind: rt.jobs.kind },
        version: VERSION,
      };
      return reply.status(dbOk ? 200 : 503).send(body);
    },
  );
  registerIamRoutes(app, { auth: s.auth, admin: s.admin, cookieSecure: rt.config.cookieSecure });
  registerStoresRoutes(app, s.stores);
  registerFxRoutes(app, s.fx);
  registerCatalogRoutes(app, {
    catalog: s.catalog,
    db: rt.database.db,
    stores: s.stores,
    importDeps: { db: rt.database.db, clock: rt.clock, stores: s.stores },
  });
  registerOrdersRoutes(app, s.orders);
  registerFinanceRoutes(app, s.finance);
  registerInventoryRoutes(app, s.inventory);
  registerAdsRoutes(app, s.ads);
  registerAnalyticsRoutes(app, s.analytics);
  registerSyncRoutes(app, { sync: s.sync, importDeps: rt.reportImport });
  registerAuditRoutes(app, rt.database.db);
  await app.ready();
  return app;
}
