import { DAY_MS, dayStart } from './calendar.ts';
import { code } from './catalog-generator.ts';
import type { ListingTimeline } from './day-planner.ts';
import { hash32 } from './fast-random.ts';
import {
  type Attributes,
  entryFor,
  offerPrice,
  parentAttributes,
  productAttributes,
  textValue,
} from './listing-attributes.ts';
import type { FulfillmentChannel, Product, SellerCatalog, VariationFamily } from './scenario-types.ts';

/**
 * One seller's listings: the catalog's listings as generated, plus what the seller changed through the Listings Items
 * API (puts, patches, deletions, new SKUs), kept as a time-ordered history per SKU and marketplace so that demand and
 * order prices follow the listing as it was at any instant.
 */

export interface ListingView {
  sku: string;
  marketplaceId: string;
  marketplaceIndex: number;
  asin: string;
  fnsku?: string;
  productType: string;
  itemName: string;
  createdAt: number;
  lastUpdatedAt: number;
  /** Regular price in minor units; undefined without an offer. */
  price?: number;
  /** Undefined for variation parents. */
  fulfillment?: FulfillmentChannel;
  merchantQuantity?: number;
  productIndex?: number;
  parentSku?: string;
  childSkus?: string[];
  variationTheme?: { theme: string; attributes: string[] };
  attributes: Attributes;
  mainImage: string;
}

interface ListingState {
  t: number;
  price: number | undefined;
  deleted: boolean;
}

interface Override {
  history: ListingState[];
  attributes?: Attributes;
  productType?: string;
  createdAt?: number;
  lastUpdatedAt: number;
}

interface CustomListing {
  sku: string;
  asin: string;
  byMarketplace: Map<number, Override>;
}

/** A seller's listings over time: catalog defaults plus the seller's changes. */
export class ListingStore implements ListingTimeline {
  private readonly overrides = new Map<number, Override>();
  private readonly custom = new Map<string, CustomListing>();
  private readonly productsBySku = new Map<string, Product>();
  private readonly familiesBySku = new Map<string, VariationFamily>();
  private readonly M: number;

  constructor(
    private readonly catalog: SellerCatalog,
    private readonly seed: string,
    private readonly historyStartDay: number,
    private readonly onChange: (at: number) => void,
  ) {
    this.M = catalog.marketplaces.length;
    for (const p of catalog.products) this.productsBySku.set(p.sku, p);
    for (const f of catalog.families) this.familiesBySku.set(f.parentSku, f);
  }

  /** Price in effect at `t`, or undefined when the listing cannot be bought then. */
  priceAt(productIndex: number, marketplaceIndex: number, t: number): number | undefined {
    const product = this.catalog.products[productIndex];
    const o = this.overrides.get(productIndex * this.M + marketplaceIndex);
    const state = o ? latest(o.history, t) : undefined;
    if (state) return state.deleted ? undefined : state.price;
    const offer = product?.offers[marketplaceIndex];
    return offer?.listed && product && product.createdAt <= t ? offer.price : undefined;
  }

  /** Whether the seller changed this listing. */
  changed(productIndex: number, marketplaceIndex: number): boolean {
    return this.overrides.has(productIndex * this.M + marketplaceIndex);
  }

  /** Every SKU the seller has or had (catalog, variation parents, SKUs created later), sorted. */
  skus(): string[] {
    return [...this.productsBySku.keys(), ...this.familiesBySku.keys(), ...this.custom.keys()].sort();
  }

