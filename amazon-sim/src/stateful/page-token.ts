import { hash32 } from '../scenario/fast-random.ts';
import { InputError } from './query-params.ts';

/**
 * Opaque pagination tokens: the query and the position reached, as base64url JSON with a seeded checksum so that a
 * truncated, edited or foreign token is refused (400 InvalidInput) instead of silently restarting.
 */

export class PageTokens {
  constructor(private readonly secret: string) {}

  /** Encodes a token for operation `kind` of seller `sellerId`. */
  encode(kind: string, sellerId: string, state: unknown): string {
    const body = Buffer.from(JSON.stringify({ k: kind, s: sellerId, d: state })).toString('base64url');
    return `${body}.${this.sign(body)}`;
  }

  /** Decodes a token or throws InputError naming the parameter. */
  decode<T>(kind: string, sellerId: string, token: string, parameter: string): T {
    const [body, sig, extra] = token.split('.');
    if (!body || !sig || extra !== undefined || sig !== this.sign(body)) throw invalid(parameter);
    let parsed: { k?: unknown; s?: unknown; d?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as typeof parsed;
    } catch {
      throw invalid(parameter);
    }
    if (parsed.k !== kind || parsed.s !== sellerId || parsed.d === undefined) throw invalid(parameter);
    return parsed.d as T;
  }

  private sign(body: string): string {
    return hash32(this.secret, body).toString(36);
  }
}

function invalid(parameter: string): InputError {
  return new InputError(`Invalid ${parameter}: the token is malformed, expired or was issued for another request.`);
}
