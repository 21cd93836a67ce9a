import type { ImportError } from '@yangfan/contracts';
import { readCount } from '../../../platform/files/flat-file-values.js';
import type { Marketplace } from '../../stores/index.js';
import type { ParsedBatch } from '../../sync/index.js';
import type { StockRecord } from '../inventory-records.js';
import { batched, missingColumns, type Row, text } from './flat-rows.js';

/**
 * GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA: FBA stock per SKU of one marketplace when the file was made. The file
 * names no marketplace: it is the one the report was requested for, or the store's only one; a multi-marketplace
 * store imports it for its first marketplace (the store's home). Rows of SKUs without FBA stock or an FBA listing
 * (merchant-fulfilled only) are skipped.
 */

export const MYI_REPORT = 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA';
export const MYI_REQUIRED = ['sku', 'afn-fulfillable-quantity', 'afn-total-quantity'] as const;

export const missingMyiColumns = (headers: readonly string[]) => missingColumns(MYI_REQUIRED, headers);

const COUNT_COLUMNS = {
  fulfillable: 'afn-fulfillable-quantity',
  unfulfillable: 'afn-unsellable-quantity',
  reserved: 'afn-reserved-quantity',
  total: 'afn-total-quantity',
  inboundWorking: 'afn-inbound-working-quantity',
  inboundShipped: 'afn-inbound-shipped-quantity',
  inboundReceiving: 'afn-inbound-receiving-quantity',
  researching: 'afn-researching-quantity',
} as const;

export async function* parseMyiRows(
  rows: AsyncIterable<Row>,
  opts: { marketplace: Marketplace; batchSize?: number },
): AsyncGenerator<ParsedBatch<StockRecord>> {
  yield* batched<StockRecord>(rows, opts.batchSize ?? 500, (c, line) => {
    const errors: ImportError[] = [];
    const sku = (c.sku ?? '').trim();
    if (!sku) return [{ line, column: 'sku', reason: 'The SKU is empty' }];
    const q: Record<string, number> = {};
    for (const [field, col] of Object.entries(COUNT_COLUMNS)) {
      const v = readCount(c[col]);
      if (v === null) errors.push({ line, column: col, reason: 'Not a whole number of units', value: c[col] ?? '' });
      else q[field] = v;
    }
    if (errors.length) return errors;
    const afn = (c['afn-listing-exists'] ?? '').trim().toLowerCase();
    if ((afn === 'no' || afn === 'nein' || afn === 'non') && (q.total ?? 0) === 0) return 'skip';
    return {
      marketplaceId: opts.marketplace.marketplaceId,
      sellerSku: sku,
      fnsku: text(c.fnsku),
      asin: text(c.asin),
      productName: text(c['product-name']),
      condition: text(c.condition),
      fulfillable: q.fulfillable ?? 0,
      inboundWorking: q.inboundWorking ?? 0,
      inboundShipped: q.inboundShipped ?? 0,
      inboundReceiving: q.inboundReceiving ?? 0,
      reserved: q.reserved ?? 0,
      unfulfillable: q.unfulfillable ?? 0,
      researching: q.researching ?? 0,
      total: q.total ?? 0,
      amazonUpdatedAt: null,
    };
  });
}
