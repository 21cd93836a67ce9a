import type { MarketplaceFacts } from './marketplace-facts.ts';

/** The data types of the living marketplace. Money is always an integer in the currency's minor units. */

export type FulfillmentChannel = 'AFN' | 'MFN';
/** Order status in the Orders API v0 vocabulary (v2026 maps it to its FulfillmentStatus enum). */
export type OrderStatus = 'Pending' | 'Unshipped' | 'Shipped' | 'Canceled';
export type ServiceLevel = 'Standard' | 'Expedited' | 'SecondDay' | 'NextDay';

/** A marketplace as one seller's scenario sees it. */
export interface ScenarioMarketplace {
  marketplaceId: string;
  code: string;
  currency: string;
  facts: MarketplaceFacts;
}

export interface ProductOffer {
  marketplaceId: string;
  /** Listed at the start of the scenario (false: not sold there). */
  listed: boolean;
  /** List price in minor units (tax included where the marketplace shows prices with VAT). */
  price: number;
}

export interface Product {
  /** Position in the seller's catalog. */
  index: number;
  sku: string;
  asin: string;
  /** FBA barcode id; only for Amazon-fulfilled products. */
  fnsku?: string;
  parentSku?: string;
  parentAsin?: string;
  /** Variation value within its family (`Black`, `M/Navy` …). */
  variant?: string;
  title: string;
  brand: string;
  category: string;
  productType: string;
  fulfillment: FulfillmentChannel;
  lengthCm: number;
  widthCm: number;
  heightCm: number;
  weightG: number;
  /** When the listing was created (ms); demand starts at `launchDay`. */
  createdAt: number;
  launchDay: number;
  /** Mean units per day in the home marketplace at an ordinary time, before trend and seasons. */
  baseDemand: number;
  /** Relative change of demand per year (0.2 = +20 %/year). */
  trendPerYear: number;
  /** Price elasticity of demand (negative). */
  elasticity: number;
  /** Seller's own stock for merchant-fulfilled listings (quantity shown in fulfillmentAvailability). */
  merchantQuantity: number;
  /** One per marketplace of the seller, in the seller's marketplace order. */
  offers: ProductOffer[];
}

export interface VariationFamily {
  parentSku: string;
  parentAsin: string;
  title: string;
  brand: string;
  category: string;
  productType: string;
  theme: string;
  themeAttributes: string[];
  childIndexes: number[];
  createdAt: number;
}

export interface SellerCatalog {
  sellerId: string;
  products: Product[];
  families: VariationFamily[];
  marketplaces: ScenarioMarketplace[];
}

export interface OrderTimeline {
  purchase: number;
  /** Pending ends (payment authorised); absent for canceled orders. */
  unshipped?: number;
  shipped?: number;
  delivered?: number;
  canceled?: number;
  serviceLevel: ServiceLevel;
  isPrime: boolean;
  isBusiness: boolean;
  earliestShip: number;
  latestShip: number;
  earliestDelivery: number;
  latestDelivery: number;
}

export interface ItemReturn {
  quantity: number;
  /** When the buyer's return reached Amazon (FBA) or the seller (MFN). */
  returnedAt: number;
  refundedAt: number;
  reason: string;
  /** FBA returns report disposition: SELLABLE, CUSTOMER_DAMAGED, DEFECTIVE, CARRIER_DAMAGED. */
  disposition: string;
  refundPrincipal: number;
  refundTax: number;
}

export interface ScenarioOrderItem {
  orderItemId: string;
  productIndex: number;
  sku: string;
  asin: string;
  title: string;
  quantity: number;
  /** Price of one unit at purchase time. */
  unitPrice: number;
  /** unitPrice × quantity. */
  itemPrice: number;
  itemTax: number;
  shippingPrice: number;
  shippingTax: number;
  /** Positive amount taken off itemPrice by a promotion. */
  promotionDiscount: number;
  promotionDiscountTax: number;
  promotionId?: string;
  /** Amazon's fees on this line (what the seller pays; not part of the Orders API). */
  referralFee: number;
  fbaFee: number;
  returned?: ItemReturn;
}

export interface ScenarioOrder {
  orderId: string;
  sellerId: string;
  marketplaceId: string;
  currency: string;
  currencyDigits: number;
  salesChannel: string;
  channel: FulfillmentChannel;
  timeline: OrderTimeline;
  canceled: boolean;
  cancel?: { requestedByBuyer: boolean; cancelledBy: 'BUYER' | 'MERCHANT' | 'AMAZON'; reason: string };
  taxIncluded: boolean;
  taxResponsibleParty: string;
  purchaseOrderNumber?: string;
  shipTo: { city: string; stateOrRegion: string; postalCode: string; countryCode: string };
  items: ScenarioOrderItem[];
}

export interface InventoryLevels {
  fulfillable: number;
  inboundWorking: number;
  inboundShipped: number;
  inboundReceiving: number;
  pendingCustomerOrder: number;
  fcProcessing: number;
  customerDamaged: number;
  warehouseDamaged: number;
  carrierDamaged: number;
  defective: number;
  lastUpdated: number;
}

export interface InventoryRow extends InventoryLevels {
  sku: string;
  asin: string;
  fnsku: string;
  title: string;
  marketplaceId: string;
}

export interface InboundShipment {
  shipmentId: string;
  productIndex: number;
  marketplaceIndex: number;
  quantity: number;
  /** The fold day whose end-of-day decision created it (for truncation). */
  decidedDay: number;
  createdAt: number;
  shippedAt: number;
  receivingAt: number;
  /** Start of the UTC day when the units become fulfillable. */
  closedAt: number;
}
