/** FBA quantities as Amazon splits them (units). */
export interface StockQuantities {
  fulfillable: number;
  inboundWorking: number;
  inboundShipped: number;
  inboundReceiving: number;
  reserved: number;
  unfulfillable: number;
  researching: number;
  total: number;
}

/** Current FBA stock per store × marketplace × seller SKU (Amazon's latest answer). */
export interface FbaInventoryTable extends StockQuantities {
  id: string;
  companyId: string;
  storeId: string;
  marketplaceId: string;
  sellerSku: string;
  fnsku: string | null;
  asin: string | null;
  productName: string | null;
  condition: string | null;
  /** Amazon's lastUpdatedTime of the summary (null from files). */
  amazonUpdatedAt: number | null;
  source: string;
  syncedAt: number;
  createdAt: number;
}

/** The stock of a SKU at the end of a marketplace-local day (the last value read that day). */
export interface FbaInventoryDailyTable extends StockQuantities {
  companyId: string;
  storeId: string;
  marketplaceId: string;
  sellerSku: string;
  snapshotDate: string;
  capturedAt: number;
}

/** One event of the FBA inventory ledger (GET_LEDGER_DETAIL_VIEW_DATA), unique on its natural key. */
export interface FbaLedgerEventTable {
  id: string;
  companyId: string;
  storeId: string;
  marketplaceId: string | null;
  /** The ledger's own date (YYYY-MM-DD). */
  eventDate: string;
  fnsku: string;
  asin: string | null;
  sellerSku: string;
  title: string | null;
  eventType: string;
  referenceId: string;
  quantity: number;
  fulfillmentCenter: string;
  disposition: string;
  reason: string;
  country: string;
  reconciledQuantity: number | null;
  unreconciledQuantity: number | null;
  naturalKey: string;
  source: string;
  createdAt: number;
}

/** One FBA customer return (GET_FBA_FULFILLMENT_CUSTOMER_RETURNS_DATA). */
export interface FbaCustomerReturnTable {
  id: string;
  companyId: string;
  storeId: string;
  /** Null when a file of a multi-marketplace store does not say (the sync, which asks per marketplace, fills it). */
  marketplaceId: string | null;
  returnAt: number;
  /** The return day in the marketplace's zone. */
  returnDate: string;
  amazonOrderId: string;
  sellerSku: string;
  asin: string | null;
  fnsku: string | null;
  productName: string | null;
  quantity: number;
  fulfillmentCenter: string | null;
  disposition: string | null;
  reason: string | null;
  status: string | null;
  licensePlateNumber: string | null;
  customerComments: string | null;
  /** The license plate number, else the return instant (ISO): part of the unique key. */
  returnKey: string;
  source: string;
  syncedAt: number;
  createdAt: number;
}

export interface InventoryTables {
  fbaInventory: FbaInventoryTable;
  fbaInventoryDaily: FbaInventoryDailyTable;
  fbaLedgerEvent: FbaLedgerEventTable;
  fbaCustomerReturn: FbaCustomerReturnTable;
}
