// Create / update / delete mutations for a REST collection; every list of it (and related lookups) refreshes after.
import { type QueryKey, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from './api';

/** Mutations for `path` (`POST path`, `PATCH path/:id`, `DELETE path/:id`); errors are left to the caller's form. */
export function useCrud<T, Body = Record<string, unknown>>(path: string, related: QueryKey[] = []) {
  const client = useQueryClient();
  const refresh = () =>
    client.invalidateQueries({
      predicate: (query) =>
        query.queryKey[0] === path || related.some((key) => key.every((part, i) => query.queryKey[i] === part)),
    });
  const create = useMutation({
    mutationFn: (body: Body) => api.post<T>(path, body),
    meta: { silent: true },
    onSuccess: refresh,
  });
  const update = useMutation({
    mutationFn: (input: { id: string; body: Partial<Body> }) => api.patch<T>(`${path}/${input.id}`, input.body),
    meta: { silent: true },
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.del(`${path}/${id}`),
    onSuccess: refresh,
  });
  return { create, update, remove };
}
