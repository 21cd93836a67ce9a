import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, gridCell, type Harness, startHarness, waitForGridRows } from './harness';

describe('permissions in the UI', () => {
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('shows a viewer no edit or create buttons and no editable cells', async () => {
    const { page, context, pageErrors } = await h.newPage('en');
    await h.login(page, DEMO.viewer);
    const menu = await page.getByTestId('main-menu').locator('.ant-menu-title-content').allTextContents();
    expect(menu).toContain('Products');
    expect(menu).not.toContain('Import');

    await page.goto('/catalog/products');
    await waitForGridRows(page, 'products-grid');
    expect(await page.getByTestId('new-product').count()).toBe(0);
    const cost = gridCell(page, 'products-grid', 0, 'cost');
    await cost.dblclick();
    expect(await cost.locator('input').count()).toBe(0);
    await h.screenshot(page, 'products-viewer-en');

    await page.goto('/catalog/listings');
    await waitForGridRows(page, 'listings-grid');
    expect(await page.getByTestId('new-listing').count()).toBe(0);
    const price = gridCell(page, 'listings-grid', 0, 'price');
    await price.dblclick();
    expect(await price.locator('input').count()).toBe(0);

    // A page outside the role answers 403 instead of a broken screen.
    await page.goto('/catalog/import');
    await page.getByText('You do not have permission to see this page.').waitFor();
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('shows the operator only the stores of their scope, with editing allowed', async () => {
    const { page, context, pageErrors } = await h.newPage('en');
    await h.login(page, DEMO.operator);
    await page.goto('/catalog/listings');
    await waitForGridRows(page, 'listings-grid');
    expect(await page.getByTestId('new-listing').count()).toBe(1);
    const stores = new Set(
      (
        await page
          .getByTestId('listings-grid')
          .locator('.ag-center-cols-container .ag-cell[col-id="storeName"]')
          .allTextContents()
      ).map((s) => s.trim()),
    );
    expect([...stores]).toEqual(['Demo US']);
    expect(pageErrors).toEqual([]);
    await context.close();
  });
});
