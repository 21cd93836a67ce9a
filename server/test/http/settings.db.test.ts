import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session, startTestApp, type TestApp, upload } from './harness.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await startTestApp({ skus: 2 });
  admin = await login(t, 'admin');
});
afterAll(async () => t?.close());

describe('stores', () => {
  it('encrypts credentials at rest and never returns them', async () => {
    const secret = 'amzn1.oa2-cs.v1.supersecret';
    const r = await admin.req('POST', '/api/stores', {
      name: 'Sim JP',
      region: 'FE',
      sellerId: 'A3SIMSELLERJP',
      marketplaceIds: ['A1VC38T7YXB528'],
      credentials: { clientId: 'amzn1.application-oa2-client.x', clientSecret: secret, refreshToken: 'Atzr|refresh' },
      endpoints: { spApi: 'http://127.0.0.1:4100', lwa: 'http://127.0.0.1:4100/auth/o2/token' },
    });
    expect(r.statusCode).toBe(201);
    expect(r.body).not.toContain(secret);
    expect(r.json()).toMatchObject({ hasCredentials: true, endpoints: { spApi: 'http://127.0.0.1:4100' } });
    const row = await t.rt.database.db
      .selectFrom('store')
      .select('credentialsEnc')
      .where('id', '=', r.json().id)
      .executeTakeFirstOrThrow();
    expect(row.credentialsEnc).toMatch(/^v1:/);
    expect(row.credentialsEnc).not.toContain('supersecret');
    expect(await t.rt.services.stores.credentialsOf(t.seed.companyId, r.json().id)).toMatchObject({
      clientSecret: secret,
    });
    const log = (await admin.req('GET', `/api/operation-log?entity=store&entityId=${r.json().id}`)).json();
    expect(JSON.stringify(log)).not.toContain('supersecret');
    expect((await admin.req('GET', '/api/stores')).body).not.toContain(secret);
  });

  it('refuses to delete a store that still has listings', async () => {
    const r = await admin.req('DELETE', `/api/stores/${t.seed.storeIds.us}`);
    expect(r.statusCode).toBe(409);
  });
});

describe('exchange rates', () => {
  it('converts with the latest rate on or before the date, and refuses a missing one', async () => {
    await admin.req('POST', '/api/exchange-rates', {
      fromCurrency: 'USD',
      toCurrency: 'CNY',
      rateDate: '2026-01-10',
      rate: '7.1000',
    });
    const ok = await admin.req('GET', '/api/exchange-rates/convert?amount=19.99&from=USD&to=CNY&date=2026-01-12');
    expect(ok.json()).toMatchObject({ rate: '7.1', rateDate: '2026-01-10', result: '141.93' });
    const inverse = await admin.req('GET', '/api/exchange-rates/convert?amount=100&from=CNY&to=USD&date=2026-01-12');
    expect(inverse.json().result).toBe('14.08');
    const missing = await admin.req('GET', '/api/exchange-rates/convert?amount=1&from=USD&to=CNY&date=2025-06-01');
    expect(missing.statusCode).toBe(422);
    expect(missing.json().error.code).toBe('MISSING_EXCHANGE_RATE');
  });

  it('imports a CSV of rates atomically and idempotently', async () => {
    const csv =
      'from_currency,to_currency,rate_date,rate\r\nEUR,CNY,2026-02-01,7.7512\r\nGBP,CNY,2026-02-01,"9,0100"\r\n';
    const first = (await upload(t, admin, '/api/exchange-rates/import?dryRun=false', 'rates.csv', csv)).json();
    expect(first).toMatchObject({ status: 'ok', created: 2 });
    const again = (await upload(t, admin, '/api/exchange-rates/import?dryRun=false', 'rates.csv', csv)).json();
    expect(again).toMatchObject({ status: 'ok', created: 0, unchanged: 2 });
    const bad = (
      await upload(t, admin, '/api/exchange-rates/import?dryRun=false', 'rates.csv', `${csv}XXX,CNY,2026-02-30,-1\r\n`)
    ).json();
    expect(bad.status).toBe('rejected');
    expect(bad.errors.map((e: { line: number; column: string }) => `${e.line}:${e.column}`)).toEqual([
      '4:from_currency',
      '4:rate_date',
      '4:rate',
    ]);
  });
});

