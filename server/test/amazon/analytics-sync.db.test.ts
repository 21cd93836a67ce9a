import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replaceTrafficDays } from '../../src/modules/analytics/analytics.repository.js';
import { runWrite } from '../../src/platform/audit.js';
import { localDate } from '../../src/platform/clock.js';
import { newId } from '../../src/platform/ids.js';
import { login } from '../http/harness.js';
import { START, type SyncFixture, startSyncFixture } from './sync-harness.js';

/**
 * The analytics data types against amazon-sim over HTTP: sales and traffic per child ASIN and day (a run stopped half
 * way resumes without gaps or duplicates, and a second run re-reads the last days without changing anything), the
 * finished week of Brand Analytics search terms, and fee estimates for the catalog's active listings. Sales are
 * compared with the simulator's orders (its ground truth); data scopes are checked over HTTP.
 */

const DAY = 86_400_000;
const US = 'ATVPDKIKX0DER';
let f: SyncFixture;
const db = () => f.t.rt.database.db;
const meta = () => ({
  actor: { type: 'system' as const, id: null, name: 'test', companyId: f.t.seed.companyId },
  source: 'system' as const,
});
const payload = (dataType: string) => ({
  companyId: f.t.seed.companyId,
  storeId: f.storeId,
  dataType,
  trigger: 'cli' as const,
});

beforeAll(async () => {
  // Four days of history and one marketplace keep the reports within createReport's burst (the limiter is real).
  f = await startSyncFixture({ historyDays: 4 });
  await f.t.rt.services.stores.update(f.admin, meta(), f.storeId, { marketplaceIds: [US] });
  // The catalog's listings of the store: the simulator's products at a price, plus one SKU Amazon does not know.
  const seller = f.sim.scenario!.seller(f.sellerId)!;
  const now = f.sim.clock.now();
  const rows = seller.catalog.products.map((p, i) => ({
    id: newId('lst'),
    companyId: f.t.seed.companyId,
    storeId: f.storeId,
    marketplaceId: US,
    sellerSku: p.sku,
    asin: p.asin,
    parentAsin: p.parentAsin ?? null,
    fnsku: null,
    title: p.title,
    fulfillmentChannel: String(p.fulfillment) === 'FBM' || String(p.fulfillment) === 'MFN' ? 'FBM' : 'FBA',
    status: 'active',
    priceMinor: 1999 + i * 500,
    currency: 'USD',
    tagsJson: '[]',
    operatorId: null,
    launchDate: null,
    createdAt: now,
    updatedAt: now,
  }));
  await db().insertInto('listing').values(rows).execute();
});
afterAll(async () => f?.close());

/** Units, order items and sales (minor) of the US marketplace per UTC day and per ASIN, from the simulator's orders. */
function truth(date: string) {
  const from = Date.parse(`${date}T00:00:00Z`);
  const asOf = f.sim.clock.now();
  const orders = f.sim
    .scenario!.ordersBetween(f.sellerId, from - 45 * DAY, from + DAY, asOf)
    .filter(
      (o) => o.marketplaceId === US && !o.canceled && o.timeline.purchase >= from && o.timeline.purchase < from + DAY,
    );
  const day = { units: 0, items: 0, sales: 0 };
  const byAsin = new Map<string, { units: number; sales: number }>();
  for (const o of orders)
    for (const i of o.items) {
      const net = i.itemPrice - i.promotionDiscount;
      day.units += i.quantity;
      day.items += 1;
      day.sales += net;
      const a = byAsin.get(i.asin) ?? { units: 0, sales: 0 };
      a.units += i.quantity;
      a.sales += net;
      byAsin.set(i.asin, a);
    }
  return { day, byAsin };
}

async function storedTraffic() {
  const totals = await db()
    .selectFrom('trafficDailyTotal')
    .selectAll()
    .where('storeId', '=', f.storeId)
    .orderBy('salesDate')
    .execute();
  const asins = await db()
    .selectFrom('trafficDaily')
    .selectAll()
    .where('storeId', '=', f.storeId)
    .orderBy('salesDate')
    .orderBy('childAsin')
    .execute();
  return { totals, asins };
}

