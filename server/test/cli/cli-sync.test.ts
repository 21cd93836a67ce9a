import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSim, startSim } from 'amazon-sim';
import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `yangfan store add/test`, `yangfan sync` and `yangfan import` as a user runs them, against amazon-sim over HTTP.
// The simulator's clock runs 60× real time and YANGFAN_AMAZON_RATE_SCALE=60 keeps the client at its quotas, so a
// report that takes Amazon a minute is ready in a second.
const bin = join(import.meta.dirname, '../../bin/yangfan.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'yf-cli-sync-'));
let sim: RunningSim;

beforeAll(async () => {
  sim = await startSim({ port: 0, clockSpeed: 60, living: { historyDays: 40, skus: 25 } });
});
afterAll(async () => sim?.close());

// Asynchronous: the simulator answers from this process while the command runs.
function yangfan(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return start(args).done;
}

function start(args: string[]) {
  const child = spawn(process.execPath, [bin, ...args], {
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      YANGFAN_DATA_DIR: dataDir,
      YANGFAN_LOG_LEVEL: 'error',
      YANGFAN_AMAZON_RATE_SCALE: '60',
    },
    timeout: 120_000,
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => {
    out += d;
  });
  child.stderr.on('data', (d) => {
    err += d;
  });
  const done = new Promise<{ code: number | null; out: string; err: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, out, err })),
  );
  return { child, done };
}

