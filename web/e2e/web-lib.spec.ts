// Pure helpers of web/src/lib (no browser needed): money display, query strings, downloads, grid params, log diffs.
import { describe, expect, it } from 'vitest';
import { ApiError, buildQuery } from '../src/lib/api';
import { fileNameFromDisposition } from '../src/lib/download';
import { parseTags } from '../src/lib/grid-values';
import { formatMoney, isDecimal } from '../src/lib/money';
import { filterModelToParams, sortModelToParam } from '../src/lib/use-server-datasource';
import { diffFields, valueText } from '../src/routes/audit/operation-log/diff';

describe('formatMoney', () => {
  it('uses the currency’s own decimals (JPY 0, USD 2, KWD 3)', () => {
    expect(formatMoney('1234.5', 'JPY', 'en')).toBe('¥1,235');
    expect(formatMoney('1234.5', 'USD', 'en')).toBe('$1,234.50');
    expect(formatMoney('1.2345', 'KWD', 'en')).toMatch(/1\.235/);
    expect(formatMoney('19.99', 'EUR', 'zh-CN')).toBe('€19.99');
    expect(formatMoney('22.39', 'CNY', 'zh-CN')).toBe('¥22.39');
  });

  it('formats decimal strings exactly, without float rounding errors', () => {
    expect(formatMoney('9007199254740993.01', 'USD', 'en')).toBe('$9,007,199,254,740,993.01');
    expect(formatMoney('0.1', 'USD', 'en')).toBe('$0.10');
  });

  it('leaves null empty and odd text as it is', () => {
    expect(formatMoney(null, 'USD', 'en')).toBe('');
    expect(formatMoney('n/a', 'USD', 'en')).toBe('n/a');
    expect(formatMoney('5', 'ZZZZ', 'en')).toContain('ZZZZ');
    expect(isDecimal('-3.5')).toBe(true);
    expect(isDecimal('3,5')).toBe(false);
  });
});

describe('buildQuery', () => {
  it('drops empty values and repeats arrays', () => {
    expect(buildQuery({ q: '', status: undefined, limit: 200, tag: ['a', 'b'], x: null })).toBe(
      '?limit=200&tag=a&tag=b',
    );
    expect(buildQuery({})).toBe('');
  });
});

describe('ApiError', () => {
  it('exposes the field of a validation error', () => {
    const error = new ApiError(400, {
      code: 'INVALID_INPUT',
      message: 'bad',
      details: { field: 'price' },
      requestId: 'r1',
    });
    expect(error.field).toBe('price');
    expect(error.requestId).toBe('r1');
  });
});

describe('fileNameFromDisposition', () => {
  it('prefers the UTF-8 name (Chinese file names survive)', () => {
    expect(
      fileNameFromDisposition(
        `attachment; filename="products.xlsx"; filename*=UTF-8''${encodeURIComponent('产品.xlsx')}`,
      ),
    ).toBe('产品.xlsx');
    expect(fileNameFromDisposition('attachment; filename="a b.csv"')).toBe('a b.csv');
    expect(fileNameFromDisposition(null)).toBeNull();
  });
});

describe('grid parameters', () => {
  it('maps column filters and sort to the list API', () => {
    const model = { productLine: { filterType: 'text', type: 'equals', filter: ' Kitchen ' }, name: { filter: 'x' } };
    expect(filterModelToParams(model, { productLine: 'productLine', tags: 'tag' })).toEqual({ productLine: 'Kitchen' });
    expect(sortModelToParam([{ colId: 'cost', sort: 'desc' }])).toBe('cost:desc');
    expect(sortModelToParam([])).toBeUndefined();
  });

  it('splits tags typed with English or Chinese commas', () => {
    expect(parseTags('new, 新品，best-seller;; ')).toEqual(['new', '新品', 'best-seller']);
  });
});

describe('diffFields', () => {
  it('marks changed fields first, including ones only on one side', () => {
    const rows = diffFields(
      { priceMinor: 3367, status: 'active' },
      { priceMinor: 1999, status: 'active', tags: ['a'] },
    );
    expect(rows.map((r) => [r.field, r.changed])).toEqual([
      ['priceMinor', true],
      ['tags', true],
      ['status', false],
    ]);
    expect(valueText(null)).toBe('∅');
    expect(valueText(['a'])).toBe('["a"]');
  });
});
