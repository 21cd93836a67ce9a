// Shapes of the inventory API (FBA stock, its daily history, the ledger, customer returns) as the pages use them.

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

export type InventorySource = 'api' | 'report' | 'import';

export interface FbaStock extends StockQuantities {
  id: string;
  storeId: string;
  storeName: string;
  marketplaceId: string;
  sellerSku: string;
  fnsku: string | null;
  asin: string | null;
  productName: string | null;
  condition: string | null;
  amazonUpdatedAt: number | null;
  source: InventorySource;
  syncedAt: number;
}

export interface FbaStockList {
  rows: FbaStock[];
  total: number;
  totals: StockQuantities;
}

export interface StockSnapshot extends StockQuantities {
  storeId: string;
  marketplaceId: string;
  date: string;
  capturedAt: number;
}

export interface StockHistory {
  sellerSku: string;
  snapshots: StockSnapshot[];
}

export interface LedgerEvent {
  id: string;
  storeId: string;
  storeName: string;
  marketplaceId: string | null;
  date: string;
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
  source: InventorySource;
}

export interface LedgerList {
  rows: LedgerEvent[];
  total: number;
  byType: { eventType: string; events: number; units: number }[];
}

export interface CustomerReturn {
  id: string;
  storeId: string;
  storeName: string;
  marketplaceId: string | null;
  returnAt: number;
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
  source: InventorySource;
}

export interface ReturnsList {
  rows: CustomerReturn[];
  total: number;
  units: number;
  byReason: { reason: string; returns: number; units: number }[];
}
