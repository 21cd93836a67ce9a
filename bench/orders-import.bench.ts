// All-orders flat-file import benchmark: a GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL file of SIZE bytes
// (default 1 GiB; 1–3 lines per order, US/CA/MX) through the real import (stream-parse by header name, validate every
// cell, group lines into orders, upsert with history, one transaction), against a raw bulk insert of the same orders
// and lines through insertMany in one transaction (no validation, no upsert). Prints rows/s of both, the ratio, and
// the import's peak RSS (goal < 300 MB: the file is streamed, never loaded).
// Usage: npx tsx bench/orders-import.bench.ts [sizeMB=1024] [sqlite|postgres]
import { createReadStream, createWriteStream, statSync } from 'node:fs';
import { join } from 'node:path';
import { runWrite } from '../server/src/platform/audit.js';
import { insertMany } from '../server/src/platform/db/database.js';
import { newId } from '../server/src/platform/ids.js';
import { type BenchDb, benchRuntime, fmt } from './bench-env.js';

const SIZE_MB = Number(process.argv[2] ?? 1024);
const DB = (process.argv[3] ?? 'sqlite') as BenchDb;
const HEADER =
  'amazon-order-id\tmerchant-order-id\tpurchase-date\tlast-updated-date\torder-status\tfulfillment-channel\tsales-channel\torder-channel\turl\tship-service-level\tproduct-name\tsku\tasin\titem-status\tquantity\tcurrency\titem-price\titem-tax\tshipping-price\tshipping-tax\tgift-wrap-price\tgift-wrap-tax\titem-promotion-discount\tship-promotion-discount\tship-city\tship-state\tship-postal-code\tship-country\tpromotion-ids\tis-business-order\tpurchase-order-number\tprice-designation';
const MARKETS = [
  ['Amazon.com', 'USD', 'US', 'SEATTLE', 'WA', '98101'],
  ['Amazon.ca', 'CAD', 'CA', 'TORONTO', 'ON', 'M5V 2T6'],
  ['Amazon.com.mx', 'MXN', 'MX', 'CIUDAD DE MEXICO', 'CDMX', '06600'],
] as const;

interface Line {
  orderId: string;
  purchase: number;
  market: (typeof MARKETS)[number];
  sku: string;
  quantity: number;
  priceMinor: number;
}

function* lines(): Generator<Line> {
  const start = Date.parse('2025-11-01T00:00:00Z');
  for (let o = 0; ; o++) {
    const market = MARKETS[o % 10 < 7 ? 0 : o % 10 < 9 ? 1 : 2]!;
    const orderId = `${String(100 + (o % 900))}-${String(1_000_000 + Math.floor(o / 900)).padStart(7, '0')}-${String(1_000_000 + (o % 8_999_999)).padStart(7, '0')}`;
    const purchase = start + o * 9_000;
    const n = 1 + (o % 7 === 0 ? 2 : o % 3 === 0 ? 1 : 0);
    for (let i = 0; i < n; i++) {
      yield {
        orderId,
        purchase,
        market,
        sku: `BENCH-${String((o * 7 + i * 13) % 5000).padStart(5, '0')}`,
        quantity: 1 + (o % 3),
        priceMinor: 999 + ((o * 37 + i) % 9000),
      };
    }
  }
}

