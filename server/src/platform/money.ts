import { Decimal } from 'decimal.js';
import { AppError } from './errors.js';

/** Money is an integer count of the currency's minor unit; never a float. */
export interface Money {
  amountMinor: bigint;
  currency: string;
}

/** All rounding in the application goes through this mode (half away from zero, the common accounting rule). */
export const ROUNDING = Decimal.ROUND_HALF_UP;
const D = Decimal.clone({ precision: 40, rounding: ROUNDING });

const exponentCache = new Map<string, number>();
const CURRENCY = /^[A-Z]{3}$/;
// Intl formats any well-formed code; only the ones it has data for are real currencies.
const KNOWN = new Set(Intl.supportedValuesOf('currency'));

/** Number of minor-unit digits of an ISO 4217 currency (JPY 0, USD 2, KWD 3). */
export function currencyExponent(currency: string): number {
  const cached = exponentCache.get(currency);
  if (cached !== undefined) return cached;
  if (!CURRENCY.test(currency) || !KNOWN.has(currency))
    throw new AppError('INVALID_INPUT', `Unknown currency "${currency}"`, { currency });
  let digits: number;
  try {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    throw new AppError('INVALID_INPUT', `Unknown currency "${currency}"`, { currency });
  }
  exponentCache.set(currency, digits);
  return digits;
}

export function money(amountMinor: bigint | number, currency: string): Money {
  if (typeof amountMinor === 'number' && !Number.isSafeInteger(amountMinor)) {
    throw new AppError('INVALID_INPUT', `Money amount must be an integer number of minor units, got ${amountMinor}`);
  }
  currencyExponent(currency);
  return { amountMinor: BigInt(amountMinor), currency };
}

/** Parses a decimal string such as "12.34" (or "12,34" when decimalComma) into minor units; refuses extra precision. */
export function parseMoney(text: string, currency: string, opts: { decimalComma?: boolean } = {}): Money {
  const exp = currencyExponent(currency);
  let s = text.trim().replace(/\s/g, '');
  if (opts.decimalComma) s = s.replace(/\./g, '').replace(',', '.');
  else s = s.replace(/,(?=\d{3}(\D|$))/g, '');
  const simple = /^(-?)(\d{1,15})(?:\.(\d+))?$/.exec(s);
  if (simple && (simple[3]?.length ?? 0) <= exp) {
    // Fast path for plain decimals (imports parse millions): digits shifted by string, no decimal arithmetic.
    const minor = BigInt(`${simple[2]}${(simple[3] ?? '').padEnd(exp, '0')}`);
    return { amountMinor: simple[1] ? -minor : minor, currency };
  }
  if (!/^[-+]?\d+(\.\d+)?$/.test(s)) throw new AppError('INVALID_INPUT', `"${text}" is not an amount`);
  const d = new D(s);
  const scaled = d.times(new D(10).pow(exp));
  if (!scaled.isInteger()) {
    throw new AppError('INVALID_INPUT', `"${text}" has more than ${exp} decimals for ${currency}`);
  }
  return { amountMinor: BigInt(scaled.toFixed(0)), currency };
}

/** Decimal string of a money amount, e.g. 1234n USD → "12.34". */
export function formatMoney(m: Money): string {
  const exp = currencyExponent(m.currency);
  return new D(m.amountMinor.toString()).div(new D(10).pow(exp)).toFixed(exp);
}

function sameCurrency(a: Money, b: Money): void {
  if (a.currency !== b.currency) {
    throw new AppError('INVALID_INPUT', `Cannot combine ${a.currency} with ${b.currency} without a conversion`);
  }
}

export function add(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amountMinor: a.amountMinor + b.amountMinor, currency: a.currency };
}

export function subtract(a: Money, b: Money): Money {
  sameCurrency(a, b);
  return { amountMinor: a.amountMinor - b.amountMinor, currency: a.currency };
}

