import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, gridCell, type Harness, startHarness, type TestPage, waitForGridRows } from './harness';

const GRID = 'listings-grid';

async function search(page: Page, text: string) {
  const box = page.getByTestId('listings-search').locator('input');
  await box.fill(text);
  await box.press('Enter');
  await page.waitForFunction(
    ([selector, sku]) => {
      const rows = document.querySelectorAll(`${selector} .ag-pinned-left-cols-container .ag-row[row-id]`);
      return rows.length === 1 && rows[0]?.textContent?.includes(sku as string);
    },
    [`[data-testid="${GRID}"]`, text],
  );
}

async function editPrice(page: Page, value: string) {
  const cell = gridCell(page, GRID, 0, 'price');
  await cell.dblclick();
  const input = cell.locator('input');
  await input.waitFor();
  await input.fill(value);
  const response = page.waitForResponse(
    (r) => r.url().includes('/api/catalog/listings/') && r.request().method() === 'PATCH',
  );
  await input.press('Enter');
  return response;
}

describe('listings grid', () => {
  let h: Harness;
  let t: TestPage;
  let sellerSku = '';

  beforeAll(async () => {
    h = await startHarness();
    t = await h.newPage('en');
    await h.login(t.page, DEMO.admin);
  });
  afterAll(async () => {
    await t?.context.close();
    await h?.stop();
  });

  it('loads the listings from the server with the total', async () => {
    await t.page.goto('/catalog/listings');
    await waitForGridRows(t.page, GRID);
    expect(await t.page.getByTestId('listings-total').textContent()).toMatch(/\d+ rows/);
    sellerSku = (await gridCell(t.page, GRID, 0, 'sellerSku').textContent())?.trim() ?? '';
    expect(sellerSku).not.toBe('');
    await h.screenshot(t.page, 'listings-en');
  });

  it('saves a price edited in the grid, and the new price survives a reload', async () => {
    await search(t.page, sellerSku);
    const response = await editPrice(t.page, '23.45');
    expect(response.status()).toBe(200);
    expect(await gridCell(t.page, GRID, 0, 'price').textContent()).toContain('23.45');

    await t.page.reload();
    await waitForGridRows(t.page, GRID);
    await search(t.page, sellerSku);
    expect(await gridCell(t.page, GRID, 0, 'price').textContent()).toContain('23.45');
  });

  it('rejects a negative price, shows the server error and puts the old price back', async () => {
    const response = await editPrice(t.page, '-5');
    expect(response.status()).toBe(400);
    const notice = t.page.locator('.ant-notification-notice').last();
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/negative|price/i);
    await t.page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent?.includes('23.45') ?? false,
      `[data-testid="${GRID}"] .ag-row[row-index="0"] .ag-cell[col-id="price"]`,
    );
    await h.screenshot(t.page, 'listings-rejected-en');

    const notANumber = await editPrice(t.page, 'abc');
    expect(notANumber.status()).toBe(400);
  });

  it('records the change in the operation log with its before → after diff', async () => {
    await t.page.goto('/operation-log');
    const firstRow = t.page.locator('.ant-table-row').first();
    await firstRow.waitFor();
    expect(await firstRow.textContent()).toContain('Listing');
    await firstRow.locator('.ant-table-row-expand-icon').click();
    const diff = t.page.getByTestId('log-diff').first();
    await diff.waitFor();
    // The log keeps the stored value: the price in minor units (priceMinor 2345), or the decimal.
    expect((await diff.locator('.yf-diff-after').allTextContents()).join(' ')).toMatch(/\b(23\.45|2345)\b/);
    await h.screenshot(t.page, 'operation-log-en');
  });

  it('has no uncaught errors in the page', () => {
    expect(t.pageErrors).toEqual([]);
  });
});
