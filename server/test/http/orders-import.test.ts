import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session, startTestApp, type TestApp, upload } from './harness.js';

/**
 * Manual import of Amazon all-orders flat files over HTTP: dry run with row errors, atomic real run, idempotent
 * re-import, the shapes real files come in (BOM, CRLF, Windows-1252, EU decimal commas and dates, extra and reordered
 * columns), and the orders API with data scopes (a user of store A cannot read store B's orders).
 */

const HEADER = [
  'amazon-order-id',
  'merchant-order-id',
  'purchase-date',
  'last-updated-date',
  'order-status',
  'fulfillment-channel',
  'sales-channel',
  'order-channel',
  'url',
  'ship-service-level',
  'product-name',
  'sku',
  'asin',
  'item-status',
  'quantity',
  'currency',
  'item-price',
  'item-tax',
  'shipping-price',
  'shipping-tax',
  'gift-wrap-price',
  'gift-wrap-tax',
  'item-promotion-discount',
  'ship-promotion-discount',
  'ship-city',
  'ship-state',
  'ship-postal-code',
  'ship-country',
  'promotion-ids',
  'is-business-order',
  'purchase-order-number',
  'price-designation',
];

type Row = Partial<Record<(typeof HEADER)[number], string>>;
function line(r: Row, header = HEADER): string {
  return header.map((h) => r[h] ?? '').join('\t');
}
function usRow(id: string, sku: string, over: Row = {}): Row {
  return {
    'amazon-order-id': id,
    'purchase-date': '2026-11-18T03:30:00+00:00',
    'last-updated-date': '2026-11-19T10:00:00+00:00',
    'order-status': 'Shipped',
    'fulfillment-channel': 'Amazon',
    'sales-channel': 'Amazon.com',
    'ship-service-level': 'Standard',
    'product-name': 'Desk lamp',
    sku,
    asin: 'B0DEMO0001',
    'item-status': 'Shipped',
    quantity: '2',
    currency: 'USD',
    'item-price': '39.98',
    'item-tax': '3.20',
    'shipping-price': '0.00',
    'shipping-tax': '0.00',
    'item-promotion-discount': '-4.00',
    'ship-promotion-discount': '0.00',
    'ship-city': 'SEATTLE',
    'ship-state': 'WA',
    'ship-postal-code': '98101',
    'ship-country': 'US',
    ...over,
  };
}
const file = (rows: Row[], header = HEADER, eol = '\n') =>
  [header.join('\t'), ...rows.map((r) => line(r, header))].join(eol) + eol;

let t: TestApp;
let admin: Session;
const TYPE = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
const url = (storeId: string, dryRun: boolean, type = TYPE) =>
  `/api/sync/import?storeId=${storeId}&type=${type}&dryRun=${dryRun}`;

beforeAll(async () => {
  t = await startTestApp();
  admin = await login(t, 'admin');
});
afterAll(async () => t.close());

