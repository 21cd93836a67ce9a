import type { ImportError } from '@yangfan/contracts';
import { Decimal } from 'decimal.js';
import { detectDecimalComma, readAmount, readCount, readInstant } from '../../../platform/files/flat-file-values.js';
import type { ParsedBatch } from '../../sync/index.js';
import { decimalToMinor } from '../finance-amounts.js';
import { err, lowerKeys, missingOf, type Row, text } from './flat-rows.js';

/**
 * GET_FBA_REIMBURSEMENTS_DATA (one row per reimbursed SKU of a reimbursement) and GET_FBA_STORAGE_FEE_CHARGES_DATA
 * (one row per FNSKU, fulfillment center and month, fee estimated to four decimals). Read by header name, in batches;
 * a row with a missing key or an unreadable amount, count or date is rejected with its line and column.
 */

export interface ReimbursementRecord {
  reimbursementId: string;
  sku: string;
  approvalAt: number;
  caseId: string | null;
  amazonOrderId: string | null;
  reason: string;
  fnsku: string | null;
  asin: string | null;
  productName: string | null;
  condition: string | null;
  currency: string;
  amountPerUnitMinor: bigint;
  amountTotalMinor: bigint;
  quantityCash: number;
  quantityInventory: number;
  quantityTotal: number;
  originalReimbursementId: string | null;
  originalReimbursementType: string | null;
}

export interface StorageFeeRecord {
  monthOfCharge: string;
  fnsku: string;
  fulfillmentCenter: string;
  countryCode: string;
  asin: string | null;
  productName: string | null;
  productSizeTier: string | null;
  averageQuantityOnHand: string;
  averageQuantityPendingRemoval: string;
  itemVolume: string | null;
  volumeUnits: string | null;
  storageRate: string | null;
  currency: string;
  feeMinor: bigint;
}

export const REIMBURSEMENTS_REQUIRED = [
  'approval-date',
  'reimbursement-id',
  'sku',
  'currency-unit',
  'amount-total',
  'quantity-reimbursed-total',
] as const;
export const STORAGE_FEES_REQUIRED = [
  'fnsku',
  'fulfillment_center',
  'country_code',
  'month_of_charge',
  'currency',
  'estimated_monthly_storage_fee',
] as const;

export const missingReimbursementColumns = (h: readonly string[]) => missingOf(REIMBURSEMENTS_REQUIRED, h);
export const missingStorageFeeColumns = (h: readonly string[]) => missingOf(STORAGE_FEES_REQUIRED, h);

const BATCH = 500;

/** Buffers the first rows to decide the file's decimal convention, then parses row by row in batches. */
async function* parseRows<R>(
  rows: AsyncIterable<Row>,
  amountColumns: readonly string[],
  build: (r: Row, comma: boolean) => R | ImportError[],
  detect: (samples: readonly string[]) => boolean = detectDecimalComma,
): AsyncGenerator<ParsedBatch<R>> {
  let comma: boolean | undefined;
  const sample: Row[] = [];
  let batch: ParsedBatch<R> = { records: [], errors: [], rows: 0, skipped: 0 };
  const feed = (row: Row) => {
    const r = { line: row.line, cells: lowerKeys(row.cells) };
    if (Object.values(r.cells).every((v) => v.trim() === '')) return;
    batch.rows++;
    const out = build(r, comma ?? false);
    if (Array.isArray(out)) batch.errors.push(...out);
    else batch.records.push(out);
  };
  const decide = () => {
    const values: string[] = [];
    for (const r of sample) {
      const cells = lowerKeys(r.cells);
      for (const c of amountColumns) if (cells[c]?.trim()) values.push(cells[c]);
    }
    comma = detect(values);
    for (const r of sample) feed(r);
  };
  for await (const row of rows) {
    if (comma === undefined) {
      sample.push(row);
      if (sample.length >= 50) decide();
      continue;
    }
    feed(row);
    if (batch.records.length >= BATCH) {
      yield batch;
      batch = { records: [], errors: [], rows: 0, skipped: 0 };
    }
  }
  if (comma === undefined) decide();
  if (batch.rows > 0) yield batch;
}

function currencyOf(r: Row, column: string, errors: ImportError[]): string {
  const c = (text(r.cells, column) ?? '').toUpperCase();
  if (!/^[A-Z]{3}$/.test(c)) errors.push(err(r.line, column, `"${c}" is not a currency`));
  return c;
}

