import { parseMoney } from '../../platform/money.js';

/**
 * Listings Items 2021-08-01 `Item` (searchListingsItems with summaries, offers, fulfillmentAvailability, issues) →
 * the catalog's view of a listing in one marketplace. Pure: the sync reads one marketplace per request, so an item
 * carries at most one summary and one B2C offer for it. Unknown fields are ignored.
 */

interface ApiMoney {
  amount?: string;
  currencyCode?: string;
}
export interface ApiListingsItem {
  sku?: string;
  summaries?: {
    marketplaceId?: string;
    asin?: string;
    status?: string[];
    fnSku?: string;
    itemName?: string;
  }[];
  attributes?: { parentage_level?: { value?: string }[] } & Record<string, unknown>;
  offers?: { marketplaceId?: string; offerType?: string; price?: ApiMoney }[];
  fulfillmentAvailability?: { fulfillmentChannelCode?: string; quantity?: number }[];
  issues?: {
    code?: string;
    severity?: string;
    marketplaceIds?: string[];
    enforcements?: { actions?: { action?: string }[] };
  }[];
}

export type ListingSyncStatus = 'active' | 'inactive' | 'incomplete' | 'suppressed';

/** What Amazon says about one listing in one marketplace; null fields are not known from this answer. */
export interface SyncedListing {
  sellerSku: string;
  asin: string | null;
  title: string | null;
  fnsku: string | null;
  status: ListingSyncStatus;
  /** Our B2C price; null when the listing has no offer in the marketplace. */
  priceMinor: number | null;
  currency: string;
  /** Null when Amazon names no fulfillment channel (no offer yet): the stored channel stays. */
  fulfillmentChannel: 'FBA' | 'FBM' | null;
}

/** Enforcements that take a listing off the detail page or out of search. */
const SUPPRESSING = new Set(['LISTING_SUPPRESSED', 'SEARCH_SUPPRESSED', 'CATALOG_ITEM_REMOVAL']);

/**
 * Amazon's statuses and issues → ours. `suppressed`: an issue of the marketplace carries a suppressing enforcement.
 * `active`: BUYABLE. `incomplete`: no offer or no fulfillment channel, or an ERROR issue keeps it from selling.
 * `inactive`: complete but not buyable (out of stock, closed) or not discoverable at all, and variation parents (never
 * sold themselves, so never "incomplete").
 */
export function listingSyncStatus(item: ApiListingsItem, marketplaceId: string, hasOffer: boolean): ListingSyncStatus {
  const issues = (item.issues ?? []).filter(
    (i) => !i.marketplaceIds?.length || i.marketplaceIds.includes(marketplaceId),
  );
  if (issues.some((i) => i.enforcements?.actions?.some((a) => SUPPRESSING.has(a.action ?? '')))) return 'suppressed';
  const summary = item.summaries?.find((s) => s.marketplaceId === marketplaceId) ?? item.summaries?.[0];
  const status = summary?.status ?? [];
  if (status.includes('BUYABLE')) return 'active';
  if (item.attributes?.parentage_level?.some((p) => p.value === 'parent')) return 'inactive';
  const channel = (item.fulfillmentAvailability ?? []).length > 0;
  if (!hasOffer || !channel || issues.some((i) => i.severity === 'ERROR')) return 'incomplete';
  return 'inactive';
}

/** `DEFAULT` is the merchant's own network; `AMAZON_NA`, `AMAZON_EU`, `AMAZON_JP` … are FBA. */
export function fulfillmentChannelOf(codes: readonly string[]): 'FBA' | 'FBM' | null {
  if (codes.some((c) => c.toUpperCase().startsWith('AMAZON'))) return 'FBA';
  if (codes.some((c) => c.toUpperCase() === 'DEFAULT')) return 'FBM';
  return null;
}

/**
 * One item of a one-marketplace search. `currency` is the marketplace's; a price in another currency or with more
 * decimals than the currency has is rejected (the item is returned with the reason, not stored with a wrong amount).
 */
export function mapListingsItem(
  item: ApiListingsItem,
  marketplaceId: string,
  currency: string,
): { listing: SyncedListing } | { error: string } {
  const sellerSku = item.sku?.trim();
  if (!sellerSku) return { error: 'an item without a SKU' };
  const summary = item.summaries?.find((s) => s.marketplaceId === marketplaceId) ?? item.summaries?.[0];
  const offer =
    item.offers?.find((o) => o.marketplaceId === marketplaceId && (o.offerType ?? 'B2C') === 'B2C') ??
    item.offers?.find((o) => !o.marketplaceId && (o.offerType ?? 'B2C') === 'B2C');
  let priceMinor: number | null = null;
  if (offer?.price?.amount !== undefined) {
    const code = offer.price.currencyCode ?? currency;
    if (code !== currency) return { error: `${sellerSku}: price in ${code}, marketplace currency is ${currency}` };
    try {
      priceMinor = Number(parseMoney(offer.price.amount, code).amountMinor);
    } catch (err) {
      return { error: `${sellerSku}: price ${offer.price.amount}: ${(err as Error).message}` };
    }
  }
  const codes = (item.fulfillmentAvailability ?? []).flatMap((f) => f.fulfillmentChannelCode ?? []);
  return {
    listing: {
      sellerSku,
      asin: summary?.asin?.trim() || null,
      title: summary?.itemName?.trim() || null,
      fnsku: summary?.fnSku?.trim() || null,
      status: listingSyncStatus(item, marketplaceId, priceMinor !== null),
      priceMinor,
      currency,
      fulfillmentChannel: fulfillmentChannelOf(codes),
    },
  };
}