describe('analytics sync against amazon-sim', () => {
  it('sales and traffic: stopped half way and resumed, equal to the simulator, a re-run changes nothing', async () => {
    const sync = f.t.rt.services.sync;
    const controller = new AbortController();
    let commits = 0;
    const first = await sync.runSync(payload('sales-traffic'), {
      signal: controller.signal,
      onProgress: (_p, message) => {
        if (!message.endsWith('rows')) return;
        commits++;
        if (commits === 2) controller.abort();
      },
    });
    expect(first.status).toBe('error');
    const partial = await storedTraffic();
    expect(new Set(partial.totals.map((t) => t.salesDate)).size).toBe(2);

    const second = await sync.runSync(payload('sales-traffic'));
    expect(second.status).toBe('ok');
    const { totals, asins } = await storedTraffic();
    const today = localDate(START, 'America/Los_Angeles');
    const days = [4, 3, 2, 1].map((n) =>
      new Date(Date.parse(`${today}T00:00:00Z`) - n * DAY).toISOString().slice(0, 10),
    );
    // Every day of the history exactly once, no gap, no duplicate.
    expect(totals.map((t) => t.salesDate)).toEqual(days);
    let asinsCompared = 0;
    for (const d of days) {
      const want = truth(d);
      const got = totals.find((t) => t.salesDate === d)!;
      expect([d, got.unitsOrdered, got.totalOrderItems, Number(got.orderedSalesMinor)]).toEqual([
        d,
        want.day.units,
        want.day.items,
        want.day.sales,
      ]);
      expect(got.currency).toBe('USD');
      expect(got.sessions).toBe(got.browserSessions + got.mobileSessions);
      expect(got.sessions).toBeGreaterThanOrEqual(got.unitsOrdered);
      const rows = asins.filter((a) => a.salesDate === d);
      expect(rows.map((r) => r.childAsin).sort()).toEqual([...want.byAsin.keys()].sort());
      for (const r of rows) {
        const w = want.byAsin.get(r.childAsin)!;
        expect([r.childAsin, r.unitsOrdered, Number(r.orderedSalesMinor)]).toEqual([r.childAsin, w.units, w.sales]);
        // Buy box as integer basis points (the simulator draws 88–100 %).
        expect(Number.isInteger(r.buyBoxBp)).toBe(true);
        expect(r.buyBoxBp).toBeGreaterThanOrEqual(8800);
        expect(r.buyBoxBp).toBeLessThanOrEqual(10_000);
        asinsCompared++;
      }
    }
    expect(asinsCompared).toBeGreaterThan(5);

    const state = (await sync.states(f.admin, f.storeId)).find((s) => s.dataType === 'sales-traffic')!;
    expect(state).toMatchObject({ status: 'ok', error: null });
    // The reports requested before the stop were kept in the cursor: the resumed run did not request them again.
    expect(state.usage.some((u) => u.operation.endsWith('createReport'))).toBe(false);
    expect(state.usage.find((u) => u.operation.endsWith('getReportDocument'))?.calls).toBeGreaterThan(0);

    // The next run re-reads the last three days: same numbers, nothing changes.
    const logBefore = await countLog();
    const again = await sync.runSync(payload('sales-traffic'));
    expect(again).toMatchObject({ status: 'ok' });
    const after = await storedTraffic();
    expect(after.totals.map((t) => [t.id, t.sessions, t.unitsOrdered])).toEqual(
      totals.map((t) => [t.id, t.sessions, t.unitsOrdered]),
    );
    expect(after.asins.map((a) => a.id)).toEqual(asins.map((a) => a.id));
    expect(await countLog()).toBe(logBefore);
    const runs = await sync.runs(f.admin, { storeId: f.storeId, dataType: 'sales-traffic', limit: 10 });
    expect(runs[0]).toMatchObject({ status: 'ok' });
  });

  it('brand analytics: the last finished week, three clicked ASINs per term, shares in basis points', async () => {
    const run = await f.t.rt.services.sync.runSync(payload('brand-analytics'));
    expect(run.status).toBe('ok');
    const rows = await db().selectFrom('searchTermWeekly').selectAll().where('storeId', '=', f.storeId).execute();
    const seller = f.sim.scenario!.seller(f.sellerId)!;
    const own = new Set(seller.catalog.products.map((p) => p.asin));
    expect(rows.length).toBeGreaterThan(3);
    // 2026-11-20 is a Friday: the week of Sunday 8 to Saturday 14 November is the last one Amazon has published.
    expect(new Set(rows.map((r) => `${r.weekStart}..${r.weekEnd}`))).toEqual(new Set(['2026-11-08..2026-11-14']));
    for (const r of rows) {
      expect([r.asin1, r.asin2, r.asin3].every(Boolean)).toBe(true);
      expect([r.asin1, r.asin2, r.asin3].some((a) => own.has(a!))).toBe(true);
      expect(r.clickShare1Bp!).toBeGreaterThan(r.clickShare2Bp!);
      expect(Number.isInteger(r.conversionShare1Bp)).toBe(true);
    }
    // A second run finds no newer finished week: no report, nothing written.
    const again = await f.t.rt.services.sync.runSync(payload('brand-analytics'));
    expect(again).toMatchObject({ status: 'ok', rows: 0 });
  });

  it('fee estimates for the active listings, 20 per call; unknown SKUs are warnings; a re-run changes nothing', async () => {
    const sync = f.t.rt.services.sync;
    const run = await sync.runSync(payload('fee-estimates'));
    expect(run.status).toBe('ok');
    const seller = f.sim.scenario!.seller(f.sellerId)!;
    const rows = await db().selectFrom('feeEstimate').selectAll().where('storeId', '=', f.storeId).execute();
    expect(rows.map((r) => r.sellerSku).sort()).toEqual(seller.catalog.products.map((p) => p.sku).sort());
    for (const r of rows) {
      expect(Number(r.referralFeeMinor)).toBeGreaterThan(0);
      expect(Number(r.totalFeeMinor)).toBe(
        Number(r.referralFeeMinor) +
          Number(r.fbaFeeMinor) +
          Number(r.variableClosingFeeMinor) +
          Number(r.perItemFeeMinor),
      );
      if (r.isAmazonFulfilled === 1) expect(Number(r.fbaFeeMinor)).toBeGreaterThan(0);
    }
    const state = (await sync.states(f.admin, f.storeId)).find((s) => s.dataType === 'fee-estimates')!;
    // The demo catalog's own listings (YF-…) are not in the simulator's catalog: reported, not fatal.
    expect(state.status).toBe('ok');
    expect(state.error?.code).toBe('ROWS_REJECTED');
    expect(state.usage.find((u) => u.operation === 'productFeesV0/getMyFeesEstimates')?.calls).toBeGreaterThan(0);
    const ids = rows.map((r) => `${r.id}:${r.estimatedAt}`).sort();
    const again = await sync.runSync(payload('fee-estimates'));
    expect(again.status).toBe('ok');
    const after = await db().selectFrom('feeEstimate').selectAll().where('storeId', '=', f.storeId).execute();
    expect(after.map((r) => `${r.id}:${r.estimatedAt}`).sort()).toEqual(ids);
  });

  it('HTTP: traffic series and ranked ASINs, search terms, fee estimates, exports, data scopes', async () => {
    // A day of EU data, written as a report would, to check that the US operator never sees it.
    await runWrite(db(), { ...meta(), clock: f.t.rt.clock }, (ctx) =>
      replaceTrafficDays(
        ctx,
        { companyId: f.t.seed.companyId, storeId: f.t.seed.storeIds.eu },
        {
          marketplaceId: 'A1PA6795UKMFR9',
          from: '2026-11-19',
          to: '2026-11-19',
          totals: [
            {
              salesDate: '2026-11-19',
              ...counts,
              unitsRefunded: 0,
              shippedSalesMinor: 0,
              unitsShipped: 0,
              ordersShipped: 0,
            },
          ],
          asins: [{ salesDate: '2026-11-19', parentAsin: null, childAsin: 'B0EUONLY01', sku: '', ...counts }],
          reportId: null,
        },
        'import',
      ),
    );

    const admin = await login(f.t, 'admin');
    const all = (await admin.req('GET', '/api/analytics/traffic')).json();
    expect(all.series.length).toBeGreaterThanOrEqual(4);
    expect(all.totals.sales.map((s: { currency: string }) => s.currency)).toEqual(['EUR', 'USD']);
    const op = await login(f.t, 'operator');
    const mine = (await op.req('GET', '/api/analytics/traffic')).json();
    expect(mine.totals.sales.map((s: { currency: string }) => s.currency)).toEqual(['USD']);
    expect(mine.topAsins.length).toBeGreaterThan(0);
    expect(mine.topAsins.every((a: { storeId: string }) => a.storeId === f.storeId)).toBe(true);
    // Ranked by sessions, conversion = units / sessions in basis points.
    const grid = (await op.req('GET', '/api/analytics/traffic/asins?limit=500')).json();
    expect(grid.rows.map((r: { rank: number }) => r.rank)).toEqual(grid.rows.map((_: unknown, i: number) => i + 1));
    const sessions = grid.rows.map((r: { sessions: number }) => r.sessions);
    expect(sessions).toEqual([...sessions].sort((a: number, b: number) => b - a));
    for (const r of grid.rows)
      expect(r.conversionBp).toBe(r.sessions ? Math.round((r.unitsOrdered * 10_000) / r.sessions) : null);
    const oneAsin = grid.rows[0].childAsin as string;
    const series = (await op.req('GET', `/api/analytics/traffic?asin=${oneAsin}`)).json();
    expect(series.totals.sessions).toBe(grid.rows[0].sessions);
    expect((await op.req('GET', `/api/analytics/traffic?storeId=${f.t.seed.storeIds.eu}`)).statusCode).toBe(403);
    const eu = await login(f.t, 'operatorEu');
    const euView = (await eu.req('GET', '/api/analytics/traffic/asins')).json();
    expect(euView.rows.every((r: { storeId: string }) => r.storeId === f.t.seed.storeIds.eu)).toBe(true);
    expect(euView.total).toBe(1);
    expect((await eu.req('GET', '/api/analytics/fee-estimates')).json().total).toBe(0);
    expect((await eu.req('GET', '/api/analytics/search-terms')).json().total).toBe(0);

    const terms = (await op.req('GET', '/api/analytics/search-terms')).json();
    expect(terms.total).toBeGreaterThan(3);
    const ranks = terms.rows.map((r: { searchFrequencyRank: number }) => r.searchFrequencyRank);
    expect(ranks).toEqual([...ranks].sort((a: number, b: number) => a - b));
    expect((await op.req('GET', '/api/analytics/search-terms/weeks')).json()).toEqual({ weeks: ['2026-11-08'] });
    const fees = (await op.req('GET', '/api/analytics/fee-estimates?sort=total:desc')).json();
    expect(fees.total).toBeGreaterThan(0);
    expect(fees.rows[0].totalFee).toMatch(/^\d+\.\d{2}$/);

    const csv = await op.req('GET', '/api/analytics/traffic/asins/export?format=csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\n').filter(Boolean).length).toBe(grid.total + 1);
    expect((await op.req('GET', '/api/analytics/search-terms/export?format=xlsx')).statusCode).toBe(200);
    expect((await op.req('GET', '/api/analytics/fee-estimates/export?format=csv')).body).toContain('referral_fee');
    const viewer = await login(f.t, 'viewer');
    expect((await viewer.req('GET', '/api/analytics/traffic')).statusCode).toBe(200);
    expect((await viewer.req('GET', '/api/analytics/fee-estimates/export')).statusCode).toBe(403);
    const buyer = await login(f.t, 'buyer');
    expect((await buyer.req('GET', '/api/analytics/traffic')).statusCode).toBe(403);
  });
});

const counts = {
  browserSessions: 10,
  mobileSessions: 5,
  sessions: 15,
  browserPageViews: 20,
  mobilePageViews: 6,
  pageViews: 26,
  buyBoxBp: 9500,
  unitsOrdered: 3,
  orderedSalesMinor: 4497,
  currency: 'EUR',
  totalOrderItems: 3,
};

async function countLog(): Promise<number> {
  const r = await db()
    .selectFrom('operationLog')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('module', '=', 'analytics')
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
