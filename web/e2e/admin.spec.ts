// The administration pages end to end: exchange rates, stores, users, roles, departments, API tokens.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, type Harness, startHarness, type TestPage } from './harness';

describe('administration pages', () => {
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

  it('adds an exchange rate, charts the pair and converts with it', async () => {
    const page = t.page;
    await page.goto('/exchange-rates');
    await page.getByTestId('exchange-rates-page').waitFor();
    await page.getByRole('button', { name: 'Add rate' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Rate', { exact: true }).fill('7.25');
    const saved = page.waitForResponse(
      (r) => r.url().endsWith('/api/exchange-rates') && r.request().method() === 'POST',
    );
    await dialog.getByRole('button', { name: 'Save' }).click();
    expect((await saved).status()).toBe(200);
    await dialog.waitFor({ state: 'hidden' });

    await page.getByTestId('rate-chart').locator('canvas').waitFor();
    await page.getByTestId('convert-amount').fill('100');
    await page.getByTestId('convert-submit').click();
    const result = page.getByTestId('convert-result');
    await result.waitFor();
    expect(await result.textContent()).toMatch(/725\.00/);
    await h.screenshot(page, 'exchange-rates-en');

    // Before the first known rate there is nothing to convert with: the widget says so.
    const date = page.locator('input[data-testid="convert-date"], [data-testid="convert-date"] input').first();
    await date.click();
    await date.fill('2001-01-02');
    await date.press('Enter');
    const refused = page.waitForResponse((r) => r.url().includes('/api/exchange-rates/convert'));
    await page.getByTestId('convert-submit').click();
    expect((await refused).status()).toBe(422);
    await page.getByText('No rate on or before that date for this pair.').waitFor();
  });

  it('imports exchange rates from CSV after a dry run', async () => {
    const page = t.page;
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const csv = 'from_currency,to_currency,rate_date,rate\nSEK,JPY,2025-01-02,14.21\nSEK,JPY,2025-01-03,14.25\n';
    await page
      .locator('.ant-modal input[type=file]')
      .setInputFiles({ name: 'rates.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByTestId('import-validate').click();
    await page.getByTestId('import-status').filter({ hasText: 'ready to import' }).waitFor();
    await page.getByTestId('import-run').click();
    await page.getByTestId('import-status').filter({ hasText: 'imported' }).waitFor();
    expect(await page.getByTestId('import-created').textContent()).toBe('2');
    await page.keyboard.press('Escape');
  });

  it('creates a store whose credentials are write-only', async () => {
    const page = t.page;
    await page.goto('/stores');
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByRole('button', { name: 'New store' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Store name').fill('E2E JP store');
    await dialog.getByLabel('Seller ID').fill('A2E2ETEST01');
    await dialog.getByLabel('Region').click();
    await page.getByTitle('Far East').click();
    await dialog.getByLabel('Marketplaces').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'JP' }).click();
    await page.keyboard.press('Escape');
    await dialog.getByLabel('LWA client ID').fill('amzn1.application-oa2-client.e2e');
    await dialog.getByLabel('LWA client secret').fill('secret-e2e');
    await dialog.getByLabel('Refresh token').fill('Atzr|e2e');
    const created = page.waitForResponse((r) => r.url().endsWith('/api/stores') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const response = await created;
    expect(response.status()).toBe(201);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body.hasCredentials).toBe(true);
    expect(JSON.stringify(body)).not.toContain('secret-e2e');
    const row = page.locator('.ant-table-row').filter({ hasText: 'E2E JP store' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Configured ✓');

    await row.getByRole('button', { name: 'Edit' }).click();
    await dialog.getByText('Configured ✓').waitFor();
    expect(await dialog.getByLabel('LWA client secret').count()).toBe(0);
    await dialog.getByRole('switch').click();
    await dialog.getByLabel('LWA client secret').waitFor();
    await h.screenshot(page, 'store-edit-en');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  });

  it('creates a role from the permission matrix and a user with a data scope', async () => {
    const page = t.page;
    await page.goto('/settings/roles');
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByRole('button', { name: 'New role' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Role', { exact: true }).fill('E2E catalog editor');
    await dialog.getByTestId('perm-catalog-edit').check();
    expect(await dialog.getByTestId('perm-catalog-view').isChecked()).toBe(true);
    await h.screenshot(page, 'role-editor-en');
    const createdRole = page.waitForResponse((r) => r.url().endsWith('/api/roles') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const role = await createdRole;
    expect(role.status()).toBe(201);
    expect(((await role.json()) as { permissions: Record<string, string[]> }).permissions.catalog?.sort()).toEqual([
      'edit',
      'view',
    ]);

    await page.goto('/settings/users');
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByRole('button', { name: 'New user' }).click();
    await dialog.getByLabel('Email').fill('e2e.user@demo.yangfan.dev');
    await dialog.getByLabel('Name', { exact: true }).fill('E2E 用户');
    await dialog.getByLabel('Password').fill('e2e-password-123');
    await dialog.getByLabel('Roles').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'E2E catalog editor' }).click();
    await page.keyboard.press('Escape');
    await dialog.getByTestId('scope-editor').locator('.ant-switch').first().click();
    await dialog.getByTestId('scope-editor').getByRole('combobox').first().click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'Demo US' }).click();
    await page.keyboard.press('Escape');
    await h.screenshot(page, 'user-editor-en');
    const createdUser = page.waitForResponse((r) => r.url().endsWith('/api/users') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Save' }).click();
    const user = await createdUser;
    expect(user.status()).toBe(201);
    const scope = ((await user.json()) as { scope: { allStores: boolean; storeIds: string[] } }).scope;
    expect(scope.allStores).toBe(false);
    expect(scope.storeIds).toHaveLength(1);
    await page.locator('.ant-table-row').filter({ hasText: 'e2e.user@demo.yangfan.dev' }).waitFor();
  });

  it('adds a department', async () => {
    const page = t.page;
    await page.goto('/settings/departments');
    await page.locator('.ant-table-row').first().waitFor();
    await page.getByRole('button', { name: 'New department' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('E2E 品牌部');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await page.locator('.ant-table-row').filter({ hasText: 'E2E 品牌部' }).waitFor();
  });

  it('creates an API token, shows it once, and revokes it', async () => {
    const page = t.page;
    await page.goto('/settings/api-tokens');
    await page.getByTestId('api-tokens-page').waitFor();
    await page.getByRole('button', { name: 'New token' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Name').fill('E2E BI');
    await dialog.getByLabel('Scopes').click();
    await page.locator('.ant-select-item-option').filter({ hasText: 'catalog:view' }).click();
    await page.keyboard.press('Escape');
    await dialog.getByRole('button', { name: 'Create' }).click();
    const secret = page.getByTestId('token-secret');
    await secret.waitFor();
    const token = (await secret.textContent())?.trim() ?? '';
    expect(token.length).toBeGreaterThan(20);
    await h.screenshot(page, 'api-token-created-en');

    // The token works as a bearer token against the API.
    const res = await fetch(`${h.baseUrl}/api/catalog/skus?limit=1`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);

    await page.getByRole('button', { name: 'I have copied it' }).click();
    const row = page.locator('.ant-table-row').filter({ hasText: 'E2E BI' });
    await row.getByRole('button', { name: 'Revoke' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Revoke' }).click();
    await row.getByText('Revoked').waitFor();
  });

  it('has no uncaught errors in the page', () => {
    expect(t.pageErrors).toEqual([]);
  });
});
