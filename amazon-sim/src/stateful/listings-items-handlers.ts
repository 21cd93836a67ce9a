import type { OperationHandler, OperationRequest } from '../handlers.ts';
import { hash32 } from '../scenario/fast-random.ts';
import { applyPatches } from '../scenario/listing-attributes.ts';
import type { ListingView } from '../scenario/listing-store.ts';
import type { SellerScenario } from '../scenario/seller-scenario.ts';
import { ITEM_DATA, type ItemData, listingStatus, renderItem } from './listings-render.ts';
import { attributeIssues, type Issue, parsePatchBody, parsePutBody } from './listings-validation.ts';
import { guarded, InputError, Query } from './query-params.ts';
import { marketplaceIndexes, nowOf, type StatefulDeps, sellerOf } from './stateful-context.ts';

/**
 * Listings Items 2021-08-01: getListingsItem, searchListingsItems, putListingsItem, patchListingsItem (a
 * `purchasable_offer` change moves the price of later orders and, from the next day, demand), deleteListingsItem.
 */

/** The caller's seller scenario, after checking the {sellerId} path parameter is the caller. */
function ownSeller(deps: StatefulDeps, request: OperationRequest): SellerScenario {
  const seller = sellerOf(deps, request);
  if (request.pathParams.sellerId !== seller.sellerId) {
    throw new InputError('Access to requested resource is denied.', 403, 'Unauthorized');
  }
  return seller;
}

/** FBA fulfillable stock per (marketplace, product), computed once per request and marketplace. */
function stockLookup(seller: SellerScenario, now: number): (view: ListingView) => number {
  const byMarket = new Map<number, Map<number, { fulfillable: number }>>();
  return (view) => {
    if (view.productIndex === undefined || view.fulfillment !== 'AFN') return 0;
    let levels = byMarket.get(view.marketplaceIndex);
    if (!levels) {
      levels = seller.inventoryAt(view.marketplaceIndex, now);
      byMarket.set(view.marketplaceIndex, levels);
    }
    return levels.get(view.productIndex)?.fulfillable ?? 0;
  };
}

/** GET /listings/2021-08-01/items/{sellerId}/{sku} */
export function getListingsItemHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const seller = ownSeller(deps, request);
    const now = nowOf(context);
    const ids = q.requiredList('marketplaceIds');
    const markets = marketplaceIndexes(seller, ids, 'marketplaceIds');
    const included = new Set<ItemData>(q.enumList('includedData', ITEM_DATA) ?? ['summaries']);
    const sku = request.pathParams.sku ?? '';
    const views = markets.flatMap((m) => seller.listings.view(sku, m, now) ?? []);
    if (views.length === 0)
      throw new InputError(`SKU '${sku}' not found in marketplace(s) [${ids.join(', ')}].`, 404, 'NOT_FOUND');
    return { status: 200, body: renderItem(views, included, seller.catalog.marketplaces, stockLookup(seller, now)) };
  });
}

interface SearchListingsState {
  offset: number;
  signature: number;
}

