import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { createApp, createRuntime, type Runtime } from '../../src/entrypoints/runtime.js';
import { DEMO_PASSWORD, DEMO_USERS, type SeedResult, seedDemoCompany } from '../../src/entrypoints/seed.js';
import type { AmazonGateway } from '../../src/modules/sync/index.js';
import { fixedClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import type { App } from '../../src/platform/http/create-http-server.js';
import { createLogger } from '../../src/platform/logger.js';
import { openTestDatabase } from '../db.js';

export interface TestApp {
  rt: Runtime;
  app: App;
  seed: SeedResult;
  clock: ReturnType<typeof fixedClock>;
  close(): Promise<void>;
}

/** The whole application on a fresh test database with the demo company (a few SKUs) seeded. */
export async function startTestApp(
  opts: {
    skus?: number;
    clock?: ReturnType<typeof fixedClock>;
    amazonGateway?: AmazonGateway;
    syncHistoryDays?: number;
    sellerIds?: { us: string; eu: string };
  } = {},
): Promise<TestApp> {
  const database = await openTestDatabase();
  const clock = opts.clock ?? fixedClock('2026-11-20T08:00:00Z');
  const config = loadConfig(
    {},
    {
      dataDir: mkdtempSync(join(tmpdir(), 'yf-test-')),
      secretKey: randomBytes(32).toString('hex'),
      logLevel: 'silent',
    },
  );
  const rt = await createRuntime(config, {
    database,
    clock,
    logger: createLogger(process.env.YF_TEST_LOG ?? 'silent'),
    migrate: false,
    ...(opts.amazonGateway ? { amazonGateway: opts.amazonGateway } : {}),
    ...(opts.syncHistoryDays ? { syncHistoryDays: opts.syncHistoryDays } : {}),
  });
  const seed = await seedDemoCompany(rt, {
    skus: opts.skus ?? 12,
    ...(opts.sellerIds ? { sellerIds: opts.sellerIds } : {}),
  });
  const app = await createApp(rt, { serveWeb: false });
  return {
    rt,
    app,
    seed,
    clock,
    async close() {
      await app.close();
      await rt.close();
    },
  };
}

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
  /** Sends a request as this user (with the CSRF header on writes). */
  req(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT',
    url: string,
    body?: unknown,
  ): Promise<LightMyRequestResponse>;
}

export async function login(t: TestApp, who: keyof typeof DEMO_USERS, password = DEMO_PASSWORD): Promise<Session> {
  const res = await t.app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: DEMO_USERS[who], password },
  });
  if (res.statusCode !== 200) throw new Error(`login ${who} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'yf_session')!;
  const body = res.json() as { csrfToken: string; user: { id: string } };
  const session: Session = {
    cookie: `yf_session=${cookie.value}`,
    csrf: body.csrfToken,
    userId: body.user.id,
    req: (method, url, payload) =>
      t.app.inject({
        method,
        url,
        headers: { cookie: session.cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': session.csrf }) },
        ...(payload !== undefined ? { payload: payload as object } : {}),
      }),
  };
  return session;
}

/** A multipart/form-data body with one file in field "file". */
export function multipart(
  fileName: string,
  content: Buffer | string,
  field = 'file',
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----yf${randomBytes(8).toString('hex')}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${fileName}"\r\nContent-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return {
    payload: Buffer.concat([head, Buffer.isBuffer(content) ? content : Buffer.from(content), tail]),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(t: TestApp, s: Session, url: string, fileName: string, content: Buffer | string) {
  const m = multipart(fileName, content);
  return t.app.inject({
    method: 'POST',
    url,
    payload: m.payload,
    headers: { ...m.headers, cookie: s.cookie, 'x-csrf-token': s.csrf },
  });
}
