// Inventory end to end: FBA stock, ledger and returns files imported through the API, then the three pages with
// their totals, charts and grids (English and Chinese), the stock export, and the Inventory menu by role.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, startHarness, type TestPage, waitForGridRows } from './harness';

const tsv = (rows: (string | number)[][]) => `${rows.map((r) => r.join('\t')).join('\n')}\n`;

const MYI = tsv([
  [
    'sku',
    'fnsku',
    'asin',
    'product-name',
    'condition',
    'afn-listing-exists',
    'afn-fulfillable-quantity',
    'afn-unsellable-quantity',
    'afn-reserved-quantity',
    'afn-total-quantity',
    'afn-inbound-working-quantity',
    'afn-inbound-shipped-quantity',
    'afn-inbound-receiving-quantity',
    'afn-researching-quantity',
  ],
  ...[
    ['YF-0001', 'Silicone kitchen set 硅胶厨具', 140, 2, 9, 30, 0, 20],
    ['YF-0002', 'Bamboo cutting board', 0, 1, 0, 0, 40, 0],
    ['YF-0003', 'Storage box', 62, 0, 4, 0, 0, 0],
    ['YF-0004', 'Cable organiser', 18, 3, 1, 12, 24, 6],
    ['YF-0005', 'Desk lamp', 305, 0, 12, 0, 0, 0],
    ['YF-0006', 'Spice rack (sold out)', 0, 0, 0, 0, 0, 0],
  ].map((r) => {
    const [sku, name, ful, unf, res, work, ship, recv] = r as [
      string,
      string,
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const total = Number(ful) + Number(unf) + Number(res) + Number(work) + Number(ship) + Number(recv);
    return [
      sku,
      `X00${sku}`,
      `B0${String(sku).replace('-', '')}`,
      name,
      'New',
      'Yes',
      ful,
      unf,
      res,
      total,
      work,
      ship,
      recv,
      0,
    ];
  }),
]);

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
const LEDGER = tsv([
  LEDGER_HEADER,
  [
    '11/15/2026',
    'X00YF-0001',
    'B0YF0001',
    'YF-0001',
    'Silicone kitchen set',
    'Receipts',
    'FBA15XYZ01',
    120,
    'PHX7',
    'SELLABLE',
    '',
    'US',
    120,
    0,
  ],
  [
    '11/16/2026',
    'X00YF-0001',
    'B0YF0001',
    'YF-0001',
    'Silicone kitchen set',
    'Shipments',
    'S1A2B3C',
    -2,
    'PHX7',
    'SELLABLE',
    '',
    'US',
    '',
    '',
  ],
  [
    '11/16/2026',
    'X00YF-0005',
    'B0YF0005',
    'YF-0005',
    'Desk lamp',
    'Shipments',
    'S9Z8Y7X',
    -1,
    'ONT8',
    'SELLABLE',
    '',
    'US',
    '',
    '',
  ],
  [
    '11/17/2026',
    'X00YF-0004',
    'B0YF0004',
    'YF-0004',
    'Cable organiser',
    'CustomerReturns',
    '111-1234567-1234567',
    1,
    'MDW2',
    'CUSTOMER_DAMAGED',
    '',
    'US',
    '',
    '',
  ],
  [
    '11/18/2026',
    'X00YF-0003',
    'B0YF0003',
    'YF-0003',
    'Storage box',
    'Adjustments',
    '9876543210',
    -1,
    'BFI4',
    'WAREHOUSE_DAMAGED',
    'E',
    'US',
    '',
    '',
  ],
  [
    '11/18/2026',
    'X00YF-0002',
    'B0YF0002',
    'YF-0002',
    'Bamboo cutting board',
    'Receipts',
    'FBA15XYZ02',
    36,
    'YYZ4',
    'SELLABLE',
    '',
    'CA',
    36,
    0,
  ],
]);

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
const RETURNS = tsv([
  RETURNS_HEADER,
  ...[
    ['2026-11-12T15:00:00+00:00', '111-0000001-0000001', 'YF-0001', 'DEFECTIVE', 'CUSTOMER_DAMAGED', 'Handle broke'],
    ['2026-11-13T15:00:00+00:00', '111-0000002-0000002', 'YF-0001', 'NOT_AS_DESCRIBED', 'SELLABLE', ''],
    ['2026-11-14T15:00:00+00:00', '111-0000003-0000003', 'YF-0005', 'UNWANTED_ITEM', 'SELLABLE', ''],
    ['2026-11-15T15:00:00+00:00', '111-0000004-0000004', 'YF-0005', 'DEFECTIVE', 'DEFECTIVE', 'Does not light'],
    ['2026-11-16T15:00:00+00:00', '111-0000005-0000005', 'YF-0004', 'DEFECTIVE', 'CARRIER_DAMAGED', ''],
    ['2026-11-17T15:00:00+00:00', '111-0000006-0000006', 'YF-0003', 'ORDERED_WRONG_ITEM', 'SELLABLE', ''],
  ].map((r, i) => {
    const [at, order, sku, reason, disposition, comment] = r as [string, string, string, string, string, string];
    return [
      at,
      order,
      sku,
      `B0${sku.replace('-', '')}`,
      `X00${sku}`,
      sku,
      1,
      'PHX7',
      disposition,
      reason,
      'Unit returned to inventory',
      `LPN00000${i}`,
      comment,
    ];
  }),
]);

/** Imports a report file into a store through the API with the page's session. */
async function importFile(page: Page, storeName: string, type: string, fileName: string, text: string) {
  return page.evaluate(
    async ([store, reportType, name, body]) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const stores = (await (await fetch('/api/stores?limit=50')).json()) as { rows: { id: string; name: string }[] };
      const id = stores.rows.find((s) => s.name === store)?.id;
      const form = new FormData();
      form.append('file', new Blob([body], { type: 'text/plain' }), name);
      const res = await fetch(`/api/sync/import?storeId=${id}&type=${reportType}&dryRun=false`, {
        method: 'POST',
        headers: { 'x-csrf-token': me.csrfToken },
        body: form,
      });
      return (await res.json()) as { status: string; created: number };
    },
    [storeName, type, fileName, text] as const,
  );
}

