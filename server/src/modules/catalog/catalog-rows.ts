import type { ImportError } from '@yangfan/contracts';
import { parseLocalizedDate } from '../../platform/clock.js';
import { currencyExponent, normalizeDecimalText, parseMoney } from '../../platform/money.js';
import type { ListingFields, SkuFields } from './catalog.tables.js';

/** Pure row rules of catalog files: one row of cells in, typed fields or errors (with line and column) out. */

export interface RowContext {
  line: number;
  /** canonical column → header in the file */
  headerOf: (column: string) => string;
}

export interface ParsedRow<F> {
  line: number;
  key: string;
  fields: Partial<F>;
  /** product rows: SPU code to link (created when missing); listing rows: pairing spec */
  extra: {
    spuCode?: string;
    skus?: { sku: string; quantity: number }[];
    storeRef?: string;
    marketplaceRef?: string;
    operator?: string;
    productManager?: string;
  };
}

const SKU_STATUSES = new Set(['active', 'inactive', 'discontinued', 'draft']);
const LISTING_STATUSES = new Set(['active', 'inactive', 'incomplete', 'suppressed']);
const STATUS_ALIASES: Record<string, string> = {
  在售: 'active',
  停售: 'inactive',
  停产: 'discontinued',
  草稿: 'draft',
  不可售: 'inactive',
};
const CHANNELS: Record<string, string> = {
  fba: 'FBA',
  afn: 'FBA',
  amazon: 'FBA',
  amazon_na: 'FBA',
  amazon_eu: 'FBA',
  fbm: 'FBM',
  mfn: 'FBM',
  merchant: 'FBM',
  default: 'FBM',
};
const CODE = /^[\w.\-/#+ ]{1,60}$/;
const ASIN = /^[A-Z0-9]{10}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what we reject
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;

class RowErrors {
  readonly list: ImportError[] = [];
  constructor(private readonly ctx: RowContext) {}
  add(column: string | null, reason: string, value?: string) {
    this.list.push({
      line: this.ctx.line,
      column: column ? this.ctx.headerOf(column) : null,
      reason,
      ...(value !== undefined ? { value: value.slice(0, 100) } : {}),
    });
  }
}

function text(e: RowErrors, col: string, v: string, max: number): string {
  if (v.length > max) e.add(col, `longer than ${max} characters`, v);
  if (CONTROL.test(v)) e.add(col, 'contains control characters', v);
  return v;
}

function int(e: RowErrors, col: string, v: string, min: number, max: number): number | null {
  const n = normalizeDecimalText(v);
  if (n === null || !/^-?\d+$/.test(n)) {
    e.add(col, 'expected a whole number', v);
    return null;
  }
  const x = Number(n);
  if (x < min || x > max) {
    e.add(col, `must be between ${min} and ${max}`, v);
    return null;
  }
  return x;
}

function amount(e: RowErrors, col: string, v: string, currency: string | null): number | null {
  if (!currency) {
    e.add(col, 'amount needs a currency', v);
    return null;
  }
  const n = normalizeDecimalText(v);
  if (n === null) {
    e.add(col, 'not an amount', v);
    return null;
  }
  if (n.startsWith('-')) {
    e.add(col, 'must not be negative', v);
    return null;
  }
  try {
    const m = Number(parseMoney(n, currency).amountMinor);
    if (!Number.isSafeInteger(m)) throw new Error('too large');
    return m;
  } catch (err) {
    e.add(col, (err as Error).message, v);
    return null;
  }
}

function currency(e: RowErrors, col: string, v: string): string | null {
  const c = v.toUpperCase();
  try {
    currencyExponent(c);
    return c;
  } catch {
    e.add(col, 'not an ISO 4217 currency code', v);
    return null;
  }
}

function date(e: RowErrors, col: string, v: string): string | null {
  const d = parseLocalizedDate(v);
  if (!d) e.add(col, 'expected a date YYYY-MM-DD (or DD.MM.YYYY)', v);
  return d;
}

function list(v: string): string[] {
  return [
    ...new Set(
      v
        .split(/[;,，；\n]/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** "A-1*2; B-7" or "A-1 x2" → [{sku:'A-1',quantity:2},{sku:'B-7',quantity:1}] */
export function parsePairing(v: string): { sku: string; quantity: number }[] | string {
  const out: { sku: string; quantity: number }[] = [];
  for (const part of v
    .split(/[;；\n]/)
    .map((s) => s.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*(?:[*×xX]\s*(\d{1,4}))?$/.exec(part);
    if (!m || !CODE.test(m[1]!)) return `cannot read "${part}"; write SKU or SKU*quantity, separated by ;`;
    const quantity = m[2] ? Number(m[2]) : 1;
    if (quantity < 1) return `quantity of ${m[1]} must be at least 1`;
    if (out.some((o) => o.sku === m[1])) return `SKU ${m[1]} appears twice`;
    out.push({ sku: m[1]!, quantity });
  }
  return out;
}

/** Reads one product row. Empty cells are "not given": they leave the stored value alone. */
export function parseProductRow(
  cells: Record<string, string>,
  ctx: RowContext,
): { row: ParsedRow<SkuFields> | null; errors: ImportError[] } {
  const e = new RowErrors(ctx);
  const v = (c: string) => (cells[c] ?? '').trim();
  const has = (c: string) => v(c) !== '';
  const f: Partial<SkuFields> = {};
  const extra: ParsedRow<SkuFields>['extra'] = {};
  const sku = v('sku');
  if (!sku) e.add('sku', 'required');
  else if (!CODE.test(sku)) e.add('sku', 'letters, digits and - _ . / # + only, at most 60', sku);
  if (has('name')) f.name = text(e, 'name', v('name'), 300);
  if (has('spu')) {
    if (!CODE.test(v('spu'))) e.add('spu', 'not a valid SPU code', v('spu'));
    extra.spuCode = v('spu');
  }
  if (has('productLine')) f.productLine = text(e, 'productLine', v('productLine'), 100);
  if (has('images')) {
    const urls = v('images')
      .split(/[\s;,]+/)
      .filter(Boolean);
    for (const u of urls) if (!/^https?:\/\/\S+$/.test(u)) e.add('images', 'not an http(s) URL', u);
    f.imagesJson = JSON.stringify(urls);
  }
  if (has('costCurrency')) f.costCurrency = currency(e, 'costCurrency', v('costCurrency'));
  if (has('cost')) f.costMinor = amount(e, 'cost', v('cost'), f.costCurrency ?? null);
  if (has('declaredCurrency')) f.declaredCurrency = currency(e, 'declaredCurrency', v('declaredCurrency'));
  if (has('declaredValue'))
    f.declaredValueMinor = amount(e, 'declaredValue', v('declaredValue'), f.declaredCurrency ?? null);
  for (const c of ['lengthMm', 'widthMm', 'heightMm', 'weightG'] as const)
    if (has(c)) f[c] = int(e, c, v(c), 0, 10_000_000);
  if (has('casePack')) f.casePack = int(e, 'casePack', v('casePack'), 1, 100_000);
  if (has('moq')) f.moq = int(e, 'moq', v('moq'), 1, 10_000_000);
  if (has('hsCode')) {
    const hs = v('hsCode').replace(/[.\s]/g, '');
    if (!/^\d{6,12}$/.test(hs)) e.add('hsCode', 'HS code is 6 to 12 digits', v('hsCode'));
    f.hsCode = hs;
  }
  if (has('status')) {
    const s = STATUS_ALIASES[v('status')] ?? v('status').toLowerCase();
    if (!SKU_STATUSES.has(s)) e.add('status', 'expected active, inactive, discontinued or draft', v('status'));
    f.status = s;
  }
  if (has('tags')) f.tagsJson = JSON.stringify(list(v('tags')));
  if (has('launchDate')) f.launchDate = date(e, 'launchDate', v('launchDate'));
  if (has('operator')) extra.operator = v('operator').toLowerCase();
  if (has('productManager')) extra.productManager = v('productManager').toLowerCase();
  if (e.list.length > 0) return { row: null, errors: e.list };
  return { row: { line: ctx.line, key: sku, fields: { ...f, sku }, extra }, errors: [] };
}

/** Reads one listing row; store and marketplace are resolved by the caller (they need the database). */
export function parseListingRow(
  cells: Record<string, string>,
  ctx: RowContext,
  resolve: { marketplaceCurrency: (ref: string) => { marketplaceId: string; currency: string } | null },
): { row: ParsedRow<ListingFields> | null; errors: ImportError[] } {
  const e = new RowErrors(ctx);
  const v = (c: string) => (cells[c] ?? '').trim();
  const has = (c: string) => v(c) !== '';
  const f: Partial<ListingFields> = {};
  const extra: ParsedRow<ListingFields>['extra'] = {};
  if (!has('store')) e.add('store', 'required');
  extra.storeRef = v('store');
  const mp = has('marketplace') ? resolve.marketplaceCurrency(v('marketplace')) : null;
  if (!has('marketplace')) e.add('marketplace', 'required');
  else if (!mp)
    e.add(
      'marketplace',
      'unknown marketplace (use a code such as US, DE or an Amazon marketplace id)',
      v('marketplace'),
    );
  const sellerSku = v('sellerSku');
  if (!sellerSku) e.add('sellerSku', 'required');
  else text(e, 'sellerSku', sellerSku, 100);
  for (const c of ['asin', 'parentAsin'] as const) {
    if (has(c)) {
      if (!ASIN.test(v(c).toUpperCase())) e.add(c, 'ASIN is 10 letters/digits', v(c));
      f[c] = v(c).toUpperCase();
    }
  }
  if (has('fnsku')) {
    if (!ASIN.test(v('fnsku').toUpperCase())) e.add('fnsku', 'FNSKU is 10 letters/digits', v('fnsku'));
    f.fnsku = v('fnsku').toUpperCase();
  }
  if (has('title')) f.title = text(e, 'title', v('title'), 500);
  if (has('fulfillmentChannel')) {
    const ch = CHANNELS[v('fulfillmentChannel').toLowerCase()];
    if (!ch) e.add('fulfillmentChannel', 'expected FBA or FBM (AFN/MFN also accepted)', v('fulfillmentChannel'));
    else f.fulfillmentChannel = ch;
  }
  if (has('status')) {
    const s = v('status').toLowerCase();
    if (!LISTING_STATUSES.has(s)) e.add('status', 'expected active, inactive, incomplete or suppressed', v('status'));
    f.status = s;
  }
  if (has('price') && mp) {
    f.priceMinor = amount(e, 'price', v('price'), mp.currency);
  }
  if (has('tags')) f.tagsJson = JSON.stringify(list(v('tags')));
  if (has('launchDate')) f.launchDate = date(e, 'launchDate', v('launchDate'));
  if (has('skus')) {
    const p = parsePairing(v('skus'));
    if (typeof p === 'string') e.add('skus', p, v('skus'));
    else extra.skus = p;
  }
  if (has('operator')) extra.operator = v('operator').toLowerCase();
  if (e.list.length > 0 || !mp) return { row: null, errors: e.list };
  extra.marketplaceRef = mp.marketplaceId;
  f.marketplaceId = mp.marketplaceId;
  f.currency = mp.currency;
  f.sellerSku = sellerSku;
  return {
    row: { line: ctx.line, key: `${extra.storeRef}|${mp.marketplaceId}|${sellerSku}`, fields: f, extra },
    errors: [],
  };
}
