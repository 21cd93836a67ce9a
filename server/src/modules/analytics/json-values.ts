import { Decimal } from 'decimal.js';
import { currencyExponent, ROUNDING } from '../../platform/money.js';

/**
 * Readers for numbers in Amazon's JSON reports and API answers. Amounts arrive as JSON numbers ("amount": 12.34):
 * they are read through their decimal text (never float arithmetic) and rounded half up to the currency's minor unit.
 * Each returns null for a value that is not what it should be, so the caller can reject the entry with its path.
 */

const D = Decimal.clone({ precision: 40, rounding: ROUNDING });

function decimalOf(v: unknown): Decimal | null {
  if (typeof v === 'number') return Number.isFinite(v) ? new D(v.toString()) : null;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v.trim())) return new D(v.trim());
  return null;
}

/** A money amount in minor units of `currency` (rounded half up); null when not a number. */
export function jsonAmountMinor(v: unknown, currency: string): number | null {
  const d = decimalOf(v);
  if (!d) return null;
  const minor = d
    .times(new D(10).pow(currencyExponent(currency)))
    .toDecimalPlaces(0, ROUNDING)
    .toNumber();
  return Number.isSafeInteger(minor) ? minor : null;
}

/** A non-negative integer count; null otherwise. Missing → 0 (Amazon omits zero metrics in some answers). */
export function jsonCount(v: unknown): number | null {
  if (v === undefined || v === null) return 0;
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0 ? v : null;
}

/** A percentage (93.45) as integer basis points (9345); null when not a number in [0, 100]. */
export function percentToBp(v: unknown): number | null {
  if (v === undefined || v === null) return 0;
  const d = decimalOf(v);
  if (!d || d.isNegative() || d.greaterThan(100)) return null;
  return d.times(100).toDecimalPlaces(0, ROUNDING).toNumber();
}

/**
 * A share as integer basis points. Amazon's Brand Analytics JSON writes shares as fractions (0.1834 → 1834 bp) [I];
 * a value above 1 can only be a percentage (18.34 → 1834 bp).
 */
export function shareToBp(v: unknown): number | null {
  if (v === undefined || v === null) return null;
  const d = decimalOf(v);
  if (!d || d.isNegative() || d.greaterThan(100)) return null;
  const bp = d.greaterThan(1) ? d.times(100) : d.times(10_000);
  return bp.toDecimalPlaces(0, ROUNDING).toNumber();
}

/** A calendar date YYYY-MM-DD from a date or date-time string (its date part); null otherwise. */
export function jsonDate(v: unknown): string | null {
  if (typeof v !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2})(?:$|T)/.exec(v.trim());
  if (!m) return null;
  const d = m[1]!;
  const ms = Date.parse(`${d}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().startsWith(d) ? d : null;
}

/** Parses a JSON document, tolerating a UTF-8 BOM. */
export function parseJsonDocument(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}
