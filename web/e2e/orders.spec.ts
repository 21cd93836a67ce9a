// Orders end to end: an all-orders report imported by hand (dry run with a row error, then the clean file), the orders
// list and detail, sync health, the store connection test, Chinese labels, and the Orders menu by role.
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, REPO_ROOT, startHarness, type TestPage, waitForGridRows } from './harness';

const REPORT_TYPE = 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL';
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

interface Line {
  orderId: string;
  purchase: string;
  status: string;
  channel: 'Amazon' | 'Merchant';
  sku: string;
  asin: string;
  title: string;
  quantity: string;
  price: string;
  tax: string;
  city: string;
  state: string;
  business?: boolean;
}

function row(l: Line): string {
  const cells: Record<string, string> = {
    'amazon-order-id': l.orderId,
    'purchase-date': l.purchase,
    'last-updated-date': l.purchase.replace('T10:', 'T18:'),
    'order-status': l.status,
    'fulfillment-channel': l.channel,
    'sales-channel': 'Amazon.com',
    'order-channel': '',
    'ship-service-level': 'Standard',
    'product-name': l.title,
    sku: l.sku,
    asin: l.asin,
    'item-status': l.status === 'Cancelled' ? 'Cancelled' : 'Shipped',
    quantity: l.quantity,
    currency: 'USD',
    'item-price': l.price,
    'item-tax': l.tax,
    'shipping-price': '0.00',
    'shipping-tax': '0.00',
    'gift-wrap-price': '0.00',
    'gift-wrap-tax': '0.00',
    'item-promotion-discount': '0.00',
    'ship-promotion-discount': '0.00',
    'ship-city': l.city,
    'ship-state': l.state,
    'ship-postal-code': '98101',
    'ship-country': 'US',
    'is-business-order': l.business ? 'true' : 'false',
  };
  return HEADER.map((h) => cells[h] ?? '').join('\t');
}

const ORDER_A = '111-1234567-1234567';
const ORDER_B = '112-7654321-7654321';
const ORDER_C = '113-5550000-5550001';

function report(badPrice: boolean): string {
  const lines: Line[] = [
    {
      orderId: ORDER_A,
      purchase: '2026-11-20T10:00:00+00:00',
      status: 'Shipped',
      channel: 'Amazon',
      sku: 'YF-0001',
      asin: 'B0E2E00001',
      title: 'Silicone kitchen set 硅胶厨具',
      quantity: '2',
      price: '39.98',
      tax: '3.20',
      city: 'Seattle',
      state: 'WA',
    },
    {
      orderId: ORDER_B,
      purchase: '2026-11-21T10:00:00+00:00',
      status: 'Shipped',
      channel: 'Merchant',
      sku: 'YF-0003',
      asin: 'B0E2E00003',
      title: 'Storage box',
      quantity: '1',
      price: '24.99',
      tax: '2.00',
      city: 'Austin',
      state: 'TX',
      business: true,
    },
    {
      orderId: ORDER_B,
      purchase: '2026-11-21T10:00:00+00:00',
      status: 'Shipped',
      channel: 'Merchant',
      sku: 'YF-0005',
      asin: 'B0E2E00005',
      title: 'Cable organiser',
      quantity: '3',
      price: '29.97',
      tax: '2.40',
      city: 'Austin',
      state: 'TX',
      business: true,
    },
    {
      orderId: ORDER_C,
      purchase: '2026-11-23T10:00:00+00:00',
      status: 'Cancelled',
      channel: 'Amazon',
      sku: 'YF-0007',
      asin: 'B0E2E00007',
      title: 'Desk lamp',
      quantity: '1',
      price: badPrice ? 'abc' : '19.99',
      tax: '0.00',
      city: 'Denver',
      state: 'CO',
    },
  ];
  return [HEADER.join('\t'), ...lines.map(row)].join('\n');
}

const menuLabels = (page: Page) => page.getByTestId('main-menu').locator('.ant-menu-title-content').allTextContents();

async function pickOption(page: Page, selectTestId: string, label: string) {
  await page.getByTestId(selectTestId).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: label }).first().click();
}

interface SimSeller {
  region: string;
  marketplaceIds: string[];
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}
interface Sim {
  lwaTokenUrl: string;
  spApi: Record<string, string>;
  ads: Record<string, string>;
  sellers: SimSeller[];
  stop(): Promise<void>;
}

