import { describe, expect, it } from 'vitest';
import { parseReimbursementRows, parseStorageFeeRows } from './fba-finance-reports.js';
import { missingSettlementColumns, parseSettlementRows } from './settlement-report.js';

/** Settlement, reimbursement and storage fee files as Amazon writes them (US and EU conventions, real-file quirks). */

type Cells = Record<string, string>;
async function* rowsOf(header: string[], lines: string[][]) {
  let n = 1;
  for (const l of lines) {
    n++;
    const cells: Cells = {};
    header.forEach((h, i) => {
      cells[h] = l[i] ?? '';
    });
    yield { line: n, cells };
  }
}
async function collect<R>(it: AsyncIterable<{ records: R[]; errors: { line: number; column: string | null }[] }>) {
  const records: R[] = [];
  const errors: { line: number; column: string | null }[] = [];
  for await (const b of it) {
    records.push(...b.records);
    errors.push(...b.errors);
  }
  return { records, errors };
}

const V2 = [
  'settlement-id',
  'settlement-start-date',
  'settlement-end-date',
  'deposit-date',
  'total-amount',
  'currency',
  'transaction-type',
  'order-id',
  'marketplace-name',
  'amount-type',
  'amount-description',
  'amount',
  'fulfillment-id',
  'posted-date',
  'posted-date-time',
  'order-item-code',
  'sku',
  'quantity-purchased',
];
const v2 = (over: Partial<Record<(typeof V2)[number], string>>) => V2.map((h) => over[h] ?? '');

describe('settlement report', () => {
  it('reads a US V2 file: summary, lines, total equal to their sum', async () => {
    const { records, errors } = await collect(
      parseSettlementRows(
        rowsOf(V2, [
          v2({
            'settlement-id': '111',
            'settlement-start-date': '2026-11-01 00:00:00 UTC',
            'settlement-end-date': '2026-11-15 00:00:00 UTC',
            'deposit-date': '2026-11-17 00:00:00 UTC',
            'total-amount': '1,234.50',
            currency: 'USD',
          }),
          v2({
            'settlement-id': '111',
            'transaction-type': 'Order',
            'order-id': '111-1',
            'marketplace-name': 'Amazon.com',
            'amount-type': 'ItemPrice',
            'amount-description': 'Principal',
            amount: '1,300.00',
            'posted-date-time': '2026-11-03 10:00:00 UTC',
            sku: 'A',
            'quantity-purchased': '2',
          }),
          v2({
            'settlement-id': '111',
            'transaction-type': 'Order',
            'order-id': '111-1',
            'amount-type': 'ItemFees',
            'amount-description': 'Commission',
            amount: '-65.50',
            'posted-date': '2026-11-03',
          }),
        ]),
      ),
    );
    expect(errors).toEqual([]);
    expect(records).toHaveLength(1);
    const s = records[0]!;
    expect(s).toMatchObject({
      settlementId: '111',
      currency: 'USD',
      totalMinor: 123450n,
      startAt: Date.parse('2026-11-01T00:00:00Z'),
      depositAt: Date.parse('2026-11-17T00:00:00Z'),
      marketplaceName: 'Amazon.com',
    });
    expect(s.lines.map((l) => [l.amountDescription, l.amountMinor, l.quantity])).toEqual([
      ['Principal', 130000n, 2],
      ['Commission', -6550n, null],
    ]);
    expect(s.lines[1]!.postedAt).toBe(Date.parse('2026-11-03T00:00:00Z'));
  });

  it('reads an EU file with decimal commas, dd.mm.yyyy dates, BOM-free reordered and extra columns', async () => {
    const header = ['extra', ...[...V2].reverse()];
    const row = (o: Partial<Record<string, string>>) => header.map((h) => o[h] ?? (h === 'extra' ? 'x' : ''));
    const { records, errors } = await collect(
      parseSettlementRows(
        rowsOf(header, [
          row({
            'settlement-id': '222',
            'settlement-start-date': '01.11.2026 00:00:00 UTC',
            'settlement-end-date': '15.11.2026 00:00:00 UTC',
            'deposit-date': '17.11.2026 00:00:00 UTC',
            'total-amount': '1.234,56',
            currency: 'EUR',
          }),
          row({
            'settlement-id': '222',
            'transaction-type': 'Order',
            'marketplace-name': 'Amazon.de',
            'amount-type': 'ItemPrice',
            'amount-description': 'Principal',
            amount: '1.234,56',
            'posted-date-time': '03.11.2026 10:00:00 UTC',
          }),
          row({ extra: '' }),
        ]),
      ),
    );
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({ totalMinor: 123456n, endAt: Date.parse('2026-11-15T00:00:00Z') });
    expect(records[0]!.lines[0]).toMatchObject({ amountMinor: 123456n, postedAt: Date.parse('2026-11-03T10:00:00Z') });
  });

  it('reads the older layout: one line per filled amount column', async () => {
    const header = [
      'settlement-id',
      'settlement-start-date',
      'settlement-end-date',
      'total-amount',
      'currency',
      'transaction-type',
      'order-id',
      'posted-date',
      'price-type',
      'price-amount',
      'item-related-fee-type',
      'item-related-fee-amount',
    ];
    const { records, errors } = await collect(
      parseSettlementRows(
        rowsOf(header, [
          ['9', '2026-11-01 00:00:00 UTC', '2026-11-15 00:00:00 UTC', '8.00', 'USD'],
          ['9', '', '', '', '', 'Order', 'o-1', '2026-11-02 00:00:00 UTC', 'Principal', '10.00', 'Commission', '-2.00'],
        ]),
      ),
    );
    expect(errors).toEqual([]);
    expect(records[0]!.lines.map((l) => [l.amountType, l.amountDescription, l.amountMinor])).toEqual([
      ['ItemPrice', 'Principal', 1000n],
      ['ItemFees', 'Commission', -200n],
    ]);
    expect(missingSettlementColumns(header)).toEqual([]);
    expect(missingSettlementColumns(['settlement-id', 'currency'])).toEqual([
      'total-amount',
      'transaction-type',
      'amount',
    ]);
  });

  it('rejects the settlement of a bad row, naming its line and column', async () => {
    const { records, errors } = await collect(
      parseSettlementRows(
        rowsOf(V2, [
          v2({
            'settlement-id': '3',
            'settlement-start-date': '2026-11-01 00:00:00 UTC',
            'settlement-end-date': '2026-11-15 00:00:00 UTC',
            'total-amount': '1.00',
            currency: 'USD',
          }),
          v2({ 'settlement-id': '3', 'transaction-type': 'Order', 'amount-type': 'ItemPrice', amount: 'abc' }),
          v2({ 'settlement-id': '3', 'transaction-type': 'Order', 'posted-date': '31.02.2026', amount: '1.00' }),
        ]),
      ),
    );
    expect(records).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({ line: 3, column: 'amount' }),
      expect.objectContaining({ line: 4, column: 'posted-date' }),
    ]);
  });
});

