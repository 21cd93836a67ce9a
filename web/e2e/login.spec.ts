import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, startHarness } from './harness';

describe('login', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h?.stop();
  });

  it('refuses a wrong password with a clear message', async () => {
    const { page, context, pageErrors } = await h.newPage('en');
    await page.goto('/');
    await page.waitForURL('**/login');
    await page.getByTestId('login-email').waitFor();
    await h.screenshot(page, 'login-en');
    await page.getByTestId('login-email').fill(DEMO.admin);
    await page.getByTestId('login-password').fill('not-the-password');
    await page.getByTestId('login-submit').click();
    const error = page.getByTestId('login-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('Wrong email or password');
    expect(page.url()).toContain('/login');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('signs in and lands on the overview with the catalog figures', async () => {
    const { page, context, pageErrors } = await h.newPage('en');
    await h.login(page, DEMO.admin);
    expect(new URL(page.url()).pathname).toBe('/');
    await page.getByTestId('kpi-skus').waitFor();
    expect(await page.getByTestId('kpi-skus').textContent()).toMatch(/\d+/);
    expect(await page.getByTestId('company-name').textContent()).toBeTruthy();
    await page.getByTestId('chart-status').locator('canvas').waitFor();
    await h.screenshot(page, 'overview-en');
    expect(pageErrors).toEqual([]);
    await context.close();
  });

  it('sends a signed-out visitor to the login page and back to where they were going', async () => {
    const { page, context } = await h.newPage('zh-CN');
    await page.goto('/catalog/listings');
    await page.waitForURL('**/login?next=*');
    await page.getByTestId('login-email').waitFor();
    expect((await page.getByTestId('login-submit').textContent())?.replace(/\s/g, '')).toBe('登录');
    await h.screenshot(page, 'login-zh-CN');
    await page.getByTestId('login-email').fill(DEMO.admin);
    await page.getByTestId('login-password').fill('yangfan-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('listings-page').waitFor();
    expect(new URL(page.url()).pathname).toBe('/catalog/listings');
    await context.close();
  });

  it('signs out from the user menu', async () => {
    const { page, context } = await h.newPage('en');
    await h.login(page, DEMO.viewer);
    await page.getByTestId('user-menu').click();
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL('**/login');
    await page.goto('/catalog/products');
    await page.waitForURL('**/login?next=*');
    await context.close();
  });
});