describe('yangfan store / sync / import against amazon-sim', { timeout: 400_000 }, () => {
  it('connects a store, tests it, syncs it with progress; bad credentials and bad input exit non-zero', async () => {
    const seller = sim.info.sellers.find((s) => s.region === 'na')!;
    expect(
      (await yangfan(['user', 'add', '--email', 'a@b.co', '--name', 'A', '--password', 'a-long-password'])).code,
    ).toBe(0);
    const common = [
      '--region',
      'na',
      '--seller-id',
      seller.sellerId,
      '--client-id',
      seller.clientId,
      '--client-secret',
      seller.clientSecret,
    ];
    const endpoints = ['--spapi-endpoint', sim.info.spApi.na, '--lwa-endpoint', sim.info.lwaTokenUrl];
    const add = await yangfan([
      'store',
      'add',
      '--name',
      'Sim US',
      ...common,
      '--marketplaces',
      'US,CA,MX',
      '--refresh-token',
      seller.refreshToken,
      ...endpoints,
    ]);
    expect(add.code).toBe(0);
    const test = await yangfan(['store', 'test', 'Sim US']);
    expect(test.out).toMatch(/✓ US/);
    expect(test.out).toMatch(/connection OK/);
    expect(test.code).toBe(0);

    // The order data types: the others are report-bound (one createReport a minute) and have their own tests.
    const sync = await yangfan(['sync', '--store', 'Sim US', '--only', 'orders-backfill,orders']);
    expect(sync.out).toMatch(/orders-backfill: OK, \d+ rows/);
    expect(sync.out).toMatch(/orders: OK, \d+ rows/);
    expect(sync.err).toMatch(/orders-backfill/);
    expect(sync.code).toBe(0);
    const rows = Number(/orders-backfill: OK, (\d+) rows/.exec(sync.out)?.[1]);
    expect(rows).toBeGreaterThan(20);

    const revoked = await yangfan([
      'store',
      'add',
      '--name',
      'Revoked',
      ...common.slice(0, 2),
      '--seller-id',
      'A1REVOKED0001',
      '--client-id',
      seller.clientId,
      '--client-secret',
      seller.clientSecret,
      '--marketplaces',
      'US',
      '--refresh-token',
      'Atzr|revoked',
      ...endpoints,
    ]);
    expect(revoked.code).toBe(0);
    const failed = await yangfan(['sync', '--store', 'Revoked', '--only', 'orders']);
    expect(failed.code).toBe(2);
    expect(failed.out).toMatch(/orders: FAILED/);
    expect((await yangfan(['store', 'test', 'Revoked'])).code).toBe(2);

    expect((await yangfan(['sync', '--store', 'Nope'])).err).toMatch(/No store named or with id "Nope"/);
    const unknownType = await yangfan(['sync', '--store', 'Sim US', '--only', 'returns']);
    expect(unknownType.code).toBe(1);
    expect(unknownType.err).toMatch(/Unknown data type "returns"/);

    const file = join(dataDir, 'orders.txt');
    writeFileSync(
      file,
      'amazon-order-id\tpurchase-date\torder-status\tsku\tsales-channel\tcurrency\titem-price\tquantity\r\n111-9999999-0000001\t2026-11-20T10:00:00+00:00\tShipped\tCLI-1\tAmazon.com\tUSD\t9,99x\t1\r\n',
    );
    const rejected = await yangfan([
      'import',
      '--store',
      'Sim US',
      '--type',
      'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
      file,
    ]);
    expect(rejected.code).toBe(2);
    expect(rejected.out).toMatch(/line 2, item-price: Not an amount in USD/);
    const wrongType = await yangfan(['import', '--store', 'Sim US', '--type', 'GET_NOTHING', file]);
    expect(wrongType.code).toBe(1);
    expect(wrongType.err).toMatch(/Unknown report type "GET_NOTHING"/);
  });

  it("a sync process killed mid-backfill and started again ends with every order once (the dead run's lease is taken over)", async () => {
    const seller = sim.info.sellers.find((x) => x.region === 'eu')!;
    const add = await yangfan([
      'store',
      'add',
      '--name',
      'Sim EU',
      '--region',
      'eu',
      '--seller-id',
      seller.sellerId,
      '--marketplaces',
      'UK,DE,FR,IT,ES',
      '--client-id',
      seller.clientId,
      '--client-secret',
      seller.clientSecret,
      '--refresh-token',
      seller.refreshToken,
      '--spapi-endpoint',
      sim.info.spApi.eu,
      '--lwa-endpoint',
      sim.info.lwaTokenUrl,
    ]);
    expect(add.code).toBe(0);
    const dbFile = join(dataDir, 'yangfan.sqlite');
    const count = () => {
      const db = new SQLite(dbFile, { readonly: true, fileMustExist: true });
      try {
        const row = db
          .prepare("select count(*) as n from amazon_order o join store s on s.id = o.store_id where s.name = 'Sim EU'")
          .get() as { n: number };
        return row.n;
      } finally {
        db.close();
      }
    };
    const first = start(['sync', '--store', 'Sim EU', '--only', 'orders-backfill']);
    let killedAt = 0;
    for (let i = 0; i < 600 && killedAt === 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const n = count();
      if (n > 0) {
        first.child.kill('SIGKILL');
        killedAt = n;
      }
    }
    const killed = await first.done;
    expect(killedAt).toBeGreaterThan(0);
    expect(killed.code).toBeNull();
    // Killed mid-run: the lease is still held by the dead process and the backfill has not reached its end.
    const st = new SQLite(dbFile, { readonly: true });
    const held = st
      .prepare(
        "select st.status, st.cursor_json as c, st.lease_owner as o from sync_state st join store s on s.id = st.store_id where s.name = 'Sim EU' and st.data_type = 'orders-backfill'",
      )
      .get() as { status: string; c: string; o: string };
    st.close();
    expect(held.status).toBe('running');
    expect(held.o).toMatch(/:\d+$/);
    const cursor = JSON.parse(held.c) as { done: number; until: number };
    expect(cursor.done).toBeLessThan(cursor.until);
    const again = await yangfan(['sync', '--store', 'Sim EU', '--only', 'orders-backfill,orders']);
    expect(again.out).toMatch(/orders-backfill: OK/);
    expect(again.out).toMatch(/orders: OK/);
    expect(again.code).toBe(0);
    const db = new SQLite(dbFile, { readonly: true });
    const stored = db
      .prepare(
        "select o.amazon_order_id as id from amazon_order o join store s on s.id = o.store_id where s.name = 'Sim EU'",
      )
      .all() as { id: string }[];
    const through = (
      db
        .prepare(
          "select synced_through as t from sync_state st join store s on s.id = st.store_id where s.name = 'Sim EU' and st.data_type = 'orders'",
        )
        .get() as { t: number }
    ).t;
    db.close();
    const ids = new Set(stored.map((r) => r.id));
    expect(ids.size).toBe(stored.length);
    const eu = ['A1F83G8C2ARO7P', 'A1PA6795UKMFR9', 'A13V1IB3VIYZZH', 'APJ6JRA9NG5V4', 'A1RKKUPIHCS9HS'];
    const truth = (sim.scenario?.ordersBetween(seller.sellerId, 0, through - 1, sim.clock.now()) ?? []).filter((o) =>
      eu.includes(o.marketplaceId),
    );
    expect(truth.length).toBeGreaterThan(0);
    expect(truth.filter((o) => !ids.has(o.orderId)).map((o) => o.orderId)).toEqual([]);
    const known = new Set(
      (sim.scenario?.ordersBetween(seller.sellerId, 0, sim.clock.now(), sim.clock.now()) ?? []).map((o) => o.orderId),
    );
    expect([...ids].filter((id) => !known.has(id))).toEqual([]);
  });
});
