import type { ImportError } from '@yangfan/contracts';
import type { Marketplace } from '../../stores/index.js';
import type { ParsedBatch } from '../../sync/index.js';

/** Helpers the inventory report parsers share: header matching, cells by lower-case name, batching. */

export type Row = { line: number; cells: Record<string, string> };

/** Required headers the file lacks (case-insensitive). */
export function missingColumns(required: readonly string[], headers: readonly string[]): string[] {
  const have = new Set(headers.map((h) => h.trim().toLowerCase()));
  return required.filter((c) => !have.has(c.toLowerCase()));
}

export function lowerKeys(cells: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cells)) out[k.trim().toLowerCase()] = v;
  return out;
}

export const text = (v: string | undefined): string | null => (v ?? '').trim() || null;

/** Reads rows one by one into batches of `size` records: `read` returns a record, errors, or 'skip'. */
export async function* batched<R>(
  rows: AsyncIterable<Row>,
  size: number,
  read: (cells: Record<string, string>, line: number) => R | ImportError[] | 'skip',
): AsyncGenerator<ParsedBatch<R>> {
  let batch: ParsedBatch<R> = { records: [], errors: [], rows: 0, skipped: 0 };
  for await (const row of rows) {
    batch.rows++;
    const out = read(lowerKeys(row.cells), row.line);
    if (out === 'skip') batch.skipped++;
    else if (Array.isArray(out)) batch.errors.push(...out);
    else batch.records.push(out);
    if (batch.records.length >= size) {
      yield batch;
      batch = { records: [], errors: [], rows: 0, skipped: 0 };
    }
  }
  if (batch.rows > 0) yield batch;
}

/** The store's marketplace of a country code as flat files write it (`US`, `DE`, `GB` for the UK). */
export function marketplaceOfCountry(marketplaces: readonly Marketplace[], country: string): Marketplace | undefined {
  const c = country.trim().toUpperCase();
  const code = c === 'GB' ? 'UK' : c;
  return marketplaces.find((m) => m.code === code);
}

/** The marketplace a file without a marketplace column is read for: the given one, else a one-marketplace store's. */
export function defaultMarketplace(
  marketplaces: readonly Marketplace[],
  marketplaceId: string | undefined,
): Marketplace | undefined {
  if (marketplaceId) return marketplaces.find((m) => m.marketplaceId === marketplaceId);
  return marketplaces.length === 1 ? marketplaces[0] : undefined;
}
