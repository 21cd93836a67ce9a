import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CatalogTables } from '../../src/modules/catalog/catalog.tables.js';
import { tables } from '../../src/platform/db/database.js';
import { login } from '../http/harness.js';
import { START, type SyncFixture, startSyncFixture } from './sync-harness.js';

/**
 * The `listings` data type against amazon-sim over HTTP: every listing of the store's marketplaces is stored once with
 * Amazon's ASIN, title, FNSKU, status, price and fulfillment channel (compared with the simulator's ground truth); a
 * run stopped after a page resumes without gaps or duplicates; a second run changes nothing; listings Amazon no
 * longer returns are marked inactive, never deleted; fields people own (tags, operator, launch date, pairing) stay.
 */

let f: SyncFixture;
const db = () => f.t.rt.database.db;
const cat = () => tables<CatalogTables>(db());
const MARKETS = [
  { id: 'ATVPDKIKX0DER', currency: 'USD' },
  { id: 'A2EUQ1WTGCTBG2', currency: 'CAD' },
  { id: 'A1AM78C64UM0Y8', currency: 'MXN' },
];
const payload = () => ({
  companyId: f.t.seed.companyId,
  storeId: f.storeId,
  dataType: 'listings',
  trigger: 'cli' as const,
});

beforeAll(async () => {
  // 30 SKUs: more than one page (20) per marketplace.
  f = await startSyncFixture({ sim: { living: { historyDays: 45, skus: 30 } } });
});
afterAll(async () => f?.close());

async function storeMarkets(): Promise<string[]> {
  const rows = await db()
    .selectFrom('store_marketplace' as never)
    .select('marketplace_id as m' as never)
    .where('store_id' as never, '=', f.storeId as never)
    .execute();
  return (rows as { m: string }[]).map((r) => r.m);
}

async function stored() {
  return cat().selectFrom('listing').selectAll().where('storeId', '=', f.storeId).execute();
}

async function logCount(): Promise<number> {
  const r = await db()
    .selectFrom('operationLog' as never)
    .select((e) => e.fn.countAll<number>().as('n'))
    .where('module' as never, '=', 'catalog' as never)
    .where('entity' as never, '=', 'listing' as never)
    .executeTakeFirstOrThrow();
  return Number((r as { n: number }).n);
}

/** What Amazon has now, per marketplace of the store, in our terms. */
function truth(markets: string[]) {
  const seller = f.sim.scenario!.seller(f.sellerId)!;
  const now = f.sim.clock.now();
  const out = new Map<string, Record<string, unknown>>();
  for (const mp of markets) {
    const m = seller.marketplaceIndex(mp);
    const levels = seller.inventoryAt(m, now);
    const currency = MARKETS.find((x) => x.id === mp)!.currency;
    for (const v of f.sim.scenario!.listings(f.sellerId, mp, now)) {
      const offer = v.price !== undefined && v.fulfillment !== undefined;
      const available =
        v.fulfillment === 'AFN'
          ? (levels.get(v.productIndex ?? -1)?.fulfillable ?? 0)
          : v.fulfillment === 'MFN'
            ? (v.merchantQuantity ?? 0)
            : 0;
      out.set(`${mp}|${v.sku}`, {
        asin: v.asin,
        title: v.itemName,
        fnsku: v.fnsku ?? null,
        status: v.childSkus ? 'inactive' : !offer ? 'incomplete' : available > 0 ? 'active' : 'inactive',
        priceMinor: v.price ?? null,
        currency,
        fulfillmentChannel: v.fulfillment === 'AFN' ? 'FBA' : 'FBM',
      });
    }
  }
  return out;
}

function mine(rows: Awaited<ReturnType<typeof stored>>) {
  return new Map(
    rows.map((r) => [
      `${r.marketplaceId}|${r.sellerSku}`,
      {
        asin: r.asin,
        title: r.title,
        fnsku: r.fnsku,
        status: r.status,
        priceMinor: r.priceMinor === null ? null : Number(r.priceMinor),
        currency: r.currency,
        fulfillmentChannel: r.fulfillmentChannel,
      },
    ]),
  );
}

