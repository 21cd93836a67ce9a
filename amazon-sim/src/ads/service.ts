import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimClock } from '../clock.ts';
import type { LwaService } from '../lwa.ts';
import type { Identities, Marketplace, Region } from '../sellers.ts';
import { type AdsReply, AdsThrottle, adsError, parseJsonBody } from './http.ts';
import { AdsReports, loadReportTypes } from './reports.ts';
import { listSbCampaigns, listSdCampaigns } from './sb-sd.ts';
import { specOf } from './sp-entities.ts';
import { handleSp, type SpAction } from './sp-handlers.ts';
import { type AdsProfile, AdsStore, buildProfiles, type ProfileData } from './store.ts';

/**
 * The Amazon Ads API under `/ads/{region}`: `Authorization: Bearer <LWA token>`, `Amazon-Advertising-API-ClientId`
 * and (except on /v2/profiles) `Amazon-Advertising-API-Scope: <profileId>`; profiles, SP v3 campaign management,
 * SB / SD campaign lists, reporting v3, and a per-profile throttle answering 429 with Retry-After.
 */

export interface AdsDeps {
  lwa: LwaService;
  identities: Identities;
  marketplaces: readonly Marketplace[];
  clock: SimClock;
  seed: string;
  sharedDir: string;
  /** False disables the throttle (the simulator's `rateLimits` option). */
  rateLimits: boolean;
  baseUrl: () => string;
}

/** Requests per second and burst of each profile's bucket [I: Amazon publishes no numbers; its limits are dynamic]. */
export const ADS_RATE = 5;
export const ADS_BURST = 60;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const FILES = '/_sim/report-files/';

interface Call {
  method: string;
  path: string;
  query: URLSearchParams;
  header: (name: string) => string | undefined;
  body: Buffer;
  region: Region;
}

/** The Ads side of the simulator. */
export class AdsService {
  readonly store: AdsStore;
  readonly reports: AdsReports;
  readonly throttle: AdsThrottle;

  constructor(private readonly deps: AdsDeps) {
    this.store = new AdsStore(buildProfiles(deps.identities, deps.marketplaces), deps.seed, deps.clock);
    this.reports = new AdsReports(loadReportTypes(deps.sharedDir), this.store, deps.seed);
    this.throttle = new AdsThrottle(deps.clock, ADS_RATE, ADS_BURST, deps.rateLimits);
  }

