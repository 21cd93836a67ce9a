// Serving benchmark: autocannon against getItemOffersBatch (20 requests per batch) and, when the reports module answers,
// a report-document URL, with rate limits disabled. Prints req/s and the ratio to Amazon's quota for
// getItemOffersBatch (0.1 rps, burst 1); the simulator must serve at least 20× the quota.
// Usage: npx tsx amazon-sim/bench/serving.bench.ts [seconds=5] [connections=10]
import autocannon from 'autocannon';
import { createManualClock } from '../src/clock.ts';
import { startSim } from '../src/server.ts';

const seconds = Number(process.argv[2] ?? 5);
const connections = Number(process.argv[3] ?? 10);
const QUOTA_RPS = 0.1;
const US = 'ATVPDKIKX0DER';
const REPORT_TYPES = [
  'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  'GET_FBA_MYI_UNSUPPRESSED_INVENTORY_DATA',
  'GET_MERCHANT_LISTINGS_ALL_DATA',
];

const sim = await startSim({ port: 0, clock: createManualClock(), rateLimits: false, living: { historyDays: 30 } });
const seller = sim.info.sellers[0];
if (!seller || !sim.scenario) throw new Error('no seller / living marketplace');
const tokenRes = await fetch(sim.info.lwaTokenUrl, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({
    grant_type: 'refresh_token',
    refresh_token: seller.refreshToken,
    client_id: seller.clientId,
    client_secret: seller.clientSecret,
  }).toString(),
});
const token = ((await tokenRes.json()) as { access_token: string }).access_token;
const headers = { 'x-amz-access-token': token, 'content-type': 'application/json' };
const asins = (sim.scenario.seller(seller.sellerId)?.catalog.products ?? []).slice(0, 20).map((p) => p.asin);
const batchBody = JSON.stringify({
  requests: asins.map((asin) => ({
    uri: `/products/pricing/v0/items/${asin}/offers`,
    method: 'GET',
    MarketplaceId: US,
    ItemCondition: 'New',
  })),
});

async function run(title: string, options: autocannon.Options): Promise<number> {
  const result = await autocannon({ duration: seconds, connections, ...options });
  const ok = result['2xx'];
  const rps = ok / seconds;
  const bad = result.non2xx + result.errors;
  console.log(
    `${title.padEnd(24)} ${rps.toFixed(0).padStart(7)} req/s  p99 ${result.latency.p99} ms  non-2xx/errors ${bad}`,
  );
  return rps;
}

/** A report document URL, if the reports module serves createReport → getReport → getReportDocument. */
async function reportDocumentUrl(): Promise<string | undefined> {
  const base = `${sim.info.spApi.na}/reports/2021-06-30`;
  try {
    let reportId: string | undefined;
    for (const reportType of REPORT_TYPES) {
      const created = await fetch(`${base}/reports`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ reportType, marketplaceIds: [US] }),
      });
      reportId = ((await created.json()) as { reportId?: string }).reportId;
      if (reportId) break;
    }
    if (!reportId) return undefined;
    for (let i = 0; i < 20; i++) {
      sim.clock.advance(60_000);
      const report = (await (await fetch(`${base}/reports/${reportId}`, { headers })).json()) as {
        processingStatus?: string;
        reportDocumentId?: string;
      };
      if (report.processingStatus === 'DONE' && report.reportDocumentId) {
        const doc = (await (await fetch(`${base}/documents/${report.reportDocumentId}`, { headers })).json()) as {
          url?: string;
        };
        return doc.url;
      }
      if (report.processingStatus === 'FATAL' || report.processingStatus === 'CANCELLED') return undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

try {
  const check = await fetch(`${sim.info.spApi.na}/batches/products/pricing/v0/itemOffers`, {
    method: 'POST',
    headers,
    body: batchBody,
  });
  if (check.status !== 200) throw new Error(`getItemOffersBatch answered ${check.status}`);
  const rps = await run('getItemOffersBatch', {
    url: `${sim.info.spApi.na}/batches/products/pricing/v0/itemOffers`,
    method: 'POST',
    headers,
    body: batchBody,
  });
  const ratio = rps / QUOTA_RPS;
  console.log(`  quota ${QUOTA_RPS} rps → ${ratio.toFixed(0)}× the quota (${(rps * 20).toFixed(0)} items/s)`);
  const url = await reportDocumentUrl();
  if (url) await run('report document', { url });
  else console.log('report document          skipped (reports module not available)');
  if (ratio < 20) {
    console.error('FAIL: the simulator serves less than 20× the getItemOffersBatch quota');
    process.exitCode = 1;
  }
} finally {
  await sim.close();
}
