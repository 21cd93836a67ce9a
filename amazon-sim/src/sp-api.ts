import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimClock } from './clock.ts';
import {
  invalidInput,
  notFound,
  notImplemented,
  quotaExceeded,
  type SimReply,
  TOKEN_EXPIRED,
  unauthorized,
} from './errors.ts';
import type { FaultInjector } from './faults.ts';
import type { HandlerRegistry } from './handlers.ts';
import type { AccessToken, LwaService } from './lwa.ts';
import type { Operation } from './models.ts';
import type { RateLimiter } from './rate-limits.ts';
import { restrictedAccess } from './rdt.ts';
import type { RouteMatcher } from './route-matcher.ts';
import { findSandboxCase, noMatchingCase, replyOfCase, type SpRequestParts } from './sandbox.ts';
import { REGIONS, type Region, type SellerIdentity } from './sellers.ts';
import { validateRequest } from './validation.ts';

/** The SP-API request pipeline: route → auth → rate limit → body → faults → stateful handler or sandbox case. */

export type SimMode = 'sandbox' | 'stateful';
/** What stateful mode does for an operation without a handler: answer from sandbox cases, or 501. */
export type StatefulFallback = 'sandbox' | 'none';

/** Sim-only request header: among equally specific sandbox cases, prefer the one under this status. */
export const SANDBOX_STATUS_HEADER = 'x-sim-sandbox-status';

