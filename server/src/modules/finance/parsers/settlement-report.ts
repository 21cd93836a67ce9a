import { createHash } from 'node:crypto';
import type { ImportError } from '@yangfan/contracts';
import { detectDecimalComma, readAmount, readCount, readInstant } from '../../../platform/files/flat-file-values.js';
import type { ParsedBatch } from '../../sync/index.js';
import { err, lowerKeys, missingOf, type Row, text } from './flat-rows.js';

/**
 * Settlement flat files: GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 (one amount per row: amount-type,
 * amount-description, amount) and the older GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE (typed amount columns:
 * price-amount, item-related-fee-amount, promotion-amount …; a row may hold several). The first row of a settlement is
 * its summary (dates, deposit, total); the others are its transactions. Read by header name; EU files write decimal
 * commas and dd.mm.yyyy dates. One batch per settlement, whole: a settlement is never stored with lines missing, and
 * any unreadable row rejects its settlement with the line and column.
 */

export interface SettlementLineRecord {
  lineNo: number;
  transactionType: string;
  orderId: string | null;
  adjustmentId: string | null;
  shipmentId: string | null;
  marketplaceName: string | null;
  amountType: string;
  amountDescription: string;
  amountMinor: bigint;
  fulfillmentId: string | null;
  postedAt: number | null;
  orderItemCode: string | null;
  sku: string | null;
  quantity: number | null;
  promotionId: string | null;
}

export interface SettlementRecord {
  settlementId: string;
  startAt: number;
  endAt: number;
  depositAt: number | null;
  currency: string;
  totalMinor: bigint;
  marketplaceName: string | null;
  lines: SettlementLineRecord[];
  /** Hash of the content: an identical re-read changes nothing. */
  digest: string;
}

export const SETTLEMENT_REQUIRED = ['settlement-id', 'total-amount', 'currency', 'transaction-type'] as const;

/** Headers the file lacks: the summary columns, and one of the two layouts' amount columns. */
export function missingSettlementColumns(headers: readonly string[]): string[] {
  const missing = missingOf(SETTLEMENT_REQUIRED, headers);
  const have = new Set(headers.map((h) => h.trim().toLowerCase()));
  if (!have.has('amount') && !have.has('price-amount')) missing.push('amount');
  return missing;
}

/** Typed amount columns of the older layout: [type column, amount column, amount type]. */
const FLAT_AMOUNTS: [string | null, string, string][] = [
  ['price-type', 'price-amount', 'ItemPrice'],
  ['item-related-fee-type', 'item-related-fee-amount', 'ItemFees'],
  ['promotion-type', 'promotion-amount', 'Promotion'],
  ['shipment-fee-type', 'shipment-fee-amount', 'ShipmentFees'],
  ['order-fee-type', 'order-fee-amount', 'OrderFees'],
  ['direct-payment-type', 'direct-payment-amount', 'DirectPayment'],
  ['other-fee-reason-description', 'other-fee-amount', 'OtherFees'],
  [null, 'misc-fee-amount', 'MiscFees'],
  [null, 'other-amount', 'other-transaction'],
];
const AMOUNT_COLUMNS = ['total-amount', 'amount', ...FLAT_AMOUNTS.map(([, a]) => a)];

interface Draft {
  id: string;
  summary?: { line: number; cells: Record<string, string> };
  rows: { line: number; cells: Record<string, string> }[];
}

/** Parses settlement rows into one batch per settlement (files are read whole: they hold one period). */
export async function* parseSettlementRows(rows: AsyncIterable<Row>): AsyncGenerator<ParsedBatch<SettlementRecord>> {
  const drafts = new Map<string, Draft>();
  const samples: string[] = [];
  const orphan: ImportError[] = [];
  let count = 0;
  for await (const row of rows) {
    count++;
    const cells = lowerKeys(row.cells);
    const id = text(cells, 'settlement-id');
    if (!id) {
      // Blank lines at the end of a file are no rows.
      if (Object.values(cells).every((v) => v.trim() === '')) continue;
      orphan.push(err(row.line, 'settlement-id', 'The row has no settlement-id'));
      continue;
    }
    for (const c of AMOUNT_COLUMNS) if (samples.length < 200 && cells[c]?.trim()) samples.push(cells[c]);
    let d = drafts.get(id);
    if (!d) {
      d = { id, rows: [] };
      drafts.set(id, d);
    }
    if (!text(cells, 'transaction-type') && text(cells, 'total-amount') && !d.summary)
      d.summary = { line: row.line, cells };
    else d.rows.push({ line: row.line, cells });
  }
  const comma = detectDecimalComma(samples);
  if (orphan.length > 0 || drafts.size === 0) {
    if (drafts.size === 0 && orphan.length === 0 && count > 0)
      orphan.push(err(2, 'settlement-id', 'The file holds no settlement'));
    yield { records: [], errors: orphan, rows: orphan.length, skipped: 0 };
  }
  for (const d of drafts.values()) {
    const out = buildSettlement(d, comma);
    yield {
      records: 'record' in out ? [out.record] : [],
      errors: 'errors' in out ? out.errors : [],
      rows: d.rows.length + (d.summary ? 1 : 0),
      skipped: 0,
    };
  }
}

