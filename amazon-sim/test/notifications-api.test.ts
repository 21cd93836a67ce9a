import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../src/server.ts';
import { grantlessToken, http, sellerToken, startTestSim } from './helpers.ts';

/** The Notifications API handlers: destinations (grantless), subscriptions (seller + grantless by id), errors. */

/** The seller's queue ARN, asked of the queue itself (SQS GetQueueAttributes), as a real client would. */
async function queueArnOf(sim: RunningSim, sellerIndex: number): Promise<string> {
  const res = await http(sim.url, {
    method: 'POST',
    headers: { 'x-amz-target': 'AmazonSQS.GetQueueAttributes', 'content-type': 'application/x-amz-json-1.0' },
    body: JSON.stringify({ QueueUrl: sim.info.sellers[sellerIndex]?.queueUrl, AttributeNames: ['QueueArn'] }),
  });
  return (res.json as { Attributes: { QueueArn: string } }).Attributes.QueueArn;
}

describe('Notifications API (stateful)', () => {
  let sim: RunningSim;
  let grantless: Record<string, string>;
  let seller: Record<string, string>;
  let base: string;

  beforeAll(async () => {
    sim = await startTestSim({ rateLimits: false });
    base = `${sim.info.spApi.na}/notifications/v1`;
    grantless = { 'x-amz-access-token': await grantlessToken(sim), 'content-type': 'application/json' };
    seller = { 'x-amz-access-token': await sellerToken(sim, 0), 'content-type': 'application/json' };
  });
  afterAll(async () => sim.close());

  const post = (url: string, headers: Record<string, string>, body: unknown) =>
    http(url, { method: 'POST', headers, body: JSON.stringify(body) });

  it('creates, lists, reads and deletes destinations with grantless tokens only', async () => {
    const arn = await queueArnOf(sim, 0);
    expect(arn).toMatch(/^arn:aws:sqs:us-east-1:\d{12}:amazon-sim-notifications-/);
    const body = { name: 'yangfan-na', resourceSpecification: { sqs: { arn } } };

    const asSeller = await post(`${base}/destinations`, seller, body);
    expect(asSeller.status).toBe(403);

    const created = await post(`${base}/destinations`, grantless, body);
    expect(created.status).toBe(200);
    const destination = (created.json as { payload: { destinationId: string } }).payload;
    expect(destination).toEqual({ destinationId: expect.any(String), name: 'yangfan-na', resource: { sqs: { arn } } });

    expect((await post(`${base}/destinations`, grantless, body)).status).toBe(409);
    const unknownQueue = await post(`${base}/destinations`, grantless, {
      name: 'x',
      resourceSpecification: { sqs: { arn: 'arn:aws:sqs:us-east-1:111111111111:nope' } },
    });
    expect(unknownQueue.status).toBe(400);
    expect((unknownQueue.json as { errors: { code: string }[] }).errors[0]?.code).toBe('InvalidInput');
    expect((await post(`${base}/destinations`, grantless, { name: 'x' })).status).toBe(400);

    const list = await http(`${base}/destinations`, { headers: grantless });
    expect((list.json as { payload: unknown[] }).payload).toContainEqual(destination);
    const one = await http(`${base}/destinations/${destination.destinationId}`, { headers: grantless });
    expect((one.json as { payload: unknown }).payload).toEqual(destination);
    expect((await http(`${base}/destinations/nope`, { headers: grantless })).status).toBe(404);

    const deleted = await http(`${base}/destinations/${destination.destinationId}`, {
      method: 'DELETE',
      headers: grantless,
    });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toEqual({});
    expect((await http(`${base}/destinations/${destination.destinationId}`, { headers: grantless })).status).toBe(404);
  });

  it('creates subscriptions with event filters and reads / deletes them by type and id', async () => {
    const arn = await queueArnOf(sim, 0);
    const created = await post(`${base}/destinations`, grantless, {
      name: 'subs',
      resourceSpecification: { sqs: { arn } },
    });
    const { destinationId } = (created.json as { payload: { destinationId: string } }).payload;
    const processingDirective = {
      eventFilter: {
        eventFilterType: 'ANY_OFFER_CHANGED',
        marketplaceIds: ['ATVPDKIKX0DER'],
        aggregationSettings: { aggregationTimePeriod: 'FiveMinutes' },
      },
    };
    const sub = await post(`${base}/subscriptions/ANY_OFFER_CHANGED`, seller, {
      payloadVersion: '1.0',
      destinationId,
      processingDirective,
    });
    expect(sub.status).toBe(200);
    const payload = (sub.json as { payload: Record<string, unknown> }).payload;
    expect(payload).toEqual({
      subscriptionId: expect.any(String),
      payloadVersion: '1.0',
      destinationId,
      processingDirective,
    });

    const again = await post(`${base}/subscriptions/ANY_OFFER_CHANGED`, seller, {
      payloadVersion: '1.0',
      destinationId,
    });
    expect(again.status).toBe(409);

    const byType = await http(`${base}/subscriptions/ANY_OFFER_CHANGED`, { headers: seller });
    expect((byType.json as { payload: unknown }).payload).toEqual(payload);
    const byId = await http(`${base}/subscriptions/ANY_OFFER_CHANGED/${payload.subscriptionId}`, {
      headers: grantless,
    });
    expect((byId.json as { payload: unknown }).payload).toEqual(payload);
    const list = await http(`${base}/subscriptions?notificationTypes=ANY_OFFER_CHANGED,ORDER_CHANGE`, {
      headers: seller,
    });
    expect((list.json as { payload: { subscriptions: unknown[] } }).payload.subscriptions).toEqual([payload]);
    // The other seller has no subscription of its own.
    const other = await http(`${sim.info.spApi.eu}/notifications/v1/subscriptions/ANY_OFFER_CHANGED`, {
      headers: { 'x-amz-access-token': await sellerToken(sim, 1) },
    });
    expect(other.status).toBe(404);

    // A destination in use cannot be deleted.
    const inUse = await http(`${base}/destinations/${destinationId}`, { method: 'DELETE', headers: grantless });
    expect(inUse.status).toBe(409);

    const order = await post(`${base}/subscriptions/ORDER_CHANGE`, seller, {
      payloadVersion: '1.0',
      destinationId,
      processingDirective: {
        eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['OrderStatusChange'] },
      },
    });
    expect(order.status).toBe(200);

    const del = await http(`${base}/subscriptions/ANY_OFFER_CHANGED/${payload.subscriptionId}`, {
      method: 'DELETE',
      headers: grantless,
    });
    expect(del.status).toBe(200);
    expect((await http(`${base}/subscriptions/ANY_OFFER_CHANGED`, { headers: seller })).status).toBe(404);
    const wrongType = await http(`${base}/subscriptions/ANY_OFFER_CHANGED/${payload.subscriptionId}`, {
      headers: grantless,
    });
    expect(wrongType.status).toBe(404);
  });

  it('rejects bad subscription requests', async () => {
    // Any simulated queue can be a destination; the NA seller's already has one (one destination per ARN).
    const arn = await queueArnOf(sim, 1);
    const created = await post(`${base}/destinations`, grantless, {
      name: 'bad',
      resourceSpecification: { sqs: { arn } },
    });
    const { destinationId } = (created.json as { payload: { destinationId: string } }).payload;
    const cases: [string, unknown][] = [
      ['NOT_A_TYPE', { payloadVersion: '1.0', destinationId }],
      ['PRICING_HEALTH', { payloadVersion: '9.9', destinationId }],
      ['PRICING_HEALTH', { payloadVersion: '1.0', destinationId: 'missing' }],
      ['PRICING_HEALTH', { destinationId }],
      [
        'PRICING_HEALTH',
        {
          payloadVersion: '1.0',
          destinationId,
          processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE' } },
        },
      ],
      [
        'ORDER_CHANGE',
        {
          payloadVersion: '1.0',
          destinationId,
          processingDirective: { eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['Nope'] } },
        },
      ],
      [
        'ANY_OFFER_CHANGED',
        {
          payloadVersion: '1.0',
          destinationId,
          processingDirective: {
            eventFilter: {
              eventFilterType: 'ANY_OFFER_CHANGED',
              aggregationSettings: { aggregationTimePeriod: 'Hourly' },
            },
          },
        },
      ],
    ];
    for (const [type, body] of cases) {
      const res = await post(`${base}/subscriptions/${type}`, seller, body);
      expect(res.status, `${type} ${JSON.stringify(body)}`).toBe(400);
      expect((res.json as { errors: { code: string }[] }).errors[0]?.code).toBe('InvalidInput');
    }
    // Grantless tokens cannot create subscriptions (they belong to a selling partner).
    const grantlessSub = await post(`${base}/subscriptions/PRICING_HEALTH`, grantless, {
      payloadVersion: '1.0',
      destinationId,
    });
    expect(grantlessSub.status).toBe(403);
  });
});
