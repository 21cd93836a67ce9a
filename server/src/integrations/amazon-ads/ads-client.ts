import { setTimeout as delay } from 'node:timers/promises';
import type { RateLimiter, TokenBucketSpec } from '../../platform/rate-limit/rate-limiter.js';
import { AmazonApiError, parseRetryAfter } from '../amazon-sp-api/amazon-api-error.js';
import { type LwaClient, safeJson } from '../amazon-sp-api/lwa-client.js';
import { toQueryString } from '../amazon-sp-api/sp-api-client.js';

/**
 * Amazon Ads API client for one advertiser (one LWA refresh token) in one region. Headers: `Authorization: Bearer
 * <LWA token>`, `Amazon-Advertising-API-ClientId`, and `Amazon-Advertising-API-Scope: <profileId>` on every call but
 * GET /v2/profiles; SP v3 calls send their versioned media type as Content-Type and Accept.
 *
 * Every attempt takes a token from the shared limiter keyed `ads:<profileId>:<operation>` (`ads:-:<operation>` for
 * profile-less calls). Amazon publishes no Ads rate numbers (its limits are dynamic, answered with 429 + Retry-After),
 * so the bucket is a conservative ADS_LIMIT [I]. Retries: 429 → penalize the key for Retry-After and try again;
 * 5xx, timeouts and network errors → full-jitter exponential backoff; 401 "expired" → drop the cached token, retry
 * once. Anything else is permanent and thrown at once as an AmazonApiError carrying the response's request id.
 */

/**
 * Per profile and operation [I: Amazon documents no Ads numbers; 2 requests/s with a burst of 10 stays well below what
 * Amazon's dynamic limits allow for one advertiser, and 429s with Retry-After correct it when it does not].
 */
export const ADS_LIMIT: TokenBucketSpec = { ratePerSecond: 2, burst: 10 };

export type AdsQueryValue = string | number | boolean | readonly string[] | undefined;

export interface AdsApiRequest {
  /** A stable name for limits and usage, e.g. `sp/campaigns/list`, `reporting/createReport`. */
  operation: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, AdsQueryValue>;
  body?: unknown;
  /** Versioned media type (SP v3: `application/vnd.spCampaign.v3+json`); default application/json. */
  contentType?: string;
  accept?: string;
}

export interface AdsApiResponse<T> {
  status: number;
  body: T;
  requestId: string | undefined;
  headers: Headers;
}

export interface AdsOperationStats {
  calls: number;
  throttled: number;
  retries: number;
  failures: number;
}

export interface AdsClientOptions {
  /** Regional Ads host, e.g. https://advertising-api.amazon.com (or the simulator's /ads/na). */
  endpoint: string;
  /** The LWA application client id (sent as Amazon-Advertising-API-ClientId). */
  clientId: string;
  lwa: LwaClient;
  limiter: RateLimiter;
  fetch?: typeof fetch;
  /** Retries after the first attempt (default 5). */
  maxRetries?: number;
  timeoutMs?: number;
  retryBaseMs?: number;
  retryMaxMs?: number;
  /** Penalty after a 429 without Retry-After (default 2 s). */
  defaultRetryAfterMs?: number;
  maxLimiterWaitMs?: number;
  /** Multiplies ADS_LIMIT's rate (amazon-sim with a fast clock); 1 against Amazon. */
  rateScale?: number;
  userAgent?: string;
  logger?: { warn(obj: object, msg: string): void };
}

export interface AdsClient {
  /** One Ads call for a profile (null: profile-less calls such as GET /v2/profiles). */
  call<T = unknown>(profileId: string | null, request: AdsApiRequest): Promise<AdsApiResponse<T>>;
  /** Downloads a pre-signed report URL (no Amazon headers: S3 refuses a second auth mechanism). */
  download(url: string, operation: string): Promise<Buffer>;
  stats(): Record<string, AdsOperationStats>;
  readonly limit: TokenBucketSpec;
}

