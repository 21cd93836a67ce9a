// Every page, as the administrator, in both languages: renders without errors, screenshots kept as artifacts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, startHarness, type UiLocale } from './harness';

const PAGES: { path: string; testId: string; name: string; ready?: string }[] = [
  { path: '/', testId: 'overview-page', name: 'overview', ready: '[data-testid="chart-marketplace"] canvas' },
  { path: '/catalog/products', testId: 'products-page', name: 'products', ready: '.ag-row[row-id]' },
  { path: '/catalog/listings', testId: 'listings-page', name: 'listings', ready: '.ag-row[row-id]' },
  { path: '/catalog/spus', testId: 'spus-page', name: 'spus', ready: '.ant-table-row' },
  { path: '/catalog/import', testId: 'import-page', name: 'import' },
  { path: '/orders', testId: 'orders-page', name: 'orders', ready: '[data-testid="orders-grid"] .ag-header-cell' },
  { path: '/stores', testId: 'stores-page', name: 'stores', ready: '.ant-table-row' },
  { path: '/stores/sync', testId: 'sync-page', name: 'sync-health', ready: '[data-testid="sync-runs"]' },
  { path: '/stores/import', testId: 'report-import-page', name: 'report-import' },
  { path: '/exchange-rates', testId: 'exchange-rates-page', name: 'exchange-rates' },
  { path: '/operation-log', testId: 'operation-log-page', name: 'operation-log', ready: '.ant-table-row' },
  { path: '/settings/company', testId: 'company-page', name: 'company', ready: 'form' },
  { path: '/settings/departments', testId: 'departments-page', name: 'departments', ready: '.ant-table-row' },
  { path: '/settings/users', testId: 'users-page', name: 'users', ready: '.ant-table-row' },
  { path: '/settings/roles', testId: 'roles-page', name: 'roles', ready: '.ant-table-row' },
  { path: '/settings/api-tokens', testId: 'api-tokens-page', name: 'api-tokens' },
];

describe('every page renders', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  for (const locale of ['en', 'zh-CN'] as UiLocale[]) {
    it(`in ${locale}`, async () => {
      const { page, context, pageErrors } = await h.newPage(locale);
      await h.login(page, DEMO.admin);
      for (const target of PAGES) {
        await page.goto(target.path);
        await page.getByTestId(target.testId).waitFor();
        if (target.ready) await page.locator(target.ready).first().waitFor();
        await h.screenshot(page, `page-${target.name}-${locale}`);
        const failures = await page.locator('.ant-notification-notice-error').allTextContents();
        expect(failures, `${target.path} showed an error`).toEqual([]);
      }
      expect(pageErrors).toEqual([]);
      await context.close();
    });
  }
});
