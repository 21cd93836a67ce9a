import { z } from 'zod';
import { currencySchema, decimalAmountSchema, isoDateSchema } from './common.js';

export const exchangeRateSchema = z.object({
  id: z.string(),
  fromCurrency: z.string(),
  toCurrency: z.string(),
  rateDate: z.string(),
  rate: z.string(),
  source: z.enum(['manual', 'import']),
  updatedAt: z.number(),
});
export const upsertExchangeRateSchema = z
  .object({
    fromCurrency: currencySchema,
    toCurrency: currencySchema,
    rateDate: isoDateSchema,
    rate: z.string().regex(/^\d{1,12}(\.\d{1,10})?$/, 'expected a positive decimal rate such as 7.1234'),
  })
  .strict()
  .refine((v) => v.fromCurrency !== v.toCurrency, { message: 'currencies must differ', path: ['toCurrency'] });
export const listExchangeRatesQuerySchema = z.object({
  fromCurrency: currencySchema.optional(),
  toCurrency: currencySchema.optional(),
  dateFrom: isoDateSchema.optional(),
  dateTo: isoDateSchema.optional(),
  limit: z.coerce.number().int().min(1).max(100_000).default(500),
  offset: z.coerce.number().int().min(0).default(0),
});
export const convertQuerySchema = z.object({
  amount: decimalAmountSchema,
  from: currencySchema,
  to: currencySchema,
  date: isoDateSchema,
});
export const convertResultSchema = z.object({
  amount: z.string(),
  from: z.string(),
  to: z.string(),
  date: z.string(),
  rate: z.string(),
  rateDate: z.string(),
  result: z.string(),
});
