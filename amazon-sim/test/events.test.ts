import { DeleteMessageCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapNotification } from '../src/notifications/envelope.ts';
import { offerMarketOf } from '../src/pricing/offer-market.ts';
import { ScenarioTicker, scenarioEvents } from '../src/pricing/scenario-events.ts';
import type { Scenario } from '../src/scenario/scenario.ts';
import type { RunningSim } from '../src/server.ts';
import { grantlessToken, http, sellerToken, startTestSim } from './helpers.ts';

/** Scenario events → notifications through the publisher, received with the official SQS client. */

const HOUR = 3_600_000;
const credentials = { accessKeyId: 'AKIDSIMULATOR', secretAccessKey: 'not-a-secret' };
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

let sim: RunningSim;
let scenario: Scenario;
let sellerId: string;
let sqs: SQSClient;

beforeAll(async () => {
  sim = await startTestSim({ rateLimits: false, living: { historyDays: 10, skus: 12 } });
  if (!sim.scenario) throw new Error('living marketplace not installed');
  scenario = sim.scenario;
  sellerId = sim.info.sellers[0]?.sellerId ?? '';
  sqs = new SQSClient({ endpoint: sim.url, region: 'us-east-1', credentials });
});

afterAll(async () => {
  sqs.destroy();
  await sim.close();
});

async function subscribe(type: string): Promise<void> {
  const s = sim.info.sellers[0];
  const queueArn = sim.notifications.queueOf(sellerId)?.arn;
  if (!s || !queueArn) throw new Error('no seller');
  const base = `${sim.info.spApi.na}/notifications/v1`;
  const grantless = { 'x-amz-access-token': await grantlessToken(sim), 'content-type': 'application/json' };
  const list = await http(`${base}/destinations`, { headers: grantless });
  const existing = (list.json as { payload: { destinationId: string; resource: { sqs?: { arn: string } } }[] }).payload;
  let destinationId = existing.find((d) => d.resource.sqs?.arn === queueArn)?.destinationId;
  if (!destinationId) {
    const created = await http(`${base}/destinations`, {
      method: 'POST',
      headers: grantless,
      body: JSON.stringify({ name: 'events', resourceSpecification: { sqs: { arn: queueArn } } }),
    });
    destinationId = (created.json as { payload: { destinationId: string } }).payload.destinationId;
  }
  const res = await http(`${base}/subscriptions/${type}`, {
    method: 'POST',
    headers: { 'x-amz-access-token': await sellerToken(sim, 0), 'content-type': 'application/json' },
    body: JSON.stringify({ payloadVersion: '1.0', destinationId }),
  });
  expect(res.status).toBe(200);
}

describe('scenario events', () => {
  it('are deterministic for a clock path and valid against the notification schemas', () => {
    const from = sim.clock.now();
    const to = from + 12 * HOUR;
    const whole = scenarioEvents(scenario, from, to);
    const split = [
      ...scenarioEvents(scenario, from, from + 5 * HOUR),
      ...scenarioEvents(scenario, from + 5 * HOUR, to),
    ];
    expect(split.map((e) => e.key + e.at)).toEqual(whole.map((e) => e.key + e.at));
    const types = new Set(whole.map((e) => e.type));
    for (const t of ['ANY_OFFER_CHANGED', 'ORDER_CHANGE']) expect(types).toContain(t);
    const wide = scenarioEvents(scenario, from, from + 2 * 24 * HOUR);
    const seen = new Set<string>();
    for (const e of wide) {
      if (seen.has(e.type)) continue;
      seen.add(e.type);
      const envelope = envelopeOf(e.type, e.payload);
      const check = sim.notifications.schemas.check(e.type, envelope);
      expect(check.errors, e.type).toEqual([]);
    }
    expect(seen.size).toBeGreaterThanOrEqual(4);
  });

  it('a ticker publishes the same events whatever its tick instants', () => {
    const start = sim.clock.now();
    const record = () => {
      const seen: string[] = [];
      const sink = {
        publish: (sellerId: string, type: string, _payload: unknown, options?: { eventTime?: string }) => {
          seen.push(`${sellerId}|${type}|${options?.eventTime ?? ''}`);
          return { notificationType: type, deliveries: [] };
        },
      };
      return { seen, ticker: new ScenarioTicker(scenario, sink, sim.clock) };
    };
    const a = record();
    const b = record();
    a.ticker.tick(start + 8 * HOUR);
    for (let t = start + 700_000; t <= start + 8 * HOUR; t += 700_000) b.ticker.tick(t);
    b.ticker.tick(start + 8 * HOUR);
    expect(a.seen.length).toBeGreaterThan(0);
    expect(b.seen).toEqual(a.seen);
  });

  it('delivers ANY_OFFER_CHANGED to the SQS queue when a hijacker appears', async () => {
    await subscribe('ANY_OFFER_CHANGED');
    const market = offerMarketOf(scenario);
    const seller = scenario.seller(sellerId);
    if (!seller) throw new Error('no seller');
    const now = sim.clock.now();
    let target: { asin: string; start: number; hijacker: string } | undefined;
    for (const ref of market.listingsOf(seller, 0)) {
      if (market.stateAt(ref, now).ownPrice === undefined) continue;
      const w = market.hijackWindows(ref, now, now + 5 * 24 * HOUR).find((x) => x.start > now + HOUR);
      if (w && (!target || w.start < target.start)) target = { asin: ref.asin, start: w.start, hijacker: w.sellerId };
    }
    if (!target) throw new Error('no hijacker ahead');
    const ticker = new ScenarioTicker(scenario, sim.notifications, sim.clock);
    sim.clock.advance(target.start - sim.clock.now() - 1);
    ticker.tick();
    await drain();
    sim.clock.advance(1);
    const events = ticker.tick();
    const mine = events.find((e) => e.type === 'ANY_OFFER_CHANGED' && JSON.stringify(e.payload).includes(target.asin));
    expect(mine).toBeDefined();
    const bodies = await receiveAll();
    const hit = bodies.find((b) => JSON.stringify(b).includes(target.hijacker));
    expect(hit).toBeDefined();
    expect(hit?.NotificationType).toBe('ANY_OFFER_CHANGED');
    expect(sim.notifications.schemas.check('ANY_OFFER_CHANGED', hit).errors).toEqual([]);
  });
});

function envelopeOf(type: string, payload: unknown): Record<string, unknown> {
  return wrapNotification(type, payload, {
    applicationId: 'amzn1.sp.solution.x',
    subscriptionId: 'sub',
    publishTime: '2026-01-01T00:00:00.000Z',
    notificationId: 'n1',
  });
}

async function receiveAll(): Promise<Record<string, unknown>[]> {
  const queueUrl = sim.info.sellers[0]?.queueUrl ?? '';
  const out: Record<string, unknown>[] = [];
  for (;;) {
    const res = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10 }));
    const messages = res.Messages ?? [];
    if (messages.length === 0) return out;
    for (const m of messages) {
      out.push(JSON.parse(m.Body ?? '{}') as Record<string, unknown>);
      await sqs.send(new DeleteMessageCommand({ QueueUrl: queueUrl, ReceiptHandle: m.ReceiptHandle }));
    }
  }
}

async function drain(): Promise<void> {
  await receiveAll();
}
