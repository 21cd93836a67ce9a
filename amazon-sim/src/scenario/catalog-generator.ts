import { DAY_MS, dayOf, dayStart } from './calendar.ts';
import { CATEGORIES, type CategorySpec } from './category-data.ts';
import { FastRandom, hash32 } from './fast-random.ts';
import type { MarketplaceFacts } from './marketplace-facts.ts';
import type { Product, ScenarioMarketplace, SellerCatalog, VariationFamily } from './scenario-types.ts';

/** Generates one seller's catalog from the seed: products, variation families, prices per marketplace, demand. */

export interface CatalogInput {
  seed: string;
  sellerIndex: number;
  sellerId: string;
  marketplaces: ScenarioMarketplace[];
  skus: number;
  historyStartDay: number;
  historyDays: number;
}

const SYLLABLES = [
  'ka',
  'lo',
  'ven',
  'mi',
  'tor',
  'sa',
  'ri',
  'no',
  'dal',
  'ber',
  'ke',
  'vo',
  'lin',
  'ra',
  'mos',
  'te',
];
const ALNUM = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Builds the catalog; same input, same catalog. */
export function generateCatalog(input: CatalogInput): SellerCatalog {
  const rng = new FastRandom(hash32(input.seed, input.sellerIndex, 'catalog'));
  const brands = makeBrands(rng, 3);
  const asins = new Set<string>();
  const products: Product[] = [];
  const families: VariationFamily[] = [];
  let serial = 1;
  while (products.length < input.skus) {
    const left = input.skus - products.length;
    const category = CATEGORIES[rng.weighted(CATEGORIES.map((c) => c.weight))] ?? CATEGORIES[0];
    if (!category) throw new Error('amazon-sim scenario: no categories');
    const brand = rng.pick(brands);
    const familySize = left >= 2 && rng.chance(0.25) ? Math.min(left, rng.int(2, 5)) : 1;
    const code = `${brand.code}-${category.key}-${String(serial++).padStart(4, '0')}`;
    const base = baseOf(rng, input, category);
    const listed = input.marketplaces.map((m, i) => i === 0 || rng.chance(m.facts.listingShare));
    const noun = rng.pick(category.nouns);
    const title = `${brand.name} ${rng.pick(category.adjectives)} ${noun}`;
    if (familySize === 1) {
      products.push(makeProduct(input, rng, asins, products.length, code, title, brand.name, category, base, listed));
      continue;
    }
    const values = pickValues(rng, category, familySize);
    const parentAsin = uniqueAsin(asins, input, `${code}-P`);
    const family: VariationFamily = {
      parentSku: `${code}-P`,
      parentAsin,
      title,
      brand: brand.name,
      category: category.key,
      productType: category.productType,
      theme: category.variation.theme,
      themeAttributes: category.variation.attributes,
      childIndexes: [],
      createdAt: base.createdAt,
    };
    const shares = values.map(() => 0.4 + rng.next());
    const total = shares.reduce((a, b) => a + b, 0);
    values.forEach((value, i) => {
      const child = makeProduct(
        input,
        rng,
        asins,
        products.length,
        `${code}-${variantCode(value)}`,
        `${title}, ${value}`,
        brand.name,
        category,
        { ...base, demand: (base.demand * (shares[i] ?? 1)) / total, priceUsd: base.priceUsd + (i % 3 === 2 ? 2 : 0) },
        listed,
      );
      child.parentSku = family.parentSku;
      child.parentAsin = parentAsin;
      child.variant = value;
      family.childIndexes.push(child.index);
      products.push(child);
    });
    families.push(family);
  }
  return { sellerId: input.sellerId, products, families, marketplaces: input.marketplaces };
}

interface BaseDraw {
  priceUsd: number;
  demand: number;
  createdAt: number;
  launchDay: number;
  fulfillment: 'AFN' | 'MFN';
  trend: number;
  elasticity: number;
}

function baseOf(rng: FastRandom, input: CatalogInput, category: CategorySpec): BaseDraw {
  const [lo, hi] = category.priceUsd;
  const priceUsd = lo + (hi - lo) * rng.next() ** 1.6;
  // Long tail: most products sell a unit every day or two, a few sell dozens.
  const demand = Math.min(60, Math.max(0.03, Math.exp(0.15 + 1.1 * rng.normal())));
  let createdAt: number;
  let launchDay: number;
  if (rng.chance(0.85)) {
    createdAt = dayStart(input.historyStartDay) - rng.int(20, 900) * DAY_MS - rng.int(0, 86_399) * 1000;
    launchDay = dayOf(createdAt) + 7;
  } else {
    launchDay = input.historyStartDay + rng.int(0, Math.max(0, input.historyDays - 14));
    createdAt = dayStart(launchDay) - rng.int(5, 20) * DAY_MS - rng.int(0, 86_399) * 1000;
  }
  return {
    priceUsd,
    demand,
    createdAt,
    launchDay,
    fulfillment: rng.chance(0.85) ? 'AFN' : 'MFN',
    trend: Math.max(-0.6, Math.min(1.2, 0.05 + 0.3 * rng.normal())),
    elasticity: -rng.range(1.2, 2.5),
  };
}

