import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createRuntime, type Runtime, type RuntimeOptions } from '../server/src/entrypoints/runtime.js';
import { seedDemoCompany } from '../server/src/entrypoints/seed.js';
import { loadConfig, type RawConfig } from '../server/src/platform/config.js';
import { openDatabase } from '../server/src/platform/db/database.js';
import { createLogger } from '../server/src/platform/logger.js';

export type BenchDb = 'sqlite' | 'postgres';
export const PG_URL = process.env.YANGFAN_BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A fresh runtime on a new SQLite file or a new PostgreSQL schema, with the demo company's two stores. */
export async function benchRuntime(
  kind: BenchDb,
  opts: {
    runtime?: Omit<RuntimeOptions, 'database' | 'logger'>;
    config?: Partial<RawConfig>;
    sellerIds?: { us: string; eu: string };
  } = {},
): Promise<{ rt: Runtime; dir: string; schema?: string; drop(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'yf-bench-'));
  const config = loadConfig(
    {},
    { dataDir: dir, secretKey: randomBytes(32).toString('hex'), logLevel: 'warn', ...opts.config },
  );
  let schema: string | undefined;
  let url: string | undefined;
  if (kind === 'postgres') {
    schema = `bench_${randomBytes(4).toString('hex')}`;
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(`create schema ${schema}`);
    await c.end();
    url = `${PG_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
  }
  const database = openDatabase({ databaseUrl: url, sqlitePath: config.sqlitePath });
  const rt = await createRuntime(config, { ...opts.runtime, database, logger: createLogger('warn') });
  await seedDemoCompany(rt, { skus: 0, users: false, ...(opts.sellerIds ? { sellerIds: opts.sellerIds } : {}) });
  return {
    rt,
    dir,
    ...(schema ? { schema } : {}),
    async drop() {
      await rt.close().catch(() => undefined);
      if (schema) {
        const c = new pg.Client({ connectionString: PG_URL });
        await c.connect();
        await c.query(`drop schema ${schema} cascade`);
        await c.end();
      }
    },
  };
}

const MPS_US = ['US', 'CA', 'MX'];
const MPS_EU = ['DE', 'FR', 'IT', 'ES', 'UK'];

/** One generated listing row (deterministic), as the import file and the raw reference both see it. */
export function listingRow(i: number) {
  const eu = i % 2 === 1;
  const mps = eu ? MPS_EU : MPS_US;
  return {
    store: eu ? 'Demo EU' : 'Demo US',
    marketplace: mps[Math.floor(i / 2) % mps.length]!,
    sellerSku: `BENCH-${String(i).padStart(7, '0')}`,
    asin: `B0${i.toString(36).toUpperCase().padStart(8, '0')}`,
    title: `Benchmark product ${i} — stainless steel water bottle 750 ml`,
    fulfillmentChannel: i % 10 === 0 ? 'FBM' : 'FBA',
    status: i % 13 === 0 ? 'inactive' : 'active',
    price: `${(5 + (i % 5000) / 100).toFixed(2)}`,
  };
}

/** Writes `n` listing rows as a CSV file; returns its path. */
export async function writeListingsCsv(dir: string, n: number): Promise<string> {
  const file = join(dir, `listings-${n}.csv`);
  const out = createWriteStream(file);
  out.write('store,marketplace,seller_sku,asin,title,fulfillment_channel,status,price\n');
  for (let i = 0; i < n; i++) {
    const r = listingRow(i);
    const line = `${r.store},${r.marketplace},${r.sellerSku},${r.asin},"${r.title}",${r.fulfillmentChannel},${r.status},${r.price}\n`;
    if (!out.write(line)) await new Promise<void>((res) => out.once('drain', () => res()));
  }
  await new Promise<void>((res) => out.end(() => res()));
  return file;
}

export function fmt(n: number, digits = 0): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}