export function parseReimbursementRows(rows: AsyncIterable<Row>): AsyncGenerator<ParsedBatch<ReimbursementRecord>> {
  return parseRows(rows, ['amount-per-unit', 'amount-total'], (r, comma) => {
    const errors: ImportError[] = [];
    const c = r.cells;
    const required = (col: string) => {
      const v = text(c, col);
      if (v === null) errors.push(err(r.line, col, 'missing'));
      return v ?? '';
    };
    const reimbursementId = required('reimbursement-id');
    const sku = required('sku');
    const approvalText = required('approval-date');
    const approvalAt = approvalText ? readInstant(approvalText) : null;
    if (approvalText && approvalAt === null)
      errors.push(err(r.line, 'approval-date', `"${approvalText}" is not a date`));
    const currency = currencyOf(r, 'currency-unit', errors);
    const amount = (col: string) => {
      if (!/^[A-Z]{3}$/.test(currency)) return 0n;
      let v: bigint | null = null;
      try {
        v = readAmount(c[col], currency, comma);
      } catch {
        v = null;
      }
      if (v === null) errors.push(err(r.line, col, `"${c[col]}" is not an amount in ${currency}`));
      return v ?? 0n;
    };
    const count = (col: string) => {
      const v = readCount(c[col]);
      if (v === null) errors.push(err(r.line, col, `"${c[col]}" is not a count`));
      return v ?? 0;
    };
    const record: ReimbursementRecord = {
      reimbursementId,
      sku,
      approvalAt: approvalAt ?? 0,
      caseId: text(c, 'case-id'),
      amazonOrderId: text(c, 'amazon-order-id'),
      reason: text(c, 'reason') ?? '',
      fnsku: text(c, 'fnsku'),
      asin: text(c, 'asin'),
      productName: text(c, 'product-name'),
      condition: text(c, 'condition'),
      currency,
      amountPerUnitMinor: amount('amount-per-unit'),
      amountTotalMinor: amount('amount-total'),
      quantityCash: count('quantity-reimbursed-cash'),
      quantityInventory: count('quantity-reimbursed-inventory'),
      quantityTotal: count('quantity-reimbursed-total'),
      originalReimbursementId: text(c, 'original-reimbursement-id'),
      originalReimbursementType: text(c, 'original-reimbursement-type'),
    };
    return errors.length > 0 ? errors : record;
  });
}

/**
 * Decides the convention of plain decimals with any number of places ("3,3050", "27.5400"): the last separator of
 * each sample counts, except a lone separator followed by exactly three digits ("1,234"), which either could write.
 */
export function detectDecimalCommaLoose(samples: readonly string[]): boolean {
  let comma = 0;
  let dot = 0;
  for (const s of samples) {
    const v = s.trim();
    const m = /([.,])(\d+)$/.exec(v);
    if (!m) continue;
    const lone = (v.match(/[.,]/g) ?? []).length === 1;
    if (lone && m[2]!.length === 3) continue;
    if (m[1] === ',') comma++;
    else dot++;
  }
  return comma > dot;
}

/** A decimal as the file writes it ("12,5" in EU files) in dot form, or null. */
function readDecimal(v: string | undefined, comma: boolean): string | null {
  let s = (v ?? '').trim();
  if (s === '') return null;
  s = comma ? s.replace(/\./g, '').replace(',', '.') : s.replace(/,/g, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return null;
  return new Decimal(s).toString();
}

export function parseStorageFeeRows(rows: AsyncIterable<Row>): AsyncGenerator<ParsedBatch<StorageFeeRecord>> {
  return parseRows(
    rows,
    ['estimated_monthly_storage_fee', 'storage_rate', 'item_volume'],
    (r, comma) => {
      const errors: ImportError[] = [];
      const c = r.cells;
      const required = (col: string) => {
        const v = text(c, col);
        if (v === null) errors.push(err(r.line, col, 'missing'));
        return v ?? '';
      };
      const fnsku = required('fnsku');
      const fulfillmentCenter = required('fulfillment_center');
      const countryCode = required('country_code');
      let month = required('month_of_charge');
      // "2026-10", "2026-10-01" or "10/2026" → YYYY-MM
      const ym = /^(\d{4})-(\d{2})/.exec(month) ?? /^(\d{1,2})[/.](\d{4})$/.exec(month);
      if (month && !ym) errors.push(err(r.line, 'month_of_charge', `"${month}" is not a month`));
      else if (ym) month = ym[1]!.length === 4 ? `${ym[1]}-${ym[2]}` : `${ym[2]}-${ym[1]!.padStart(2, '0')}`;
      const currency = currencyOf(r, 'currency', errors);
      const fee = readDecimal(c.estimated_monthly_storage_fee, comma);
      let feeMinor = 0n;
      if (fee === null)
        errors.push(
          err(r.line, 'estimated_monthly_storage_fee', `"${c.estimated_monthly_storage_fee}" is not an amount`),
        );
      else if (/^[A-Z]{3}$/.test(currency)) {
        try {
          feeMinor = decimalToMinor(fee, currency) ?? 0n;
        } catch {
          errors.push(err(r.line, 'currency', `"${currency}" is not a currency`));
        }
      }
      const decimal = (col: string, required: boolean) => {
        const raw = c[col];
        const v = readDecimal(raw, comma);
        if (v === null && (required || (raw ?? '').trim() !== ''))
          errors.push(err(r.line, col, `"${raw ?? ''}" is not a number`));
        return v;
      };
      const record: StorageFeeRecord = {
        monthOfCharge: month,
        fnsku,
        fulfillmentCenter,
        countryCode: countryCode.toUpperCase(),
        asin: text(c, 'asin'),
        productName: text(c, 'product_name'),
        productSizeTier: text(c, 'product_size_tier'),
        averageQuantityOnHand: decimal('average_quantity_on_hand', false) ?? '0',
        averageQuantityPendingRemoval: decimal('average_quantity_pending_removal', false) ?? '0',
        itemVolume: decimal('item_volume', false),
        volumeUnits: text(c, 'volume_units'),
        storageRate: decimal('storage_rate', false),
        currency,
        feeMinor,
      };
      return errors.length > 0 ? errors : record;
    },
    detectDecimalCommaLoose,
  );
}
