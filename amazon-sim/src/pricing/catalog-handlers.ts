import type { SimReply } from '../errors.ts';
import type { OperationHandler } from '../handlers.ts';
import { code } from '../scenario/catalog-generator.ts';
import { categoryOf } from '../scenario/category-data.ts';
import { hash32 } from '../scenario/fast-random.ts';
import type { Product, VariationFamily } from '../scenario/scenario-types.ts';
import type { SellerScenario } from '../scenario/seller-scenario.ts';
import { guarded, InputError, Query } from '../stateful/query-params.ts';
import { type StatefulDeps, sellerOf } from '../stateful/stateful-context.ts';
import { offerMarketOf } from './offer-market.ts';
import { rankCategory } from './pricing-render.ts';

/**
 * Catalog Items 2022-04-01: getCatalogItem and searchCatalogItems over the scenario's catalogs (products and
 * variation parents of every seller), with summaries, attributes (minimal), identifiers, images, productTypes,
 * relationships and salesRanks.
 */

const INCLUDED = ['summaries', 'attributes', 'identifiers', 'images', 'productTypes', 'relationships', 'salesRanks'];
const ALL_DATA = [...INCLUDED, 'classifications', 'dimensions', 'vendorDetails'];

interface CatalogEntry {
  seller: SellerScenario;
  product?: Product;
  family?: VariationFamily;
}

function entries(deps: StatefulDeps): CatalogEntry[] {
  return deps.scenario
    .sellers()
    .flatMap((seller) => [
      ...seller.catalog.products.map((product) => ({ seller, product })),
      ...seller.catalog.families.map((family) => ({ seller, family })),
    ]);
}

function asinOf(e: CatalogEntry): string {
  return e.product?.asin ?? e.family?.parentAsin ?? '';
}

function find(deps: StatefulDeps, asin: string): CatalogEntry | undefined {
  return entries(deps).find((e) => asinOf(e) === asin);
}

function render(
  deps: StatefulDeps,
  e: CatalogEntry,
  marketplaceId: string,
  included: string[],
): Record<string, unknown> {
  const asin = asinOf(e);
  const title = e.product?.title ?? e.family?.title ?? asin;
  const brand = e.product?.brand ?? e.family?.brand ?? 'Generic';
  const productType = e.product?.productType ?? e.family?.productType ?? 'PRODUCT';
  const category = categoryOf(e.product?.category ?? e.family?.category ?? 'HOM');
  const item: Record<string, unknown> = { asin };
  const has = (x: string) => included.includes(x);
  if (has('summaries')) {
    const summary: Record<string, unknown> = {
      marketplaceId,
      brand,
      browseClassification: { displayName: category.label, classificationId: String(hash32(category.key) % 1e9) },
      itemClassification: e.family ? 'VARIATION_PARENT' : 'BASE_PRODUCT',
      itemName: title,
      manufacturer: brand,
      modelNumber: `${brand.slice(0, 3).toUpperCase()}-${code(hash32(asin, 'model'), 6)}`,
      packageQuantity: 1,
      websiteDisplayGroup: rankCategory(productType),
    };
    if (e.product?.variant) summary.color = e.product.variant;
    item.summaries = [summary];
  }
  if (has('attributes')) {
    const attributes: Record<string, unknown> = {
      item_name: [{ value: title, language_tag: 'en_US', marketplace_id: marketplaceId }],
      brand: [{ value: brand, marketplace_id: marketplaceId }],
    };
    if (e.product) {
      const p = e.product;
      attributes.item_package_dimensions = [
        {
          length: { value: p.lengthCm, unit: 'centimeters' },
          width: { value: p.widthCm, unit: 'centimeters' },
          height: { value: p.heightCm, unit: 'centimeters' },
          marketplace_id: marketplaceId,
        },
      ];
      attributes.item_package_weight = [{ value: p.weightG / 1000, unit: 'kilograms', marketplace_id: marketplaceId }];
    }
    item.attributes = attributes;
  }
  if (has('identifiers')) {
    const ean = `40${String(hash32(asin, 'ean') % 1e10).padStart(10, '0')}`;
    item.identifiers = [
      { marketplaceId, identifiers: [{ identifierType: 'EAN', identifier: `${ean}${checkDigit(ean)}` }] },
    ];
  }
  if (has('images')) {
    const link = (v: string) => `https://m.media-amazon.com/images/I/${code(hash32(asin, v, 'img'), 11)}.jpg`;
    item.images = [
      {
        marketplaceId,
        images: ['MAIN', 'PT01', 'PT02'].map((variant) => ({
          variant,
          link: link(variant),
          height: 1500,
          width: 1500,
        })),
      },
    ];
  }
  if (has('productTypes')) item.productTypes = [{ marketplaceId, productType }];
  if (has('relationships')) {
    const relationships: Record<string, unknown>[] = [];
    if (e.family) {
      const childAsins = e.family.childIndexes.map((i) => e.seller.catalog.products[i]?.asin ?? '').filter(Boolean);
      const variationTheme = { attributes: e.family.themeAttributes, theme: e.family.theme };
      relationships.push({ type: 'VARIATION', childAsins, variationTheme });
    } else if (e.product?.parentAsin) {
      relationships.push({ type: 'VARIATION', parentAsins: [e.product.parentAsin] });
    }
    item.relationships = [{ marketplaceId, relationships }];
  }
  if (has('salesRanks')) {
    const ref = e.product
      ? offerMarketOf(deps.scenario).listingByAsin(e.seller.sellerId, asin, marketplaceId)
      : undefined;
    const rank = ref ? offerMarketOf(deps.scenario).salesRank(ref) : 0;
    item.salesRanks = [
      {
        marketplaceId,
        classificationRanks: rank
          ? [{ classificationId: '1055398', title: category.label, rank: Math.ceil(rank / 9) }]
          : [],
        displayGroupRanks: rank
          ? [{ websiteDisplayGroup: rankCategory(productType), title: category.label, rank }]
          : [],
      },
    ];
  }
  return item;
}

