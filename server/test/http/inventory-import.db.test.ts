import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session, startTestApp, type TestApp, upload } from './harness.js';

/**
 * Manual import of FBA inventory files over HTTP (MYI stock, ledger detail, customer returns): dry run, atomic real
 * run, idempotent re-import, EU file shapes, bad rows with line and column, and the inventory API with data scopes
 * (a user of store A cannot read store B's stock, ledger or returns).
 */

const tsv = (rows: string[][], eol = '\n') => rows.map((r) => r.join('\t')).join(eol) + eol;
const MYI = 'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA';
const LEDGER = 'GET_LEDGER_DETAIL_VIEW_DATA';
const RETURNS = 'GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA';
const MYI_HEADER = [
  'sku',
  'fnsku',
  'asin',
  'product-name',
  'condition',
  'your-price',
  'afn-listing-exists',
  'afn-warehouse-quantity',
  'afn-fulfillable-quantity',
  'afn-unsellable-quantity',
  'afn-reserved-quantity',
  'afn-total-quantity',
  'afn-inbound-working-quantity',
  'afn-inbound-shipped-quantity',
  'afn-inbound-receiving-quantity',
  'afn-researching-quantity',
];
const myiRow = (sku: string, fulfillable: number, total: number) => [
  sku,
  `X00${sku}`,
  `B0${sku}`,
  `Product ${sku}`,
  'New',
  '19.99',
  'Yes',
  String(total),
  String(fulfillable),
  '0',
  String(total - fulfillable),
  String(total),
  '0',
  '0',
  '0',
  '0',
];
const LEDGER_HEADER = [
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
const RETURNS_HEADER = [
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

let t: TestApp;
let admin: Session;
const url = (storeId: string, type: string, dryRun = false) =>
  `/api/sync/import?storeId=${storeId}&type=${type}&dryRun=${dryRun}`;

beforeAll(async () => {
  t = await startTestApp();
  admin = await login(t, 'admin');
});
afterAll(async () => t.close());

describe('FBA inventory imports and API', () => {
  it('MYI: dry run writes nothing, the real run writes stock and a snapshot, a re-import changes nothing', async () => {
    const file = tsv([MYI_HEADER, myiRow('LAMP-01', 40, 45), myiRow('MUG-02', 0, 0), myiRow('BULB-03', 7, 10)]);
    const dry = (await upload(t, admin, url(t.seed.storeIds.us, MYI, true), 'myi.txt', file)).json();
    expect(dry).toMatchObject({ status: 'ok', created: 3, rowsTotal: 3 });
    expect((await admin.req('GET', '/api/inventory/fba')).json().total).toBe(0);
    expect((await upload(t, admin, url(t.seed.storeIds.us, MYI), 'myi.txt', file)).json()).toMatchObject({
      status: 'ok',
      created: 3,
    });
    expect((await upload(t, admin, url(t.seed.storeIds.us, MYI), 'myi.txt', file)).json()).toMatchObject({
      status: 'ok',
      created: 0,
      updated: 0,
      unchanged: 3,
    });
    const list = (await admin.req('GET', '/api/inventory/fba?inStock=true&sort=sellerSku:asc')).json();
    expect(list.rows.map((r: { sellerSku: string }) => r.sellerSku)).toEqual(['BULB-03', 'LAMP-01']);
    // The demo US store sells in several marketplaces: a file without one is the store's first (home) marketplace.
    expect(list.rows[0]).toMatchObject({ marketplaceId: 'ATVPDKIKX0DER', fulfillable: 7, reserved: 3, total: 10 });
    expect(list.totals).toMatchObject({ fulfillable: 47, total: 55 });
    const hist = (await admin.req('GET', '/api/inventory/fba/LAMP-01/history')).json();
    expect(hist.snapshots).toEqual([expect.objectContaining({ date: '2026-11-20', fulfillable: 40, total: 45 })]);
    // A newer file the same day replaces the day's value (the last read of the day wins).
    const newer = tsv([MYI_HEADER, myiRow('LAMP-01', 30, 35)]);
    expect((await upload(t, admin, url(t.seed.storeIds.us, MYI), 'myi2.txt', newer)).json()).toMatchObject({
      updated: 1,
    });
    const hist2 = (await admin.req('GET', '/api/inventory/fba/LAMP-01/history')).json();
    expect(hist2.snapshots).toEqual([expect.objectContaining({ date: '2026-11-20', fulfillable: 30 })]);
    const q = (await admin.req('GET', '/api/inventory/fba?q=lamp')).json();
    expect(q.rows.map((r: { sellerSku: string }) => r.sellerSku)).toEqual(['LAMP-01']);
  });

  it('MYI: bad rows are listed with line and column and nothing is written', async () => {
    const bad = tsv([MYI_HEADER, myiRow('OK-1', 1, 1), myiRow('BAD-1', 1, 1).map((v, i) => (i === 8 ? 'x' : v))]);
    const res = (await upload(t, admin, url(t.seed.storeIds.us, MYI), 'bad.txt', bad)).json();
    expect(res.status).toBe('rejected');
    expect(res.errors).toEqual([expect.objectContaining({ line: 3, column: 'afn-fulfillable-quantity' })]);
    expect((await admin.req('GET', '/api/inventory/fba?q=OK-1')).json().total).toBe(0);
    const missing = (await upload(t, admin, url(t.seed.storeIds.us, MYI), 'x.csv', 'a,b\n1,2\n')).json();
    expect(missing.status).toBe('rejected');
  });

  it('ledger: EU file in Windows-1252 with CRLF and dd.mm.yyyy dates; identical rows kept apart; re-import changes nothing', async () => {
    const row = [
      '18.11.2026',
      'X00DE1',
      'B0DE1',
      'LAMPE-Ü',
      'Schreibtischlampe für Büro',
      'Shipments',
      'S1',
      '-1',
      'FRA3',
      'SELLABLE',
      '',
      'DE',
      '',
      '',
    ];
    const file = iconv.encode(
      tsv(
        [
          LEDGER_HEADER,
          row,
          row,
          [...row.slice(0, 5), 'CustomerReturns', '302-1', '1', 'LEJ1', 'CUSTOMER_DAMAGED', 'DEFECTIVE', 'FR', '', ''],
        ],
        '\r\n',
      ),
      'windows-1252',
    );
    const first = (await upload(t, admin, url(t.seed.storeIds.eu, LEDGER), 'ledger.txt', file)).json();
    expect(first).toMatchObject({ status: 'ok', created: 3 });
    const again = (await upload(t, admin, url(t.seed.storeIds.eu, LEDGER), 'ledger.txt', file)).json();
    expect(again).toMatchObject({ status: 'ok', created: 0, unchanged: 3 });
    const page = (await admin.req('GET', '/api/inventory/ledger?sort=eventDate:asc')).json();
    expect(page.total).toBe(3);
    expect(page.rows[0]).toMatchObject({
      sellerSku: 'LAMPE-Ü',
      date: '2026-11-18',
      title: 'Schreibtischlampe für Büro',
    });
    expect(page.byType).toEqual([
      { eventType: 'CustomerReturns', events: 1, units: 1 },
      { eventType: 'Shipments', events: 2, units: -2 },
    ]);
    const fr = page.rows.find((r: { country: string }) => r.country === 'FR');
    expect(fr.marketplaceId).toBe('A13V1IB3VIYZZH');
    const bad = tsv([LEDGER_HEADER, [...row.slice(0, 11), 'US', '', '']]);
    const rej = (await upload(t, admin, url(t.seed.storeIds.eu, LEDGER), 'bad.txt', bad)).json();
    expect(rej.errors).toEqual([expect.objectContaining({ line: 2, column: 'Country' })]);
  });

  it('returns: keyed on order, SKU and license plate; a re-import changes nothing, a status change updates', async () => {
    const r = (lpn: string, status: string) => [
      '2026-11-18T03:00:00+00:00',
      '111-0000001-0000001',
      'LAMP-01',
      'B0LAMP',
      'X00LAMP',
      'Lamp',
      '1',
      'PHX7',
      'CUSTOMER_DAMAGED',
      'DEFECTIVE',
      status,
      lpn,
      '',
    ];
    const file = tsv([
      RETURNS_HEADER,
      r('LPN1', 'Unit returned to inventory'),
      r('LPN2', 'Unit returned to inventory'),
    ]);
    expect((await upload(t, admin, url(t.seed.storeIds.us, RETURNS), 'ret.txt', file)).json()).toMatchObject({
      created: 2,
    });
    expect((await upload(t, admin, url(t.seed.storeIds.us, RETURNS), 'ret.txt', file)).json()).toMatchObject({
      created: 0,
      unchanged: 2,
    });
    const changed = tsv([RETURNS_HEADER, r('LPN2', 'Reimbursed')]);
    expect((await upload(t, admin, url(t.seed.storeIds.us, RETURNS), 'ret2.txt', changed)).json()).toMatchObject({
      updated: 1,
    });
    const list = (await admin.req('GET', '/api/inventory/returns')).json();
    expect(list).toMatchObject({ total: 2, units: 2, byReason: [{ reason: 'DEFECTIVE', returns: 2, units: 2 }] });
    // 03:00 UTC on the 18th is the 17th in Los Angeles.
    expect(list.rows[0]).toMatchObject({ returnDate: '2026-11-17', marketplaceId: null });
  });

  it('data scope: the US operator sees US data only; the EU operator EU only; another store is forbidden', async () => {
    const op = await login(t, 'operator');
    const stock = (await op.req('GET', '/api/inventory/fba')).json();
    expect(stock.total).toBeGreaterThan(0);
    expect(stock.rows.every((r: { storeId: string }) => r.storeId === t.seed.storeIds.us)).toBe(true);
    expect((await op.req('GET', '/api/inventory/ledger')).json().total).toBe(0);
    expect((await op.req('GET', `/api/inventory/fba?storeId=${t.seed.storeIds.eu}`)).statusCode).toBe(403);
    expect((await op.req('GET', `/api/inventory/ledger?storeId=${t.seed.storeIds.eu}`)).statusCode).toBe(403);
    const eu = await login(t, 'operatorEu');
    expect((await eu.req('GET', '/api/inventory/fba')).json().total).toBe(0);
    expect((await eu.req('GET', '/api/inventory/returns')).json().total).toBe(0);
    expect((await eu.req('GET', '/api/inventory/ledger')).json().total).toBe(3);
    expect((await eu.req('GET', '/api/inventory/fba/LAMP-01/history')).json().snapshots).toEqual([]);
    const buyer = await login(t, 'buyer');
    expect((await buyer.req('GET', '/api/inventory/fba')).statusCode).toBe(200);
    const csv = await admin.req('GET', '/api/inventory/fba/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('LAMP-01');
    expect(csv.body.split('\n').filter(Boolean).length).toBe(4);
    const xlsx = await op.req('GET', '/api/inventory/fba/export?format=xlsx');
    expect(xlsx.statusCode).toBe(200);
  });
});
