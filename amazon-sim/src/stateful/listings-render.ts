import type { ListingView } from '../scenario/listing-store.ts';
import type { ScenarioMarketplace } from '../scenario/scenario-types.ts';
import { iso, money } from './stateful-context.ts';

/** A listing in the Listings Items 2021-08-01 `Item` shape, across the requested marketplaces it exists in. */

export const ITEM_DATA = [
  'summaries',
  'attributes',
  'issues',
  'offers',
  'fulfillmentAvailability',
  'procurement',
  'relationships',
  'productTypes',
] as const;
export type ItemData = (typeof ITEM_DATA)[number];

/** Status of a listing: buyable with an offer and stock (FBA) or a merchant quantity; always discoverable. */
export function listingStatus(view: ListingView, fulfillable: number): string[] {
  if (view.price === undefined || view.fulfillment === undefined) return ['DISCOVERABLE'];
  const available = view.fulfillment === 'AFN' ? fulfillable : (view.merchantQuantity ?? 0);
  return available > 0 ? ['BUYABLE', 'DISCOVERABLE'] : ['DISCOVERABLE'];
}

/**
 * Renders the item. `views` are the SKU's listings in the requested marketplaces (at least one); `fulfillable` gives
 * the FBA stock of a view's SKU in its marketplace.
 */
export function renderItem(
  views: ListingView[],
  included: ReadonlySet<ItemData>,
  markets: readonly ScenarioMarketplace[],
  fulfillable: (view: ListingView) => number,
): Record<string, unknown> {
  const first = views[0];
  if (!first) throw new Error('renderItem needs a listing');
  const item: Record<string, unknown> = { sku: first.sku };
  const marketOf = (v: ListingView) => markets[v.marketplaceIndex];
  if (included.has('summaries')) {
    item.summaries = views.map((v) => {
      const s: Record<string, unknown> = {
        marketplaceId: v.marketplaceId,
        asin: v.asin,
        productType: v.productType,
      };
      if (v.fulfillment) s.conditionType = 'new_new';
      s.status = listingStatus(v, fulfillable(v));
      if (v.fnsku) s.fnSku = v.fnsku;
      s.itemName = v.itemName;
      s.createdDate = iso(v.createdAt);
      s.lastUpdatedDate = iso(v.lastUpdatedAt);
      s.mainImage = { link: v.mainImage, height: 500, width: 500 };
      return s;
    });
  }
  if (included.has('attributes')) {
    const merged: Record<string, unknown[]> = {};
    for (const v of views) {
      for (const [name, value] of Object.entries(v.attributes)) {
        const list = merged[name] ?? [];
        merged[name] = list;
        for (const entry of Array.isArray(value) ? value : [value]) {
          if (!list.some((x) => JSON.stringify(x) === JSON.stringify(entry))) list.push(entry);
        }
      }
    }
    item.attributes = merged;
  }
  if (included.has('issues')) item.issues = [];
  if (included.has('offers')) {
    item.offers = views.flatMap((v) => {
      const market = marketOf(v);
      if (v.price === undefined || !market) return [];
      return [
        {
          marketplaceId: v.marketplaceId,
          offerType: 'B2C',
          price: money(v.price, market.currency, market.facts.currencyDigits),
          audience: { value: 'ALL', displayName: 'Sell on Amazon' },
        },
      ];
    });
  }
  if (included.has('fulfillmentAvailability')) {
    const seen = new Set<string>();
    item.fulfillmentAvailability = views.flatMap((v) => {
      const market = marketOf(v);
      if (!v.fulfillment || !market) return [];
      const code = v.fulfillment === 'AFN' ? market.facts.afnChannelCode : 'DEFAULT';
      if (seen.has(code)) return [];
      seen.add(code);
      return [
        {
          fulfillmentChannelCode: code,
          quantity: v.fulfillment === 'AFN' ? Math.max(0, fulfillable(v)) : (v.merchantQuantity ?? 0),
        },
      ];
    });
  }
  if (included.has('procurement')) item.procurement = [];
  if (included.has('relationships')) {
    item.relationships = views.map((v) => {
      const relationships: Record<string, unknown>[] = [];
      if (v.parentSku) relationships.push({ type: 'VARIATION', parentSkus: [v.parentSku] });
      if (v.childSkus && v.variationTheme) {
        relationships.push({
          type: 'VARIATION',
          childSkus: v.childSkus,
          variationTheme: { attributes: v.variationTheme.attributes, theme: v.variationTheme.theme },
        });
      }
      return { marketplaceId: v.marketplaceId, relationships };
    });
  }
  if (included.has('productTypes')) {
    item.productTypes = views.map((v) => ({ marketplaceId: v.marketplaceId, productType: v.productType }));
  }
  return item;
}
