import { hash32 } from './fast-random.ts';

/**
 * Amazon-style order ids (`3-7-7` digits) and 14-digit order item ids that encode where an order lives in the
 * scenario (seller, UTC day, position in the day) through a seed-dependent bijection of [0, 10^14): ids look random,
 * never collide, and decode back without any index — getOrder reaches an order in one step.
 */

const N = 10n ** 14n;
const MAX_SEQ = 100_000;
const MAX_SELLERS = 8;

export interface OrderKey {
  sellerIndex: number;
  day: number;
  seq: number;
}

/** Encodes and decodes order and order item ids for one seed. */
export class OrderIdCodec {
  private readonly a: bigint;
  private readonly aInverse: bigint;
  private readonly b: bigint;
  private readonly itemA: bigint;
  private readonly itemB: bigint;

  constructor(seed: string) {
    this.a = coprimeMultiplier(seed, 'order');
    this.aInverse = inverse(this.a);
    this.b = (BigInt(hash32(seed, 'order-b')) * 100_003n) % N;
    this.itemA = coprimeMultiplier(seed, 'item');
    this.itemB = (BigInt(hash32(seed, 'item-b')) * 100_019n) % N;
  }

  /** The order id of a key, with a three-digit prefix chosen among the marketplace's prefixes. */
  orderId(key: OrderKey, prefixes: readonly string[]): string {
    const x = packKey(key);
    const y = (this.a * x + this.b) % N;
    const digits = y.toString().padStart(14, '0');
    const prefix = prefixes[Number(x % BigInt(prefixes.length))] ?? '000';
    return `${prefix}-${digits.slice(0, 7)}-${digits.slice(7)}`;
  }

  /** Decodes an order id; undefined when it is not one of this codec's ids. The prefix is returned for checking. */
  decode(orderId: string): (OrderKey & { prefix: string }) | undefined {
    const m = /^(\d{3})-(\d{7})-(\d{7})$/.exec(orderId);
    if (!m) return undefined;
    const y = BigInt(`${m[2]}${m[3]}`);
    const x = (((y - this.b) % N) + N) % N;
    const raw = (this.aInverse * x) % N;
    const sellerIndex = Number(raw % BigInt(MAX_SELLERS));
    const rest = raw / BigInt(MAX_SELLERS);
    const seq = Number(rest % BigInt(MAX_SEQ));
    const day = Number(rest / BigInt(MAX_SEQ));
    if (day > 200_000) return undefined;
    return { sellerIndex, day, seq, prefix: m[1] ?? '' };
  }

  /** The prefix an order id of this key gets among `prefixes` (for validating decoded ids). */
  prefixOf(key: OrderKey, prefixes: readonly string[]): string {
    return prefixes[Number(packKey(key) % BigInt(prefixes.length))] ?? '000';
  }

  /** The 14-digit id of line `line` (0–3) of the order. */
  orderItemId(key: OrderKey, line: number): string {
    const z = (this.itemA * (packKey(key) * 4n + BigInt(line)) + this.itemB) % N;
    return z.toString().padStart(14, '0');
  }
}

function packKey(key: OrderKey): bigint {
  if (key.seq >= MAX_SEQ || key.sellerIndex >= MAX_SELLERS || key.day < 0) {
    throw new Error(`amazon-sim scenario: order key out of range ${JSON.stringify(key)}`);
  }
  return (BigInt(key.day) * BigInt(MAX_SEQ) + BigInt(key.seq)) * BigInt(MAX_SELLERS) + BigInt(key.sellerIndex);
}

/** A multiplier in [10^13, 10^14) coprime with 10 (odd, not a multiple of 5), so the map is a bijection. */
function coprimeMultiplier(seed: string, label: string): bigint {
  let a = (BigInt(hash32(seed, label, 1)) * 4_294_967_296n + BigInt(hash32(seed, label, 2))) % (N - 10n ** 13n);
  a += 10n ** 13n;
  if (a % 2n === 0n) a += 1n;
  while (a % 5n === 0n) a += 2n;
  return a % N;
}

function inverse(a: bigint): bigint {
  let [oldR, r] = [a, N];
  let [oldS, s] = [1n, 0n];
  while (r !== 0n) {
    const q = oldR / r;
    [oldR, r] = [r, oldR - q * r];
    [oldS, s] = [s, oldS - q * s];
  }
  return ((oldS % N) + N) % N;
}
