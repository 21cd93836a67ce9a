import { z } from 'zod';
import { isoDateSchema, listQuerySchema } from './common.js';

/** Amazon's fulfillment status of an order (Orders API v2026-01-01 names; flat-file statuses map onto them). */
export const orderStatusSchema = z.enum([
  'PENDING_AVAILABILITY',
  'PENDING',
  'UNSHIPPED',
  'PARTIALLY_SHIPPED',
  'SHIPPED',
  'CANCELLED',
  'UNFULFILLABLE',
]);
export type OrderStatus = z.infer<typeof orderStatusSchema>;
export const orderChannelSchema = z.enum(['AFN', 'MFN']);
export const orderSourceSchema = z.enum(['api', 'report', 'import']);

/** Money in the DTOs: a decimal string in the order's currency ("19.99", "-2.00", "1980" for JPY). */
const amount = z.string();

export const orderItemSchema = z.object({
  id: z.string(),
  orderItemId: z.string().nullable(),
  asin: z.string().nullable(),
  sellerSku: z.string(),
  title: z.string().nullable(),
  quantity: z.number().int(),
  quantityShipped: z.number().int(),
  itemPrice: amount,
  shippingPrice: amount,
  discount: amount,
  tax: amount,
  total: amount,
  promotionIds: z.array(z.string()),
});
export type OrderItemDto = z.infer<typeof orderItemSchema>;

export const orderSchema = z.object({
  id: z.string(),
  storeId: z.string(),
  storeName: z.string(),
  marketplaceId: z.string(),
  amazonOrderId: z.string(),
  purchaseAt: z.number(),
  /** The purchase day in the marketplace's own time zone. */
  purchaseDate: z.string(),
  lastUpdatedAt: z.number(),
  status: orderStatusSchema,
  fulfillmentChannel: orderChannelSchema.nullable(),
  salesChannel: z.string().nullable(),
  serviceLevel: z.string().nullable(),
  isPrime: z.boolean(),
  isBusiness: z.boolean(),
  currency: z.string(),
  total: amount,
  units: z.number().int(),
  skus: z.array(z.string()),
  shipCity: z.string().nullable(),
  shipRegion: z.string().nullable(),
  shipPostalCode: z.string().nullable(),
  shipCountry: z.string().nullable(),
  source: orderSourceSchema,
  syncedAt: z.number(),
});
export type OrderDto = z.infer<typeof orderSchema>;

export const orderEventSchema = z.object({
  status: orderStatusSchema,
  at: z.number(),
  source: orderSourceSchema,
  recordedAt: z.number(),
});
export const orderDetailSchema = orderSchema.extend({
  items: z.array(orderItemSchema),
  history: z.array(orderEventSchema),
});
export type OrderDetailDto = z.infer<typeof orderDetailSchema>;

const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .string()
    .max(2000)
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(item));

export const listOrdersQuerySchema = listQuerySchema.extend({
  storeId: z.string().max(40).optional(),
  marketplaceId: z.string().max(20).optional(),
  status: csv(orderStatusSchema).optional(),
  channel: orderChannelSchema.optional(),
  /** Purchase dates (marketplace-local), inclusive. */
  from: isoDateSchema.optional(),
  to: isoDateSchema.optional(),
});
export type ListOrdersQuery = z.infer<typeof listOrdersQuerySchema>;

export const orderStatsSchema = z.object({
  orders: z.number().int(),
  units: z.number().int(),
  /** Per currency: sum of order totals. */
  revenue: z.array(z.object({ currency: z.string(), total: amount })),
  byStatus: z.array(z.object({ status: orderStatusSchema, orders: z.number().int() })),
  byDay: z.array(z.object({ date: z.string(), orders: z.number().int(), units: z.number().int() })),
});
export type OrderStatsDto = z.infer<typeof orderStatsSchema>;