/** Reads the Ads error bodies: `{code, message}` (SP v3), `{code, detail}` (reporting v3), `{errors:[…]}`. */
export function parseAdsError(body: unknown): { code: string | undefined; message: string } {
  if (!body || typeof body !== 'object') return { code: undefined, message: '' };
  const b = body as Record<string, unknown>;
  const first = Array.isArray(b.errors) ? (b.errors[0] as Record<string, unknown> | undefined) : undefined;
  const src = first ?? b;
  const code = typeof src.code === 'string' ? src.code : typeof src.errorType === 'string' ? src.errorType : undefined;
  const message = [src.message, src.detail, src.details].find((v) => typeof v === 'string') as string | undefined;
  return { code, message: message ?? '' };
}

/** Creates the Ads client of one advertiser and region. */
export function createAdsClient(options: AdsClientOptions): AdsClient {
  const doFetch = options.fetch ?? fetch;
  const maxRetries = options.maxRetries ?? 5;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const baseMs = options.retryBaseMs ?? 500;
  const maxMs = options.retryMaxMs ?? 30_000;
  const userAgent = options.userAgent ?? 'Yangfan/0.1 (Language=TypeScript; Platform=Node.js)';
  const endpoint = options.endpoint.replace(/\/+$/, '');
  const limit = { ...ADS_LIMIT, ratePerSecond: ADS_LIMIT.ratePerSecond * (options.rateScale ?? 1) };
  const counters = new Map<string, AdsOperationStats>();
  const statsOf = (op: string) => {
    let s = counters.get(op);
    if (!s) {
      s = { calls: 0, throttled: 0, retries: 0, failures: 0 };
      counters.set(op, s);
    }
    return s;
  };
  const backoff = (attempt: number) => Math.floor(Math.random() * Math.min(maxMs, baseMs * 2 ** attempt)) + 1;

  async function call<T>(profileId: string | null, req: AdsApiRequest): Promise<AdsApiResponse<T>> {
    const op = req.operation;
    const key = `ads:${profileId ?? '-'}:${op}`;
    const stats = statsOf(op);
    const url = `${endpoint}${req.path}${toQueryString(req.query)}`;
    let refreshedToken = false;
    let last: AmazonApiError | undefined;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) stats.retries += 1;
      await options.limiter.acquire(key, limit, { maxWaitMs: options.maxLimiterWaitMs ?? 120_000 });
      const token = await options.lwa.getAccessToken();
      stats.calls += 1;
      let res: Response;
      let text: string;
      try {
        res = await doFetch(url, {
          method: req.method,
          headers: {
            authorization: `Bearer ${token}`,
            'amazon-advertising-api-clientid': options.clientId,
            ...(profileId !== null ? { 'amazon-advertising-api-scope': profileId } : {}),
            'user-agent': userAgent,
            accept: req.accept ?? req.contentType ?? 'application/json',
            ...(req.body !== undefined ? { 'content-type': req.contentType ?? 'application/json' } : {}),
          },
          ...(req.body !== undefined ? { body: JSON.stringify(req.body) } : {}),
          signal: AbortSignal.timeout(timeoutMs),
        });
        text = await res.text();
      } catch (err) {
        const timedOut = (err as Error).name === 'TimeoutError';
        last = new AmazonApiError(
          'UPSTREAM_UNAVAILABLE',
          `ads ${op}: ${timedOut ? `no answer within ${timeoutMs} ms` : `network error: ${(err as Error).message}`}`,
          { retryable: true, operation: op },
        );
        if (attempt < maxRetries) await delay(backoff(attempt));
        continue;
      }
      const requestId = res.headers.get('x-amzn-RequestId') ?? res.headers.get('x-amz-rid') ?? undefined;
      const body = safeJson(text);
      if (res.ok) return { status: res.status, body: (body ?? {}) as T, requestId, headers: res.headers };

      const parsed = parseAdsError(body);
      const message = parsed.message || text.slice(0, 200) || res.statusText;
      const info = { status: res.status, amazonCode: parsed.code, requestId, operation: op, details: body };
      if (res.status === 401 && !refreshedToken && /expired/i.test(message)) {
        refreshedToken = true;
        options.lwa.invalidate(token);
        last = new AmazonApiError('UNAUTHORIZED', `ads ${op}: ${message}`, { ...info, retryable: false });
        attempt -= 1; // the token refresh does not use up a retry
        continue;
      }
      if (res.status === 429) {
        stats.throttled += 1;
        const retryAfterMs = parseRetryAfter(res.headers.get('retry-after')) ?? options.defaultRetryAfterMs ?? 2000;
        await options.limiter.penalize(key, retryAfterMs);
        last = new AmazonApiError('RATE_LIMITED', `ads ${op}: ${message}`, { ...info, retryable: true, retryAfterMs });
        options.logger?.warn({ operation: op, profileId, requestId, retryAfterMs }, 'Ads API throttled');
        continue;
      }
      if (res.status >= 500) {
        last = new AmazonApiError('UPSTREAM_UNAVAILABLE', `ads ${op}: ${res.status} ${message}`, {
          ...info,
          retryable: true,
        });
        options.logger?.warn({ operation: op, profileId, requestId, status: res.status }, 'Ads API server error');
        if (attempt < maxRetries) await delay(backoff(attempt));
        continue;
      }
      stats.failures += 1;
      throw new AmazonApiError(codeForStatus(res.status), `ads ${op}: ${res.status} ${message}`, {
        ...info,
        retryable: false,
      });
    }
    stats.failures += 1;
    throw last ?? new AmazonApiError('UPSTREAM_UNAVAILABLE', `ads ${op}: no attempt made`, { retryable: true });
  }

  async function download(url: string, operation: string): Promise<Buffer> {
    const stats = statsOf(operation);
    let last: AmazonApiError | undefined;
    for (let attempt = 0; attempt <= maxRetries; attempt++) {
      if (attempt > 0) stats.retries += 1;
      stats.calls += 1;
      try {
        const res = await doFetch(url, { signal: AbortSignal.timeout(timeoutMs * 4) });
        const bytes = Buffer.from(await res.arrayBuffer());
        if (res.ok) return bytes;
        const text = bytes.toString('utf8', 0, 300);
        const expired = res.status === 403 && /expired/i.test(text);
        if (res.status < 500) {
          stats.failures += 1;
          // An expired pre-signed URL is retryable: a new GET of the report gives a fresh one.
          throw new AmazonApiError(expired ? 'UPSTREAM_UNAVAILABLE' : 'FORBIDDEN', `ads ${operation}: ${res.status}`, {
            retryable: expired,
            status: res.status,
            operation,
            amazonCode: expired ? 'URL_EXPIRED' : undefined,
          });
        }
        last = new AmazonApiError('UPSTREAM_UNAVAILABLE', `ads ${operation}: ${res.status}`, {
          retryable: true,
          status: res.status,
          operation,
        });
      } catch (err) {
        if (err instanceof AmazonApiError && !err.retryable) throw err;
        if (err instanceof AmazonApiError && err.amazonCode === 'URL_EXPIRED') throw err;
        last =
          err instanceof AmazonApiError
            ? err
            : new AmazonApiError('UPSTREAM_UNAVAILABLE', `ads ${operation}: ${(err as Error).message}`, {
                retryable: true,
                operation,
              });
      }
      if (attempt < maxRetries) await delay(backoff(attempt));
    }
    stats.failures += 1;
    throw last ?? new AmazonApiError('UPSTREAM_UNAVAILABLE', `ads ${operation}: no attempt made`, { retryable: true });
  }

  return {
    call,
    download,
    stats: () => Object.fromEntries([...counters].map(([k, v]) => [k, { ...v }])),
    limit,
  };
}

function codeForStatus(status: number) {
  if (status === 401) return 'UNAUTHORIZED' as const;
  if (status === 403) return 'FORBIDDEN' as const;
  if (status === 404) return 'NOT_FOUND' as const;
  if (status === 409 || status === 425) return 'CONFLICT' as const;
  if (status === 413) return 'PAYLOAD_TOO_LARGE' as const;
  return 'INVALID_INPUT' as const;
}
