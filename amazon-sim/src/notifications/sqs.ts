import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { SimClock } from '../clock.ts';
import { notFound } from '../errors.ts';
import type { Region } from '../sellers.ts';
import { sendReply } from '../sp-api.ts';
import { uuidSequence } from './ids.ts';
import { type QueueMessage, SqsQueue } from './sqs-queue.ts';

/**
 * The sellers' notification queues over the Amazon SQS JSON protocol (awsJson1_0: POST, `X-Amz-Target:
 * AmazonSQS.<Action>`, `Content-Type: application/x-amz-json-1.0`), enough for `@aws-sdk/client-sqs` v3 pointed
 * at the simulator: Receive (long polling), Delete (+Batch), ChangeMessageVisibility, GetQueueAttributes,
 * SendMessage, GetQueueUrl, ListQueues, PurgeQueue. Errors use SQS's `{__type, message}` plus the
 * `x-amzn-query-error` header the SDK reads for query-compatible error codes.
 */

/** AWS region of each SP-API region (where Amazon's notification queues conventionally live). */
export const AWS_REGION_OF: Record<Region, string> = { na: 'us-east-1', eu: 'eu-west-1', fe: 'us-west-2' };

const CONTENT_TYPE = 'application/x-amz-json-1.0';
const LONG_POLL_RECHECK_MS = 100;

interface SqsReply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

type Input = Record<string, unknown>;

/** Owns the queues and answers SQS JSON-protocol actions. */
export class SqsService {
  private readonly queues = new Map<string, SqsQueue>();
  private readonly waiters = new Set<() => void>();
  private readonly newMessageId: () => string;
  /** Called before every receive (the publisher releases due aggregated notifications here). */
  beforeReceive: () => void = () => {};

  constructor(
    private readonly clock: SimClock,
    seed: string,
    readonly awsAccountId: string,
    private readonly baseUrl: () => string,
  ) {
    this.newMessageId = uuidSequence(seed, 'sqs-message');
  }

  /** Creates a queue in the simulated account. */
  addQueue(name: string, region: Region): SqsQueue {
    const arn = `arn:aws:sqs:${AWS_REGION_OF[region]}:${this.awsAccountId}:${name}`;
    const queue = new SqsQueue(name, `/sqs/${this.awsAccountId}/${name}`, arn, this.clock, this.newMessageId);
    this.queues.set(queue.path, queue);
    return queue;
  }

  /** The queue a QueueUrl points at (host ignored: 127.0.0.1 and localhost are the same simulator). */
  byUrl(url: string): SqsQueue | undefined {
    try {
      return this.queues.get(new URL(url).pathname.replace(/\/+$/, ''));
    } catch {
      return undefined;
    }
  }

  /** The queue with this ARN. */
  byArn(arn: string): SqsQueue | undefined {
    return [...this.queues.values()].find((q) => q.arn === arn);
  }

  /** The queue's URL on the listening simulator. */
  urlOf(queue: SqsQueue): string {
    return `${this.baseUrl()}${queue.path}`;
  }

  /** Ends every pending long poll with an empty answer (server shutdown). */
  releaseWaiters(): void {
    for (const w of [...this.waiters]) w();
  }

  /** Answers one action; `aborted` resolves when the client goes away (ends a long poll early). */
  async handle(action: string, rawBody: string, aborted: Promise<void>): Promise<SqsReply> {
    let input: Input;
    try {
      const parsed: unknown = JSON.parse(rawBody.trim() === '' ? '{}' : rawBody);
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      input = parsed as Input;
    } catch {
      return sqsError(400, 'com.amazon.coral.service#SerializationException', 'Malformed JSON request body.');
    }
    if (action === 'ListQueues') return this.listQueues(input);
    if (action === 'GetQueueUrl') return this.getQueueUrl(input);
    const known = ['ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility'];
    if (![...known, 'GetQueueAttributes', 'SendMessage', 'PurgeQueue'].includes(action)) {
      return sqsError(
        400,
        'com.amazon.coral.service#UnknownOperationException',
        `amazon-sim: ${action} is unsupported.`,
      );
    }
    if (typeof input.QueueUrl !== 'string') return missing('QueueUrl');
    const queue = this.byUrl(input.QueueUrl);
    if (!queue) {
      return sqsError(400, 'com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.', {
        'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender',
      });
    }
    if (action === 'ReceiveMessage') return this.receive(queue, input, aborted);
    if (action === 'DeleteMessage') return this.deleteOne(queue, input);
    if (action === 'DeleteMessageBatch') return this.deleteBatch(queue, input);
    if (action === 'ChangeMessageVisibility') return this.changeVisibility(queue, input);
    if (action === 'GetQueueAttributes') return ok({ Attributes: this.attributes(queue, input) });
    if (action === 'PurgeQueue') {
      queue.purge();
      return ok({});
    }
    return this.sendMessage(queue, input);
  }

