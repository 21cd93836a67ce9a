import type { ImportError } from '@yangfan/contracts';
import { readCount, readInstant } from '../../../platform/files/flat-file-values.js';
import type { Marketplace } from '../../stores/index.js';
import type { ParsedBatch } from '../../sync/index.js';
import type { ReturnRecord } from '../inventory-records.js';
import { batched, defaultMarketplace, missingColumns, type Row, text } from './flat-rows.js';

/**
 * GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA: one row per returned order line that reached an Amazon warehouse. The
 * file names no marketplace: the sync asks one marketplace per report; a file imported into a multi-marketplace
 * store leaves it open (the next sync of that return fills it).
 */

export const RETURNS_REPORT = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';
export const RETURNS_REQUIRED = ['return-date', 'order-id', 'sku', 'quantity'] as const;

export const missingReturnsColumns = (headers: readonly string[]) => missingColumns(RETURNS_REQUIRED, headers);

export async function* parseReturnsRows(
  rows: AsyncIterable<Row>,
  opts: { marketplaces: readonly Marketplace[]; marketplaceId?: string | undefined; batchSize?: number },
): AsyncGenerator<ParsedBatch<ReturnRecord>> {
  const marketplace = defaultMarketplace(opts.marketplaces, opts.marketplaceId);
  yield* batched<ReturnRecord>(rows, opts.batchSize ?? 500, (c, line) => {
    const errors: ImportError[] = [];
    const returnAt = readInstant(c['return-date']);
    if (returnAt === null)
      errors.push({ line, column: 'return-date', reason: 'Not a date and time', value: c['return-date'] ?? '' });
    const orderId = (c['order-id'] ?? '').trim();
    if (!orderId) errors.push({ line, column: 'order-id', reason: 'The Amazon order id is empty' });
    const sku = (c.sku ?? '').trim();
    if (!sku) errors.push({ line, column: 'sku', reason: 'The SKU is empty' });
    const quantity = readCount(c.quantity);
    if (quantity === null)
      errors.push({ line, column: 'quantity', reason: 'Not a whole number', value: c.quantity ?? '' });
    if (errors.length || returnAt === null || quantity === null) return errors;
    return {
      marketplaceId: marketplace?.marketplaceId ?? null,
      returnAt,
      amazonOrderId: orderId,
      sellerSku: sku,
      asin: text(c.asin),
      fnsku: text(c.fnsku),
      productName: text(c['product-name']),
      quantity,
      fulfillmentCenter: text(c['fulfillment-center-id']),
      disposition: text(c['detailed-disposition']),
      reason: text(c.reason),
      status: text(c.status),
      licensePlateNumber: text(c['license-plate-number']),
      customerComments: text(c['customer-comments']),
    };
  });
}
