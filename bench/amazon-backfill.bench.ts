// Backfill benchmark: one store × 3 marketplaces (US, CA, MX) × N SKUs × D days from amazon-sim with its quotas on
// and its virtual clock running S× real time (the client's limiter scaled by the same S, YANGFAN_AMAZON_RATE_SCALE).
// Runs every registered data type of the store once, in registry order (history before live), and prints per data
// type the wall time, rows and rows/s, and per SP-API operation the calls, 429s and quota utilisation over the data
// type's run: granted calls / (documented rate × virtual seconds + burst). Utilisation near 1 on an operation means
// the run was bound by Amazon's quota, as it should be; 429s should stay under 1 % of calls.
// Usage: npx tsx bench/amazon-backfill.bench.ts [skus=500] [days=365] [speed=200] [sqlite|postgres]
import { startSim } from 'amazon-sim';
import { type BenchDb, benchRuntime, fmt } from './bench-env.js';

const SKUS = Number(process.argv[2] ?? 500);
const DAYS = Number(process.argv[3] ?? 365);
const SPEED = Number(process.argv[4] ?? 200);
const DB = (process.argv[5] ?? 'sqlite') as BenchDb;

interface OpReport {
  operation: string;
  rate: number | null;
  burst: number | null;
  calls: number;
  granted: number;
  throttled: number;
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 100);

const t0 = Date.now();
const sim = await startSim({ port: 0, clockSpeed: SPEED, living: { historyDays: DAYS + 5, skus: SKUS } });
console.log(
  `amazon-sim: ${SKUS} SKUs × ${DAYS + 5} days generated in ${fmt((Date.now() - t0) / 1000, 1)} s, clock ${SPEED}×`,
);
const seller = sim.info.sellers.find((s) => s.region === 'na')!;
const euSeller = sim.info.sellers.find((s) => s.region === 'eu')!;
const { rt, drop } = await benchRuntime(DB, {
  runtime: { clock: { now: () => sim.clock.now() }, syncHistoryDays: DAYS },
  config: { amazonRateScale: SPEED },
  sellerIds: { us: seller.sellerId, eu: euSeller.sellerId },
});
const companyId = (await rt.database.db
  .selectFrom('company' as never)
  .select('id' as never)
  .executeTakeFirstOrThrow()) as {
  id: string;
};
const storeRow = (await rt.services.stores.listForSystem(companyId.id)).find((s) => s.name === 'Demo US')!;
const admin = {
  kind: 'session' as const,
  userId: '',
  companyId: companyId.id,
  name: 'bench',
  permissions: { stores: ['view' as const, 'edit' as const] },
  scope: { allStores: true, storeIds: [], marketplaceIds: [], productLines: [], ownOnly: false },
};
const meta = {
  actor: { type: 'system' as const, id: null, name: 'bench', companyId: companyId.id },
  source: 'system' as const,
};
await rt.services.stores.update(admin, meta, storeRow.id, {
  credentials: { clientId: seller.clientId, clientSecret: seller.clientSecret, refreshToken: seller.refreshToken },
  endpoints: { lwa: sim.info.lwaTokenUrl, spApi: sim.info.spApi.na, ads: sim.info.ads.na },
});

const simReport = async (reset: boolean): Promise<OpReport[]> => {
  const res = await fetch(`${sim.url}/sim/report${reset ? '/reset' : ''}`, { method: reset ? 'POST' : 'GET' });
  return ((await res.json()) as { operations: OpReport[] }).operations;
};

const totals = { rows: 0, calls: 0, throttled: 0 };
const start = Date.now();
for (const dataType of rt.services.sync.dataTypes()) {
  await simReport(true);
  const v0 = sim.clock.now();
  const w0 = Date.now();
  const result = await rt.services.sync.runSync({
    companyId: companyId.id,
    storeId: storeRow.id,
    dataType,
    trigger: 'cli',
  });
  const wall = (Date.now() - w0) / 1000;
  const virtualSeconds = (sim.clock.now() - v0) / 1000;
  const ops = (await simReport(false)).filter((o) => o.calls > 0);
  totals.rows += result.rows;
  console.log(
    `\n${dataType}: ${result.status}${result.error ? ` (${result.error.code}: ${result.error.message.slice(0, 120)})` : ''}, ${fmt(result.rows)} rows in ${fmt(wall, 1)} s = ${fmt(result.rows / Math.max(wall, 0.001))} rows/s (virtual ${fmt(virtualSeconds / 3600, 2)} h)`,
  );
  for (const o of ops) {
    totals.calls += o.calls;
    totals.throttled += o.throttled;
    const capacity = o.rate === null ? null : o.rate * virtualSeconds + (o.burst ?? 0);
    const util = capacity ? o.granted / capacity : null;
    console.log(
      `  ${o.operation.padEnd(48)} calls ${String(o.calls).padStart(6)}  429 ${String(o.throttled).padStart(4)}  rate ${String(o.rate).padStart(7)}/s burst ${String(o.burst).padStart(3)}  utilisation ${util === null ? '-' : fmt(util, 3)}`,
    );
  }
}
const wall = (Date.now() - start) / 1000;
clearInterval(sampler);
console.log(
  `\nTOTAL (${DB}): ${fmt(totals.rows)} rows in ${fmt(wall, 1)} s = ${fmt(totals.rows / wall)} rows/s; ${fmt(totals.calls)} calls, ${fmt(totals.throttled)} 429s = ${fmt((100 * totals.throttled) / Math.max(1, totals.calls), 2)} % (goal < 1 %); peak RSS ${fmt(peakRss / 2 ** 20)} MB (simulator in the same process)`,
);
await drop();
await sim.close();
