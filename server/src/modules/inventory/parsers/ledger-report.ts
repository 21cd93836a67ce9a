import type { ImportError } from '@yangfan/contracts';
import { parseLocalizedDate } from '../../../platform/clock.js';
import type { Marketplace } from '../../stores/index.js';
import type { ParsedBatch } from '../../sync/index.js';
import { type LedgerRecord, ledgerKey, readSignedInt } from '../inventory-records.js';
import { batched, marketplaceOfCountry, missingColumns, type Row, text } from './flat-rows.js';

/**
 * GET_LEDGER_DETAIL_VIEW_DATA: one row per inventory event (receipts, shipments, returns, adjustments …) with its
 * date (`MM/DD/YYYY` as Amazon writes it; ISO and `dd.mm.yyyy` are read too), signed quantity and the country of the
 * stock. Identical rows in one file are distinct events: each gets its occurrence number, so re-reading the same
 * day finds the same keys.
 */

export const LEDGER_REPORT = 'GET_LEDGER_DETAIL_VIEW_DATA';
export const LEDGER_REQUIRED = ['Date', 'FNSKU', 'MSKU', 'EventType', 'Quantity'] as const;

export const missingLedgerColumns = (headers: readonly string[]) => missingColumns(LEDGER_REQUIRED, headers);

/** `MM/DD/YYYY` (Amazon's ledger), `YYYY-MM-DD`, `YYYY/MM/DD`, `dd.mm.yyyy`, optionally followed by a time. */
export function readLedgerDate(value: string | undefined): string | null {
  const v = (value ?? '').trim().replace(/[T ].*$/, '');
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (us) return parseLocalizedDate(`${us[3]}-${us[1]!.padStart(2, '0')}-${us[2]!.padStart(2, '0')}`);
  return parseLocalizedDate(v);
}

export async function* parseLedgerRows(
  rows: AsyncIterable<Row>,
  opts: { marketplaces: readonly Marketplace[]; marketplaceId?: string | undefined; batchSize?: number },
): AsyncGenerator<ParsedBatch<LedgerRecord>> {
  const seen = new Map<string, number>();
  const requested = opts.marketplaceId
    ? opts.marketplaces.find((m) => m.marketplaceId === opts.marketplaceId)
    : undefined;
  yield* batched<LedgerRecord>(rows, opts.batchSize ?? 1000, (c, line) => {
    const errors: ImportError[] = [];
    const eventDate = readLedgerDate(c.date);
    if (!eventDate) errors.push({ line, column: 'Date', reason: 'Not a date', value: c.date ?? '' });
    const fnsku = (c.fnsku ?? '').trim();
    if (!fnsku) errors.push({ line, column: 'FNSKU', reason: 'The FNSKU is empty' });
    const sku = (c.msku ?? '').trim();
    if (!sku) errors.push({ line, column: 'MSKU', reason: 'The seller SKU is empty' });
    const eventType = (c.eventtype ?? '').trim();
    if (!eventType) errors.push({ line, column: 'EventType', reason: 'The event type is empty' });
    const quantity = readSignedInt(c.quantity);
    if (quantity === null || quantity === 'bad')
      errors.push({ line, column: 'Quantity', reason: 'Not a whole number', value: c.quantity ?? '' });
    const reconciled = readSignedInt(c.reconciledquantity);
    if (reconciled === 'bad')
      errors.push({ line, column: 'ReconciledQuantity', reason: 'Not a whole number', value: c.reconciledquantity });
    const unreconciled = readSignedInt(c.unreconciledquantity);
    if (unreconciled === 'bad')
      errors.push({
        line,
        column: 'UnreconciledQuantity',
        reason: 'Not a whole number',
        value: c.unreconciledquantity,
      });
    const country = (c.country ?? '').trim().toUpperCase();
    let marketplace = requested;
    if (country) {
      marketplace = marketplaceOfCountry(opts.marketplaces, country) ?? requested;
      if (!marketplace && !requested)
        errors.push({
          line,
          column: 'Country',
          reason: `${country} is not a marketplace of this store`,
          value: country,
        });
    }
    if (errors.length || !eventDate || typeof quantity !== 'number') return errors;
    const base = {
      marketplaceId: marketplace?.marketplaceId ?? null,
      eventDate,
      fnsku,
      asin: text(c.asin),
      sellerSku: sku,
      title: text(c.title),
      eventType,
      referenceId: (c.referenceid ?? '').trim(),
      quantity,
      fulfillmentCenter: (c.fulfillmentcenter ?? '').trim(),
      disposition: (c.disposition ?? '').trim(),
      reason: (c.reason ?? '').trim(),
      country: country || marketplace?.code || '',
      reconciledQuantity: typeof reconciled === 'number' ? reconciled : null,
      unreconciledQuantity: typeof unreconciled === 'number' ? unreconciled : null,
    };
    const k = ledgerKey({ ...base, occurrence: 0 });
    const occurrence = (seen.get(k) ?? 0) + 1;
    seen.set(k, occurrence);
    return { ...base, occurrence };
  });
}
