import { internalFailure, quotaExceeded, type SimReply, serviceUnavailable } from './errors.ts';
import { createRandom, type Random } from './random.ts';

/**
 * Fault injection: a spec like `429=0.05,500=0.01,getOrders:503=0.2` makes that share of SP-API calls (all, or of
 * one operation) fail with that status, drawn from the seeded generator so a run replays identically.
 */

export type FaultStatus = 429 | 500 | 503;

export interface FaultRule {
  status: FaultStatus;
  /** Probability in [0, 1]. */
  probability: number;
  /** operationId or operation key; undefined = every operation. */
  operation?: string;
}

const STATUSES: readonly number[] = [429, 500, 503];

/** Parses `[operation:]status=probability` entries separated by commas. */
export function parseFaults(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const raw of spec.split(',').map((s) => s.trim())) {
    if (raw === '') continue;
    const m = /^(?:([A-Za-z0-9_.-]+(?::[A-Za-z0-9_]+)?):)?(\d{3})=([0-9.]+)$/.exec(raw);
    const status = Number(m?.[2]);
    const probability = Number(m?.[3]);
    if (!m || !STATUSES.includes(status) || !(probability >= 0 && probability <= 1)) {
      throw new Error(`amazon-sim: bad fault "${raw}"; expected [operation:]429|500|503=probability (0..1)`);
    }
    const rule: FaultRule = { status: status as FaultStatus, probability };
    if (m[1]) rule.operation = m[1];
    rules.push(rule);
  }
  return rules;
}

/** Draws injected failures for SP-API calls from the seeded generator. */
export class FaultInjector {
  private readonly random: Random;

  constructor(
    private readonly rules: readonly FaultRule[],
    seed: number | string,
  ) {
    this.random = createRandom(`faults:${seed}`);
  }

  /** An injected failure for this call, or undefined to let it through. */
  pick(operationId: string, operationKey: string): SimReply | undefined {
    for (const rule of this.rules) {
      if (rule.operation && rule.operation !== operationId && rule.operation !== operationKey) continue;
      if (this.random.next() >= rule.probability) continue;
      if (rule.status === 429) return quotaExceeded();
      return rule.status === 500 ? internalFailure() : serviceUnavailable();
    }
    return undefined;
  }
}
