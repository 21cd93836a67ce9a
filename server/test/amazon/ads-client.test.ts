import type { RunningSim } from 'amazon-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ADS_LIMIT,
  createAdsClient,
  createAdsReport,
  downloadAdsReportRows,
  waitForAdsReport,
} from '../../src/integrations/amazon-ads/index.js';
import { AmazonApiError, createLwaClient } from '../../src/integrations/amazon-sp-api/index.js';
import { createRateLimiter, type RateLimiter } from '../../src/platform/rate-limit/rate-limiter.js';
import { startTestSim } from './sim-client.js';

/**
 * The Ads client against amazon-sim's Ads API over HTTP: headers, 429 with Retry-After (the limiter is penalised for
 * exactly that long, here by moving the simulator's clock), an access token expiring between calls, nextToken /
 * startIndex pagination, reporting v3 create → poll → gzip download, and error classification.
 */

let sim: RunningSim;
beforeAll(async () => {
  sim = await startTestSim({ rateLimits: true, tokenTtlSeconds: 3600 });
});
afterAll(async () => sim?.close());

/** A limiter that records penalties and "waits" them out on the simulator's clock. */
function clockLimiter(): RateLimiter & { penalties: { key: string; ms: number }[] } {
  const inner = createRateLimiter({ kind: 'memory' });
  const penalties: { key: string; ms: number }[] = [];
  return {
    penalties,
    acquire: (key, spec, opts) => inner.acquire(key, { ...spec, ratePerSecond: 1000, burst: 1000 }, opts),
    tryAcquire: (key, spec) => inner.tryAcquire(key, spec),
    async penalize(key, ms) {
      penalties.push({ key, ms });
      sim.clock.advance(ms);
    },
    close: () => inner.close(),
  };
}

function client(limiter: RateLimiter = clockLimiter(), seller = sim.info.sellers.find((s) => s.region === 'na')!) {
  const lwa = createLwaClient({
    tokenUrl: sim.info.lwaTokenUrl,
    clientId: seller.clientId,
    clientSecret: seller.clientSecret,
    refreshToken: seller.refreshToken,
  });
  const ads = createAdsClient({
    endpoint: sim.info.ads.na,
    clientId: seller.clientId,
    lwa,
    limiter,
    retryBaseMs: 1,
    retryMaxMs: 5,
  });
  const profileId = String(Object.values(seller.adsProfileIds)[0]);
  return { ads, lwa, profileId, seller };
}

const SP_CAMPAIGN = 'application/vnd.spCampaign.v3+json';

