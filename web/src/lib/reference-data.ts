// Lists many pages need for pickers and labels (marketplaces, stores, users, SPUs), cached by TanStack Query.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from './api';
import { useCan } from './session';
import type { ListResponse, Marketplace, Spu, Store, User } from './types';

const LOOKUP = { limit: 500 };

/** Every marketplace Yangfan knows (id, code, currency, zone). */
export function useMarketplaces() {
  return useQuery({
    queryKey: ['marketplaces'],
    queryFn: () => api.get<ListResponse<Marketplace>>('/marketplaces', LOOKUP),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** marketplaceId → marketplace, for labels. */
export function useMarketplaceMap(): Map<string, Marketplace> {
  const { data } = useMarketplaces();
  return useMemo(() => new Map((data?.rows ?? []).map((m) => [m.marketplaceId, m])), [data]);
}

/** The stores the user may see (empty without stores:view). */
export function useStores() {
  const can = useCan();
  return useQuery({
    queryKey: ['stores'],
    queryFn: () => api.get<ListResponse<Store>>('/stores', LOOKUP),
    enabled: can('stores', 'view') || can('catalog', 'view'),
    meta: { silent: true },
  });
}

/** Users for owner pickers and names; empty (no error shown) when the user lacks users:view. */
export function useUserLookup() {
  const can = useCan();
  const query = useQuery({
    queryKey: ['users', 'lookup'],
    queryFn: () => api.get<ListResponse<User>>('/users', LOOKUP),
    enabled: can('users', 'view'),
    meta: { silent: true },
    retry: false,
  });
  const byId = useMemo(() => new Map((query.data?.rows ?? []).map((u) => [u.id, u])), [query.data]);
  return { users: query.data?.rows ?? [], byId };
}

/** SPUs for the product form. */
export function useSpuLookup() {
  return useQuery({
    queryKey: ['spus', 'lookup'],
    queryFn: () => api.get<ListResponse<Spu>>('/catalog/spus', LOOKUP),
    meta: { silent: true },
  });
}
