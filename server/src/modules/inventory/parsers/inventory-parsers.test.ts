import { describe, expect, it } from 'vitest';
import { openTabular } from '../../../platform/files/tabular.js';
import { findMarketplace, type Marketplace } from '../../stores/index.js';
import { mapInventorySummary } from '../fba-inventory-mapper.js';
import { ledgerKey } from '../inventory-records.js';
import { missingLedgerColumns, parseLedgerRows, readLedgerDate } from './ledger-report.js';
import { missingMyiColumns, parseMyiRows } from './myi-report.js';
import { missingReturnsColumns, parseReturnsRows } from './returns-report.js';

const mp = (id: string) => findMarketplace(id) as Marketplace;
const US = mp('ATVPDKIKX0DER');
const CA = mp('A2EUQ1WTGCTBG2');
const DE = mp('A1PA6795UKMFR9');
const UK = mp('A1F83G8C2ARO7P');

async function open(text: string) {
  return openTabular(Buffer.from(text, 'utf8'), 'x.txt', { fallbackEncoding: 'windows-1252' });
}
async function collect<R>(gen: AsyncIterable<{ records: R[]; errors: unknown[]; rows: number; skipped: number }>) {
  const out = { records: [] as R[], errors: [] as unknown[], rows: 0, skipped: 0 };
  for await (const b of gen) {
    out.records.push(...b.records);
    out.errors.push(...b.errors);
    out.rows += b.rows;
    out.skipped += b.skipped;
  }
  return out;
}
const tsv = (rows: string[][], eol = '\n') => rows.map((r) => r.join('\t')).join(eol) + eol;

describe('MYI unsuppressed inventory file', () => {
  const header = [
    'sku',
    'fnsku',
    'asin',
    'product-name',
    'condition',
    'your-price',
    'afn-listing-exists',
    'afn-fulfillable-quantity',
    'afn-unsellable-quantity',
    'afn-reserved-quantity',
    'afn-total-quantity',
    'per-unit-volume',
    'afn-inbound-working-quantity',
    'afn-inbound-shipped-quantity',
    'afn-inbound-receiving-quantity',
    'afn-researching-quantity',
  ];
  it('reads quantities with BOM, CRLF, EU decimals in unrelated columns, and skips MFN-only rows', async () => {
    const text = `\uFEFF${tsv(
      [
        header,
        [
          'LAMP-01',
          'X00A',
          'B0A',
          'Lampe für Büro',
          'New',
          '12,99',
          'Yes',
          '40',
          '2',
          '3',
          '50',
          '0,45',
          '1',
          '2',
          '2',
          '0',
        ],
        ['MFN-ONLY', '', 'B0B', 'x', 'New', '1,00', 'No', '0', '0', '0', '0', '0,1', '0', '0', '0', '0'],
      ],
      '\r\n',
    )}`;
    const f = await open(text);
    expect(missingMyiColumns(f.headers)).toEqual([]);
    const out = await collect(parseMyiRows(f.rows, { marketplace: DE }));
    expect(out.errors).toEqual([]);
    expect(out.skipped).toBe(1);
    expect(out.records).toEqual([
      expect.objectContaining({
        marketplaceId: DE.marketplaceId,
        sellerSku: 'LAMP-01',
        productName: 'Lampe für Büro',
        fulfillable: 40,
        unfulfillable: 2,
        reserved: 3,
        total: 50,
        inboundWorking: 1,
        inboundShipped: 2,
        inboundReceiving: 2,
      }),
    ]);
  });
  it('rejects a bad row with its line and column; reordered and extra columns are fine', async () => {
    const h = [...header].reverse().concat(['new-column']);
    const row = (sku: string, ful: string) => {
      const r: Record<string, string> = { sku, 'afn-fulfillable-quantity': ful, 'afn-total-quantity': '5' };
      return h.map((c) => r[c] ?? '');
    };
    const f = await open(tsv([h, row('A', '5'), row('B', '2,5'), row('', '1')]));
    const out = await collect(parseMyiRows(f.rows, { marketplace: US }));
    expect(out.records.map((r) => r.sellerSku)).toEqual(['A']);
    expect(out.errors).toEqual([
      expect.objectContaining({ line: 3, column: 'afn-fulfillable-quantity' }),
      expect.objectContaining({ line: 4, column: 'sku' }),
    ]);
    expect(missingMyiColumns(['sku', 'fnsku'])).toEqual(['afn-fulfillable-quantity', 'afn-total-quantity']);
  });
});