describe('Amazon Ads client against amazon-sim', () => {
  it('lists the profiles of the advertiser without a scope header', async () => {
    const { ads, seller } = client();
    const res = await ads.call<{ profileId: number; countryCode: string; accountInfo: { id: string } }[]>(null, {
      operation: 'profiles/listProfiles',
      method: 'GET',
      path: '/v2/profiles',
    });
    expect(res.status).toBe(200);
    expect(res.body.map((p) => p.profileId).sort()).toEqual(Object.values(seller.adsProfileIds).sort());
    expect(res.body.every((p) => p.accountInfo.id === seller.sellerId)).toBe(true);
  });

  it('pages SP v3 lists with nextToken and SD lists with startIndex', async () => {
    const { ads, profileId } = client();
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const res = await ads.call<{ campaigns: { campaignId: string }[]; nextToken?: string; totalResults: number }>(
        profileId,
        {
          operation: 'sp/campaigns/list',
          method: 'POST',
          path: '/sp/campaigns/list',
          contentType: SP_CAMPAIGN,
          body: { maxResults: 1, ...(token ? { nextToken: token } : {}) },
        },
      );
      ids.push(...res.body.campaigns.map((c) => c.campaignId));
      token = res.body.nextToken;
      pages++;
    } while (token);
    const truth = [...sim.ads.store.of(sim.ads.store.profile(Number(profileId))!).sp.campaigns.keys()];
    expect(pages).toBe(truth.length);
    expect(ids.sort()).toEqual(truth.sort());
    const sd = await ads.call<unknown[]>(profileId, {
      operation: 'sd/campaigns/list',
      method: 'GET',
      path: '/sd/campaigns',
      query: { startIndex: 1, count: 1 },
    });
    expect(sd.body).toHaveLength(1);
  });

  it('sends the SP media type (a wrong one is a permanent 415 error)', async () => {
    const { ads, profileId } = client();
    const err = await ads
      .call(profileId, { operation: 'sp/campaigns/list', method: 'POST', path: '/sp/campaigns/list', body: {} })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AmazonApiError);
    expect(err).toMatchObject({ status: 415, retryable: false, amazonCode: 'UNSUPPORTED_MEDIA_TYPE' });
  });

  it('honours 429 Retry-After: penalises the key for that long and retries until it passes', async () => {
    const limiter = clockLimiter();
    const { ads, profileId } = client(limiter);
    const before = sim.clock.now();
    // The simulator's bucket per profile holds 60 calls; 70 calls in a frozen clock must be throttled.
    for (let i = 0; i < 70; i++)
      await ads.call(profileId, {
        operation: 'sp/campaigns/list',
        method: 'POST',
        path: '/sp/campaigns/list',
        contentType: SP_CAMPAIGN,
        body: { maxResults: 1 },
      });
    expect(limiter.penalties.length).toBeGreaterThan(0);
    expect(limiter.penalties[0]).toEqual({ key: `ads:${profileId}:sp/campaigns/list`, ms: 1000 });
    expect(ads.stats()['sp/campaigns/list']).toMatchObject({ failures: 0 });
    expect(ads.stats()['sp/campaigns/list']!.throttled).toBe(limiter.penalties.length);
    expect(sim.clock.now() - before).toBe(limiter.penalties.length * 1000);
  });

  it('gives up on 429 after its retries with a retryable RATE_LIMITED error', async () => {
    const inner = createRateLimiter({ kind: 'memory' });
    const stubborn: RateLimiter = {
      acquire: (key, spec, opts) => inner.acquire(key, { ...spec, ratePerSecond: 1000, burst: 1000 }, opts),
      tryAcquire: (k, s) => inner.tryAcquire(k, s),
      penalize: async () => {},
      close: () => inner.close(),
    };
    const { profileId, lwa, seller } = client();
    const ads = createAdsClient({
      endpoint: sim.info.ads.na,
      clientId: seller.clientId,
      lwa,
      limiter: stubborn,
      maxRetries: 2,
    });
    let err: unknown;
    for (let i = 0; i < 80 && !err; i++)
      await ads
        .call(profileId, {
          operation: 'sp/adGroups/list',
          method: 'POST',
          path: '/sp/adGroups/list',
          contentType: 'application/vnd.spAdGroup.v3+json',
          body: { maxResults: 1 },
        })
        .catch((e: unknown) => {
          err = e;
        });
    expect(err).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: expect.any(Number) });
  });

  it('refreshes an access token that expired between calls, once', async () => {
    const { ads, lwa, profileId } = client();
    const call = () =>
      ads.call(profileId, {
        operation: 'sp/campaigns/list',
        method: 'POST',
        path: '/sp/campaigns/list',
        contentType: SP_CAMPAIGN,
        body: { maxResults: 1 },
      });
    await call();
    expect(lwa.fetchCount).toBe(1);
    // The simulator's clock passes the token's hour; the client's own clock does not know.
    sim.clock.advance(3601_000);
    const res = await call();
    expect(res.status).toBe(200);
    expect(lwa.fetchCount).toBe(2);
  });

  it('classifies a foreign profile as a permanent FORBIDDEN error', async () => {
    const { ads } = client();
    const other = sim.info.sellers.find((s) => s.region === 'eu')!;
    const err = await ads
      .call(String(Object.values(other.adsProfileIds)[0]), {
        operation: 'sd/campaigns/list',
        method: 'GET',
        path: '/sd/campaigns',
      })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'FORBIDDEN', status: 403, retryable: false, amazonCode: 'ACCESS_DENIED' });
  });

  it('creates a report (a duplicate request returns the same id), polls it and downloads its rows', async () => {
    const { ads, profileId } = client();
    const req = {
      startDate: new Date(sim.clock.now() - 3 * 86_400_000).toISOString().slice(0, 10),
      endDate: new Date(sim.clock.now() - 86_400_000).toISOString().slice(0, 10),
      configuration: {
        adProduct: 'SPONSORED_PRODUCTS',
        reportTypeId: 'spCampaigns',
        groupBy: ['campaign'],
        columns: ['date', 'campaignId', 'impressions', 'clicks', 'cost', 'sales7d'],
        timeUnit: 'DAILY' as const,
      },
    };
    const id = await createAdsReport(ads, profileId, req);
    expect(await createAdsReport(ads, profileId, req)).toBe(id);
    const statuses: string[] = [];
    const done = await waitForAdsReport(ads, profileId, id, {
      wait: async () => sim.clock.advance(15_000),
      onStatus: (s) => statuses.push(s),
    });
    expect(statuses[0]).toBe('PENDING');
    expect(statuses.at(-1)).toBe('COMPLETED');
    const rows = await downloadAdsReportRows(ads, done.url);
    const campaigns = sim.ads.store.of(sim.ads.store.profile(Number(profileId))!).sp.campaigns.size;
    expect(rows).toHaveLength(campaigns * 3);
    expect(Object.keys(rows[0]!)).toEqual(req.configuration.columns);
  });

  it('documents its conservative default rate', () => {
    expect(ADS_LIMIT).toEqual({ ratePerSecond: 2, burst: 10 });
  });
});
