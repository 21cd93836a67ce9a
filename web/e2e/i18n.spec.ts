import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, startHarness, type TestPage } from './harness';

const menuLabels = (page: Page) => page.getByTestId('main-menu').locator('.ant-menu-title-content').allTextContents();

describe('language switch', () => {
  let h: Harness;
  let t: TestPage;

  beforeAll(async () => {
    h = await startHarness();
    t = await h.newPage('en');
    await h.login(t.page, DEMO.admin);
  });
  afterAll(async () => {
    await t?.context.close();
    await h?.stop();
  });

  it('switches menu, pages and antd components to Chinese and tells the server', async () => {
    expect(await menuLabels(t.page)).toEqual(expect.arrayContaining(['Overview', 'Catalog', 'Products', 'Listings']));
    const patch = t.page.waitForRequest((r) => r.url().endsWith('/api/auth/me') && r.method() === 'PATCH');
    await t.page.getByTestId('language-switch').getByText('中文').click();
    expect((await patch).postDataJSON()).toEqual({ locale: 'zh-CN' });
    await t.page.getByTestId('main-menu').getByText('产品', { exact: true }).waitFor();
    expect(await menuLabels(t.page)).toEqual(
      expect.arrayContaining(['概览', '商品', '产品', '店铺', '汇率', '操作日志']),
    );
    expect(await t.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');

    // antd follows: the date range picker of the operation log speaks Chinese too.
    await t.page.goto('/operation-log');
    await t.page.getByPlaceholder('开始日期').waitFor();
    await h.screenshot(t.page, 'operation-log-zh-CN');
  });

  it('keeps the choice after a reload', async () => {
    await t.page.reload();
    await t.page.getByTestId('main-menu').getByText('操作日志').waitFor();
  });

  it('switches back to English', async () => {
    await t.page.getByTestId('language-switch').getByText('English').click();
    await t.page.getByTestId('main-menu').getByText('Operation log').waitFor();
    await t.page.getByPlaceholder('Start date').waitFor();
    expect(await menuLabels(t.page)).toEqual(expect.arrayContaining(['Overview', 'Stores', 'Exchange rates']));
  });

  it('follows the account language (saved by the switch) on a browser that never chose one', async () => {
    // The browser says Chinese, but the account was last switched to English.
    const fresh = await h.newPage('zh-CN', { remember: false });
    await h.login(fresh.page, DEMO.admin);
    await fresh.page.getByTestId('main-menu').getByText('Overview').waitFor();
    await fresh.context.close();
  });

  it('has no uncaught errors in the page', () => {
    expect(t.pageErrors).toEqual([]);
  });
});
