import { z } from 'zod';
import { isoDateSchema, listQuerySchema } from './common.js';

/** Money in the DTOs: a decimal string in the line's currency ("19.99", "-2.00", "1980" for JPY). */
const amount = z.string();

/** Finances v0 event lists Yangfan reads (the list name without "EventList"). */
export const financeEventTypeSchema = z.enum([
  'Shipment',
  'Refund',
  'GuaranteeClaim',
  'Chargeback',
  'ServiceFee',
  'Adjustment',
]);
export type FinanceEventType = z.infer<typeof financeEventTypeSchema>;

/** What a line of an event is: a charge to the buyer, an Amazon fee, a promotion, tax withheld, an adjustment. */
export const financeLineKindSchema = z.enum(['Charge', 'Fee', 'Promotion', 'WithheldTax', 'Adjustment']);
export type FinanceLineKind = z.infer<typeof financeLineKindSchema>;

export const financeEventLineSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string().nullable(),
  eventType: financeEventTypeSchema,
  postedAt: z.number(),
  /** Posting day in the marketplace's own time zone. */
  postedDate: z.string(),
  /** Amazon gives no posting time for service fees: the time is the end of the window they were read in. */
  postedAtEstimated: z.boolean(),
  amazonOrderId: z.string().nullable(),
  sellerSku: z.string().nullable(),
  orderItemId: z.string().nullable(),
  adjustmentId: z.string().nullable(),
  lineKind: financeLineKindSchema,
  /** Principal, Tax, ShippingCharge, Commission, FBAPerUnitFulfillmentFee, FBAStorageFee, WAREHOUSE_DAMAGE … */
  chargeType: z.string(),
  currency: z.string(),
  amount,
  quantity: z.number().int().nullable(),
});
export type FinanceEventLineDto = z.infer<typeof financeEventLineSchema>;

export const listFinanceEventsQuerySchema = listQuerySchema.extend({
  storeId: z.string().max(40).optional(),
  marketplaceId: z.string().max(20).optional(),
  eventType: financeEventTypeSchema.optional(),
  amazonOrderId: z.string().max(40).optional(),
  /** Posting dates (marketplace-local), inclusive. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type ListFinanceEventsQuery = z.infer<typeof listFinanceEventsQuerySchema>;

/** The fee and charge lines of one order, grouped by order item. */
export const orderFeesSchema = z.object({
  amazonOrderId: z.string(),
  currency: z.string().nullable(),
  items: z.array(
    z.object({
      orderItemId: z.string().nullable(),
      sellerSku: z.string().nullable(),
      lines: z.array(financeEventLineSchema),
      /** Per currency: what the item's lines net to the seller. */
      net: amount,
    }),
  ),
  /** Sum per line kind (Charge, Fee …) over the whole order. */
  totals: z.array(z.object({ lineKind: financeLineKindSchema, amount })),
  net: amount,
});
export type OrderFeesDto = z.infer<typeof orderFeesSchema>;

export const settlementSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string().nullable(),
  settlementId: z.string(),
  startAt: z.number(),
  endAt: z.number(),
  depositAt: z.number().nullable(),
  /** Deposit day in the marketplace's time zone. */
  depositDate: z.string().nullable(),
  currency: z.string(),
  total: amount,
  lines: z.number().int(),
  source: z.enum(['api', 'import']),
  reportId: z.string().nullable(),
  importedAt: z.number(),
});
export type SettlementDto = z.infer<typeof settlementSchema>;

export const settlementLineSchema = z.object({
  lineNo: z.number().int(),
  transactionType: z.string(),
  orderId: z.string().nullable(),
  adjustmentId: z.string().nullable(),
  shipmentId: z.string().nullable(),
  amountType: z.string(),
  amountDescription: z.string(),
  amount,
  fulfillmentId: z.string().nullable(),
  postedAt: z.number().nullable(),
  postedDate: z.string().nullable(),
  orderItemCode: z.string().nullable(),
  sku: z.string().nullable(),
  quantity: z.number().int().nullable(),
  promotionId: z.string().nullable(),
});
export type SettlementLineDto = z.infer<typeof settlementLineSchema>;

export const settlementDetailSchema = settlementSchema.extend({
  lineItems: z.array(settlementLineSchema),
  /** Sum per transaction type and amount type (for the chart). */
  byType: z.array(z.object({ transactionType: z.string(), amountType: z.string(), amount, lines: z.number().int() })),
});
export type SettlementDetailDto = z.infer<typeof settlementDetailSchema>;

export const listSettlementsQuerySchema = listQuerySchema.extend({
  storeId: z.string().max(40).optional(),
  marketplaceId: z.string().max(20).optional(),
  /** Settlement end dates (UTC), inclusive. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type ListSettlementsQuery = z.infer<typeof listSettlementsQuerySchema>;

export const reimbursementSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  reimbursementId: z.string(),
  approvalAt: z.number(),
  approvalDate: z.string(),
  caseId: z.string().nullable(),
  amazonOrderId: z.string().nullable(),
  reason: z.string(),
  sku: z.string(),
  fnsku: z.string().nullable(),
  asin: z.string().nullable(),
  productName: z.string().nullable(),
  condition: z.string().nullable(),
  currency: z.string(),
  amountPerUnit: amount,
  amountTotal: amount,
  quantityCash: z.number().int(),
  quantityInventory: z.number().int(),
  quantityTotal: z.number().int(),
});
export type ReimbursementDto = z.infer<typeof reimbursementSchema>;

export const listReimbursementsQuerySchema = listQuerySchema.extend({
  storeId: z.string().max(40).optional(),
  /** Approval dates, inclusive. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type ListReimbursementsQuery = z.infer<typeof listReimbursementsQuerySchema>;

export const storageFeeSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  monthOfCharge: z.string(),
  fnsku: z.string(),
  asin: z.string().nullable(),
  productName: z.string().nullable(),
  fulfillmentCenter: z.string(),
  countryCode: z.string(),
  productSizeTier: z.string().nullable(),
  averageQuantityOnHand: z.string(),
  itemVolume: z.string().nullable(),
  volumeUnits: z.string().nullable(),
  storageRate: z.string().nullable(),
  currency: z.string(),
  fee: amount,
});
export type StorageFeeDto = z.infer<typeof storageFeeSchema>;

export const listStorageFeesQuerySchema = listQuerySchema.extend({
  storeId: z.string().max(40).optional(),
  month: z
    .string()
    .regex(/^\d{4}-\d{2}$/, 'expected a month YYYY-MM')
    .optional(),
});
export type ListStorageFeesQuery = z.infer<typeof listStorageFeesQuerySchema>;
