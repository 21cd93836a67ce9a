import { setTimeout as delay } from 'node:timers/promises';
import type { RateLimiter, TokenBucketSpec } from '../../platform/rate-limit/rate-limiter.js';
import { AmazonApiError, isRetryableStatus, parseAmazonErrors, parseRetryAfter } from './amazon-api-error.js';
import { createLwaClient, type LwaClient, type LwaTokenCache, safeJson } from './lwa-client.js';
import { documentedLimit, resolveOperation } from './rate-limits.js';

/**
 * SP-API client for one seller in one region. Every attempt first takes a token from the shared limiter keyed
 * `seller:region:operation` with Amazon's documented rate/burst (lowered to `x-amzn-RateLimit-Limit` when Amazon
 * announces a lower rate for this seller, e.g. a dynamic usage plan; never raised above the documented one).
 * Retries: 429 → penalize the key for Retry-After (SP-API sends none, so `defaultRetryAfterMs`) and try again once the
 * limiter allows; 5xx, timeouts and network errors → jittered exponential backoff; 403 "access token … expired" →
 * drop the cached token and retry once. Anything else is permanent and thrown at once.
 */

export interface SpApiLogger {
  warn(obj: object, msg: string): void;
}

export interface SpApiClientOptions {
  /** Regional base URL, e.g. https://sellingpartnerapi-na.amazon.com (or the simulator's). */
  endpoint: string;
  lwa: { tokenUrl: string; clientId: string; clientSecret: string; refreshToken: string };
  sellerId: string;
  region: string;
  limiter: RateLimiter;
  fetch?: typeof fetch;
  logger?: SpApiLogger;
  /** Retries after the first attempt (default 5). */
  maxRetries?: number;
  /** Per attempt (default 30 s). */
  timeoutMs?: number;
  /** Backoff for 5xx/timeouts: full jitter over base·2^n, capped (defaults 500 ms, 30 s). */
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Penalty after a 429 without Retry-After (default 2 s). */
  defaultRetryAfterMs?: number;
  /** Longest wait for a limiter token before failing with RATE_LIMITED (default 120 s). */
  maxLimiterWaitMs?: number;
  userAgent?: string;
  /** Clock for LWA expiry (default Date.now). */
  now?: () => number;
  /** Share LWA tokens between clients (default: this client's own cache). */
  tokenCache?: LwaTokenCache;
  /**
   * Multiplies every documented rate (not the burst). 1 against Amazon; against amazon-sim with a virtual clock
   * running N× faster, N keeps the client at the quota the simulator enforces.
   */
  rateScale?: number;
  /** Or a ready LWA client (overrides `lwa`, `tokenCache`). */
  lwaClient?: LwaClient;
}

export type QueryValue = string | number | boolean | readonly string[] | undefined;

export interface SpApiRequest {
  /** `<model stem>/<operationId>` (e.g. `ordersV0/getOrders`) or an unambiguous operationId. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with parameters already substituted, e.g. `/orders/v0/orders`. */
  path: string;
  /** Arrays are sent comma-separated (Amazon's CSV style); undefined values are dropped. */
  query?: Record<string, QueryValue>;
  body?: unknown;
  /** Grantless operations: the LWA scope (e.g. `sellingpartnerapi::notifications`). */
  grantlessScope?: string;
}

export interface SpApiResponse<T = unknown> {
  status: number;
  body: T;
  requestId: string | undefined;
  headers: Headers;
}

export interface OperationStats {
  calls: number;
  throttled: number;
  retries: number;
  failures: number;
}

export interface SpApiClient {
  /** Calls one SP-API operation with rate limiting, retries and error classification. */
  call<T = unknown>(request: SpApiRequest): Promise<SpApiResponse<T>>;
  /** Per-operation counters since creation (attempts, 429s, retries, thrown failures). */
  stats(): Record<string, OperationStats>;
  readonly sellerId: string;
  readonly region: string;
  readonly lwa: LwaClient;
}

