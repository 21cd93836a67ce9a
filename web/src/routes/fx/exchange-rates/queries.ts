import { useMutation, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Conversion, ExchangeRate, ListResponse } from '../../../lib/types';

export interface RateFilters {
  fromCurrency?: string;
  toCurrency?: string;
  dateFrom?: string;
  dateTo?: string;
}

/** Every rate of one pair in the period, oldest first, for the chart. */
export function usePairHistory(filters: RateFilters) {
  const enabled = Boolean(filters.fromCurrency && filters.toCurrency);
  return useQuery({
    queryKey: ['/exchange-rates', 'history', filters],
    queryFn: () =>
      api.get<ListResponse<ExchangeRate>>('/exchange-rates', { ...filters, limit: 500, sort: 'rateDate:asc' }),
    enabled,
  });
}

export interface ConvertInput {
  amount: string;
  from: string;
  to: string;
  date: string;
}

/** GET /api/exchange-rates/convert; 422 MISSING_EXCHANGE_RATE is shown by the widget itself. */
export function useConvert() {
  return useMutation({
    mutationFn: (input: ConvertInput) => api.get<Conversion>('/exchange-rates/convert', { ...input }),
    meta: { silent: true },
  });
}
