import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ledgerOfStore,
  returnsOfStore,
  type StockRecord,
  snapshotsOfStore,
  stockOfStore,
  upsertStock,
} from '../../src/modules/inventory/index.js';
import { runWrite } from '../../src/platform/audit.js';
import { localDate } from '../../src/platform/clock.js';
import { login } from '../http/harness.js';
import { MINUTE, START, type SyncFixture, startSyncFixture } from './sync-harness.js';

/**
 * The inventory data types against amazon-sim over HTTP, compared with the simulator's ground truth: FBA stock per
 * marketplace and SKU with its daily snapshot, the inventory ledger and customer returns by report. Runs stopped
 * half way resume without gaps or duplicates; reading the same data again changes nothing.
 */

const DAY = 86_400_000;
const NA = ['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8'];
const HISTORY_DAYS = 8;
const utcMidnight = (ms: number) => Math.floor(ms / DAY) * DAY;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const run = (
  f: SyncFixture,
  dataType: string,
  opts: Parameters<SyncFixture['t']['rt']['services']['sync']['runSync']>[1] = {},
) =>
  f.t.rt.services.sync.runSync({ companyId: f.t.seed.companyId, storeId: f.storeId, dataType, trigger: 'cli' }, opts);
const stateOf = async (f: SyncFixture, dataType: string) =>
  (await f.t.rt.services.sync.states(f.admin, f.storeId)).find((s) => s.dataType === dataType)!;

/** Runs a data type, stopping it after `stopAfter` progress reports as a killed worker would. */
async function runStopped(f: SyncFixture, dataType: string, stopAfter: number) {
  const controller = new AbortController();
  let n = 0;
  return run(f, dataType, {
    signal: controller.signal,
    onProgress: () => {
      n++;
      if (n === stopAfter) controller.abort();
    },
  });
}

/** Puts a data type's cursor back (as "re-sync from" does) without queueing jobs. */
async function resetCursor(f: SyncFixture, dataType: string, cursor: unknown) {
  await f.t.rt.database.db
    .updateTable('sync_state')
    .set({ cursor_json: JSON.stringify(cursor) })
    .where('store_id', '=', f.storeId)
    .where('data_type', '=', dataType)
    .execute();
}

const gone: StockRecord = {
  marketplaceId: 'ATVPDKIKX0DER',
  sellerSku: 'GONE-1',
  fnsku: null,
  asin: null,
  productName: null,
  condition: null,
  fulfillable: 3,
  inboundWorking: 0,
  inboundShipped: 0,
  inboundReceiving: 0,
  reserved: 0,
  unfulfillable: 0,
  researching: 0,
  total: 3,
  amazonUpdatedAt: null,
};

/** The simulator's ledger events of [since, until): receipts of closed inbound shipments, AFN shipments, returns. */
function ledgerTruth(f: SyncFixture, since: number, until: number): string[] {
  const seller = f.sim.scenario!.seller(f.sellerId)!;
  const expected: string[] = [];
  const inRange = (t: number | undefined) => t !== undefined && t >= since && t < until;
  for (const marketplaceId of NA) {
    const m = seller.marketplaceIndex(marketplaceId);
    for (const s of seller.inboundShipments(m, until))
      if (inRange(s.closedAt))
        expected.push(`${isoDay(s.closedAt)}|${seller.catalog.products[s.productIndex]!.sku}|Receipts|${s.quantity}`);
    const orders = f.sim
      .scenario!.ordersBetween(f.sellerId, since - 45 * DAY, until, f.sim.clock.now())
      .filter((o) => o.marketplaceId === marketplaceId && o.channel === 'AFN' && !o.canceled);
    for (const o of orders)
      for (const item of o.items) {
        if (inRange(o.timeline.shipped))
          expected.push(`${isoDay(o.timeline.shipped!)}|${item.sku}|Shipments|${-item.quantity}`);
        if (item.returned && inRange(item.returned.returnedAt))
          expected.push(`${isoDay(item.returned.returnedAt)}|${item.sku}|CustomerReturns|${item.returned.quantity}`);
      }
  }
  return expected.sort();
}

const strip = <T extends Record<string, unknown>>(rows: T[], key: (r: T) => string) =>
  rows.map((r) => ({ ...r })).sort((a, b) => key(a).localeCompare(key(b)));