function checkDigit(digits12: string): number {
  let sum = 0;
  for (let i = 0; i < digits12.length; i++) sum += Number(digits12[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10;
}

function includedOf(q: Query): string[] {
  return q.enumList('includedData', ALL_DATA) ?? ['summaries'];
}

/** GET /catalog/2022-04-01/items/{asin} */
export function getCatalogItemHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request): SimReply => {
    sellerOf(deps, request);
    const q = Query.of(request);
    const marketplaceIds = q.requiredList('marketplaceIds', 1);
    const asin = request.pathParams.asin ?? '';
    const entry = find(deps, asin);
    const marketplaceId = marketplaceIds[0] ?? '';
    if (!entry || entry.seller.marketplaceIndex(marketplaceId) < 0) {
      throw new InputError(`Requested item '${asin}' not found in marketplace '${marketplaceId}'.`, 404, 'NOT_FOUND');
    }
    return { status: 200, body: render(deps, entry, marketplaceId, includedOf(q)) };
  });
}

/** GET /catalog/2022-04-01/items (identifiers of type ASIN/SKU, or keywords; pageSize ≤ 20). */
export function searchCatalogItemsHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request): SimReply => {
    const seller = sellerOf(deps, request);
    const q = Query.of(request);
    const marketplaceId = q.requiredList('marketplaceIds', 1)[0] ?? '';
    const identifiers = q.list('identifiers', 20);
    const keywords = q.list('keywords', 20);
    if (!identifiers === !keywords) throw new InputError('Exactly one of identifiers or keywords is required.');
    const pageSize = q.int('pageSize', 1, 20) ?? 10;
    const included = includedOf(q);
    let found: CatalogEntry[];
    if (identifiers) {
      const type = q.required('identifiersType');
      if (type === 'SKU') {
        if (q.string('sellerId') !== seller.sellerId) throw new InputError('sellerId is required for SKU searches.');
        found = identifiers.flatMap((sku) => {
          const p = seller.catalog.products.find((x) => x.sku === sku);
          return p ? [{ seller, product: p }] : [];
        });
      } else if (type === 'ASIN') {
        found = identifiers.flatMap((a) => find(deps, a) ?? []);
      } else throw new InputError(`Invalid identifiersType: ${type}. Supported here: ASIN, SKU.`);
    } else {
      const words = (keywords ?? []).map((w) => w.toLowerCase());
      found = entries(deps).filter((e) => {
        const text = `${e.product?.title ?? e.family?.title ?? ''} ${e.product?.brand ?? e.family?.brand ?? ''}`;
        return words.every((w) => text.toLowerCase().includes(w));
      });
    }
    found = found.filter((e) => e.seller.marketplaceIndex(marketplaceId) >= 0);
    const start = Number(q.string('pageToken') ?? '0') || 0;
    const page = found.slice(start, start + pageSize);
    const pagination: Record<string, string> = {};
    if (start + pageSize < found.length) pagination.nextToken = String(start + pageSize);
    if (start > 0) pagination.previousToken = String(Math.max(0, start - pageSize));
    const brands = new Map<string, number>();
    for (const e of found) {
      const b = e.product?.brand ?? e.family?.brand ?? '';
      brands.set(b, (brands.get(b) ?? 0) + 1);
    }
    return {
      status: 200,
      body: {
        numberOfResults: found.length,
        pagination,
        refinements: {
          brands: [...brands].map(([brandName, numberOfResults]) => ({ brandName, numberOfResults })),
          classifications: [],
        },
        items: page.map((e) => render(deps, e, marketplaceId, included)),
      },
    };
  });
}
