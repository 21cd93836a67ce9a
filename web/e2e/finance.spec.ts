// Finance end to end: the demo stores synced from amazon-sim (financial events and settlements), then the Settlements
// list and detail (totals by type chart, lines), the Financial events grid with filters, the Fees section of an order,
// Chinese labels, and the Finance menu by role.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, startHarness, type TestPage, waitForGridRows } from './harness';

const menuLabels = (page: Page) => page.getByTestId('main-menu').locator('.ant-menu-title-content').allTextContents();

/** Polls an API path (with the page's session) until `ready` holds for its JSON. */
async function waitForApi<T>(page: Page, path: string, ready: (body: T) => boolean, timeoutMs = 120_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await page.evaluate(async (p) => (await fetch(p)).json(), path)) as T;
    if (ready(body)) return body;
    if (Date.now() > deadline) throw new Error(`${path} not ready: ${JSON.stringify(body).slice(0, 300)}`);
    await page.waitForTimeout(1_000);
  }
}

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

describe('finance', () => {
  let h: Harness;
  let t: TestPage;

  beforeAll(async () => {
    h = await startHarness({ demoAmazon: true });
    t = await h.newPage('en');
    await h.login(t.page, DEMO.admin);
  });
  afterAll(async () => {
    await t?.context.close();
    await h?.stop();
  });

  it('lists the synced settlements and opens one with its totals by type and its lines', async () => {
    const { page } = t;
    const list = await waitForApi<{ total: number; rows: { id: string; settlementId: string; total: string }[] }>(
      page,
      '/api/finance/settlements?limit=5',
      (b) => b.total > 0,
    );
    await page.goto('/finance/settlements');
    await page.getByTestId('settlements-page').waitFor();
    await waitForGridRows(page, 'settlements-grid');
    // The demo keeps syncing while the page opens: the count is at least what the API had.
    const shown = Number((await page.getByTestId('settlements-total').textContent())?.replace(/\D/g, ''));
    expect(shown).toBeGreaterThanOrEqual(list.total);
    expect(await menuLabels(page)).toEqual(
      expect.arrayContaining(['Finance', 'Settlements', 'Financial events', 'FBA fees']),
    );
    await h.screenshot(page, 'finance-settlements');

    await page.getByTestId('settlement-link').first().click();
    await page.getByTestId('settlement-detail-page').waitFor();
    await page.getByTestId('settlement-lines').locator('.ant-table-row').first().waitFor();
    await page.getByTestId('settlement-by-type-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('settlement-id').textContent()).toMatch(/\S+/);
    await h.screenshot(page, 'finance-settlement-detail');
  });

  it('shows the financial events grid, filtered by type, and an order’s fees on its detail page', async () => {
    const { page } = t;
    const events = await waitForApi<{ total: number; rows: { amazonOrderId: string | null }[] }>(
      page,
      '/api/finance/events?eventType=Shipment&limit=1',
      (b) => b.total > 0,
    );
    await page.goto('/finance/events');
    await page.getByTestId('financial-events-page').waitFor();
    await waitForGridRows(page, 'financial-events-grid');
    await h.screenshot(page, 'finance-events');

    await page.getByTestId('financial-events-type').click();
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: 'Refund' }).click();
    await page.waitForTimeout(800);
    const refunds = await page.getByTestId('financial-events-total').textContent();
    expect(refunds).toMatch(/\d/);

    const orderId = events.rows[0]?.amazonOrderId;
    expect(orderId).toBeTruthy();
    // The order itself is synced by the orders data types; wait until it is there too.
    await waitForApi<{ status?: string }>(page, `/api/orders/${orderId}`, (b) => 'status' in b);
    await page.goto(`/orders/${orderId}`);
    await page.getByTestId('order-detail-page').waitFor();
    await page.getByTestId('order-fees').locator('.ant-table-row').first().waitFor();
    expect(await page.getByTestId('order-fees-net').textContent()).toMatch(/Net/);
    await page.getByTestId('order-fees').scrollIntoViewIfNeeded();
    await h.screenshot(page, 'finance-order-fees');
    expect(t.pageErrors).toEqual([]);
  });

  it('shows FBA reimbursements and monthly storage fees', async () => {
    const { page } = t;
    // The demo fetches these reports last (Amazon allows one report document a minute after a burst of 15): import
    // a month of storage fees and a reimbursement as Seller Central files instead.
    const fees = [
      'asin\tfnsku\tproduct_name\tfulfillment_center\tcountry_code\taverage_quantity_on_hand\titem_volume\tvolume_units\tmonth_of_charge\tstorage_rate\tcurrency\testimated_monthly_storage_fee',
      'B0E2E00001\tX00E2E0001\tSilicone kitchen set 硅胶厨具\tFRA3\tDE\t140\t0,0042\tcubic meters\t2026-10\t27,5400\tEUR\t16,1935',
      'B0E2E00003\tX00E2E0003\tStorage box\tMUC3\tDE\t62\t0,0110\tcubic meters\t2026-10\t27,5400\tEUR\t18,7823',
      'B0E2E00005\tX00E2E0005\tDesk lamp\tLEJ1\tDE\t305\t0,0031\tcubic meters\t2026-10\t27,5400\tEUR\t26,0381',
    ].join('\n');
    const reimbursements = [
      'approval-date\treimbursement-id\tcase-id\tamazon-order-id\treason\tsku\tfnsku\tasin\tproduct-name\tcondition\tcurrency-unit\tamount-per-unit\tamount-total\tquantity-reimbursed-cash\tquantity-reimbursed-inventory\tquantity-reimbursed-total',
      '2026-11-02T10:00:00+00:00\t1000000001\t\t\tLost_Warehouse\tYF-0001\tX00E2E0001\tB0E2E00001\tSilicone kitchen set\tNew\tEUR\t12,50\t25,00\t2\t0\t2',
    ].join('\n');
    expect(await importFile(page, 'Demo EU', 'GET_FBA_STORAGE_FEE_CHARGES_DATA', 'fees.txt', fees)).toMatchObject({
      status: 'ok',
    });
    expect(
      await importFile(page, 'Demo EU', 'GET_FBA_REIMBURSEMENTS_DATA', 'reimbursements.txt', reimbursements),
    ).toMatchObject({ status: 'ok' });
    await page.goto('/finance/fba');
    await page.getByTestId('fba-fees-page').waitFor();
    await waitForGridRows(page, 'reimbursements-grid');
    await h.screenshot(page, 'finance-reimbursements');
    await page.getByRole('tab', { name: 'Monthly storage fees' }).click();
    await waitForGridRows(page, 'storage-fees-grid');
    expect(await page.getByTestId('storage-fees-total').textContent()).toMatch(/\d+ rows?/);
    await h.screenshot(page, 'finance-storage-fees');
    expect(t.pageErrors).toEqual([]);
  });

  it('speaks Chinese, and the menu follows the role', async () => {
    const zh = await h.newPage('zh-CN');
    await h.login(zh.page, DEMO.viewer);
    await zh.page.goto('/finance/events');
    await waitForGridRows(zh.page, 'financial-events-grid');
    expect(await menuLabels(zh.page)).toEqual(expect.arrayContaining(['财务', '结算', '财务事件']));
    expect(await zh.page.getByTestId('financial-events-export').count()).toBe(0);
    await h.screenshot(zh.page, 'finance-events-zh');
    await zh.context.close();

    const op = await h.newPage('en');
    await h.login(op.page, DEMO.operator);
    expect(await menuLabels(op.page)).not.toContain('Settlements');
    await op.context.close();
  });
});
