import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session, startTestApp, type TestApp, upload } from './harness.js';

let t: TestApp;
let admin: Session;
beforeAll(async () => {
  t = await startTestApp({ skus: 3 });
  admin = await login(t, 'admin');
});
afterAll(async () => t?.close());

const raw = (body: string, contentType = 'application/json') =>
  t.app.inject({
    method: 'POST',
    url: '/api/catalog/skus',
    payload: body,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrf, 'content-type': contentType },
  });

describe('bad input gets a clear 4xx with a code and the field, and nothing is written', () => {
  it('malformed JSON', async () => {
    const r = await raw('{"sku": "A", "name": ');
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'INVALID_INPUT' });
    expect(r.json().error.requestId).toBeTruthy();
  });

  it('wrong types name the field', async () => {
    const r = await admin.req('POST', '/api/catalog/skus', { sku: 'T-1', name: 'x', casePack: 'twelve' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'INVALID_INPUT', details: { field: 'casePack' } });
  });

  it('unknown fields are rejected, not silently dropped', async () => {
    const r = await admin.req('PATCH', `/api/company`, { name: 'X', isAdmin: true });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/isAdmin|Unrecognized/i);
  });

  it('oversize bodies get 413', async () => {
    const r = await raw(JSON.stringify({ sku: 'BIG', name: 'x'.repeat(2_000_000) }));
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('negative money and bad currencies are refused with the field', async () => {
    const neg = await admin.req('POST', '/api/catalog/skus', {
      sku: 'T-2',
      name: 'x',
      cost: '-1.00',
      costCurrency: 'USD',
    });
    expect(neg.json().error.details.field).toBe('cost');
    const cur = await admin.req('POST', '/api/catalog/skus', {
      sku: 'T-3',
      name: 'x',
      cost: '1.00',
      costCurrency: 'usd',
    });
    expect(cur.json().error.details.field).toBe('costCurrency');
    const jpy = await admin.req('POST', '/api/catalog/skus', {
      sku: 'T-4',
      name: 'x',
      cost: '1.5',
      costCurrency: 'JPY',
    });
    expect(jpy.statusCode).toBe(400);
    expect(jpy.json().error.message).toMatch(/more than 0 decimals/);
  });

  it('SQL-looking strings are data, and HTML in names is stored as text', async () => {
    const evil = "x'); DROP TABLE sku; --";
    const r = await admin.req('GET', `/api/catalog/skus?q=${encodeURIComponent(evil)}`);
    expect(r.statusCode).toBe(200);
    expect(r.json().total).toBe(0);
    const pct = await admin.req('GET', `/api/catalog/skus?q=${encodeURIComponent('%')}`);
    expect(pct.json().total).toBe(0); // % is escaped, not a wildcard
    const html = '<img src=x onerror=alert(1)>杯子';
    const c = await admin.req('POST', '/api/catalog/skus', { sku: 'HTML-1', name: html });
    expect(c.statusCode).toBe(201);
    expect(c.json().name).toBe(html);
    expect((await admin.req('GET', '/api/catalog/skus?q=HTML-1')).json().rows[0].name).toBe(html);
    expect((await admin.req('GET', '/api/catalog/skus')).json().total).toBeGreaterThan(0);
  });

  it('duplicate keys are a 409 CONFLICT naming the field', async () => {
    await admin.req('POST', '/api/catalog/skus', { sku: 'DUP-1', name: 'x' });
    const r = await admin.req('POST', '/api/catalog/skus', { sku: 'DUP-1', name: 'y' });
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toMatchObject({ code: 'CONFLICT', details: { field: 'sku' } });
  });

  it('bad sort fields, pagination and ids are 400/404', async () => {
    expect((await admin.req('GET', '/api/catalog/skus?sort=password:asc')).json().error.details.field).toBe('sort');
    expect((await admin.req('GET', '/api/catalog/skus?limit=100000')).statusCode).toBe(400);
    expect((await admin.req('GET', '/api/catalog/skus/sku_01ABCDEFGHJKMNPQRSTVWXYZ0')).statusCode).toBe(404);
  });

  it('an upload that is not multipart, or an empty file, is a clear 400', async () => {
    const notMultipart = await admin.req('POST', '/api/catalog/import?kind=products&dryRun=true', { file: 'x' });
    expect(notMultipart.statusCode).toBe(400);
    const empty = await upload(t, admin, '/api/catalog/import?kind=products&dryRun=true', 'empty.csv', '');
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error.message).toMatch(/empty/);
    const garbage = await upload(
      t,
      admin,
      '/api/catalog/import?kind=products&dryRun=true',
      'x.xlsx',
      Buffer.from('PK\u0003\u0004 not a zip'),
    );
    expect(garbage.statusCode).toBe(400);
  });

  it('a store in the wrong region, or an unknown marketplace, is refused', async () => {
    const r = await admin.req('POST', '/api/stores', {
      name: 'X',
      region: 'NA',
      sellerId: 'A1XYZ12345',
      marketplaceIds: ['A1PA6795UKMFR9'],
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.message).toMatch(/DE is in region EU/);
  });

  it('unknown routes are a JSON 404', async () => {
    const r = await admin.req('GET', '/api/nope');
    expect(r.statusCode).toBe(404);
    expect(r.json().error.code).toBe('NOT_FOUND');
  });
});
