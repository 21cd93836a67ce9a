// Browser tests' fixture: a fresh demo server (own data dir, free port) serving the built UI, and headless Chromium.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const ARTIFACTS = join(REPO_ROOT, 'web/e2e/artifacts');
export const DEMO_PASSWORD = 'yangfan-demo';
export const DEMO = {
  admin: 'admin@demo.yangfan.dev',
  operator: 'operator@demo.yangfan.dev',
  viewer: 'viewer@demo.yangfan.dev',
} as const;

export type UiLocale = 'en' | 'zh-CN';

export interface TestPage {
  page: Page;
  context: BrowserContext;
  /** Uncaught exceptions in the page; every spec expects none. */
  pageErrors: string[];
}

export interface Harness {
  baseUrl: string;
  browser: Browser;
  /**
   * A new browser context whose browser language is `locale`; unless `remember` is false the UI also starts with
   * `locale` as the user's stored choice (otherwise the account's language applies after sign-in).
   */
  newPage(locale?: UiLocale, options?: { remember?: boolean }): Promise<TestPage>;
  /** Signs in through the login form and waits for the overview. */
  login(page: Page, email: string, password?: string): Promise<void>;
  /** Saves a full-page PNG under web/e2e/artifacts/. */
  screenshot(page: Page, name: string): Promise<string>;
  stop(): Promise<void>;
}

const CHROMIUM = process.env.YANGFAN_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

async function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${output()}`);
    try {
      const res = await fetch(`${baseUrl}/api/health`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${output()}`);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolveStop) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveStop();
    const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolveStop();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Starts the demo server on the built UI (`npm run build -w web` first) and a headless Chromium. With `demoAmazon`
 * the demo also starts amazon-sim (on a free port, a short history) and syncs the demo stores from it, as `npm start`
 * does; without it the stores stay unconnected, so specs control their data.
 */
export async function startHarness(opts: { demoAmazon?: boolean } = {}): Promise<Harness> {
  if (!existsSync(join(REPO_ROOT, 'web/dist/index.html'))) {
    throw new Error('web/dist is missing: run `npm run build -w web` before the e2e tests');
  }
  mkdirSync(ARTIFACTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'yangfan-e2e-'));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  let log = '';
  const child = spawn(
    join(REPO_ROOT, 'node_modules/.bin/tsx'),
    [
      'server/src/entrypoints/cli.ts',
      'start',
      '--demo',
      '--port',
      String(port),
      ...(opts.demoAmazon ? [] : ['--no-demo-amazon']),
    ],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        YANGFAN_DATA_DIR: dataDir,
        YANGFAN_LOG_LEVEL: 'warn',
        YANGFAN_DEMO_SIM_PORT: '0',
        YANGFAN_DEMO_HISTORY_DAYS: '45',
        YANGFAN_DEMO_SKUS: '12',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const keep = (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);

  let browser: Browser | null = null;
  try {
    await waitForHealth(baseUrl, child, () => log, 90_000);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
  } catch (err) {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
    throw err;
  }
  const openBrowser = browser;

  return {
    baseUrl,
    browser: openBrowser,
    async newPage(locale: UiLocale = 'en', options: { remember?: boolean } = {}) {
      const context = await openBrowser.newContext({
        baseURL: baseUrl,
        locale: locale === 'en' ? 'en-US' : 'zh-CN',
        viewport: { width: 1440, height: 900 },
        acceptDownloads: true,
      });
      // The UI's language is the user's last choice on this browser; start each context with one.
      if (options.remember !== false) {
        await context.addInitScript((initial: string) => {
          if (!localStorage.getItem('yangfan.locale')) localStorage.setItem('yangfan.locale', initial);
        }, locale);
      }
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const pageErrors: string[] = [];
      page.on('pageerror', (error) => pageErrors.push(error.message));
      return { page, context, pageErrors };
    },
    async login(page: Page, email: string, password = DEMO_PASSWORD) {
      await page.goto('/login');
      await page.getByTestId('login-email').fill(email);
      await page.getByTestId('login-password').fill(password);
      await page.getByTestId('login-submit').click();
      await page.getByTestId('overview-page').waitFor();
    },
    async screenshot(page: Page, name: string) {
      const path = join(ARTIFACTS, `${name}.png`);
      // Let chart animations and notifications settle so the picture shows the finished page.
      await page.waitForTimeout(1_200);
      await page.screenshot({ path, fullPage: false });
      return path;
    },
    async stop() {
      await openBrowser.close().catch(() => undefined);
      await stopChild(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Waits until the infinite-row grid under `testId` shows at least one data row. */
export async function waitForGridRows(page: Page, testId: string): Promise<void> {
  await page.getByTestId(testId).locator('.ag-center-cols-container .ag-row[row-id]').first().waitFor();
}

/** The cell of column `colId` in the grid row at `rowIndex` (pinned or not). */
export function gridCell(page: Page, testId: string, rowIndex: number, colId: string) {
  return page.getByTestId(testId).locator(`.ag-row[row-index="${rowIndex}"] .ag-cell[col-id="${colId}"]`);
}
