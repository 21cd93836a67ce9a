// The products grid with 20,000 more SKUs: loads block by block (200 rows), jumps to the end without loading
// everything in between, and sorts on the server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, startHarness, type TestPage, waitForGridRows } from './harness';

const ROWS = 20_000;
const GRID = '[data-testid="products-grid"]';

function bulkCsv(): string {
  const lines = ['sku,name,cost,cost_currency,status,product_line,tags'];
  for (let i = 0; i < ROWS; i++) {
    const cost = (100 + ((i * 7919) % 9900)) / 100;
    lines.push(
      `BULK-${String(i).padStart(5, '0')},批量产品 Bulk product ${i},${cost.toFixed(2)},CNY,active,Bulk ${i % 7},bulk`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('products grid at 20,000 rows', () => {
  let h: Harness;
  let t: TestPage;
  const skuRequests: string[] = [];

  beforeAll(async () => {
    h = await startHarness();
    t = await h.newPage('en');
    await h.login(t.page, DEMO.admin);
    // Import through the API as the signed-in user (the import page does the same with a file).
    const report = await t.page.evaluate(async (csv) => {
      const me = (await (await fetch('/api/auth/me')).json()) as { csrfToken: string };
      const form = new FormData();
      form.append('file', new Blob([csv], { type: 'text/csv' }), 'bulk.csv');
      const res = await fetch('/api/catalog/import?kind=products&dryRun=false', {
        method: 'POST',
        headers: { 'x-csrf-token': me.csrfToken },
        body: form,
      });
      return { status: res.status, body: (await res.json()) as { status: string; created: number } };
    }, bulkCsv());
    expect(report.status).toBe(200);
    expect(report.body.created).toBe(ROWS);
    t.page.on('request', (r) => {
      if (r.url().includes('/api/catalog/skus?')) skuRequests.push(r.url());
    });
  });
  afterAll(async () => {
    await t?.context.close();
    await h?.stop();
  });

  it('shows the total and the first block quickly', async () => {
    const started = Date.now();
    await t.page.goto('/catalog/products');
    await waitForGridRows(t.page, 'products-grid');
    const elapsed = Date.now() - started;
    expect(await t.page.getByTestId('products-total').textContent()).toMatch(/20,2\d\d rows/);
    console.info(`first block of 200 rows shown after ${elapsed} ms`); // a figure, not a pass/fail threshold
    expect(new URL(skuRequests[0] ?? 'http://x/').searchParams.get('limit')).toBe('200');
  });

  it('jumps to the last row without loading the rows in between', async () => {
    skuRequests.length = 0;
    const started = Date.now();
    await t.page.locator(`${GRID} .ag-body-viewport`).evaluate((el) => {
      el.scrollTop = el.scrollHeight;
    });
    await t.page.waitForFunction((selector) => {
      const rows = [...document.querySelectorAll(`${selector} .ag-center-cols-container .ag-row[row-id]`)];
      return rows.some((row) => Number(row.getAttribute('row-index')) > 20_000);
    }, GRID);
    console.info(`jump to row 20,000 took ${Date.now() - started} ms`);
    expect(skuRequests.length).toBeGreaterThan(0);
    expect(skuRequests.length).toBeLessThanOrEqual(3);
    await h.screenshot(t.page, 'products-20k-end-en');
  });

  it('scrolls through the middle smoothly, one block request at a time', async () => {
    skuRequests.length = 0;
    const viewport = t.page.locator(`${GRID} .ag-body-viewport`);
    const frames = await viewport.evaluate(async (el) => {
      // Fifty scroll steps of ~one screen each, timing the frames the browser manages meanwhile.
      const times: number[] = [];
      el.scrollTop = el.scrollHeight / 2;
      for (let i = 0; i < 50; i++) {
        const before = performance.now();
        el.scrollTop += el.clientHeight;
        await new Promise((resolve) => requestAnimationFrame(() => resolve(null)));
        times.push(performance.now() - before);
      }
      times.sort((a, b) => a - b);
      return { median: times[Math.floor(times.length / 2)] ?? 0, p90: times[Math.floor(times.length * 0.9)] ?? 0 };
    });
    console.info(`scroll frames: median ${frames.median.toFixed(1)} ms, p90 ${frames.p90.toFixed(1)} ms`);
    // Virtualised: only the rows near the viewport exist in the DOM, however many the grid holds.
    const rendered = await t.page.locator(`${GRID} .ag-center-cols-container .ag-row`).count();
    expect(rendered).toBeGreaterThan(0);
    expect(rendered).toBeLessThan(150);
    await t.page.waitForTimeout(500);
    expect(skuRequests.length).toBeLessThanOrEqual(10);
  });

  it('sorts on the server when a header is clicked', async () => {
    skuRequests.length = 0;
    await t.page.locator(`${GRID} .ag-header-cell[col-id="cost"] .ag-header-cell-label`).click();
    await t.page.waitForFunction(() => true);
    await t.page.waitForTimeout(800);
    expect(skuRequests.some((url) => new URL(url).searchParams.get('sort') === 'cost:asc')).toBe(true);
  });

  it('has no uncaught errors in the page', () => {
    expect(t.pageErrors).toEqual([]);
  });
});