  private async receive(queue: SqsQueue, input: Input, aborted: Promise<void>): Promise<SqsReply> {
    const max = intParam(input, 'MaxNumberOfMessages', 1, 1, 10);
    const wait = intParam(input, 'WaitTimeSeconds', queue.attributes.receiveWaitSeconds, 0, 20);
    const visibility = intParam(input, 'VisibilityTimeout', queue.attributes.visibilityTimeoutSeconds, 0, 43_200);
    if (typeof max !== 'number') return max;
    if (typeof wait !== 'number') return wait;
    if (typeof visibility !== 'number') return visibility;
    const names = [...stringList(input.AttributeNames), ...stringList(input.MessageSystemAttributeNames)];
    const take = (): QueueMessage[] => {
      this.beforeReceive();
      return queue.receive(max, visibility);
    };
    let got = take();
    if (got.length === 0 && wait > 0) got = await this.longPoll(queue, take, wait, aborted);
    if (got.length === 0) return ok({});
    return ok({ Messages: got.map((m) => messageOut(m, names)) });
  }

  private longPoll(
    queue: SqsQueue,
    take: () => QueueMessage[],
    waitSeconds: number,
    aborted: Promise<void>,
  ): Promise<QueueMessage[]> {
    return new Promise((resolve) => {
      let done = false;
      const finish = (messages: QueueMessage[]) => {
        if (done) return;
        done = true;
        clearTimeout(deadline);
        clearInterval(recheck);
        unsubscribe();
        this.waiters.delete(release);
        resolve(messages);
      };
      const check = () => {
        if (done) return;
        const got = take();
        if (got.length > 0) finish(got);
      };
      const release = () => finish([]);
      const deadline = setTimeout(release, waitSeconds * 1000);
      // The virtual clock can move (tests advance it, demos run it fast): re-check for reappearing messages.
      const recheck = setInterval(check, LONG_POLL_RECHECK_MS);
      const unsubscribe = queue.onActivity(() => queueMicrotask(check));
      this.waiters.add(release);
      void aborted.then(release);
    });
  }

  private deleteOne(queue: SqsQueue, input: Input): SqsReply {
    if (typeof input.ReceiptHandle !== 'string') return missing('ReceiptHandle');
    if (queue.delete(input.ReceiptHandle) === 'invalid') return invalidHandle(input.ReceiptHandle);
    return ok({});
  }

  private deleteBatch(queue: SqsQueue, input: Input): SqsReply {
    const entries = Array.isArray(input.Entries) ? (input.Entries as Input[]) : [];
    if (entries.length === 0) {
      return sqsError(400, 'com.amazonaws.sqs#EmptyBatchRequest', 'There should be at least one entry in the request.');
    }
    if (entries.length > 10) {
      return sqsError(400, 'com.amazonaws.sqs#TooManyEntriesInBatchRequest', 'Maximum number of entries is 10.');
    }
    const ids = entries.map((e) => String(e.Id ?? ''));
    if (new Set(ids).size !== ids.length) {
      return sqsError(400, 'com.amazonaws.sqs#BatchEntryIdsNotDistinct', 'Batch entry ids must be distinct.');
    }
    const successful: { Id: string }[] = [];
    const failed: { Id: string; SenderFault: boolean; Code: string; Message: string }[] = [];
    for (const [i, entry] of entries.entries()) {
      const id = ids[i] ?? '';
      const handle = typeof entry.ReceiptHandle === 'string' ? entry.ReceiptHandle : '';
      if (queue.delete(handle) === 'invalid') {
        failed.push({
          Id: id,
          SenderFault: true,
          Code: 'ReceiptHandleIsInvalid',
          Message: 'The receipt handle is invalid.',
        });
      } else {
        successful.push({ Id: id });
      }
    }
    return ok({ Successful: successful, Failed: failed });
  }

