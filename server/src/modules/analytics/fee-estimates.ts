import { formatMoney, money } from '../../platform/money.js';
import { jsonAmountMinor } from './json-values.js';

/**
 * Product Fees v0 getMyFeesEstimates (POST /products/fees/v0/feesEstimate, a bare array of at most 20
 * FeesEstimateByIdRequest): requests for listings at their current price, and the answers read into referral, FBA,
 * variable closing and per-item fees in minor units. Pure: no I/O.
 */

export const FEES_BATCH = 20;

export interface FeeListing {
  marketplaceId: string;
  sellerSku: string;
  asin: string | null;
  priceMinor: number;
  currency: string;
  fulfillmentChannel: string;
}

export interface FeeEstimateRecord {
  marketplaceId: string;
  sellerSku: string;
  asin: string | null;
  priceMinor: number;
  currency: string;
  isAmazonFulfilled: boolean;
  referralFeeMinor: number;
  fbaFeeMinor: number;
  variableClosingFeeMinor: number;
  perItemFeeMinor: number;
  totalFeeMinor: number;
  estimatedAt: number;
}

/** The identifier Yangfan sends with each estimate and Amazon echoes back (SellerInputIdentifier). */
export const feeIdentifier = (l: FeeListing) => `${l.marketplaceId}|${l.sellerSku}|${l.priceMinor}`;

/** The request body for up to 20 listings. */
export function feesRequestBody(listings: readonly FeeListing[]): unknown[] {
  return listings.map((l) => ({
    FeesEstimateRequest: {
      MarketplaceId: l.marketplaceId,
      IsAmazonFulfilled: l.fulfillmentChannel === 'FBA',
      PriceToEstimateFees: {
        ListingPrice: { CurrencyCode: l.currency, Amount: Number(formatMoney(money(l.priceMinor, l.currency))) },
      },
      Identifier: feeIdentifier(l),
    },
    IdType: 'SellerSKU',
    IdValue: l.sellerSku,
  }));
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});

/** Fee types of FeeDetailList and the column each adds to [I: FBA fees appear as FBAFees or in per-unit parts]. */
const FEE_COLUMN: Record<string, 'referral' | 'fba' | 'closing' | 'perItem'> = {
  ReferralFee: 'referral',
  FBAFees: 'fba',
  FBAPerUnitFulfillmentFee: 'fba',
  FBAPerOrderFulfillmentFee: 'fba',
  FBAWeightBasedFee: 'fba',
  FBAPickAndPack: 'fba',
  FBAFulfillmentFee: 'fba',
  VariableClosingFee: 'closing',
  PerItemFee: 'perItem',
};

/** An instant from TimeOfFeesEstimation: ISO 8601, or Java's `Mon Oct 28 18:49:32 UTC 2019` (sandbox). */
export function readEstimationTime(v: unknown): number | null {
  if (typeof v !== 'string') return null;
  const iso = Date.parse(v);
  if (!Number.isNaN(iso)) return iso;
  const m = /^\w{3} (\w{3}) (\d{1,2}) (\d{2}:\d{2}:\d{2}) (?:UTC|GMT) (\d{4})$/.exec(v.trim());
  if (!m) return null;
  const ms = Date.parse(`${m[2]} ${m[1]} ${m[4]} ${m[3]} GMT`);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Reads the answer for the listings that were sent: estimates that succeeded, and a message per listing Amazon
 * could not estimate (ClientError/ServiceError) or that came back unreadable.
 */
export function mapFeesResults(
  body: unknown,
  sent: readonly FeeListing[],
  now: number,
): { estimates: FeeEstimateRecord[]; failures: { sellerSku: string; marketplaceId: string; message: string }[] } {
  const results = Array.isArray(body) ? body : (obj(obj(body).payload).FeesEstimateResultList ?? []);
  const byId = new Map(sent.map((l) => [feeIdentifier(l), l]));
  const estimates: FeeEstimateRecord[] = [];
  const failures: { sellerSku: string; marketplaceId: string; message: string }[] = [];
  const answered = new Set<string>();
  for (const [i, raw] of (Array.isArray(results) ? results : []).entries()) {
    const r = obj(raw);
    const ident = obj(r.FeesEstimateIdentifier);
    const listing =
      byId.get(typeof ident.SellerInputIdentifier === 'string' ? ident.SellerInputIdentifier : '') ?? sent[i];
    if (!listing) continue;
    answered.add(feeIdentifier(listing));
    const fail = (message: string) =>
      failures.push({ sellerSku: listing.sellerSku, marketplaceId: listing.marketplaceId, message });
    if (r.Status !== 'Success') {
      const e = obj(r.Error);
      fail(`${String(r.Status ?? 'Error')}: ${String(e.Message ?? e.Code ?? 'no estimate')}`);
      continue;
    }
    const est = obj(r.FeesEstimate);
    const total = obj(est.TotalFeesEstimate);
    const currency = typeof total.CurrencyCode === 'string' ? total.CurrencyCode : listing.currency;
    if (currency !== listing.currency) {
      fail(`Fees in ${currency} for a price in ${listing.currency}`);
      continue;
    }
    const sums = { referral: 0, fba: 0, closing: 0, perItem: 0 };
    for (const d of Array.isArray(est.FeeDetailList) ? est.FeeDetailList : []) {
      const detail = obj(d);
      const column = FEE_COLUMN[String(detail.FeeType)];
      if (!column) continue;
      const fee = obj(detail.FinalFee ?? detail.FeeAmount);
      const minor = jsonAmountMinor(fee.Amount ?? 0, currency);
      if (minor === null) {
        fail(`Unreadable ${String(detail.FeeType)} amount`);
        continue;
      }
      sums[column] += minor;
    }
    const totalMinor = jsonAmountMinor(total.Amount ?? 0, currency);
    if (totalMinor === null) {
      fail('Unreadable TotalFeesEstimate');
      continue;
    }
    estimates.push({
      marketplaceId: listing.marketplaceId,
      sellerSku: listing.sellerSku,
      asin: listing.asin,
      priceMinor: listing.priceMinor,
      currency,
      isAmazonFulfilled: listing.fulfillmentChannel === 'FBA',
      referralFeeMinor: sums.referral,
      fbaFeeMinor: sums.fba,
      variableClosingFeeMinor: sums.closing,
      perItemFeeMinor: sums.perItem,
      totalFeeMinor: totalMinor,
      estimatedAt: readEstimationTime(est.TimeOfFeesEstimation) ?? now,
    });
  }
  for (const l of sent)
    if (!answered.has(feeIdentifier(l)))
      failures.push({ sellerSku: l.sellerSku, marketplaceId: l.marketplaceId, message: 'Amazon gave no estimate' });
  return { estimates, failures };
}
