import type { ImportError } from '@yangfan/contracts';
import { findMarketplaceBySalesChannel, type Marketplace } from '../../stores/index.js';

/** Helpers shared by the finance flat-file parsers. */

export type Row = { line: number; cells: Record<string, string> };

export function lowerKeys(cells: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cells)) out[k.trim().toLowerCase()] = v;
  return out;
}

/** Required headers the file lacks (case-insensitive). */
export function missingOf(required: readonly string[], headers: readonly string[]): string[] {
  const have = new Set(headers.map((h) => h.trim().toLowerCase()));
  return required.filter((c) => !have.has(c));
}

export function text(cells: Record<string, string>, column: string): string | null {
  const v = (cells[column] ?? '').trim();
  return v === '' ? null : v;
}

export function err(line: number, column: string | null, reason: string): ImportError {
  return { line, column, reason };
}

/** A store marketplace by its name ("Amazon.de") or, failing that, the only one with the currency. */
export function marketplaceFor<M extends Pick<Marketplace, 'marketplaceId' | 'currency'>>(
  marketplaces: readonly M[],
  name: string | null,
  currency: string | null,
): M | undefined {
  if (name) {
    const m = findMarketplaceBySalesChannel(name);
    const own = m && marketplaces.find((x) => x.marketplaceId === m.marketplaceId);
    if (own) return own;
  }
  if (currency) {
    const same = marketplaces.filter((m) => m.currency === currency);
    if (same.length === 1) return same[0];
  }
  return undefined;
}
