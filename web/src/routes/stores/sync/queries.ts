import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { api } from '../../../lib/api';
import type { ListResponse, SyncCatalog, SyncDataType, SyncRun, SyncState } from '../../../lib/types';

/** While anything is queued or running the page polls this often; otherwise it refreshes slowly. */
export const ACTIVE_REFRESH_MS = 3_000;
const IDLE_REFRESH_MS = 30_000;

export const isActive = (state: Pick<SyncState, 'status'>) => state.status === 'queued' || state.status === 'running';

/** The data types the server syncs (in its order) and the report types the manual import reads. */
export function useSyncCatalog() {
  return useQuery({
    queryKey: ['sync', 'catalog'],
    queryFn: ({ signal }) => api.get<SyncCatalog>('/sync/data-types', undefined, signal),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** One row per store × data type (cursor, lag, schedule, last error, API usage). */
export function useSyncStates(storeId: string | undefined) {
  return useQuery({
    queryKey: ['sync', 'states', storeId ?? null],
    queryFn: ({ signal }) => api.get<ListResponse<SyncState>>('/sync/states', { storeId }, signal),
    refetchInterval: (query) =>
      query.state.data?.rows.some(isActive) ? ACTIVE_REFRESH_MS : query.state.error ? false : IDLE_REFRESH_MS,
  });
}

/** The latest sync runs (newest first). */
export function useSyncRuns(filter: { storeId?: string; dataType?: SyncDataType }, refreshMs: number | false) {
  return useQuery({
    queryKey: ['sync', 'runs', filter],
    queryFn: ({ signal }) => api.get<ListResponse<SyncRun>>('/sync/runs', { ...filter, limit: 50 }, signal),
    refetchInterval: refreshMs,
  });
}

export interface TriggerSync {
  storeId: string;
  dataTypes?: SyncDataType[];
  /** Re-sync from this date (YYYY-MM-DD). */
  since?: string;
}

/** "Sync now", "Retry" and "Re-sync from …": queues runs for a store (202 with the data types queued). */
export function useTriggerSync() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ storeId, ...body }: TriggerSync) =>
      api.post<{ queued: SyncDataType[] }>(`/stores/${storeId}/sync`, body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['sync'] }),
  });
}

/** The notice after queuing: the data types by name, or their number when there are many. */
export function queuedNotice(queued: readonly SyncDataType[], t: TFunction): string {
  if (queued.length > 3) return t('sync.queuedCount', { count: queued.length });
  return t('sync.queuedTypes', { types: queued.map((d) => t(`sync.dataTypes.${d}`, { defaultValue: d })).join(', ') });
}
