import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, type Session, startTestApp, type TestApp, upload } from './harness.js';

let t: TestApp;
let admin: Session;
let viewer: Session;
let opUs: Session; // operator scoped to store "Demo US"
let storeB: string; // "Demo EU", outside the operator's scope
let listingB: string;
let listingA: string;

beforeAll(async () => {
  t = await startTestApp({ skus: 12 });
  admin = await login(t, 'admin');
  viewer = await login(t, 'viewer');
  opUs = await login(t, 'operator');
  storeB = t.seed.storeIds.eu;
  const all = (await admin.req('GET', '/api/catalog/listings?limit=500')).json().rows as {
    id: string;
    storeId: string;
  }[];
  listingB = all.find((l) => l.storeId === storeB)!.id;
  listingA = all.find((l) => l.storeId === t.seed.storeIds.us)!.id;
});
afterAll(async () => t?.close());

const fill = (url: string, id: string) => url.replace(/:id/g, id);

describe('every route checks who is calling', () => {
  it('declares an access rule on every /api route', () => {
    expect(t.app.accessRules.length).toBeGreaterThan(30);
  });

  it('answers 401 on every non-public route without a session or token', async () => {
    for (const r of t.app.accessRules.filter((x) => x.access !== 'public')) {
      const res = await t.app.inject({ method: r.method as 'GET', url: fill(r.url, 'xxx_01ABCDEFGHJKMNPQRSTVWXYZ0') });
      expect([r.method, r.url, res.statusCode]).toEqual([r.method, r.url, 401]);
    }
  });

  it('a viewer gets 403 on every write route of a module it may only view (and on every settings write)', async () => {
    const writes = t.app.accessRules.filter((r) => typeof r.access === 'object' && r.access.action !== 'view');
    expect(writes.length).toBeGreaterThan(15);
    for (const r of writes) {
      const res = await viewer.req(
        r.method as 'POST',
        fill(r.url, 'xxx_01ABCDEFGHJKMNPQRSTVWXYZ0'),
        r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
      );
      expect([r.method, r.url, res.statusCode]).toEqual([r.method, r.url, 403]);
    }
  });

  it('a viewer cannot change data through any path, and nothing changes', async () => {
    const before = await admin.req('GET', '/api/operation-log?limit=1');
    const total = before.json().total as number;
    await viewer.req('PATCH', `/api/catalog/listings/${listingA}`, { price: '1.00' });
    await viewer.req('POST', '/api/catalog/skus', { sku: 'V-1', name: 'v' });
    const after = await admin.req('GET', '/api/operation-log?limit=1');
    expect(after.json().total).toBe(total);
  });
});

describe('data scope: a user of store A cannot read or write store B', () => {
  it('lists only store A', async () => {
    const stores = (await opUs.req('GET', '/api/stores')).json();
    expect(stores.rows.map((s: { id: string }) => s.id)).toEqual([t.seed.storeIds.us]);
  });

  it('gets 403 for store B by id, and for its listings', async () => {
    expect((await opUs.req('GET', `/api/stores/${storeB}`)).statusCode).toBe(403);
    expect((await opUs.req('GET', `/api/catalog/listings/${listingB}`)).statusCode).toBe(403);
    expect((await opUs.req('PATCH', `/api/catalog/listings/${listingB}`, { price: '1.00' })).statusCode).toBe(403);
    expect((await opUs.req('DELETE', `/api/catalog/listings/${listingB}`)).statusCode).toBe(403);
  });

  it('sees an empty result when filtering for store B, and only A in unfiltered lists, exports and stats', async () => {
    const filtered = (await opUs.req('GET', `/api/catalog/listings?storeId=${storeB}`)).json();
    expect(filtered).toEqual({ rows: [], total: 0 });
    const all = (await opUs.req('GET', '/api/catalog/listings?limit=500')).json();
    expect(all.total).toBeGreaterThan(0);
    expect(all.rows.every((l: { storeId: string }) => l.storeId === t.seed.storeIds.us)).toBe(true);
    const csv = await opUs.req('GET', '/api/catalog/export?kind=listings&format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Demo US');
    expect(csv.body).not.toContain('Demo EU');
    const stats = (await opUs.req('GET', '/api/catalog/stats')).json();
    expect(stats.listingCount).toBe(all.total);
    const adminStats = (await admin.req('GET', '/api/catalog/stats')).json();
    expect(adminStats.listingCount).toBeGreaterThan(stats.listingCount);
  });

  it('cannot create a listing in store B, nor import rows for it', async () => {
    const r = await opUs.req('POST', '/api/catalog/listings', {
      storeId: storeB,
      marketplaceId: 'A1PA6795UKMFR9',
      sellerSku: 'X-1',
    });
    expect(r.statusCode).toBe(403);
    const imp = await upload(
      t,
      opUs,
      '/api/catalog/import?kind=listings&dryRun=false',
      'l.csv',
      'store,marketplace,seller_sku,price\nDemo EU,DE,NEW-EU-1,9.99\n',
    );
    const report = imp.json();
    expect(report.status).toBe('rejected');
    expect(report.errors[0]).toMatchObject({
      line: 2,
      column: 'store',
      reason: 'store or marketplace outside your data scope',
    });
    const check = await admin.req('GET', '/api/catalog/listings?q=NEW-EU-1');
    expect(check.json()).toEqual({ rows: [], total: 0 });
  });

  it('can read and edit store A', async () => {
    const r = await opUs.req('PATCH', `/api/catalog/listings/${listingA}`, { price: '23.45' });
    expect(r.statusCode).toBe(200);
    expect(r.json().price).toBe('23.45');
  });
});