describe('FBA reimbursements and storage fees', () => {
  const R = [
    'approval-date',
    'reimbursement-id',
    'case-id',
    'amazon-order-id',
    'reason',
    'sku',
    'currency-unit',
    'amount-per-unit',
    'amount-total',
    'quantity-reimbursed-cash',
    'quantity-reimbursed-inventory',
    'quantity-reimbursed-total',
  ];
  it('reads reimbursements and rejects a row with a bad amount', async () => {
    const { records, errors } = await collect(
      parseReimbursementRows(
        rowsOf(R, [
          [
            '2026-11-02T10:00:00+00:00',
            '1001',
            '',
            '111-1',
            'CustomerReturn',
            'A',
            'EUR',
            '12,50',
            '25,00',
            '2',
            '0',
            '2',
          ],
          ['2026-11-03T10:00:00+00:00', '1002', '', '', 'Lost_Warehouse', 'B', 'EUR', '1,00', 'x', '1', '0', '1'],
        ]),
      ),
    );
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ reimbursementId: '1001', amountPerUnitMinor: 1250n, amountTotalMinor: 2500n });
    expect(errors).toEqual([expect.objectContaining({ line: 3, column: 'amount-total' })]);
  });

  it('reads storage fees to four decimals, rounded half up to the minor unit', async () => {
    const S = [
      'asin',
      'fnsku',
      'fulfillment_center',
      'country_code',
      'average_quantity_on_hand',
      'item_volume',
      'month_of_charge',
      'storage_rate',
      'currency',
      'estimated_monthly_storage_fee',
    ];
    const { records, errors } = await collect(
      parseStorageFeeRows(
        rowsOf(S, [
          ['B1', 'X1', 'FRA3', 'de', '12', '0,0100', '2026-10', '27,5400', 'EUR', '3,3050'],
          ['B2', 'X2', 'FRA3', 'DE', '3', '0,0020', '2026-10', '27,5400', 'EUR', '0,1649'],
        ]),
      ),
    );
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.fnsku, r.countryCode, r.monthOfCharge, r.feeMinor, r.itemVolume])).toEqual([
      ['X1', 'DE', '2026-10', 331n, '0.01'],
      ['X2', 'DE', '2026-10', 16n, '0.002'],
    ]);
  });
});
