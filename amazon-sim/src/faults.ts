import type { EventEmitter } from 'node:events';
import { gunzipSync, gzipSync } from 'node:zlib';
import { internalFailure, quotaExceeded, type SimReply, serviceUnavailable } from './errors.ts';
import { createRandom, type Random } from './random.ts';

/**
 * Fault injection, switchable per run and drawn from the seed so a run replays identically. A spec is a
 * comma-separated list of `[operation:]kind[/param]=probability` rules:
 * - `429`, `500`, `503`: the call fails with that status (QuotaExceeded, InternalFailure, ServiceUnavailable);
 * - `slow[/ms]`: the answer is delayed by `ms` real milliseconds (default 2000);
 * - `timeout[/ms]`: the call is never answered; the connection is dropped after `ms` real ms (default 30000) or when
 *   the client gives up or the simulator closes;
 * - `expire`: a freshly seen access token expires early, at a random point of its first half-life;
 * - `gzip`: a document served through `applyDocumentFault` is truncated or corrupted;
 * - `rows`: each data row of a flat file passed through `corruptRows` is malformed with this probability.
 */

export type FaultStatus = 429 | 500 | 503;
export type FaultBehaviour = 'slow' | 'timeout' | 'expire' | 'gzip' | 'rows';

/** A rule failing calls with an HTTP status (the original `--faults` form). */
export interface StatusFaultRule {
  status: FaultStatus;
  /** Probability in [0, 1]. */
  probability: number;
  /** operationId or operation key; undefined = every operation. */
  operation?: string;
}

/** A rule for the other fault kinds. */
export interface BehaviourFaultRule {
  kind: FaultBehaviour;
  probability: number;
  operation?: string;
  /** Milliseconds for `slow` and `timeout`. */
  ms?: number;
}

export type FaultRule = StatusFaultRule | BehaviourFaultRule;

const STATUSES: readonly number[] = [429, 500, 503];
const BEHAVIOURS: readonly string[] = ['slow', 'timeout', 'expire', 'gzip', 'rows'];
const DEFAULT_MS: Record<string, number> = { slow: 2000, timeout: 30_000 };

/** Parses `[operation:]kind[/ms]=probability` entries separated by commas. */
export function parseFaults(spec: string): FaultRule[] {
  const rules: FaultRule[] = [];
  for (const raw of spec.split(',').map((s) => s.trim())) {
    if (raw === '') continue;
    const m = /^(?:([A-Za-z0-9_.-]+(?::[A-Za-z0-9_]+)?):)?(\d{3}|[a-z]+)(?:\/(\d+))?=([0-9.]+)$/.exec(raw);
    const kind = m?.[2] ?? '';
    const probability = Number(m?.[4]);
    const isStatus = STATUSES.includes(Number(kind));
    const ok = m && (isStatus ? m[3] === undefined : BEHAVIOURS.includes(kind));
    if (!ok || !(probability >= 0 && probability <= 1)) {
      throw new Error(
        `amazon-sim: bad fault "${raw}"; expected [operation:]429|500|503|slow[/ms]|timeout[/ms]|expire|gzip|rows=probability (0..1)`,
      );
    }
    if (isStatus) {
      const rule: StatusFaultRule = { status: Number(kind) as FaultStatus, probability };
      if (m[1]) rule.operation = m[1];
      rules.push(rule);
      continue;
    }
    const rule: BehaviourFaultRule = { kind: kind as FaultBehaviour, probability };
    if (m[1]) rule.operation = m[1];
    const ms = m[3] !== undefined ? Number(m[3]) : DEFAULT_MS[kind];
    if (ms !== undefined) rule.ms = ms;
    rules.push(rule);
  }
  return rules;
}

/** What the pipeline does to one call besides (or instead of) failing it. */
export interface CallFault {
  /** Delay the answer by this many real milliseconds. */
  delayMs?: number;
  /** Never answer; drop the connection after this many real milliseconds at the latest. */
  hangMs?: number;
}

/** Draws injected failures for SP-API calls and documents from the seeded generator. */
export class FaultInjector {
  private readonly random: Random;
  private readonly behaviourRandom: Random;
  private readonly documentRandom: Random;
  private readonly rowRandom: Random;
  private readonly early = new Map<string, number | null>();
  private readonly hangs = new Set<() => void>();

  constructor(
    private readonly rules: readonly FaultRule[],
    seed: number | string,
  ) {
    this.random = createRandom(`faults:${seed}`);
    this.behaviourRandom = createRandom(`faults:calls:${seed}`);
    this.documentRandom = createRandom(`faults:documents:${seed}`);
    this.rowRandom = createRandom(`faults:rows:${seed}`);
  }

  /** An injected failure for this call, or undefined to let it through. */
  pick(operationId: string, operationKey: string): SimReply | undefined {
    for (const rule of this.rules) {
      if (!('status' in rule) || !applies(rule, operationId, operationKey)) continue;
      if (this.random.next() >= rule.probability) continue;
      if (rule.status === 429) return quotaExceeded();
      return rule.status === 500 ? internalFailure() : serviceUnavailable();
    }
    return undefined;
  }

