import { isoSeconds } from '../scenario/calendar.ts';
import type { MarketOffer, OfferMarket, OfferState } from './offer-market.ts';

/** Offer states → Product Pricing v0 (GetOffersResult) and 2022-05-01 (competitive summary) shapes. */

type Money = { CurrencyCode: string; Amount: number };

function moneyOf(state: OfferState): (minor: number) => Money {
  const digits = state.ref.market.facts.currencyDigits;
  const currency = state.ref.market.currency;
  return (minor) => ({ CurrencyCode: currency, Amount: minor / 10 ** digits });
}

function camelMoneyOf(state: OfferState): (minor: number) => { currencyCode: string; amount: number } {
  const m = moneyOf(state);
  return (minor) => {
    const x = m(minor);
    return { currencyCode: x.CurrencyCode, amount: x.Amount };
  };
}

const channelOf = (o: MarketOffer) => (o.fba ? 'Amazon' : 'Merchant');

/** The v0 GetOffersResult of a listing's offers (by ASIN for getItemOffers, by SKU for getListingOffers). */
export function getOffersResult(
  market: OfferMarket,
  state: OfferState,
  condition: string,
  by: 'asin' | 'sku',
): Record<string, unknown> {
  const money = moneyOf(state);
  const { ref } = state;
  const identifier: Record<string, string> = { MarketplaceId: ref.market.marketplaceId, ItemCondition: condition };
  if (by === 'asin') identifier.ASIN = ref.asin;
  else identifier.SellerSKU = ref.sku;
  const newCondition = condition.toLowerCase() === 'new';
  const offers = newCondition ? state.offers : [];
  const groups = new Map<string, MarketOffer[]>();
  for (const o of offers) groups.set(channelOf(o), [...(groups.get(channelOf(o)) ?? []), o]);
  const counts = [...groups].map(([ch, list]) => ({
    condition: 'new',
    fulfillmentChannel: ch,
    OfferCount: list.length,
  }));
  const prices = (o: MarketOffer) => ({
    LandedPrice: money(o.price + o.shipping),
    ListingPrice: money(o.price),
    Shipping: money(o.shipping),
  });
  const winner = newCondition ? state.buyBoxWinner : undefined;
  const product = ref.seller.catalog.products[ref.productIndex];
  const summary: Record<string, unknown> = {
    TotalOfferCount: offers.length,
    NumberOfOffers: counts,
    LowestPrices: [...groups].map(([ch, list]) => ({
      condition: 'new',
      fulfillmentChannel: ch,
      ...prices(list[0] as MarketOffer),
    })),
    BuyBoxPrices: winner ? [{ condition: 'New', ...prices(winner), sellerId: winner.sellerId }] : [],
    SalesRankings: [{ ProductCategoryId: rankCategory(product?.productType), Rank: market.salesRank(ref) }],
    BuyBoxEligibleOffers: counts,
  };
  if (state.ownPrice !== undefined) summary.ListPrice = money(Math.round(state.ownPrice * 1.2));
  if (winner) summary.CompetitivePriceThreshold = money(winner.price + winner.shipping);
  const result: Record<string, unknown> = {
    marketplaceId: ref.market.marketplaceId,
    ItemCondition: condition,
    status: 'Success',
    Identifier: identifier,
    Summary: summary,
    Offers: offers.slice(0, 20).map((o) => ({
      MyOffer: o.sellerId === ref.seller.sellerId,
      SubCondition: 'new',
      SellerId: o.sellerId,
      SellerFeedbackRating: { FeedbackCount: o.feedbackCount, SellerPositiveFeedbackRating: o.positiveFeedbackPercent },
      ShippingTime: { minimumHours: o.fba ? 0 : 24, maximumHours: o.fba ? 0 : 48, availabilityType: 'NOW' },
      ListingPrice: money(o.price),
      Shipping: money(o.shipping),
      ShipsFrom: { Country: ref.market.code === 'UK' ? 'GB' : ref.market.code },
      IsFulfilledByAmazon: o.fba,
      PrimeInformation: { IsPrime: o.fba, IsNationalPrime: o.fba },
      IsBuyBoxWinner: o.isBuyBoxWinner,
      IsFeaturedMerchant: o.positiveFeedbackPercent >= 80,
    })),
  };
  if (by === 'asin') result.ASIN = ref.asin;
  else result.SKU = ref.sku;
  return result;
}

/** The 2022-05-01 competitive summary body of a listing's ASIN. */
export function competitiveSummaryBody(state: OfferState, includedData: string[]): Record<string, unknown> {
  const money = camelMoneyOf(state);
  const body: Record<string, unknown> = { asin: state.ref.asin, marketplaceId: state.ref.market.marketplaceId };
  const offer = (o: MarketOffer) => ({
    sellerId: o.sellerId,
    condition: 'New',
    subCondition: 'New',
    fulfillmentType: o.fba ? 'AFN' : 'MFN',
    listingPrice: money(o.price),
    shippingOptions: [{ shippingOptionType: 'DEFAULT', price: money(o.shipping) }],
    primeDetails: { eligibility: o.fba ? 'NATIONAL' : 'NOT_PRIME' },
  });
  if (includedData.includes('featuredBuyingOptions')) {
    const w = state.buyBoxWinner;
    body.featuredBuyingOptions = w
      ? [
          {
            buyingOptionType: 'New',
            segmentedFeaturedOffers: [
              {
                ...offer(w),
                featuredOfferSegments: [
                  { customerMembership: 'PRIME', segmentDetails: { glanceViewWeightPercentage: 70 } },
                  { customerMembership: 'NON_PRIME', segmentDetails: { glanceViewWeightPercentage: 30 } },
                ],
              },
            ],
          },
        ]
      : [];
  }
  if (includedData.includes('lowestPricedOffers')) {
    body.lowestPricedOffers = [
      { lowestPricedOffersInput: { itemCondition: 'New', offerType: 'Consumer' }, offers: state.offers.map(offer) },
    ];
  }
  if (includedData.includes('referencePrices')) {
    const w = state.buyBoxWinner;
    body.referencePrices = w ? [{ name: 'CompetitivePriceThreshold', price: money(w.price + w.shipping) }] : [];
  }
  return body;
}

/** ISO time of an offer state (OffersAvailableTime-style stamps). */
export const stampOf = (state: OfferState): string => isoSeconds(state.at);

/** The browse-node style category id of a product type (`home_display_on_website`). */
export function rankCategory(productType: string | undefined): string {
  return `${(productType ?? 'home').toLowerCase()}_display_on_website`;
}