function makeProduct(
  input: CatalogInput,
  rng: FastRandom,
  asins: Set<string>,
  index: number,
  sku: string,
  title: string,
  brand: string,
  category: CategorySpec,
  base: BaseDraw,
  listed: boolean[],
): Product {
  const [l, w, h] = category.sizeCm;
  const dims = [rng.range(l[0], l[1]), rng.range(w[0], w[1]), rng.range(h[0], h[1])].sort((a, b) => b - a);
  const product: Product = {
    index,
    sku,
    asin: uniqueAsin(asins, input, sku),
    title,
    brand,
    category: category.key,
    productType: category.productType,
    fulfillment: base.fulfillment,
    lengthCm: round1(dims[0] ?? 10),
    widthCm: round1(dims[1] ?? 10),
    heightCm: round1(dims[2] ?? 2),
    weightG: Math.round(rng.range(category.weightG[0], category.weightG[1])),
    createdAt: base.createdAt,
    launchDay: base.launchDay,
    baseDemand: base.demand,
    trendPerYear: base.trend,
    elasticity: base.elasticity,
    merchantQuantity: base.fulfillment === 'MFN' ? rng.int(20, 300) : 0,
    offers: input.marketplaces.map((m, i) => ({
      marketplaceId: m.marketplaceId,
      listed: listed[i] ?? false,
      price: localPrice(base.priceUsd, m.facts),
    })),
  };
  if (base.fulfillment === 'AFN') product.fnsku = `X00${code(hash32(input.seed, input.sellerId, sku, 'fnsku'), 7)}`;
  return product;
}

/** A US-dollar list price converted to the marketplace's price level and charm-rounded, in minor units. */
export function localPrice(usd: number, facts: MarketplaceFacts): number {
  const gross = usd * facts.perUsd * facts.priceLevel * (facts.taxIncluded ? (1 + facts.vatRate) * 0.92 : 1);
  if (facts.currencyDigits === 0) return Math.max(100, Math.round(gross / 100) * 100 - 20);
  const scale = 10 ** facts.currencyDigits;
  return Math.max(scale - 1, Math.ceil(gross) * scale - 1);
}

function pickValues(rng: FastRandom, category: CategorySpec, n: number): string[] {
  const values = category.variation.values;
  if (category.variation.attributes.length === 2) {
    const color = rng.pick(['Black', 'Navy', 'Heather Grey', 'Olive']);
    return values.slice(0, n).map((size) => `${size}/${color}`);
  }
  const start = rng.int(0, values.length - 1);
  return Array.from({ length: Math.min(n, values.length) }, (_, i) => values[(start + i) % values.length] ?? 'Default');
}

function variantCode(value: string): string {
  return value
    .split(/[\s/]+/)
    .map((p) => p.slice(0, 3).toUpperCase())
    .join('');
}

function makeBrands(rng: FastRandom, n: number): { name: string; code: string }[] {
  const out: { name: string; code: string }[] = [];
  while (out.length < n) {
    const word = Array.from({ length: rng.int(2, 3) }, () => rng.pick(SYLLABLES)).join('');
    const name = word.charAt(0).toUpperCase() + word.slice(1);
    const brandCode = name.slice(0, 3).toUpperCase();
    if (!out.some((b) => b.code === brandCode)) out.push({ name, code: brandCode });
  }
  return out;
}

function uniqueAsin(asins: Set<string>, input: CatalogInput, sku: string): string {
  for (let attempt = 0; ; attempt++) {
    const asin = `B0${code(hash32(input.seed, input.sellerId, sku, 'asin', attempt), 8)}`;
    if (!asins.has(asin)) {
      asins.add(asin);
      return asin;
    }
  }
}

/** `length` upper-case alphanumerics drawn from a seed. */
export function code(seed: number, length: number): string {
  const rng = new FastRandom(seed);
  let out = '';
  for (let i = 0; i < length; i++) out += ALNUM[rng.int(0, ALNUM.length - 1)];
  return out;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}
