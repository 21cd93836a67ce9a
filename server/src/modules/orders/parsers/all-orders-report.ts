import type { ImportError, OrderStatus } from '@yangfan/contracts';
import {
  detectDecimalComma,
  readAmount,
  readBoolean,
  readCount,
  readInstant,
} from '../../../platform/files/flat-file-values.js';
import { findMarketplaceBySalesChannel, type Marketplace } from '../../stores/index.js';
import type { ParsedBatch as Batch } from '../../sync/index.js';
import { isTaxAddedAtCheckout, type OrderItemRecord, type OrderRecord, statusFromFlatFile } from '../order-records.js';

/**
 * GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL and …_BY_LAST_UPDATE_GENERAL: one row per order line. Rows are
 * read by header name (extra and reordered columns are fine), grouped into orders (consecutive rows of one order), and
 * yielded in batches. A row with a missing key or an unreadable amount or date is rejected with its line; the rest of
 * its order is kept only if every line of the order is valid (an order is never stored with lines missing).
 */

export const ALL_ORDERS_REQUIRED = [
  'amazon-order-id',
  'purchase-date',
  'order-status',
  'sku',
  'sales-channel',
] as const;

/** `skipped`: rows of orders from other channels (e.g. "Non-Amazon" multi-channel orders). */
export type ParsedBatch = Batch<OrderRecord>;

export interface AllOrdersOptions {
  /** The store's marketplaces: a row of another marketplace is rejected. */
  marketplaces: readonly Marketplace[];
  batchOrders?: number;
}

/** Headers the file lacks among the required ones (matched case-insensitively). */
export function missingAllOrdersColumns(headers: readonly string[]): string[] {
  const have = new Set(headers.map((h) => h.trim().toLowerCase()));
  return ALL_ORDERS_REQUIRED.filter((c) => !have.has(c));
}

type Row = { line: number; cells: Record<string, string> };

/** Parses rows into order batches. */
export async function* parseAllOrdersRows(
  rows: AsyncIterable<Row>,
  opts: AllOrdersOptions,
): AsyncGenerator<ParsedBatch> {
  const batchOrders = opts.batchOrders ?? 500;
  const allowed = new Map(opts.marketplaces.map((m) => [m.marketplaceId, m]));
  let decimalComma: boolean | undefined;
  const sample: Row[] = [];
  let batch: ParsedBatch = { records: [], errors: [], rows: 0, skipped: 0 };
  let current: { id: string; rows: Row[] } | undefined;

  const finishOrder = () => {
    if (!current) return;
    const result = buildOrder(current.rows, allowed, decimalComma ?? false);
    if ('skipped' in result) batch.skipped += current.rows.length;
    else if ('errors' in result) batch.errors.push(...result.errors);
    else batch.records.push(result.order);
    current = undefined;
  };
  const feed = function* (row: Row): Generator<ParsedBatch> {
    const cells = lowerKeys(row.cells);
    const r = { line: row.line, cells };
    batch.rows++;
    const id = (cells['amazon-order-id'] ?? '').trim();
    if (!current || current.id !== id) {
      finishOrder();
      if (batch.records.length >= batchOrders) {
        yield batch;
        batch = { records: [], errors: [], rows: 0, skipped: 0 };
      }
      current = { id, rows: [] };
    }
    current.rows.push(r);
  };

  for await (const row of rows) {
    if (decimalComma === undefined) {
      sample.push(row);
      if (sample.length < 50) continue;
      decimalComma = decideComma(sample);
      for (const r of sample) yield* feed(r);
      continue;
    }
    yield* feed(row);
  }
  if (decimalComma === undefined) {
    decimalComma = decideComma(sample);
    for (const r of sample) yield* feed(r);
  }
  finishOrder();
  if (batch.rows > 0 || batch.records.length > 0) yield batch;
}

const AMOUNT_COLUMNS = [
  'item-price',
  'item-tax',
  'shipping-price',
  'shipping-tax',
  'item-promotion-discount',
  'ship-promotion-discount',
];

function decideComma(sample: readonly Row[]): boolean {
  const values: string[] = [];
  for (const r of sample) {
    const cells = lowerKeys(r.cells);
    for (const c of AMOUNT_COLUMNS) if (cells[c]) values.push(cells[c]);
  }
  return detectDecimalComma(values);
}

function lowerKeys(cells: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(cells)) out[k.trim().toLowerCase()] = v;
  return out;
}

type Built = { order: OrderRecord } | { errors: ImportError[] } | { skipped: true };

