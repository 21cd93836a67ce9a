// Listings grid API benchmark: one page of 200 rows, filtered and sorted, out of N listings, under autocannon with
// 50 connections against the real server (session cookie, access checks, JSON serialisation).
// Usage: npx tsx bench/listings-grid.bench.ts [rows=100000] [sqlite|postgres] [seconds=15]
import { createReadStream } from 'node:fs';
import autocannon from 'autocannon';
import { createApp } from '../server/src/entrypoints/runtime.js';
import { DEMO_PASSWORD, DEMO_USERS } from '../server/src/entrypoints/seed.js';
import { importCatalogFile } from '../server/src/modules/catalog/index.js';
import { type BenchDb, benchRuntime, fmt, writeListingsCsv } from './bench-env.js';

const N = Number(process.argv[2] ?? 100_000);
const kind = (process.argv[3] ?? 'sqlite') as BenchDb;
const seconds = Number(process.argv[4] ?? 15);

const env = await benchRuntime(kind);
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
const file = await writeListingsCsv(env.dir, N);
const report = await importCatalogFile(
  { db: rt.database.db, clock: rt.clock, stores: rt.services.stores },
  p,
  { actor: { type: 'system', id: null, name: 'bench', companyId: p.companyId }, source: 'cli' },
  { kind: 'listings', file: createReadStream(file), fileName: 'b.csv', dryRun: false },
);
if (report.created !== N) throw new Error('seed import failed');
const app = await createApp(rt, { serveWeb: false });
const address = await app.listen({ port: 0, host: '127.0.0.1' });
const login = await fetch(`${address}/api/auth/login`, {
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify({ email: DEMO_USERS.admin, password: DEMO_PASSWORD }),
});
const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0]!;

const pages = [
  '/api/catalog/listings?limit=200&offset=0&sort=price:desc&status=active&marketplaceId=ATVPDKIKX0DER',
  '/api/catalog/listings?limit=200&offset=2000&sort=sellerSku:asc&fulfillmentChannel=FBA',
  '/api/catalog/listings?limit=200&offset=400&sort=updatedAt:desc&marketplaceId=A1PA6795UKMFR9',
  '/api/catalog/listings?limit=200&offset=0&sort=price:asc&q=BENCH-00123',
];
const check = await fetch(`${address}${pages[0]}`, { headers: { cookie } });
const body = (await check.json()) as { rows: unknown[]; total: number };
if (check.status !== 200 || body.rows.length !== 200) throw new Error(`unexpected response ${check.status}`);

console.log(
  `listings grid API: ${fmt(N)} listings on ${kind}; 50 connections for ${seconds} s; pages of 200 rows, filtered + sorted`,
);
for (const url of [pages, ...pages.map((x) => [x])]) {
  const result = await autocannon({
    url: address,
    connections: 50,
    duration: seconds / (url.length === 1 ? 3 : 1),
    headers: { cookie },
    requests: url.map((path) => ({ method: 'GET', path })),
  });
  const label = url.length === 1 ? url[0]!.replace('/api/catalog/listings?limit=200&', '') : 'mix of the 4 queries';
  console.log(
    `  ${label.padEnd(70)} p50 ${fmt(result.latency.p50)} ms | p99 ${fmt(result.latency.p99)} ms (goal < 50) | ${fmt(result.requests.average)} req/s | non-2xx ${result.non2xx}`,
  );
}
await app.close();
await env.drop();
process.exit(0);
