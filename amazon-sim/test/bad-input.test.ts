import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../src/server.ts';
import { grantlessToken, http, sellerToken, startTestSim } from './helpers.ts';

const NOT_FOUND = { errors: [{ code: 'NotFound', message: 'Resource not found' }] };
const denied = (details: string) => ({
  errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.', details }],
});

describe('bad input gets Amazon error shapes, never a crash', () => {
  let sim: RunningSim;
  let token: string;
  let euToken: string;
  let grantless: string;
  let na: string;

  beforeAll(async () => {
    sim = await startTestSim({ mode: 'stateful', rateLimits: false });
    token = await sellerToken(sim, 0);
    euToken = await sellerToken(sim, 1);
    grantless = await grantlessToken(sim);
    na = sim.info.spApi.na;
  });
  afterAll(() => sim.close());

  const auth = (t = token) => ({ 'x-amz-access-token': t });

  it.each([
    ['an unknown path under a region', '/na/orders/v9/whatever'],
    ['an unknown top-level path', '/nowhere'],
    ['a region that does not exist', '/xx/orders/v0/orders'],
    ['a bare region root', '/na'],
  ])('404 NotFound for %s', async (_name, path) => {
    const res = await http(`${sim.url}${path}`, { headers: auth() });
    expect(res.status).toBe(404);
    expect(res.json).toEqual(NOT_FOUND);
    expect(res.headers.get('x-amzn-RequestId')).toBeTruthy();
  });

  it('400 InvalidInput for a malformed percent-encoding in the URL', async () => {
    for (const path of ['/na/orders/v0/orders/%zz', '/%zz']) {
      const res = await http(`${sim.url}${path}`, { headers: auth() });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({
        errors: [{ code: 'InvalidInput', message: 'The request URL is malformed.', details: '' }],
      });
      expect(res.headers.get('x-amzn-RequestId')).toBeTruthy();
    }
  });

  it('answers a wrong method on a known path with the same 404 shape (Amazon emits no 405)', async () => {
    for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
      const res = await http(`${na}/sellers/v1/marketplaceParticipations`, { method, headers: auth() });
      expect(res.status).toBe(404);
      expect(res.json).toEqual(NOT_FOUND);
    }
  });

  it('answers a wrong method on the LWA endpoint with the NotFound shape too', async () => {
    const res = await http(sim.info.lwaTokenUrl);
    expect(res.status).toBe(404);
    expect(res.json).toEqual(NOT_FOUND);
  });

  it('403 for a missing, unknown or empty access token', async () => {
    const url = `${na}/sellers/v1/marketplaceParticipations`;
    const missing = await http(url);
    expect(missing.status).toBe(403);
    expect(missing.json).toEqual(denied('Access token is missing in the request header.'));
    const unknown = await http(url, { headers: auth('Atza|forged') });
    expect(unknown.status).toBe(403);
    expect(unknown.json).toEqual(denied('The access token you provided is revoked, malformed or invalid.'));
    const empty = await http(url, { headers: auth('') });
    expect(empty.json).toEqual(denied('Access token is missing in the request header.'));
  });

  it('403 when a seller calls another region, or the token kind does not fit the operation', async () => {
    const onNa = await http(`${na}/sellers/v1/marketplaceParticipations`, { headers: auth(euToken) });
    expect(onNa.status).toBe(403);
    expect((onNa.json as { errors: { code: string }[] }).errors[0]?.code).toBe('Unauthorized');
    const euOk = await http(`${sim.info.spApi.eu}/sellers/v1/marketplaceParticipations`, { headers: auth(euToken) });
    expect(euOk.status).toBe(200);
    const grantlessOnSellerOp = await http(`${na}/sellers/v1/marketplaceParticipations`, { headers: auth(grantless) });
    expect(grantlessOnSellerOp.status).toBe(403);
    const sellerOnGrantlessOp = await http(`${na}/notifications/v1/destinations`, { headers: auth(token) });
    expect(sellerOnGrantlessOp.status).toBe(403);
    const grantlessOk = await http(`${na}/notifications/v1/destinations`, { headers: auth(grantless) });
    expect(grantlessOk.status).toBe(200);
  });

  it('400 InvalidInput for a body that is not JSON, whatever the content type', async () => {
    for (const contentType of ['application/json', 'text/plain', 'application/x-www-form-urlencoded']) {
      const res = await http(`${na}/reports/2021-06-30/reports`, {
        method: 'POST',
        headers: { ...auth(), 'content-type': contentType },
        body: '{"reportType": ',
      });
      expect(res.status).toBe(400);
      expect(res.json).toEqual({ errors: [{ code: 'InvalidInput', message: 'The request body is not valid JSON.' }] });
    }
  });

  it("answers a sandbox request that matches no case with the sandbox hosts' InvalidInput", async () => {
    const res = await http(`${sim.info.spApiSandbox.na}/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER`, {
      headers: auth(),
    });
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      errors: [{ code: 'InvalidInput', message: 'Could not match input arguments', details: '' }],
    });
  });

  it('survives odd but valid bodies: a JSON array, an empty body with a JSON content type', async () => {
    const array = await http(`${na}/reports/2021-06-30/reports`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
      body: '[1,2]',
    });
    expect(array.status).toBe(501);
    const empty = await http(`${na}/reports/2021-06-30/reports`, {
      method: 'POST',
      headers: { ...auth(), 'content-type': 'application/json' },
    });
    expect(empty.status).toBe(501);
    expect((empty.json as { errors: { code: string }[] }).errors[0]?.code).toBe('NotImplemented');
  });

  it('gives every response its own x-amzn-RequestId', async () => {
    const ids = new Set<string | null>();
    for (const path of ['/nowhere', '/sim/info', '/na/sellers/v1/account']) {
      ids.add((await http(`${sim.url}${path}`)).headers.get('x-amzn-RequestId'));
    }
    expect(ids.size).toBe(3);
    expect(ids.has(null)).toBe(false);
  });

  it('hides sandbox-only operations from the live endpoints but serves them on the sandbox twin', async () => {
    const body = JSON.stringify({ sellerSku: 'SKU1', marketplaceId: 'ATVPDKIKX0DER', productName: 'x' });
    const init = { method: 'POST', headers: { ...auth(), 'content-type': 'application/json' }, body };
    const live = await http(`${na}/fba/inventory/v1/items`, init);
    expect(live.status).toBe(404);
    const sandbox = await http(`${sim.info.spApiSandbox.na}/fba/inventory/v1/items`, init);
    // Amazon serves this one dynamically; without static cases the sandbox cannot match it.
    expect(sandbox.status).toBe(400);
  });
});
