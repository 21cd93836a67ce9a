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
