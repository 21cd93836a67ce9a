import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Listing, ListResponse, Product } from '../../../lib/types';

export interface NewListing {
  storeId: string;
  marketplaceId: string;
  sellerSku: string;
  asin?: string;
  title?: string;
  fulfillmentChannel: Listing['fulfillmentChannel'];
  status: Listing['status'];
  price?: string;
}

export function useCreateListing() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (listing: NewListing) => api.post<Listing>('/catalog/listings', listing),
    meta: { silent: true },
    onSuccess: () => client.invalidateQueries({ queryKey: ['catalog'] }),
  });
}

/** Replaces the SKUs a listing sells (one SKU, or several for a bundle). */
export function useSavePairing() {
  return useMutation({
    mutationFn: (input: { id: string; skus: { sku: string; quantity: number }[] }) =>
      api.patch<Listing>(`/catalog/listings/${input.id}`, { skus: input.skus }),
    meta: { silent: true },
  });
}

/** SKU suggestions for the pairing editor. */
export function useSkuSearch(term: string) {
  return useQuery({
    queryKey: ['catalog', 'skus', 'search', term],
    queryFn: ({ signal }) => api.get<ListResponse<Product>>('/catalog/skus', { q: term, limit: 20 }, signal),
    enabled: term.trim().length > 0,
    staleTime: 10_000,
    meta: { silent: true },
  });
}
