import type { TokenBucketSpec } from '../../platform/rate-limit/rate-limiter.js';
import { OPERATION_LIMITS } from './operation-limits.js';

/**
 * Operations are named `<model file stem>/<operationId>` (e.g. `ordersV0/getOrders`, `orders_2026-01-01/getOrder`),
 * the keys of OPERATION_LIMITS; a bare operationId is accepted when only one model defines it.
 */

/** Used where Amazon documents no rate (e.g. FBA inventory sandbox-only operations): conservative, 1 rps burst 1. */
export const UNDOCUMENTED_LIMIT: TokenBucketSpec = { ratePerSecond: 1, burst: 1 };

const byOperationId = new Map<string, string[]>();
for (const [key, limit] of Object.entries(OPERATION_LIMITS)) {
  byOperationId.set(limit.operationId, [...(byOperationId.get(limit.operationId) ?? []), key]);
}

/** The canonical table key of an operation name, or undefined when unknown or ambiguous. */
export function resolveOperation(operation: string): string | undefined {
  if (OPERATION_LIMITS[operation]) return operation;
  const keys = byOperationId.get(operation);
  return keys && keys.length === 1 ? keys[0] : undefined;
}

/** The documented token bucket of an operation (UNDOCUMENTED_LIMIT when Amazon gives none or the name is unknown). */
export function documentedLimit(operation: string): TokenBucketSpec {
  const key = resolveOperation(operation);
  const limit = key ? OPERATION_LIMITS[key] : undefined;
  if (!limit || limit.rate === null || limit.burst === null) return UNDOCUMENTED_LIMIT;
  return { ratePerSecond: limit.rate, burst: limit.burst };
}
