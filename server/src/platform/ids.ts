import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ'; // Crockford base32: sortable, unambiguous

let lastTime = 0;
let lastRandom: number[] = [];

function encodeTime(ms: number): string {
  let out = '';
  let t = ms;
  for (let i = 0; i < 10; i++) {
    out = ALPHABET[t % 32] + out;
    t = Math.floor(t / 32);
  }
  return out;
}

/** ULID-style body: 48-bit ms time + 80 random bits, monotonic within one millisecond. */
export function newUlid(now: number = Date.now()): string {
  if (now === lastTime && lastRandom.length === 16) {
    // increment the random part so ids made in the same millisecond stay ordered
    for (let i = 15; i >= 0; i--) {
      const v = lastRandom[i]!;
      if (v < 31) {
        lastRandom[i] = v + 1;
        break;
      }
      lastRandom[i] = 0;
    }
  } else {
    const bytes = randomBytes(16);
    lastRandom = Array.from(bytes, (b) => b % 32);
    lastTime = now;
  }
  return encodeTime(now) + lastRandom.map((v) => ALPHABET[v]).join('');
}

/** Prefixed, sortable identifier such as `sku_01J9Z3…`. */
export function newId(prefix: string): string {
  return `${prefix}_${newUlid()}`;
}

export const idPattern = /^[a-z]{2,6}_[0-9A-HJKMNP-TV-Z]{26}$/;