describe('operation log', () => {
  it('records every write with actor, source, before → after', async () => {
    const before = (await admin.req('GET', '/api/operation-log?limit=1')).json().total as number;
    const sku = (await admin.req('POST', '/api/catalog/skus', { sku: 'LOG-1', name: 'Mug', moq: 100 })).json();
    await admin.req('PATCH', `/api/catalog/skus/${sku.id}`, { moq: 200 });
    await admin.req('PATCH', `/api/catalog/skus/${sku.id}`, { moq: 200 }); // no change → no entry
    await admin.req('DELETE', `/api/catalog/skus/${sku.id}`);
    await admin.req('PATCH', '/api/company', { name: 'Renamed Co.' });
    const log = (await admin.req('GET', '/api/operation-log?limit=10')).json();
    expect(log.total).toBe(before + 4);
    const [company, del, upd, create] = log.rows;
    expect(company).toMatchObject({
      module: 'iam',
      entity: 'company',
      action: 'update',
      after: { name: 'Renamed Co.' },
      source: 'ui',
      actorId: admin.userId,
    });
    expect(del).toMatchObject({ entity: 'sku', action: 'delete', before: { sku: 'LOG-1' } });
    expect(upd).toMatchObject({ entity: 'sku', action: 'update', before: { moq: 100 }, after: { moq: 200 } });
    expect(create).toMatchObject({ entity: 'sku', action: 'create', after: { sku: 'LOG-1' } });
    const filtered = (await admin.req('GET', `/api/operation-log?entity=sku&entityId=${sku.id}`)).json();
    expect(filtered.total).toBe(3);
  });

  it('a failed write leaves no log entry and no partial change', async () => {
    const before = (await admin.req('GET', '/api/operation-log?limit=1')).json().total as number;
    const r = await admin.req('POST', '/api/users', {
      email: 'x@example.com',
      displayName: 'X',
      password: 'long-enough-pw',
      roleIds: ['rol_01ABCDEFGHJKMNPQRSTVWXYZ0'],
    });
    expect(r.statusCode).toBe(400);
    expect((await admin.req('GET', '/api/operation-log?limit=1')).json().total).toBe(before);
  });
});

describe('users, roles and the API surface', () => {
  it('creates a role from the permission matrix and refuses actions a module lacks', async () => {
    const ok = await admin.req('POST', '/api/roles', {
      name: 'Catalog editor',
      permissions: { catalog: ['view', 'edit'] },
    });
    expect(ok.statusCode).toBe(201);
    const bad = await admin.req('POST', '/api/roles', { name: 'Odd', permissions: { catalog: ['admin'] } });
    expect(bad.statusCode).toBe(400);
    const sys = (await admin.req('GET', '/api/roles')).json().rows.find((r: { isSystem: boolean }) => r.isSystem);
    expect((await admin.req('PATCH', `/api/roles/${sys.id}`, { permissions: {} })).statusCode).toBe(403);
  });

  it('serves OpenAPI, docs, health and metrics', async () => {
    const spec = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(spec.openapi).toBe('3.0.3');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining(['/api/catalog/listings', '/api/stores', '/api/health']),
    );
    expect((await t.app.inject({ method: 'GET', url: '/api/docs' })).statusCode).toBeLessThan(400);
    expect((await t.app.inject({ method: 'GET', url: '/api/health' })).json()).toMatchObject({
      status: 'ok',
      db: { ok: true },
    });
    const metrics = await t.app.inject({ method: 'GET', url: '/metrics' });
    expect(metrics.body).toContain('yangfan_http_requests_total');
  });
});

describe('exports of the other grids', () => {
  it('exports the operation log and exchange rates to Excel and CSV, respecting permissions', async () => {
    const log = await admin.req('GET', '/api/operation-log/export?format=csv&entity=exchange_rate');
    expect(log.statusCode).toBe(200);
    expect(log.body.startsWith('\uFEFFtime,actor,source,module,entity')).toBe(true);
    expect(log.body).toContain('exchange_rate');
    const rates = await admin.req('GET', '/api/exchange-rates/export?format=xlsx&fromCurrency=USD');
    expect(rates.statusCode).toBe(200);
    expect(rates.headers['content-type']).toContain('spreadsheetml');
    const viewer = await login(t, 'viewer');
    expect((await viewer.req('GET', '/api/operation-log/export')).statusCode).toBe(403);
  });
});