describe('ledger detail file', () => {
  const header = [
    'Date',
    'FNSKU',
    'ASIN',
    'MSKU',
    'Title',
    'EventType',
    'ReferenceID',
    'Quantity',
    'FulfillmentCenter',
    'Disposition',
    'Reason',
    'Country',
    'ReconciledQuantity',
    'UnreconciledQuantity',
  ];
  it('reads US dates, signed quantities and countries; identical rows are distinct occurrences', async () => {
    const ship = [
      '11/18/2026',
      'X00A',
      'B0A',
      'LAMP-01',
      'Lamp',
      'Shipments',
      'S1',
      '-2',
      'PHX7',
      'SELLABLE',
      '',
      'US',
      '',
      '',
    ];
    const f = await open(
      tsv(
        [
          header,
          ship,
          ship,
          [
            '11/18/2026',
            'X00A',
            'B0A',
            'LAMP-01',
            'Lamp',
            'Receipts',
            'FBA1',
            '10',
            'YYZ4',
            'SELLABLE',
            '',
            'CA',
            '10',
            '0',
          ],
        ],
        '\r\n',
      ),
    );
    expect(missingLedgerColumns(f.headers)).toEqual([]);
    const out = await collect(parseLedgerRows(f.rows, { marketplaces: [US, CA] }));
    expect(out.errors).toEqual([]);
    expect(out.records.map((r) => [r.eventDate, r.quantity, r.marketplaceId, r.occurrence])).toEqual([
      ['2026-11-18', -2, US.marketplaceId, 1],
      ['2026-11-18', -2, US.marketplaceId, 2],
      ['2026-11-18', 10, CA.marketplaceId, 1],
    ]);
    expect(ledgerKey(out.records[0]!)).not.toBe(ledgerKey(out.records[1]!));
    expect(out.records[2]).toMatchObject({ reconciledQuantity: 10, unreconciledQuantity: 0 });
  });
  it('reads ISO and dd.mm.yyyy dates, GB as the UK; rejects bad dates, quantities and foreign countries', async () => {
    expect(readLedgerDate('2026-11-18')).toBe('2026-11-18');
    expect(readLedgerDate('18.11.2026')).toBe('2026-11-18');
    expect(readLedgerDate('02/30/2026')).toBeNull();
    const row = (date: string, qty: string, country: string, sku = 'A') => [
      date,
      'X1',
      '',
      sku,
      '',
      'Adjustments',
      'R',
      qty,
      'LTN4',
      'SELLABLE',
      'M',
      country,
      '',
      '',
    ];
    const f = await open(
      tsv([
        header,
        row('18.11.2026', '3', 'GB'),
        row('13/45/2026', '1', 'GB'),
        row('11/18/2026', '1,5', 'GB'),
        row('11/18/2026', '1', 'US'),
        row('11/18/2026', '1', 'GB', ''),
      ]),
    );
    const out = await collect(parseLedgerRows(f.rows, { marketplaces: [UK, DE] }));
    expect(out.records).toEqual([
      expect.objectContaining({ marketplaceId: UK.marketplaceId, eventDate: '2026-11-18' }),
    ]);
    expect(out.errors.map((e) => [(e as { line: number }).line, (e as { column: string }).column])).toEqual([
      [3, 'Date'],
      [4, 'Quantity'],
      [5, 'Country'],
      [6, 'MSKU'],
    ]);
  });
});

