import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, gridCell, type Harness, startHarness, type TestPage, waitForGridRows } from './harness';

const GRID = 'products-grid';

async function search(page: Page, text: string) {
  const box = page.getByTestId('products-search').locator('input');
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

describe('products', () => {
  let h: Harness;
  let t: TestPage;
  const sku = `E2E-${Date.now().toString(36).toUpperCase()}`;

  beforeAll(async () => {
    h = await startHarness();
    t = await h.newPage('en');
    await h.login(t.page, DEMO.admin);
    await t.page.goto('/catalog/products');
    await waitForGridRows(t.page, GRID);
  });
  afterAll(async () => {
    await t?.context.close();
    await h?.stop();
  });

  it('shows the products with money in their currency', async () => {
    expect(await t.page.getByTestId('products-total').textContent()).toMatch(/\d+ rows/);
    const cost = await gridCell(t.page, GRID, 0, 'cost').textContent();
    expect(cost).toMatch(/CN¥|¥/);
    await h.screenshot(t.page, 'products-en');
  });

  it('checks the new-product form before sending it', async () => {
    await t.page.getByTestId('new-product').click();
    const dialog = t.page.getByRole('dialog');
    await dialog.waitFor();
    await t.page.getByTestId('new-product-submit').click();
    await dialog.locator('.ant-form-item-explain-error').first().waitFor();
    expect(await dialog.locator('.ant-form-item-explain-error').count()).toBeGreaterThanOrEqual(2);

    await t.page.getByTestId('product-sku').fill(sku);
    await t.page.getByTestId('product-name').fill('测试产品 E2E test product');
    await t.page.getByTestId('product-cost').fill('-1');
    await t.page.getByTestId('new-product-submit').click();
    await dialog.getByText('not negative').waitFor();
    await h.screenshot(t.page, 'products-new-en');
  });

  it('creates the product and finds it in the grid', async () => {
    await t.page.getByTestId('product-cost').fill('12.5');
    const created = t.page.waitForResponse(
      (r) => r.url().endsWith('/api/catalog/skus') && r.request().method() === 'POST',
    );
    await t.page.getByTestId('new-product-submit').click();
    expect((await created).status()).toBe(201);
    await t.page.getByRole('dialog').waitFor({ state: 'hidden' });

    await search(t.page, sku);
    expect(await gridCell(t.page, GRID, 0, 'name').textContent()).toContain('测试产品 E2E test product');
    expect(await gridCell(t.page, GRID, 0, 'cost').textContent()).toContain('12.50');
  });

  it('puts the server refusal of a duplicate SKU under the SKU field', async () => {
    await t.page.getByTestId('new-product').click();
    const dialog = t.page.getByRole('dialog');
    await t.page.getByTestId('product-sku').fill(sku);
    await t.page.getByTestId('product-name').fill('duplicate');
    await t.page.getByTestId('new-product-submit').click();
    await dialog.getByText('sku already exists').waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
  });

  it('edits the cost inline and refuses a negative one', async () => {
    const cell = gridCell(t.page, GRID, 0, 'cost');
    await cell.dblclick();
    await cell.locator('input').fill('-3');
    const refused = t.page.waitForResponse(
      (r) => r.url().includes('/api/catalog/skus/') && r.request().method() === 'PATCH',
    );
    await cell.locator('input').press('Enter');
    expect((await refused).status()).toBe(400);
    await t.page.waitForFunction(
      (selector) => document.querySelector(selector)?.textContent?.includes('12.50') ?? false,
      `[data-testid="${GRID}"] .ag-row[row-index="0"] .ag-cell[col-id="cost"]`,
    );

    const tags = gridCell(t.page, GRID, 0, 'tags');
    await tags.dblclick();
    await tags.locator('input').fill('e2e, 新品');
    const saved = t.page.waitForResponse(
      (r) => r.url().includes('/api/catalog/skus/') && r.request().method() === 'PATCH',
    );
    await tags.locator('input').press('Enter');
    const response = await saved;
    expect(response.status()).toBe(200);
    expect(((await response.json()) as { tags: string[] }).tags).toEqual(['e2e', '新品']);
  });

  it('exports the filtered products to Excel', async () => {
    const download = t.page.waitForEvent('download');
    await t.page.getByTestId('export').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
    const path = await file.path();
    // An .xlsx is a zip: it starts with "PK".
    expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
  });

  it('has no uncaught errors in the page', () => {
    expect(t.pageErrors).toEqual([]);
  });
});
