import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Product } from '../../../lib/types';

export type NewProduct = Partial<Omit<Product, 'id' | 'spuCode' | 'listingCount' | 'createdAt' | 'updatedAt'>> & {
  sku: string;
  name: string;
};

/** POST /api/catalog/skus; the caller maps a field error onto the form. */
export function useCreateProduct() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (product: NewProduct) => api.post<Product>('/catalog/skus', product),
    meta: { silent: true },
    onSuccess: () => client.invalidateQueries({ queryKey: ['catalog'] }),
  });
}
