import type { CreateSkuInput, ListingDto, SkuDto, UpdateSkuInput } from '@yangfan/contracts';
import { fromJson, toJson } from '../../platform/db/database.js';
import { AppError } from '../../platform/errors.js';
import { newId } from '../../platform/ids.js';
import { formatMoney, parseMoney } from '../../platform/money.js';
import type { ListingRow, SkuRow, Sort } from './catalog.repository.js';
import type { SkuFields, SkuTable } from './catalog.tables.js';

/** Decimal amount string → integer minor units of a currency; the field names the error. */
export function toMinor(
  amount: string | null | undefined,
  currency: string | null | undefined,
  field: string,
): number | null {
  if (amount === null || amount === undefined || amount === '') return null;
  if (!currency) throw new AppError('INVALID_INPUT', `${field} needs a currency`, { field });
  try {
    const m = parseMoney(amount, currency);
    const n = Number(m.amountMinor);
    if (!Number.isSafeInteger(n)) throw new Error('too large');
    return n;
  } catch (e) {
    throw new AppError('INVALID_INPUT', `${field}: ${(e as Error).message}`, { field });
  }
}

export function fromMinor(minor: number | null, currency: string | null): string | null {
  if (minor === null || minor === undefined || !currency) return null;
  return formatMoney({ amountMinor: BigInt(minor), currency });
}

export function toSkuDto(r: SkuRow): SkuDto {
  return {
    id: r.id,
    sku: r.sku,
    name: r.name,
    spuId: r.spuId,
    spuCode: r.spuCode,
    productLine: r.productLine,
    images: fromJson<string[]>(r.imagesJson, []),
    cost: fromMinor(r.costMinor, r.costCurrency),
    costCurrency: r.costCurrency,
    lengthMm: r.lengthMm,
    widthMm: r.widthMm,
    heightMm: r.heightMm,
    weightG: r.weightG,
    hsCode: r.hsCode,
    declaredValue: fromMinor(r.declaredValueMinor, r.declaredCurrency),
    declaredCurrency: r.declaredCurrency,
    casePack: r.casePack,
    moq: r.moq,
    status: r.status as SkuDto['status'],
    tags: fromJson<string[]>(r.tagsJson, []),
    operatorId: r.operatorId,
    productManagerId: r.productManagerId,
    launchDate: r.launchDate,
    listingCount: r.listingCount,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/**
 * The stored fields of a SKU input; `current` gives the currencies an amount without its own currency falls back on.
 * Only the keys present in the input are returned (a PATCH touches nothing else).
 */
export function skuFieldsOf(
  input: UpdateSkuInput | CreateSkuInput,
  current?: Pick<SkuFields, 'costCurrency' | 'declaredCurrency'>,
): Partial<SkuFields> {
  const out: Partial<SkuFields> = {};
  const has = (k: keyof UpdateSkuInput) => Object.hasOwn(input, k) && input[k] !== undefined;
  const copy = [
    'sku',
    'name',
    'spuId',
    'productLine',
    'lengthMm',
    'widthMm',
    'heightMm',
    'weightG',
    'hsCode',
    'casePack',
    'moq',
    'status',
    'operatorId',
    'productManagerId',
    'launchDate',
  ] as const;
  for (const k of copy) if (has(k)) (out as Record<string, unknown>)[k] = input[k];
  if (has('images')) out.imagesJson = toJson(input.images);
  if (has('tags')) out.tagsJson = toJson([...new Set(input.tags)]);
  if (has('costCurrency')) out.costCurrency = input.costCurrency ?? null;
  if (has('cost')) {
    const cur = out.costCurrency ?? current?.costCurrency ?? null;
    out.costMinor = toMinor(input.cost, cur, 'cost');
    if (out.costMinor !== null && !has('costCurrency')) out.costCurrency = cur;
  }
  if (has('declaredCurrency')) out.declaredCurrency = input.declaredCurrency ?? null;
  if (has('declaredValue')) {
    const cur = out.declaredCurrency ?? current?.declaredCurrency ?? null;
    out.declaredValueMinor = toMinor(input.declaredValue, cur, 'declaredValue');
    if (out.declaredValueMinor !== null && !has('declaredCurrency')) out.declaredCurrency = cur;
  }
  return out;
}

export function toListingDto(
  r: ListingRow,
  storeName: string,
  skus: { skuId: string; sku: string; quantity: number }[],
): ListingDto {
  return {
    id: r.id,
    storeId: r.storeId,
    storeName,
    marketplaceId: r.marketplaceId,
    sellerSku: r.sellerSku,
    asin: r.asin,
    parentAsin: r.parentAsin,
    fnsku: r.fnsku,
    title: r.title,
    fulfillmentChannel: r.fulfillmentChannel as ListingDto['fulfillmentChannel'],
    status: r.status as ListingDto['status'],
    price: fromMinor(r.priceMinor, r.currency),
    currency: r.currency,
    tags: fromJson<string[]>(r.tagsJson, []),
    operatorId: r.operatorId,
    launchDate: r.launchDate,
    skus,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

/** "sku:asc,name:desc" → sort specs over the allowed fields; unknown fields are a clear 400. */
export function parseSort(sort: string | undefined, allowed: string[], fallback: Sort): Sort[] {
  if (!sort) return [fallback];
  return sort.split(',').map((part) => {
    const [field, dir] = part.split(':') as [string, 'asc' | 'desc'];
    if (!allowed.includes(field)) {
      throw new AppError('INVALID_INPUT', `Cannot sort by "${field}"; allowed: ${allowed.join(', ')}`, {
        field: 'sort',
      });
    }
    return { field, dir };
  });
}

const MONEY_FIELDS: Record<string, [string, string]> = {
  costMinor: ['cost', 'costCurrency'],
  declaredValueMinor: ['declaredValue', 'declaredCurrency'],
  priceMinor: ['price', 'currency'],
};

/**
 * A SKU or listing (or a diff of one) as the operation log shows it: money as decimal strings in its currency,
 * JSON columns as values — the shape people see in the UI and the API, not the storage shape.
 */
export function toLogShape(row: object, ref: object = row): Record<string, unknown> {
  const r = row as Record<string, unknown>;
  const full = ref as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(r)) {
    const money = MONEY_FIELDS[k];
    if (money) {
      const cur = (r[money[1]] ?? full[money[1]]) as string | null | undefined;
      out[money[0]] = v === null || v === undefined ? null : cur ? fromMinor(v as number, cur) : v;
    } else if (k === 'imagesJson' || k === 'tagsJson') out[k === 'imagesJson' ? 'images' : 'tags'] = fromJson(v, []);
    else out[k] = v;
  }
  return out;
}

/** A new SKU row: the given fields over the defaults (active, no cost, no dimensions, no owners). */
export function newSkuRow(
  companyId: string,
  sku: string,
  name: string,
  fields: Partial<SkuFields>,
  now: number,
): SkuTable {
  return {
    id: newId('sku'),
    companyId,
    spuId: null,
    productLine: null,
    imagesJson: '[]',
    costMinor: null,
    costCurrency: null,
    lengthMm: null,
    widthMm: null,
    heightMm: null,
    weightG: null,
    hsCode: null,
    declaredValueMinor: null,
    declaredCurrency: null,
    casePack: null,
    moq: null,
    status: 'active',
    tagsJson: '[]',
    operatorId: null,
    productManagerId: null,
    launchDate: null,
    ...fields,
    sku,
    name,
    createdAt: now,
    updatedAt: now,
  };
}
