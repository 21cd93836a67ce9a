import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type QueryParams } from '../../../lib/api';
import type { OrderStats } from '../../../lib/types';

/** KPIs and the per-day series of the orders matching the page's filters. */
export function useOrderStats(filters: QueryParams) {
  return useQuery({
    queryKey: ['orders', 'stats', filters],
    queryFn: ({ signal }) => api.get<OrderStats>('/orders/stats', filters, signal),
    placeholderData: keepPreviousData,
  });
}
