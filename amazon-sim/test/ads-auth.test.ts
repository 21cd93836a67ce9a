import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADS_BURST } from '../src/ads/service.ts';
import type { RunningSim } from '../src/server.ts';
import { grantlessToken, http, sellerToken, startTestSim } from './helpers.ts';

/** Amazon Ads API: profiles, auth headers and the per-profile throttle (429 + Retry-After). */

type Json = Record<string, unknown>;

const CAMPAIGN = 'application/vnd.spCampaign.v3+json';

async function adsHeaders(sim: RunningSim, sellerIndex: number, profileId?: number, contentType?: string) {
  const seller = sim.info.sellers[sellerIndex];
  if (!seller) throw new Error('no seller');
  return {
    Authorization: `Bearer ${await sellerToken(sim, sellerIndex)}`,
    'Amazon-Advertising-API-ClientId': seller.clientId,
    ...(profileId === undefined ? {} : { 'Amazon-Advertising-API-Scope': String(profileId) }),
    ...(contentType ? { 'Content-Type': contentType, Accept: contentType } : {}),
  };
}

const usProfile = (sim: RunningSim) => sim.info.sellers[0]?.adsProfileIds.ATVPDKIKX0DER ?? 0;

describe('Ads API: profiles and auth', () => {
  let sim: RunningSim;
  beforeAll(async () => {
    sim = await startTestSim({ rateLimits: false });
  });
  afterAll(async () => sim.close());

  it("GET /v2/profiles lists the seller's profiles of the host's region", async () => {
    const na = await http(`${sim.info.ads.na}/v2/profiles`, { headers: await adsHeaders(sim, 0) });
    expect(na.status).toBe(200);
    const profiles = na.json as Json[];
    const seller = sim.info.sellers[0];
    expect(profiles.map((p) => p.profileId)).toEqual(Object.values(seller?.adsProfileIds ?? {}));
    expect(profiles[0]).toEqual({
      profileId: usProfile(sim),
      countryCode: 'US',
      currencyCode: 'USD',
      dailyBudget: expect.any(Number),
      timezone: 'America/Los_Angeles',
      accountInfo: {
        marketplaceStringId: 'ATVPDKIKX0DER',
        id: seller?.sellerId,
        type: 'seller',
        name: seller?.name,
        validPaymentMethod: true,
      },
    });
    const eu = await http(`${sim.info.ads.eu}/v2/profiles`, { headers: await adsHeaders(sim, 0) });
    expect(eu.json).toEqual([]);
    const euSeller = await http(`${sim.info.ads.eu}/v2/profiles`, { headers: await adsHeaders(sim, 1) });
    expect((euSeller.json as Json[]).map((p) => p.countryCode)).toEqual(['DE', 'FR', 'IT', 'ES', 'UK']);
    expect((euSeller.json as Json[])[0]?.currencyCode).toBe('EUR');
  });

  it('answers missing or wrong credentials with 401 / 403 in the Ads error shape', async () => {
    const good = await adsHeaders(sim, 0, usProfile(sim), CAMPAIGN);
    const url = `${sim.info.ads.na}/sp/campaigns/list`;
    const call = (headers: Record<string, string>) => http(url, { method: 'POST', headers, body: '{}' });
    const without = (name: string) => Object.fromEntries(Object.entries(good).filter(([k]) => k !== name));

    const cases: [Record<string, string>, number, string][] = [
      [without('Authorization'), 401, 'UNAUTHORIZED'],
      [{ ...good, Authorization: 'Bearer Atza|nope' }, 401, 'UNAUTHORIZED'],
      [{ ...good, Authorization: `Bearer ${await grantlessToken(sim)}` }, 401, 'UNAUTHORIZED'],
      [without('Amazon-Advertising-API-ClientId'), 401, 'UNAUTHORIZED'],
      [{ ...good, 'Amazon-Advertising-API-ClientId': 'amzn1.application-oa2-client.other' }, 401, 'UNAUTHORIZED'],
      [without('Amazon-Advertising-API-Scope'), 403, 'ACCESS_DENIED'],
      [{ ...good, 'Amazon-Advertising-API-Scope': '12345' }, 403, 'ACCESS_DENIED'],
      // A profile of another seller, and an EU profile on the NA host.
      [
        { ...good, 'Amazon-Advertising-API-Scope': String(sim.info.sellers[1]?.adsProfileIds.A1PA6795UKMFR9) },
        403,
        'ACCESS_DENIED',
      ],
    ];
    for (const [headers, status, code] of cases) {
      const res = await call(headers);
      expect(res.status, JSON.stringify(headers)).toBe(status);
      expect(res.json).toEqual({ code, message: expect.any(String) });
    }
    expect((await call(good)).status).toBe(200);
    expect((await http(`${sim.info.ads.na}/v2/profiles`)).status).toBe(401);

    sim.clock.advance(3601_000);
    const expired = await call(good);
    expect(expired.status).toBe(401);
    expect((expired.json as Json).message).toContain('expired');
  });
});

describe('Ads API: throttling', () => {
  it('answers 429 with Retry-After once a profile exceeds its bucket, and recovers on the clock', async () => {
    const sim = await startTestSim();
    try {
      const headers = { ...(await adsHeaders(sim, 0, usProfile(sim))), 'Content-Type': CAMPAIGN };
      const url = `${sim.info.ads.na}/sp/campaigns/list`;
      const statuses: number[] = [];
      let throttled: Awaited<ReturnType<typeof http>> | undefined;
      for (let i = 0; i <= ADS_BURST && !throttled; i++) {
        const res = await http(url, { method: 'POST', headers, body: '{}' });
        statuses.push(res.status);
        if (res.status === 429) throttled = res;
      }
      expect(statuses.slice(0, ADS_BURST).every((s) => s === 200)).toBe(true);
      expect(throttled?.status).toBe(429);
      expect(throttled?.headers.get('retry-after')).toBe('1');
      expect(throttled?.json).toEqual({ code: 'THROTTLED', message: expect.any(String) });
      // Another profile has its own bucket.
      const ca = {
        ...headers,
        'Amazon-Advertising-API-Scope': String(sim.info.sellers[0]?.adsProfileIds.A2EUQ1WTGCTBG2),
      };
      expect((await http(url, { method: 'POST', headers: ca, body: '{}' })).status).toBe(200);
      sim.clock.advance(1000);
      expect((await http(url, { method: 'POST', headers, body: '{}' })).status).toBe(200);
    } finally {
      await sim.close();
    }
  });
});