  /** Mounts `/ads/*`. */
  install(app: FastifyInstance): void {
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      const rawUrl = request.raw.url ?? '/';
      const q = rawUrl.indexOf('?');
      const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
      const m = /^\/ads\/(na|eu|fe)(\/.*)?$/.exec(path);
      if (!m) return send(reply, adsError(404, 'NOT_FOUND', 'Resource not found'));
      const header = (name: string) => {
        const v = request.headers[name];
        return Array.isArray(v) ? v[0] : v;
      };
      const call: Call = {
        method: request.method,
        path: (m[2] ?? '/').replace(/\/+$/, '') || '/',
        query: new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)),
        header,
        body: Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0),
        region: m[1] as Region,
      };
      return send(reply, this.handle(call));
    };
    app.route({ method: [...METHODS], url: '/ads/*', handler });
  }

  private handle(call: Call): AdsReply {
    const now = this.deps.clock.now();
    if (call.method === 'GET' && call.path.startsWith(FILES)) {
      const reportId = call.path.slice(FILES.length).split('/')[0] ?? '';
      return this.reports.download(reportId, call.query, Boolean(call.header('authorization')), now);
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(call.header('authorization') ?? '')?.[1];
    if (!bearer)
      return adsError(401, 'UNAUTHORIZED', 'Authorization header with a Bearer LWA access token is required.');
    const check = this.deps.lwa.verifyAccessToken(bearer);
    if (!check.ok) {
      const expired = JSON.stringify(check.reply.body).includes('expired');
      return adsError(401, 'UNAUTHORIZED', expired ? 'The access token has expired.' : 'The access token is invalid.');
    }
    const token = check.token;
    if (token.kind !== 'seller' || !token.sellerId) {
      return adsError(401, 'UNAUTHORIZED', 'Use an access token of an advertiser (refresh_token grant).');
    }
    if (call.header('amazon-advertising-api-clientid') !== token.clientId) {
      return adsError(
        401,
        'UNAUTHORIZED',
        "Amazon-Advertising-API-ClientId is missing or is not the access token's client id.",
      );
    }
    const mine = this.store.profiles.filter((p) => p.sellerId === token.sellerId && p.region === call.region);
    if (call.path === '/v2/profiles' || call.path.startsWith('/v2/profiles/')) {
      if (call.method !== 'GET') return adsError(404, 'NOT_FOUND', 'Resource not found');
      const limited = this.limit(`seller:${token.sellerId}`);
      if (limited) return limited;
      if (call.path === '/v2/profiles') return json(200, mine.map(profileView));
      const one = mine.find((p) => String(p.profileId) === call.path.slice('/v2/profiles/'.length));
      return one ? json(200, profileView(one)) : adsError(404, 'NOT_FOUND', 'Profile not found');
    }
    const scope = call.header('amazon-advertising-api-scope');
    if (!scope) return adsError(403, 'ACCESS_DENIED', 'Amazon-Advertising-API-Scope (profile id) header is required.');
    const profile = mine.find((p) => String(p.profileId) === scope.trim());
    if (!profile) {
      return adsError(
        403,
        'ACCESS_DENIED',
        `Not authorized to access scope ${scope} in the ${call.region.toUpperCase()} region.`,
      );
    }
    const limited = this.limit(`profile:${profile.profileId}`);
    return limited ?? this.route(call, this.store.of(profile), now);
  }

  private route(call: Call, data: ProfileData, now: number): AdsReply {
    const { method, path } = call;
    const body = parseJsonBody(call.body);
    const sp = /^\/sp\/([A-Za-z]+)(\/list|\/delete)?$/.exec(path);
    const spec = sp ? specOf(sp[1] ?? '') : undefined;
    if (sp && spec) {
      const action: SpAction | undefined =
        sp[2] === '/list' && method === 'POST'
          ? 'list'
          : sp[2] === '/delete' && method === 'POST'
            ? 'delete'
            : !sp[2] && method === 'POST'
              ? 'create'
              : !sp[2] && method === 'PUT'
                ? 'update'
                : undefined;
      if (!action) return adsError(404, 'NOT_FOUND', 'Resource not found');
      if (body === null) return adsError(400, 'INVALID_ARGUMENT', 'The request body is not a JSON object.');
      return handleSp(spec, {
        action,
        body,
        contentType: call.header('content-type'),
        prefer: call.header('prefer'),
        data,
        now,
      });
    }
    if (path === '/sb/v4/campaigns/list' && method === 'POST') return listSbCampaigns(data, body);
    if (path === '/sd/campaigns' && method === 'GET') return listSdCampaigns(data, call.query);
    if (path === '/reporting/reports' && method === 'POST') return this.reports.create(data, body, now);
    const report = /^\/reporting\/reports\/([^/]+)$/.exec(path)?.[1];
    if (report && method === 'GET') {
      return this.reports.status(data, report, now, `${this.deps.baseUrl()}/ads/${call.region}${FILES.slice(0, -1)}`);
    }
    if (report && method === 'DELETE') return this.reports.cancel(data, report, now);
    return adsError(404, 'NOT_FOUND', 'Resource not found');
  }

  private limit(key: string): AdsReply | undefined {
    const taken = this.throttle.take(key);
    if (taken.ok) return undefined;
    return {
      ...adsError(429, 'THROTTLED', 'Request was throttled. Retry after the number of seconds in Retry-After.'),
      headers: { 'Retry-After': String(taken.retryAfterSeconds) },
    };
  }
}

/** The profile object of GET /v2/profiles. */
function profileView(p: AdsProfile): Record<string, unknown> {
  return {
    profileId: p.profileId,
    countryCode: p.countryCode,
    currencyCode: p.currencyCode,
    dailyBudget: 999_999_999,
    timezone: p.timezone,
    accountInfo: {
      marketplaceStringId: p.marketplaceId,
      id: p.sellerId,
      type: 'seller',
      name: p.sellerName,
      validPaymentMethod: true,
    },
  };
}

function json(status: number, body: unknown): AdsReply {
  return { status, body, contentType: 'application/json' };
}

function send(reply: FastifyReply, r: AdsReply): FastifyReply {
  for (const [k, v] of Object.entries(r.headers ?? {})) reply.header(k, v);
  reply.code(r.status).header('content-type', r.contentType ?? 'application/json');
  return reply.send(r.raw ?? Buffer.from(r.body === undefined ? '' : JSON.stringify(r.body)));
}