/** GET /listings/2021-08-01/items/{sellerId} */
export function searchListingsItemsHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const seller = ownSeller(deps, request);
    const now = nowOf(context);
    const markets = marketplaceIndexes(seller, q.requiredList('marketplaceIds'), 'marketplaceIds');
    const included = new Set<ItemData>(q.enumList('includedData', ITEM_DATA) ?? ['summaries']);
    const identifiers = q.list('identifiers', 20);
    const identifiersType = q.enumValue('identifiersType', [
      'ASIN',
      'EAN',
      'FNSKU',
      'GTIN',
      'ISBN',
      'JAN',
      'MINSAN',
      'SKU',
      'UPC',
    ] as const);
    if ((identifiers === undefined) !== (identifiersType === undefined)) {
      throw new InputError('identifiers and identifiersType must be provided together.');
    }
    const parentSku = q.string('variationParentSku');
    const packageSku = q.string('packageHierarchySku');
    if ([identifiers, parentSku, packageSku].filter((x) => x !== undefined).length > 1) {
      throw new InputError('Use only one of identifiers, variationParentSku and packageHierarchySku.');
    }
    const createdAfter = q.date('createdAfter');
    const createdBefore = q.date('createdBefore');
    const updatedAfter = q.date('lastUpdatedAfter');
    const updatedBefore = q.date('lastUpdatedBefore');
    const withStatus = q.enumList('withStatus', ['BUYABLE', 'DISCOVERABLE'] as const);
    const withoutStatus = q.enumList('withoutStatus', ['BUYABLE', 'DISCOVERABLE'] as const);
    const withIssues = q.enumList('withIssueSeverity', ['WARNING', 'ERROR'] as const);
    const sortBy = q.enumValue('sortBy', ['sku', 'createdDate', 'lastUpdatedDate'] as const) ?? 'lastUpdatedDate';
    const sortOrder = q.enumValue('sortOrder', ['ASC', 'DESC'] as const) ?? 'DESC';
    const pageSize = q.int('pageSize', 1, 20) ?? 10;
    const signature = hash32(request.query.toString().replace(/(^|&)pageToken=[^&]*/, ''));
    const token = q.string('pageToken');
    const offset = token
      ? deps.tokens.decode<SearchListingsState>('searchListingsItems', seller.sellerId, token, 'pageToken')
      : { offset: 0, signature };
    if (offset.signature !== signature) throw new InputError('Invalid pageToken: it was issued for another request.');
    const stock = stockLookup(seller, now);
    const matches: ListingView[][] = [];
    for (const sku of seller.listings.skus()) {
      const views = markets.flatMap((m) => seller.listings.view(sku, m, now) ?? []);
      const v = views[0];
      if (!v) continue;
      if (identifiers && identifiersType) {
        const id =
          identifiersType === 'SKU'
            ? v.sku
            : identifiersType === 'ASIN'
              ? v.asin
              : identifiersType === 'FNSKU'
                ? v.fnsku
                : undefined;
        if (id === undefined || !identifiers.includes(id)) continue;
      }
      if (parentSku !== undefined && v.parentSku !== parentSku) continue;
      if (packageSku !== undefined || withIssues) continue;
      if (createdAfter !== undefined && v.createdAt < createdAfter) continue;
      if (createdBefore !== undefined && v.createdAt > createdBefore) continue;
      if (updatedAfter !== undefined && v.lastUpdatedAt < updatedAfter) continue;
      if (updatedBefore !== undefined && v.lastUpdatedAt > updatedBefore) continue;
      const status = listingStatus(v, stock(v));
      if (withStatus && !withStatus.every((s) => status.includes(s))) continue;
      if (withoutStatus?.some((s) => status.includes(s))) continue;
      matches.push(views);
    }
    const keyOf = (views: ListingView[]): number | string => {
      const v = views[0] as ListingView;
      return sortBy === 'sku' ? v.sku : sortBy === 'createdDate' ? v.createdAt : v.lastUpdatedAt;
    };
    const sign = sortOrder === 'ASC' ? 1 : -1;
    matches.sort((a, b) => {
      const ka = keyOf(a);
      const kb = keyOf(b);
      const c = ka < kb ? -1 : ka > kb ? 1 : 0;
      return c !== 0 ? c * sign : (a[0]?.sku ?? '') < (b[0]?.sku ?? '') ? -1 : 1;
    });
    const reachable = matches.slice(0, 1000);
    const page = reachable.slice(offset.offset, offset.offset + pageSize);
    const body: Record<string, unknown> = { numberOfResults: matches.length };
    const pagination: Record<string, string> = {};
    const encode = (n: number) => deps.tokens.encode('searchListingsItems', seller.sellerId, { offset: n, signature });
    if (offset.offset + pageSize < reachable.length) pagination.nextToken = encode(offset.offset + pageSize);
    if (offset.offset > 0) pagination.previousToken = encode(Math.max(0, offset.offset - pageSize));
    if (Object.keys(pagination).length > 0) body.pagination = pagination;
    body.items = page.map((views) => renderItem(views, included, seller.catalog.marketplaces, stock));
    return { status: 200, body };
  });
}

type Submission = { sku: string; status: 'ACCEPTED' | 'INVALID' | 'VALID'; submissionId: string; issues?: Issue[] };

/** The submission reply; its id is derived from the request (`salt`), so a replayed run gets the same ids. */
function submission(
  sku: string,
  issues: Issue[],
  preview: boolean,
  included: Set<string>,
  salt: string,
  identifiers?: unknown,
): Submission {
  const h = [hash32('submission', sku, salt), hash32('submission-b', sku, salt)]
    .map((x) => x.toString(16).padStart(8, '0'))
    .join('');
  const out: Submission = {
    sku,
    status: issues.some((i) => i.severity === 'ERROR') ? 'INVALID' : preview ? 'VALID' : 'ACCEPTED',
    submissionId: `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(0, 4)}-${h.slice(4, 16)}`,
  };
  if (included.has('issues')) out.issues = issues;
  if (identifiers !== undefined && included.has('identifiers'))
    (out as Record<string, unknown>).identifiers = identifiers;
  return out;
}

