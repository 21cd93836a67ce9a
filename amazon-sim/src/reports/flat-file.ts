import { decimalAmount } from '../scenario/marketplace-facts.ts';

/**
 * Flat-file reports: tab-separated text with a header row, localised the way Amazon localises some EU files
 * (decimal commas, dd.mm.yyyy dates) and encoded in the charset the download declares.
 */

/** Marketplaces whose flat files use decimal commas and dd.mm.yyyy dates where Amazon localises [I]. */
export const COMMA_MARKETPLACES: readonly string[] = ['DE', 'FR', 'IT', 'ES'];

/** Number and date conventions of one marketplace's flat files. */
export interface FlatLocale {
  code: string;
  comma: boolean;
}

/** The locale of a marketplace code (`DE`, `US` …). */
export function localeOf(code: string): FlatLocale {
  return { code, comma: COMMA_MARKETPLACES.includes(code) };
}

/** A money amount in minor units as the locale writes it (`-3.22`, `-3,22`). */
export function formatAmount(locale: FlatLocale, minor: number, digits: number): string {
  const text = decimalAmount(minor, digits);
  return locale.comma ? text.replace('.', ',') : text;
}

/** A plain decimal number (e.g. a volume) as the locale writes it. */
export function formatNumber(locale: FlatLocale, value: number, fractionDigits: number): string {
  const text = value.toFixed(fractionDigits);
  return locale.comma ? text.replace('.', ',') : text;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** A date as the locale writes it in settlement files (`2023-01-31`, `31.01.2023`). */
export function formatDate(locale: FlatLocale, ms: number): string {
  const d = new Date(ms);
  const [y, m, day] = [d.getUTCFullYear(), pad(d.getUTCMonth() + 1), pad(d.getUTCDate())];
  return locale.comma ? `${day}.${m}.${y}` : `${y}-${m}-${day}`;
}

/** A date-time as settlement files write it (`2023-01-31 10:00:00 UTC`, `31.01.2023 10:00:00 UTC`). */
export function formatDateTimeUtc(locale: FlatLocale, ms: number): string {
  const d = new Date(ms);
  return `${formatDate(locale, ms)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} UTC`;
}

/** ISO-8601 with an explicit offset, as the order and FBA flat files write instants (`2023-01-31T10:00:00+00:00`). */
export function isoOffset(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19)}+00:00`;
}

/** One report row: column name → value (missing columns are empty). */
export type FlatRow = Record<string, string | number | undefined>;

/** Tab-separated text: the header row, then one line per row in header order (tabs and newlines in values blanked). */
export function toTsv(header: readonly string[], rows: readonly FlatRow[]): string {
  const clean = (v: string | number | undefined) => (v === undefined ? '' : String(v).replace(/[\t\r\n]+/g, ' '));
  const lines = [header.join('\t'), ...rows.map((r) => header.map((h) => clean(r[h])).join('\t'))];
  return `${lines.join('\n')}\n`;
}

const CP1252_HIGH: Record<number, number> = {
  8364: 0x80,
  8218: 0x82,
  402: 0x83,
  8222: 0x84,
  8230: 0x85,
  8224: 0x86,
  8225: 0x87,
  710: 0x88,
  8240: 0x89,
  352: 0x8a,
  8249: 0x8b,
  338: 0x8c,
  381: 0x8e,
  8216: 0x91,
  8217: 0x92,
  8220: 0x93,
  8221: 0x94,
  8226: 0x95,
  8211: 0x96,
  8212: 0x97,
  732: 0x98,
  8482: 0x99,
  353: 0x9a,
  8250: 0x9b,
  339: 0x9c,
  382: 0x9e,
  376: 0x9f,
};

/** Encodes text as windows-1252 (characters it cannot represent become `?`). */
export function encodeWindows1252(text: string): Buffer {
  const out = Buffer.alloc(text.length);
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0x3f;
    out[n++] = c < 0x80 || (c >= 0xa0 && c <= 0xff) ? c : (CP1252_HIGH[c] ?? 0x3f);
  }
  return out.subarray(0, n);
}
