import {
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  type Message,
  QueueDoesNotExist,
  ReceiptHandleIsInvalid,
  ReceiveMessageCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningSim } from '../src/server.ts';
import { grantlessToken, http, sellerToken, startTestSim } from './helpers.ts';

/** The official @aws-sdk/client-sqs (JSON protocol) consuming the simulated notification queues. */

/** `obj[key]` of a parsed notification part (throws when the part is missing). */
function field(part: Record<string, unknown> | undefined, key: string): unknown {
  if (!part) throw new Error(`notification has no part holding ${key}`);
  return part[key];
}

const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'not-a-secret' };
// The SDK warns once that releases after January 2027 need Node >= 22; the locked version supports Node 20.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

async function subscribe(sim: RunningSim, sellerIndex: number, type: string, processingDirective?: unknown) {
  const s = sim.info.sellers[sellerIndex];
  const queueArn = sim.notifications.queueOf(s?.sellerId ?? '')?.arn;
  if (!s || !queueArn) throw new Error('no seller');
  const base = `${sim.info.spApi[s.region]}/notifications/v1`;
  const grantless = { 'x-amz-access-token': await grantlessToken(sim), 'content-type': 'application/json' };
  const list = await http(`${base}/destinations`, { headers: grantless });
  const existing = (
    list.json as { payload: { destinationId: string; resource: { sqs?: { arn: string } } }[] }
  ).payload.find((d) => d.resource.sqs?.arn === queueArn);
  const destinationId =
    existing?.destinationId ??
    (
      (
        await http(`${base}/destinations`, {
          method: 'POST',
          headers: grantless,
          body: JSON.stringify({ name: `q-${s.sellerId}`, resourceSpecification: { sqs: { arn: queueArn } } }),
        })
      ).json as { payload: { destinationId: string } }
    ).payload.destinationId;
  const res = await http(`${base}/subscriptions/${type}`, {
    method: 'POST',
    headers: { 'x-amz-access-token': await sellerToken(sim, sellerIndex), 'content-type': 'application/json' },
    body: JSON.stringify({
      payloadVersion: type === 'REPORT_PROCESSING_FINISHED' ? '2020-09-04' : '1.0',
      destinationId,
      ...(processingDirective ? { processingDirective } : {}),
    }),
  });
  expect(res.status).toBe(200);
  return (res.json as { payload: { subscriptionId: string } }).payload.subscriptionId;
}

