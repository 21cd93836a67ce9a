/**
 * Payload builders: simple inputs → the `Payload` object of each notification type, shaped by Amazon's schemas in
 * shared/amazon/schemas/notifications (wrap it with envelope.ts / the publisher). Money is in major units.
 */

export interface Money {
  Amount: number;
  CurrencyCode: string;
}

const round2 = (n: number) => Math.round(n * 100) / 100;
const money = (amount: number, currency: string): Money => ({ Amount: round2(amount), CurrencyCode: currency });
const camelMoney = (amount: number, currency: string) => ({ amount: round2(amount), currencyCode: currency });

export interface OfferInput {
  sellerId: string;
  price: number;
  shipping?: number;
  fulfilledByAmazon?: boolean;
  isBuyBoxWinner?: boolean;
  /** `new` (default), `used`, `collectible`, `refurbished`. */
  condition?: string;
  subCondition?: string;
  feedbackCount?: number;
  positiveFeedbackPercent?: number;
  isPrime?: boolean;
  shipsFromCountry?: string;
  shipsFromState?: string;
}

export interface AnyOfferChangedInput {
  sellerId: string;
  marketplaceId: string;
  asin: string;
  currencyCode?: string;
  itemCondition?: string;
  /** `External`, `Internal` or `Featured Offer` [I]. */
  offerChangeType?: string;
  timeOfOfferChange?: string;
  offers: OfferInput[];
  listPrice?: number;
  salesRank?: { productCategoryId: string; rank: number }[];
}

/** ANY_OFFER_CHANGED: offer counts, lowest and Buy Box prices, and the top offers (with `IsBuyBoxWinner`). */
export function anyOfferChangedPayload(input: AnyOfferChangedInput): Record<string, unknown> {
  const cur = input.currencyCode ?? 'USD';
  const offers = [...input.offers].sort((a, b) => a.price + (a.shipping ?? 0) - (b.price + (b.shipping ?? 0)));
  const channel = (o: OfferInput) => (o.fulfilledByAmazon ? 'Amazon' : 'Merchant');
  const groups = new Map<string, OfferInput[]>();
  for (const o of offers) {
    const key = `${o.condition ?? 'new'}|${channel(o)}`;
    groups.set(key, [...(groups.get(key) ?? []), o]);
  }
  const counts = [...groups].map(([key, list]) => {
    const [condition, fulfillmentChannel] = key.split('|');
    return {
      Condition: condition ?? 'new',
      FulfillmentChannel: fulfillmentChannel ?? 'Merchant',
      OfferCount: list.length,
    };
  });
  const priceBlock = (o: OfferInput) => ({
    LandedPrice: money(o.price + (o.shipping ?? 0), cur),
    ListingPrice: money(o.price, cur),
    Shipping: money(o.shipping ?? 0, cur),
  });
  const lowest = [...groups].map(([key, list]) => {
    const [condition, fulfillmentChannel] = key.split('|');
    return { Condition: condition, FulfillmentChannel: fulfillmentChannel, ...priceBlock(list[0] as OfferInput) };
  });
  const winner = offers.find((o) => o.isBuyBoxWinner) ?? offers[0];
  const low = winner ? winner.price + (winner.shipping ?? 0) : 0;
  const listPrice = input.listPrice ?? round2(Math.max(low, 1) * 1.25);
  return {
    AnyOfferChangedNotification: {
      SellerId: input.sellerId,
      OfferChangeTrigger: {
        MarketplaceId: input.marketplaceId,
        ASIN: input.asin,
        ItemCondition: input.itemCondition ?? 'new',
        TimeOfOfferChange: input.timeOfOfferChange ?? new Date(0).toISOString(),
        OfferChangeType: input.offerChangeType ?? 'External',
      },
      Summary: {
        NumberOfOffers: counts,
        LowestPrices: lowest,
        BuyBoxPrices: winner ? [{ Condition: winner.condition ?? 'new', ...priceBlock(winner) }] : [],
        ListPrice: money(listPrice, cur),
        MinimumAdvertisedPrice: money(round2(listPrice * 0.8), cur),
        SuggestedLowerPricePlusShipping: money(Math.max(round2(low - 0.01), 0), cur),
        TotalBuyBoxEligibleOffers: offers.length,
        SalesRankings: (input.salesRank ?? [{ productCategoryId: 'home_display_on_website', rank: 1234 }]).map((r) => ({
          ProductCategoryId: r.productCategoryId,
          Rank: r.rank,
        })),
        NumberOfBuyBoxEligibleOffers: counts,
        CompetitivePriceThreshold: money(round2(low * 1.02), cur),
      },
      Offers: offers.slice(0, 20).map((o) => ({
        SellerId: o.sellerId,
        SubCondition: o.subCondition ?? 'new',
        SellerFeedbackRating: {
          FeedbackCount: o.feedbackCount ?? 100,
          SellerPositiveFeedbackRating: o.positiveFeedbackPercent ?? 95,
        },
        ShippingTime: { MinimumHours: 24, MaximumHours: 48, AvailabilityType: 'NOW', AvailableDate: '' },
        ListingPrice: money(o.price, cur),
        Points: { PointsNumber: 0 },
        Shipping: money(o.shipping ?? 0, cur),
        ShipsFrom: { Country: o.shipsFromCountry ?? 'US', State: o.shipsFromState ?? '' },
        IsFulfilledByAmazon: o.fulfilledByAmazon ?? false,
        IsBuyBoxWinner: o === winner,
        PrimeInformation: { IsOfferPrime: o.isPrime ?? o.fulfilledByAmazon ?? false, IsOfferNationalPrime: false },
        IsExpeditedShippingAvailable: o.fulfilledByAmazon ?? false,
        IsFeaturedMerchant: true,
        ShipsDomestically: true,
        ShipsInternationally: false,
      })),
    },
  };
}

