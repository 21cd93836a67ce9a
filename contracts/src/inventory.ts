import { z } from 'zod';
import { isoDateSchema, listQuerySchema } from './common.js';

/** FBA stock, its daily history, the FBA inventory ledger and customer returns. */

export const stockQuantitiesSchema = z.object({
  fulfillable: z.number().int(),
  inboundWorking: z.number().int(),
  inboundShipped: z.number().int(),
  inboundReceiving: z.number().int(),
  reserved: z.number().int(),
  unfulfillable: z.number().int(),
  researching: z.number().int(),
  total: z.number().int(),
});
export type StockQuantitiesDto = z.infer<typeof stockQuantitiesSchema>;

export const inventorySourceSchema = z.enum(['api', 'report', 'import']);

export const fbaStockSchema = stockQuantitiesSchema.extend({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string(),
  sellerSku: z.string(),
  fnsku: z.string().nullable(),
  asin: z.string().nullable(),
  productName: z.string().nullable(),
  condition: z.string().nullable(),
  /** Amazon's last update of the summary (epoch ms), null from files. */
  amazonUpdatedAt: z.number().nullable(),
  source: inventorySourceSchema,
  syncedAt: z.number(),
});
export type FbaStockDto = z.infer<typeof fbaStockSchema>;

const boolFlag = z
  .union([z.boolean(), z.enum(['true', 'false', '1', '0'])])
  .transform((v) => v === true || v === 'true' || v === '1');

export const listFbaStockQuerySchema = listQuerySchema.extend({
  storeId: z.string().max(40).optional(),
  marketplaceId: z.string().max(20).optional(),
  /** Only SKUs with units anywhere in FBA (total > 0). */
  inStock: boolFlag.optional(),
});
export type ListFbaStockQuery = z.infer<typeof listFbaStockQuerySchema>;

export const fbaStockListSchema = z.object({
  rows: z.array(fbaStockSchema),
  total: z.number().int(),
  /** Sums over every row of the filter (not only the page). */
  totals: stockQuantitiesSchema,
});
export type FbaStockListDto = z.infer<typeof fbaStockListSchema>;

export const stockHistoryQuerySchema = z.object({
  storeId: z.string().max(40).optional(),
  marketplaceId: z.string().max(20).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export const skuParamsSchema = z.object({ sku: z.string().min(1).max(200) });

export const stockSnapshotSchema = stockQuantitiesSchema.extend({
  storeId: z.string(),
  marketplaceId: z.string(),
  /** Marketplace-local day; the last value read that day. */
  date: z.string(),
  capturedAt: z.number(),
});
export const stockHistorySchema = z.object({ sellerSku: z.string(), snapshots: z.array(stockSnapshotSchema) });
export type StockHistoryDto = z.infer<typeof stockHistorySchema>;

export const ledgerEventSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string().nullable(),
  date: z.string(),
  fnsku: z.string(),
  asin: z.string().nullable(),
  sellerSku: z.string(),
  title: z.string().nullable(),
  eventType: z.string(),
  referenceId: z.string(),
  quantity: z.number().int(),
  fulfillmentCenter: z.string(),
  disposition: z.string(),
  reason: z.string(),
  country: z.string(),
  reconciledQuantity: z.number().int().nullable(),
  unreconciledQuantity: z.number().int().nullable(),
  source: inventorySourceSchema,
});
export type LedgerEventDto = z.infer<typeof ledgerEventSchema>;

export const listLedgerQuerySchema = listQuerySchema.extend({
  storeId: z.string().max(40).optional(),
  marketplaceId: z.string().max(20).optional(),
  eventType: z.string().max(60).optional(),
  /** Ledger dates, inclusive. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type ListLedgerQuery = z.infer<typeof listLedgerQuerySchema>;

export const ledgerListSchema = z.object({
  rows: z.array(ledgerEventSchema),
  total: z.number().int(),
  byType: z.array(z.object({ eventType: z.string(), events: z.number().int(), units: z.number().int() })),
});
export type LedgerListDto = z.infer<typeof ledgerListSchema>;

export const customerReturnSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string().nullable(),
  returnAt: z.number(),
  /** Marketplace-local day of the return. */
  returnDate: z.string(),
  amazonOrderId: z.string(),
  sellerSku: z.string(),
  asin: z.string().nullable(),
  fnsku: z.string().nullable(),
  productName: z.string().nullable(),
  quantity: z.number().int(),
  fulfillmentCenter: z.string().nullable(),
  disposition: z.string().nullable(),
  reason: z.string().nullable(),
  status: z.string().nullable(),
  licensePlateNumber: z.string().nullable(),
  customerComments: z.string().nullable(),
  source: inventorySourceSchema,
});
export type CustomerReturnDto = z.infer<typeof customerReturnSchema>;

export const listReturnsQuerySchema = listQuerySchema.extend({
  storeId: z.string().max(40).optional(),
  marketplaceId: z.string().max(20).optional(),
  reason: z.string().max(100).optional(),
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type ListReturnsQuery = z.infer<typeof listReturnsQuerySchema>;

export const returnsListSchema = z.object({
  rows: z.array(customerReturnSchema),
  total: z.number().int(),
  units: z.number().int(),
  byReason: z.array(z.object({ reason: z.string(), returns: z.number().int(), units: z.number().int() })),
});
export type ReturnsListDto = z.infer<typeof returnsListSchema>;