/** Query parts shared by put, patch and delete. */
function writeParams(q: Query, seller: SellerScenario, maxMarketplaces?: number) {
  const markets = marketplaceIndexes(seller, q.requiredList('marketplaceIds', maxMarketplaces), 'marketplaceIds');
  const preview = q.enumValue('mode', ['VALIDATION_PREVIEW'] as const) !== undefined;
  const includedList = q.enumList('includedData', ['identifiers', 'issues'] as const);
  if (includedList?.includes('identifiers') && !preview) {
    throw new InputError("includedData 'identifiers' can only be requested when mode is VALIDATION_PREVIEW.");
  }
  return { markets, preview, included: new Set<string>(includedList ?? ['issues']) };
}

/** PUT /listings/2021-08-01/items/{sellerId}/{sku} */
export function putListingsItemHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const seller = ownSeller(deps, request);
    const now = nowOf(context);
    const { markets, preview, included } = writeParams(q, seller, 1);
    const body = parsePutBody(request.body);
    const sku = request.pathParams.sku ?? '';
    const m = markets[0] ?? 0;
    const market = seller.catalog.marketplaces[m];
    if (!market) throw new InputError('Invalid marketplaceIds.');
    const existing = seller.listings.view(sku, m, now);
    const issues = attributeIssues(body.attributes, market, !existing, body.requirements);
    const ok = !issues.some((i) => i.severity === 'ERROR');
    if (ok && !preview) seller.listings.write(sku, m, body.productType, body.attributes, now);
    const asin = seller.listings.view(sku, m, now)?.asin;
    const salt = `put:${m}:${now}:${JSON.stringify(body)}`;
    const identifiers = ok && asin ? [{ marketplaceId: market.marketplaceId, asin }] : [];
    return { status: 200, body: submission(sku, issues, preview, included, salt, identifiers) };
  });
}

/** PATCH /listings/2021-08-01/items/{sellerId}/{sku} */
export function patchListingsItemHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const seller = ownSeller(deps, request);
    const now = nowOf(context);
    const { markets, preview, included } = writeParams(q, seller);
    const body = parsePatchBody(request.body);
    const sku = request.pathParams.sku ?? '';
    const issues: Issue[] = [];
    const updates: { m: number; attributes: Record<string, unknown> }[] = [];
    for (const m of markets) {
      const market = seller.catalog.marketplaces[m];
      const view = seller.listings.view(sku, m, now);
      if (!market || !view)
        throw new InputError(`SKU '${sku}' not found in marketplace ${market?.marketplaceId ?? m}.`);
      const attributes = applyPatches(view.attributes, body.patches);
      issues.push(...attributeIssues(attributes, market, false, undefined));
      updates.push({ m, attributes });
    }
    const ok = !issues.some((i) => i.severity === 'ERROR');
    if (ok && !preview) for (const u of updates) seller.listings.write(sku, u.m, body.productType, u.attributes, now);
    const identifiers = markets.flatMap((m) => {
      const v = seller.listings.view(sku, m, now);
      return v ? [{ marketplaceId: v.marketplaceId, asin: v.asin }] : [];
    });
    const salt = `patch:${markets.join(',')}:${now}:${JSON.stringify(body)}`;
    return { status: 200, body: submission(sku, issues, preview, included, salt, ok ? identifiers : []) };
  });
}

/** DELETE /listings/2021-08-01/items/{sellerId}/{sku} */
export function deleteListingsItemHandler(deps: StatefulDeps): OperationHandler {
  return guarded((request, context) => {
    const q = Query.of(request);
    const seller = ownSeller(deps, request);
    const now = nowOf(context);
    const [m = 0] = marketplaceIndexes(seller, q.requiredList('marketplaceIds', 1), 'marketplaceIds');
    const sku = request.pathParams.sku ?? '';
    if (seller.listings.view(sku, m, now)) seller.listings.remove(sku, m, now);
    return { status: 200, body: submission(sku, [], false, new Set(['issues']), `delete:${m}:${now}`) };
  });
}