  /** A delay or hang for this call (slow / timeout rules), or undefined. */
  pickCall(operationId: string, operationKey: string): CallFault | undefined {
    for (const rule of this.behaviours('timeout', 'slow')) {
      if (!applies(rule, operationId, operationKey)) continue;
      if (this.behaviourRandom.next() >= rule.probability) continue;
      return rule.kind === 'timeout' ? { hangMs: rule.ms ?? 30_000 } : { delayMs: rule.ms ?? 2000 };
    }
    return undefined;
  }

  /**
   * Whether an access token has expired early at `now` (expire rules). The first time a token is seen a draw decides
   * whether it expires early, at a random instant before half of its remaining lifetime.
   */
  expiredEarly(token: string, expiresAt: number, now: number): boolean {
    const rule = this.behaviours('expire')[0];
    if (!rule) return false;
    let at = this.early.get(token);
    if (at === undefined) {
      const hit = this.behaviourRandom.next() < rule.probability;
      at = hit ? now + 1 + Math.floor(this.behaviourRandom.next() * Math.max(0, (expiresAt - now) / 2)) : null;
      this.early.set(token, at);
    }
    return at !== null && now >= at;
  }

  /** Document bytes as served: truncated or corrupted when a gzip rule draws a hit, otherwise unchanged. */
  applyDocumentFault(bytes: Uint8Array): Uint8Array {
    const rule = this.behaviours('gzip')[0];
    if (!rule || bytes.length < 2 || this.documentRandom.next() >= rule.probability) return bytes;
    const out = Buffer.from(bytes);
    if (this.documentRandom.next() < 0.5) return out.subarray(0, Math.max(1, Math.floor(out.length / 2)));
    // Corrupt: flip bytes past the gzip header (or anywhere in a plain document).
    const start = Math.min(out.length - 1, isGzip(out) ? 10 : 0);
    for (let i = start; i < out.length; i += 7) out[i] = (out[i] ?? 0) ^ 0xa5;
    return out;
  }

  /** A tab- or comma-separated flat file with some data rows malformed (rows rule); the header line is kept. */
  corruptRows(text: string): string {
    const rule = this.behaviours('rows')[0];
    if (!rule) return text;
    const lines = text.split('\n');
    return lines
      .map((line, i) => {
        if (i === 0 || line === '' || this.rowRandom.next() >= rule.probability) return line;
        const sep = line.includes('\t') ? '\t' : ',';
        const cells = line.split(sep);
        const how = this.rowRandom.next();
        if (how < 0.34) return cells.slice(0, Math.max(1, cells.length - 2)).join(sep);
        if (how < 0.67) return `${line}${sep}${sep}"unterminated`;
        return cells.map((c, n) => (n % 2 === 1 ? `${c}\u0000#N/A` : c)).join(sep);
      })
      .join('\n');
  }

  /** Waits `ms` real milliseconds, or until `socket` closes (the client gave up) or the simulator closes. */
  hold(ms: number, socket?: EventEmitter): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.hangs.delete(done);
        socket?.off('close', done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.hangs.add(done);
      socket?.once('close', done);
    });
  }

  /** Ends every pending delay or hang (called when the simulator closes); true if this run has timeout rules. */
  releaseAll(): boolean {
    for (const done of [...this.hangs]) done();
    return this.behaviours('timeout').length > 0;
  }

  private behaviours(...kinds: FaultBehaviour[]): BehaviourFaultRule[] {
    return this.rules.filter((r): r is BehaviourFaultRule => 'kind' in r && kinds.includes(r.kind));
  }
}

/** `faults.applyDocumentFault(bytes)`, or the bytes unchanged without an injector (for callers outside a run). */
export function applyDocumentFault(bytes: Uint8Array, faults?: FaultInjector): Uint8Array {
  return faults ? faults.applyDocumentFault(bytes) : bytes;
}

/** `faults.corruptRows(text)`, or the text unchanged without an injector. */
export function corruptRows(text: string, faults?: FaultInjector): string {
  return faults ? faults.corruptRows(text) : text;
}

/** The run's fault injector as handed to stateful handlers in their context (see the SP-API pipeline). */
export function faultsOf(context: object): FaultInjector | undefined {
  const f = (context as { faults?: unknown }).faults;
  return f instanceof FaultInjector ? f : undefined;
}

/** Whether bytes are a complete, valid gzip stream. */
export function isValidGzip(bytes: Uint8Array): boolean {
  try {
    gunzipSync(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Gzips text (a helper for document producers). */
export function gzipText(text: string): Buffer {
  return gzipSync(Buffer.from(text, 'utf8'));
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function applies(rule: FaultRule, operationId: string, operationKey: string): boolean {
  return !rule.operation || rule.operation === operationId || rule.operation === operationKey;
}
