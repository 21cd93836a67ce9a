import { createHash } from 'node:crypto';

/** Seeded, deterministic randomness: the same seed gives the same sellers, ids and faults on every run. */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  /** `length` characters drawn from `alphabet`. */
  chars(length: number, alphabet: string): string;
}

const HEX = '0123456789abcdef';

/** Creates a generator from any seed (numbers and strings hash to a 32-bit state). */
export function createRandom(seed: number | string): Random {
  let state = hashToUint32(String(seed));
  const next = (): number => {
    // Weyl sequence stepped by the golden-ratio constant, scrambled by a 32-bit avalanche mix.
    state = (state + 0x9e3779b9) >>> 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    z ^= z >>> 16;
    return (z >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chars: (length, alphabet) => {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[Math.floor(next() * alphabet.length)];
      return out;
    },
  };
}

/** `length` lowercase hex characters. */
export function randomHex(random: Random, length: number): string {
  return random.chars(length, HEX);
}

/** A deterministic opaque token: sha256 of the parts, base64url, cut to `length` characters. */
export function derivedToken(length: number, ...parts: (string | number)[]): string {
  let out = '';
  for (let i = 0; out.length < length; i++) {
    out += createHash('sha256')
      .update(`${parts.join('\u0000')}\u0000${i}`)
      .digest('base64url');
  }
  return out.slice(0, length);
}

function hashToUint32(text: string): number {
  return createHash('sha256').update(text).digest().readUInt32BE(0);
}
