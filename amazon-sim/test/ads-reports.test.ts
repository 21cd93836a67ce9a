import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../src/server.ts';
import { resolveSharedAmazonDir } from '../src/shared-dir.ts';
import { sellerToken, startTestSim } from './helpers.ts';

/** Reporting v3: create → PENDING → PROCESSING → COMPLETED on the virtual clock → gzipped JSON rows. */

type Row = Record<string, unknown>;
const CREATE = 'application/vnd.createasyncreportrequest.v3+json';

const columnsFile = JSON.parse(readFileSync(join(resolveSharedAmazonDir(), 'ads', 'report-columns.json'), 'utf8')) as {
  reportTypes: Record<string, { baseColumns?: string[]; byGroup?: Record<string, string[]> }>;
};

describe('Ads reporting v3', () => {
  let sim: RunningSim;
  let headers: Record<string, string>;
  let base: string;

  beforeAll(async () => {
    sim = await startTestSim({ rateLimits: false });
    const seller = sim.info.sellers[0];
    headers = {
      Authorization: `Bearer ${await sellerToken(sim, 0)}`,
      'Amazon-Advertising-API-ClientId': seller?.clientId ?? '',
      'Amazon-Advertising-API-Scope': String(seller?.adsProfileIds.ATVPDKIKX0DER),
      'Content-Type': CREATE,
    };
    base = `${sim.info.ads.na}/reporting/reports`;
  });
  afterAll(async () => sim.close());

  const create = async (body: unknown) => {
    const res = await fetch(base, { method: 'POST', headers, body: JSON.stringify(body) });
    return { status: res.status, json: (await res.json()) as Row };
  };
  const status = async (reportId: string) => (await (await fetch(`${base}/${reportId}`, { headers })).json()) as Row;
  const download = async (url: string): Promise<Row[]> => {
    const res = await fetch(url);
    expect(res.status).toBe(200);
    return JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as Row[];
  };
  const report = (reportTypeId: string, adProduct: string, groupBy: string[], columns: string[], extra: Row = {}) => ({
    name: `${reportTypeId} test`,
    startDate: '2025-12-25',
    endDate: '2025-12-31',
    configuration: { adProduct, groupBy, columns, reportTypeId, timeUnit: 'DAILY', format: 'GZIP_JSON', ...extra },
  });
  /** Creates a report and advances the clock until it is COMPLETED; returns its rows. */
  const run = async (body: unknown): Promise<Row[]> => {
    const created = await create(body);
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    sim.clock.advance(60_000);
    const done = await status(String(created.json.reportId));
    expect(done.status).toBe('COMPLETED');
    return download(String(done.url));
  };

  it('moves PENDING → PROCESSING → COMPLETED and serves rows with exactly the requested columns', async () => {
    const columns = [
      'adGroupId',
      'campaignId',
      'impressions',
      'clicks',
      'cost',
      'purchases1d',
      'purchases7d',
      'purchases14d',
      'purchases30d',
      'sales7d',
      'costPerClick',
      'clickThroughRate',
      'date',
    ];
    const created = await create(report('spCampaigns', 'SPONSORED_PRODUCTS', ['campaign', 'adGroup'], columns));
    expect(created.status).toBe(200);
    expect(created.json).toEqual({
      configuration: expect.objectContaining({
        reportTypeId: 'spCampaigns',
        columns,
        filters: null,
        format: 'GZIP_JSON',
      }),
      createdAt: '2026-01-01T00:00:00.000Z',
      endDate: '2025-12-31',
      failureReason: null,
      fileSize: null,
      generatedAt: null,
      name: 'spCampaigns test',
      reportId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      startDate: '2025-12-25',
      status: 'PENDING',
      updatedAt: '2026-01-01T00:00:00.000Z',
      url: null,
      urlExpiresAt: null,
    });
    const id = String(created.json.reportId);
    expect((await status(id)).status).toBe('PENDING');
    sim.clock.advance(20_000);
    expect((await status(id)).status).toBe('PROCESSING');
    sim.clock.advance(40_000);
    const done = await status(id);
    expect(done).toMatchObject({
      status: 'COMPLETED',
      fileSize: expect.any(Number),
      generatedAt: '2026-01-01T00:01:00.000Z',
    });
    expect(String(done.url)).toMatch(/\.json\.gz\?/);

    const rows = await download(String(done.url));
    const adGroups = new Set(rows.map((r) => r.adGroupId));
    expect(rows.length).toBe(adGroups.size * 7);
    for (const row of rows) {
      expect(Object.keys(row)).toEqual(columns);
      const n = (k: string) => row[k] as number;
      expect(n('clicks')).toBeLessThanOrEqual(n('impressions'));
      expect(n('purchases1d')).toBeLessThanOrEqual(n('purchases7d'));
      expect(n('purchases7d')).toBeLessThanOrEqual(n('purchases14d'));
      expect(n('purchases14d')).toBeLessThanOrEqual(n('purchases30d'));
      expect(n('purchases7d')).toBeLessThanOrEqual(n('clicks'));
      if (n('clicks') > 0) {
        expect(n('costPerClick')).toBeGreaterThanOrEqual(0.3);
        expect(n('costPerClick')).toBeLessThanOrEqual(2.0);
        expect(n('clickThroughRate')).toBeLessThan(0.05);
      }
      expect(String(row.date)).toMatch(/^2025-12-(2[5-9]|3[01])$/);
    }
    expect(rows.some((r) => (r.impressions as number) > 0)).toBe(true);
  });

  it('sums SUMMARY reports over the range and keeps the DAILY numbers consistent', async () => {
    const metrics = ['campaignId', 'impressions', 'clicks', 'cost', 'sales14d'];
    const daily = await run(report('spCampaigns', 'SPONSORED_PRODUCTS', ['campaign'], [...metrics, 'date']));
    const summary = await run({
      ...report('spCampaigns', 'SPONSORED_PRODUCTS', ['campaign'], [...metrics, 'startDate', 'endDate']),
      configuration: {
        ...report('spCampaigns', 'SPONSORED_PRODUCTS', ['campaign'], [...metrics, 'startDate', 'endDate'])
          .configuration,
        timeUnit: 'SUMMARY',
      },
    });
    for (const row of summary) {
      expect(row.startDate).toBe('2025-12-25');
      expect(row.endDate).toBe('2025-12-31');
      const days = daily.filter((d) => d.campaignId === row.campaignId);
      expect(days).toHaveLength(7);
      expect(row.impressions).toBe(days.reduce((s, d) => s + (d.impressions as number), 0));
      expect(row.clicks).toBe(days.reduce((s, d) => s + (d.clicks as number), 0));
    }
  });

  it('serves every required report type with its own columns', async () => {
    const types = columnsFile.reportTypes;
    const cases: [string, string, string[], string[], Row?][] = [
      [
        'spTargeting',
        'SPONSORED_PRODUCTS',
        ['targeting'],
        [
          'keywordId',
          'keyword',
          'matchType',
          'keywordType',
          'impressions',
          'clicks',
          'acosClicks14d',
          'roasClicks14d',
          'adKeywordStatus',
          'date',
        ],
        { filters: [{ field: 'keywordType', values: ['BROAD', 'PHRASE', 'EXACT'] }] },
      ],
      [
        'spSearchTerm',
        'SPONSORED_PRODUCTS',
        ['searchTerm'],
        ['searchTerm', 'keywordId', 'targeting', 'impressions', 'clicks', 'cost', 'date'],
      ],
      [
        'spAdvertisedProduct',
        'SPONSORED_PRODUCTS',
        ['advertiser'],
        ['adId', 'advertisedAsin', 'advertisedSku', 'impressions', 'clicks', 'cost', 'purchases7d', 'date'],
      ],
      [
        'sbCampaigns',
        'SPONSORED_BRANDS',
        ['campaign'],
        [
          'campaignId',
          'campaignName',
          'impressions',
          'clicks',
          'cost',
          'purchases',
          'purchasesClicks',
          'sales',
          'newToBrandPurchasesPercentage',
          'date',
        ],
      ],
      [
        'sdCampaigns',
        'SPONSORED_DISPLAY',
        ['campaign'],
        [
          'campaignId',
          'campaignName',
          'impressions',
          'clicks',
          'cost',
          'purchases',
          'purchasesClicks',
          'impressionsViews',
          'date',
        ],
      ],
    ];
    for (const [id, adProduct, groupBy, columns, extra] of cases) {
      const allowed = new Set([
        ...(types[id]?.baseColumns ?? []),
        ...groupBy.flatMap((g) => types[id]?.byGroup?.[g] ?? []),
      ]);
      if (types[id])
        for (const c of columns.filter((c) => c !== 'date'))
          expect(allowed.has(c) || id === 'sdCampaigns', `${id} ${c}`).toBe(true);
      const rows = await run(report(id, adProduct, groupBy, columns, extra));
      expect(rows.length, id).toBeGreaterThan(0);
      for (const row of rows) {
        expect(Object.keys(row), id).toEqual(columns);
        expect(row.clicks as number).toBeLessThanOrEqual(row.impressions as number);
        if ('purchasesClicks' in row)
          expect(row.purchasesClicks as number).toBeLessThanOrEqual(row.purchases as number);
      }
      if (id === 'spTargeting')
        expect(new Set(rows.map((r) => r.keywordType))).toEqual(new Set(['BROAD', 'PHRASE', 'EXACT']));
      if (id === 'spAdvertisedProduct') expect(rows.every((r) => /^B0/.test(String(r.advertisedAsin)))).toBe(true);
    }
  });

  it('validates the request with reporting v3 errors ({code, detail})', async () => {
    const ok = report('spCampaigns', 'SPONSORED_PRODUCTS', ['campaign'], ['campaignId', 'impressions', 'date']);
    const bad = async (body: unknown, status = 400) => {
      const res = await create(body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(res.json).toEqual({ code: String(status), detail: expect.any(String) });
      return String(res.json.detail);
    };
    const cfg = ok.configuration;
    expect(await bad({ ...ok, configuration: { ...cfg, columns: ['campaignId', 'foo', 'bar'] } })).toBe(
      'configuration columns includes invalid values: (foo, bar)',
    );
    // adGroupName comes with the adGroup grouping only.
    expect(await bad({ ...ok, configuration: { ...cfg, columns: ['adGroupName'] } })).toContain('adGroupName');
    expect(await bad({ ...ok, configuration: { ...cfg, reportTypeId: 'spNope' } })).toBe(
      'configuration reportTypeId is unknown or invalid',
    );
    await bad({ ...ok, configuration: { ...cfg, groupBy: ['searchTerm'] } });
    await bad({ ...ok, configuration: { ...cfg, adProduct: 'SPONSORED_BRANDS' } });
    await bad({ ...ok, configuration: { ...cfg, timeUnit: 'SUMMARY' } });
    await bad({ ...ok, configuration: { ...cfg, format: 'CSV' } });
    await bad({ ...ok, startDate: '2025-11-01', endDate: '2025-12-31' });
    await bad({ ...ok, startDate: '2025-01-01', endDate: '2025-01-02' });
    await bad({ ...ok, configuration: { ...cfg, filters: [{ field: 'campaignStatus', values: ['SLEEPING'] }] } });
    const first = await create({ ...ok, name: 'dup' });
    expect(first.status).toBe(200);
    expect(await bad({ ...ok, name: 'dup' }, 425)).toContain(String(first.json.reportId));
  });

  it('serves the file like a pre-signed S3 URL: no Authorization header, expiry, and determinism', async () => {
    const body = report(
      'spAdvertisedProduct',
      'SPONSORED_PRODUCTS',
      ['advertiser'],
      ['adId', 'impressions', 'clicks', 'date'],
    );
    const created = await create({ ...body, name: 'presigned' });
    expect(created.status, JSON.stringify(created.json)).toBe(200);
    sim.clock.advance(60_000);
    const url = String((await status(String(created.json.reportId))).url);
    const withAuth = await fetch(url, { headers: { Authorization: headers.Authorization ?? '' } });
    expect(withAuth.status).toBe(400);
    expect(await withAuth.text()).toContain('<Code>InvalidArgument</Code>');
    const first = Buffer.from(await (await fetch(url)).arrayBuffer());
    sim.clock.advance(3_601_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toContain('Request has expired');
    // A fresh status call (with a fresh access token: the old one expired too) signs a fresh URL.
    headers.Authorization = `Bearer ${await sellerToken(sim, 0)}`;
    const fresh = String((await status(String(created.json.reportId))).url);
    expect(Buffer.from(await (await fetch(fresh)).arrayBuffer())).toEqual(first);

    // Same seed, same report bytes.
    const twin = await startTestSim({ rateLimits: false });
    try {
      const twinHeaders = { ...headers, Authorization: `Bearer ${await sellerToken(twin, 0)}` };
      const again = await fetch(`${twin.info.ads.na}/reporting/reports`, {
        method: 'POST',
        headers: twinHeaders,
        body: JSON.stringify({ ...body, name: 'presigned' }),
      });
      const againJson = (await again.json()) as Row;
      expect(again.status, JSON.stringify(againJson)).toBe(200);
      const id = againJson.reportId;
      twin.clock.advance(60_000);
      const twinStatus = (await (
        await fetch(`${twin.info.ads.na}/reporting/reports/${id}`, { headers: twinHeaders })
      ).json()) as Row;
      const bytes = Buffer.from(await (await fetch(String(twinStatus.url))).arrayBuffer());
      expect(gunzipSync(bytes).toString()).toBe(gunzipSync(first).toString());
    } finally {
      await twin.close();
    }
  });
});
