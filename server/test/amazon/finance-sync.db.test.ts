import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FinanceEvent, lineTotal, SellerFinances } from '../../../amazon-sim/src/finances/finance-events.ts';
import { MINUTE, START, type SyncFixture, startSyncFixture } from './sync-harness.js';

/**
 * The finance sync against amazon-sim over HTTP, compared with the simulator's ground truth: listFinancialEvents
 * windows hold every event line of the history exactly once (a run stopped after its first page resumes without gaps
 * or duplicates, a re-read of the whole history changes nothing), and the settlement reports are stored with totals
 * equal to their lines and to the simulator's financial events of each period.
 */

const DAY = 86_400_000;
const HISTORY = 40;
let f: SyncFixture;

beforeAll(async () => {
  f = await startSyncFixture({ historyDays: HISTORY });
});
afterAll(async () => f?.close());

const run = (dataType: string) =>
  f.t.rt.services.sync.runSync({ companyId: f.t.seed.companyId, storeId: f.storeId, dataType, trigger: 'cli' });
const stateOf = async (dataType: string) =>
  (await f.t.rt.services.sync.states(f.admin, f.storeId)).find((s) => s.dataType === dataType)!;

function finances(): SellerFinances {
  const scenario = f.sim.scenario!;
  const seller = scenario.seller(f.sellerId)!;
  return new SellerFinances(scenario.seed, seller);
}

/** The number of lines Yangfan makes of an event (every charge, fee, promotion and withheld tax; one per adjustment). */
function linesOf(e: FinanceEvent): number {
  if (e.kind === 'ServiceFee' || e.kind === 'Adjustment') return 1;
  return e.lines.reduce((s, l) => s + l.charges.length + l.fees.length + l.promotions.length + l.withheld.length, 0);
}

async function storedLines() {
  return f.t.rt.database.db
    .selectFrom('finance_event_line' as never)
    .select([
      'amazon_order_id as orderId',
      'event_type as eventType',
      'amount_minor as amount',
      'currency',
      'line_key as lineKey',
    ] as never[])
    .where('store_id' as never, '=', f.storeId as never)
    .execute() as Promise<
    { orderId: string | null; eventType: string; amount: number; currency: string; lineKey: string }[]
  >;
}

describe('finance sync against amazon-sim', () => {
  it('backfills the events, stopped after its first page and resumed: equal to the ground truth', async () => {
    const controller = new AbortController();
    let progress = 0;
    const first = await f.t.rt.services.sync.runSync(
      { companyId: f.t.seed.companyId, storeId: f.storeId, dataType: 'financial-events', trigger: 'cli' },
      {
        signal: controller.signal,
        onProgress: () => {
          progress++;
          if (progress === 1) controller.abort();
        },
      },
    );
    expect(first.status).toBe('error');
    const partial = await storedLines();
    expect(partial.length).toBeGreaterThan(0);
    const cursor = (await stateOf('financial-events')) as unknown as { status: string };
    expect(cursor.status).toBe('error');

    expect((await run('financial-events')).status).toBe('ok');
    const state = await stateOf('financial-events');
    expect(state.syncedThrough).toBeGreaterThan(START - 5 * MINUTE);
    expect(state.usage.find((u) => u.operation.endsWith('listFinancialEvents'))?.calls).toBeGreaterThan(0);

    const expected = finances().events(START - HISTORY * DAY, state.syncedThrough!, f.sim.clock.now());
    expect(expected.length).toBeGreaterThan(200);
    const stored = await storedLines();
    // Every line exactly once: as many lines as the events have parts, keys unique.
    expect(stored.length).toBe(expected.reduce((s, e) => s + linesOf(e), 0));
    expect(new Set(stored.map((l) => l.lineKey)).size).toBe(stored.length);
    // Per currency and per order, the stored lines sum to the events' totals to the minor unit.
    const sumBy = <T>(xs: T[], key: (x: T) => string, v: (x: T) => number) => {
      const m = new Map<string, number>();
      for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + v(x));
      return Object.fromEntries([...m].sort());
    };
    expect(
      sumBy(
        stored,
        (l) => l.currency,
        (l) => Number(l.amount),
      ),
    ).toEqual(
      sumBy(
        expected,
        (e) => e.currency,
        (e) => e.total,
      ),
    );
    expect(
      sumBy(
        stored.filter((l) => l.orderId),
        (l) => `${l.orderId}|${l.eventType}`,
        (l) => Number(l.amount),
      ),
    ).toEqual(
      sumBy(
        expected.filter((e) => e.orderId),
        (e) => `${e.orderId}|${e.kind}`,
        (e) => e.lines.reduce((s, l) => s + lineTotal(l), 0),
      ),
    );
    const kinds = new Set(stored.map((l) => l.eventType));
    expect([...kinds].sort()).toEqual([...new Set(expected.map((e) => e.kind))].sort());
  });

  it('re-reading the whole history changes nothing; a later run adds only what was posted since', async () => {
    const before = await storedLines();
    await sql`update sync_state set cursor_json = ${JSON.stringify({ after: START - HISTORY * DAY })} where store_id = ${f.storeId} and data_type = 'financial-events'`.execute(
      f.t.rt.database.db,
    );
    const again = await run('financial-events');
    expect(again).toMatchObject({ status: 'ok', rows: before.length });
    const after = await storedLines();
    expect(after.length).toBe(before.length);

    f.sim.clock.advance(2 * DAY);
    expect((await run('financial-events')).status).toBe('ok');
    const state = await stateOf('financial-events');
    const expected = finances().events(START - HISTORY * DAY, state.syncedThrough!, f.sim.clock.now());
    const later = await storedLines();
    expect(later.length).toBe(expected.reduce((s, e) => s + linesOf(e), 0));
    expect(later.length).toBeGreaterThan(before.length);
  });

  it('imports the settlement reports Amazon generated: totals equal their lines and the period events', async () => {
    expect((await run('settlements')).status).toBe('ok');
    const db = f.t.rt.database.db;
    const settlements = (await db
      .selectFrom('settlement' as never)
      .selectAll()
      .where('store_id' as never, '=', f.storeId as never)
      .execute()) as unknown as {
      id: string;
      settlementId: string;
      startAt: number;
      endAt: number;
      totalMinor: number;
      lineCount: number;
      marketplaceId: string;
      currency: string;
    }[];
    expect(settlements.length).toBeGreaterThan(0);
    const fin = finances();
    for (const s of settlements) {
      const lines = (await db
        .selectFrom('settlement_line' as never)
        .select(['amount_minor as amt'] as never[])
        .where('settlement_pk' as never, '=', s.id as never)
        .execute()) as unknown as { amt: number }[];
      expect(lines.length).toBe(Number(s.lineCount));
      expect(lines.reduce((x, l) => x + Number(l.amt), 0)).toBe(Number(s.totalMinor));
      const m = f.sim.scenario!.seller(f.sellerId)!.marketplaceIndex(s.marketplaceId);
      expect(m).toBeGreaterThanOrEqual(0);
      const truth = fin
        .events(Number(s.startAt), Number(s.endAt), f.sim.clock.now(), m)
        .reduce((x, e) => x + e.total, 0);
      expect([s.settlementId, Number(s.totalMinor)]).toEqual([s.settlementId, truth]);
    }
    // A second run finds no new report and changes nothing.
    const again = await run('settlements');
    expect(again).toMatchObject({ status: 'ok', rows: 0 });
  });
});