describe('listings sync against amazon-sim', () => {
  it('is refused by Amazon while the store names another seller than the credentials', async () => {
    const setSeller = (sellerId: string) =>
      db()
        .updateTable('store' as never)
        .set({ seller_id: sellerId } as never)
        .where('id' as never, '=', f.storeId as never)
        .execute();
    await setSeller('A1OTHERSELLER1');
    const run = await f.t.rt.services.sync.runSync(payload());
    expect(run.status).toBe('error');
    const [state] = (await f.t.rt.services.sync.states(f.admin, f.storeId)).filter((s) => s.dataType === 'listings');
    expect(state?.error).toMatchObject({ code: 'Unauthorized', retryable: false });
    await setSeller(f.sellerId);
  });

  it('walks every marketplace, stopped after a page and resumed: equal to the ground truth', async () => {
    const markets = await storeMarkets();
    expect(markets.length).toBeGreaterThan(1);
    // A listing only we know of, in the marketplace the stopped run was walking: the resumed run did not see that
    // marketplace's first page, so it must not mark it inactive yet.
    const any = (await stored())[0]!;
    await cat()
      .insertInto('listing')
      .values({ ...any, id: 'lst_local_only', marketplaceId: markets[0]!, sellerSku: 'LOCAL-ONLY', status: 'active' })
      .execute();
    const seedSkus = new Set((await stored()).map((r) => `${r.marketplaceId}|${r.sellerSku}`));
    const sync = f.t.rt.services.sync;
    const controller = new AbortController();
    let commits = 0;
    const first = await sync.runSync(payload(), {
      signal: controller.signal,
      onProgress: () => {
        commits++;
        if (commits === 1) controller.abort();
      },
    });
    expect(first.status).toBe('error');
    const partial = (await stored()).filter((r) => !seedSkus.has(`${r.marketplaceId}|${r.sellerSku}`));
    expect(partial.length).toBe(20);

    const second = await sync.runSync(payload());
    expect(second.status).toBe('ok');
    const state = (await sync.states(f.admin, f.storeId)).find((s) => s.dataType === 'listings')!;
    expect(state.status).toBe('ok');
    expect(state.usage.find((u) => u.operation.endsWith('searchListingsItems'))?.calls).toBeGreaterThan(3);

    const expected = truth(markets);
    expect(expected.size).toBeGreaterThan(20 * markets.length);
    const rows = await stored();
    // One row per (marketplace, SKU): no duplicate from the re-read page.
    expect(new Set(rows.map((r) => `${r.marketplaceId}|${r.sellerSku}`)).size).toBe(rows.length);
    const have = mine(rows);
    const statuses = new Set<string>();
    for (const [key, want] of expected) {
      expect([key, have.get(key)]).toEqual([key, want]);
      statuses.add(want.status as string);
    }
    expect(statuses.has('active')).toBe(true);
    // What the seed had in the marketplaces walked whole and Amazon does not list: kept, inactive.
    const localOnly = `${markets[0]}|LOCAL-ONLY`;
    for (const [key, row] of have)
      if (!expected.has(key) && key !== localOnly) expect([key, row.status]).toEqual([key, 'inactive']);
    expect(have.get(localOnly)?.status).toBe('active');
  });

  it('a complete walk marks what Amazon does not list inactive; a second run changes nothing', async () => {
    const complete = await f.t.rt.services.sync.runSync(payload());
    expect(complete.status).toBe('ok');
    const markets = await storeMarkets();
    const local = await cat().selectFrom('listing').selectAll().where('id', '=', 'lst_local_only').executeTakeFirst();
    expect(local?.status).toBe('inactive');
    const before = await stored();
    const logs = await logCount();
    const run = await f.t.rt.services.sync.runSync(payload());
    expect(run.status).toBe('ok');
    expect(run.rows).toBe(truth(markets).size);
    expect(await logCount()).toBe(logs);
    const after = await stored();
    expect(after.map((r) => [r.id, r.updatedAt, r.status]).sort()).toEqual(
      before.map((r) => [r.id, r.updatedAt, r.status]).sort(),
    );
  });

  it("keeps people's fields and marks a listing Amazon removed inactive without deleting it", async () => {
    const markets = await storeMarkets();
    const mp = markets[0]!;
    const target = (await stored()).find(
      (r) => r.marketplaceId === mp && r.status === 'active' && truth([mp]).has(`${mp}|${r.sellerSku}`),
    )!;
    expect(target).toBeDefined();
    const sku = await cat()
      .selectFrom('sku')
      .select('id')
      .where('companyId', '=', f.t.seed.companyId)
      .executeTakeFirstOrThrow();
    await cat()
      .updateTable('listing')
      .set({ tagsJson: '["hero"]', operatorId: f.t.seed.userIds.operator ?? null, launchDate: '2025-03-01' })
      .where('id', '=', target.id)
      .execute();
    await cat().insertInto('listingSku').values({ listingId: target.id, skuId: sku.id, quantity: 2 }).execute();
    const seller = f.sim.scenario!.seller(f.sellerId)!;
    seller.listings.remove(target.sellerSku, seller.marketplaceIndex(mp), f.sim.clock.now());
    f.sim.clock.advance(60_000);

    const logs = await logCount();
    const run = await f.t.rt.services.sync.runSync(payload());
    expect(run.status).toBe('ok');
    expect(await logCount()).toBeGreaterThan(logs);
    const after = await cat().selectFrom('listing').selectAll().where('id', '=', target.id).executeTakeFirstOrThrow();
    expect(after).toMatchObject({
      status: 'inactive',
      tagsJson: '["hero"]',
      operatorId: f.t.seed.userIds.operator ?? null,
      launchDate: '2025-03-01',
      asin: target.asin,
    });
    const pairs = await cat().selectFrom('listingSku').selectAll().where('listingId', '=', target.id).execute();
    expect(pairs).toEqual([{ listingId: target.id, skuId: sku.id, quantity: 2 }]);
    // Everything else still equals Amazon.
    const have = mine(await stored());
    for (const [key, want] of truth(markets)) expect([key, have.get(key)]).toEqual([key, want]);
    expect(START).toBeLessThan(f.sim.clock.now());
  });

  it('synced listings follow the data scope over HTTP', async () => {
    const sku = f.sim.scenario!.listings(f.sellerId, 'ATVPDKIKX0DER')[0]!.sku;
    const op = await login(f.t, 'operator');
    const mine = (await op.req('GET', `/api/catalog/listings?q=${encodeURIComponent(sku)}`)).json();
    expect(mine.total).toBeGreaterThan(0);
    expect(mine.rows.every((r: { storeId: string }) => r.storeId === f.storeId)).toBe(true);
    const eu = await login(f.t, 'operatorEu');
    const theirs = (await eu.req('GET', `/api/catalog/listings?q=${encodeURIComponent(sku)}`)).json();
    expect(theirs.total).toBe(0);
    const id = mine.rows[0].id as string;
    expect([403, 404]).toContain((await eu.req('GET', `/api/catalog/listings/${id}`)).statusCode);
  });
});
