// API usage of a store: the per-operation counters of all its data types added up (pure).
import type { OperationUsage, SyncState } from '../../../lib/types';

/** Sums the per-operation usage of all data types of a store, busiest operation first. */
export function mergeUsage(states: readonly Pick<SyncState, 'usage'>[]): OperationUsage[] {
  const byOperation = new Map<string, OperationUsage>();
  for (const state of states) {
    for (const u of state.usage) {
      const prev = byOperation.get(u.operation);
      if (!prev) {
        byOperation.set(u.operation, { ...u });
        continue;
      }
      prev.calls += u.calls;
      prev.throttled += u.throttled;
      prev.retries += u.retries;
      prev.failures += u.failures;
    }
  }
  return [...byOperation.values()].sort((a, b) => b.calls - a.calls || a.operation.localeCompare(b.operation));
}