describe('fba-inventory and inventory-ledger against amazon-sim', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await startSyncFixture({ historyDays: HISTORY_DAYS });
  });
  afterAll(async () => f?.close());

  it('walks every marketplace, stopped after the first and resumed: stock equals the simulator, one snapshot per SKU and day', async () => {
    const first = await runStopped(f, 'fba-inventory', 1);
    expect(first.status).toBe('error');
    const partial = await stockOfStore(f.t.rt.database.db, f.storeId);
    expect(partial.length).toBeGreaterThan(0);
    expect(new Set(partial.map((r) => r.marketplaceId)).size).toBe(1);
    const second = await run(f, 'fba-inventory');
    expect(second.status).toBe('ok');

    const stored = await stockOfStore(f.t.rt.database.db, f.storeId);
    const now = f.sim.clock.now();
    let compared = 0;
    for (const marketplaceId of NA) {
      const truth = f.sim.scenario!.inventory(f.sellerId, marketplaceId, now);
      const mine = stored.filter((r) => r.marketplaceId === marketplaceId);
      expect(mine.map((r) => r.sellerSku).sort()).toEqual(truth.map((r) => r.sku).sort());
      for (const t of truth) {
        const r = mine.find((x) => x.sellerSku === t.sku)!;
        const unfulfillable = t.customerDamaged + t.warehouseDamaged + t.carrierDamaged + t.defective;
        expect([t.sku, r.fulfillable, r.reserved, r.unfulfillable, r.inboundShipped, r.fnsku]).toEqual([
          t.sku,
          t.fulfillable,
          t.pendingCustomerOrder + t.fcProcessing,
          unfulfillable,
          t.inboundShipped,
          t.fnsku,
        ]);
        expect(r.total).toBe(
          r.fulfillable + r.reserved + r.unfulfillable + r.inboundWorking + r.inboundShipped + r.inboundReceiving,
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(10);
    const snaps = await snapshotsOfStore(f.t.rt.database.db, f.storeId);
    expect(snaps.length).toBe(stored.length);
    // 08:00 UTC is still the previous day in Los Angeles: snapshots carry the marketplace-local date.
    expect(new Set(snaps.map((s) => s.snapshotDate))).toEqual(new Set([localDate(now, 'America/Los_Angeles')]));
    const state = await stateOf(f, 'fba-inventory');
    expect(state).toMatchObject({ status: 'ok' });
    // The resumed run walked the two marketplaces left.
    expect(state.usage.find((u) => u.operation === 'fbaInventory/getInventorySummaries')?.calls).toBe(2);
  });

  it('a second walk at the same instant changes nothing; a later day adds a snapshot, the same day overwrites it', async () => {
    const db = f.t.rt.database.db;
    const before = { stock: await stockOfStore(db, f.storeId), snaps: await snapshotsOfStore(db, f.storeId) };
    expect((await run(f, 'fba-inventory')).status).toBe('ok');
    expect(strip(await stockOfStore(db, f.storeId), (r) => r.id)).toEqual(strip(before.stock, (r) => r.id));
    expect(strip(await snapshotsOfStore(db, f.storeId), (r) => `${r.marketplaceId}${r.sellerSku}`)).toEqual(
      strip(before.snaps, (r) => `${r.marketplaceId}${r.sellerSku}`),
    );

    // A SKU Amazon no longer lists leaves the current stock after a complete walk; its history stays.
    await runWrite(
      db,
      {
        actor: { type: 'system', id: null, name: 'test', companyId: f.t.seed.companyId },
        source: 'system',
        clock: f.t.clock,
      },
      (ctx) =>
        upsertStock(
          ctx,
          { companyId: f.t.seed.companyId, storeId: f.storeId, timeZoneOf: () => 'America/Los_Angeles' },
          [gone],
          'import',
          f.sim.clock.now(),
        ),
    );
    f.sim.clock.advance(DAY);
    expect((await run(f, 'fba-inventory')).status).toBe('ok');
    expect((await stockOfStore(db, f.storeId)).some((r) => r.sellerSku === 'GONE-1')).toBe(false);
    expect((await snapshotsOfStore(db, f.storeId)).some((r) => r.sellerSku === 'GONE-1')).toBe(true);
    f.sim.clock.advance(3 * 60 * MINUTE);
    expect((await run(f, 'fba-inventory')).status).toBe('ok');
    const snaps = await snapshotsOfStore(db, f.storeId);
    const days = [...new Set(snaps.map((s) => s.snapshotDate))].sort();
    expect(days).toHaveLength(2);
    const now = f.sim.clock.now();
    // The day's snapshot holds the last value read that day.
    const us = f.sim.scenario!.inventory(f.sellerId, NA[0]!, now);
    for (const t of us) {
      const s = snaps.find((x) => x.marketplaceId === NA[0] && x.sellerSku === t.sku && x.snapshotDate === days[1]);
      expect([t.sku, s?.fulfillable]).toEqual([t.sku, t.fulfillable]);
    }

    // Over HTTP: the list with totals and the SKU's history (one point per day).
    const admin = await login(f.t, 'admin');
    const list = (await admin.req('GET', `/api/inventory/fba?storeId=${f.storeId}&limit=500`)).json();
    expect(list.total).toBe((await stockOfStore(db, f.storeId)).length);
    expect(list.totals.fulfillable).toBe(
      list.rows.reduce((s: number, r: { fulfillable: number }) => s + r.fulfillable, 0),
    );
    const sku = us[0]!.sku;
    const history = (
      await admin.req('GET', `/api/inventory/fba/${encodeURIComponent(sku)}/history?marketplaceId=${NA[0]}`)
    ).json();
    expect(history.snapshots.map((s: { date: string }) => s.date)).toEqual(days);
  });

  it('ledger backfill in day windows, stopped and resumed: every simulator event exactly once; a re-read changes nothing', async () => {
    const db = f.t.rt.database.db;
    const stopped = await runStopped(f, 'inventory-ledger', 3);
    expect(stopped.status).toBe('error');
    const again = await run(f, 'inventory-ledger');
    expect(again.status).toBe('ok');
    const state = await stateOf(f, 'inventory-ledger');
    const until = utcMidnight(f.sim.clock.now());
    expect(state.syncedThrough).toBe(until);
    const since = utcMidnight(START - HISTORY_DAYS * DAY);

    const expected = ledgerTruth(f, since, until);
    const stored = await ledgerOfStore(db, f.storeId);
    const mine = stored.map((e) => `${e.eventDate}|${e.sellerSku}|${e.eventType}|${e.quantity}`);
    expect(expected.length).toBeGreaterThan(20);
    expect(mine.sort()).toEqual(expected.sort());
    expect(stored.every((e) => e.marketplaceId !== null && NA.includes(e.marketplaceId))).toBe(true);

    // Re-reading the last days (a re-sync; one report per marketplace) finds the same events.
    const resync = until - 3 * DAY;
    await resetCursor(f, 'inventory-ledger', { since: resync, done: resync, doneMarkets: [], reports: [] });
    expect((await run(f, 'inventory-ledger')).status).toBe('ok');
    const after = await ledgerOfStore(db, f.storeId);
    expect(strip(after, (r) => r.id)).toEqual(strip(stored, (r) => r.id));

    // A day later the daily run reads the new day and the two before it again in one report per marketplace:
    // the new events arrive, the re-read ones stay single.
    f.sim.clock.advance(DAY);
    expect((await run(f, 'inventory-ledger')).status).toBe('ok');
    const later = utcMidnight(f.sim.clock.now());
    expect((await stateOf(f, 'inventory-ledger')).syncedThrough).toBe(later);
    const next = (await ledgerOfStore(db, f.storeId)).map(
      (e) => `${e.eventDate}|${e.sellerSku}|${e.eventType}|${e.quantity}`,
    );
    expect(next.sort()).toEqual(ledgerTruth(f, since, later));
    expect(next.length).toBeGreaterThan(stored.length);

    const admin = await login(f.t, 'admin');
    const page = (await admin.req('GET', '/api/inventory/ledger?eventType=Shipments&limit=5')).json();
    expect(page.total).toBe((await ledgerOfStore(db, f.storeId)).filter((e) => e.eventType === 'Shipments').length);
    expect(page.rows).toHaveLength(5);
  });
});

describe('fba-returns against amazon-sim', () => {
  let f: SyncFixture;
  beforeAll(async () => {
    f = await startSyncFixture({ historyDays: 20, sim: { living: { historyDays: 45, skus: 12 } } });
  });
  afterAll(async () => f?.close());

  it('imports every return of the store per marketplace, stopped and resumed; a re-read changes nothing', async () => {
    const db = f.t.rt.database.db;
    expect((await runStopped(f, 'fba-returns', 2)).status).toBe('error');
    expect((await run(f, 'fba-returns')).status).toBe('ok');
    const until = utcMidnight(f.sim.clock.now());
    const since = utcMidnight(START - 20 * DAY);
    const expected: string[] = [];
    for (const o of f.sim.scenario!.ordersBetween(f.sellerId, since - 45 * DAY, until, f.sim.clock.now()))
      if (NA.includes(o.marketplaceId) && o.channel === 'AFN')
        for (const item of o.items)
          if (item.returned && item.returned.returnedAt >= since && item.returned.returnedAt < until)
            expected.push(`${o.orderId}|${item.sku}|${o.marketplaceId}|${item.returned.quantity}`);
    const stored = await returnsOfStore(db, f.storeId);
    expect(expected.length).toBeGreaterThan(3);
    expect(stored.map((r) => `${r.amazonOrderId}|${r.sellerSku}|${r.marketplaceId}|${r.quantity}`).sort()).toEqual(
      expected.sort(),
    );
    for (const r of stored) expect(r.returnDate).toBe(localDate(Number(r.returnAt), 'America/Los_Angeles'));

    await resetCursor(f, 'fba-returns', { since, done: since, doneMarkets: [], reports: [] });
    expect((await run(f, 'fba-returns')).status).toBe('ok');
    expect(strip(await returnsOfStore(db, f.storeId), (r) => r.id)).toEqual(strip(stored, (r) => r.id));

    const admin = await login(f.t, 'admin');
    const list = (await admin.req('GET', '/api/inventory/returns?limit=500')).json();
    expect(list.total).toBe(stored.length);
    expect(list.byReason.reduce((s: number, r: { returns: number }) => s + r.returns, 0)).toBe(stored.length);
  });
});
