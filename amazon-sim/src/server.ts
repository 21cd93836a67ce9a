import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { AdsService } from './ads/service.ts';
import { createClock, type SimClock } from './clock.ts';
import { internalFailure, type SimReply, spApiError } from './errors.ts';
import { FaultInjector, type FaultRule, parseFaults } from './faults.ts';
import { installFeedRoutes } from './feeds/feed-routes.ts';
import { HandlerRegistry } from './handlers.ts';
import { LwaService } from './lwa.ts';
import { loadOperations, type Operation } from './models.ts';
import { NotificationsService } from './notifications/service.ts';
import { ScenarioTicker } from './pricing/scenario-events.ts';
import { loadRateLimits, RateLimiter } from './rate-limits.ts';
import { createRestrictedDataTokenHandler } from './rdt.ts';
import { installReportRoutes } from './reports/report-routes.ts';
import { RouteMatcher } from './route-matcher.ts';
import type { Scenario } from './scenario/scenario.ts';
import { createIdentities, type Identities, loadMarketplaces, REGIONS, type Region } from './sellers.ts';
import { resolveSharedAmazonDir } from './shared-dir.ts';
import { registerSimRoutes } from './sim-routes.ts';
import { registerSpApiRoutes, type SimMode, type StatefulFallback, sendReply } from './sp-api.ts';
import { installLivingMarketplace, type LivingOptions } from './stateful/register-stateful.ts';

/** `startSim`: one Fastify process serving LWA, every region's SP-API (and its sandbox twin) and the /sim routes. */

export interface SimOptions {
  /** Default 4100; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Seeds identities, tokens and faults (default 42). */
  seed?: number | string;
  /** Default `demo` (NA seller US/CA/MX + EU seller DE/FR/IT/ES/UK); `global` adds an FE seller. */
  scenario?: string;
  /** Default `stateful`. */
  mode?: SimMode;
  /** Stateful mode without a handler: sandbox cases (default) or 501. */
  fallback?: StatefulFallback;
  /** Access-token lifetime in seconds (default 3600). */
  tokenTtlSeconds?: number;
  /** Fault rules, or their text form (`429=0.05,500=0.01,getOrders:503=0.2`). */
  faults?: string | FaultRule[];
  /** Enforce rate limits (default true). */
  rateLimits?: boolean;
  /** Clock to use (tests pass a manual one); default real time at `clockSpeed`. */
  clock?: SimClock;
  /** Speed of the default clock (default 1). */
  clockSpeed?: number;
  /** Folder with models/, rate-limits.tsv, marketplaces.json (default: see resolveSharedAmazonDir). */
  sharedDir?: string;
  /** Fastify logging (default off). */
  logger?: boolean;
  /** Stateful mode: serve orders, inventory, listings and sellers from the living marketplace (CLI default on). */
  living?: boolean | LivingOptions;
}

export interface SimSellerInfo {
  sellerId: string;
  name: string;
  region: Region;
  marketplaceIds: string[];
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  queueUrl: string;
  adsProfileIds: Record<string, number>;
}

export interface SimInfo {
  mode: SimMode;
  seed: string;
  scenario: string;
  tokenTtlSeconds: number;
  lwaTokenUrl: string;
  /** Seller Central consent page: redirects with `spapi_oauth_code` for the authorization_code grant. */
  authorizeUrl: string;
  applicationId: string;
  spApi: Record<Region, string>;
  /** Amazon's sandbox hosts: always answer from the models' static sandbox cases, whatever the mode. */
  spApiSandbox: Record<Region, string>;
  ads: Record<Region, string>;
  sellers: SimSellerInfo[];
}

export interface RunningSim {
  url: string;
  info: SimInfo;
  clock: SimClock;
  /** Register stateful operation handlers here (see handlers.ts). */
  handlers: HandlerRegistry;
  operations: readonly Operation[];
  /** SQS queues, Notifications API state and the publisher (`publish`, `publishGenerated`, `configure`). */
  notifications: NotificationsService;
  /** The living marketplace, when enabled (`living`). */
  scenario?: Scenario;
  /** The Ads API's state (profiles, campaigns, reports): the ground truth of Ads tests. */
  ads: AdsService;
  app: FastifyInstance;
  close(): Promise<void>;
}

