import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADS_REPORTS, reportRequest, storeSnapshot } from '../../src/modules/ads/index.js';
import { login } from '../http/harness.js';
import { type SyncFixture, startSyncFixture } from './sync-harness.js';

/**
 * The ads sync against amazon-sim over HTTP, compared with the simulator's Ads store: profiles of the store's
 * marketplaces, every SP/SB/SD campaign, ad group, keyword and target with state and budget/bid in minor units; the
 * 60-day report backfill stopped half way and resumed holds every profile-day of every report once, equal to what the
 * simulator reports; second runs change nothing; users see their stores only.
 */

const DAY = 86_400_000;
let f: SyncFixture;
type Sim = SyncFixture['sim'];

beforeAll(async () => {
  f = await startSyncFixture();
  const seller = f.sim.info.sellers.find((s) => s.region === 'na')!;
  await f.t.rt.services.stores.update(
    f.admin,
    { actor: { type: 'system', id: null, name: 'test', companyId: f.t.seed.companyId }, source: 'system' },
    f.storeId,
    { endpoints: { lwa: f.sim.info.lwaTokenUrl, spApi: f.sim.info.spApi.na, ads: f.sim.info.ads.na } },
  );
  expect(seller.sellerId).toBe(f.sellerId);
});
afterAll(async () => f?.close());

const payload = (dataType: string) => ({
  companyId: f.t.seed.companyId,
  storeId: f.storeId,
  dataType,
  trigger: 'cli' as const,
});

function simProfiles(sim: Sim, sellerId: string) {
  return sim.ads.store.profiles.filter((p) => p.sellerId === sellerId && p.region === 'na');
}

/** A report straight from the simulator's reporting (not over HTTP): its rows are the ground truth. */
function simReport(sim: Sim, profileId: number, body: Record<string, unknown>): Record<string, unknown>[] {
  const data = sim.ads.store.of(sim.ads.store.profile(profileId)!);
  const config = { ...(body.configuration as object), format: 'GZIP_JSON' };
  const created = sim.ads.reports.create(
    data,
    { ...body, configuration: config, name: `truth ${Math.random()}` },
    sim.clock.now(),
  );
  const reportId = (created.body as { reportId?: string }).reportId;
  if (!reportId) throw new Error(`simulator refused the report: ${JSON.stringify(created.body)}`);
  sim.clock.advance(61_000);
  const status = sim.ads.reports.status(data, reportId, sim.clock.now(), 'http://truth');
  const url = new URL((status.body as { url: string }).url);
  const file = sim.ads.reports.download(reportId, url.searchParams, false, sim.clock.now());
  return JSON.parse(gunzipSync(file.raw!).toString('utf8')) as Record<string, unknown>[];
}

const localDay = (ms: number, tz: string) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(ms);
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);

