import type { SimReply } from '../errors.ts';
import type { OperationHandler, OperationRequest } from '../handlers.ts';
import { guarded, InputError, inputErrorReply, Query } from '../stateful/query-params.ts';
import { nowOf, type StatefulDeps, sellerOf } from '../stateful/stateful-context.ts';
import { type ListingRef, offerMarketOf } from './offer-market.ts';
import { competitiveSummaryBody, getOffersResult } from './pricing-render.ts';

/**
 * Product Pricing v0 (getItemOffers, getListingOffers and their batches) and 2022-05-01 (getCompetitiveSummary) on
 * the offer market: our offer, competitors and hijackers at the clock's current instant.
 */

const MAX_BATCH = 20;
const CONDITIONS = ['New', 'Used', 'Collectible', 'Refurbished', 'Club'] as const;
const ITEM_URI = /^\/products\/pricing\/v0\/items\/([^/]+)\/offers$/;
const LISTING_URI = /^\/products\/pricing\/v0\/listings\/([^/]+)\/offers$/;
const SUMMARY_DATA = ['featuredBuyingOptions', 'referencePrices', 'lowestPricedOffers'] as const;

interface OffersQuery {
  id: string;
  marketplaceId: string;
  condition: string;
}

function offersReply(deps: StatefulDeps, request: OperationRequest, now: number, q: OffersQuery, by: 'asin' | 'sku') {
  const seller = sellerOf(deps, request);
  if (seller.marketplaceIndex(q.marketplaceId) < 0) {
    throw new InputError(`Invalid MarketplaceId: ${q.marketplaceId} is not a marketplace this seller participates in.`);
  }
  if (!(CONDITIONS as readonly string[]).includes(q.condition)) {
    throw new InputError(`Invalid ItemCondition: ${q.condition}. Valid values: ${CONDITIONS.join(', ')}.`);
  }
  const market = offerMarketOf(deps.scenario);
  const ref: ListingRef | undefined =
    by === 'asin'
      ? market.listingByAsin(seller.sellerId, q.id, q.marketplaceId)
      : market.listingBySku(seller.sellerId, q.id, q.marketplaceId);
  if (!ref) {
    const what = by === 'asin' ? 'ASIN' : 'SellerSKU';
    throw new InputError(`Invalid ${what} ${q.id} for marketplace ${q.marketplaceId}`, by === 'asin' ? 400 : 404);
  }
  return { payload: getOffersResult(market, market.stateAt(ref, now), q.condition, by) };
}

function single(deps: StatefulDeps, by: 'asin' | 'sku'): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const id = request.pathParams[by === 'asin' ? 'Asin' : 'SellerSKU'] ?? '';
    const query = { id, marketplaceId: q.required('MarketplaceId'), condition: q.required('ItemCondition') };
    return { status: 200, body: offersReply(deps, request, nowOf(context), query, by) };
  });
}

/** GET /products/pricing/v0/items/{Asin}/offers */
export function getItemOffersHandler(deps: StatefulDeps): OperationHandler {
  return single(deps, 'asin');
}

/** GET /products/pricing/v0/listings/{SellerSKU}/offers */
export function getListingOffersHandler(deps: StatefulDeps): OperationHandler {
  return single(deps, 'sku');
}

function requestsOf(body: unknown): Record<string, unknown>[] {
  const requests = (body as { requests?: unknown } | undefined)?.requests;
  if (!Array.isArray(requests) || requests.length === 0) throw new InputError('requests must be a non-empty array.');
  if (requests.length > MAX_BATCH) {
    throw new InputError(`requests accepts at most ${MAX_BATCH} items; ${requests.length} were given.`);
  }
  return requests.map((r) => (r && typeof r === 'object' ? (r as Record<string, unknown>) : {}));
}

function statusLine(status: number): { statusCode: number; reasonPhrase: string } {
  const phrases: Record<number, string> = { 200: 'OK', 400: 'Bad Request', 404: 'Not Found', 403: 'Forbidden' };
  return { statusCode: status, reasonPhrase: phrases[status] ?? 'Error' };
}

