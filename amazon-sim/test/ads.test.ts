import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../src/server.ts';
import { http, sellerToken, startTestSim } from './helpers.ts';

/** Amazon Ads API: SP v3 campaign management with 207 multi-status bodies, SB / SD campaign lists. */

type Json = Record<string, unknown>;

const CAMPAIGN = 'application/vnd.spCampaign.v3+json';
const AD_GROUP = 'application/vnd.spAdGroup.v3+json';
const KEYWORD = 'application/vnd.spKeyword.v3+json';

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

describe('Ads API: Sponsored Products v3 campaign management', () => {
  let sim: RunningSim;
  let headers: Record<string, string>;
  let base: string;

  beforeAll(async () => {
    sim = await startTestSim({ rateLimits: false });
    base = `${sim.info.ads.na}/sp`;
    headers = await adsHeaders(sim, 0, usProfile(sim));
  });
  afterAll(async () => sim.close());

  const call = (method: string, path: string, media: string, body: unknown, extra: Record<string, string> = {}) =>
    http(`${base}${path}`, {
      method,
      headers: { ...headers, 'Content-Type': media, Accept: media, ...extra },
      body: JSON.stringify(body),
    });

  it('seeds a few deterministic campaigns per profile with their ad groups, ads, keywords and targets', async () => {
    const campaigns = await call('POST', '/campaigns/list', CAMPAIGN, {});
    expect(campaigns.status).toBe(200);
    expect(campaigns.headers.get('content-type')).toBe(CAMPAIGN);
    const list = (campaigns.json as { campaigns: Json[]; totalResults: number }).campaigns;
    expect(list.length).toBeGreaterThanOrEqual(3);
    expect(list.map((c) => c.targetingType).sort()).toEqual(['AUTO', 'MANUAL', 'MANUAL']);
    for (const c of list) {
      expect(c).toMatchObject({
        campaignId: expect.stringMatching(/^\d+$/),
        name: expect.any(String),
        startDate: expect.any(String),
      });
      expect(c.budget).toEqual({ budget: expect.any(Number), budgetType: 'DAILY' });
    }
    for (const [path, media, key] of [
      ['/adGroups/list', AD_GROUP, 'adGroups'],
      ['/keywords/list', KEYWORD, 'keywords'],
      ['/targets/list', 'application/vnd.spTargetingClause.v3+json', 'targetingClauses'],
      ['/negativeKeywords/list', 'application/vnd.spNegativeKeyword.v3+json', 'negativeKeywords'],
      ['/productAds/list', 'application/vnd.spProductAd.v3+json', 'productAds'],
    ] as const) {
      const res = await call('POST', path, media, {});
      expect((res.json as Record<string, unknown[]>)[key]?.length, path).toBeGreaterThan(0);
    }
    // Same seed, same entities.
    const twin = await startTestSim({ rateLimits: false });
    try {
      const again = await http(`${twin.info.ads.na}/sp/campaigns/list`, {
        method: 'POST',
        headers: { ...(await adsHeaders(twin, 0, usProfile(twin))), 'Content-Type': CAMPAIGN },
        body: '{}',
      });
      expect((again.json as { campaigns: Json[] }).campaigns).toEqual(list);
    } finally {
      await twin.close();
    }
  });

  it('requires the versioned media type', async () => {
    const res = await call('POST', '/campaigns/list', 'application/json', {});
    expect(res.status).toBe(415);
    expect(res.json).toEqual({ code: 'UNSUPPORTED_MEDIA_TYPE', message: expect.any(String) });
  });

  it('round-trips create / list / update / delete with 207 multi-status bodies', async () => {
    const prefer = { Prefer: 'return=representation' };
    const created = await call(
      'POST',
      '/campaigns',
      CAMPAIGN,
      {
        campaigns: [
          {
            name: 'Round trip',
            targetingType: 'MANUAL',
            state: 'ENABLED',
            budget: { budget: 25, budgetType: 'DAILY' },
          },
          {
            name: 'Too cheap',
            targetingType: 'MANUAL',
            state: 'ENABLED',
            budget: { budget: 0.5, budgetType: 'DAILY' },
          },
          {
            name: 'Round trip',
            targetingType: 'MANUAL',
            state: 'ENABLED',
            budget: { budget: 25, budgetType: 'DAILY' },
          },
          { targetingType: 'AUTO', state: 'ENABLED', budget: { budget: 5, budgetType: 'DAILY' } },
        ],
      },
      prefer,
    );
    expect(created.status).toBe(207);
    expect(created.headers.get('content-type')).toBe(CAMPAIGN);
    expect(created.headers.get('preference-applied')).toBe('return=representation');
    const body = (created.json as { campaigns: { success: Json[]; error: { index: number; errors: Json[] }[] } })
      .campaigns;
    expect(body.success).toHaveLength(1);
    const campaignId = body.success[0]?.campaignId as string;
    expect(body.success[0]).toEqual({
      campaignId,
      index: 0,
      campaign: {
        campaignId,
        name: 'Round trip',
        targetingType: 'MANUAL',
        state: 'ENABLED',
        startDate: '2026-01-01',
        budget: { budget: 25, budgetType: 'DAILY' },
        dynamicBidding: { strategy: 'LEGACY_FOR_SALES', placementBidding: [] },
      },
    });
    expect(body.error.map((e) => [e.index, e.errors[0]?.errorType])).toEqual([
      [1, 'budgetError'],
      [2, 'duplicateValueError'],
      [3, 'missingValueError'],
    ]);
    expect(body.error[0]?.errors[0]?.errorValue).toEqual({
      budgetError: expect.objectContaining({
        reason: 'BUDGET_TOO_LOW',
        cause: { location: '$.campaigns[1].budget.budget', trigger: '0.5' },
      }),
    });

    // Without Prefer, success items carry only index and id.
    const group = await call('POST', '/adGroups', AD_GROUP, {
      adGroups: [{ campaignId, name: 'Group', state: 'ENABLED', defaultBid: 0.8 }],
    });
    const adGroupId = (group.json as { adGroups: { success: Json[] } }).adGroups.success[0]?.adGroupId as string;
    expect((group.json as { adGroups: { success: Json[] } }).adGroups.success[0]).toEqual({ adGroupId, index: 0 });

    const keywords = await call(
      'POST',
      '/keywords',
      KEYWORD,
      {
        keywords: [
          { campaignId, adGroupId, keywordText: 'blue widget', matchType: 'EXACT', state: 'ENABLED', bid: 1.1 },
          { campaignId, adGroupId, keywordText: 'blue widget', matchType: 'SOMETIMES', state: 'ENABLED' },
          { campaignId, adGroupId: '1', keywordText: 'red widget', matchType: 'EXACT', state: 'ENABLED' },
        ],
      },
      prefer,
    );
    const kw = (keywords.json as { keywords: { success: Json[]; error: { index: number; errors: Json[] }[] } })
      .keywords;
    expect(kw.success.map((s) => s.index)).toEqual([0]);
    expect(kw.error.map((e) => [e.index, e.errors[0]?.errorType])).toEqual([
      [1, 'rangeError'],
      [2, 'parentEntityError'],
    ]);
    const keywordId = kw.success[0]?.keywordId as string;

    const updated = await call(
      'PUT',
      '/keywords',
      KEYWORD,
      { keywords: [{ keywordId, bid: 1.45, state: 'PAUSED' }, { keywordId: '999', bid: 1 }, { bid: 2 }] },
      prefer,
    );
    const up = (updated.json as { keywords: { success: Json[]; error: { index: number; errors: Json[] }[] } }).keywords;
    expect(up.success[0]).toMatchObject({ keywordId, index: 0, keyword: { bid: 1.45, state: 'PAUSED' } });
    expect(up.error[0]?.errors[0]).toEqual({
      errorType: 'entityNotFoundError',
      errorValue: {
        entityNotFoundError: expect.objectContaining({
          reason: 'ENTITY_NOT_FOUND',
          entityType: 'KEYWORD',
          entityId: '999',
        }),
      },
    });
    expect(up.error[1]?.errors[0]?.errorType).toBe('missingValueError');

    const listed = await call('POST', '/keywords/list', KEYWORD, {
      adGroupIdFilter: { include: [adGroupId] },
      includeExtendedDataFields: true,
    });
    expect((listed.json as { keywords: Json[] }).keywords).toEqual([
      expect.objectContaining({
        keywordId,
        bid: 1.45,
        state: 'PAUSED',
        extendedData: expect.objectContaining({ servingStatus: 'TARGETING_CLAUSE_PAUSED' }),
      }),
    ]);

    for (const [path, media, key, body] of [
      [
        '/targets',
        'application/vnd.spTargetingClause.v3+json',
        'targetingClauses',
        { expression: [{ type: 'ASIN_SAME_AS', value: 'B000000001' }], expressionType: 'MANUAL', bid: 0.9 },
      ],
      [
        '/negativeKeywords',
        'application/vnd.spNegativeKeyword.v3+json',
        'negativeKeywords',
        { keywordText: 'free', matchType: 'NEGATIVE_EXACT' },
      ],
      [
        '/negativeTargets',
        'application/vnd.spNegativeTargetingClause.v3+json',
        'negativeTargetingClauses',
        { expression: [{ type: 'ASIN_BRAND_SAME_AS', value: '123' }] },
      ],
      ['/productAds', 'application/vnd.spProductAd.v3+json', 'productAds', { sku: 'YF-NEW-1' }],
    ] as const) {
      const res = await call(
        'POST',
        path,
        media,
        { [key]: [{ campaignId, adGroupId, state: 'ENABLED', ...body }] },
        prefer,
      );
      expect(res.status, path).toBe(207);
      const out = (res.json as Record<string, { success: Json[]; error: Json[] }>)[key];
      expect(out?.error, path).toEqual([]);
      expect(out?.success).toHaveLength(1);
    }

    const deleted = await call('POST', '/campaigns/delete', CAMPAIGN, {
      campaignIdFilter: { include: [campaignId, '42'] },
    });
    const del = (deleted.json as { campaigns: { success: Json[]; error: { index: number }[] } }).campaigns;
    expect(del.success).toEqual([{ campaignId, index: 0 }]);
    expect(del.error.map((e) => e.index)).toEqual([1]);
    const archived = await call('POST', '/campaigns/list', CAMPAIGN, {
      campaignIdFilter: { include: [campaignId] },
      stateFilter: { include: ['ARCHIVED'] },
    });
    expect((archived.json as { campaigns: Json[] }).campaigns).toEqual([
      expect.objectContaining({ campaignId, state: 'ARCHIVED' }),
    ]);
    const enabledOnly = await call('POST', '/campaigns/list', CAMPAIGN, { stateFilter: { include: ['ENABLED'] } });
    expect((enabledOnly.json as { campaigns: Json[] }).campaigns.map((c) => c.campaignId)).not.toContain(campaignId);
    // Archived entities are read-only; their children cannot be created.
    const late = await call('POST', '/adGroups', AD_GROUP, {
      adGroups: [{ campaignId, name: 'Late', state: 'ENABLED', defaultBid: 1 }],
    });
    const lateError = (late.json as { adGroups: { error: { errors: Json[] }[] } }).adGroups.error[0]?.errors[0];
    expect(lateError?.errorValue).toEqual({
      parentEntityError: expect.objectContaining({ reason: 'PARENT_ENTITY_ARCHIVED' }),
    });
  });

  it('accepts 1000 items per request and rejects 1001 with 400 INVALID_ARGUMENT', async () => {
    const created = await call('POST', '/campaigns', CAMPAIGN, {
      campaigns: [
        { name: 'Bulk', targetingType: 'MANUAL', state: 'ENABLED', budget: { budget: 50, budgetType: 'DAILY' } },
      ],
    });
    const campaignId = (created.json as { campaigns: { success: Json[] } }).campaigns.success[0]?.campaignId;
    const group = await call('POST', '/adGroups', AD_GROUP, {
      adGroups: [{ campaignId, name: 'Bulk', state: 'ENABLED', defaultBid: 0.5 }],
    });
    const adGroupId = (group.json as { adGroups: { success: Json[] } }).adGroups.success[0]?.adGroupId;
    const kw = (n: number) =>
      Array.from({ length: n }, (_, i) => ({
        campaignId,
        adGroupId,
        keywordText: `bulk ${i}`,
        matchType: 'PHRASE',
        state: 'ENABLED',
      }));

    const tooMany = await call('POST', '/keywords', KEYWORD, { keywords: kw(1001) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.json).toEqual({ code: 'INVALID_ARGUMENT', message: expect.stringContaining('1000') });
    const tooManyDeletes = await call('POST', '/keywords/delete', KEYWORD, {
      keywordIdFilter: { include: Array.from({ length: 1001 }, (_, i) => String(i)) },
    });
    expect(tooManyDeletes.status).toBe(400);

    const ok = await call('POST', '/keywords', KEYWORD, { keywords: kw(1000) });
    expect(ok.status).toBe(207);
    const result = (ok.json as { keywords: { success: Json[]; error: Json[] } }).keywords;
    expect(result.success).toHaveLength(1000);
    expect(result.error).toEqual([]);

    // Paging through them with maxResults and nextToken.
    const seen: unknown[] = [];
    let nextToken: string | undefined;
    do {
      const page = await call('POST', '/keywords/list', KEYWORD, {
        adGroupIdFilter: { include: [adGroupId] },
        maxResults: 300,
        ...(nextToken ? { nextToken } : {}),
      });
      const json = page.json as { keywords: Json[]; totalResults: number; nextToken?: string };
      expect(json.totalResults).toBe(1000);
      seen.push(...json.keywords.map((k) => k.keywordId));
      nextToken = json.nextToken;
    } while (nextToken);
    expect(new Set(seen).size).toBe(1000);
    const badToken = await call('POST', '/keywords/list', KEYWORD, { nextToken: 'bogus' });
    expect(badToken.status).toBe(400);
  });

  it('lists Sponsored Brands and Sponsored Display campaigns', async () => {
    const sb = await http(`${sim.info.ads.na}/sb/v4/campaigns/list`, {
      method: 'POST',
      headers: { ...headers, Accept: 'application/vnd.sbcampaignresource.v4+json' },
    });
    expect(sb.status).toBe(200);
    const sbJson = sb.json as { campaigns: Json[]; totalCount: number };
    expect(sbJson.totalCount).toBe(sbJson.campaigns.length);
    expect(sbJson.campaigns[0]).toMatchObject({
      campaignId: expect.any(String),
      budgetType: 'DAILY',
      brandEntityId: expect.any(String),
    });
    const enabled = await http(`${sim.info.ads.na}/sb/v4/campaigns/list`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ stateFilter: { include: ['ENABLED'] } }),
    });
    expect((enabled.json as { campaigns: Json[] }).campaigns.every((c) => c.state === 'ENABLED')).toBe(true);

    const sd = await http(`${sim.info.ads.na}/sd/campaigns`, { headers });
    expect(sd.status).toBe(200);
    const sdJson = sd.json as Json[];
    expect(sdJson[0]).toMatchObject({
      campaignId: expect.any(Number),
      tactic: 'T00020',
      state: 'enabled',
      startDate: expect.stringMatching(/^\d{8}$/),
    });
    const paused = await http(`${sim.info.ads.na}/sd/campaigns?stateFilter=paused`, { headers });
    expect((paused.json as Json[]).map((c) => c.state)).toEqual(['paused']);
  });
});
