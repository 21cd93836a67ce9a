import type { SimClock } from '../clock.ts';

/** Request / reply shapes of the Ads routes, Amazon Ads error bodies, and the per-profile throttle. */

export interface AdsReply {
  status: number;
  /** JSON body (serialised by the router). */
  body?: unknown;
  /** Raw body (report files); wins over `body`. */
  raw?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

/** The SP v3 spec's error body `{code, message}` (UNAUTHORIZED, ACCESS_DENIED, THROTTLED, INVALID_ARGUMENT …). */
export function adsError(status: number, code: string, message: string): AdsReply {
  return { status, body: { code, message }, contentType: 'application/json' };
}

/** Reporting v3's error body: `{code: "<status>", detail}`. */
export function reportingError(status: number, detail: string): AdsReply {
  return { status, body: { code: String(status), detail }, contentType: 'application/json' };
}

/** An S3-style XML error (the pre-signed report URLs live on S3). */
export function s3Error(status: number, code: string, message: string): AdsReply {
  const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { status, raw: Buffer.from(xml), contentType: 'application/xml' };
}

export type TakeResult = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * Token buckets keyed by profile (Amazon publishes no Ads rate numbers; its limits are dynamic and answered with
 * 429 + Retry-After). Refills on the simulator's clock.
 */
export class AdsThrottle {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly clock: SimClock,
    readonly rate: number,
    readonly burst: number,
    private readonly enabled: boolean,
  ) {}

  /** Takes one token for `key`, or says how many whole seconds until one is available. */
  take(key: string): TakeResult {
    if (!this.enabled) return { ok: true };
    const now = this.clock.now();
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.rate);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - b.tokens) / this.rate)) };
  }
}

/** The body as a JSON object; undefined when empty, null when not a JSON object. */
export function parseJsonBody(raw: Buffer): Record<string, unknown> | undefined | null {
  const text = raw.toString('utf8').trim();
  if (text === '') return undefined;
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
