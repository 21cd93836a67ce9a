import { describe, expect, it } from 'vitest';
import {
  amountMinor,
  expressionText,
  isoDate,
  mapSbCampaign,
  mapSdCampaign,
  mapSpCampaign,
  mapTarget,
} from './ads-mappers.js';
import { ADS_REPORTS, readReportRows, reportRequest, reportSpec } from './ads-report-rows.js';
import { planJobs, type ReportsCursor } from './ads-sync.js';

describe('ads amounts', () => {
  it('reads JSON numbers and decimal strings into minor units, rounding half away from zero', () => {
    expect(amountMinor(12.34, 'USD')).toBe(1234);
    expect(amountMinor('0.1', 'EUR')).toBe(10);
    expect(amountMinor(0.1 + 0.2, 'USD')).toBe(30);
    expect(amountMinor(1234.5, 'JPY')).toBe(1235);
    expect(amountMinor(-2.005, 'USD')).toBe(-201);
    expect(amountMinor(1e-7, 'USD')).toBe(0);
    expect(amountMinor(null, 'USD')).toBeNull();
    expect(amountMinor('12,34', 'USD')).toBeNull();
  });
  it('reads v2-style and ISO dates', () => {
    expect(isoDate('20261001')).toBe('2026-10-01');
    expect(isoDate('2026-10-01')).toBe('2026-10-01');
    expect(isoDate('')).toBeNull();
  });
});

describe('ads entity mappers', () => {
  it('maps SP, SB and SD campaigns with budgets in minor units and upper-case states', () => {
    const sp = mapSpCampaign(
      {
        campaignId: '123',
        name: 'Auto',
        state: 'ENABLED',
        targetingType: 'AUTO',
        startDate: '2026-10-01',
        budget: { budget: 20.5, budgetType: 'DAILY' },
        dynamicBidding: { strategy: 'LEGACY_FOR_SALES' },
      },
      'USD',
    );
    expect(sp).toMatchObject({
      adType: 'SP',
      budgetMinor: 2050,
      state: 'ENABLED',
      biddingStrategy: 'LEGACY_FOR_SALES',
    });
    const sd = mapSdCampaign(
      {
        campaignId: 987654321,
        name: 'SD',
        state: 'paused',
        tactic: 'T00020',
        budget: 30,
        budgetType: 'daily',
        startDate: '20261001',
        costType: 'vcpm',
      },
      'JPY',
    );
    expect(sd).toMatchObject({
      campaignId: '987654321',
      state: 'PAUSED',
      budgetMinor: 30,
      startDate: '2026-10-01',
      costType: 'VCPM',
    });
    const sb = mapSbCampaign(
      { campaignId: '5', name: 'SB', state: 'ARCHIVED', budget: 50, budgetType: 'DAILY' },
      'EUR',
    );
    expect(sb).toMatchObject({ adType: 'SB', budgetMinor: 5000, state: 'ARCHIVED' });
  });
  it('prints targeting expressions as reports do', () => {
    expect(expressionText([{ type: 'ASIN_SAME_AS', value: 'B0ABC' }])).toBe('asin_same_as="B0ABC"');
    expect(expressionText([{ type: 'QUERY_HIGH_REL_MATCHES' }])).toBe('query_high_rel_matches');
    const t = mapTarget(
      {
        targetId: '9',
        campaignId: '1',
        adGroupId: '2',
        state: 'ENABLED',
        expressionType: 'MANUAL',
        bid: 0.75,
        expression: [{ type: 'ASIN_SAME_AS', value: 'B0X' }],
      },
      'GBP',
    );
    expect(t).toMatchObject({ kind: 'PRODUCT_TARGET', matchType: 'MANUAL', bidMinor: 75, text: 'asin_same_as="B0X"' });
  });
});

