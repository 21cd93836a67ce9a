import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type RunningSim, startSim } from 'amazon-sim';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// `yangfan store add/test`, `yangfan sync` and `yangfan import` as a user runs them, against amazon-sim over HTTP.
// The simulator's clock runs 60× real time and YANGFAN_AMAZON_RATE_SCALE=60 keeps the client at its quotas, so a
// report that takes Amazon a minute is ready in a second.
const bin = join(import.meta.dirname, '../../bin/yangfan.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'yf-cli-sync-'));
let sim: RunningSim;

beforeAll(async () => {
  sim = await startSim({ port: 0, clockSpeed: 60, living: { historyDays: 20, skus: 6 } });
});
afterAll(async () => sim?.close());

// Asynchronous: the simulator answers from this process while the command runs.
function yangfan(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
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
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
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
});
