import type { Random } from '../random.ts';
import {
  anyOfferChangedPayload,
  fbaInventoryAvailabilityPayload,
  feedProcessingFinishedPayload,
  listingsItemIssuesChangePayload,
  listingsItemStatusChangePayload,
  orderChangePayload,
  pricingHealthPayload,
  reportProcessingFinishedPayload,
} from './builders.ts';

/** Plausible builder inputs drawn from the seed, for `/sim/notify` and `publishGenerated` (overrides win). */

export interface GenerateContext {
  sellerId: string;
  marketplaceIds: string[];
  currencyOf: (marketplaceId: string) => string;
  random: Random;
  /** ISO-8601 "now" on the virtual clock. */
  now: string;
}

type Input = Record<string, unknown>;
type Generator = (ctx: GenerateContext, overrides: Input) => Record<string, unknown>;

const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const asin = (r: Random) => `B0${r.chars(8, UPPER)}`;
const sku = (r: Random) => `YF-${r.chars(4, UPPER)}-${r.int(10, 99)}`;
const money = (r: Random, min: number, max: number) => Math.round((min + r.next() * (max - min)) * 100) / 100;

function market(ctx: GenerateContext, overrides: Input): { marketplaceId: string; currencyCode: string } {
  const marketplaceId =
    typeof overrides.marketplaceId === 'string'
      ? overrides.marketplaceId
      : (ctx.marketplaceIds[ctx.random.int(0, ctx.marketplaceIds.length - 1)] ?? 'ATVPDKIKX0DER');
  const currencyCode =
    typeof overrides.currencyCode === 'string' ? overrides.currencyCode : ctx.currencyOf(marketplaceId);
  return { marketplaceId, currencyCode };
}

// Each generator builds defaults, lets the caller's fields override them, then calls the schema-shaped builder.
const GENERATORS: Record<string, Generator> = {
  ANY_OFFER_CHANGED: (ctx, o) => {
    const r = ctx.random;
    const own = money(r, 12, 60);
    const rival = Math.round((own - money(r, 0.05, 1.5)) * 100) / 100;
    return anyOfferChangedPayload({
      sellerId: ctx.sellerId,
      asin: asin(r),
      timeOfOfferChange: ctx.now,
      offers: [
        { sellerId: ctx.sellerId, price: own, fulfilledByAmazon: true },
        { sellerId: `A${r.chars(13, UPPER)}`, price: rival, shipping: 0, isBuyBoxWinner: true },
      ],
      ...market(ctx, o),
      ...o,
    } as Parameters<typeof anyOfferChangedPayload>[0]);
  },
  PRICING_HEALTH: (ctx, o) =>
    pricingHealthPayload({
      sellerId: ctx.sellerId,
      asin: asin(ctx.random),
      listingPrice: money(ctx.random, 15, 80),
      timeOfOfferChange: ctx.now,
      ...market(ctx, o),
      ...o,
    } as Parameters<typeof pricingHealthPayload>[0]),
  ORDER_CHANGE: (ctx, o) => {
    const r = ctx.random;
    return orderChangePayload({
      sellerId: ctx.sellerId,
      amazonOrderId: `${r.int(100, 999)}-${r.int(1_000_000, 9_999_999)}-${r.int(1_000_000, 9_999_999)}`,
      purchaseDate: ctx.now,
      timeOfOrderChange: ctx.now,
      destinationPostalCode: String(r.int(10000, 99999)),
      items: [{ orderItemId: String(r.int(10 ** 13, 10 ** 14 - 1)), sku: sku(r), quantity: r.int(1, 3) }],
      ...market(ctx, o),
      ...o,
    } as Parameters<typeof orderChangePayload>[0]);
  },
  REPORT_PROCESSING_FINISHED: (ctx, o) =>
    reportProcessingFinishedPayload({
      sellerId: ctx.sellerId,
      reportId: String(ctx.random.int(10 ** 10, 10 ** 11 - 1)),
      reportType: 'GET_MERCHANT_LISTINGS_ALL_DATA',
      reportDocumentId: `amzn1.spdoc.1.4.na.${ctx.random.chars(12, UPPER)}`,
      ...o,
    } as Parameters<typeof reportProcessingFinishedPayload>[0]),
  FEED_PROCESSING_FINISHED: (ctx, o) =>
    feedProcessingFinishedPayload({
      sellerId: ctx.sellerId,
      feedId: String(ctx.random.int(10 ** 10, 10 ** 11 - 1)),
      feedType: 'JSON_LISTINGS_FEED',
      resultFeedDocumentId: `amzn1.tortuga.4.na.${ctx.random.chars(12, UPPER)}`,
      ...o,
    } as Parameters<typeof feedProcessingFinishedPayload>[0]),
  LISTINGS_ITEM_STATUS_CHANGE: (ctx, o) =>
    listingsItemStatusChangePayload({
      sellerId: ctx.sellerId,
      sku: sku(ctx.random),
      asin: asin(ctx.random),
      createdDate: ctx.now,
      status: ['BUYABLE', 'DISCOVERABLE'],
      marketplaceId: market(ctx, o).marketplaceId,
      ...o,
    } as Parameters<typeof listingsItemStatusChangePayload>[0]),
  LISTINGS_ITEM_ISSUES_CHANGE: (ctx, o) =>
    listingsItemIssuesChangePayload({
      sellerId: ctx.sellerId,
      sku: sku(ctx.random),
      asin: asin(ctx.random),
      severities: ['ERROR'],
      enforcementActions: ['SEARCH_SUPPRESSED'],
      marketplaceId: market(ctx, o).marketplaceId,
      ...o,
    } as Parameters<typeof listingsItemIssuesChangePayload>[0]),
  FBA_INVENTORY_AVAILABILITY_CHANGES: (ctx, o) => {
    const { marketplaceId } = market(ctx, o);
    return fbaInventoryAvailabilityPayload({
      sellerId: ctx.sellerId,
      sku: sku(ctx.random),
      asin: asin(ctx.random),
      marketplaces: [
        { marketplaceId, fulfillable: ctx.random.int(0, 500), inbound: { shipped: ctx.random.int(0, 50) } },
      ],
      ...o,
    } as Parameters<typeof fbaInventoryAvailabilityPayload>[0]);
  },
};

/** Notification types with a builder. */
export const BUILDABLE_TYPES: readonly string[] = Object.keys(GENERATORS);

/** A generated payload of `type` (undefined for types without a builder); `overrides` are builder inputs. */
export function generatePayload(
  type: string,
  ctx: GenerateContext,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> | undefined {
  return GENERATORS[type]?.(ctx, overrides);
}