const menuLabels = (page: Page) => page.getByTestId('main-menu').locator('.ant-menu-title-content').allTextContents();

describe('inventory', () => {
  let h: Harness;
  let t: TestPage;

  beforeAll(async () => {
    h = await startHarness();
    t = await h.newPage('en');
    await h.login(t.page, DEMO.admin);
    for (const [type, name, text, rows] of [
      ['GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA', 'myi.txt', MYI, 6],
      ['GET_LEDGER_DETAIL_VIEW_DATA', 'ledger.txt', LEDGER, 6],
      ['GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA', 'returns.txt', RETURNS, 6],
    ] as const) {
      const res = await importFile(t.page, 'Demo US', type, name, text);
      expect(res).toMatchObject({ status: 'ok', created: rows });
    }
  });
  afterAll(async () => {
    await t?.context.close();
    await h?.stop();
  });

  it('FBA inventory: totals, the grid and a SKU’s stock over time', async () => {
    await t.page.goto('/inventory/fba');
    await t.page.getByTestId('fba-inventory-page').waitFor();
    await waitForGridRows(t.page, 'fba-grid');
    await t.page.getByTestId('kpi-fulfillable').filter({ hasText: '525' }).waitFor();
    await t.page.getByTestId('fba-grid').locator('.ag-row[row-index="0"] .ag-cell[col-id="sellerSku"]').click();
    await t.page.locator('[data-testid="fba-stock-chart"] canvas').first().waitFor();
    await h.screenshot(t.page, 'inventory-fba-en');

    await t.page.getByTestId('fba-in-stock').click();
    await t.page
      .getByTestId('fba-total')
      .filter({ hasText: /^5 rows$/ })
      .waitFor();

    const download = t.page.waitForEvent('download');
    await t.page.getByTestId('fba-export').click();
    await t.page.locator('.ant-dropdown:visible .ant-dropdown-menu-item').first().click();
    expect((await download).suggestedFilename()).toMatch(/^yangfan-fba-inventory-.*\.xlsx$/);
  });

  it('Inventory ledger: events per type and the grid', async () => {
    await t.page.goto('/inventory/ledger');
    await t.page.getByTestId('ledger-page').waitFor();
    await waitForGridRows(t.page, 'ledger-grid');
    await t.page.getByTestId('ledger-by-type').filter({ hasText: 'Shipments' }).waitFor();
    expect(await t.page.getByTestId('ledger-total').textContent()).toBe('6 rows');
    await h.screenshot(t.page, 'inventory-ledger-en');
  });

  it('Returns: KPIs, the reasons chart and the grid', async () => {
    await t.page.goto('/inventory/returns');
    await t.page.getByTestId('returns-page').waitFor();
    await waitForGridRows(t.page, 'returns-grid');
    await t.page.locator('[data-testid="returns-reasons-chart"] canvas').first().waitFor();
    await t.page.getByTestId('kpi-returns').filter({ hasText: '6' }).waitFor();
    await h.screenshot(t.page, 'inventory-returns-en');
    expect(t.pageErrors).toEqual([]);
  });

  it('Chinese labels, and the menu for a viewer', async () => {
    const zh = await h.newPage('zh-CN');
    await h.login(zh.page, DEMO.admin);
    await zh.page.goto('/inventory/fba');
    await waitForGridRows(zh.page, 'fba-grid');
    expect(await menuLabels(zh.page)).toEqual(expect.arrayContaining(['库存']));
    await zh.page.getByTestId('fba-inventory-page').getByText('可售').first().waitFor();
    await h.screenshot(zh.page, 'inventory-fba-zh');
    await zh.page.goto('/inventory/returns');
    await waitForGridRows(zh.page, 'returns-grid');
    await h.screenshot(zh.page, 'inventory-returns-zh');
    await zh.context.close();

    const viewer = await h.newPage('en');
    await h.login(viewer.page, DEMO.viewer);
    expect(await menuLabels(viewer.page)).toEqual(expect.arrayContaining(['Inventory']));
    await viewer.page.goto('/inventory/fba');
    await waitForGridRows(viewer.page, 'fba-grid');
    expect(await viewer.page.getByTestId('fba-export').count()).toBe(0);
    await viewer.context.close();
  });
});