export interface SpApiDeps {
  mode: SimMode;
  fallback: StatefulFallback;
  matcher: RouteMatcher;
  lwa: LwaService;
  limiter: RateLimiter;
  faults: FaultInjector;
  handlers: HandlerRegistry;
  sellers: readonly SellerIdentity[];
  clock: SimClock;
  baseUrl: () => string;
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'] as const;

/** Mounts every region's SP-API under `/{region}` and Amazon's sandbox twin under `/sandbox/{region}`. */
export function registerSpApiRoutes(app: FastifyInstance, deps: SpApiDeps): void {
  // Injected delays and hangs end when the simulator closes, so close() never waits on them.
  app.addHook('preClose', async () => {
    if (deps.faults.releaseAll()) app.server.closeAllConnections();
  });
  for (const region of REGIONS) {
    for (const sandboxHost of [false, true]) {
      const prefix = sandboxHost ? `/sandbox/${region}` : `/${region}`;
      const handler = async (request: FastifyRequest, reply: FastifyReply) => {
        const result = await handleSpApi(request, deps, region, prefix, sandboxHost);
        if (result === HANG) {
          // Injected timeout: no answer at all; the connection is dropped.
          reply.hijack();
          request.raw.socket.destroy();
          return reply;
        }
        return sendReply(reply, result);
      };
      app.route({ method: [...METHODS], url: `${prefix}/*`, handler });
      app.route({ method: [...METHODS], url: prefix, handler });
    }
  }
}

/** Sends a SimReply: JSON body serialised here (so a top-level array or string stays JSON), headers, status. */
export function sendReply(reply: FastifyReply, result: SimReply): FastifyReply {
  for (const [k, v] of Object.entries(result.headers ?? {})) reply.header(k, v);
  reply.code(result.status);
  if (result.body === undefined || result.status === 204) return reply.send();
  return reply.type('application/json').send(JSON.stringify(result.body));
}

async function handleSpApi(
  request: FastifyRequest,
  deps: SpApiDeps,
  region: Region,
  prefix: string,
  sandboxHost: boolean,
): Promise<SimReply | typeof HANG> {
  const rawUrl = request.raw.url ?? '/';
  const q = rawUrl.indexOf('?');
  const rawPath = (q < 0 ? rawUrl : rawUrl.slice(0, q)).slice(prefix.length) || '/';
  const match = deps.matcher.match(request.method, rawPath);
  // Amazon's gateway answers an unknown method + path pair with its NotFound shape; it emits no 405.
  if (match.kind !== 'operation') return notFound();
  const { operation, pathParams } = match;
  const useSandbox = sandboxHost || deps.mode === 'sandbox';
  if (operation.sandboxOnly && !useSandbox) return notFound();

  const header = (name: string) => {
    const v = request.headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const check = deps.lwa.verifyAccessToken(header('x-amz-access-token')?.trim());
  if (!check.ok) return check.reply;
  if (deps.faults.expiredEarly(check.token.token, check.token.expiresAt, deps.clock.now())) {
    return unauthorized(TOKEN_EXPIRED);
  }
  const denied =
    authorise(check.token, operation, region, deps.sellers) ??
    (useSandbox ? undefined : restrictedAccess(check.token, request.method, rawPath));
  if (denied) return denied;
  const seller = deps.sellers.find((s) => s.sellerId === check.token.sellerId);

  const limit = deps.limiter.limitOf(operation);
  const withLimit = (r: SimReply): SimReply =>
    limit ? { ...r, headers: { ...r.headers, 'x-amzn-RateLimit-Limit': limit.header } } : r;
  const partner = seller ? `seller:${seller.sellerId}` : `app:${check.token.clientId}`;
  if (!deps.limiter.take(partner, operation)) return withLimit(quotaExceeded());

  const body = parseBody(request.body);
  if (body === INVALID) return withLimit(invalidInput('The request body is not valid JSON.'));
  const fault = deps.faults.pick(operation.operationId, operation.key);
  if (fault) return withLimit(fault);
  const slow = deps.faults.pickCall(operation.operationId, operation.key);
  if (slow?.hangMs !== undefined) {
    await deps.faults.hold(slow.hangMs, request.raw.socket);
    return HANG;
  }
  if (slow?.delayMs !== undefined) await deps.faults.hold(slow.delayMs, request.raw.socket);

  const parts: SpRequestParts = {
    pathParams,
    query: new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)),
    headers: request.headers,
    body,
  };
  const preferred = Number(header(SANDBOX_STATUS_HEADER));
  const preferStatus = Number.isInteger(preferred) && preferred > 0 ? preferred : undefined;
  if (useSandbox) {
    const c = findSandboxCase(operation, parts, preferStatus);
    return withLimit(c ? replyOfCase(c) : noMatchingCase());
  }
  const handler = deps.handlers.get(operation);
  if (handler) {
    // Stateful handlers only see requests that satisfy the operation's model (see validation.ts).
    const invalid = validateRequest(operation, parts);
    if (invalid) return withLimit(invalid);
    // `faults` rides along for document producers (see faultsOf in faults.ts).
    const context = { clock: deps.clock, baseUrl: deps.baseUrl(), faults: deps.faults };
    const out = await handler(
      { ...parts, operation, region, seller, token: check.token, method: request.method, rawPath },
      context,
    );
    return withLimit(out);
  }
  if (deps.fallback === 'sandbox') {
    const c = findSandboxCase(operation, parts, preferStatus);
    if (c) return withLimit(replyOfCase(c));
  }
  const why =
    deps.fallback === 'sandbox'
      ? "No stateful handler yet and the request matches none of Amazon's sandbox examples for this operation."
      : 'No stateful handler yet (sandbox fallback disabled).';
  return withLimit(notImplemented(operation.operationId, why));
}

/** Grantless operations need a client_credentials token with the notifications scope; others a seller's token. */
function authorise(
  token: AccessToken,
  operation: Operation,
  region: Region,
  sellers: readonly SellerIdentity[],
): SimReply | undefined {
  if (operation.grantless) {
    if (token.kind === 'grantless' && token.scopes.includes('sellingpartnerapi::notifications')) return undefined;
    return unauthorized(
      'This is a grantless operation: call it with a client_credentials access token (scope sellingpartnerapi::notifications).',
    );
  }
  if (token.kind !== 'seller') {
    return unauthorized('A grantless access token cannot call an operation that needs a selling partner.');
  }
  const seller = sellers.find((s) => s.sellerId === token.sellerId);
  if (!seller || seller.region !== region) {
    return unauthorized(`The selling partner is not registered in the ${region.toUpperCase()} region.`);
  }
  return undefined;
}

const INVALID = Symbol('invalid-json');
const HANG = Symbol('hang');

function parseBody(raw: unknown): unknown {
  const text = Buffer.isBuffer(raw) ? raw.toString('utf8') : typeof raw === 'string' ? raw : '';
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return INVALID;
  }
}
