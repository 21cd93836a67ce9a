import { describe, expect, it } from 'vitest';
import { detectDecimalComma, readAmount, readCount, readInstant } from './flat-file-values.js';

describe('flat-file cell readers', () => {
  it('reads the instants Amazon writes, refusing impossible dates', () => {
    const t = Date.parse('2026-11-20T10:00:00Z');
    expect(readInstant('2026-11-20T10:00:00+00:00')).toBe(t);
    expect(readInstant('2026-11-20T10:00:00Z')).toBe(t);
    expect(readInstant('2026-11-20 10:00:00 UTC')).toBe(t);
    expect(readInstant('20.11.2026 10:00:00 UTC')).toBe(t);
    expect(readInstant('2026-11-20T02:00:00-08:00')).toBe(t);
    expect(readInstant('2026/11/20 02:00:00 PST')).toBe(t);
    expect(readInstant('2026-11-20T19:00:00+0900')).toBe(t);
    expect(readInstant('20.11.2026')).toBe(Date.parse('2026-11-20T00:00:00Z'));
    expect(readInstant('2026-02-30T10:00:00Z')).toBeNull();
    expect(readInstant('yesterday')).toBeNull();
    expect(readInstant('')).toBeNull();
  });

  it('reads amounts in either convention, guided by the file', () => {
    expect(detectDecimalComma(['1.234,50', '12,00', '0,00'])).toBe(true);
    expect(detectDecimalComma(['1,234.50', '12.00'])).toBe(false);
    expect(readAmount('1.234,50', 'EUR', true)).toBe(123450n);
    expect(readAmount('-10,00', 'EUR', false)).toBe(-1000n);
    expect(readAmount('0.00', 'EUR', true)).toBe(0n);
    expect(readAmount('1,234.50', 'USD', false)).toBe(123450n);
    expect(readAmount('1980', 'JPY', false)).toBe(1980n);
    expect(readAmount('19.999', 'USD', false)).toBeNull();
    expect(readAmount('abc', 'USD', false)).toBeNull();
    expect(readAmount('', 'USD', false)).toBe(0n);
    expect(readCount('2')).toBe(2);
    expect(readCount('2.5')).toBeNull();
  });
});