  private changeVisibility(queue: SqsQueue, input: Input): SqsReply {
    if (typeof input.ReceiptHandle !== 'string') return missing('ReceiptHandle');
    const seconds = intParam(input, 'VisibilityTimeout', undefined, 0, 43_200);
    if (typeof seconds !== 'number') return seconds;
    const outcome = queue.changeVisibility(input.ReceiptHandle, seconds);
    if (outcome === 'invalid') return invalidHandle(input.ReceiptHandle);
    if (outcome === 'not-inflight') {
      return sqsError(400, 'com.amazonaws.sqs#MessageNotInflight', 'The message referred to is not in flight.', {
        'x-amzn-query-error': 'AWS.SimpleQueueService.MessageNotInflight;Sender',
      });
    }
    return ok({});
  }

  private sendMessage(queue: SqsQueue, input: Input): SqsReply {
    if (typeof input.MessageBody !== 'string' || input.MessageBody === '') return missing('MessageBody');
    if (Buffer.byteLength(input.MessageBody) > queue.attributes.maximumMessageBytes) {
      return invalidValue('MessageBody', 'Message must be shorter than 262144 bytes.');
    }
    const delay = intParam(input, 'DelaySeconds', 0, 0, 900);
    if (typeof delay !== 'number') return delay;
    const m = queue.send(input.MessageBody, this.awsAccountId, delay);
    return ok({ MessageId: m.messageId, MD5OfMessageBody: m.md5OfBody });
  }

  private attributes(queue: SqsQueue, input: Input): Record<string, string> {
    const c = queue.counts();
    const a = queue.attributes;
    const all: Record<string, string> = {
      QueueArn: queue.arn,
      ApproximateNumberOfMessages: String(c.visible),
      ApproximateNumberOfMessagesNotVisible: String(c.inFlight),
      ApproximateNumberOfMessagesDelayed: String(c.delayed),
      CreatedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      LastModifiedTimestamp: String(Math.floor(queue.createdAt / 1000)),
      VisibilityTimeout: String(a.visibilityTimeoutSeconds),
      MaximumMessageSize: String(a.maximumMessageBytes),
      MessageRetentionPeriod: String(a.messageRetentionSeconds),
      DelaySeconds: '0',
      ReceiveMessageWaitTimeSeconds: String(a.receiveWaitSeconds),
      SqsManagedSseEnabled: 'true',
    };
    const wanted = stringList(input.AttributeNames);
    if (wanted.includes('All')) return all;
    return Object.fromEntries(Object.entries(all).filter(([k]) => wanted.includes(k)));
  }

  private listQueues(input: Input): SqsReply {
    const prefix = typeof input.QueueNamePrefix === 'string' ? input.QueueNamePrefix : '';
    const urls = [...this.queues.values()].filter((q) => q.name.startsWith(prefix)).map((q) => this.urlOf(q));
    return ok(urls.length ? { QueueUrls: urls } : {});
  }

  private getQueueUrl(input: Input): SqsReply {
    if (typeof input.QueueName !== 'string') return missing('QueueName');
    const queue = [...this.queues.values()].find((q) => q.name === input.QueueName);
    if (!queue) {
      return sqsError(400, 'com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.', {
        'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender',
      });
    }
    return ok({ QueueUrl: this.urlOf(queue) });
  }
}

const SYSTEM_ATTRIBUTES = ['SenderId', 'SentTimestamp', 'ApproximateReceiveCount', 'ApproximateFirstReceiveTimestamp'];