// getReportDocument allows 15 documents in a burst, then one a minute: the report-based data types get their own
// simulator and quota, as a store that has read its settlements already would wait.
describe('FBA finance reports against amazon-sim', () => {
  beforeAll(async () => {
    await f?.close();
    f = await startSyncFixture({ historyDays: HISTORY, sim: { living: { historyDays: 150, skus: 12 } } });
  });

  it('fetches FBA reimbursements and the storage fees of closed months by report; a second run requests nothing', async () => {
    // Reimbursements are rare: read 120 days of them (two report windows) for a meaningful comparison.
    const since = START - 120 * DAY;
    await run('fba-reimbursements');
    await sql`update sync_state set cursor_json = ${JSON.stringify({ next: since })} where store_id = ${f.storeId} and data_type = 'fba-reimbursements'`.execute(
      f.t.rt.database.db,
    );
    expect((await run('fba-reimbursements')).status).toBe('ok');
    expect((await run('fba-storage-fees')).status).toBe('ok');
    const db = f.t.rt.database.db;
    const reimbursements = (await db
      .selectFrom('fba_reimbursement' as never)
      .select(['reimbursement_id as id', 'amazon_order_id as orderId', 'sku'] as never[])
      .where('store_id' as never, '=', f.storeId as never)
      .execute()) as unknown as { id: string; orderId: string; sku: string }[];
    // The simulator reimburses carrier-damaged FBA returns a week after they arrive.
    const state = await stateOf('fba-reimbursements');
    const expected = (
      f.sim.scenario!.ordersBetween(f.sellerId, since - 60 * DAY, state.syncedThrough!, f.sim.clock.now()) ?? []
    )
      .filter((o) => o.channel === 'AFN' && !o.canceled)
      .flatMap((o) =>
        o.items
          .filter((it) => {
            const r = it.returned;
            if (r?.disposition !== 'CARRIER_DAMAGED') return false;
            const at = r.returnedAt + 7 * DAY;
            return at >= since && at < state.syncedThrough!;
          })
          .map((it) => `${o.orderId}|${it.sku}`),
      )
      .sort();
    expect(expected.length).toBeGreaterThan(0);
    expect(reimbursements.map((r) => `${r.orderId}|${r.sku}`).sort()).toEqual(expected);

    const fees = (await db
      .selectFrom('fba_storage_fee' as never)
      .select(['month_of_charge as month', 'country_code as country', 'fee_minor as fee'] as never[])
      .where('store_id' as never, '=', f.storeId as never)
      .execute()) as unknown as { month: string; country: string; fee: number }[];
    expect(fees.length).toBeGreaterThan(0);
    // History from mid-October on 20 November: October is closed and published, November is not.
    expect([...new Set(fees.map((x) => x.month))]).toEqual(['2026-10']);
    expect(fees.every((x) => Number(x.fee) >= 0)).toBe(true);

    const before = (await stateOf('fba-storage-fees')).usage.find((u) => u.operation.endsWith('createReport'))?.calls;
    expect(before).toBeGreaterThan(0);
    expect(await run('fba-storage-fees')).toMatchObject({ status: 'ok', rows: 0 });
    expect(await run('fba-reimbursements')).toMatchObject({ status: 'ok', rows: 0 });
  });
});