  /** The listing of `sku` in marketplace `m` as it is at `at`; undefined if it does not exist then. */
  view(sku: string, m: number, at: number): ListingView | undefined {
    const market = this.catalog.marketplaces[m];
    if (!market) return undefined;
    const product = this.productsBySku.get(sku);
    const family = this.familiesBySku.get(sku);
    const custom = this.custom.get(sku);
    const o = product
      ? this.overrides.get(product.index * this.M + m)
      : family
        ? this.overrides.get(this.familyKey(family, m))
        : custom?.byMarketplace.get(m);
    const state = o ? latest(o.history, at) : undefined;
    if (state?.deleted) return undefined;
    const base = { marketplaceId: market.marketplaceId, marketplaceIndex: m, sku };
    const image = `https://m.media-amazon.com/images/I/${code(hash32(this.seed, sku, 'image'), 11)}.jpg`;
    if (product) {
      const listedBase = product.offers[m]?.listed === true && product.createdAt <= at;
      if (!state && !listedBase) return undefined;
      const price = state ? state.price : product.offers[m]?.price;
      const parent = product.parentSku ? this.familiesBySku.get(product.parentSku) : undefined;
      const attributes = o?.attributes ?? productAttributes(product, parent, market, price);
      const view: ListingView = {
        ...base,
        asin: product.asin,
        productType: o?.productType ?? product.productType,
        itemName: textValue(attributes, 'item_name', market.marketplaceId) ?? product.title,
        createdAt: listedBase ? product.createdAt : (o?.createdAt ?? at),
        lastUpdatedAt: Math.max(this.baseUpdated(product.createdAt, sku), o?.lastUpdatedAt ?? 0),
        fulfillment: product.fulfillment,
        productIndex: product.index,
        attributes,
        mainImage: image,
      };
      if (price !== undefined) view.price = price;
      if (product.fnsku) view.fnsku = product.fnsku;
      if (product.fulfillment === 'MFN')
        view.merchantQuantity = merchantQuantity(attributes, market.marketplaceId, product);
      if (product.parentSku) view.parentSku = product.parentSku;
      return view;
    }
    if (family) {
      const children = family.childIndexes
        .map((i) => this.catalog.products[i])
        .filter((c): c is Product => c !== undefined && this.view(c.sku, m, at) !== undefined);
      if (children.length === 0 && !state) return undefined;
      const attributes = o?.attributes ?? parentAttributes(family, market);
      return {
        ...base,
        asin: family.parentAsin,
        productType: o?.productType ?? family.productType,
        itemName: textValue(attributes, 'item_name', market.marketplaceId) ?? family.title,
        createdAt: family.createdAt,
        lastUpdatedAt: Math.max(this.baseUpdated(family.createdAt, sku), o?.lastUpdatedAt ?? 0),
        childSkus: children.map((c) => c.sku),
        variationTheme: { theme: family.theme, attributes: family.themeAttributes },
        attributes,
        mainImage: image,
      };
    }
    if (!custom || !o || !state) return undefined;
    const attributes = o.attributes ?? {};
    const afn = entryFor(attributes.fulfillment_availability, market.marketplaceId)?.fulfillment_channel_code;
    const view: ListingView = {
      ...base,
      asin: custom.asin,
      productType: o.productType ?? 'PRODUCT',
      itemName: textValue(attributes, 'item_name', market.marketplaceId) ?? sku,
      createdAt: o.createdAt ?? state.t,
      lastUpdatedAt: o.lastUpdatedAt,
      fulfillment: typeof afn === 'string' && afn.startsWith('AMAZON') ? 'AFN' : 'MFN',
      attributes,
      mainImage: image,
    };
    if (state.price !== undefined) view.price = state.price;
    if (view.fulfillment === 'MFN') view.merchantQuantity = merchantQuantity(attributes, market.marketplaceId);
    return view;
  }

  /** Replaces the listing's attributes (putListingsItem, or the result of a patch) at `at`. */
  write(sku: string, m: number, productType: string, attributes: Attributes, at: number): void {
    const market = this.catalog.marketplaces[m];
    if (!market) throw new Error(`amazon-sim scenario: no marketplace ${m}`);
    const price = offerPrice(attributes, market.marketplaceId, market.facts.currencyDigits);
    const o = this.overrideFor(sku, m, at, attributes);
    o.attributes = structuredClone(attributes);
    o.productType = productType;
    o.lastUpdatedAt = at;
    o.history.push({ t: at, price, deleted: false });
    this.onChange(at);
  }

  /** Deletes the listing in marketplace `m` at `at`. */
  remove(sku: string, m: number, at: number): void {
    const o = this.overrideFor(sku, m, at, {});
    o.lastUpdatedAt = at;
    o.history.push({ t: at, price: undefined, deleted: true });
    this.onChange(at);
  }

  private overrideFor(sku: string, m: number, at: number, attributes: Attributes): Override {
    const product = this.productsBySku.get(sku);
    const family = this.familiesBySku.get(sku);
    if (product || family) {
      const key = product ? product.index * this.M + m : this.familyKey(family as VariationFamily, m);
      let o = this.overrides.get(key);
      if (!o) {
        o = { history: [], lastUpdatedAt: at };
        if (product && !(product.offers[m]?.listed && product.createdAt <= at)) o.createdAt = at;
        this.overrides.set(key, o);
      }
      return o;
    }
    let custom = this.custom.get(sku);
    if (!custom) {
      const suggested = textValue(
        attributes,
        'merchant_suggested_asin',
        this.catalog.marketplaces[m]?.marketplaceId ?? '',
      );
      custom = {
        sku,
        asin: suggested ?? `B0${code(hash32(this.seed, this.catalog.sellerId, sku, 'asin'), 8)}`,
        byMarketplace: new Map(),
      };
      this.custom.set(sku, custom);
    }
    let o = custom.byMarketplace.get(m);
    if (!o) {
      o = { history: [], lastUpdatedAt: at, createdAt: at };
      custom.byMarketplace.set(m, o);
    }
    return o;
  }

  /** Override key of a variation parent in a marketplace (negative, apart from product keys). */
  private familyKey(family: VariationFamily, m: number): number {
    return -1 - this.catalog.families.indexOf(family) * this.M - m;
  }

  /** When a catalog listing was last edited before the scenario began (deterministic, after its creation). */
  private baseUpdated(createdAt: number, sku: string): number {
    const back = (hash32(this.seed, sku, 'updated') % 120) * DAY_MS;
    return Math.max(createdAt, dayStart(this.historyStartDay) - back);
  }
}

function latest(history: ListingState[], t: number): ListingState | undefined {
  let found: ListingState | undefined;
  for (const s of history) {
    if (s.t > t) break;
    found = s;
  }
  return found;
}

function merchantQuantity(attrs: Attributes, marketplaceId: string, product?: Product): number {
  const q = entryFor(attrs.fulfillment_availability, marketplaceId)?.quantity;
  return typeof q === 'number' && q >= 0 ? Math.floor(q) : (product?.merchantQuantity ?? 0);
}
