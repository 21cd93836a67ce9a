// Shapes of the finance API (financial event lines, order fees, settlements) as the pages use them.

export type FinanceEventType = 'Shipment' | 'Refund' | 'GuaranteeClaim' | 'Chargeback' | 'ServiceFee' | 'Adjustment';
export const FINANCE_EVENT_TYPES: readonly FinanceEventType[] = [
  'Shipment',
  'Refund',
  'GuaranteeClaim',
  'Chargeback',
  'ServiceFee',
  'Adjustment',
];
export type FinanceLineKind = 'Charge' | 'Fee' | 'Promotion' | 'WithheldTax' | 'Adjustment';

export interface FinanceEventLine {
  id: string;
  storeId: string;
  storeName: string;
  marketplaceId: string | null;
  eventType: FinanceEventType;
  postedAt: number;
  postedDate: string;
  postedAtEstimated: boolean;
  amazonOrderId: string | null;
  sellerSku: string | null;
  orderItemId: string | null;
  adjustmentId: string | null;
  lineKind: FinanceLineKind;
  chargeType: string;
  currency: string;
  amount: string;
  quantity: number | null;
}

export interface OrderFees {
  amazonOrderId: string;
  currency: string | null;
  items: { orderItemId: string | null; sellerSku: string | null; lines: FinanceEventLine[]; net: string }[];
  totals: { lineKind: FinanceLineKind; amount: string }[];
  net: string;
}

export interface Settlement {
  id: string;
  storeId: string;
  storeName: string;
  marketplaceId: string | null;
  settlementId: string;
  startAt: number;
  endAt: number;
  depositAt: number | null;
  depositDate: string | null;
  currency: string;
  total: string;
  lines: number;
  source: 'api' | 'import';
  reportId: string | null;
  importedAt: number;
}

export interface SettlementLine {
  lineNo: number;
  transactionType: string;
  orderId: string | null;
  adjustmentId: string | null;
  shipmentId: string | null;
  amountType: string;
  amountDescription: string;
  amount: string;
  fulfillmentId: string | null;
  postedAt: number | null;
  postedDate: string | null;
  orderItemCode: string | null;
  sku: string | null;
  quantity: number | null;
  promotionId: string | null;
}

export interface SettlementDetail extends Settlement {
  lineItems: SettlementLine[];
  byType: { transactionType: string; amountType: string; amount: string; lines: number }[];
}

export interface Reimbursement {
  id: string;
  storeId: string;
  storeName: string;
  reimbursementId: string;
  approvalAt: number;
  approvalDate: string;
  caseId: string | null;
  amazonOrderId: string | null;
  reason: string;
  sku: string;
  fnsku: string | null;
  asin: string | null;
  productName: string | null;
  condition: string | null;
  currency: string;
  amountPerUnit: string;
  amountTotal: string;
  quantityCash: number;
  quantityInventory: number;
  quantityTotal: number;
}

export interface StorageFee {
  id: string;
  storeId: string;
  storeName: string;
  monthOfCharge: string;
  fnsku: string;
  asin: string | null;
  productName: string | null;
  fulfillmentCenter: string;
  countryCode: string;
  productSizeTier: string | null;
  averageQuantityOnHand: string;
  itemVolume: string | null;
  volumeUnits: string | null;
  storageRate: string | null;
  currency: string;
  fee: string;
}