export interface PricingHealthInput {
  sellerId: string;
  marketplaceId: string;
  asin: string;
  currencyCode?: string;
  /** Default `BuyBoxDisqualification`. */
  issueType?: string;
  listingPrice: number;
  shipping?: number;
  fulfillmentType?: 'AFN' | 'MFN';
  buyBoxPrice?: number;
  competitivePriceThreshold?: number;
  numberOfOffers?: number;
  timeOfOfferChange?: string;
}

/** PRICING_HEALTH: the seller's offer lost Buy Box eligibility against the reference prices. */
export function pricingHealthPayload(input: PricingHealthInput): Record<string, unknown> {
  const cur = input.currencyCode ?? 'USD';
  const shipping = input.shipping ?? 0;
  const type = input.fulfillmentType ?? 'MFN';
  const threshold = input.competitivePriceThreshold ?? round2(input.listingPrice * 0.9);
  const buyBox = input.buyBoxPrice ?? threshold;
  const count = [{ condition: 'new', fulfillmentType: type, offerCount: input.numberOfOffers ?? 3 }];
  return {
    issueType: input.issueType ?? 'BuyBoxDisqualification',
    sellerId: input.sellerId,
    offerChangeTrigger: {
      marketplaceId: input.marketplaceId,
      asin: input.asin,
      itemCondition: 'new',
      timeOfOfferChange: input.timeOfOfferChange ?? new Date(0).toISOString(),
    },
    merchantOffer: {
      condition: 'new',
      fulfillmentType: type,
      listingPrice: camelMoney(input.listingPrice, cur),
      shipping: camelMoney(shipping, cur),
      landedPrice: camelMoney(input.listingPrice + shipping, cur),
    },
    summary: {
      numberOfOffers: count,
      buyBoxEligibleOffers: count,
      buyBoxPrices: [
        {
          condition: 'new',
          listingPrice: camelMoney(buyBox, cur),
          shipping: camelMoney(0, cur),
          landedPrice: camelMoney(buyBox, cur),
        },
      ],
      salesRankings: [{ productCategoryId: 'home_display_on_website', rank: 1234 }],
      referencePrice: {
        averageSellingPrice: camelMoney(round2(input.listingPrice * 0.95), cur),
        competitivePriceThreshold: camelMoney(threshold, cur),
      },
    },
  };
}

