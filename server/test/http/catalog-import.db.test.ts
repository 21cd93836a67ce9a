import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session, startTestApp, type TestApp, upload } from './harness.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await startTestApp({ skus: 6 });
  admin = await login(t, 'admin');
});
afterAll(async () => t?.close());

const count = async (table: 'sku' | 'listing' | 'listingSku' | 'operationLog') =>
  Number(
    (
      await t.rt.database.db
        .selectFrom(table)
        .select((e) => e.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const PRODUCTS = [
  'sku,name,spu,product_line,cost,cost_currency,weight_g,case_pack,moq,status,tags,launch_date,operator',
  'IMP-001,Glass jar 500 ml,JAR,Kitchen,6.80,CNY,420,24,500,active,new;glass,2026-01-15,operator@demo.yangfan.dev',
  'IMP-002,"Glass jar 1 l, wide",JAR,Kitchen,"9,50",CNY,650,12,300,active,,15.02.2026,',
];

describe('catalog import', () => {
  it('dry run reports every bad row with line, column and reason, and writes nothing', async () => {
    const before = { sku: await count('sku'), log: await count('operationLog') };
    const csv = [
      ...PRODUCTS,
      'IMP-003,,JAR,Kitchen,abc,CNY,-5,0,,sold-out,,2026-13-40,ghost@example.com',
      'IMP-001,Duplicate,JAR,Kitchen,1,CNY,1,1,1,active,,,',
      'bad sku!,Name,,,,,,,,,,,',
    ].join('\r\n');
    const r = await upload(t, admin, '/api/catalog/import?kind=products&dryRun=true', 'products.csv', csv);
    expect(r.statusCode).toBe(200);
    const report = r.json();
    expect(report.status).toBe('rejected');
    expect(report.rowsTotal).toBe(5);
    const at = (line: number, column: string | null) =>
      report.errors.filter((e: { line: number; column: string | null }) => e.line === line && e.column === column);
    expect(at(4, 'cost')[0].reason).toBe('not an amount');
    expect(at(4, 'weight_g')[0].reason).toMatch(/between 0 and/);
    expect(at(4, 'case_pack')[0].reason).toMatch(/between 1 and/);
    expect(at(4, 'status')[0].value).toBe('sold-out');
    expect(at(4, 'launch_date')[0].reason).toMatch(/date/);
    expect(at(5, null)[0].reason).toMatch(/duplicate key IMP-001 \(first on line 2\)/);
    expect(at(6, 'sku')[0].reason).toMatch(/letters, digits/);
    expect({ sku: await count('sku'), log: await count('operationLog') }).toEqual(before);
  });

  it('rejects a file whose required column is missing, naming it', async () => {
    const r = await upload(
      t,
      admin,
      '/api/catalog/import?kind=listings&dryRun=true',
      'l.csv',
      'store,seller_sku\nDemo US,A\n',
    );
    expect(r.json()).toMatchObject({
      status: 'rejected',
      errors: [{ line: 1, column: 'marketplace', reason: 'missing required column' }],
    });
  });

  it('imports atomically, then re-importing the same file changes nothing', async () => {
    const csv = `\uFEFF${PRODUCTS.join('\r\n')}\r\n`;
    const dry = (await upload(t, admin, '/api/catalog/import?kind=products&dryRun=true', 'p.csv', csv)).json();
    expect(dry).toMatchObject({ status: 'ok', dryRun: true, created: 2, updated: 0, unchanged: 0 });
    expect((await admin.req('GET', '/api/catalog/skus?q=IMP-')).json().total).toBe(0);
    const real = (await upload(t, admin, '/api/catalog/import?kind=products&dryRun=false', 'p.csv', csv)).json();
    expect(real).toMatchObject({ status: 'ok', created: 2, updated: 0, unchanged: 0, errors: [] });
    const rows = (await admin.req('GET', '/api/catalog/skus?q=IMP-&sort=sku:asc')).json().rows;
    expect(
      rows.map((r: { sku: string; cost: string; launchDate: string; spuCode: string }) => [
        r.sku,
        r.cost,
        r.launchDate,
        r.spuCode,
      ]),
    ).toEqual([
      ['IMP-001', '6.80', '2026-01-15', 'JAR'],
      ['IMP-002', '9.50', '2026-02-15', 'JAR'],
    ]);
    expect(rows[0].operatorId).toBe(t.seed.userIds.operator);
    const log = await count('operationLog');
    const again = (await upload(t, admin, '/api/catalog/import?kind=products&dryRun=false', 'p.csv', csv)).json();
    expect(again).toMatchObject({ status: 'ok', created: 0, updated: 0, unchanged: 2 });
    expect(await count('operationLog')).toBe(log + 1); // only the import run itself is recorded
  });

  it('updates only the columns a file has, recording before → after', async () => {
    const r = (
      await upload(
        t,
        admin,
        '/api/catalog/import?kind=products&dryRun=false',
        'cost.csv',
        'SKU;成本;成本币种\nIMP-002;10,25;CNY\n',
      )
    ).json();
    expect(r).toMatchObject({ status: 'ok', updated: 1 });
    const sku = (await admin.req('GET', '/api/catalog/skus?q=IMP-002')).json().rows[0];
    expect(sku).toMatchObject({ cost: '10.25', name: 'Glass jar 1 l, wide', moq: 300 });
    const log = (await admin.req('GET', `/api/operation-log?entity=sku&entityId=${sku.id}`)).json().rows[0];
    expect(log).toMatchObject({
      action: 'update',
      source: 'import',
      before: { cost: '9.50' },
      after: { cost: '10.25' },
    });
  });

  it('imports listings from Excel with pairing and bundles; a failing row rolls back the whole file', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('listings');
    ws.addRow(['店铺', '站点', 'MSKU', 'ASIN', '配送方式', '价格', '配对SKU']);
    ws.addRow(['Demo US', 'US', 'JAR-500-US', 'B0JAR00001', 'AFN', 12.99, 'IMP-001']);
    ws.addRow(['Demo US', 'CA', 'JAR-SET-CA', 'B0JAR00002', 'FBM', '24.50', 'IMP-001*2; IMP-002']);
    const good = Buffer.from(await wb.xlsx.writeBuffer());
    ws.addRow(['Demo US', 'US', 'JAR-BAD', 'B0JAR00003', 'FBA', '5', 'NOPE-999']);
    const bad = Buffer.from(await wb.xlsx.writeBuffer());
    const before = await count('listing');
    const rejected = (await upload(t, admin, '/api/catalog/import?kind=listings&dryRun=false', 'l.xlsx', bad)).json();
    expect(rejected).toMatchObject({
      status: 'rejected',
      errors: [{ line: 4, column: '配对SKU', reason: 'unknown SKU', value: 'NOPE-999' }],
    });
    expect(await count('listing')).toBe(before);
    const ok = (await upload(t, admin, '/api/catalog/import?kind=listings&dryRun=false', 'l.xlsx', good)).json();
    expect(ok).toMatchObject({ status: 'ok', created: 2 });
    const set = (await admin.req('GET', '/api/catalog/listings?q=JAR-SET-CA')).json().rows[0];
    expect(set).toMatchObject({ currency: 'CAD', price: '24.50', fulfillmentChannel: 'FBM', storeName: 'Demo US' });
    expect(set.skus.map((s: { sku: string; quantity: number }) => `${s.sku}*${s.quantity}`)).toEqual([
      'IMP-001*2',
      'IMP-002*1',
    ]);
    const again = (await upload(t, admin, '/api/catalog/import?kind=listings&dryRun=false', 'l.xlsx', good)).json();
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('reads GB18030 CSV (Chinese Excel) and EU decimal commas for EUR listings', async () => {
    const csv = iconv.encode('店铺,站点,卖家SKU,售价\nDemo EU,DE,JAR-DE,"12,99"\n', 'gb18030');
    const r = (await upload(t, admin, '/api/catalog/import?kind=listings&dryRun=false', 'de.csv', csv)).json();
    expect(r).toMatchObject({ status: 'ok', created: 1 });
    expect((await admin.req('GET', '/api/catalog/listings?q=JAR-DE')).json().rows[0]).toMatchObject({
      price: '12.99',
      currency: 'EUR',
    });
  });

  it('refuses a wrong delimiter gracefully: one column, so required columns are missing', async () => {
    const r = (
      await upload(t, admin, '/api/catalog/import?kind=products&dryRun=true', 'x.csv', 'sku|name\nA|B\n')
    ).json();
    expect(r.status).toBe('ok'); // pipes are a supported delimiter
    const r2 = (
      await upload(
        t,
        admin,
        '/api/catalog/import?kind=listings&dryRun=true',
        'x.csv',
        'store:marketplace:seller_sku\nA:B:C\n',
      )
    ).json();
    expect(r2.status).toBe('rejected');
    expect(r2.errors.map((e: { column: string }) => e.column)).toEqual(['store', 'marketplace', 'seller_sku']);
  });

  it('exports to Excel and CSV with the import columns, so an export re-imports unchanged', async () => {
    const x = await admin.req('GET', '/api/catalog/export?kind=products&format=xlsx&q=IMP-');
    expect(x.statusCode).toBe(200);
    expect(x.headers['content-disposition']).toMatch(/attachment; filename="yangfan-products-/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(x.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(1).value).toBe('sku');
    expect(ws.rowCount).toBe(3);
    const csv = await admin.req('GET', '/api/catalog/export?kind=listings&format=csv');
    expect(csv.body.startsWith('\uFEFFstore,marketplace,seller_sku')).toBe(true);
    const back = (
      await upload(t, admin, '/api/catalog/import?kind=listings&dryRun=true', 'export.csv', csv.body)
    ).json();
    expect(back).toMatchObject({ status: 'ok', created: 0, updated: 0 });
    expect(back.unchanged).toBe(back.rowsTotal);
  });

  it('serves import templates', async () => {
    const r = await admin.req('GET', '/api/catalog/import-template?kind=listings&format=csv');
    expect(r.body).toContain('store,marketplace,seller_sku');
  });
});