const money = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;
const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}+00:00`;

async function writeFile(path: string): Promise<number> {
  const out = createWriteStream(path);
  out.write(`${HEADER}\n`);
  let bytes = 0;
  let rows = 0;
  for (const l of lines()) {
    const [channel, currency, country, city, state, zip] = l.market;
    const line = `${l.orderId}\t\t${iso(l.purchase)}\t${iso(l.purchase + 86_400_000)}\tShipped\tAmazon\t${channel}\t\t\tStandard\tStainless steel water bottle 750 ml, leak-proof, BPA free — model ${l.sku}\t${l.sku}\tB0${l.sku.slice(-5)}XYZ\tShipped\t${l.quantity}\t${currency}\t${money(l.priceMinor * l.quantity)}\t${money(Math.round(l.priceMinor * 0.08))}\t0.00\t0.00\t0.00\t0.00\t0.00\t0.00\t${city}\t${state}\t${zip}\t${country}\t\tfalse\t\t\n`;
    bytes += line.length;
    rows++;
    if (!out.write(line)) await new Promise<void>((r) => out.once('drain', () => r()));
    if (bytes >= SIZE_MB * 2 ** 20) break;
  }
  await new Promise<void>((r) => out.end(() => r()));
  return rows;
}

let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50);

const env = await benchRuntime(DB);
const { rt } = env;
const file = join(env.dir, 'all-orders.txt');
const rows = await writeFile(file);
console.log(`file: ${fmt(statSync(file).size / 2 ** 20)} MB, ${fmt(rows)} lines (${DB})`);
const company = (await rt.database.db
  .selectFrom('company' as never)
  .select('id' as never)
  .executeTakeFirstOrThrow()) as { id: string };
const us = (await rt.services.stores.listForSystem(company.id)).find((s) => s.name === 'Demo US')!;
const principal = {
  kind: 'session' as const,
  userId: '',
  companyId: company.id,
  name: 'bench',
  permissions: {},
  scope: { allStores: true, storeIds: [], marketplaceIds: [], productLines: [], ownOnly: false },
};
const meta = {
  actor: { type: 'system' as const, id: null, name: 'bench', companyId: company.id },
  source: 'import' as const,
};

global.gc?.();
peakRss = process.memoryUsage().rss;
const baseline = peakRss;
let t = Date.now();
const { importAmazonReport } = await import('../server/src/modules/sync/index.js');
const report = await importAmazonReport(rt.reportImport, principal, meta, {
  storeId: us.id,
  reportType: 'GET_FLAT_FILE_ALL_ORDERS_DATA_BY_ORDER_DATE_GENERAL',
  file: createReadStream(file),
  fileName: 'all-orders.txt',
  dryRun: false,
});
const importSeconds = (Date.now() - t) / 1000;
const importPeak = peakRss;
console.log(
  `yangfan import: ${report.status}, ${fmt(report.rowsTotal)} lines → ${fmt(report.created)} orders in ${fmt(importSeconds, 1)} s = ${fmt(report.rowsTotal / importSeconds)} lines/s; peak RSS ${fmt(importPeak / 2 ** 20)} MB (baseline ${fmt(baseline / 2 ** 20)} MB)`,
);

// Reference: the same orders and lines, inserted raw into fresh copies of the tables (no parse of cells beyond a split).
await rt.database.db.deleteFrom('amazon_order_event' as never).execute();
await rt.database.db.deleteFrom('amazon_order_item' as never).execute();
await rt.database.db.deleteFrom('amazon_order' as never).execute();
t = Date.now();
const now = Date.now();
await runWrite(rt.database.db, { ...meta, clock: rt.clock }, async (ctx) => {
  let orders: object[] = [];
  let items: object[] = [];
  let current = '';
  let orderPk = '';
  const flush = async () => {
    await insertMany(ctx.trx, 'amazon_order', orders, 50);
    await insertMany(ctx.trx, 'amazon_order_item', items, 50);
    orders = [];
    items = [];
  };
  let first = true;
  let buffered = '';
  for await (const chunk of createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    buffered += chunk;
    const parts = buffered.split('\n');
    buffered = parts.pop() ?? '';
    for (const line of parts) {
      if (first) {
        first = false;
        continue;
      }
      const c = line.split('\t');
      if (c[0] !== current) {
        current = c[0]!;
        orderPk = newId('ord');
        orders.push({
          id: orderPk,
          companyId: company.id,
          storeId: us.id,
          marketplaceId: 'ATVPDKIKX0DER',
          amazonOrderId: current,
          purchaseAt: Date.parse(c[2]!),
          purchaseDate: c[2]!.slice(0, 10),
          lastUpdatedAt: Date.parse(c[3]!),
          status: 'SHIPPED',
          fulfillmentChannel: 'AFN',
          salesChannel: c[6],
          serviceLevel: c[9],
          isPrime: 0,
          isBusiness: 0,
          currency: c[15],
          totalMinor: 0,
          units: 0,
          skus: '[]',
          shipCity: c[24],
          shipRegion: c[25],
          shipPostalCode: c[26],
          shipCountry: c[27],
          source: 'import',
          syncedAt: now,
          createdAt: now,
        });
      }
      items.push({
        id: newId('ori'),
        orderId: orderPk,
        orderItemId: null,
        sellerSku: c[11],
        asin: c[12],
        title: c[10],
        quantity: Number(c[14]),
        quantityShipped: Number(c[14]),
        itemPriceMinor: Math.round(Number(c[16]) * 100),
        shippingPriceMinor: 0,
        discountMinor: 0,
        taxMinor: Math.round(Number(c[17]) * 100),
        promotionIds: '[]',
      });
      if (items.length >= 2000 && orders.length > 0) await flush();
    }
  }
  await flush();
});
const rawSeconds = (Date.now() - t) / 1000;
clearInterval(sampler);
console.log(`raw bulk insert: ${fmt(rows)} lines in ${fmt(rawSeconds, 1)} s = ${fmt(rows / rawSeconds)} lines/s`);
console.log(
  `ratio yangfan/raw: ${fmt(rawSeconds / importSeconds, 2)}; import peak RSS ${fmt(importPeak / 2 ** 20)} MB (goal < 300 MB)`,
);
await env.drop();
