// Living-marketplace generation benchmark: one store (the NA seller: US, CA, MX) with N SKUs and D days of history.
// Folds the whole history (stock, inbound, returns), materialises every order day by day, samples inventory, and
// prints the seconds of each phase and the process's peak RSS.
// Usage: npx tsx amazon-sim/bench/scenario.bench.ts [skus=500] [days=730] [seed=42]
import { DAY_MS, dayOf } from '../src/scenario/calendar.ts';
import { createScenario } from '../src/scenario/scenario.ts';
import { createIdentities, loadMarketplaces } from '../src/sellers.ts';
import { resolveSharedAmazonDir } from '../src/shared-dir.ts';

const skus = Number(process.argv[2] ?? 500);
const days = Number(process.argv[3] ?? 730);
const seed = process.argv[4] ?? '42';
const START = Date.UTC(2026, 0, 1);

const marketplaces = loadMarketplaces(resolveSharedAmazonDir());
const store = createIdentities(seed, 'demo', marketplaces).sellers[0];
if (!store) throw new Error('no NA seller');

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2);
let t = performance.now();
const scenario = createScenario({ seed, sellers: [store], marketplaces, startMs: START, historyDays: days, skus });
const seller = scenario.sellers()[0];
if (!seller) throw new Error('no seller');
console.log(
  `catalog     ${seconds(t)} s  (${seller.catalog.products.length} SKUs, ${seller.catalog.families.length} variation families)`,
);

t = performance.now();
const lastDay = dayOf(START) - 1;
seller.plan(lastDay);
console.log(`history     ${seconds(t)} s  (${days} days folded: demand, stock caps, inbound, returns)`);

t = performance.now();
let orders = 0;
let lines = 0;
let units = 0;
let canceled = 0;
let returned = 0;
for (let day = scenario.historyStartDay; day <= lastDay; day++) {
  for (const order of scenario.ordersBetween(store.sellerId, day * DAY_MS, (day + 1) * DAY_MS, START)) {
    orders++;
    if (order.canceled) canceled++;
    for (const item of order.items) {
      lines++;
      units += item.quantity;
      if (item.returned) returned++;
    }
  }
}
console.log(
  `orders      ${seconds(t)} s  (${orders} orders, ${lines} lines, ${units} units, ${canceled} canceled, ${returned} lines returned)`,
);

t = performance.now();
let rows = 0;
let stockouts = 0;
for (let i = 0; i < 24; i++) {
  const at = START - Math.floor((days * DAY_MS * i) / 24) - 1;
  for (const id of store.marketplaceIds) {
    for (const row of scenario.inventory(store.sellerId, id, at)) {
      rows++;
      if (row.fulfillable === 0) stockouts++;
    }
  }
}
console.log(
  `inventory   ${seconds(t)} s  (${rows} SKU snapshots at 24 instants × 3 marketplaces, ${stockouts} out of stock)`,
);

const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(`peak RSS    ${peakMb.toFixed(0)} MB`);
