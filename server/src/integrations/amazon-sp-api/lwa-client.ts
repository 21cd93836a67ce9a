import { AmazonApiError } from './amazon-api-error.js';

/**
 * Login with Amazon token client: the refresh_token grant (seller calls) and the client_credentials grant with a scope
 * (grantless calls such as notifications destinations), form-encoded as Amazon's JS client sends them. Tokens are
 * cached per (clientId, refresh token | scope), refreshed `refreshMarginMs` (60 s) before expiry, and concurrent
 * callers share one in-flight request.
 */

export interface LwaClientOptions {
  tokenUrl: string;
  clientId: string;
  clientSecret: string;
  /** Required for seller tokens; grantless tokens need only the client credentials. */
  refreshToken?: string;
  fetch?: typeof fetch;
  /** Epoch ms; inject the simulator's clock in tests (default Date.now). */
  now?: () => number;
  timeoutMs?: number;
  refreshMarginMs?: number;
  /** Share one cache between clients of the same application (default: a cache of this client's own). */
  cache?: LwaTokenCache;
}

export interface LwaClient {
  /** An access token: the seller's (refresh_token grant) or, with a scope, a grantless one (client_credentials). */
  getAccessToken(opts?: { scope?: string }): Promise<string>;
  /** Forgets a token Amazon rejected as expired, so the next getAccessToken fetches a fresh one. */
  invalidate(accessToken: string): void;
  /** How many token requests were sent (for tests and the health page). */
  readonly fetchCount: number;
}

interface CachedToken {
  accessToken: string;
  expiresAt: number;
  /** Refresh from here on: `refreshMarginMs` before expiry, or half-way through very short lifetimes. */
  refreshAt: number;
}

/** Token cache keyed `clientId \n refresh token | scope:<scope>`, with the in-flight refreshes. */
export interface LwaTokenCache {
  tokens: Map<string, CachedToken>;
  pending: Map<string, Promise<CachedToken>>;
}

/** Creates an empty token cache (one per process is enough; never persisted). */
export function createLwaTokenCache(): LwaTokenCache {
  return { tokens: new Map(), pending: new Map() };
}

/** Creates an LWA client for one application (and optionally one seller's refresh token). */
export function createLwaClient(options: LwaClientOptions): LwaClient {
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? 60_000;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const cache = options.cache ?? createLwaTokenCache();
  let fetchCount = 0;

  const keyOf = (scope?: string) => {
    if (scope) return `${options.clientId}\nscope:${scope}`;
    if (!options.refreshToken) {
      throw new AmazonApiError('INVALID_CONFIG', 'LWA: a refresh token is required for seller calls', {
        retryable: false,
      });
    }
    return `${options.clientId}\n${options.refreshToken}`;
  };

  const requestToken = async (scope?: string): Promise<CachedToken> => {
    const form = new URLSearchParams(
      scope
        ? { grant_type: 'client_credentials', scope }
        : { grant_type: 'refresh_token', refresh_token: options.refreshToken ?? '' },
    );
    form.set('client_id', options.clientId);
    form.set('client_secret', options.clientSecret);
    const sentAt = now();
    fetchCount += 1;
    let res: Response;
    let text: string;
    try {
      res = await doFetch(options.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', accept: 'application/json' },
        body: form.toString(),
        signal: AbortSignal.timeout(timeoutMs),
      });
      text = await res.text();
    } catch (err) {
      throw new AmazonApiError('UPSTREAM_UNAVAILABLE', `LWA token request failed: ${(err as Error).message}`, {
        retryable: true,
      });
    }
    const body = safeJson(text) as Record<string, unknown> | undefined;
    if (res.ok && body && typeof body.access_token === 'string') {
      const ttlSeconds = typeof body.expires_in === 'number' ? body.expires_in : 3600;
      const ttlMs = ttlSeconds * 1000;
      return {
        accessToken: body.access_token,
        expiresAt: sentAt + ttlMs,
        refreshAt: sentAt + ttlMs - Math.min(margin, ttlMs / 2),
      };
    }
    throw lwaError(res.status, body, res.headers.get('x-amzn-RequestId') ?? undefined);
  };

  return {
    get fetchCount() {
      return fetchCount;
    },
    async getAccessToken(opts = {}) {
      const key = keyOf(opts.scope);
      const cached = cache.tokens.get(key);
      // refresh a little early so a token never expires in flight
      if (cached && now() < cached.refreshAt) return cached.accessToken;
      let pending = cache.pending.get(key);
      if (!pending) {
        pending = requestToken(opts.scope).finally(() => cache.pending.delete(key));
        cache.pending.set(key, pending);
      }
      const token = await pending;
      cache.tokens.set(key, token);
      return token.accessToken;
    },
    invalidate(accessToken) {
      for (const [key, token] of cache.tokens) if (token.accessToken === accessToken) cache.tokens.delete(key);
    },
  };
}

const PERMANENT_MESSAGES: Record<string, string> = {
  invalid_grant: 'refresh token revoked or invalid (the seller must authorize the application again)',
  invalid_client: 'client id or client secret invalid',
  unauthorized_client: 'the application is not authorized for this grant',
  invalid_scope: 'unknown or unauthorized scope',
  access_denied: 'access denied',
  invalid_request: 'malformed token request',
  unsupported_grant_type: 'unsupported grant type',
};

function lwaError(status: number, body: Record<string, unknown> | undefined, requestId?: string): AmazonApiError {
  const code = typeof body?.error === 'string' ? body.error : undefined;
  const description = typeof body?.error_description === 'string' ? body.error_description : '';
  const base = { status, requestId, details: body } as const;
  const known = code ? PERMANENT_MESSAGES[code] : undefined;
  if (known) {
    const msg = `LWA ${code}: ${known}${description ? ` (${description})` : ''}`;
    return new AmazonApiError('UNAUTHORIZED', msg, { ...base, retryable: false, amazonCode: code });
  }
  if (status === 429) {
    return new AmazonApiError('RATE_LIMITED', 'LWA throttled the token request', {
      ...base,
      retryable: true,
      amazonCode: code,
    });
  }
  if (status >= 500 || code === 'server_error' || code === 'temporarily_unavailable') {
    return new AmazonApiError('UPSTREAM_UNAVAILABLE', `LWA unavailable (${status}${code ? ` ${code}` : ''})`, {
      ...base,
      retryable: true,
      amazonCode: code,
    });
  }
  return new AmazonApiError('UNAUTHORIZED', `LWA rejected the token request (${status} ${code ?? ''})`.trim(), {
    ...base,
    retryable: false,
    amazonCode: code,
  });
}

/** JSON.parse that returns undefined on empty or non-JSON text. */
export function safeJson(text: string): unknown {
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
