import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import {
  allocate,
  convert,
  currencyExponent,
  formatMoney,
  money,
  multiply,
  normalizeRate,
  parseMoney,
} from './money.js';

describe('money', () => {
  it('knows minor-unit exponents per currency', () => {
    expect(currencyExponent('USD')).toBe(2);
    expect(currencyExponent('JPY')).toBe(0);
    expect(currencyExponent('KWD')).toBe(3);
    expect(() => currencyExponent('usd')).toThrow(AppError);
    expect(() => currencyExponent('XXX')).toThrow(AppError);
  });

  it('parses decimal strings exactly, including EU decimal commas', () => {
    expect(parseMoney('12.34', 'USD')).toEqual({ amountMinor: 1234n, currency: 'USD' });
    expect(parseMoney('1,234.50', 'USD').amountMinor).toBe(123450n);
    expect(parseMoney('1.234,50', 'EUR', { decimalComma: true }).amountMinor).toBe(123450n);
    expect(parseMoney('1500', 'JPY').amountMinor).toBe(1500n);
    expect(() => parseMoney('12.345', 'USD')).toThrow(/more than 2 decimals/);
    expect(() => parseMoney('1.5', 'JPY')).toThrow(/more than 0 decimals/);
    expect(() => parseMoney('abc', 'USD')).toThrow(/not an amount/);
    expect(formatMoney({ amountMinor: -5n, currency: 'USD' })).toBe('-0.05');
    expect(formatMoney({ amountMinor: 1234567n, currency: 'KWD' })).toBe('1234.567');
  });

  it('refuses floats as minor units', () => {
    expect(() => money(1.5, 'USD')).toThrow(AppError);
  });

  it('allocates without losing a cent (property)', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -10_000_000n, max: 10_000_000n }),
        fc.array(fc.nat({ max: 1000 }), { minLength: 1, maxLength: 20 }),
        (amount, weights) => {
          const parts = allocate({ amountMinor: amount, currency: 'USD' }, weights);
          expect(parts).toHaveLength(weights.length);
          expect(parts.reduce((s, p) => s + p.amountMinor, 0n)).toBe(amount);
          const total = weights.reduce((a, b) => a + b, 0);
          parts.forEach((p, i) => {
            const exact = total === 0 ? Number(amount) / weights.length : (Number(amount) * weights[i]!) / total;
            expect(Math.abs(Number(p.amountMinor) - exact)).toBeLessThan(1);
          });
        },
      ),
    );
  });

  it('allocates 100.00 in three equal parts as 33.34 + 33.33 + 33.33', () => {
    expect(allocate({ amountMinor: 10000n, currency: 'USD' }, [1, 1, 1]).map((m) => m.amountMinor)).toEqual([
      3334n,
      3333n,
      3333n,
    ]);
  });

  it('converts with one rounding between currencies of different exponents', () => {
    expect(convert({ amountMinor: 1999n, currency: 'USD' }, 'CNY', '7.1234').amountMinor).toBe(14240n); // 142.396766 → 142.40
    expect(convert({ amountMinor: 1999n, currency: 'USD' }, 'JPY', '151.37').amountMinor).toBe(3026n);
    expect(convert({ amountMinor: 1000n, currency: 'JPY' }, 'USD', '0.0066').amountMinor).toBe(660n);
    expect(multiply({ amountMinor: 333n, currency: 'USD' }, '0.5').amountMinor).toBe(167n); // half-up
  });

  it('validates rates', () => {
    expect(normalizeRate('7,12')).toBe('7.12');
    expect(() => normalizeRate('-1')).toThrow(AppError);
    expect(() => normalizeRate('0')).toThrow(AppError);
  });
});
