import { describe, expect, it } from 'vitest';
import { parseFaults } from '../src/faults.ts';
import type { OperationRequest } from '../src/handlers.ts';
import { http, sellerToken, startTestSim } from './helpers.ts';

describe('stateful mode and the handler registry', () => {
  it('prefers a registered handler, falls back to sandbox cases, else answers 501', async () => {
    const sim = await startTestSim({ mode: 'stateful', rateLimits: false });
    try {
      const token = await sellerToken(sim);
      const headers = { 'x-amz-access-token': token, 'content-type': 'application/json' };
      let seen: OperationRequest | undefined;
      sim.handlers.register('orders_2026-01-01:getOrder', (request) => {
        seen = request;
        return { status: 200, body: { order: { orderId: request.pathParams.orderId } } };
      });
      const own = await http(`${sim.info.spApi.na}/orders/2026-01-01/orders/111-2?includedData=BUYER,TAX`, { headers });
      expect(own.status).toBe(200);
      expect(own.json).toEqual({ order: { orderId: '111-2' } });
      expect(own.headers.get('x-amzn-RateLimit-Limit')).toBe('0.5');
      expect(seen?.seller?.sellerId).toBe(sim.info.sellers[0]?.sellerId);
      expect(seen?.query.get('includedData')).toBe('BUYER,TAX');
      expect(seen?.region).toBe('na');
      expect(sim.handlers.keys()).toContain('orders_2026-01-01:getOrder');

      // No handler: Amazon's sandbox example answers when the request matches one.
      const fixture = await http(`${sim.info.spApi.na}/sellers/v1/marketplaceParticipations`, { headers });
      expect(fixture.status).toBe(200);
      expect(JSON.stringify(fixture.json)).toContain('ATVPDKIKX0DER');

      const none = await http(`${sim.info.spApi.na}/orders/v0/orders?MarketplaceIds=ATVPDKIKX0DER`, { headers });
      expect(none.status).toBe(501);
      expect(none.json).toEqual({
        errors: [
          {
            code: 'NotImplemented',
            message: 'amazon-sim does not implement getOrders in this mode yet.',
            details: expect.stringContaining('sandbox examples'),
          },
        ],
      });
    } finally {
      await sim.close();
    }
  });

  it('refuses ambiguous or unknown operation names', async () => {
    const sim = await startTestSim();
    try {
      expect(() => sim.handlers.register('getOrder', () => ({ status: 200 }))).toThrow(/ambiguous/);
      expect(() => sim.handlers.register('noSuchOperation', () => ({ status: 200 }))).toThrow(/no operation/);
      expect(sim.handlers.resolve('createReport').key).toBe('reports_2021-06-30:createReport');
    } finally {
      await sim.close();
    }
  });

  it('answers 501 without consulting sandbox cases when the fallback is off', async () => {
    const sim = await startTestSim({ mode: 'stateful', fallback: 'none' });
    try {
      const token = await sellerToken(sim);
      const res = await http(`${sim.info.spApi.na}/sellers/v1/marketplaceParticipations`, {
        headers: { 'x-amz-access-token': token },
      });
      expect(res.status).toBe(501);
      expect((res.json as { errors: { code: string }[] }).errors[0]?.code).toBe('NotImplemented');
    } finally {
      await sim.close();
    }
  });
});

describe('fault injection', () => {
  it('parses rules and rejects bad ones', () => {
    expect(parseFaults('429=0.05, getOrders:503=1,ordersV0:getOrder:500=0.5')).toEqual([
      { status: 429, probability: 0.05 },
      { status: 503, probability: 1, operation: 'getOrders' },
      { status: 500, probability: 0.5, operation: 'ordersV0:getOrder' },
    ]);
    expect(() => parseFaults('418=0.1')).toThrow(/bad fault/);
    expect(() => parseFaults('500=2')).toThrow(/bad fault/);
  });

  it('fails the chosen operation with Amazon error shapes and leaves the others alone', async () => {
    const sim = await startTestSim({
      mode: 'sandbox',
      rateLimits: false,
      faults: 'getMarketplaceParticipations:500=1',
    });
    try {
      const headers = { 'x-amz-access-token': await sellerToken(sim) };
      const hit = await http(`${sim.info.spApi.na}/sellers/v1/marketplaceParticipations`, { headers });
      expect(hit.status).toBe(500);
      expect(hit.json).toEqual({
        errors: [
          { code: 'InternalFailure', message: 'We encountered an internal error. Please try again.', details: '' },
        ],
      });
      const other = await http(`${sim.info.spApi.na}/sellers/v1/account`, { headers });
      expect(other.status).toBe(200);
    } finally {
      await sim.close();
    }
  });

  it('draws faults from the seed: the same seed replays the same failures', async () => {
    const run = async (seed: number) => {
      const sim = await startTestSim({ mode: 'sandbox', rateLimits: false, seed, faults: '503=0.5' });
      try {
        const headers = { 'x-amz-access-token': await sellerToken(sim) };
        const statuses: number[] = [];
        for (let i = 0; i < 24; i++) {
          statuses.push((await http(`${sim.info.spApi.na}/sellers/v1/account`, { headers })).status);
        }
        return statuses;
      } finally {
        await sim.close();
      }
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 503]));
  });
});