function buildSettlement(d: Draft, comma: boolean): { record: SettlementRecord } | { errors: ImportError[] } {
  const errors: ImportError[] = [];
  const s = d.summary;
  if (!s) return { errors: [err(d.rows[0]?.line ?? 2, 'total-amount', `Settlement ${d.id} has no summary row`)] };
  const currency = (text(s.cells, 'currency') ?? '').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) errors.push(err(s.line, 'currency', `"${currency}" is not a currency`));
  const instant = (line: number, cells: Record<string, string>, column: string, required: boolean) => {
    const v = text(cells, column);
    if (v === null) {
      if (required) errors.push(err(line, column, 'missing'));
      return null;
    }
    const at = readInstant(v);
    if (at === null) errors.push(err(line, column, `"${v}" is not a date`));
    return at;
  };
  const amount = (line: number, cells: Record<string, string>, column: string) => {
    if (errors.length > 0 && !/^[A-Z]{3}$/.test(currency)) return 0n;
    let v: bigint | null;
    try {
      v = readAmount(cells[column], currency, comma);
    } catch {
      v = null;
    }
    if (v === null) errors.push(err(line, column, `"${cells[column]}" is not an amount in ${currency}`));
    return v ?? 0n;
  };
  const startAt = instant(s.line, s.cells, 'settlement-start-date', true);
  const endAt = instant(s.line, s.cells, 'settlement-end-date', true);
  const depositAt = instant(s.line, s.cells, 'deposit-date', false);
  const totalMinor = amount(s.line, s.cells, 'total-amount');
  const lines: SettlementLineRecord[] = [];
  let marketplaceName: string | null = null;
  for (const r of d.rows) {
    const c = r.cells;
    marketplaceName ??= text(c, 'marketplace-name');
    const postedAt =
      text(c, 'posted-date-time') !== null
        ? instant(r.line, c, 'posted-date-time', false)
        : instant(r.line, c, 'posted-date', false);
    const rawQty = text(c, 'quantity-purchased');
    const quantity = rawQty === null ? null : readCount(rawQty);
    if (rawQty !== null && quantity === null) errors.push(err(r.line, 'quantity-purchased', `"${rawQty}" is no count`));
    const base = {
      transactionType: text(c, 'transaction-type') ?? 'other-transaction',
      orderId: text(c, 'order-id'),
      adjustmentId: text(c, 'adjustment-id'),
      shipmentId: text(c, 'shipment-id'),
      marketplaceName: text(c, 'marketplace-name'),
      fulfillmentId: text(c, 'fulfillment-id'),
      postedAt,
      orderItemCode: text(c, 'order-item-code'),
      sku: text(c, 'sku'),
      quantity,
      promotionId: text(c, 'promotion-id'),
    };
    if ('amount' in c || 'amount-type' in c) {
      lines.push({
        ...base,
        lineNo: lines.length + 1,
        amountType: text(c, 'amount-type') ?? base.transactionType,
        amountDescription: text(c, 'amount-description') ?? '',
        amountMinor: amount(r.line, c, 'amount'),
      });
      continue;
    }
    for (const [typeCol, amountCol, amountType] of FLAT_AMOUNTS) {
      if (!text(c, amountCol)) continue;
      lines.push({
        ...base,
        lineNo: lines.length + 1,
        amountType,
        amountDescription: (typeCol && text(c, typeCol)) || amountType,
        amountMinor: amount(r.line, c, amountCol),
      });
    }
  }
  if (errors.length > 0 || startAt === null || endAt === null) return { errors };
  const record: Omit<SettlementRecord, 'digest'> = {
    settlementId: d.id,
    startAt,
    endAt,
    depositAt,
    currency,
    totalMinor,
    marketplaceName,
    lines,
  };
  const digest = createHash('sha256')
    .update(JSON.stringify(record, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))
    .digest('base64url');
  return { record: { ...record, digest } };
}
