import { createHash } from 'node:crypto';

/** Deterministic identifiers for the notification and Ads services: same seed, same ids. */

/** A UUID-shaped id (version nibble 4) derived from the seed, a namespace and a counter. */
export function seededUuid(seed: string, namespace: string, n: number): string {
  const h = createHash('sha256').update(`${seed}\u0000${namespace}\u0000${n}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A counter-backed UUID generator for one namespace. */
export function uuidSequence(seed: string, namespace: string): () => string {
  let n = 0;
  return () => seededUuid(seed, namespace, ++n);
}
