import type { RunningSim } from 'amazon-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AmazonApiError, createLwaClient } from '../../src/integrations/amazon-sp-api/index.js';
import { clientFor, startTestSim } from './sim-client.js';

/** LWA against amazon-sim: refresh-token and grantless tokens, cache, refresh before expiry, revoked tokens. */

let sim: RunningSim;

beforeAll(async () => {
  sim = await startTestSim({ tokenTtlSeconds: 300, living: { historyDays: 3, skus: 5 } });
});
afterAll(async () => sim.close());

function lwaFor(index = 0, refreshToken?: string) {
  const seller = sim.info.sellers[index];
  if (!seller) throw new Error('no seller');
  return createLwaClient({
    tokenUrl: sim.info.lwaTokenUrl,
    clientId: seller.clientId,
    clientSecret: seller.clientSecret,
    refreshToken: refreshToken ?? seller.refreshToken,
    now: () => sim.clock.now(),
  });
}

describe('LWA client', () => {
  it('fetches a token once, shares it between concurrent callers and serves it from the cache', async () => {
    const lwa = lwaFor();
    const tokens = await Promise.all([1, 2, 3, 4, 5].map(() => lwa.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).toMatch(/^Atza\|/);
    expect(await lwa.getAccessToken()).toBe(tokens[0]);
    expect(lwa.fetchCount).toBe(1);
  });

  it('refreshes 60 s before expiry, not earlier', async () => {
    const lwa = lwaFor();
    const first = await lwa.getAccessToken();
    sim.clock.advance(239_000); // 61 s left of 300
    expect(await lwa.getAccessToken()).toBe(first);
    sim.clock.advance(2_000); // 59 s left: refresh
    const second = await lwa.getAccessToken();
    expect(second).not.toBe(first);
    expect(lwa.fetchCount).toBe(2);
  });

  it('keeps grantless tokens apart from seller tokens', async () => {
    const lwa = lwaFor();
    const seller = await lwa.getAccessToken();
    const grantless = await lwa.getAccessToken({ scope: 'sellingpartnerapi::notifications' });
    expect(grantless).not.toBe(seller);
    expect(await lwa.getAccessToken({ scope: 'sellingpartnerapi::notifications' })).toBe(grantless);
    expect(lwa.fetchCount).toBe(2);
  });

  it('maps a revoked refresh token to a permanent UNAUTHORIZED error with a clear message', async () => {
    const err = await lwaFor(0, 'Atzr|revoked-or-made-up')
      .getAccessToken()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmazonApiError);
    const e = err as AmazonApiError;
    expect(e.code).toBe('UNAUTHORIZED');
    expect(e.retryable).toBe(false);
    expect(e.amazonCode).toBe('invalid_grant');
    expect(e.message).toContain('refresh token revoked or invalid');
  });

  it('maps a wrong client secret to invalid_client, and an unreachable LWA to a retryable error', async () => {
    const seller = sim.info.sellers[0];
    if (!seller) throw new Error('no seller');
    const bad = createLwaClient({ ...seller, tokenUrl: sim.info.lwaTokenUrl, clientSecret: 'wrong' });
    const e1 = (await bad.getAccessToken().catch((e: unknown) => e)) as AmazonApiError;
    expect([e1.code, e1.retryable, e1.amazonCode]).toEqual(['UNAUTHORIZED', false, 'invalid_client']);
    const down = createLwaClient({ ...seller, tokenUrl: 'http://127.0.0.1:1/auth/o2/token' });
    const e2 = (await down.getAccessToken().catch((e: unknown) => e)) as AmazonApiError;
    expect([e2.code, e2.retryable]).toEqual(['UPSTREAM_UNAVAILABLE', true]);
  });

  it('drops a token the SP-API reports as expired and retries once with a fresh one', async () => {
    // the client's clock stands still, so it believes its token valid; Amazon's (the sim's) moves past expiry
    const frozen = sim.clock.now();
    const client = clientFor(sim, 0, { now: () => frozen });
    const path = '/sellers/v1/marketplaceParticipations';
    const call = () => client.call({ operation: 'getMarketplaceParticipations', method: 'GET', path });
    expect((await call()).status).toBe(200);
    sim.clock.advance(301_000);
    const res = await call();
    expect(res.status).toBe(200);
    expect(client.lwa.fetchCount).toBe(2);
    expect(client.stats()['sellers/getMarketplaceParticipations']).toMatchObject({ calls: 3, failures: 0 });
  });
});