/** Creates the SP-API client of one seller and region. */
export function createSpApiClient(options: SpApiClientOptions): SpApiClient {
  const doFetch = options.fetch ?? fetch;
  const maxRetries = options.maxRetries ?? 5;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const baseMs = options.retryBaseMs ?? 500;
  const maxMs = options.retryMaxMs ?? 30_000;
  const userAgent = options.userAgent ?? 'Yangfan/0.1 (Language=TypeScript; Platform=Node.js)';
  const lwa =
    options.lwaClient ??
    createLwaClient({
      ...options.lwa,
      fetch: doFetch,
      ...(options.now ? { now: options.now } : {}),
      ...(options.tokenCache ? { cache: options.tokenCache } : {}),
    });
  const counters = new Map<string, OperationStats>();
  const announced = new Map<string, number>(); // operation → rate from x-amzn-RateLimit-Limit
  const endpoint = options.endpoint.replace(/\/+$/, '');

  const statsOf = (op: string) => {
    let s = counters.get(op);
    if (!s) {
      s = { calls: 0, throttled: 0, retries: 0, failures: 0 };
      counters.set(op, s);
    }
    return s;
  };

  const rateScale = options.rateScale ?? 1;
  const limitOf = (op: string): TokenBucketSpec => {
    const base = documentedLimit(op);
    const documented = { ...base, ratePerSecond: base.ratePerSecond * rateScale };
    const rate = announced.get(op);
    return rate !== undefined && rate * rateScale < documented.ratePerSecond
      ? { ...documented, ratePerSecond: rate * rateScale }
      : documented;
  };

  const backoff = (attempt: number) => Math.floor(Math.random() * Math.min(maxMs, baseMs * 2 ** attempt)) + 1;

  async function call<T>(req: SpApiRequest): Promise<SpApiResponse<T>> {
    const op = resolveOperation(req.operation) ?? req.operation;
    const key = `${options.sellerId}:${options.region}:${op}`;
    const stats = statsOf(op);
    const url = `${endpoint}${req.path}${toQueryString(req.query)}`;
    let refreshedToken = false;
    let last: AmazonApiError | undefined;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) stats.retries += 1;
      await options.limiter.acquire(key, limitOf(op), { maxWaitMs: options.maxLimiterWaitMs ?? 120_000 });
      const token = await lwa.getAccessToken(req.grantlessScope ? { scope: req.grantlessScope } : {});
      stats.calls += 1;
      let res: Response;
      let text: string;
      try {
        res = await doFetch(url, {
          method: req.method,
          headers: {
            'x-amz-access-token': token,
            'user-agent': userAgent,
            accept: 'application/json',
            ...(req.body !== undefined ? { 'content-type': 'application/json' } : {}),
          },
          ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await res.text();
      } catch (err) {
        const timedOut = (err as Error).name === 'TimeoutError';
        last = new AmazonApiError(
          'UPSTREAM_UNAVAILABLE',
          `${op}: ${timedOut ? `no answer within ${timeoutMs} ms` : `network error: ${(err as Error).message}`}`,
          { retryable: true, operation: op },
        );
        if (attempt < maxRetries) await delay(backoff(attempt));
        continue;
      }
      const requestId = res.headers.get('x-amzn-RequestId') ?? undefined;
      noteAnnouncedRate(op, res.headers.get('x-amzn-RateLimit-Limit'));
      const body = safeJson(text);
      if (res.ok) return { status: res.status, body: (body ?? {}) as T, requestId, headers: res.headers };

      const errors = parseAmazonErrors(body);
      const first = errors[0];
      const message =
        [first?.message, first?.details].filter(Boolean).join(': ') || text.slice(0, 200) || res.statusText;
      const info = { status: res.status, amazonCode: first?.code, requestId, operation: op, details: errors };
      // Amazon: 403 Unauthorized "Access to requested resource is denied." with details "…token … has expired."
      if (res.status === 403 && !refreshedToken && /expired/i.test(message)) {
        refreshedToken = true;
        lwa.invalidate(token);
        last = new AmazonApiError('UNAUTHORIZED', `${op}: ${message}`, { ...info, retryable: false });
        attempt -= 1; // the token refresh does not use up a retry
        continue;
      }
      if (res.status === 429) {
        stats.throttled += 1;
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after')) ?? options.defaultRetryAfterMs ?? 2000;
        await options.limiter.penalize(key, retryAfterMs);
        last = new AmazonApiError('RATE_LIMITED', `${op}: ${message}`, { ...info, retryable: true, retryAfterMs });
        options.logger?.warn({ operation: op, requestId, retryAfterMs }, 'SP-API throttled');
        continue;
      }
      if (isRetryableStatus(res.status)) {
        last = new AmazonApiError('UPSTREAM_UNAVAILABLE', `${op}: ${res.status} ${message}`, {
          ...info,
          retryable: true,
        });
        options.logger?.warn({ operation: op, requestId, status: res.status }, 'SP-API server error');
        if (attempt < maxRetries) await delay(backoff(attempt));
        continue;
      }
      stats.failures += 1;
      throw new AmazonApiError(codeForStatus(res.status), `${op}: ${res.status} ${message}`, {
        ...info,
        retryable: false,
      });
    }
    stats.failures += 1;
    throw last ?? new AmazonApiError('UPSTREAM_UNAVAILABLE', `${op}: no attempt made`, { retryable: true });
  }

  function noteAnnouncedRate(op: string, header: string | null): void {
    if (!header) return;
    const rate = Number(header);
    if (Number.isFinite(rate) && rate > 0) announced.set(op, rate);
  }

  return {
    call,
    stats: () => Object.fromEntries([...counters].map(([k, v]) => [k, { ...v }])),
    sellerId: options.sellerId,
    region: options.region,
    lwa,
  };
}

function codeForStatus(status: number) {
  if (status === 401) return 'UNAUTHORIZED' as const;
  if (status === 403) return 'FORBIDDEN' as const;
  if (status === 404) return 'NOT_FOUND' as const;
  if (status === 409) return 'CONFLICT' as const;
  if (status === 413) return 'PAYLOAD_TOO_LARGE' as const;
  return 'INVALID_INPUT' as const;
}

/** Builds `?a=1&b=x,y` (arrays comma-separated, undefined dropped), or '' when empty. */
export function toQueryString(query: Record<string, QueryValue> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined) continue;
    params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}
