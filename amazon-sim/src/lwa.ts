import type { SimClock } from './clock.ts';
import { lwaError, type SimReply, TOKEN_EXPIRED, TOKEN_INVALID, TOKEN_MISSING, unauthorized } from './errors.ts';
import { derivedToken } from './random.ts';
import type { Identities, SellerIdentity } from './sellers.ts';

/** Login with Amazon (`POST /auth/o2/token`) and the access tokens it issues. */

/** Scopes a client_credentials (grantless) request may ask for. */
export const GRANTLESS_SCOPES = [
  'sellingpartnerapi::notifications',
  'sellingpartnerapi::client_credential:rotation',
  'sellingpartnerapi::migration',
] as const;

export interface AccessToken {
  token: string;
  /** `seller`: from a refresh token or an authorization code; `grantless`: from client_credentials. */
  kind: 'seller' | 'grantless';
  clientId: string;
  sellerId?: string;
  scopes: string[];
  expiresAt: number;
  /** Set on a restricted data token (`Atz.sprdt|…`): the only resources it opens (see rdt.ts). */
  restricted?: RestrictedGrant[];
}

/** One restricted resource an RDT covers: method, path (concrete or with `{param}` segments), PII data elements. */
export interface RestrictedGrant {
  method: string;
  path: string;
  dataElements?: string[];
}

export type TokenCheck = { ok: true; token: AccessToken } | { ok: false; reply: SimReply };

interface AuthorizationCode {
  sellerId: string;
  redirectUri?: string;
  expiresAt: number;
}

export interface TokenRequest {
  contentType?: string;
  rawBody: string;
  /** The Authorization header (HTTP Basic client authentication is accepted too). */
  authorization?: string;
}

const AUTH_CODE_TTL_MS = 5 * 60_000;
const KEEP_EXPIRED_MS = 24 * 3600_000;

/** Issues and checks tokens for the seeded application and sellers, on the simulator's clock. */
export class LwaService {
  private readonly tokens = new Map<string, AccessToken>();
  private readonly codes = new Map<string, AuthorizationCode>();
  private counter = 0;

  constructor(
    private readonly identities: Identities,
    private readonly clock: SimClock,
    private readonly tokenTtlSeconds: number,
    private readonly seed: string,
  ) {}

  /** Answers a token request (any grant) with the access token or LWA's `{error, error_description}`. */
  handleTokenRequest(request: TokenRequest): SimReply {
    const params = parseParams(request);
    if (!params) return lwaError('invalid_request', 'The request body is malformed.');
    const grantType = params.grant_type;
    if (!grantType) return lwaError('invalid_request', 'The request is missing a required parameter : grant_type');
    if (!['refresh_token', 'client_credentials', 'authorization_code'].includes(grantType)) {
      return lwaError('unsupported_grant_type', 'The authorization grant type is not supported by the server.');
    }
    const basic = parseBasic(request.authorization);
    const clientId = params.client_id ?? basic?.id;
    const clientSecret = params.client_secret ?? basic?.secret;
    const app = this.identities.application;
    if (clientId !== app.clientId || clientSecret !== app.clientSecret) {
      return lwaError('invalid_client', 'Client authentication failed');
    }
    if (grantType === 'refresh_token') return this.refreshGrant(params.refresh_token, clientId);
    if (grantType === 'client_credentials') return this.clientCredentialsGrant(params.scope, clientId);
    return this.authorizationCodeGrant(params.code, params.redirect_uri, clientId);
  }

  /** Mints a single-use authorization code (`spapi_oauth_code`) for a seller, valid 5 minutes. */
  issueAuthorizationCode(sellerId: string, redirectUri?: string): string {
    const code = `AN${derivedToken(18, this.seed, 'code', ++this.counter).replace(/[-_]/g, 'x')}`;
    this.codes.set(code, { sellerId, expiresAt: this.clock.now() + AUTH_CODE_TTL_MS, redirectUri });
    return code;
  }

  /** Checks an `x-amz-access-token` header value: missing, unknown or expired tokens get Amazon's 403. */
  verifyAccessToken(token: string | undefined): TokenCheck {
    if (!token) return { ok: false, reply: unauthorized(TOKEN_MISSING) };
    const record = this.tokens.get(token);
    if (!record) return { ok: false, reply: unauthorized(TOKEN_INVALID) };
    if (this.clock.now() >= record.expiresAt) return { ok: false, reply: unauthorized(TOKEN_EXPIRED) };
    return { ok: true, token: record };
  }

  /** Mints a restricted data token bound to `parent`'s seller and application, valid `ttlSeconds` on the clock. */
  issueRestrictedDataToken(parent: AccessToken, grants: RestrictedGrant[], ttlSeconds: number): AccessToken {
    const token: AccessToken = {
      token: `Atz.sprdt|${derivedToken(120, this.seed, 'rdt', ++this.counter)}`,
      kind: 'seller',
      clientId: parent.clientId,
      scopes: [],
      expiresAt: this.clock.now() + ttlSeconds * 1000,
      restricted: grants,
    };
    if (parent.sellerId !== undefined) token.sellerId = parent.sellerId;
    this.tokens.set(token.token, token);
    return token;
  }