describe('SQS queue through the official AWS SDK', () => {
  let sim: RunningSim;
  let sqs: SQSClient;
  let queueUrl: string;
  let sellerId: string;

  beforeAll(async () => {
    sim = await startTestSim({ rateLimits: false });
    sqs = new SQSClient({ endpoint: sim.url, region: 'us-east-1', credentials });
    queueUrl = sim.info.sellers[0]?.queueUrl ?? '';
    sellerId = sim.info.sellers[0]?.sellerId ?? '';
  });
  afterAll(async () => {
    sqs.destroy();
    await sim.close();
  });

  const receive = async (
    extra: Partial<{ MaxNumberOfMessages: number; VisibilityTimeout: number; WaitTimeSeconds: number }> = {},
  ) =>
    (await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MessageSystemAttributeNames: ['All'], ...extra })))
      .Messages ?? [];
  const drain = async () => {
    for (
      let m = await receive({ MaxNumberOfMessages: 10 });
      m.length > 0;
      m = await receive({ MaxNumberOfMessages: 10 })
    ) {
      for (const x of m)
        await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: x.ReceiptHandle }));
    }
  };
  const bodyOf = (m: Message | undefined) => JSON.parse(m?.Body ?? '{}') as Record<string, Record<string, unknown>>;

  it('subscription → publish → ReceiveMessage → DeleteMessage', async () => {
    const subscriptionId = await subscribe(sim, 0, 'ANY_OFFER_CHANGED');
    const published = sim.notifications.publishGenerated(sellerId, 'ANY_OFFER_CHANGED', {
      marketplaceId: 'ATVPDKIKX0DER',
    });
    expect(published.deliveries).toEqual([expect.objectContaining({ subscriptionId, outcome: 'enqueued' })]);

    const [message, ...rest] = await receive({ MaxNumberOfMessages: 10 });
    expect(rest).toEqual([]);
    // The SDK has already verified MD5OfBody against the body.
    const body = bodyOf(message);
    expect(body.NotificationType).toBe('ANY_OFFER_CHANGED');
    expect(body.NotificationMetadata).toEqual({
      ApplicationId: sim.info.applicationId,
      SubscriptionId: subscriptionId,
      PublishTime: new Date(sim.clock.now()).toISOString(),
      NotificationId: published.deliveries[0]?.notificationId,
    });
    expect(body.Payload).toEqual(published.payload);
    expect(message?.Attributes?.ApproximateReceiveCount).toBe('1');
    expect(message?.Attributes?.SentTimestamp).toBe(String(sim.clock.now()));

    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: message?.ReceiptHandle }));
    sim.clock.advance(60_000);
    expect(await receive()).toEqual([]);
    const attrs = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queueUrl, AttributeNames: ['All'] }));
    expect(attrs.Attributes).toMatchObject({
      ApproximateNumberOfMessages: '0',
      ApproximateNumberOfMessagesNotVisible: '0',
      QueueArn: expect.stringMatching(/^arn:aws:sqs:us-east-1:\d{12}:amazon-sim-notifications-/),
      VisibilityTimeout: '30',
    });
  });

  it('makes an undeleted message reappear after its visibility timeout, with a higher receive count', async () => {
    await drain();
    sim.notifications.publishGenerated(sellerId, 'ANY_OFFER_CHANGED', { marketplaceId: 'ATVPDKIKX0DER' });
    const [first] = await receive({ VisibilityTimeout: 45 });
    expect(first?.Attributes?.ApproximateReceiveCount).toBe('1');
    sim.clock.advance(44_000);
    expect(await receive()).toEqual([]);
    sim.clock.advance(1_000);
    const [again] = await receive();
    expect(again?.MessageId).toBe(first?.MessageId);
    expect(again?.Attributes?.ApproximateReceiveCount).toBe('2');
    expect(again?.ReceiptHandle).not.toBe(first?.ReceiptHandle);

    // The stale handle no longer deletes (it succeeds without effect, as on SQS); ChangeMessageVisibility 0 frees it.
    await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: first?.ReceiptHandle }));
    await sqs.send(
      new ChangeMessageVisibilityCommand({
        QueueUrl: queueUrl,
        ReceiptHandle: again?.ReceiptHandle,
        VisibilityTimeout: 0,
      }),
    );
    const [third] = await receive();
    expect(third?.MessageId).toBe(first?.MessageId);
    const batch = await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: [
          { Id: 'ok', ReceiptHandle: third?.ReceiptHandle },
          { Id: 'bad', ReceiptHandle: 'garbage' },
        ],
      }),
    );
    expect(batch.Successful).toEqual([{ Id: 'ok' }]);
    expect(batch.Failed).toEqual([
      expect.objectContaining({ Id: 'bad', Code: 'ReceiptHandleIsInvalid', SenderFault: true }),
    ]);
    sim.clock.advance(3_600_000);
    expect(await receive()).toEqual([]);
  });

  it('long polling returns as soon as a message arrives', async () => {
    await drain();
    const pending = receive({ WaitTimeSeconds: 20 });
    setTimeout(
      () => sim.notifications.publishGenerated(sellerId, 'ANY_OFFER_CHANGED', { marketplaceId: 'ATVPDKIKX0DER' }),
      150,
    );
    const got = await pending;
    expect(got).toHaveLength(1);
    await drain();
    // Nothing arrives: the call comes back empty after WaitTimeSeconds.
    expect(await receive({ WaitTimeSeconds: 1 })).toEqual([]);
    // Shutdown (Fastify preClose) ends pending long polls at once with no messages.
    const waiting = receive({ WaitTimeSeconds: 20 });
    setTimeout(() => sim.notifications.sqs.releaseWaiters(), 100);
    expect(await waiting).toEqual([]);
  });

  it('SendMessage, GetQueueUrl and SQS JSON errors through the SDK', async () => {
    await drain();
    const sent = await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'hello ✓' }));
    expect(sent.MessageId).toBeTruthy();
    const [m] = await receive();
    expect(m?.Body).toBe('hello ✓');
    const url = await sqs.send(new GetQueueUrlCommand({ QueueName: queueUrl.split('/').pop() }));
    expect(url.QueueUrl).toBe(queueUrl);

    await expect(sqs.send(new ReceiveMessageCommand({ QueueUrl: `${sim.url}/sqs/1/nope` }))).rejects.toBeInstanceOf(
      QueueDoesNotExist,
    );
    await expect(
      sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: 'garbage' })),
    ).rejects.toBeInstanceOf(ReceiptHandleIsInvalid);
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: 'visible again at once' }));
    const [inFlight] = await receive({ VisibilityTimeout: 0 });
    expect(inFlight?.Body).toBe('visible again at once');
    await expect(
      sqs.send(
        new ChangeMessageVisibilityCommand({
          QueueUrl: queueUrl,
          ReceiptHandle: inFlight?.ReceiptHandle,
          VisibilityTimeout: 5,
        }),
      ),
    ).rejects.toMatchObject({ name: 'MessageNotInflight' });
    await expect(receive({ MaxNumberOfMessages: 11 })).rejects.toMatchObject({
      // The SDK names errors by the query-compatible code of x-amzn-query-error, as against SQS.
      name: 'InvalidParameterValue',
      $metadata: { httpStatusCode: 400 },
    });

    const raw = await http(sim.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.ReceiveMessage', 'content-type': 'application/x-amz-json-1.0' },
      body: JSON.stringify({ QueueUrl: `${sim.url}/sqs/1/nope` }),
    });
    expect(raw.status).toBe(400);
    expect(raw.headers.get('content-type')).toBe('application/x-amz-json-1.0');
    expect(raw.json).toEqual({
      __type: 'com.amazonaws.sqs#QueueDoesNotExist',
      message: 'The specified queue does not exist.',
    });
    expect(raw.headers.get('x-amzn-query-error')).toBe('AWS.SimpleQueueService.NonExistentQueue;Sender');
    const unknown = await http(sim.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'AmazonSQS.CreateQueue', 'content-type': 'application/x-amz-json-1.0' },
      body: '{}',
    });
    expect((unknown.json as { __type: string }).__type).toBe('com.amazon.coral.service#UnknownOperationException');
    // Without X-Amz-Target the root stays the SP-API's NotFound.
    expect((await http(sim.url, { method: 'POST' })).status).toBe(404);
  });

  it('also works when the SDK is pointed at the queue URL itself', async () => {
    await drain();
    const client = new SQSClient({ endpoint: queueUrl, region: 'us-east-1', credentials });
    try {
      sim.notifications.publishGenerated(sellerId, 'ANY_OFFER_CHANGED', { marketplaceId: 'ATVPDKIKX0DER' });
      const res = await client.send(new ReceiveMessageCommand({ QueueUrl: queueUrl }));
      expect(res.Messages).toHaveLength(1);
    } finally {
      client.destroy();
    }
    await drain();
  });
});

