import type { StockQuantities } from './inventory.tables.js';

/** What the mappers and parsers produce and the repository writes. Pure types and helpers, no I/O. */

export interface StockRecord extends StockQuantities {
  marketplaceId: string;
  sellerSku: string;
  fnsku: string | null;
  asin: string | null;
  productName: string | null;
  condition: string | null;
  amazonUpdatedAt: number | null;
}

export interface LedgerRecord {
  marketplaceId: string | null;
  eventDate: string;
  fnsku: string;
  asin: string | null;
  sellerSku: string;
  title: string | null;
  eventType: string;
  referenceId: string;
  quantity: number;
  fulfillmentCenter: string;
  disposition: string;
  reason: string;
  country: string;
  reconciledQuantity: number | null;
  unreconciledQuantity: number | null;
  /** 1 for the first row of a file with this key, 2 for an identical second row … (identical events stay apart). */
  occurrence: number;
}

export interface ReturnRecord {
  marketplaceId: string | null;
  returnAt: number;
  amazonOrderId: string;
  sellerSku: string;
  asin: string | null;
  fnsku: string | null;
  productName: string | null;
  quantity: number;
  fulfillmentCenter: string | null;
  disposition: string | null;
  reason: string | null;
  status: string | null;
  licensePlateNumber: string | null;
  customerComments: string | null;
}

export const QUANTITY_FIELDS = [
  'fulfillable',
  'inboundWorking',
  'inboundShipped',
  'inboundReceiving',
  'reserved',
  'unfulfillable',
  'researching',
  'total',
] as const satisfies readonly (keyof StockQuantities)[];

export function sameQuantities(a: StockQuantities, b: StockQuantities): boolean {
  return QUANTITY_FIELDS.every((k) => a[k] === b[k]);
}

/** The ledger's natural key: the same event read twice (re-read window, re-imported file) maps to the same key. */
export function ledgerKey(r: Omit<LedgerRecord, 'occurrence'> & { occurrence: number }): string {
  return [
    r.eventDate,
    r.fnsku,
    r.sellerSku,
    r.eventType,
    r.referenceId,
    r.fulfillmentCenter,
    r.disposition,
    r.reason,
    r.country,
    String(r.quantity),
    String(r.occurrence),
  ].join('|');
}

/** A return's key beside (order, SKU): its license plate number, else its instant. */
export function returnKey(r: Pick<ReturnRecord, 'licensePlateNumber' | 'returnAt'>): string {
  return r.licensePlateNumber?.trim() || new Date(r.returnAt).toISOString();
}

/** A signed whole number ("-3", "+2", "4"); empty → null. */
export function readSignedInt(text: string | undefined): number | null | 'bad' {
  const v = (text ?? '').trim();
  if (v === '') return null;
  return /^[+-]?\d{1,9}$/.test(v) ? Number(v) : 'bad';
}
