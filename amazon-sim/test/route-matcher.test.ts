import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOperations } from '../src/models.ts';
import { RouteMatcher } from '../src/route-matcher.ts';
import { resolveSharedAmazonDir } from '../src/shared-dir.ts';

const operations = loadOperations(join(resolveSharedAmazonDir(), 'models'));
const matcher = new RouteMatcher(operations);

function keyOf(method: string, path: string): string | undefined {
  const m = matcher.match(method, path);
  return m.kind === 'operation' ? m.operation.key : m.kind;
}

describe('RouteMatcher', () => {
  it('tells apart the two getOrder operations by their version path', () => {
    expect(keyOf('GET', '/orders/v0/orders/123-1234567-1234567')).toBe('ordersV0:getOrder');
    expect(keyOf('GET', '/orders/2026-01-01/orders/123-1234567-1234567')).toBe('orders_2026-01-01:getOrder');
  });

  it('prefers literal segments over path parameters', () => {
    expect(keyOf('POST', '/notifications/v1/subscriptions/ANY_OFFER_CHANGED/testNotification')).toBe(
      'notifications:sendTestNotification',
    );
    expect(keyOf('GET', '/notifications/v1/subscriptions/ANY_OFFER_CHANGED/sub-1')).toBe(
      'notifications:getSubscriptionById',
    );
    expect(keyOf('GET', '/orders/v0/orders/1/orderItems/buyerInfo')).toBe('ordersV0:getOrderItemsBuyerInfo');
  });

  it('decodes path parameters, including an encoded slash inside a SKU', () => {
    const m = matcher.match('GET', '/listings/2021-08-01/items/A1SELLER/SKU%2F1%20big');
    expect(m.kind).toBe('operation');
    if (m.kind === 'operation') expect(m.pathParams).toEqual({ sellerId: 'A1SELLER', sku: 'SKU/1 big' });
  });

  it('reads a trailing slash as an empty last parameter first, else ignores it', () => {
    const empty = matcher.match('GET', '/catalog/2022-04-01/items/');
    expect(empty.kind === 'operation' && empty.operation.operationId).toBe('getCatalogItem');
    expect(empty.kind === 'operation' && empty.pathParams).toEqual({ asin: '' });
    expect(keyOf('GET', '/sellers/v1/account/')).toBe('sellers:getAccount');
  });

  it('separates wrong methods from unknown paths', () => {
    expect(matcher.match('DELETE', '/sellers/v1/account')).toEqual({ kind: 'method-not-allowed', allowed: ['GET'] });
    expect(keyOf('GET', '/sellers/v2/account')).toBe('not-found');
    expect(keyOf('GET', '/')).toBe('not-found');
  });

  it('routes every operation of every model to itself', () => {
    for (const op of operations) {
      const path = op.path.replace(/\{[^}]+\}/g, 'x1');
      expect(keyOf(op.method, path), `${op.method} ${path}`).toBe(op.key);
    }
  });
});