describe('customer returns file', () => {
  const header = [
    'return-date',
    'order-id',
    'sku',
    'asin',
    'fnsku',
    'product-name',
    'quantity',
    'fulfillment-center-id',
    'detailed-disposition',
    'reason',
    'status',
    'license-plate-number',
    'customer-comments',
  ];
  it('reads returns for the requested marketplace; a multi-marketplace file without one leaves it open', async () => {
    const r = [
      '2026-11-18T03:00:00+00:00',
      '111-1',
      'LAMP-01',
      'B0A',
      'X00A',
      'Lamp',
      '1',
      'PHX7',
      'CUSTOMER_DAMAGED',
      'DEFECTIVE',
      'Unit returned to inventory',
      'LPN0001',
      'broken',
    ];
    const f1 = await open(`\uFEFF${tsv([header, r], '\r\n')}`);
    expect(missingReturnsColumns(f1.headers)).toEqual([]);
    const a = await collect(parseReturnsRows(f1.rows, { marketplaces: [US, CA], marketplaceId: CA.marketplaceId }));
    expect(a.records).toEqual([
      expect.objectContaining({
        marketplaceId: CA.marketplaceId,
        returnAt: Date.parse('2026-11-18T03:00:00Z'),
        quantity: 1,
        licensePlateNumber: 'LPN0001',
        customerComments: 'broken',
      }),
    ]);
    const f2 = await open(tsv([header, r]));
    const b = await collect(parseReturnsRows(f2.rows, { marketplaces: [US, CA] }));
    expect(b.records[0]?.marketplaceId).toBeNull();
    const f3 = await open(tsv([header, r]));
    const c = await collect(parseReturnsRows(f3.rows, { marketplaces: [US] }));
    expect(c.records[0]?.marketplaceId).toBe(US.marketplaceId);
  });
  it('reads EU dates; rejects bad rows with line and column', async () => {
    const row = (date: string, order: string, qty: string) => [
      date,
      order,
      'A',
      '',
      '',
      '',
      qty,
      '',
      '',
      '',
      '',
      '',
      '',
    ];
    const f = await open(
      tsv([header, row('18.11.2026 09:00:00 UTC', '302-1', '2'), row('x', '302-2', '1'), row('18.11.2026', '', 'x')]),
    );
    const out = await collect(parseReturnsRows(f.rows, { marketplaces: [DE] }));
    expect(out.records).toEqual([
      expect.objectContaining({ amazonOrderId: '302-1', returnAt: Date.parse('2026-11-18T09:00:00Z'), quantity: 2 }),
    ]);
    expect(out.errors.map((e) => [(e as { line: number }).line, (e as { column: string }).column])).toEqual([
      [3, 'return-date'],
      [4, 'order-id'],
      [4, 'quantity'],
    ]);
  });
});

describe('getInventorySummaries mapper', () => {
  it('maps details and computes a missing total; a summary without a SKU is dropped', () => {
    const r = mapInventorySummary(
      {
        asin: 'B0A',
        fnSku: 'X00A',
        sellerSku: 'LAMP-01',
        condition: 'NewItem',
        inventoryDetails: {
          fulfillableQuantity: 10,
          inboundWorkingQuantity: 1,
          inboundShippedQuantity: 2,
          inboundReceivingQuantity: 3,
          reservedQuantity: { totalReservedQuantity: 4 },
          researchingQuantity: { totalResearchingQuantity: 5 },
          unfulfillableQuantity: { totalUnfulfillableQuantity: 6 },
        },
        lastUpdatedTime: '2026-11-20T08:00:00Z',
      },
      US.marketplaceId,
    );
    expect(r).toMatchObject({ fulfillable: 10, reserved: 4, researching: 5, unfulfillable: 6, total: 31 });
    expect(r?.amazonUpdatedAt).toBe(Date.parse('2026-11-20T08:00:00Z'));
    expect(mapInventorySummary({ asin: 'B0A' }, US.marketplaceId)).toBeNull();
  });
});
