export interface FinanceEventLineTable {
  id: string;
  companyId: string;
  storeId: string;
  marketplaceId: string | null;
  /** Deterministic key of the line within the store (re-reading a window finds the same keys). */
  lineKey: string;
  eventType: string;
  postedAt: number;
  postedDate: string;
  postedAtEstimated: number;
  amazonOrderId: string | null;
  sellerSku: string | null;
  orderItemId: string | null;
  adjustmentId: string | null;
  lineKind: string;
  chargeType: string;
  currency: string;
  amountMinor: number;
  quantity: number | null;
  syncedAt: number;
}
export interface SettlementTable {
  id: string;
  companyId: string;
  storeId: string;
  marketplaceId: string | null;
  settlementId: string;
  startAt: number;
  endAt: number;
  endDate: string;
  depositAt: number | null;
  depositDate: string | null;
  currency: string;
  totalMinor: number;
  lineCount: number;
  /** Hash of the settlement's content: an identical re-read changes nothing. */
  digest: string;
  source: string;
  reportId: string | null;
  importedAt: number;
}
export interface SettlementLineTable {
  id: string;
  settlementPk: string;
  lineNo: number;
  transactionType: string;
  orderId: string | null;
  adjustmentId: string | null;
  shipmentId: string | null;
  marketplaceName: string | null;
  amountType: string;
  amountDescription: string;
  amountMinor: number;
  fulfillmentId: string | null;
  postedAt: number | null;
  postedDate: string | null;
  orderItemCode: string | null;
  sku: string | null;
  quantity: number | null;
  promotionId: string | null;
}
export interface FbaReimbursementTable {
  id: string;
  companyId: string;
  storeId: string;
  reimbursementId: string;
  sku: string;
  approvalAt: number;
  approvalDate: string;
  caseId: string | null;
  amazonOrderId: string | null;
  reason: string;
  fnsku: string | null;
  asin: string | null;
  productName: string | null;
  condition: string | null;
  currency: string;
  amountPerUnitMinor: number;
  amountTotalMinor: number;
  quantityCash: number;
  quantityInventory: number;
  quantityTotal: number;
  originalReimbursementId: string | null;
  originalReimbursementType: string | null;
  syncedAt: number;
}
export interface FbaStorageFeeTable {
  id: string;
  companyId: string;
  storeId: string;
  monthOfCharge: string;
  fnsku: string;
  fulfillmentCenter: string;
  countryCode: string;
  asin: string | null;
  productName: string | null;
  productSizeTier: string | null;
  /** Decimal text as Amazon writes it (averages are fractional). */
  averageQuantityOnHand: string;
  averageQuantityPendingRemoval: string;
  itemVolume: string | null;
  volumeUnits: string | null;
  storageRate: string | null;
  currency: string;
  feeMinor: number;
  syncedAt: number;
}
export interface FinanceTables {
  financeEventLine: FinanceEventLineTable;
  settlement: SettlementTable;
  settlementLine: SettlementLineTable;
  fbaReimbursement: FbaReimbursementTable;
  fbaStorageFee: FbaStorageFeeTable;
}
