import { parseMoney } from '../money.js';

/**
 * Cell readers for Amazon flat files, tolerant of what real files do: EU decimal commas, thousands separators,
 * `dd.mm.yyyy` dates, offsets or zone names after times. Each returns null for "unreadable" so the caller can
 * reject the row with its line and column.
 */

/** Decides from sample amounts whether a file writes decimal commas ("12,34", "1.234,56"). */
export function detectDecimalComma(samples: readonly string[]): boolean {
  let comma = 0;
  let dot = 0;
  for (const s of samples) {
    const v = s.trim();
    if (/^-?[\d.]*\d,\d{1,2}$/.test(v)) comma++;
    else if (/^-?[\d,]*\d\.\d{1,2}$/.test(v)) dot++;
  }
  return comma > dot;
}

/** An amount in minor units; empty → 0 when `emptyIsZero`, else null. */
export function readAmount(text: string | undefined, currency: string, decimalComma: boolean): bigint | null {
  const v = (text ?? '').trim();
  if (v === '') return 0n;
  // The file's convention decides ambiguous forms ("1,234", "1.234"); a form only one convention can write wins.
  let comma = decimalComma;
  if (!comma && /^-?(\d{1,3}(\.\d{3})+|\d+),\d{1,2}$/.test(v)) comma = true;
  else if (comma && /^-?\d+\.\d{1,2}$/.test(v)) comma = false;
  try {
    return parseMoney(v, currency, { decimalComma: comma }).amountMinor;
  } catch {
    return null;
  }
}

/** A non-negative integer ("2", "2,0" is refused). */
export function readCount(text: string | undefined): number | null {
  const v = (text ?? '').trim();
  if (v === '') return 0;
  return /^\d{1,9}$/.test(v) ? Number(v) : null;
}

const ZONES: Record<string, string> = {
  UTC: '+00:00',
  GMT: '+00:00',
  Z: '+00:00',
  PST: '-08:00',
  PDT: '-07:00',
  JST: '+09:00',
  CET: '+01:00',
  CEST: '+02:00',
  BST: '+01:00',
};

/**
 * An instant from the forms Amazon writes: `2026-11-20T10:00:00+00:00`, `2026-11-20T10:00:00Z`,
 * `2026-11-20 10:00:00 UTC`, `20.11.2026 10:00:00 UTC`, `20.11.2026` (midnight UTC), `2026/11/20 10:00:00 PST`.
 */
export function readInstant(text: string | undefined): number | null {
  const v = (text ?? '').trim();
  if (v === '') return null;
  const m =
    /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{1,4})?$/.exec(
      v,
    ) ??
    reorder(
      /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Z]{1,4})?$/.exec(
        v,
      ),
    );
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', zone = 'UTC'] = m;
  let offset = ZONES[zone] ?? (/^[+-]\d{2}:?\d{2}$/.test(zone) ? zone : null);
  if (!offset) return null;
  if (!offset.includes(':')) offset = `${offset.slice(0, 3)}:${offset.slice(3)}`;
  const iso = `${y}-${mo!.padStart(2, '0')}-${d!.padStart(2, '0')}T${h.padStart(2, '0')}:${mi.padStart(2, '0')}:${s.padStart(2, '0')}${offset}`;
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls 2026-02-30 over to March: refuse dates that are not real.
  const check = new Date(ms + offsetMs(offset));
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() + 1 !== Number(mo)) return null;
  return ms;
}

function offsetMs(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  return sign * (Number(offset.slice(1, 3)) * 60 + Number(offset.slice(4, 6))) * 60_000;
}

function reorder(m: RegExpExecArray | null): string[] | null {
  if (!m) return null;
  const [all, d, mo, y, ...rest] = m;
  return [all, y, mo, d, ...rest] as string[];
}

export function readBoolean(text: string | undefined): boolean {
  return /^(true|yes|y|1|ja|oui|si|sí)$/i.test((text ?? '').trim());
}