/** Multiplies by a decimal factor (quantity, percentage) with the one rounding rule. */
export function multiply(a: Money, factor: string | number | bigint): Money {
  const r = new D(a.amountMinor.toString()).times(new D(factor.toString())).toDecimalPlaces(0, ROUNDING);
  return { amountMinor: BigInt(r.toFixed(0)), currency: a.currency };
}

/**
 * Splits an amount in proportion to weights so that the parts add up exactly to the whole:
 * largest-remainder method, ties to the earlier weight.
 */
export function allocate(total: Money, weights: readonly (number | bigint | string)[]): Money[] {
  if (weights.length === 0) throw new AppError('INVALID_INPUT', 'allocate needs at least one weight');
  const ws = weights.map((w) => new D(w.toString()));
  if (ws.some((w) => w.isNegative())) throw new AppError('INVALID_INPUT', 'allocation weights must be ≥ 0');
  const sum = ws.reduce((a, b) => a.plus(b), new D(0));
  const useEqual = sum.isZero();
  const n = ws.length;
  const totalD = new D(total.amountMinor.toString());
  const sign = totalD.isNegative() ? -1n : 1n;
  const abs = totalD.abs();
  const raw = ws.map((w) => (useEqual ? abs.div(n) : abs.times(w).div(sum)));
  const floors = raw.map((r) => BigInt(r.floor().toFixed(0)));
  let rest = BigInt(abs.toFixed(0)) - floors.reduce((a, b) => a + b, 0n);
  const order = raw
    .map((r, i) => ({ i, frac: r.minus(r.floor()) }))
    .sort((a, b) => b.frac.comparedTo(a.frac) || a.i - b.i);
  for (const { i } of order) {
    if (rest <= 0n) break;
    floors[i] = floors[i]! + 1n;
    rest -= 1n;
  }
  return floors.map((f) => ({ amountMinor: f * sign, currency: total.currency }));
}

/**
 * Converts with an explicit rate (units of `to` per one unit of `from`), rounding once, in the target's minor units.
 */
export function convert(m: Money, to: string, rate: string): Money {
  if (m.currency === to) return m;
  const fromExp = currencyExponent(m.currency);
  const toExp = currencyExponent(to);
  const major = new D(m.amountMinor.toString()).div(new D(10).pow(fromExp));
  const minor = major.times(new D(rate)).times(new D(10).pow(toExp)).toDecimalPlaces(0, ROUNDING);
  return { amountMinor: BigInt(minor.toFixed(0)), currency: to };
}

/** Validates a decimal rate string (positive, at most 10 decimals). */
export function normalizeRate(rate: string): string {
  const s = rate.trim().replace(',', '.');
  if (!/^\d+(\.\d{1,10})?$/.test(s) || new D(s).lte(0)) {
    throw new AppError('INVALID_INPUT', `"${rate}" is not a positive exchange rate`, { field: 'rate' });
  }
  return new D(s).toString();
}

export function invertRate(rate: string): string {
  return new D(1).div(new D(rate)).toSignificantDigits(12).toString();
}

/**
 * Normalises a human-written decimal to "1234.5" form: thousands separators, EU decimal commas ("1.234,50",
 * "12,5") and spaces are understood; returns null when the text is not a number.
 */
export function normalizeDecimalText(text: string): string | null {
  let s = text.trim().replace(/[\s\u00a0']/g, '');
  if (s === '') return null;
  const lastComma = s.lastIndexOf(',');
  const lastDot = s.lastIndexOf('.');
  if (lastComma > -1 && lastDot > -1) {
    s = lastComma > lastDot ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  } else if (lastComma > -1) {
    // "12,5" or "12,50" is a decimal comma; "1,234" / "1,234,567" are thousands.
    s = /^-?\d{1,3}(,\d{3})+$/.test(s) ? s.replace(/,/g, '') : s.replace(',', '.');
  }
  return /^-?\d+(\.\d+)?$/.test(s) ? s : null;
}
