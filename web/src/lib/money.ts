// Display of money and decimals. Amounts arrive as decimal strings and are formatted without passing through floats.

const formatters = new Map<string, Intl.NumberFormat>();

function formatterFor(locale: string, currency: string | null): Intl.NumberFormat {
  const key = `${locale}|${currency ?? ''}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    try {
      formatter = currency
        ? new Intl.NumberFormat(locale, { style: 'currency', currency })
        : new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
    } catch {
      // An unknown currency code: show the plain number (the code is printed beside it).
      formatter = new Intl.NumberFormat(locale, { maximumFractionDigits: 4 });
    }
    formatters.set(key, formatter);
  }
  return formatter;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** True when the text is a plain decimal such as `19.99` or `-3` (what the API accepts for money). */
export function isDecimal(text: string): boolean {
  return DECIMAL.test(text.trim());
}

/**
 * Formats a decimal string in its currency with the currency's own digits (JPY 0, USD 2, KWD 3),
 * e.g. `formatMoney('1234.5', 'USD', 'en')` → `$1,234.50`. Empty for null.
 */
export function formatMoney(amount: string | null | undefined, currency: string | null | undefined, locale: string) {
  if (amount === null || amount === undefined || amount === '') return '';
  if (!isDecimal(amount)) return amount;
  const formatter = formatterFor(locale, currency ?? null);
  const text = formatter.format(amount.trim() as `${number}`);
  const symbolOnly = currency && !formatter.resolvedOptions().currency;
  return symbolOnly ? `${text} ${currency}` : text;
}

/** Formats a decimal string (an exchange rate, a quantity) with grouping and up to `digits` decimals. */
export function formatDecimal(value: string | number | null | undefined, locale: string, digits = 6): string {
  if (value === null || value === undefined || value === '') return '';
  const text = String(value);
  if (!isDecimal(text)) return text;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(text.trim() as `${number}`);
}

/** Currency codes offered in pickers: the marketplaces' currencies and the usual base currencies. */
export const COMMON_CURRENCIES: readonly string[] = [
  'CNY',
  'USD',
  'CAD',
  'MXN',
  'BRL',
  'EUR',
  'GBP',
  'SEK',
  'PLN',
  'TRY',
  'AED',
  'SAR',
  'EGP',
  'INR',
  'JPY',
  'AUD',
  'SGD',
  'HKD',
];
