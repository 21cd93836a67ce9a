import { categoryOf, type ReferralRule } from './category-data.ts';
import type { MarketplaceFacts } from './marketplace-facts.ts';
import type { Product } from './scenario-types.ts';

/**
 * Plausible Amazon fees for generated order lines: the referral fee of the product's fee category and the FBA
 * fulfillment fee of its size tier, from the US 2026 non-peak card in shared/references/fees.md. Other marketplaces
 * reuse the US card converted at the marketplace's rough dollar rate (an approximation, not their real cards).
 */

const CM_PER_IN = 2.54;
const G_PER_OZ = 28.349523125;

/** Small standard, by unit weight in oz rows (≤2, 4, 6 … 16): fee per band < $10 / $10–50 / > $50. */
const SMALL_STANDARD: [number, number[]][] = [
  [2, [2.43, 3.32, 3.58]],
  [4, [2.49, 3.42, 3.68]],
  [6, [2.56, 3.45, 3.71]],
  [8, [2.66, 3.54, 3.8]],
  [10, [2.77, 3.68, 3.94]],
  [12, [2.82, 3.78, 4.04]],
  [14, [2.92, 3.91, 4.17]],
  [16, [2.95, 3.96, 4.22]],
];

/** Large standard up to 3 lb, by shipping weight in oz. */
const LARGE_STANDARD: [number, number[]][] = [
  [4, [2.91, 3.73, 3.99]],
  [8, [3.13, 3.95, 4.21]],
  [12, [3.38, 4.2, 4.46]],
  [16, [3.78, 4.6, 4.86]],
  [20, [4.22, 5.04, 5.3]],
  [24, [4.6, 5.42, 5.68]],
  [28, [4.75, 5.57, 5.83]],
  [32, [5.0, 5.82, 6.08]],
  [36, [5.1, 5.92, 6.18]],
  [40, [5.28, 6.1, 6.36]],
  [44, [5.44, 6.26, 6.52]],
  [48, [5.85, 6.67, 6.93]],
];
const LARGE_STANDARD_OVER_3LB = [6.15, 6.97, 7.23];

export type SizeTier = 'SMALL_STANDARD' | 'LARGE_STANDARD' | 'SMALL_BULKY' | 'LARGE_BULKY' | 'EXTRA_LARGE';

/** US size tier from package dimensions (cm) and weight (g). */
export function sizeTier(p: Pick<Product, 'lengthCm' | 'widthCm' | 'heightCm' | 'weightG'>): SizeTier {
  const [l, m, s] = [p.lengthCm, p.widthCm, p.heightCm].map((x) => x / CM_PER_IN).sort((a, b) => b - a) as [
    number,
    number,
    number,
  ];
  const oz = p.weightG / G_PER_OZ;
  const lengthGirth = l + 2 * (m + s);
  if (oz <= 16 && l <= 15 && m <= 12 && s <= 0.75) return 'SMALL_STANDARD';
  if (oz <= 320 && l <= 18 && m <= 14 && s <= 8) return 'LARGE_STANDARD';
  if (oz <= 800 && l <= 37 && m <= 28 && s <= 20 && lengthGirth <= 130) return 'SMALL_BULKY';
  if (oz <= 800 && l <= 59 && m <= 33 && s <= 33 && lengthGirth <= 130) return 'LARGE_BULKY';
  return 'EXTRA_LARGE';
}

/** FBA fulfillment fee per unit in US dollars for a unit price in US dollars. */
export function fbaFeeUsd(p: Pick<Product, 'lengthCm' | 'widthCm' | 'heightCm' | 'weightG'>, priceUsd: number): number {
  const band = priceUsd < 10 ? 0 : priceUsd <= 50 ? 1 : 2;
  const tier = sizeTier(p);
  const unitOz = p.weightG / G_PER_OZ;
  const dimOz = ((p.lengthCm * p.widthCm * p.heightCm) / CM_PER_IN ** 3 / 139) * 16;
  const shipOz = tier === 'SMALL_STANDARD' ? unitOz : Math.max(unitOz, dimOz);
  if (tier === 'SMALL_STANDARD') return rowFee(SMALL_STANDARD, Math.ceil(shipOz), band);
  if (tier === 'LARGE_STANDARD') {
    if (shipOz <= 48) return rowFee(LARGE_STANDARD, Math.ceil(shipOz), band);
    const steps = Math.ceil((shipOz - 48) / 4);
    return (LARGE_STANDARD_OVER_3LB[band] ?? 7) + 0.08 * steps;
  }
  const lb = Math.ceil(shipOz / 16);
  const cheap = band === 0;
  if (tier === 'SMALL_BULKY') return (cheap ? 6.78 : 7.55) + 0.38 * Math.max(0, lb - 1);
  if (tier === 'LARGE_BULKY') return (cheap ? 8.58 : 9.35) + 0.38 * Math.max(0, lb - 1);
  return (cheap ? 25.56 : 26.33) + 0.38 * Math.max(0, lb - 1);
}

function rowFee(rows: [number, number[]][], oz: number, band: number): number {
  for (const [limit, fees] of rows) if (oz <= limit) return fees[band] ?? 0;
  const last = rows[rows.length - 1];
  return last?.[1][band] ?? 0;
}

/** FBA fee per unit in the marketplace's minor units for a unit price in minor units. */
export function fbaFeeMinor(product: Product, unitPriceMinor: number, facts: MarketplaceFacts): number {
  const scale = 10 ** facts.currencyDigits;
  const net = facts.taxIncluded ? unitPriceMinor / (1 + facts.vatRate) : unitPriceMinor;
  const usd = fbaFeeUsd(product, net / scale / facts.perUsd);
  return Math.round(usd * facts.perUsd * scale);
}

/** Referral fee in minor units for a line whose sales price (item + shipping − promotion) is `salesMinor`. */
export function referralFeeMinor(
  categoryKey: string,
  salesMinor: number,
  quantity: number,
  facts: MarketplaceFacts,
): number {
  const rule = categoryOf(categoryKey).referral;
  const scale = 10 ** facts.currencyDigits;
  const perUnitMajor = salesMinor / Math.max(1, quantity) / scale / facts.perUsd;
  const rateFee = ruleFee(rule, perUnitMajor) * facts.perUsd * scale * Math.max(1, quantity);
  return Math.max(Math.round(rateFee), facts.minReferralFee * Math.max(1, quantity));
}

/** Fee in US dollars for one unit sold at `price` US dollars under the rule. */
function ruleFee(rule: ReferralRule, price: number): number {
  if (rule.kind === 'flat') return price * rule.rate;
  if (rule.kind === 'banded') {
    const band = rule.bands.find((b) => price <= b.upTo) ?? rule.bands[rule.bands.length - 1];
    return price * (band?.rate ?? 0.15);
  }
  let fee = 0;
  let floor = 0;
  for (const b of rule.bands) {
    const slice = Math.min(price, b.upTo) - floor;
    if (slice <= 0) break;
    fee += slice * b.rate;
    floor = b.upTo;
  }
  return fee;
}
