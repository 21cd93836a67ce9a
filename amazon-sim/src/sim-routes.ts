import type { FastifyInstance } from 'fastify';
import type { SimClock } from './clock.ts';
import type { LwaService } from './lwa.ts';
import type { RateLimiter } from './rate-limits.ts';
import type { Identities } from './sellers.ts';
import type { SimInfo } from './server.ts';
import { sendReply } from './sp-api.ts';

/** The simulator's own routes (/sim/…) and the consent page. */

export interface SimRouteDeps {
  info: () => SimInfo | undefined;
  limiter: RateLimiter;
  clock: SimClock;
  lwa: LwaService;
  identities: Identities;
}

/** Registers /sim/info, /sim/report, /sim/clock and /apps/authorize/consent (Ads and SQS: ads/, notifications/). */
export function registerSimRoutes(app: FastifyInstance, deps: SimRouteDeps): void {
  app.get('/sim/info', async (_req, reply) => sendReply(reply, { status: 200, body: deps.info() }));
  app.get('/sim/report', async (_req, reply) => sendReply(reply, { status: 200, body: deps.limiter.report() }));
  app.post('/sim/report/reset', async (_req, reply) => {
    deps.limiter.resetReport();
    return sendReply(reply, { status: 200, body: deps.limiter.report() });
  });
  app.get('/sim/clock', async (_req, reply) => sendReply(reply, { status: 200, body: clockState(deps.clock) }));
  app.post('/sim/clock', async (request, reply) => {
    const input = parseJsonObject(request.body);
    const advanceMs = Number(input?.advanceMs ?? 0) + Number(input?.advanceSeconds ?? 0) * 1000;
    const speed = input?.speed === undefined ? undefined : Number(input.speed);
    if (!input || !Number.isFinite(advanceMs) || advanceMs < 0 || (speed !== undefined && !(speed >= 0))) {
      return sendReply(
        reply,
        simError(400, 'Body must be JSON {advanceMs?, advanceSeconds?, speed?} with values >= 0.'),
      );
    }
    deps.clock.advance(advanceMs);
    if (speed !== undefined) deps.clock.setSpeed(speed);
    return sendReply(reply, { status: 200, body: clockState(deps.clock) });
  });

  // Seller Central's consent page, reduced to what the OAuth website workflow needs.
  app.get('/apps/authorize/consent', async (request, reply) => {
    const q = request.query as Record<string, string | undefined>;
    const app0 = deps.identities.application;
    if (q.application_id !== app0.applicationId) {
      return sendReply(reply, simError(400, `Unknown application_id; this simulator's is ${app0.applicationId}.`));
    }
    const seller = q.seller_id
      ? deps.identities.sellers.find((s) => s.sellerId === q.seller_id)
      : deps.identities.sellers[0];
    if (!seller) return sendReply(reply, simError(400, `Unknown seller_id ${q.seller_id}.`));
    const code = deps.lwa.issueAuthorizationCode(seller.sellerId, q.redirect_uri);
    const result = { state: q.state ?? '', selling_partner_id: seller.sellerId, spapi_oauth_code: code };
    if (!q.redirect_uri) return sendReply(reply, { status: 200, body: result });
    let target: URL;
    try {
      target = new URL(q.redirect_uri);
    } catch {
      return sendReply(reply, simError(400, 'redirect_uri is not an absolute URL.'));
    }
    for (const [k, v] of Object.entries(result)) target.searchParams.set(k, v);
    return reply.redirect(target.toString(), 302);
  });
}

function clockState(clock: SimClock) {
  const now = clock.now();
  return { now, iso: new Date(now).toISOString(), speed: clock.speed };
}

function simError(status: number, message: string) {
  return { status, body: { errors: [{ code: 'InvalidInput', message, details: '' }] } };
}

function parseJsonObject(raw: unknown): Record<string, unknown> | undefined {
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : '';
  if (text.trim() === '') return {};
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