/** amazon-sim on a free loopback port with a small living marketplace; its /sim/info document is printed as JSON. */
async function startSim(): Promise<Sim> {
  const child: ChildProcess = spawn(
    join(REPO_ROOT, 'node_modules/.bin/tsx'),
    ['amazon-sim/src/cli.ts', '--port', '0', '--json', '--history-days', '10', '--skus', '8', '--no-rate-limits'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  const info = await new Promise<Omit<Sim, 'stop'>>((resolveInfo, reject) => {
    const timer = setTimeout(() => reject(new Error(`amazon-sim did not start:\n${out}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      try {
        const parsed = JSON.parse(out) as Omit<Sim, 'stop'>;
        clearTimeout(timer);
        resolveInfo(parsed);
      } catch {
        // not the whole document yet
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`amazon-sim exited with ${code}:\n${out}`));
    });
  });
  return {
    ...info,
    stop: () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null) return done();
        child.removeAllListeners('exit');
        child.once('exit', () => done());
        child.kill('SIGTERM');
      }),
  };
}

/** Clicks "Sync all now" on a store card unless the scheduler has already queued its runs (the button is disabled). */
async function syncAllIfIdle(card: Locator): Promise<void> {
  const button = card.getByTestId('sync-store-now');
  await button.waitFor();
  if (await button.isDisabled()) return;
  const trigger = card.page().waitForResponse((r) => r.url().endsWith('/sync') && r.request().method() === 'POST');
  await button.click();
  expect((await trigger).status()).toBe(202);
}

/** PATCHes a store through the API with the session of the page (CSRF token from /api/auth/me). */
async function patchStore(page: Page, name: string, body: Record<string, unknown>): Promise<number> {
  return page.evaluate(
    async ([storeName, patch]) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const stores = (await (await fetch('/api/stores?limit=50')).json()) as { rows: { id: string; name: string }[] };
      const store = stores.rows.find((s) => s.name === storeName);
      if (!store) return 404;
      const res = await fetch(`/api/stores/${store.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(patch),
      });
      return res.status;
    },
    [name, body] as const,
  );
}

describe('orders', () => {
  let h: Harness;
  let t: TestPage;
  let sim: Sim;

  beforeAll(async () => {
    [h, sim] = await Promise.all([startHarness(), startSim()]);
    t = await h.newPage('en');
    await h.login(t.page, DEMO.admin);
  });
  afterAll(async () => {
    await t?.context.close();
    await h?.stop();
    await sim?.stop();
  });

  const choose = (name: string, text: string) =>
    t.page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/plain', buffer: Buffer.from(text) });

  it('rejects a report with a bad amount in the dry run, naming its line', async () => {
    await t.page.goto('/stores/import');
    await t.page.getByTestId('report-import-page').waitFor();
    await t.page.getByTestId('report-import-store-first').waitFor();
    await pickOption(t.page, 'report-import-store', 'Demo US');
    expect(await t.page.getByTestId('report-import-type').textContent()).toContain(REPORT_TYPE);

    await choose('all-orders-bad.txt', report(true));
    const dryRun = t.page.waitForResponse(
      (r) => r.url().includes('/api/sync/import') && r.url().includes('dryRun=true'),
    );
    await t.page.getByTestId('import-validate').click();
    const response = await dryRun;
    expect(response.status()).toBe(200);
    expect(response.url()).toContain(`type=${REPORT_TYPE}`);

    const errors = t.page.getByTestId('import-errors');
    await errors.waitFor();
    const cells = await errors.locator('tbody tr').first().locator('td').allTextContents();
    expect(cells[0]).toBe('5');
    expect(cells[1]).toBe('item-price');
    expect(cells[3]).toBe('abc');
    expect(await t.page.getByTestId('import-status').textContent()).toContain('nothing was written');
    expect(await t.page.getByTestId('import-run').isDisabled()).toBe(true);
    await h.screenshot(t.page, 'orders-import-errors-en');
  });

  it('imports the corrected report after a clean dry run', async () => {
    await choose('all-orders.txt', report(false));
    await t.page.getByTestId('import-validate').click();
    await t.page.getByTestId('import-status').filter({ hasText: 'ready to import' }).waitFor();
    expect(await t.page.getByTestId('import-created').textContent()).toBe('3');

    const run = t.page.waitForResponse((r) => r.url().includes('/api/sync/import') && r.url().includes('dryRun=false'));
    await t.page.getByTestId('import-run').click();
    expect((await run).status()).toBe(200);
    await t.page.getByTestId('import-status').filter({ hasText: 'imported' }).waitFor();
    expect(await t.page.getByTestId('import-created').textContent()).toBe('3');
    await t.page.getByTestId('report-import-view-orders').waitFor();
    await h.screenshot(t.page, 'orders-import-done-en');
  });

  it('lists the imported orders with KPIs, the per-day chart and the grid', async () => {
    await t.page.getByTestId('report-import-view-orders').click();
    await t.page.getByTestId('orders-page').waitFor();
    await waitForGridRows(t.page, 'orders-grid');
    await t.page.locator('[data-testid="orders-chart"] canvas').first().waitFor();
    const ids = await t.page.getByTestId('orders-grid').locator('[data-testid="order-link"]').allTextContents();
    expect(ids).toEqual(expect.arrayContaining([ORDER_A, ORDER_B, ORDER_C]));
    expect(Number(await t.page.getByTestId('kpi-orders').locator('.ant-statistic-content-value').textContent())).toBe(
      ids.length,
    );
    await h.screenshot(t.page, 'orders-en');

    // Search by Amazon order id: exactly that order, and the KPIs follow the filter.
    const box = t.page.getByTestId('orders-search').locator('input');
    await box.fill(ORDER_B);
    await box.press('Enter');
    await t.page
      .getByTestId('orders-total')
      .filter({ hasText: /^1 row$/ })
      .waitFor();
    await t.page.getByTestId('kpi-units').filter({ hasText: '4' }).waitFor();
    expect(await t.page.getByTestId('kpi-revenue').textContent()).toContain('$59.36');
  });

  it('opens an order with its lines and status history', async () => {
    await t.page.getByTestId('orders-grid').locator('[data-testid="order-link"]').filter({ hasText: ORDER_B }).click();
    await t.page.getByTestId('order-detail-page').waitFor();
    expect(await t.page.getByTestId('order-id').textContent()).toBe(ORDER_B);
    expect(await t.page.getByTestId('order-purchase-date').textContent()).toBe('2026-11-21');
    expect(await t.page.getByTestId('order-purchase-utc').textContent()).toBe('2026-11-21 10:00:00 UTC');
    const skus = await t.page
      .getByTestId('order-items')
      .locator('tbody tr.ant-table-row td:first-child')
      .allTextContents();
    expect(skus.sort()).toEqual(['YF-0003', 'YF-0005']);
    expect(await t.page.getByTestId('order-total').textContent()).toBe('$59.36');
    await t.page.getByTestId('order-history').getByText('Shipped').first().waitFor();
    expect(await t.page.locator('.ant-tag').filter({ hasText: 'Business' }).count()).toBe(1);
    await h.screenshot(t.page, 'order-detail-en');

    // The Amazon order id opens the same page.
    await t.page.goto(`/orders/${ORDER_A}`);
    await t.page.getByTestId('order-id').filter({ hasText: ORDER_A }).waitFor();
  });

  it('shows every store on the sync health page, saying when a store has no credentials', async () => {
    await t.page.goto('/stores/sync');
    await t.page.getByTestId('sync-page').waitFor();
    await t.page.getByTestId('sync-store-card').first().waitFor();
    const titles = await t.page.locator('[data-testid="sync-store-card"] .ant-card-head-title').allTextContents();
    expect(titles.map((s) => s.trim())).toEqual(['Demo EU', 'Demo US']);
    expect(await t.page.getByTestId('sync-store-empty').count()).toBe(2);
    expect(await t.page.getByTestId('sync-store-empty').first().textContent()).toContain('no SP-API credentials');
    await t.page.getByTestId('sync-runs').waitFor();
  });

  it('shows why a store with bad credentials fails: connection test and sync errors', async () => {
    const seller = sim.sellers.find((s) => s.region === 'eu');
    if (!seller) throw new Error('amazon-sim has no EU seller');
    const status = await patchStore(t.page, 'Demo EU', {
      credentials: { clientId: seller.clientId, clientSecret: seller.clientSecret, refreshToken: 'Atzr|revoked-token' },
      endpoints: { lwa: sim.lwaTokenUrl, spApi: sim.spApi.eu, ads: sim.ads.eu },
    });
    expect(status).toBe(200);

    await t.page.goto('/stores');
    const row = t.page.getByTestId('stores-page').locator('.ant-table-row').filter({ hasText: 'Demo EU' });
    await row.getByTestId('test-connection').click();
    await t.page.getByTestId('connection-test-result').locator('.ant-alert-error, .ant-result-error').waitFor();
    await h.screenshot(t.page, 'store-connection-failed-en');
    await t.page.keyboard.press('Escape');

    await t.page.goto('/stores/sync');
    const card = t.page.locator('[data-testid="sync-store-card"]').filter({ hasText: 'Demo EU' });
    await card.waitFor();
    await syncAllIfIdle(card);
    const failed = card
      .getByTestId('sync-states')
      .locator('tr.ant-table-row')
      .filter({ has: t.page.locator('[data-status="error"]') })
      .first();
    await failed.waitFor({ timeout: 90_000 });
    // The error is shown under its row, across the table.
    expect((await card.getByTestId('sync-error').first().textContent())?.length).toBeGreaterThan(5);
    const dataType = await failed.getAttribute('data-row-key');
    expect(await failed.getByTestId(`sync-now-${dataType}`).textContent()).toContain('Retry');
    await h.screenshot(t.page, 'sync-health-error-en');
  }, 150_000);

  it('tests the connection of a store linked to Amazon (amazon-sim)', async () => {
    const seller = sim.sellers.find((s) => s.region === 'na');
    if (!seller) throw new Error('amazon-sim has no NA seller');
    const status = await patchStore(t.page, 'Demo US', {
      credentials: { clientId: seller.clientId, clientSecret: seller.clientSecret, refreshToken: seller.refreshToken },
      endpoints: { lwa: sim.lwaTokenUrl, spApi: sim.spApi.na, ads: sim.ads.na },
    });
    expect(status).toBe(200);

    await t.page.goto('/stores');
    const row = t.page.getByTestId('stores-page').locator('.ant-table-row').filter({ hasText: 'Demo US' });
    await row.waitFor();
    const test = t.page.waitForResponse((r) => r.url().includes('/test-connection'));
    await row.getByTestId('test-connection').click();
    expect((await test).status()).toBe(200);
    const result = t.page.getByTestId('connection-test-status');
    await result.waitFor();
    expect(await result.textContent()).toContain('Connected');
    const participations = t.page.getByTestId('connection-test-participations');
    await participations.waitFor();
    expect(await participations.textContent()).toContain('ATVPDKIKX0DER');
    expect(await t.page.getByTestId('connection-test-latency').textContent()).toMatch(/^\d+ ms$/);
    await h.screenshot(t.page, 'store-connection-test-en');
    await t.page.keyboard.press('Escape');
  });

  it('syncs the store and shows each data type with its cursor, lag, usage and runs', async () => {
    await t.page.goto('/stores/sync');
    const card = t.page.locator('[data-testid="sync-store-card"]').filter({ hasText: 'Demo US' });
    await card.waitFor();
    await syncAllIfIdle(card);

    const states = card.getByTestId('sync-states');
    await states.locator('tbody tr.ant-table-row').first().waitFor();
    const ordersRow = states.locator('tr[data-row-key="orders"]');
    await ordersRow.waitFor();
    await h.screenshot(t.page, 'sync-health-running-en');
    // The page polls while runs are queued or running; the incremental order sync ends on its own.
    await ordersRow.locator('[data-status="ok"], [data-status="error"]').waitFor({ timeout: 150_000 });
    await h.screenshot(t.page, 'sync-health-en');
    expect(await ordersRow.locator('[data-status]').first().getAttribute('data-status')).toBe('ok');
    expect(await ordersRow.getByTestId('sync-lag').textContent()).toMatch(/\d+ (s|min)/);
    await card.getByTestId('sync-usage').locator('tbody tr.ant-table-row').first().waitFor();
    await t.page.getByTestId('sync-runs').locator('tbody tr.ant-table-row').first().waitFor();

    // "Re-sync from…": a date picked in the dialog moves the cursor back and queues that data type.
    await ordersRow.getByTestId('resync-orders').click();
    const dialog = t.page.locator('.ant-modal').filter({ hasText: 'Re-sync' });
    await dialog.getByTestId('resync-since').waitFor();
    await h.screenshot(t.page, 'sync-resync-dialog-en');
    const resync = t.page.waitForRequest((r) => r.url().endsWith('/sync') && r.method() === 'POST');
    await dialog.getByRole('button', { name: 'Re-sync', exact: true }).click();
    const body = (await resync).postDataJSON() as { dataTypes: string[]; since: string };
    expect(body.dataTypes).toEqual(['orders']);
    expect(body.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    await dialog.waitFor({ state: 'hidden' });
  }, 240_000);

  it('lists the orders the sync brought in next to the imported ones', async () => {
    await t.page.goto('/orders');
    await waitForGridRows(t.page, 'orders-grid');
    await t.page.getByTestId('orders-total').filter({ hasText: /rows/ }).waitFor();
    const total = Number((await t.page.getByTestId('orders-total').textContent())?.replace(/\D/g, ''));
    expect(total).toBeGreaterThan(3);
    await h.screenshot(t.page, 'orders-synced-en');

    // An order from the API: its detail page has the API as source.
    await t.page.getByTestId('orders-grid').locator('.ag-row[row-index="0"] [data-testid="order-link"]').click();
    await t.page.getByTestId('order-detail-page').waitFor();
    await t.page.getByTestId('order-items').locator('tbody tr.ant-table-row').first().waitFor();
    expect(await t.page.getByTestId('order-detail-page').textContent()).toContain('SP-API');
    await h.screenshot(t.page, 'order-detail-synced-en');
  });

  it('speaks Chinese after the language switch', async () => {
    await t.page.getByTestId('language-switch').getByText('中文').click();
    await t.page.getByTestId('main-menu').getByText('订单', { exact: true }).waitFor();
    await t.page.goto('/stores/sync');
    await t.page.getByTestId('main-menu').getByText('同步状态').waitFor();
    expect(await menuLabels(t.page)).toEqual(
      expect.arrayContaining(['订单', '店铺', '店铺列表', '同步状态', '报告导入']),
    );

    await t.page.goto('/orders');
    await waitForGridRows(t.page, 'orders-grid');
    await t.page.locator('.ag-header-cell-text').filter({ hasText: '亚马逊订单号' }).waitFor();
    await t.page.getByTestId('orders-grid').getByText('已发货').first().waitFor();
    await h.screenshot(t.page, 'orders-zh-CN');

    await t.page.goto(`/orders/${ORDER_B}`);
    await t.page.getByText('状态历史').waitFor();
    await h.screenshot(t.page, 'order-detail-zh-CN');

    await t.page.goto('/stores/sync');
    await t.page.getByTestId('sync-store-card').first().waitFor();
    await t.page.getByText('API 配额使用').first().waitFor();
    await h.screenshot(t.page, 'sync-health-zh-CN');

    await t.page.goto('/stores/import');
    await t.page.getByText('报告类型').waitFor();
    await h.screenshot(t.page, 'orders-import-zh-CN');
  });

  it('shows the Orders menu only to roles with orders:view', async () => {
    const buyer = await h.newPage('en');
    await h.login(buyer.page, 'buyer@demo.yangfan.dev');
    expect(await menuLabels(buyer.page)).not.toContain('Orders');
    await buyer.page.goto('/orders');
    await buyer.page.getByText('You do not have permission to see this page.').waitFor();
    expect(buyer.pageErrors).toEqual([]);
    await buyer.context.close();

    const viewer = await h.newPage('en');
    await h.login(viewer.page, DEMO.viewer);
    await viewer.page.getByTestId('main-menu').getByText('Stores', { exact: true }).click();
    await viewer.page.getByTestId('main-menu').getByText('Sync health').waitFor();
    const labels = await menuLabels(viewer.page);
    expect(labels).toContain('Orders');
    expect(labels).toContain('Sync health');
    expect(labels).not.toContain('Report import');
    await viewer.page.goto('/orders');
    await waitForGridRows(viewer.page, 'orders-grid');
    expect(await viewer.page.getByTestId('orders-export').count()).toBe(0);
    expect(viewer.pageErrors).toEqual([]);
    await viewer.context.close();
  });

  it('has no uncaught errors in the page', () => {
    expect(t.pageErrors).toEqual([]);
  });
});
