import { AppError } from '../../platform/errors.js';

/** Pulls the next-page token of any SP-API style: `NextToken`, `nextToken`, `pagination.nextToken`, under `payload` too. */
export function nextTokenOf(page: unknown): string | undefined {
  if (!page || typeof page !== 'object') return undefined;
  const p = page as Record<string, unknown>;
  for (const candidate of [
    p.NextToken,
    p.nextToken,
    (p.pagination as Record<string, unknown> | undefined)?.nextToken,
  ]) {
    if (typeof candidate === 'string' && candidate !== '') return candidate;
  }
  return p.payload && typeof p.payload === 'object' ? nextTokenOf(p.payload) : undefined;
}

/**
 * Yields every page once, in order: the first with no token, then one per next token, stopping when a page has no
 * token. A token seen twice would loop or repeat pages, so it throws (retryable: the caller restarts the window).
 */
export async function* paginate<P>(
  fetchPage: (token: string | undefined) => Promise<P>,
  tokenOf: (page: P) => string | undefined = nextTokenOf,
): AsyncGenerator<P> {
  const seen = new Set<string>();
  let token: string | undefined;
  for (;;) {
    const page = await fetchPage(token);
    yield page;
    token = tokenOf(page);
    if (!token) return;
    if (seen.has(token)) {
      throw new AppError('UPSTREAM_UNAVAILABLE', 'Amazon returned a next-page token twice; stopping to avoid a loop', {
        retryable: true,
        token: token.slice(0, 40),
      });
    }
    seen.add(token);
  }
}