describe('ads sync against amazon-sim', () => {
  it('syncs profiles and entities, stopped after a page and resumed: equal to the simulator', async () => {
    const sync = f.t.rt.services.sync;
    const controller = new AbortController();
    let progress = 0;
    const first = await sync.runSync(payload('ads-entities'), {
      signal: controller.signal,
      onProgress: () => {
        if (++progress === 4) controller.abort();
      },
    });
    expect(first.status).toBe('error');
    const partial = await storeSnapshot(f.t.rt.database.db, f.storeId);
    expect(partial.campaigns.length).toBeGreaterThan(0);
    const second = await sync.runSync(payload('ads-entities'));
    expect(second).toMatchObject({ status: 'ok' });

    const snap = await storeSnapshot(f.t.rt.database.db, f.storeId);
    const profiles = simProfiles(f.sim, f.sellerId);
    expect(profiles.length).toBe(3);
    expect(snap.profiles.map((p) => [p.profileId, p.marketplaceId, p.currency]).sort()).toEqual(
      profiles.map((p) => [String(p.profileId), p.marketplaceId, p.currencyCode]).sort(),
    );
    for (const p of profiles) {
      const data = f.sim.ads.store.of(p);
      const mine = snap.campaigns.filter((c) => c.profileId === String(p.profileId));
      const expected = [
        ...[...data.sp.campaigns.values()].map((c) => ({
          id: String(c.data.campaignId),
          type: 'SP',
          state: String(c.data.state),
          budget: Math.round(Number((c.data.budget as { budget: number }).budget) * 100),
        })),
        ...data.sb.map((c) => ({
          id: String(c.campaignId),
          type: 'SB',
          state: String(c.state),
          budget: Number(c.budget) * 100,
        })),
        ...data.sd.map((c) => ({
          id: String(c.campaignId),
          type: 'SD',
          state: String(c.state).toUpperCase(),
          budget: Number(c.budget) * (p.currencyCode === 'JPY' ? 1 : 100),
        })),
      ];
      expect(
        mine
          .map((c) => ({ id: c.campaignId, type: c.adType, state: c.state, budget: c.budgetMinor }))
          .sort((a, b) => a.id.localeCompare(b.id)),
      ).toEqual(expected.sort((a, b) => a.id.localeCompare(b.id)));
      expect(mine.every((c) => c.currency === p.currencyCode && c.marketplaceId === p.marketplaceId)).toBe(true);
      const groups = snap.adGroups.filter((g) => g.profileId === String(p.profileId));
      expect(groups.map((g) => g.adGroupId).sort()).toEqual([...data.sp.adGroups.keys()].sort());
      const targets = snap.targets.filter((t) => t.profileId === String(p.profileId));
      const keywords = targets.filter((t) => t.kind === 'KEYWORD');
      expect(keywords.map((k) => k.targetId).sort()).toEqual([...data.sp.keywords.keys()].sort());
      for (const k of keywords) {
        const truth = data.sp.keywords.get(k.targetId)!.data;
        expect([k.text, k.matchType, k.bidMinor]).toEqual([
          truth.keywordText,
          truth.matchType,
          Math.round(Number(truth.bid) * 100),
        ]);
      }
      expect(
        targets
          .filter((t) => t.kind === 'PRODUCT_TARGET')
          .map((t) => t.targetId)
          .sort(),
      ).toEqual([...data.sp.targets.keys()].sort());
    }
    const state = (await sync.states(f.admin, f.storeId)).find((s) => s.dataType === 'ads-entities')!;
    expect(state).toMatchObject({ status: 'ok' });
    expect(state.usage.some((u) => u.operation === 'ads/sp/campaigns/list' && u.calls > 0)).toBe(true);
  });

  it('backfills 60 days of reports, stopped half way and resumed: every profile-day once, equal to the simulator', async () => {
    const sync = f.t.rt.services.sync;
    const controller = new AbortController();
    let progress = 0;
    const first = await sync.runSync(payload('ads-reports'), {
      signal: controller.signal,
      onProgress: (_p, message) => {
        if (message.includes(' rows') && ++progress === 5) controller.abort();
      },
    });
    expect(first.status).toBe('error');
    const partial = await storeSnapshot(f.t.rt.database.db, f.storeId);
    expect(partial.metrics.length).toBeGreaterThan(0);
    const second = await sync.runSync(payload('ads-reports'));
    expect(second).toMatchObject({ status: 'ok' });

    const { metrics } = await storeSnapshot(f.t.rt.database.db, f.storeId);
    const now = f.sim.clock.now();
    for (const p of simProfiles(f.sim, f.sellerId)) {
      const yesterday = addDays(localDay(now, p.timezone), -1);
      const mine = metrics.filter((m) => m.profileId === String(p.profileId));
      // No gap: every report holds every day from its first day through yesterday, and each entity-day once.
      for (const spec of ADS_REPORTS) {
        const rows = mine.filter((m) => m.report === spec.report && m.adType === spec.adType);
        const dates = [...new Set(rows.map((r) => r.date))].sort();
        expect(dates.at(-1)).toBe(yesterday);
        expect(dates.length).toBe((Date.parse(dates.at(-1)!) - Date.parse(dates[0]!)) / DAY + 1);
        expect(dates.length).toBeGreaterThanOrEqual(58);
        // The same number of rows as the simulator's report of the last day.
        const truth = simReport(f.sim, p.profileId, reportRequest(spec, yesterday, yesterday) as never);
        expect([spec.kind, rows.filter((r) => r.date === yesterday).length]).toEqual([spec.kind, truth.length]);
      }
      // Values: the simulator's SP campaign report over the last 31 days, row by row.
      const from = addDays(yesterday, -30);
      const truth = simReport(f.sim, p.profileId, {
        startDate: from,
        endDate: yesterday,
        configuration: {
          adProduct: 'SPONSORED_PRODUCTS',
          reportTypeId: 'spCampaigns',
          groupBy: ['campaign'],
          columns: [
            'date',
            'campaignId',
            'impressions',
            'clicks',
            'cost',
            'sales7d',
            'purchases7d',
            'unitsSoldClicks7d',
          ],
          timeUnit: 'DAILY',
          format: 'GZIP_JSON',
        },
      });
      const scale = p.currencyCode === 'JPY' ? 1 : 100;
      const stored = new Map(
        mine.filter((m) => m.report === 'campaign' && m.adType === 'SP').map((m) => [`${m.date}|${m.campaignId}`, m]),
      );
      expect(truth.length).toBeGreaterThan(60);
      for (const r of truth) {
        const m = stored.get(`${r.date}|${r.campaignId}`);
        expect(m, `${r.date} ${r.campaignId}`).toBeDefined();
        expect([m!.impressions, m!.clicks, m!.costMinor, m!.salesMinor, m!.orders, m!.units]).toEqual([
          r.impressions,
          r.clicks,
          Math.round(Number(r.cost) * scale),
          Math.round(Number(r.sales7d) * scale),
          r.purchases7d,
          r.unitsSoldClicks7d,
        ]);
      }
    }
  });

  it('a second run of both data types changes nothing', async () => {
    const db = f.t.rt.database.db;
    const logCount = async () =>
      Number(
        (
          await db
            .selectFrom('operation_log')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('module', '=', 'ads')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await storeSnapshot(db, f.storeId);
    const logs = await logCount();
    f.sim.clock.advance(60 * 60_000);
    const sync = f.t.rt.services.sync;
    expect((await sync.runSync(payload('ads-entities'))).status).toBe('ok');
    expect((await sync.runSync(payload('ads-reports'))).status).toBe('ok');
    const after = await storeSnapshot(db, f.storeId);
    expect(await logCount()).toBe(logs);
    for (const k of ['profiles', 'campaigns', 'adGroups', 'targets', 'metrics'] as const) {
      const key = (r: { id: string; syncedAt: number }) => `${r.id}@${r.syncedAt}`;
      expect([k, after[k].map(key).sort()]).toEqual([k, before[k].map(key).sort()]);
    }
  });

  it('serves campaigns with metrics, performance and search terms within the data scope', async () => {
    const admin = await login(f.t, 'admin');
    const to = addDays(localDay(f.sim.clock.now(), 'America/Los_Angeles'), -1);
    const list = (await admin.req('GET', `/api/ads/campaigns?limit=100&to=${to}`)).json();
    expect(list.total).toBe(21);
    const spEnabled = list.rows.find(
      (r: { adType: string; state: string }) => r.adType === 'SP' && r.state === 'ENABLED',
    );
    expect(Number(spEnabled.spend)).toBeGreaterThan(0);
    expect(spEnabled.acos).toBeCloseTo((Number(spEnabled.spend) / Number(spEnabled.sales)) * 100, 1);
    const filtered = (await admin.req('GET', '/api/ads/campaigns?adType=SD&state=PAUSED')).json();
    expect(
      filtered.rows.every((r: { adType: string; state: string }) => r.adType === 'SD' && r.state === 'PAUSED'),
    ).toBe(true);
    expect(filtered.total).toBe(3);
    const perf = (await admin.req('GET', `/api/ads/performance?to=${to}`)).json();
    expect(perf.currencies.map((c: { currency: string }) => c.currency).sort()).toEqual(['CAD', 'MXN', 'USD']);
    expect(perf.currencies[0].days).toHaveLength(30);
    const terms = (await admin.req('GET', `/api/ads/search-terms?limit=5&to=${to}`)).json();
    expect(terms.total).toBeGreaterThan(20);
    expect(terms.rows).toHaveLength(5);
    expect(terms.rows[0].campaignName).toBeTruthy();
    const csv = await admin.req('GET', '/api/ads/campaigns/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\n').filter(Boolean).length).toBe(22);

    const op = await login(f.t, 'operator');
    expect((await op.req('GET', '/api/ads/campaigns')).json().total).toBe(21);
    const eu = await login(f.t, 'operatorEu');
    expect((await eu.req('GET', '/api/ads/campaigns')).json().total).toBe(0);
    expect((await eu.req('GET', '/api/ads/search-terms')).json().total).toBe(0);
    expect((await eu.req('GET', `/api/ads/campaigns?storeId=${f.storeId}`)).statusCode).toBe(403);
    expect((await eu.req('GET', `/api/ads/performance?storeId=${f.storeId}`)).statusCode).toBe(403);
    const buyer = await login(f.t, 'buyer');
    expect((await buyer.req('GET', '/api/ads/campaigns')).statusCode).toBe(403);
    const viewer = await login(f.t, 'viewer');
    expect((await viewer.req('GET', '/api/ads/campaigns')).statusCode).toBe(200);
    expect((await viewer.req('GET', '/api/ads/campaigns/export')).statusCode).toBe(403);
  });
});