  /** The seller a refresh token belongs to. */
  sellerOfRefreshToken(refreshToken: string): SellerIdentity | undefined {
    return this.identities.sellers.find((s) => s.refreshToken === refreshToken);
  }

  private refreshGrant(refreshToken: string | undefined, clientId: string): SimReply {
    if (!refreshToken) {
      return lwaError('invalid_request', 'The request is missing a required parameter : refresh_token');
    }
    const seller = this.sellerOfRefreshToken(refreshToken);
    if (!seller) {
      return lwaError(
        'invalid_grant',
        "The request has an invalid grant parameter : refresh_token. User may have revoked or didn't grant the permission.",
      );
    }
    const token = this.issue('seller', clientId, [], seller.sellerId);
    return ok({
      access_token: token.token,
      refresh_token: seller.refreshToken,
      token_type: 'bearer',
      expires_in: this.tokenTtlSeconds,
    });
  }

  private clientCredentialsGrant(scope: string | undefined, clientId: string): SimReply {
    if (!scope) return lwaError('invalid_request', 'The request is missing a required parameter : scope');
    const scopes = scope.split(/\s+/).filter(Boolean);
    const known: readonly string[] = GRANTLESS_SCOPES;
    if (scopes.length === 0 || scopes.some((s) => !known.includes(s))) {
      return lwaError('invalid_scope', 'An unknown scope was requested');
    }
    const token = this.issue('grantless', clientId, scopes);
    return ok({
      access_token: token.token,
      scope: scopes.join(' '),
      token_type: 'bearer',
      expires_in: this.tokenTtlSeconds,
    });
  }

  private authorizationCodeGrant(code: string | undefined, redirectUri: string | undefined, clientId: string) {
    if (!code) return lwaError('invalid_request', 'The request is missing a required parameter : code');
    const record = this.codes.get(code);
    const now = this.clock.now();
    if (!record || now >= record.expiresAt || (record.redirectUri && record.redirectUri !== redirectUri)) {
      return lwaError('invalid_grant', 'The request has an invalid grant parameter : code');
    }
    this.codes.delete(code);
    const seller = this.identities.sellers.find((s) => s.sellerId === record.sellerId);
    if (!seller) return lwaError('invalid_grant', 'The request has an invalid grant parameter : code');
    const token = this.issue('seller', clientId, [], seller.sellerId);
    return ok({
      access_token: token.token,
      refresh_token: seller.refreshToken,
      token_type: 'bearer',
      expires_in: this.tokenTtlSeconds,
    });
  }

  private issue(kind: AccessToken['kind'], clientId: string, scopes: string[], sellerId?: string): AccessToken {
    const now = this.clock.now();
    if (this.tokens.size > 50_000) {
      for (const [k, t] of this.tokens) if (t.expiresAt + KEEP_EXPIRED_MS < now) this.tokens.delete(k);
    }
    const prefix = kind === 'seller' ? 'Atza|' : 'Atc|';
    const token: AccessToken = {
      token: `${prefix}${derivedToken(320, this.seed, 'access', ++this.counter)}`,
      kind,
      clientId,
      scopes,
      expiresAt: now + this.tokenTtlSeconds * 1000,
    };
    if (sellerId !== undefined) token.sellerId = sellerId;
    this.tokens.set(token.token, token);
    return token;
  }
}

function ok(body: Record<string, unknown>): SimReply {
  return { status: 200, body, headers: { 'cache-control': 'no-store' } };
}

/** Form-encoded (what Amazon's JS/PHP clients send) or JSON (Amazon's Java client); null when malformed. */
function parseParams(request: TokenRequest): Record<string, string | undefined> | null {
  const type = (request.contentType ?? '').toLowerCase();
  const text = request.rawBody.trim();
  const looksJson = type.includes('json') || (!type.includes('form') && text.startsWith('{'));
  if (looksJson) {
    try {
      const parsed: unknown = JSON.parse(text === '' ? '{}' : text);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null;
      const out: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(parsed)) {
        if (typeof v === 'string') out[k] = v;
        else if (typeof v === 'number' || typeof v === 'boolean') out[k] = String(v);
      }
      return out;
    } catch {
      return null;
    }
  }
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of new URLSearchParams(text)) out[k] = v;
  return out;
}

function parseBasic(header: string | undefined): { id: string; secret: string } | undefined {
  const m = /^Basic\s+(.+)$/i.exec(header ?? '');
  if (!m?.[1]) return undefined;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const i = decoded.indexOf(':');
  if (i < 0) return undefined;
  return { id: safeDecode(decoded.slice(0, i)), secret: safeDecode(decoded.slice(i + 1)) };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
