import type { HttpMethod, Operation } from './models.ts';

/** Matches a request's method + path against every operation's path template. */

interface CompiledRoute {
  operation: Operation;
  /** Literal segment text, or null for a `{param}` segment. */
  segments: (string | null)[];
  paramNames: string[];
}

export type RouteMatch =
  | { kind: 'operation'; operation: Operation; pathParams: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: HttpMethod[] }
  | { kind: 'not-found' };

/** Compiled path templates of every operation, grouped by segment count. */
export class RouteMatcher {
  private readonly byLength = new Map<number, CompiledRoute[]>();

  constructor(operations: readonly Operation[]) {
    for (const operation of operations) {
      const parts = splitPath(operation.path);
      const segments = parts.map((s) => (/^\{[^}]+\}$/.test(s) ? null : s));
      const paramNames = parts.filter((s) => /^\{[^}]+\}$/.test(s)).map((s) => s.slice(1, -1));
      const list = this.byLength.get(parts.length) ?? [];
      list.push({ operation, segments, paramNames });
      this.byLength.set(parts.length, list);
    }
    // Most literal segments first, earlier literals breaking ties: `/x/{id}/testNotification` beats `/x/{id}/{sub}`.
    for (const list of this.byLength.values()) list.sort((a, b) => compareSpecificity(a.segments, b.segments));
  }

  /** Finds the operation for `method` + raw `path` (percent-encoded, without query string). */
  match(method: string, rawPath: string): RouteMatch {
    let parts: string[];
    try {
      parts = splitPath(rawPath).map((s) => decodeURIComponent(s));
    } catch {
      return { kind: 'not-found' };
    }
    const exact = this.matchParts(method, parts);
    // A trailing slash first counts as an empty last segment (`/items/` = getCatalogItem with asin ""), then is ignored.
    if (exact.kind === 'not-found' && parts.length > 0 && parts[parts.length - 1] === '') {
      return this.matchParts(method, parts.slice(0, -1));
    }
    return exact;
  }

  private matchParts(method: string, parts: string[]): RouteMatch {
    const allowed = new Set<HttpMethod>();
    for (const route of this.byLength.get(parts.length) ?? []) {
      if (!route.segments.every((seg, i) => seg === null || seg === parts[i])) continue;
      if (route.operation.method !== method.toUpperCase()) {
        allowed.add(route.operation.method);
        continue;
      }
      const pathParams: Record<string, string> = {};
      let p = 0;
      route.segments.forEach((seg, i) => {
        if (seg === null) pathParams[route.paramNames[p++] ?? ''] = parts[i] ?? '';
      });
      return { kind: 'operation', operation: route.operation, pathParams };
    }
    return allowed.size > 0 ? { kind: 'method-not-allowed', allowed: [...allowed] } : { kind: 'not-found' };
  }
}

/** Splits a path on `/` after its leading slash; a trailing slash gives an empty last segment. */
function splitPath(path: string): string[] {
  const trimmed = path.replace(/^\/+/, '');
  return trimmed === '' ? [] : trimmed.split('/');
}

function compareSpecificity(a: (string | null)[], b: (string | null)[]): number {
  const literals = (s: (string | null)[]) => s.filter((x) => x !== null).length;
  const diff = literals(b) - literals(a);
  if (diff !== 0) return diff;
  for (let i = 0; i < a.length; i++) {
    const la = a[i] !== null;
    const lb = b[i] !== null;
    if (la !== lb) return la ? -1 : 1;
  }
  return 0;
}