function buildOrder(rows: readonly Row[], allowed: Map<string, Marketplace>, decimalComma: boolean): Built {
  const errors: ImportError[] = [];
  const reject = (line: number, column: string | null, reason: string, value?: string) =>
    errors.push({ line, column, reason, ...(value !== undefined ? { value } : {}) });
  const first = rows[0]!;
  const c = first.cells;
  const orderId = (c['amazon-order-id'] ?? '').trim();
  if (!orderId) {
    for (const r of rows) reject(r.line, 'amazon-order-id', 'The Amazon order id is empty');
    return { errors };
  }
  const channel = (c['sales-channel'] ?? '').trim();
  if (/^non-amazon/i.test(channel)) return { skipped: true };
  const marketplace = findMarketplaceBySalesChannel(channel);
  if (!marketplace || !allowed.has(marketplace.marketplaceId)) {
    reject(
      first.line,
      'sales-channel',
      marketplace ? `${channel} is not a marketplace of this store` : `Unknown sales channel "${channel}"`,
      channel,
    );
    return { errors };
  }
  const purchaseAt = readInstant(c['purchase-date']);
  if (purchaseAt === null) reject(first.line, 'purchase-date', 'Not a date and time', c['purchase-date']);
  const lastUpdatedAt = readInstant(c['last-updated-date']) ?? purchaseAt;
  if ((c['last-updated-date'] ?? '').trim() && readInstant(c['last-updated-date']) === null)
    reject(first.line, 'last-updated-date', 'Not a date and time', c['last-updated-date']);
  const status = statusFromFlatFile(c['order-status'] ?? '', c['item-status'] ?? '');
  if (!status) reject(first.line, 'order-status', 'Unknown order status', c['order-status']);
  const currency = (c.currency ?? '').trim().toUpperCase() || marketplace.currency;
  if (!/^[A-Z]{3}$/.test(currency)) reject(first.line, 'currency', 'Not a currency code', c.currency);
  const taxAdded = isTaxAddedAtCheckout(marketplace.code);
  const items: OrderItemRecord[] = [];
  for (const r of rows) {
    const x = r.cells;
    const sku = (x.sku ?? '').trim();
    if (!sku) {
      reject(r.line, 'sku', 'The SKU is empty');
      continue;
    }
    const quantity = readCount(x.quantity);
    if (quantity === null) reject(r.line, 'quantity', 'Not a whole number', x.quantity);
    const amounts: Record<string, bigint> = {};
    let ok = quantity !== null;
    for (const col of AMOUNT_COLUMNS) {
      const v = readAmount(x[col], currency, decimalComma);
      if (v === null) {
        reject(r.line, col, `Not an amount in ${currency}`, x[col]);
        ok = false;
      } else amounts[col] = v;
    }
    if (!ok) continue;
    const a = (k: string) => amounts[k] ?? 0n;
    const itemStatus = (x['item-status'] ?? '').trim().toLowerCase();
    items.push({
      orderItemId: null,
      sellerSku: sku,
      asin: (x.asin ?? '').trim() || null,
      title: (x['product-name'] ?? '').trim() || null,
      quantity: quantity ?? 0,
      quantityShipped: itemStatus === 'shipped' || status === 'SHIPPED' ? (quantity ?? 0) : 0,
      itemPriceMinor: a('item-price'),
      shippingPriceMinor: a('shipping-price'),
      // Discounts are written negative by Amazon; some exports write them positive: a discount is never a charge.
      discountMinor: -abs(a('item-promotion-discount')) - abs(a('ship-promotion-discount')),
      taxMinor: taxAdded ? a('item-tax') + a('shipping-tax') : 0n,
      promotionIds: (x['promotion-ids'] ?? '')
        .split(/[,;]/)
        .map((s) => s.trim())
        .filter(Boolean),
    });
  }
  if (errors.length > 0 || purchaseAt === null || lastUpdatedAt === null || !status) return { errors };
  return {
    order: {
      amazonOrderId: orderId,
      marketplaceId: marketplace.marketplaceId,
      purchaseAt,
      lastUpdatedAt,
      status: status as OrderStatus,
      fulfillmentChannel: /amazon|afn/i.test(c['fulfillment-channel'] ?? '')
        ? 'AFN'
        : /merchant|mfn/i.test(c['fulfillment-channel'] ?? '')
          ? 'MFN'
          : null,
      salesChannel: channel,
      serviceLevel: (c['ship-service-level'] ?? '').trim() || null,
      isPrime: readBoolean(c['is-prime']),
      isBusiness: readBoolean(c['is-business-order']),
      currency,
      shipCity: (c['ship-city'] ?? '').trim() || null,
      shipRegion: (c['ship-state'] ?? '').trim() || null,
      shipPostalCode: (c['ship-postal-code'] ?? '').trim() || null,
      shipCountry: (c['ship-country'] ?? '').trim() || null,
      items,
    },
  };
}

const abs = (v: bigint) => (v < 0n ? -v : v);
