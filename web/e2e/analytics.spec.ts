// Analytics end to end: the demo US store connected to an amazon-sim whose clock runs 60× real time, its listings set to
// the simulator's SKUs, and the analytics data types synced (sales and traffic per day and child ASIN, Brand Analytics
// search terms, fee estimates); then the three pages with their KPIs, chart and grids (English and Chinese), an ASIN
// drill-down, and the Analytics menu by role.
import { type RunningSim, startSim } from 'amazon-sim';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, startHarness, type TestPage, waitForGridRows } from './harness';

const menuLabels = (page: Page) => page.getByTestId('main-menu').locator('.ant-menu-title-content').allTextContents();

/** Polls an API path (with the page's session) until `ready` holds for its JSON. */
async function waitForApi<T>(page: Page, path: string, ready: (body: T) => boolean, timeoutMs = 240_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const body = (await page.evaluate(async (p) => (await fetch(p)).json(), path)) as T;
    if (ready(body)) return body;
    if (Date.now() > deadline) throw new Error(`${path} not ready: ${JSON.stringify(body).slice(0, 300)}`);
    await page.waitForTimeout(2_000);
  }
}

/** A write through the API with the page's session and CSRF token. */
async function apiWrite(page: Page, method: string, path: string, body: unknown): Promise<number> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const res = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify(body),
      });
      return res.status;
    },
    { method, path, body },
  );
}

describe('analytics', () => {
  let h: Harness;
  let t: TestPage;
  let sim: RunningSim;

  beforeAll(async () => {
    // The simulator's clock runs 60× real time; the server's quotas follow it (as `yangfan` does against amazon-sim).
    process.env.YANGFAN_AMAZON_RATE_SCALE = '60';
    h = await startHarness();
    delete process.env.YANGFAN_AMAZON_RATE_SCALE;
    sim = await startSim({ port: 0, clockSpeed: 60, living: { historyDays: 30, skus: 12 } });
    t = await h.newPage('en');
    await h.login(t.page, DEMO.admin);
    const { page } = t;
    const stores = await waitForApi<{ rows: { id: string; name: string }[] }>(page, '/api/stores', () => true);
    const us = stores.rows.find((r) => r.name === 'Demo US')!;
    const seller = sim.info.sellers.find((x) => x.region === 'na')!;
    expect(
      await apiWrite(page, 'PATCH', `/api/stores/${us.id}`, {
        credentials: {
          clientId: seller.clientId,
          clientSecret: seller.clientSecret,
          refreshToken: seller.refreshToken,
        },
        endpoints: { lwa: sim.info.lwaTokenUrl, spApi: sim.info.spApi.na },
      }),
    ).toBe(200);
    // Listings of SKUs the simulator sells, at a price: the fee estimates ask Amazon about these.
    const products = sim.scenario!.seller(seller.sellerId)!.catalog.products.slice(0, 10);
    for (const [i, p] of products.entries())
      expect(
        await apiWrite(page, 'POST', '/api/catalog/listings', {
          storeId: us.id,
          marketplaceId: 'ATVPDKIKX0DER',
          sellerSku: p.sku,
          asin: p.asin,
          title: p.title.slice(0, 200),
          status: 'active',
          fulfillmentChannel: i % 4 === 3 ? 'FBM' : 'FBA',
          price: (14.99 + i * 5).toFixed(2),
        }),
      ).toBe(201);
    expect(
      await apiWrite(page, 'POST', `/api/stores/${us.id}/sync`, {
        dataTypes: ['sales-traffic', 'brand-analytics', 'fee-estimates'],
      }),
    ).toBe(202);
  }, 180_000);
  afterAll(async () => {
    await t?.context.close();
    await h?.stop();
    await sim?.close();
  });

  it('shows sessions, units and conversion per day and the ASINs ranked by sessions', async () => {
    const { page } = t;
    await waitForApi<{ series: unknown[]; topAsins: unknown[] }>(
      page,
      '/api/analytics/traffic',
      (b) => b.series.length >= 2 && b.topAsins.length > 0,
    );
    await page.goto('/analytics/traffic');
    await page.getByTestId('traffic-page').waitFor();
    await waitForGridRows(page, 'traffic-grid');
    await page.getByTestId('traffic-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('kpi-sessions').textContent()).toMatch(/\d/);
    expect(await page.getByTestId('kpi-conversion').textContent()).toMatch(/%/);
    expect(await menuLabels(page)).toEqual(
      expect.arrayContaining(['Analytics', 'Traffic & conversion', 'Search terms', 'Fee estimates']),
    );
    await h.screenshot(page, 'analytics-traffic');

    // Drill down to one ASIN: the chart and KPIs follow it.
    const asin = (await page.getByTestId('traffic-asin-link').first().textContent()) ?? '';
    await page.getByTestId('traffic-asin-link').first().click();
    await page.getByText(`Sessions, units and conversion per day: ${asin}`).waitFor();
    await h.screenshot(page, 'analytics-traffic-asin');
    expect(t.pageErrors).toEqual([]);
  }, 200_000);

  it('lists the last finished week of search terms with the three most clicked ASINs', async () => {
    const { page } = t;
    await waitForApi<{ total: number }>(page, '/api/analytics/search-terms?limit=1', (b) => b.total > 0);
    await page.goto('/analytics/search-terms');
    await page.getByTestId('search-terms-page').waitFor();
    await waitForGridRows(page, 'search-terms-grid');
    expect(await page.getByTestId('search-terms-week').textContent()).toMatch(/Week of \d{4}-\d{2}-\d{2}/);
    await h.screenshot(page, 'analytics-search-terms');
    expect(t.pageErrors).toEqual([]);
  }, 200_000);

  it('estimates the fees of the listings at their price', async () => {
    const { page } = t;
    await waitForApi<{ total: number }>(page, '/api/analytics/fee-estimates?limit=1', (b) => b.total >= 10);
    await page.goto('/analytics/fee-estimates');
    await page.getByTestId('fee-estimates-page').waitFor();
    await waitForGridRows(page, 'fee-estimates-grid');
    await h.screenshot(page, 'analytics-fee-estimates');
    expect(t.pageErrors).toEqual([]);
  }, 200_000);

  it('speaks Chinese and shows Analytics to a viewer', async () => {
    const zh = await h.newPage('zh-CN');
    await h.login(zh.page, DEMO.viewer);
    await zh.page.goto('/analytics/traffic');
    await zh.page.getByTestId('traffic-page').waitFor();
    await waitForGridRows(zh.page, 'traffic-grid');
    expect(await menuLabels(zh.page)).toEqual(expect.arrayContaining(['数据分析', '流量与转化']));
    // A viewer may look but not export.
    expect(await zh.page.getByTestId('traffic-export').count()).toBe(0);
    await h.screenshot(zh.page, 'analytics-traffic-zh');
    expect(zh.pageErrors).toEqual([]);
    await zh.context.close();
  });
});