describe('ads report rows', () => {
  const campaign = reportSpec('campaign');
  it('reads SP rows with 7-day attribution and keeps 14-day beside', () => {
    const { records, errors } = readReportRows(
      campaign,
      [
        {
          date: '2026-11-01',
          campaignId: '1',
          impressions: 100,
          clicks: 3,
          cost: 2.5,
          sales7d: 39.98,
          purchases7d: 2,
          unitsSoldClicks7d: 2,
          sales14d: 59.97,
          purchases14d: 3,
          unitsSoldClicks14d: 3,
          campaignBudgetCurrencyCode: 'USD',
        },
      ],
      'USD',
    );
    expect(errors).toEqual([]);
    expect(records[0]).toMatchObject({
      report: 'campaign',
      entityKey: '1',
      costMinor: 250,
      salesMinor: 3998,
      orders: 2,
      sales14dMinor: 5997,
      attribution: '7d',
    });
  });
  it('reads SB rows with 14-day attribution', () => {
    const { records } = readReportRows(
      reportSpec('sbCampaign'),
      [
        {
          date: '2026-11-01',
          campaignId: '7',
          impressions: 10,
          clicks: 1,
          cost: 1,
          sales: 30,
          purchases: 1,
          unitsSold: 1,
        },
      ],
      'EUR',
    );
    expect(records[0]).toMatchObject({
      report: 'campaign',
      adType: 'SB',
      salesMinor: 3000,
      sales14dMinor: 3000,
      attribution: '14d',
    });
  });
  it('keys search terms by target and term, placements by campaign and placement', () => {
    const st = readReportRows(
      reportSpec('searchTerm'),
      [{ date: '2026-11-01', campaignId: '1', keywordId: 'k1', searchTerm: 'yoga mat', cost: 0 }],
      'USD',
    );
    expect(st.records[0]?.entityKey).toBe('k1|yoga mat');
    const pl = readReportRows(
      reportSpec('placement'),
      [{ date: '2026-11-01', campaignId: '1', placementClassification: 'Top of Search on-Amazon' }],
      'USD',
    );
    expect(pl.records[0]?.entityKey).toBe('1|Top of Search on-Amazon');
  });
  it('rejects a row without date, key or with a bad amount, with its position, and keeps the others', () => {
    const { records, errors } = readReportRows(
      campaign,
      [
        { date: 'yesterday', campaignId: '1' },
        { date: '2026-11-01' },
        { date: '2026-11-01', campaignId: '2', cost: 'n/a' },
        { date: '2026-11-01', campaignId: '3', cost: 1 },
      ],
      'USD',
    );
    expect(errors.map((e) => [e.line, e.column])).toEqual([
      [1, 'date'],
      [2, 'campaignId'],
      [3, 'cost'],
    ]);
    expect(records.map((r) => r.campaignId)).toEqual(['3']);
  });
  it('builds DAILY GZIP_JSON-ready requests for every report kind', () => {
    for (const spec of ADS_REPORTS) {
      const r = reportRequest(spec, '2026-10-01', '2026-10-31');
      expect(r.configuration.timeUnit).toBe('DAILY');
      expect(r.configuration.columns).toContain('date');
      expect(r.configuration.columns).not.toContain('startDate');
    }
  });
});

describe('report planning', () => {
  const profile = { profileId: '1', marketplaceId: 'ATVPDKIKX0DER', currency: 'USD', timeZone: 'America/Los_Angeles' };
  const now = Date.parse('2026-11-20T08:00:00Z'); // 2026-11-20 00:00 in Los Angeles
  it('backfills 60 days in ≤31-day windows through yesterday, within each report retention', () => {
    const cursor: ReportsCursor = { backfillDays: 60, through: {}, jobs: [], planned: {} };
    const jobs = planJobs(profile, cursor, now);
    const camp = jobs.filter((j) => j.kind === 'campaign');
    expect(camp).toEqual([
      { profileId: '1', kind: 'campaign', startDate: '2026-09-21', endDate: '2026-10-21' },
      { profileId: '1', kind: 'campaign', startDate: '2026-10-22', endDate: '2026-11-19' },
    ]);
    // SB keeps 60 days: the start moves to the retention limit.
    const sb = jobs.filter((j) => j.kind === 'sbCampaign');
    expect(sb[0]!.startDate > '2026-09-21').toBe(true);
  });
  it('later runs re-read the last 14 days read before, then the new ones', () => {
    const cursor: ReportsCursor = { backfillDays: 60, through: { '1': '2026-11-18' }, jobs: [], planned: {} };
    const camp = planJobs(profile, cursor, now).filter((j) => j.kind === 'campaign');
    expect(camp).toEqual([{ profileId: '1', kind: 'campaign', startDate: '2026-11-05', endDate: '2026-11-19' }]);
  });
});
