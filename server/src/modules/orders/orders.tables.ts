export interface AmazonOrderTable {
  id: string;
  companyId: string;
  storeId: string;
  marketplaceId: string;
  amazonOrderId: string;
  purchaseAt: number;
  purchaseDate: string;
  lastUpdatedAt: number;
  status: string;
  fulfillmentChannel: string | null;
  salesChannel: string | null;
  serviceLevel: string | null;
  isPrime: number;
  isBusiness: number;
  currency: string;
  totalMinor: number;
  units: number;
  /** JSON array of the order's seller SKUs (for the list without a join). */
  skus: string;
  shipCity: string | null;
  shipRegion: string | null;
  shipPostalCode: string | null;
  shipCountry: string | null;
  source: string;
  syncedAt: number;
  createdAt: number;
}
export interface AmazonOrderItemTable {
  id: string;
  orderId: string;
  orderItemId: string | null;
  sellerSku: string;
  asin: string | null;
  title: string | null;
  quantity: number;
  quantityShipped: number;
  itemPriceMinor: number;
  shippingPriceMinor: number;
  discountMinor: number;
  taxMinor: number;
  promotionIds: string;
}
export interface AmazonOrderEventTable {
  id: string;
  orderId: string;
  status: string;
  at: number;
  source: string;
  recordedAt: number;
}
export interface OrdersTables {
  amazonOrder: AmazonOrderTable;
  amazonOrderItem: AmazonOrderItemTable;
  amazonOrderEvent: AmazonOrderEventTable;
}
