import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src/entrypoints/seed.js';
import { login, startTestApp, type TestApp } from './harness.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ skus: 4 });
});
afterAll(async () => t?.close());

describe('sign-in, sessions, CSRF, API tokens', () => {
  it('signs in with an httpOnly cookie and rejects a wrong password without saying which part was wrong', async () => {
    const ok = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: DEMO_USERS.admin, password: 'yangfan-demo' },
    });
    expect(ok.statusCode).toBe(200);
    const cookie = ok.cookies.find((c) => c.name === 'yf_session');
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const bad = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: DEMO_USERS.admin, password: 'nope-nope-nope' },
    });
    expect(bad.statusCode).toBe(401);
    const unknown = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: 'ghost@example.com', password: 'nope-nope-nope' },
    });
    expect(unknown.json().error.message).toBe(bad.json().error.message);
  });

  it('stores passwords as argon2id hashes', async () => {
    const row = await t.rt.database.db
      .selectFrom('appUser')
      .select('passwordHash')
      .where('email', '=', DEMO_USERS.viewer)
      .executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });

  it('locks an account after 5 failed sign-ins and an admin can unlock it', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: DEMO_USERS.finance, password: `wrong-${i}-xxxxx` },
      });
      expect(r.statusCode).toBe(401);
    }
    const fifth = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: DEMO_USERS.finance, password: 'wrong-5-xxxxx' },
    });
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().error.code).toBe('ACCOUNT_LOCKED');
    const evenRight = await t.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: DEMO_USERS.finance, password: 'yangfan-demo' },
    });
    expect(evenRight.statusCode).toBe(423);
    const admin = await login(t, 'admin');
    const unlock = await admin.req('POST', `/api/users/${t.seed.userIds.finance}/unlock`);
    expect(unlock.statusCode).toBe(200);
    expect((await login(t, 'finance')).userId).toBe(t.seed.userIds.finance);
  });

  it('rate-limits sign-in attempts per account', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 12; i++) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'nobody@example.com', password: 'whatever-123' },
      });
      codes.push(r.statusCode);
    }
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    expect(codes.slice(10)).toEqual([429, 429]);
  });

  it('requires the CSRF token for writes through a session', async () => {
    const s = await login(t, 'admin');
    const noCsrf = await t.app.inject({
      method: 'POST',
      url: '/api/departments',
      headers: { cookie: s.cookie },
      payload: { name: 'R&D', kind: 'rnd' },
    });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().error.code).toBe('CSRF_INVALID');
    const withCsrf = await s.req('POST', '/api/departments', { name: 'R&D', kind: 'rnd' });
    expect(withCsrf.statusCode).toBe(201);
  });

  it('logs out: the cookie no longer works', async () => {
    const s = await login(t, 'viewer');
    expect((await s.req('GET', '/api/auth/me')).statusCode).toBe(200);
    expect((await s.req('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await s.req('GET', '/api/auth/me')).statusCode).toBe(401);
  });

  it('API tokens are hashed, scoped, need no CSRF, and stop working when revoked', async () => {
    const s = await login(t, 'admin');
    const created = await s.req('POST', '/api/api-tokens', { name: 'ERP sync', scopes: ['catalog:view'] });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json() as { token: string; id: string };
    const stored = await t.rt.database.db
      .selectFrom('apiToken')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.tokenHash).not.toContain(token);
    expect(JSON.stringify(stored)).not.toContain(token);
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/skus', headers: auth })).statusCode).toBe(200);
    const write = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/skus',
      headers: auth,
      payload: { sku: 'TOK-1', name: 'x' },
    });
    expect(write.statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: auth })).statusCode).toBe(403);
    expect((await s.req('DELETE', `/api/api-tokens/${id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: '/api/catalog/skus', headers: auth })).statusCode).toBe(401);
  });

  it('a token cannot exceed its user: a viewer token with catalog:edit still cannot write', async () => {
    const v = await login(t, 'viewer');
    const created = await v.req('POST', '/api/api-tokens', { name: 'mine', scopes: ['catalog:view', 'catalog:edit'] });
    const token = (created.json() as { token: string }).token;
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/catalog/skus',
      headers: { authorization: `Bearer ${token}` },
      payload: { sku: 'TOK-2', name: 'x' },
    });
    expect(r.statusCode).toBe(403);
  });
});
