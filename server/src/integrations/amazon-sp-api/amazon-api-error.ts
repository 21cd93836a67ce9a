import { AppError, type ErrorCode } from '../../platform/errors.js';

/** A failed call to Amazon (LWA or SP-API), classified so callers and job runners know whether to retry. */
export class AmazonApiError extends AppError {
  readonly retryable: boolean;
  readonly status: number | undefined;
  readonly amazonCode: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAfterMs: number | undefined;
  constructor(
    code: ErrorCode,
    message: string,
    info: {
      retryable: boolean;
      status?: number;
      amazonCode?: string;
      requestId?: string;
      operation?: string;
      retryAfterMs?: number;
      details?: unknown;
    },
  ) {
    super(code, message, {
      retryable: info.retryable,
      status: info.status,
      amazonCode: info.amazonCode,
      requestId: info.requestId,
      operation: info.operation,
      retryAfterMs: info.retryAfterMs,
      amazon: info.details,
    });
    this.name = 'AmazonApiError';
    this.retryable = info.retryable;
    this.status = info.status;
    this.amazonCode = info.amazonCode;
    this.requestId = info.requestId;
    this.retryAfterMs = info.retryAfterMs;
  }
}

export interface AmazonErrorEntry {
  code: string;
  message: string;
  details?: string;
}

/** Reads Amazon's error body `{errors:[{code,message,details}]}` (tolerates a bare object or non-JSON text). */
export function parseAmazonErrors(body: unknown): AmazonErrorEntry[] {
  if (!body || typeof body !== 'object') return [];
  const list = (body as { errors?: unknown }).errors;
  const items = Array.isArray(list) ? list : [body];
  const out: AmazonErrorEntry[] = [];
  for (const item of items) {
    if (!item || typeof item !== 'object') continue;
    const e = item as Record<string, unknown>;
    if (typeof e.code !== 'string' && typeof e.message !== 'string') continue;
    const entry: AmazonErrorEntry = { code: String(e.code ?? ''), message: String(e.message ?? '') };
    if (typeof e.details === 'string') entry.details = e.details;
    out.push(entry);
  }
  return out;
}

/** True for failures worth retrying later: throttling, Amazon-side errors, timeouts and network failures. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

/** Parses Retry-After (seconds or an HTTP date) into milliseconds, or undefined. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