function messageOut(m: QueueMessage, names: string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {
    MessageId: m.messageId,
    ReceiptHandle: m.receiptHandle,
    MD5OfBody: m.md5OfBody,
    Body: m.body,
  };
  const wanted = names.includes('All') ? SYSTEM_ATTRIBUTES : SYSTEM_ATTRIBUTES.filter((n) => names.includes(n));
  if (wanted.length > 0) {
    const values: Record<string, string> = {
      SenderId: m.senderId,
      SentTimestamp: String(m.sentAt),
      ApproximateReceiveCount: String(m.receiveCount),
      ApproximateFirstReceiveTimestamp: String(m.firstReceiveAt ?? m.sentAt),
    };
    out.Attributes = Object.fromEntries(wanted.map((n) => [n, values[n] ?? '']));
  }
  return out;
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** An integer parameter in [min, max]; `fallback` when absent (undefined fallback = required). */
function intParam(input: Input, name: string, fallback: number | undefined, min: number, max: number) {
  const v = input[name];
  if (v === undefined || v === null) return fallback ?? missing(name);
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    return invalidValue(
      name,
      `Value ${String(v)} for parameter ${name} is invalid. Reason: Must be between ${min} and ${max}, if provided.`,
    );
  }
  return v;
}

function ok(body: unknown): SqsReply {
  return { status: 200, body };
}

function sqsError(status: number, type: string, message: string, headers: Record<string, string> = {}): SqsReply {
  const code = type.slice(type.indexOf('#') + 1);
  return { status, body: { __type: type, message }, headers: { 'x-amzn-query-error': `${code};Sender`, ...headers } };
}

function missing(name: string): SqsReply {
  return sqsError(
    400,
    'com.amazon.coral.validate#ValidationException',
    `The request must contain the parameter ${name}.`,
    {
      'x-amzn-query-error': 'MissingParameter;Sender',
    },
  );
}

function invalidValue(name: string, message: string): SqsReply {
  return sqsError(400, 'com.amazon.coral.validate#ValidationException', message || `Invalid value for ${name}.`, {
    'x-amzn-query-error': 'InvalidParameterValue;Sender',
  });
}

function invalidHandle(handle: string): SqsReply {
  return sqsError(
    404,
    'com.amazonaws.sqs#ReceiptHandleIsInvalid',
    `The input receipt handle "${handle}" is not valid.`,
    {
      'x-amzn-query-error': 'ReceiptHandleIsInvalid;Sender',
    },
  );
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** Mounts the SQS endpoint at `/` (SDK `endpoint` = simulator URL) and under `/sqs/…` (endpoint = a queue URL). */
export function registerSqsRoutes(app: FastifyInstance, sqs: SqsService): void {
  const handler = async (request: FastifyRequest, reply: FastifyReply) => {
    const header = request.headers['x-amz-target'];
    const target = (Array.isArray(header) ? header[0] : header) ?? '';
    if (request.method !== 'POST' || !target.startsWith('AmazonSQS.')) {
      if (request.url === '/' || request.url.startsWith('/?')) return sendReply(reply, notFound());
      return sendSqs(
        reply,
        sqsError(
          400,
          'com.amazonaws.sqs#UnsupportedOperation',
          'amazon-sim speaks only the SQS JSON protocol (POST, X-Amz-Target: AmazonSQS.<Action>).',
        ),
      );
    }
    const aborted = new Promise<void>((resolve) => reply.raw.once('close', () => resolve()));
    const raw = Buffer.isBuffer(request.body) ? request.body.toString('utf8') : '';
    return sendSqs(reply, await sqs.handle(target.slice('AmazonSQS.'.length), raw, aborted));
  };
  app.post('/', handler);
  app.route({ method: [...METHODS], url: '/sqs', handler });
  app.route({ method: [...METHODS], url: '/sqs/*', handler });
  app.addHook('preClose', async () => sqs.releaseWaiters());
}

function sendSqs(reply: FastifyReply, r: SqsReply): FastifyReply {
  for (const [k, v] of Object.entries(r.headers ?? {})) reply.header(k, v);
  // A Buffer keeps Fastify from appending `; charset=utf-8`: SQS sends the bare media type.
  return reply
    .code(r.status)
    .header('content-type', CONTENT_TYPE)
    .send(Buffer.from(JSON.stringify(r.body)));
}