/** Starts the simulator and resolves once it listens. */
export async function startSim(options: SimOptions = {}): Promise<RunningSim> {
  const sharedDir = resolveSharedAmazonDir(options.sharedDir);
  const seed = String(options.seed ?? 42);
  const scenario = options.scenario ?? 'demo';
  const mode = options.mode ?? 'stateful';
  const tokenTtlSeconds = options.tokenTtlSeconds ?? 3600;
  if (!(tokenTtlSeconds > 0)) throw new Error(`amazon-sim: token TTL must be > 0 seconds, got ${tokenTtlSeconds}`);
  const clock = options.clock ?? createClock({ speed: options.clockSpeed ?? 1 });
  const operations = loadOperations(join(sharedDir, 'models'));
  const identities = createIdentities(seed, scenario, loadMarketplaces(sharedDir));
  const faults = typeof options.faults === 'string' ? parseFaults(options.faults) : (options.faults ?? []);
  const lwa = new LwaService(identities, clock, tokenTtlSeconds, seed);
  const limiter = new RateLimiter(
    clock,
    loadRateLimits(join(sharedDir, 'rate-limits.tsv'), operations),
    options.rateLimits ?? true,
  );
  const handlers = new HandlerRegistry(operations);
  const living =
    mode === 'stateful' && options.living
      ? installLivingMarketplace(handlers, {
          seed,
          sellers: identities.sellers,
          marketplaces: loadMarketplaces(sharedDir),
          clock,
          options: options.living === true ? {} : options.living,
        })
      : undefined;
  if (living) handlers.register('createRestrictedDataToken', createRestrictedDataTokenHandler(lwa));
  let baseUrl = '';
  let info: SimInfo | undefined;

  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 10 * 1024 * 1024,
    // Errors raised before routing (e.g. a malformed percent-encoding) get Amazon's shape too.
    frameworkErrors: (error, _request, reply) => {
      reply.header('x-amzn-RequestId', randomUUID());
      const bad = error.code === 'FST_ERR_BAD_URL';
      sendReply(
        reply,
        bad ? spApiError(400, 'InvalidInput', 'The request URL is malformed.', '') : replyForError(error),
      );
    },
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addHook('onRequest', async (_request, reply) => {
    reply.header('x-amzn-RequestId', randomUUID());
  });
  app.setNotFoundHandler((_request, reply) => sendReply(reply, spApiError(404, 'NotFound', 'Resource not found')));
  app.setErrorHandler((error: { statusCode?: number; code?: string; message?: string }, _request, reply) => {
    sendReply(reply, replyForError(error));
  });

  app.post('/auth/o2/token', async (request, reply) => {
    const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
    const authorization = request.headers.authorization;
    return sendReply(
      reply,
      lwa.handleTokenRequest({ contentType: request.headers['content-type'], rawBody: raw, authorization }),
    );
  });
  registerSpApiRoutes(app, {
    mode,
    fallback: options.fallback ?? 'sandbox',
    matcher: new RouteMatcher(operations),
    lwa,
    limiter,
    faults: new FaultInjector(faults, seed),
    handlers,
    sellers: identities.sellers,
    clock,
    baseUrl: () => baseUrl,
  });
  registerSimRoutes(app, { info: () => info, limiter, clock, lwa, identities });
  const marketplaces = loadMarketplaces(sharedDir);
  const notifications = new NotificationsService({
    handlers,
    identities,
    marketplaces,
    clock,
    seed,
    sharedDir,
    baseUrl: () => baseUrl,
  });
  notifications.install(app);
  if (living) installReportRoutes(app, living, clock, notifications);
  if (living) installFeedRoutes(app, living, clock);
  // Scenario events (offer changes, hijackers, orders, suppressions, stock) are published as virtual time passes:
  // on every queue receive (long-polling consumers drive it) and on POST /sim/tick. No timers: same clock path,
  // same events.
  const ticker = living ? new ScenarioTicker(living, notifications, clock) : undefined;
  if (ticker) {
    const previous = notifications.sqs.beforeReceive;
    notifications.sqs.beforeReceive = () => {
      previous();
      ticker.tick();
    };
  }
  app.post('/sim/tick', async (_req, reply) => {
    if (!ticker) return reply.status(409).send({ error: 'the living marketplace is off (start with living: true)' });
    const events = ticker.tick();
    return { published: events.length, now: new Date(clock.now()).toISOString() };
  });
  const adsDeps = { lwa, identities, marketplaces, clock, seed, sharedDir, rateLimits: options.rateLimits ?? true };
  const ads = new AdsService({ ...adsDeps, baseUrl: () => baseUrl });
  ads.install(app);

  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 4100, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 4100);
  const publicHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  baseUrl = `http://${publicHost}:${port}`;
  info = buildInfo(baseUrl, identities, { mode, seed, scenario, tokenTtlSeconds });
  const sim: RunningSim = {
    url: baseUrl,
    info,
    clock,
    handlers,
    operations,
    notifications,
    ads,
    app,
    close: () => app.close(),
  };
  if (living) sim.scenario = living;
  return sim;
}

function buildInfo(
  base: string,
  identities: Identities,
  run: { mode: SimMode; seed: string; scenario: string; tokenTtlSeconds: number },
): SimInfo {
  const perRegion = (f: (r: Region) => string) =>
    Object.fromEntries(REGIONS.map((r) => [r, f(r)])) as Record<Region, string>;
  const app = identities.application;
  return {
    ...run,
    lwaTokenUrl: `${base}/auth/o2/token`,
    authorizeUrl: `${base}/apps/authorize/consent`,
    applicationId: app.applicationId,
    spApi: perRegion((r) => `${base}/${r}`),
    spApiSandbox: perRegion((r) => `${base}/sandbox/${r}`),
    ads: perRegion((r) => `${base}/ads/${r}`),
    sellers: identities.sellers.map((s) => ({
      sellerId: s.sellerId,
      name: s.name,
      region: s.region,
      marketplaceIds: s.marketplaceIds,
      clientId: app.clientId,
      clientSecret: app.clientSecret,
      refreshToken: s.refreshToken,
      queueUrl: `${base}/sqs/${identities.awsAccountId}/${s.queueName}`,
      adsProfileIds: s.adsProfileIds,
    })),
  };
}

function replyForError(error: { statusCode?: number; code?: string; message?: string }): SimReply {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
    return spApiError(413, 'RequestEntityTooLarge', 'The request size exceeded the maximum accepted size.', '');
  }
  if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
    return spApiError(415, 'UnsupportedMediaType', 'The request payload is in an unsupported format.', '');
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) return spApiError(status, 'InvalidInput', error.message ?? 'Invalid input', '');
  return internalFailure(error.message ?? '');
}