export interface OrderChangeItemInput {
  orderItemId: string;
  sku: string;
  quantity: number;
  quantityShipped?: number;
  isBuyerRequestedCancel?: boolean;
}

export interface OrderChangeInput {
  sellerId: string;
  amazonOrderId: string;
  marketplaceId: string;
  orderChangeType?: 'OrderStatusChange' | 'BuyerRequestedChange' | 'DeliveryTipChange';
  orderStatus?: string;
  fulfillmentType?: 'AFN' | 'MFN';
  orderType?: string;
  purchaseDate: string;
  timeOfOrderChange?: string;
  changeReason?: string;
  destinationPostalCode?: string | null;
  items: OrderChangeItemInput[];
}

/** ORDER_CHANGE (order level): status or buyer-requested changes of one order. */
export function orderChangePayload(input: OrderChangeInput): Record<string, unknown> {
  const shipped = input.items.reduce((n, i) => n + (i.quantityShipped ?? 0), 0);
  const total = input.items.reduce((n, i) => n + i.quantity, 0);
  const type = input.orderChangeType ?? 'OrderStatusChange';
  return {
    OrderChangeNotification: {
      NotificationLevel: 'OrderLevel',
      SellerId: input.sellerId,
      AmazonOrderId: input.amazonOrderId,
      OrderChangeType: type,
      OrderChangeTrigger: {
        TimeOfOrderChange: input.timeOfOrderChange ?? input.purchaseDate,
        ChangeReason:
          input.changeReason ?? (type === 'BuyerRequestedChange' ? 'Buyer Requested Cancel' : 'Order status changed'),
      },
      Summary: {
        MarketplaceId: input.marketplaceId,
        OrderStatus: input.orderStatus ?? 'Unshipped',
        PurchaseDate: input.purchaseDate,
        DestinationPostalCode: input.destinationPostalCode ?? null,
        FulfillmentType: input.fulfillmentType ?? 'MFN',
        OrderType: input.orderType ?? 'StandardOrder',
        NumberOfItemsShipped: shipped,
        NumberOfItemsUnshipped: total - shipped,
        OrderItems: input.items.map((i) => ({
          OrderItemId: i.orderItemId,
          SellerSKU: i.sku,
          SupplySourceId: null,
          OrderItemStatus: (i.quantityShipped ?? 0) >= i.quantity ? 'Shipped' : 'Unshipped',
          Quantity: i.quantity,
          QuantityShipped: i.quantityShipped ?? 0,
          IsBuyerRequestedCancel: i.isBuyerRequestedCancel ?? false,
        })),
      },
    },
  };
}

export interface ProcessingFinishedInput {
  sellerId: string;
  processingStatus?: 'DONE' | 'FATAL' | 'CANCELLED';
}

/** REPORT_PROCESSING_FINISHED: a report reached DONE, FATAL or CANCELLED. */
export function reportProcessingFinishedPayload(
  input: ProcessingFinishedInput & { reportId: string; reportType: string; reportDocumentId?: string },
): Record<string, unknown> {
  const status = input.processingStatus ?? 'DONE';
  return {
    reportProcessingFinishedNotification: {
      sellerId: input.sellerId,
      accountId: `amzn1.merchant.o.${input.sellerId}`,
      reportId: input.reportId,
      reportType: input.reportType,
      processingStatus: status,
      ...(input.reportDocumentId && status !== 'CANCELLED' ? { reportDocumentId: input.reportDocumentId } : {}),
    },
  };
}

/** FEED_PROCESSING_FINISHED: a feed reached DONE, FATAL or CANCELLED. */
export function feedProcessingFinishedPayload(
  input: ProcessingFinishedInput & { feedId: string; feedType: string; resultFeedDocumentId?: string },
): Record<string, unknown> {
  const status = input.processingStatus ?? 'DONE';
  return {
    feedProcessingFinishedNotification: {
      sellerId: input.sellerId,
      accountId: `amzn1.merchant.o.${input.sellerId}`,
      feedId: input.feedId,
      feedType: input.feedType,
      processingStatus: status,
      ...(input.resultFeedDocumentId ? { resultFeedDocumentId: input.resultFeedDocumentId } : {}),
    },
  };
}

