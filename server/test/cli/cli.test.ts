import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The real `yangfan` command in a child process, on a fresh SQLite data dir (the CLI is an entrypoint; its
// database is the embedded default here — the same repositories are covered on PostgreSQL by the HTTP tests).
const bin = join(import.meta.dirname, '../../bin/yangfan.mjs');
const dataDir = mkdtempSync(join(tmpdir(), 'yf-cli-'));
function yangfan(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [bin, ...args], {
    encoding: 'utf8',
    env: {
      ...process.env,
      DATABASE_URL: '',
      REDIS_URL: '',
      YANGFAN_DATA_DIR: dataDir,
      YANGFAN_LOG_LEVEL: 'error',
      ...env,
    },
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

// Each command is a fresh Node process compiling TypeScript (several seconds on a busy 2-core machine): the
// generous per-test timeouts are budgets, not performance assertions.
describe('yangfan CLI', { timeout: 300_000 }, () => {
  it('explains every command with --help', () => {
    const r = yangfan(['--help']);
    expect(r.code).toBe(0);
    for (const c of ['start', 'worker', 'db', 'user', 'store', 'catalog']) expect(r.out).toContain(c);
    expect(yangfan(['store', 'add', '--help']).out).toContain('--spapi-endpoint');
  });

  it('refuses invalid configuration with a clear message and a non-zero exit', () => {
    const r = yangfan(['db', 'migrate'], { YANGFAN_PORT: 'eighty' });
    expect(r.code).not.toBe(0);
    expect(r.err).toMatch(/INVALID_CONFIG: Invalid configuration: port/);
    const r2 = yangfan(['db', 'migrate'], { DATABASE_URL: 'mysql://x' });
    expect(r2.err).toMatch(/DATABASE_URL must start with postgres/);
  });

  it('migrates, adds a user (creating the company), adds a store, imports and exports', () => {
    const m = yangfan(['db', 'migrate']);
    expect(m.code).toBe(0);
    expect(m.out).toMatch(/✓ 2026-11-29-0200-create-platform/);
    const u = yangfan([
      'user',
      'add',
      '--email',
      'Boss@Example.com',
      '--name',
      'Boss',
      '--password',
      'a-long-password',
      '--company',
      'ACME',
    ]);
    expect(u.code).toBe(0);
    expect(u.out).toMatch(/created company "ACME"/);
    expect(u.out).toMatch(/added user boss@example.com/);
    const dup = yangfan([
      'user',
      'add',
      '--email',
      'boss@example.com',
      '--name',
      'Again',
      '--password',
      'a-long-password',
    ]);
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/CONFLICT/);
    const s = yangfan([
      'store',
      'add',
      '--name',
      'US',
      '--region',
      'na',
      '--seller-id',
      'A1SELLER0001',
      '--marketplaces',
      'US,CA',
      '--client-id',
      'c',
      '--client-secret',
      's',
      '--refresh-token',
      'r',
      '--spapi-endpoint',
      'http://127.0.0.1:4100/na',
    ]);
    expect(s.code).toBe(0);
    expect(s.out).toMatch(/added store US .* in NA: A2EUQ1WTGCTBG2, ATVPDKIKX0DER, credentials encrypted/);
    const bad = yangfan([
      'store',
      'add',
      '--name',
      'X',
      '--region',
      'na',
      '--seller-id',
      'A1SELLER0002',
      '--marketplaces',
      'DE',
    ]);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/DE is in region EU/);
    const file = join(dataDir, 'listings.csv');
    writeFileSync(file, 'store,marketplace,seller_sku,price\r\nUS,US,CLI-1,9.99\r\nUS,US,CLI-2,abc\r\n');
    const rejected = yangfan(['catalog', 'import', '--kind', 'listings', file]);
    expect(rejected.code).toBe(2);
    expect(rejected.out).toMatch(/line 3, price: not an amount/);
    expect(rejected.out).toMatch(/REJECTED \(nothing written\)/);
    writeFileSync(file, 'store,marketplace,seller_sku,price\r\nUS,US,CLI-1,9.99\r\nUS,CA,CLI-2,12.50\r\n');
    const ok = yangfan(['catalog', 'import', '--kind', 'listings', file]);
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/imported: 2 rows, 2 created/);
    const out = join(dataDir, 'out.csv');
    const exp = yangfan(['catalog', 'export', '--kind', 'listings', '--format', 'csv', '--out', out]);
    expect(exp.code).toBe(0);
    const again = yangfan(['catalog', 'import', '--kind', 'listings', out]);
    expect(again.out).toMatch(/0 created, 0 updated, 2 unchanged/);
  });
});