describe('all-orders report import', () => {
  const good = file([
    usRow('111-0000001-0000001', 'LAMP-01'),
    usRow('111-0000001-0000001', 'BULB-02', {
      quantity: '1',
      'item-price': '5.00',
      'item-tax': '0.40',
      'item-promotion-discount': '0.00',
    }),
    usRow('111-0000002-0000002', 'LAMP-01', {
      'order-status': 'Cancelled',
      'item-status': 'Cancelled',
      quantity: '0',
      'item-price': '',
      'item-tax': '',
      'item-promotion-discount': '',
    }),
    usRow('702-0000003-0000003', 'LAMP-01', { 'sales-channel': 'Amazon.ca', currency: 'CAD', 'ship-country': 'CA' }),
  ]);

  it('dry run counts what would happen and writes nothing; the real run writes; a re-import changes nothing', async () => {
    const dry = await upload(t, admin, url(t.seed.storeIds.us, true), 'orders.txt', good);
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ status: 'ok', dryRun: true, rowsTotal: 4, created: 3, errors: [] });
    expect((await admin.req('GET', '/api/orders')).json().total).toBe(0);

    const real = await upload(t, admin, url(t.seed.storeIds.us, false), 'orders.txt', good);
    expect(real.json()).toMatchObject({ status: 'ok', created: 3, updated: 0 });
    const again = await upload(t, admin, url(t.seed.storeIds.us, false), 'orders.txt', good);
    expect(again.json()).toMatchObject({ status: 'ok', created: 0, updated: 0, unchanged: 3 });

    const list = (await admin.req('GET', '/api/orders?sort=amazonOrderId:asc')).json();
    expect(list.total).toBe(3);
    const first = list.rows[0];
    expect(first).toMatchObject({
      amazonOrderId: '111-0000001-0000001',
      status: 'SHIPPED',
      fulfillmentChannel: 'AFN',
      currency: 'USD',
      units: 3,
      // 39.98 − 4.00 + 3.20 tax + 5.00 + 0.40 tax: US sales tax is added on top of the price
      total: '44.58',
      // 03:30 UTC on the 18th is still the 17th in Los Angeles: business dates are marketplace-local
      purchaseDate: '2026-11-17',
      source: 'import',
    });
    const detail = (await admin.req('GET', `/api/orders/${first.amazonOrderId}`)).json();
    expect(detail.items.map((i: { sellerSku: string; total: string }) => [i.sellerSku, i.total])).toEqual([
      ['BULB-02', '5.40'],
      ['LAMP-01', '39.18'],
    ]);
    expect(detail.history).toEqual([expect.objectContaining({ status: 'SHIPPED', source: 'import' })]);
    const ca = list.rows.find((r: { amazonOrderId: string }) => r.amazonOrderId === '702-0000003-0000003');
    expect(ca).toMatchObject({ marketplaceId: 'A2EUQ1WTGCTBG2', currency: 'CAD' });
  });

  it('a newer version updates the order and adds to its history; an older one is ignored', async () => {
    const newer = file([
      usRow('111-0000002-0000002', 'LAMP-01', {
        'last-updated-date': '2026-11-19T12:00:00+00:00',
        'order-status': 'Pending',
        'item-status': 'Unshipped',
      }),
    ]);
    const res = await upload(t, admin, url(t.seed.storeIds.us, false), 'newer.txt', newer);
    expect(res.json()).toMatchObject({ status: 'ok', updated: 1 });
    const older = file([
      usRow('111-0000002-0000002', 'LAMP-01', {
        'last-updated-date': '2026-11-18T12:00:00+00:00',
        'order-status': 'Cancelled',
      }),
    ]);
    expect((await upload(t, admin, url(t.seed.storeIds.us, false), 'older.txt', older)).json()).toMatchObject({
      updated: 0,
      unchanged: 1,
    });
    const detail = (await admin.req('GET', '/api/orders/111-0000002-0000002')).json();
    expect(detail.status).toBe('UNSHIPPED');
    expect(detail.history.map((h: { status: string }) => h.status)).toEqual(['CANCELLED', 'UNSHIPPED']);
  });

  it('rejects bad rows with their line and column, and a file with any bad row writes nothing', async () => {
    const bad = file([
      usRow('111-0000009-0000009', 'LAMP-01'),
      usRow('111-0000010-0000010', 'LAMP-01', { 'item-price': 'abc' }),
      usRow('111-0000011-0000011', '', {}),
      usRow('111-0000012-0000012', 'LAMP-01', { 'purchase-date': '2026-13-45' }),
      usRow('111-0000013-0000013', 'LAMP-01', { 'sales-channel': 'Amazon.de', currency: 'EUR' }),
    ]);
    const res = (await upload(t, admin, url(t.seed.storeIds.us, false), 'bad.txt', bad)).json();
    expect(res.status).toBe('rejected');
    expect(res.errors.map((e: { line: number; column: string }) => [e.line, e.column])).toEqual([
      [3, 'item-price'],
      [4, 'sku'],
      [5, 'purchase-date'],
      [6, 'sales-channel'],
    ]);
    expect((await admin.req('GET', '/api/orders/111-0000009-0000009')).statusCode).toBe(404);
  });

  it('a file without the key columns, and an unknown report type, get clear errors', async () => {
    const res = (await upload(t, admin, url(t.seed.storeIds.us, true), 'x.csv', 'order,amount\n1,2\n')).json();
    expect(res.status).toBe('rejected');
    expect(res.errors[0].reason).toMatch(/amazon-order-id/);
    const unknown = await upload(t, admin, url(t.seed.storeIds.us, true, 'GET_SOMETHING_ELSE'), 'x.txt', good);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.message).toMatch(/Unknown report type "GET_SOMETHING_ELSE"/);
  });

  it('reads EU files: BOM, CRLF, Windows-1252, decimal commas, dd.mm.yyyy dates, reordered and extra columns', async () => {
    const header = [...HEADER].reverse().concat(['some-new-column']);
    const rows: Row[] = [
      {
        ...usRow('302-0000020-0000020', 'LAMPE-Ü', {
          'sales-channel': 'Amazon.de',
          currency: 'EUR',
          'purchase-date': '18.11.2026 09:15:00 UTC',
          'last-updated-date': '19.11.2026 10:00:00 UTC',
          'item-price': '1.234,50',
          'item-tax': '197,11',
          'item-promotion-discount': '-10,00',
          'product-name': 'Schreibtischlampe für Büro – naïve café',
          'ship-country': 'DE',
        }),
      },
    ];
    const text = `\uFEFF${file(rows, header, '\r\n')}`.replace('\uFEFF', '');
    const bytes = iconv.encode(text, 'windows-1252');
    const res = (await upload(t, admin, url(t.seed.storeIds.eu, false), 'de.txt', bytes)).json();
    expect(res.errors).toEqual([]);
    expect(res).toMatchObject({ status: 'ok', created: 1 });
    const d = (await admin.req('GET', '/api/orders/302-0000020-0000020')).json();
    expect(d).toMatchObject({ marketplaceId: 'A1PA6795UKMFR9', currency: 'EUR', purchaseDate: '2026-11-18' });
    // VAT is inside German prices: the line total is price + discount, not price + tax
    expect(d.items[0]).toMatchObject({ sellerSku: 'LAMPE-Ü', itemPrice: '1234.50', tax: '0.00', total: '1224.50' });
    expect(d.items[0].title).toBe('Schreibtischlampe für Büro – naïve café');
    const bom = `\uFEFF${file([usRow('111-0000021-0000021', 'LAMP-01')], HEADER, '\r\n')}`;
    expect((await upload(t, admin, url(t.seed.storeIds.us, false), 'bom.txt', bom)).json()).toMatchObject({
      status: 'ok',
      created: 1,
    });
  });

  it('data scope: the US operator sees US orders only and cannot open an EU order; the buyer has no orders access', async () => {
    const op = await login(t, 'operator');
    const list = (await op.req('GET', '/api/orders')).json();
    expect(list.total).toBeGreaterThan(0);
    expect(list.rows.every((r: { storeId: string }) => r.storeId === t.seed.storeIds.us)).toBe(true);
    expect((await op.req('GET', '/api/orders/302-0000020-0000020')).statusCode).toBe(404);
    expect((await op.req('GET', `/api/orders?storeId=${t.seed.storeIds.eu}`)).statusCode).toBe(403);
    expect((await upload(t, op, url(t.seed.storeIds.eu, true), 'x.txt', good)).statusCode).toBe(403);
    const buyer = await login(t, 'buyer');
    expect((await buyer.req('GET', '/api/orders')).statusCode).toBe(403);
    const stats = (await admin.req('GET', '/api/orders/stats')).json();
    expect(stats.orders).toBe(5);
    expect(stats.revenue.map((r: { currency: string }) => r.currency)).toEqual(['CAD', 'EUR', 'USD']);
    const csv = await admin.req('GET', '/api/orders/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('302-0000020-0000020');
    expect(csv.body.split('\n').filter(Boolean).length).toBe(6);
  });
});
