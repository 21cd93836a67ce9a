// Dates and instants for display. Instants are epoch ms (UTC); business dates are `YYYY-MM-DD` strings shown as is.

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Formats an epoch-ms instant in the browser's zone, e.g. `2026-11-29 10:04`. Empty for null. */
export function formatInstant(ms: number | null | undefined, locale: string): string {
  if (ms === null || ms === undefined) return '';
  let format = dateTimeFormats.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale === 'zh-CN' ? 'zh-CN' : 'en-GB', {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    });
    dateTimeFormats.set(locale, format);
  }
  return format.format(new Date(ms));
}

/** Today's date in the browser's zone as `YYYY-MM-DD`. */
export function todayIso(): string {
  const now = new Date();
  const month = String(now.getMonth() + 1).padStart(2, '0');
  const day = String(now.getDate()).padStart(2, '0');
  return `${now.getFullYear()}-${month}-${day}`;
}

/** Formats an epoch-ms instant in UTC, e.g. `2026-11-20 10:00:00 UTC`. Empty for null. */
export function formatUtc(ms: number | null | undefined): string {
  if (ms === null || ms === undefined) return '';
  return `${new Date(ms).toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** Splits a duration into whole units for display: `{ unit: 'min', value: 12 }`, or days/hours with a remainder. */
export function durationParts(ms: number): { unit: 's' | 'min' | 'h' | 'd'; value: number; rest: number } {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds < 60) return { unit: 's', value: seconds, rest: 0 };
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return { unit: 'min', value: minutes, rest: 0 };
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return { unit: 'h', value: hours, rest: minutes % 60 };
  return { unit: 'd', value: Math.floor(hours / 24), rest: hours % 24 };
}
