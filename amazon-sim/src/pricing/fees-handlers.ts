import type { SimReply } from '../errors.ts';
import type { OperationHandler, OperationRequest } from '../handlers.ts';
import { isoSeconds } from '../scenario/calendar.ts';
import { fbaFeeMinor, referralFeeMinor } from '../scenario/fee-calculator.ts';
import type { Product } from '../scenario/scenario-types.ts';
import type { SellerScenario } from '../scenario/seller-scenario.ts';
import { guarded, InputError } from '../stateful/query-params.ts';
import { nowOf, type StatefulDeps, sellerOf } from '../stateful/stateful-context.ts';

/**
 * Product Fees v0: getMyFeesEstimateForSKU / ForASIN and getMyFeesEstimates, with the scenario's fee calculator (the
 * referral fee of the product's category and the FBA fee of its size tier), so estimates match the fees of orders.
 */

const MAX_BATCH = 20;

interface Money {
  CurrencyCode: string;
  Amount: number;
}

/** Referral and FBA fees in minor units of one unit of `product` sold at `priceMinor` + `shippingMinor`. */
export function estimateFeesMinor(
  seller: SellerScenario,
  product: Product,
  marketplaceIndex: number,
  priceMinor: number,
  shippingMinor: number,
  amazonFulfilled: boolean,
): { referralFee: number; fbaFee: number } {
  const facts = seller.catalog.marketplaces[marketplaceIndex]?.facts;
  if (!facts) throw new InputError('Unknown marketplace.');
  return {
    referralFee: referralFeeMinor(product.category, priceMinor + shippingMinor, 1, facts),
    fbaFee: amazonFulfilled ? fbaFeeMinor(product, priceMinor, facts) : 0,
  };
}

function moneyIn(value: unknown, what: string): Money {
  const m = value as Partial<Money> | undefined;
  if (!m || typeof m.CurrencyCode !== 'string' || typeof m.Amount !== 'number' || m.Amount < 0) {
    throw new InputError(`${what} must be a Money object with CurrencyCode and a non-negative Amount.`);
  }
  return { CurrencyCode: m.CurrencyCode, Amount: m.Amount };
}

interface EstimateInput {
  idType: 'ASIN' | 'SellerSKU';
  idValue: string;
  request: Record<string, unknown>;
}

function estimate(seller: SellerScenario, input: EstimateInput, now: number): Record<string, unknown> {
  const r = input.request;
  const marketplaceId = typeof r.MarketplaceId === 'string' ? r.MarketplaceId : '';
  const identifier: Record<string, unknown> = {
    MarketplaceId: marketplaceId,
    SellerId: seller.sellerId,
    IdType: input.idType,
    IdValue: input.idValue,
    IsAmazonFulfilled: r.IsAmazonFulfilled === true,
    PriceToEstimateFees: r.PriceToEstimateFees,
    SellerInputIdentifier: typeof r.Identifier === 'string' ? r.Identifier : '',
  };
  try {
    if (!marketplaceId) throw new InputError('Missing required parameter: MarketplaceId.');
    if (typeof r.Identifier !== 'string' || r.Identifier === '') throw new InputError('Identifier is required.');
    const m = seller.marketplaceIndex(marketplaceId);
    const market = seller.catalog.marketplaces[m];
    if (!market) throw new InputError(`Invalid MarketplaceId: ${marketplaceId}.`);
    const price = r.PriceToEstimateFees as { ListingPrice?: unknown; Shipping?: unknown } | undefined;
    const listing = moneyIn(price?.ListingPrice, 'PriceToEstimateFees.ListingPrice');
    const shipping = price?.Shipping === undefined ? undefined : moneyIn(price.Shipping, 'Shipping');
    if (listing.CurrencyCode !== market.currency) {
      throw new InputError(
        `CurrencyCode ${listing.CurrencyCode} does not match marketplace currency ${market.currency}.`,
      );
    }
    const product = seller.catalog.products.find((p) =>
      input.idType === 'ASIN' ? p.asin === input.idValue : p.sku === input.idValue,
    );
    if (!product) throw new InputError(`The item ${input.idValue} is not in the seller's catalog.`);
    const scale = 10 ** market.facts.currencyDigits;
    const fees = estimateFeesMinor(
      seller,
      product,
      m,
      Math.round(listing.Amount * scale),
      Math.round((shipping?.Amount ?? 0) * scale),
      r.IsAmazonFulfilled === true,
    );
    const money = (minor: number): Money => ({ CurrencyCode: market.currency, Amount: minor / scale });
    const zero = money(0);
    const detail = (type: string, minor: number) => ({
      FeeType: type,
      FeeAmount: money(minor),
      FeePromotion: zero,
      TaxAmount: zero,
      FinalFee: money(minor),
      IncludedFeeDetailList: [],
    });
    const list = [detail('ReferralFee', fees.referralFee), detail('VariableClosingFee', 0), detail('PerItemFee', 0)];
    if (r.IsAmazonFulfilled === true) list.push(detail('FBAFees', fees.fbaFee));
    return {
      Status: 'Success',
      FeesEstimateIdentifier: identifier,
      FeesEstimate: {
        TimeOfFeesEstimation: isoSeconds(now),
        TotalFeesEstimate: money(fees.referralFee + fees.fbaFee),
        FeeDetailList: list,
      },
    };
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    return {
      Status: 'ClientError',
      FeesEstimateIdentifier: identifier,
      Error: { Type: 'Sender', Code: 'InvalidParameterValue', Message: error.message, Detail: [] },
    };
  }
}

