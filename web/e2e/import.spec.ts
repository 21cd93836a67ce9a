import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, startHarness, type TestPage } from './harness';

const BAD_CSV = [
  'sku,name,cost,cost_currency,status',
  'E2E-IMP-1,Imported one,10.50,CNY,active',
  'E2E-IMP-2,Imported two,-3,CNY,active',
  'E2E-IMP-3,Imported three,5,CNY,bogus',
].join('\n');

const GOOD_CSV = [
  'sku,name,cost,cost_currency,status',
  'E2E-IMP-1,Imported one,10.50,CNY,active',
  'E2E-IMP-2,Imported two,3,CNY,active',
  'E2E-IMP-3,导入三 Imported three,5,CNY,draft',
].join('\n');

describe('catalog import', () => {
  let h: Harness;
  let t: TestPage;

  beforeAll(async () => {
    h = await startHarness();
    t = await h.newPage('en');
    await h.login(t.page, DEMO.admin);
    await t.page.goto('/catalog/import');
    await t.page.getByTestId('import-page').waitFor();
  });
  afterAll(async () => {
    await t?.context.close();
    await h?.stop();
  });

  const choose = (name: string, text: string) =>
    t.page.locator('input[type=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });

  it('lists every rejected cell with its line number and keeps Import disabled', async () => {
    await choose('products-bad.csv', BAD_CSV);
    expect(await t.page.getByTestId('import-run').isDisabled()).toBe(true);
    const dryRun = t.page.waitForResponse(
      (r) => r.url().includes('/api/catalog/import') && r.url().includes('dryRun=true'),
    );
    await t.page.getByTestId('import-validate').click();
    expect((await dryRun).status()).toBe(200);

    const errors = t.page.getByTestId('import-errors');
    await errors.waitFor();
    const lines = await errors.locator('tbody tr td:first-child').allTextContents();
    expect(lines).toContain('3');
    expect(lines).toContain('4');
    expect(lines).not.toContain('2');
    expect(await t.page.getByTestId('import-status').textContent()).toContain('nothing was written');
    expect(await t.page.getByTestId('import-run').isDisabled()).toBe(true);
    await h.screenshot(t.page, 'import-errors-en');
  });

  it('imports the corrected file once the dry run is clean', async () => {
    await choose('products-good.csv', GOOD_CSV);
    await t.page.getByTestId('import-validate').click();
    await t.page.getByTestId('import-status').filter({ hasText: 'ready to import' }).waitFor();
    expect(await t.page.getByTestId('import-created').textContent()).toBe('3');
    expect(await t.page.getByTestId('import-run').isEnabled()).toBe(true);

    const run = t.page.waitForResponse(
      (r) => r.url().includes('/api/catalog/import') && r.url().includes('dryRun=false'),
    );
    await t.page.getByTestId('import-run').click();
    expect((await run).status()).toBe(200);
    await t.page.getByTestId('import-status').filter({ hasText: 'imported' }).waitFor();
    expect(await t.page.getByTestId('import-created').textContent()).toBe('3');
    await h.screenshot(t.page, 'import-done-en');

    // The products are really there.
    const list = await t.page.evaluate(async () => (await fetch('/api/catalog/skus?q=E2E-IMP')).json());
    expect((list as { total: number }).total).toBe(3);
  });

  it('has no uncaught errors in the page', () => {
    expect(t.pageErrors).toEqual([]);
  });
});
