import { type SimReply, spApiError } from './errors.ts';
import type { CaseParam, Operation, OperationParam, SandboxCase } from './models.ts';

/** Sandbox mode: answers a request with the recorded reply of the most specific matching static case. */

/** What the sandbox needs to know about a request, already split by parameter location. */
export interface SpRequestParts {
  pathParams: Record<string, string>;
  query: URLSearchParams;
  /** Lower-cased header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The parsed JSON body; undefined when the request had none. */
  body: unknown;
}

/** The sandbox hosts' reply to a request matching none of the operation's cases. */
export function noMatchingCase(): SimReply {
  return spApiError(400, 'InvalidInput', 'Could not match input arguments', '');
}

/**
 * Finds the case answering the request: every parameter the case names must match (`{}` matches anything, even
 * absence); among matches the one with the most valued parameters wins, then model order. `preferStatus` narrows the
 * candidates to one response code first (for cases whose requests are identical, e.g. sellers getAccount 200/400).
 */
export function findSandboxCase(
  operation: Operation,
  request: SpRequestParts,
  preferStatus?: number,
): SandboxCase | undefined {
  let candidates = operation.cases.filter((c) => caseMatches(operation, c, request));
  if (preferStatus !== undefined) {
    const narrowed = candidates.filter((c) => c.status === preferStatus);
    if (narrowed.length > 0) candidates = narrowed;
  }
  let best: SandboxCase | undefined;
  for (const c of candidates) if (!best || c.specificity > best.specificity) best = c;
  return best;
}

/** The reply of a case: its status and recorded body (no body for 204, or when none was recorded). */
export function replyOfCase(c: SandboxCase): SimReply {
  if (c.status === 204 || c.response === undefined || c.response === null) return { status: c.status };
  return { status: c.status, body: c.response };
}

/** Whether every parameter named by the case matches the request. */
export function caseMatches(operation: Operation, c: SandboxCase, request: SpRequestParts): boolean {
  for (const [name, expected] of Object.entries(c.parameters)) {
    if (!paramMatches(name, expected, operation.params, request)) return false;
  }
  return true;
}

function paramMatches(name: string, expected: CaseParam, params: OperationParam[], request: SpRequestParts): boolean {
  if (expected.any) return true;
  const want = expected.value;
  if (name === 'body') return request.body !== undefined && deepEqual(request.body, want);
  const decl = params.find((p) => p.name === name);
  const where = decl?.in ?? 'query';
  if (where === 'path') {
    const got = request.pathParams[name];
    return got !== undefined && got === scalarText(want);
  }
  if (where === 'header') {
    const got = request.headers[name.toLowerCase()];
    return got !== undefined && (Array.isArray(got) ? got.join(',') : got) === scalarText(want);
  }
  const values = request.query.getAll(name);
  if (values.length === 0) return false;
  if (Array.isArray(want)) {
    const wanted = want.map(scalarText);
    // csv arrays arrive comma-joined, multi arrays as repeated keys: accept either spelling.
    const split = values.flatMap((v) => v.split(','));
    return sameList(values, wanted) || sameList(split, wanted);
  }
  return values.length === 1 && values[0] === scalarText(want);
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

function sameList(a: string[], b: string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Structural JSON equality (object key order ignored). */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((x, i) => deepEqual(x, b[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  if (ka.length !== kb.length) return false;
  const bo = b as Record<string, unknown>;
  return ka.every((k) => Object.hasOwn(bo, k) && deepEqual((a as Record<string, unknown>)[k], bo[k]));
}
