import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  documentedLimit,
  OPERATION_LIMITS,
  resolveOperation,
  UNDOCUMENTED_LIMIT,
} from '../../src/integrations/amazon-sp-api/index.js';
import { findSharedAmazonDir, parseLimitsTsv } from '../../src/integrations/amazon-sp-api/limits-tsv.js';

/** The generated operation-limits.ts must equal shared/amazon/rate-limits.tsv (regenerate with generate-limits.ts). */

const tsv = readFileSync(join(findSharedAmazonDir(dirname(fileURLToPath(import.meta.url))), 'rate-limits.tsv'), 'utf8');

describe('operation limits', () => {
  it('equal the TSV row for row', () => {
    const rows = tsv.split(/\r?\n/).filter((l) => l.trim() !== '').length - 1;
    const table = parseLimitsTsv(tsv);
    expect(Object.keys(table)).toHaveLength(rows);
    expect(OPERATION_LIMITS).toEqual(table);
  });

  it('resolve model-qualified and unambiguous bare names', () => {
    expect(documentedLimit('ordersV0/getOrders')).toEqual({ ratePerSecond: 0.0167, burst: 20 });
    expect(documentedLimit('searchOrders')).toEqual({ ratePerSecond: 0.0056, burst: 20 });
    expect(resolveOperation('getOrder')).toBeUndefined(); // v0 and 2026-01-01 both define it
    expect(resolveOperation('orders_2026-01-01/getOrder')).toBe('orders_2026-01-01/getOrder');
    expect(documentedLimit('createInventoryItem')).toEqual(UNDOCUMENTED_LIMIT); // no rate documented
  });
});