function batch(deps: StatefulDeps, by: 'asin' | 'sku'): OperationHandler {
  return guarded((request, context): SimReply => {
    const now = nowOf(context);
    const date = new Date(now).toUTCString();
    const responses = requestsOf(request.body).map((r, i) => {
      const uri = typeof r.uri === 'string' ? r.uri : '';
      const match = (by === 'asin' ? ITEM_URI : LISTING_URI).exec(uri);
      const echo: Record<string, unknown> = { ...r };
      const headers = { Date: date, 'x-amzn-RequestId': `${request.headers['x-amzn-requestid'] ?? 'batch'}-${i}` };
      try {
        if (r.method !== 'GET') throw new InputError(`requests[${i}].method must be GET.`);
        if (!match?.[1]) throw new InputError(`requests[${i}].uri is not a ${by === 'asin' ? 'item' : 'listing'} URI.`);
        const id = decodeURIComponent(match[1]);
        if (by === 'asin') echo.Asin = id;
        else echo.SellerSKU = id;
        const marketplaceId = typeof r.MarketplaceId === 'string' ? r.MarketplaceId : '';
        const condition = typeof r.ItemCondition === 'string' ? r.ItemCondition : '';
        if (!marketplaceId) throw new InputError('Missing required parameter: MarketplaceId.');
        if (!condition) throw new InputError('Missing required parameter: ItemCondition.');
        const body = offersReply(deps, request, now, { id, marketplaceId, condition }, by);
        return { status: statusLine(200), headers, body, request: echo };
      } catch (error) {
        if (!(error instanceof InputError)) throw error;
        const reply = inputErrorReply(error);
        return { status: statusLine(reply.status), headers, body: reply.body, request: echo };
      }
    });
    return { status: 200, body: { responses } };
  });
}

/** POST /batches/products/pricing/v0/itemOffers */
export function getItemOffersBatchHandler(deps: StatefulDeps): OperationHandler {
  return batch(deps, 'asin');
}

/** POST /batches/products/pricing/v0/listingOffers */
export function getListingOffersBatchHandler(deps: StatefulDeps): OperationHandler {
  return batch(deps, 'sku');
}

/** POST /batches/products/pricing/2022-05-01/items/competitiveSummary */
export function getCompetitiveSummaryHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context): SimReply => {
    const now = nowOf(context);
    const seller = sellerOf(deps, request);
    const market = offerMarketOf(deps.scenario);
    const responses = requestsOf(request.body).map((r, i) => {
      const asin = typeof r.asin === 'string' ? r.asin : '';
      const marketplaceId = typeof r.marketplaceId === 'string' ? r.marketplaceId : '';
      const included = Array.isArray(r.includedData) ? r.includedData.filter((x) => typeof x === 'string') : [];
      const fail = (status: number, message: string) => ({
        status: statusLine(status),
        body: { asin, marketplaceId, errors: [{ code: 'InvalidInput', message, details: '' }] },
      });
      if (!asin || !marketplaceId) return fail(400, `requests[${i}] needs asin and marketplaceId.`);
      if (r.method !== 'GET' || r.uri !== '/products/pricing/2022-05-01/items/competitiveSummary') {
        return fail(400, `requests[${i}] must be GET /products/pricing/2022-05-01/items/competitiveSummary.`);
      }
      const bad = included.find((x) => !(SUMMARY_DATA as readonly string[]).includes(x));
      if (included.length === 0 || bad) return fail(400, `Invalid includedData: ${bad ?? '(empty)'}.`);
      if (seller.marketplaceIndex(marketplaceId) < 0) return fail(400, `Invalid marketplaceId: ${marketplaceId}.`);
      const ref = market.listingByAsin(seller.sellerId, asin, marketplaceId);
      if (!ref) return fail(404, `No offers found for ASIN ${asin} in marketplace ${marketplaceId}.`);
      return { status: statusLine(200), body: competitiveSummaryBody(market.stateAt(ref, now), included) };
    });
    return { status: 200, body: { responses } };
  });
}