function single(deps: StatefulDeps, idType: 'ASIN' | 'SellerSKU'): OperationHandler {
  return guarded((request: OperationRequest, context): SimReply => {
    const seller = sellerOf(deps, request);
    const body = request.body as { FeesEstimateRequest?: unknown } | undefined;
    const fer = body?.FeesEstimateRequest;
    if (!fer || typeof fer !== 'object') throw new InputError('FeesEstimateRequest is required.');
    const idValue = request.pathParams[idType === 'ASIN' ? 'Asin' : 'SellerSKU'] ?? '';
    const result = estimate(seller, { idType, idValue, request: fer as Record<string, unknown> }, nowOf(context));
    if (result.Status !== 'Success') {
      const err = result.Error as { Message: string };
      throw new InputError(err.Message);
    }
    return { status: 200, body: { payload: { FeesEstimateResult: result } } };
  });
}

/** POST /products/fees/v0/listings/{SellerSKU}/feesEstimate */
export function getMyFeesEstimateForSkuHandler(deps: StatefulDeps): OperationHandler {
  return single(deps, 'SellerSKU');
}

/** POST /products/fees/v0/items/{Asin}/feesEstimate */
export function getMyFeesEstimateForAsinHandler(deps: StatefulDeps): OperationHandler {
  return single(deps, 'ASIN');
}

/** POST /products/fees/v0/feesEstimate (a bare array of FeesEstimateByIdRequest, at most 20). */
export function getMyFeesEstimatesHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context): SimReply => {
    const seller = sellerOf(deps, request);
    const list = request.body;
    if (!Array.isArray(list) || list.length === 0) throw new InputError('The body must be a non-empty array.');
    if (list.length > MAX_BATCH)
      throw new InputError(`At most ${MAX_BATCH} estimates per request; got ${list.length}.`);
    const now = nowOf(context);
    const results = list.map((item) => {
      const x = (item && typeof item === 'object' ? item : {}) as Record<string, unknown>;
      const idType = x.IdType === 'SellerSKU' ? 'SellerSKU' : 'ASIN';
      const idValue = typeof x.IdValue === 'string' ? x.IdValue : '';
      const fer = (
        x.FeesEstimateRequest && typeof x.FeesEstimateRequest === 'object' ? x.FeesEstimateRequest : {}
      ) as Record<string, unknown>;
      return estimate(seller, { idType, idValue, request: fer }, now);
    });
    return { status: 200, body: results };
  });
}