export interface ListingsItemInput {
  sellerId: string;
  marketplaceId: string;
  sku: string;
  asin?: string;
}

/** LISTINGS_ITEM_STATUS_CHANGE: the listing became (or stopped being) BUYABLE / DISCOVERABLE, or was DELETED. */
export function listingsItemStatusChangePayload(
  input: ListingsItemInput & { status: ('BUYABLE' | 'DISCOVERABLE' | 'DELETED')[]; createdDate?: string },
): Record<string, unknown> {
  return {
    SellerId: input.sellerId,
    MarketplaceId: input.marketplaceId,
    ...(input.asin ? { Asin: input.asin } : {}),
    Sku: input.sku,
    ...(input.createdDate ? { CreatedDate: input.createdDate } : {}),
    Status: [...new Set(input.status)],
  };
}

/** LISTINGS_ITEM_ISSUES_CHANGE (payload 2023-12-13): the listing's issue severities and enforcement actions. */
export function listingsItemIssuesChangePayload(
  input: ListingsItemInput & { severities: ('NONE' | 'ERROR' | 'WARNING')[]; enforcementActions?: string[] },
): Record<string, unknown> {
  return {
    SellerId: input.sellerId,
    MarketplaceId: input.marketplaceId,
    ...(input.asin ? { Asin: input.asin } : {}),
    Sku: input.sku,
    Severities: [...new Set(input.severities)],
    ...(input.enforcementActions ? { EnforcementActions: [...new Set(input.enforcementActions)] } : {}),
  };
}

export interface FbaMarketplaceInventoryInput {
  marketplaceId: string;
  itemName?: string;
  fulfillable: number;
  unfulfillable?: number;
  researching?: number;
  inbound?: { working?: number; shipped?: number; receiving?: number };
  reserved?: { warehouseProcessing?: number; warehouseTransfer?: number; pendingCustomerOrder?: number };
  futureSupplyBuyable?: number;
  pendingCustomerOrderInTransit?: number;
}

export interface FbaInventoryInput {
  sellerId: string;
  sku: string;
  asin: string;
  fnsku?: string;
  marketplaces: FbaMarketplaceInventoryInput[];
}

/** FBA_INVENTORY_AVAILABILITY_CHANGES: an FBA SKU's quantities per marketplace. */
export function fbaInventoryAvailabilityPayload(input: FbaInventoryInput): Record<string, unknown> {
  return {
    SellerId: input.sellerId,
    FNSKU: input.fnsku ?? `X00${input.asin.slice(-7)}`,
    ASIN: input.asin,
    SKU: input.sku,
    FulfillmentInventoryByMarketplace: input.marketplaces.map((m) => ({
      MarketplaceId: m.marketplaceId,
      ItemName: m.itemName ?? input.sku,
      FulfillmentInventory: {
        InboundQuantityBreakdown: {
          Working: m.inbound?.working ?? 0,
          Shipped: m.inbound?.shipped ?? 0,
          Receiving: m.inbound?.receiving ?? 0,
        },
        Fulfillable: m.fulfillable,
        Unfulfillable: m.unfulfillable ?? 0,
        Researching: m.researching ?? 0,
        ReservedQuantityBreakdown: {
          WarehouseProcessing: m.reserved?.warehouseProcessing ?? 0,
          WarehouseTransfer: m.reserved?.warehouseTransfer ?? 0,
          PendingCustomerOrder: m.reserved?.pendingCustomerOrder ?? 0,
        },
        FutureSupplyBuyable: m.futureSupplyBuyable ?? 0,
        PendingCustomerOrderInTransit: m.pendingCustomerOrderInTransit ?? 0,
      },
    })),
  };
}
