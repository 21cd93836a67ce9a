import { useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import { useCan } from '../../../lib/session';
import type { CatalogStats } from '../../../lib/types';

/** Counts for the home page (catalog:view). */
export function useCatalogStats() {
  const can = useCan();
  return useQuery({
    queryKey: ['catalog', 'stats'],
    queryFn: () => api.get<CatalogStats>('/catalog/stats'),
    enabled: can('catalog', 'view'),
  });
}
