import { type SimReply, unauthorized } from './errors.ts';
import type { OperationHandler, OperationRequest } from './handlers.ts';
import type { AccessToken, LwaService, RestrictedGrant } from './lwa.ts';
import { guarded, InputError } from './stateful/query-params.ts';

/**
 * Restricted data tokens (Tokens API 2021-03-01): `createRestrictedDataToken` mints an `Atz.sprdt|…` token bound to the
 * caller's seller and to the listed resources; the SP-API pipeline lets it through only where a resource covers the
 * request, and the Orders v0 PII operations accept nothing else.
 */

/** Lifetime of an RDT in seconds (Amazon's `expiresIn`). */
export const RDT_TTL_SECONDS = 3600;
const MAX_RESOURCES = 50;
const METHODS = ['GET', 'PUT', 'POST', 'DELETE'];
/** PII data elements an Orders v0 RDT may ask for. */
export const DATA_ELEMENTS = ['buyerInfo', 'shippingAddress', 'buyerTaxInformation'] as const;
export type DataElement = (typeof DATA_ELEMENTS)[number];

interface RestrictedOperation {
  key: string;
  template: string;
  /** getOrders / getOrder / getOrderItems: dataElements say which PII the RDT unlocks. */
  withDataElements: boolean;
}

/** The restricted operations the simulator knows (Orders v0; Amazon's list is longer). All are GET. */
const RESTRICTED: readonly RestrictedOperation[] = [
  { key: 'ordersV0:getOrders', template: '/orders/v0/orders', withDataElements: true },
  { key: 'ordersV0:getOrder', template: '/orders/v0/orders/{orderId}', withDataElements: true },
  { key: 'ordersV0:getOrderItems', template: '/orders/v0/orders/{orderId}/orderItems', withDataElements: true },
  { key: 'ordersV0:getOrderAddress', template: '/orders/v0/orders/{orderId}/address', withDataElements: false },
  { key: 'ordersV0:getOrderBuyerInfo', template: '/orders/v0/orders/{orderId}/buyerInfo', withDataElements: false },
  {
    key: 'ordersV0:getOrderItemsBuyerInfo',
    template: '/orders/v0/orders/{orderId}/orderItems/buyerInfo',
    withDataElements: false,
  },
];

const segments = (path: string) => path.replace(/\/+$/, '').split('/');
const isParam = (segment: string) => /^\{[^/{}]+\}$/.test(segment);

/** Whether `pattern` (concrete, or with `{param}` segments matching any one segment) covers the concrete `path`. */
function pathCovers(pattern: string, path: string): boolean {
  const a = segments(pattern);
  const b = segments(path);
  return a.length === b.length && a.every((s, i) => s === b[i] || (isParam(s) && (b[i] ?? '') !== ''));
}

/** The grant of `token` that covers `method` + `rawPath`, if any. */
export function grantFor(token: AccessToken, method: string, rawPath: string): RestrictedGrant | undefined {
  return token.restricted?.find((g) => g.method === method.toUpperCase() && pathCovers(g.path, rawPath));
}

/** The PII data elements the request's RDT unlocks; empty for a plain LWA token. */
export function dataElementsOf(token: AccessToken, method: string, rawPath: string): DataElement[] {
  const known: readonly string[] = DATA_ELEMENTS;
  const elements = grantFor(token, method, rawPath)?.dataElements ?? [];
  return elements.filter((e): e is DataElement => known.includes(e));
}

/** The pipeline's RDT gate: an RDT opens only the method + path pairs it lists (403 elsewhere). */
export function restrictedAccess(token: AccessToken, method: string, rawPath: string): SimReply | undefined {
  if (!token.restricted || grantFor(token, method, rawPath)) return undefined;
  return unauthorized('The restricted data token does not cover this operation and path.');
}

/** For the RDT-only handlers (getOrderAddress …): Amazon's 403 when the caller used a plain LWA token. */
export function requireRdt(request: OperationRequest): SimReply | undefined {
  if (request.token.restricted) return undefined;
  return unauthorized('This operation returns restricted data: call it with a restricted data token (RDT).');
}

/** POST /tokens/2021-03-01/restrictedDataToken: validates the resources and mints an RDT for the calling seller. */
export function createRestrictedDataTokenHandler(lwa: LwaService): OperationHandler {
  return guarded((request) => {
    const body = request.body;
    if (!body || typeof body !== 'object' || Array.isArray(body)) {
      throw new InputError('The request body must be a JSON object with restrictedResources.');
    }
    const { restrictedResources, targetApplication } = body as Record<string, unknown>;
    if (targetApplication !== undefined && typeof targetApplication !== 'string') {
      throw new InputError('Invalid targetApplication: expected a string.');
    }
    if (!Array.isArray(restrictedResources) || restrictedResources.length === 0) {
      throw new InputError('restrictedResources is required and must be a non-empty array.');
    }
    if (restrictedResources.length > MAX_RESOURCES) {
      throw new InputError(`restrictedResources may list at most ${MAX_RESOURCES} resources.`);
    }
    const grants = restrictedResources.map((r, i) => parseResource(r, i));
    const token = lwa.issueRestrictedDataToken(request.token, grants, RDT_TTL_SECONDS);
    return { status: 200, body: { restrictedDataToken: token.token, expiresIn: RDT_TTL_SECONDS } };
  });
}

function parseResource(raw: unknown, index: number): RestrictedGrant {
  const where = `restrictedResources[${index}]`;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    throw new InputError(`Invalid ${where}: expected an object.`);
  const { method, path, dataElements } = raw as Record<string, unknown>;
  if (typeof method !== 'string' || !METHODS.includes(method)) {
    throw new InputError(`Invalid ${where}.method: expected one of ${METHODS.join(', ')}.`);
  }
  if (typeof path !== 'string' || !path.startsWith('/')) {
    throw new InputError(`Invalid ${where}.path: expected an SP-API path such as /orders/v0/orders/{orderId}/address.`);
  }
  const clean = path.split('?')[0] ?? path;
  const target = RESTRICTED.find((r) => restrictedPathShape(r.template, clean));
  if (!target || method !== 'GET') {
    throw new InputError(`Invalid ${where}: ${method} ${path} is not a restricted operation.`);
  }
  const grant: RestrictedGrant = { method, path: clean };
  if (dataElements !== undefined) {
    const known: readonly string[] = DATA_ELEMENTS;
    if (!Array.isArray(dataElements) || dataElements.some((e) => typeof e !== 'string' || !known.includes(e))) {
      throw new InputError(`Invalid ${where}.dataElements: allowed values are ${DATA_ELEMENTS.join(', ')}.`);
    }
    grant.dataElements = dataElements as string[];
  }
  if (target.withDataElements && !grant.dataElements?.length) {
    throw new InputError(`${where}.dataElements is required for ${path}.`);
  }
  return grant;
}

/** A requested path must equal the template segment by segment, with each `{param}` concrete or the same template. */
function restrictedPathShape(template: string, path: string): boolean {
  const t = segments(template);
  const p = segments(path);
  return t.length === p.length && t.every((s, i) => s === p[i] || (isParam(s) && !!p[i] && !isParam(p[i])));
}