describe('publisher filters and delivery faults', () => {
  let sim: RunningSim;
  let sqs: SQSClient;

  beforeAll(async () => {
    sim = await startTestSim({ rateLimits: false, seed: 7 });
    sqs = new SQSClient({ endpoint: sim.url, region: 'us-east-1', credentials });
  });
  afterAll(async () => {
    sqs.destroy();
    await sim.close();
  });

  const receiveAll = async (sellerIndex: number) => {
    const QueueUrl = sim.info.sellers[sellerIndex]?.queueUrl ?? '';
    const out: Record<string, Record<string, unknown>>[] = [];
    for (;;) {
      const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl, MaxNumberOfMessages: 10 }));
      if (!res.Messages?.length) return out;
      for (const m of res.Messages) {
        out.push(JSON.parse(m.Body ?? '{}'));
        await sqs.send(new DeleteMessageCommand({ QueueUrl, ReceiptHandle: m.ReceiptHandle }));
      }
    }
  };
  const seller = (i: number) => sim.info.sellers[i]?.sellerId ?? '';

  it('event filters drop non-matching marketplaces and order change types', async () => {
    await subscribe(sim, 1, 'ANY_OFFER_CHANGED', {
      eventFilter: { eventFilterType: 'ANY_OFFER_CHANGED', marketplaceIds: ['A1PA6795UKMFR9'] },
    });
    const de = sim.notifications.publishGenerated(seller(1), 'ANY_OFFER_CHANGED', { marketplaceId: 'A1PA6795UKMFR9' });
    const fr = sim.notifications.publishGenerated(seller(1), 'ANY_OFFER_CHANGED', { marketplaceId: 'A13V1IB3VIYZZH' });
    expect(de.deliveries[0]?.outcome).toBe('enqueued');
    expect(fr.deliveries[0]).toMatchObject({ outcome: 'dropped', reason: expect.stringContaining('A13V1IB3VIYZZH') });
    const got = await receiveAll(1);
    expect(
      got.map(
        (n) =>
          (field(n.Payload, 'AnyOfferChangedNotification') as { OfferChangeTrigger: { MarketplaceId: string } })
            .OfferChangeTrigger.MarketplaceId,
      ),
    ).toEqual(['A1PA6795UKMFR9']);
    // Prices come in the marketplace's currency.
    expect(JSON.stringify(got[0])).toContain('"CurrencyCode":"EUR"');

    await subscribe(sim, 1, 'ORDER_CHANGE', {
      eventFilter: { eventFilterType: 'ORDER_CHANGE', orderChangeTypes: ['BuyerRequestedChange'] },
    });
    sim.notifications.publishGenerated(seller(1), 'ORDER_CHANGE', { orderChangeType: 'OrderStatusChange' });
    sim.notifications.publishGenerated(seller(1), 'ORDER_CHANGE', { orderChangeType: 'BuyerRequestedChange' });
    const orders = await receiveAll(1);
    expect(
      orders.map((n) => (field(n.Payload, 'OrderChangeNotification') as { OrderChangeType: string }).OrderChangeType),
    ).toEqual(['BuyerRequestedChange']);
    // Another seller's subscriptions are not involved.
    expect(sim.notifications.publishGenerated(seller(0), 'ORDER_CHANGE').deliveries).toEqual([]);
  });

  it('aggregates ANY_OFFER_CHANGED per ASIN: first at once, the final state at the end of the window', async () => {
    await subscribe(sim, 0, 'ANY_OFFER_CHANGED', {
      eventFilter: {
        eventFilterType: 'ANY_OFFER_CHANGED',
        aggregationSettings: { aggregationTimePeriod: 'FiveMinutes' },
      },
    });
    const asin = 'B0AGGREGAT';
    const outcomes = [10, 11, 12].map(
      (price) =>
        sim.notifications.publishGenerated(seller(0), 'ANY_OFFER_CHANGED', {
          asin,
          marketplaceId: 'ATVPDKIKX0DER',
          offers: [{ sellerId: 'AOTHER', price }],
        }).deliveries[0]?.outcome,
    );
    expect(outcomes).toEqual(['enqueued', 'aggregated', 'aggregated']);
    const price = (n: Record<string, Record<string, unknown>>) =>
      (field(n.Payload, 'AnyOfferChangedNotification') as { Offers: { ListingPrice: { Amount: number } }[] }).Offers[0]
        ?.ListingPrice.Amount;
    expect((await receiveAll(0)).map(price)).toEqual([10]);
    sim.clock.advance(5 * 60_000);
    expect((await receiveAll(0)).map(price)).toEqual([12]);
  });

  it('duplicates and reorders deliveries when switched on, and not otherwise', async () => {
    await subscribe(sim, 0, 'REPORT_PROCESSING_FINISHED');
    const ids = (list: Record<string, Record<string, unknown>>[]) =>
      list.map((n) => (field(n.payload, 'reportProcessingFinishedNotification') as { reportId: string }).reportId);
    const publish = (reportId: string) =>
      sim.notifications.publishGenerated(seller(0), 'REPORT_PROCESSING_FINISHED', { reportId }).deliveries[0];

    for (const id of ['1', '2', '3']) publish(id);
    expect(ids(await receiveAll(0))).toEqual(['1', '2', '3']);

    sim.notifications.configure({ duplicateProbability: 1 });
    const dup = publish('4');
    expect(dup?.duplicated).toBe(true);
    const copies = await receiveAll(0);
    expect(ids(copies)).toEqual(['4', '4']);
    expect(copies[0]?.notificationMetadata?.notificationId).toBe(copies[1]?.notificationMetadata?.notificationId);

    sim.notifications.configure({ duplicateProbability: 0, outOfOrderProbability: 1 });
    for (const id of ['5', '6', '7', '8']) publish(id);
    sim.notifications.publisher.flush();
    expect(ids(await receiveAll(0))).toEqual(['6', '5', '8', '7']);

    // Per-call options override the configured probabilities; /sim/notify exposes the same switches.
    sim.notifications.configure({ outOfOrderProbability: 0 });
    const res = await http(`${sim.url}/sim/notify`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        sellerId: seller(0),
        type: 'REPORT_PROCESSING_FINISHED',
        input: { reportId: '9' },
        duplicate: true,
      }),
    });
    expect(res.status).toBe(200);
    expect(ids(await receiveAll(0))).toEqual(['9', '9']);
  });

  it('/sim/notify validates its input against the schema', async () => {
    const post = (body: unknown) =>
      http(`${sim.url}/sim/notify`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post({ sellerId: 'nobody', type: 'ORDER_CHANGE' })).status).toBe(400);
    expect((await post({ sellerId: seller(0), type: 'NOPE' })).status).toBe(400);
    const bad = await post({ sellerId: seller(0), type: 'ORDER_CHANGE', payload: { OrderChangeNotification: {} } });
    expect(bad.status).toBe(400);
    expect((bad.json as { errors: { details: string }[] }).errors[0]?.details).toContain('required');
    const okRes = await post({ sellerId: seller(0), type: 'LISTINGS_ITEM_STATUS_CHANGE', input: { sku: 'SKU-1' } });
    expect(okRes.status).toBe(200);
    expect((okRes.json as { payload: { Sku: string } }).payload.Sku).toBe('SKU-1');
  });
});
