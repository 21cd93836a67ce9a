// Ads end to end: the demo stores synced from amazon-sim's Ads API (profiles, campaigns, daily reports), then the
// Ads campaigns grid with its metrics, the Ads performance chart (spend vs sales vs ACOS) opened from a campaign, the
// Search terms grid, Chinese labels, and the Advertising menu by role.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, startHarness, type TestPage, waitForGridRows } from './harness';

const menuLabels = (page: Page) => page.getByTestId('main-menu').locator('.ant-menu-title-content').allTextContents();

/** Polls an API path (with the page's session) until `ready` holds for its JSON. */
async function waitForApi<T>(page: Page, path: string, ready: (body: T) => boolean, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await page.evaluate(async (p) => (await fetch(p)).json(), path)) as T;
    if (ready(body)) return body;
    if (Date.now() > deadline) throw new Error(`${path} not ready: ${JSON.stringify(body).slice(0, 300)}`);
    await page.waitForTimeout(2_000);
  }
}

describe('ads', () => {
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

  it('lists the synced campaigns with their last-30-day metrics', async () => {
    const { page } = t;
    // The first report run brings the last month's campaign and search-term reports first.
    await waitForApi<{ rows: { spend: string }[] }>(
      page,
      '/api/ads/campaigns?limit=5&sort=spend:desc',
      (b) => Number(b.rows?.[0]?.spend ?? 0) > 0,
      600_000,
    );
    await page.goto('/ads/campaigns');
    await page.getByTestId('ads-campaigns-page').waitFor();
    await waitForGridRows(page, 'ads-campaigns-grid');
    expect(await page.getByTestId('ads-campaigns-total').textContent()).toMatch(/\d/);
    expect(await menuLabels(page)).toEqual(
      expect.arrayContaining(['Advertising', 'Ads campaigns', 'Ads performance', 'Search terms']),
    );
    await h.screenshot(page, 'ads-campaigns');
  }, 660_000);

  it('opens a campaign’s daily performance: spend vs sales vs ACOS', async () => {
    const { page } = t;
    await page.getByTestId('ads-campaigns-grid').locator('.ag-row[row-index="0"] .ag-cell[col-id="name"]').click();
    await page.getByTestId('ads-performance-page').waitFor();
    await page.getByTestId('ads-campaign-filter').waitFor();
    await page.getByTestId('ads-performance-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('ads-kpi-spend').textContent()).toMatch(/\d/);
    await h.screenshot(page, 'ads-performance-campaign');
    await page.goto('/ads/performance');
    await page.getByTestId('ads-performance-chart').locator('canvas').waitFor();
    await h.screenshot(page, 'ads-performance');
  });

  it('shows the search terms grid, searchable', async () => {
    const { page } = t;
    await waitForApi<{ total: number }>(page, '/api/ads/search-terms?limit=1', (b) => b.total > 0, 120_000);
    await page.goto('/ads/search-terms');
    await page.getByTestId('ads-search-terms-page').waitFor();
    await waitForGridRows(page, 'ads-search-terms-grid');
    await h.screenshot(page, 'ads-search-terms');
    await page.getByTestId('ads-search-terms-search').locator('input').fill('best');
    await page.getByTestId('ads-search-terms-search').locator('input').press('Enter');
    await page.waitForTimeout(800);
    const cells = await page
      .getByTestId('ads-search-terms-grid')
      .locator('.ag-pinned-left-cols-container .ag-cell[col-id="searchTerm"]')
      .allTextContents();
    expect(cells.length).toBeGreaterThan(0);
    expect(cells.every((c) => c.includes('best'))).toBe(true);
  }, 180_000);

  it('speaks Chinese and shows the Advertising menu to viewers', async () => {
    const zh = await h.newPage('zh-CN');
    await h.login(zh.page, DEMO.viewer);
    expect(await menuLabels(zh.page)).toContain('广告');
    await zh.page.goto('/ads/campaigns');
    await waitForGridRows(zh.page, 'ads-campaigns-grid');
    expect(await menuLabels(zh.page)).toEqual(expect.arrayContaining(['广告', '广告活动', '广告表现', '客户搜索词']));
    // A viewer may look but not export.
    expect(await zh.page.getByTestId('ads-export').count()).toBe(0);
    await h.screenshot(zh.page, 'ads-campaigns-zh');
    expect(zh.pageErrors).toEqual([]);
    await zh.context.close();
    expect(t.pageErrors).toEqual([]);
  });
});
