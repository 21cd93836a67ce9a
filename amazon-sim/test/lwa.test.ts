import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../src/server.ts';
import { http, postForm, sellerToken, startTestSim } from './helpers.ts';

describe('LWA /auth/o2/token', () => {
  let sim: RunningSim;
  let creds: { clientId: string; clientSecret: string; refreshToken: string };
  const participations = () => `${sim.info.spApi.na}/sellers/v1/marketplaceParticipations`;

  beforeAll(async () => {
    sim = await startTestSim({ mode: 'sandbox', rateLimits: false });
    const s = sim.info.sellers[0];
    if (!s) throw new Error('no seller');
    creds = s;
  });
  afterAll(() => sim.close());

  const refreshFields = () => ({
    grant_type: 'refresh_token',
    refresh_token: creds.refreshToken,
    client_id: creds.clientId,
    client_secret: creds.clientSecret,
  });

  it('exchanges a refresh token sent form-encoded', async () => {
    const res = await postForm(sim.info.lwaTokenUrl, refreshFields());
    expect(res.status).toBe(200);
    expect(res.headers.get('x-amzn-RequestId')).toMatch(/^[0-9a-f-]{36}$/);
    const body = res.json as Record<string, unknown>;
    expect(body).toEqual({
      access_token: expect.stringMatching(/^Atza\|/),
      refresh_token: creds.refreshToken,
      token_type: 'bearer',
      expires_in: 3600,
    });
  });

  it('accepts the same fields as JSON (Amazon Java client) and HTTP Basic client authentication', async () => {
    const json = await http(sim.info.lwaTokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(refreshFields()),
    });
    expect(json.status).toBe(200);
    const basic = await postForm(sim.info.lwaTokenUrl, {
      grant_type: 'refresh_token',
      refresh_token: creds.refreshToken,
    });
    expect(basic.status).toBe(401);
    const withBasic = await http(sim.info.lwaTokenUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${creds.clientId}:${creds.clientSecret}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: creds.refreshToken }).toString(),
    });
    expect(withBasic.status).toBe(200);
  });

  it('issues grantless tokens for client_credentials with a known scope', async () => {
    const ok = await postForm(sim.info.lwaTokenUrl, {
      grant_type: 'client_credentials',
      scope: 'sellingpartnerapi::notifications',
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
    });
    expect(ok.status).toBe(200);
    expect(ok.json).toEqual({
      access_token: expect.stringMatching(/^Atc\|/),
      scope: 'sellingpartnerapi::notifications',
      token_type: 'bearer',
      expires_in: 3600,
    });
    const base = { grant_type: 'client_credentials', client_id: creds.clientId, client_secret: creds.clientSecret };
    const missing = await postForm(sim.info.lwaTokenUrl, base);
    expect(missing.status).toBe(400);
    expect((missing.json as { error: string }).error).toBe('invalid_request');
    const unknown = await postForm(sim.info.lwaTokenUrl, { ...base, scope: 'sellingpartnerapi::everything' });
    expect(unknown.status).toBe(400);
    expect(unknown.json).toEqual({ error: 'invalid_scope', error_description: expect.any(String) });
  });

  it('runs the authorization-code workflow: consent redirect, single-use code, redirect_uri check', async () => {
    const redirect = 'https://yangfan.example/callback';
    const consent = await http(
      `${sim.info.authorizeUrl}?application_id=${sim.info.applicationId}&state=xyz&redirect_uri=${encodeURIComponent(redirect)}`,
    );
    expect(consent.status).toBe(302);
    const target = new URL(consent.headers.get('location') ?? '');
    expect(target.origin + target.pathname).toBe(redirect);
    expect(target.searchParams.get('state')).toBe('xyz');
    expect(target.searchParams.get('selling_partner_id')).toBe(sim.info.sellers[0]?.sellerId);
    const code = target.searchParams.get('spapi_oauth_code') ?? '';
    const exchange = (redirectUri: string) =>
      postForm(sim.info.lwaTokenUrl, {
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        client_id: creds.clientId,
        client_secret: creds.clientSecret,
      });
    const wrongUri = await exchange('https://elsewhere.example/cb');
    expect(wrongUri.status).toBe(400);
    expect((wrongUri.json as { error: string }).error).toBe('invalid_grant');
    const ok = await exchange(redirect);
    expect(ok.status).toBe(200);
    expect((ok.json as { refresh_token: string }).refresh_token).toBe(creds.refreshToken);
    const again = await exchange(redirect);
    expect((again.json as { error: string }).error).toBe('invalid_grant');
  });

  it('expires authorization codes after five minutes', async () => {
    const consent = await http(`${sim.info.authorizeUrl}?application_id=${sim.info.applicationId}`);
    const code = (consent.json as { spapi_oauth_code: string }).spapi_oauth_code;
    sim.clock.advance(5 * 60_000);
    const res = await postForm(sim.info.lwaTokenUrl, {
      grant_type: 'authorization_code',
      code,
      client_id: creds.clientId,
      client_secret: creds.clientSecret,
    });
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toBe('invalid_grant');
  });

  it.each([
    ['wrong secret', { client_secret: 'nope' }, 401, 'invalid_client'],
    ['unknown client', { client_id: 'amzn1.application-oa2-client.0' }, 401, 'invalid_client'],
    ['bad refresh token', { refresh_token: 'Atzr|revoked' }, 400, 'invalid_grant'],
    ['missing refresh token', { refresh_token: '' }, 400, 'invalid_request'],
    ['unsupported grant', { grant_type: 'password' }, 400, 'unsupported_grant_type'],
    ['missing grant_type', { grant_type: '' }, 400, 'invalid_request'],
  ] as const)('rejects a %s', async (_name, override, status, error) => {
    const fields: Record<string, string> = { ...refreshFields(), ...override };
    for (const k of Object.keys(fields)) if (fields[k] === '') delete fields[k];
    const res = await postForm(sim.info.lwaTokenUrl, fields);
    expect(res.status).toBe(status);
    expect(res.json).toEqual({ error, error_description: expect.any(String) });
  });

  it('rejects a malformed JSON body with invalid_request', async () => {
    const res = await http(sim.info.lwaTokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":',
    });
    expect(res.status).toBe(400);
    expect((res.json as { error: string }).error).toBe('invalid_request');
  });

  it('lets a token through until its expiry, then answers 403 "has expired"', async () => {
    const token = await sellerToken(sim);
    const call = () => http(participations(), { headers: { 'x-amz-access-token': token } });
    sim.clock.advance(3599_000);
    expect((await call()).status).toBe(200);
    sim.clock.advance(1000);
    const expired = await call();
    expect(expired.status).toBe(403);
    expect(expired.json).toEqual({
      errors: [
        {
          code: 'Unauthorized',
          message: 'Access to requested resource is denied.',
          details: 'The access token you provided has expired.',
        },
      ],
    });
  });
});

describe('token TTL option', () => {
  it('issues tokens living --token-ttl seconds', async () => {
    const sim = await startTestSim({ mode: 'sandbox', tokenTtlSeconds: 60 });
    try {
      const s = sim.info.sellers[0];
      if (!s) throw new Error('no seller');
      const res = await postForm(sim.info.lwaTokenUrl, {
        grant_type: 'refresh_token',
        refresh_token: s.refreshToken,
        client_id: s.clientId,
        client_secret: s.clientSecret,
      });
      expect((res.json as { expires_in: number }).expires_in).toBe(60);
      const token = (res.json as { access_token: string }).access_token;
      sim.clock.advance(60_000);
      const call = await http(`${sim.info.spApi.na}/sellers/v1/marketplaceParticipations`, {
        headers: { 'x-amz-access-token': token },
      });
      expect(call.status).toBe(403);
    } finally {
      await sim.close();
    }
  });
});
