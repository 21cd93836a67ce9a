// Catalog import benchmark: N listings from CSV through the real import (parse, validate, plan, one transaction)
// into SQLite and PostgreSQL, against a raw bulk insert of the same rows through the driver in one transaction.
// Usage: npx tsx bench/catalog-import.bench.ts [rows=100000] [sqlite|postgres|both]
import { spawnSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { fileURLToPath } from 'node:url';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { importCatalogFile } from '../server/src/modules/catalog/index.js';
import { findMarketplace } from '../server/src/modules/stores/index.js';
import { newId } from '../server/src/platform/ids.js';
import { type BenchDb, benchRuntime, fmt, listingRow, PG_URL, writeListingsCsv } from './bench-env.js';

const N = Number(process.argv[2] ?? 100_000);
const which = (process.argv[3] ?? 'both') as BenchDb | 'both';

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

function rawRows(companyId: string, stores: Map<string, string>, now: number) {
  const rows = [];
  for (let i = 0; i < N; i++) {
    const r = listingRow(i);
    const mp = findMarketplace(r.marketplace)!;
    rows.push([
      newId('lst'),
      companyId,
      stores.get(r.store)!,
      mp.marketplaceId,
      r.sellerSku,
      r.asin,
      null,
      null,
      r.title,
      r.fulfillmentChannel,
      r.status,
      Math.round(Number(r.price) * 100),
      mp.currency,
      '[]',
      null,
      null,
      now,
      now,
    ]);
  }
  return rows;
}
const COLS =
  'id, company_id, store_id, marketplace_id, seller_sku, asin, parent_asin, fnsku, title, fulfillment_channel, status, price_minor, currency, tags_json, operator_id, launch_date, created_at, updated_at';

async function run(kind: BenchDb) {
  const env = await benchRuntime(kind);
  const file = await writeListingsCsv(env.dir, N);
  const { rt } = env;
  const company = await rt.database.db.selectFrom('company').select('id').executeTakeFirstOrThrow();
  const p = {
    kind: 'session' as const,
    userId: '',
    companyId: company.id as string,
    name: 'bench',
    permissions: {},
    scope: { allStores: true, storeIds: [], marketplaceIds: [], productLines: [], ownOnly: false },
  };
  const meta = {
    actor: { type: 'system' as const, id: null, name: 'bench', companyId: company.id as string },
    source: 'cli' as const,
  };
  peakRss = process.memoryUsage().rss;
  const baselineRss = peakRss;
  const t0 = performance.now();
  const report = await importCatalogFile({ db: rt.database.db, clock: rt.clock, stores: rt.services.stores }, p, meta, {
    kind: 'listings',
    file: createReadStream(file),
    fileName: 'bench.csv',
    dryRun: false,
  });
  const importMs = performance.now() - t0;
  const importRss = peakRss;
  if (report.status !== 'ok' || report.created !== N)
    throw new Error(`import failed: ${JSON.stringify(report).slice(0, 500)}`);
  const t1 = performance.now();
  const again = await importCatalogFile({ db: rt.database.db, clock: rt.clock, stores: rt.services.stores }, p, meta, {
    kind: 'listings',
    file: createReadStream(file),
    fileName: 'bench.csv',
    dryRun: false,
  });
  const reimportMs = performance.now() - t1;
  if (again.unchanged !== N) throw new Error('re-import changed rows');

  // Raw reference: the same rows, already in memory, inserted through the driver in one transaction into the same
  // table (a fresh Yangfan database: same columns, keys and indexes), without parsing, validation or planning.
  const rawEnv = await benchRuntime(kind);
  const rawCompany = await rawEnv.rt.database.db.selectFrom('company').select('id').executeTakeFirstOrThrow();
  const rawStores = new Map(
    (await rawEnv.rt.database.db.selectFrom('store').select(['id', 'name']).execute()).map((s) => [
      s.name as string,
      s.id as string,
    ]),
  );
  const rows = rawRows(rawCompany.id as string, rawStores, Date.now());
  await rawEnv.rt.close();
  const placeholders = (offset: number) =>
    `(${COLS.split(', ')
      .map((_, i) => (kind === 'sqlite' ? '?' : `$${offset + i + 1}`))
      .join(', ')})`;
  let rawMs: number;
  if (kind === 'sqlite') {
    const raw = new SQLite(rawEnv.rt.config.sqlitePath);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    const stmt = raw.prepare(`insert into listing (${COLS}) values ${placeholders(0)}`);
    const t = performance.now();
    raw.transaction(() => {
      for (const r of rows) stmt.run(r);
    })();
    rawMs = performance.now() - t;
    raw.close();
  } else {
    const c = new pg.Client({
      connectionString: `${PG_URL}?options=${encodeURIComponent(`-c search_path=${rawEnv.schema}`)}`,
    });
    await c.connect();
    const per = 1000;
    const t = performance.now();
    await c.query('begin');
    for (let i = 0; i < rows.length; i += per) {
      const chunk = rows.slice(i, i + per);
      const tuples = chunk.map((_, r) => placeholders(r * chunk[0]!.length));
      await c.query(`insert into listing (${COLS}) values ${tuples.join(',')}`, chunk.flat());
    }
    await c.query('commit');
    rawMs = performance.now() - t;
    await c.end();
  }
  await rawEnv.drop();
  await env.drop();
  const importRate = N / (importMs / 1000);
  const rawRate = N / (rawMs / 1000);
  return {
    kind,
    importMs,
    importRate,
    reimportMs,
    rawMs,
    rawRate,
    ratio: importRate / rawRate,
    peakRssMb: importRss / 1048576,
    baselineRssMb: baselineRss / 1048576,
  };
}

if (which === 'both') {
  // One process per database so each peak RSS is its own.
  console.log(`catalog import benchmark: ${fmt(N)} listings from CSV (node ${process.version})`);
  for (const k of ['sqlite', 'postgres']) {
    const r = spawnSync(
      process.execPath,
      [...process.execArgv, fileURLToPath(import.meta.url), String(N), k, '--child'],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    if (r.status !== 0) process.exit(r.status ?? 1);
  }
  process.exit(0);
}
const kinds: BenchDb[] = [which];
if (!process.argv.includes('--child'))
  console.log(`catalog import benchmark: ${fmt(N)} listings from CSV (node ${process.version})`);
for (const k of kinds) {
  const r = await run(k);
  console.log(
    `${k.padEnd(8)} import ${fmt(r.importMs / 1000, 2)} s = ${fmt(r.importRate)} rows/s | re-import (all unchanged) ${fmt(r.reimportMs / 1000, 2)} s | raw driver insert ${fmt(r.rawMs / 1000, 2)} s = ${fmt(r.rawRate)} rows/s | ratio ${fmt(r.ratio, 2)} (goal ≥ 0.50) | peak RSS ${fmt(r.peakRssMb)} MB (goal < 300; ${fmt(r.baselineRssMb)} MB before the import started)`,
  );
}
clearInterval(sampler);
process.exit(0);
