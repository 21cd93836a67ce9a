import { Decimal } from 'decimal.js';
import { currencyExponent, ROUNDING } from '../../platform/money.js';

/**
 * Amount readers of the finance module. Finances v0 writes CurrencyAmount as a JSON number ("12.34" as 12.34);
 * storage fees are estimated to four decimals. Both become integer minor units, rounded half away from zero.
 */

/** A decimal number or text (dot decimal) in minor units of `currency`; null when it is not a number. */
export function decimalToMinor(value: number | string, currency: string): bigint | null {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? value.toString() : '') : value.trim();
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?$/i.test(text)) return null;
  const exp = currencyExponent(currency);
  return BigInt(new Decimal(text).times(new Decimal(10).pow(exp)).toDecimalPlaces(0, ROUNDING).toFixed(0));
}

/** Minor units as a JS number (the database column), refusing amounts beyond 2^53. */
export function minorNumber(v: bigint, what: string): number {
  const n = Number(v);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${what} ${v} is out of range`);
  return n;
}
