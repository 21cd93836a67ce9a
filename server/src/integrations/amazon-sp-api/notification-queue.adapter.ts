import { DeleteMessageBatchCommand, type Message, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { NotificationQueue, QueueMessage } from '../../modules/sync/index.js';
import { AmazonApiError } from './amazon-api-error.js';

/**
 * The notification queue port over Amazon SQS (`@aws-sdk/client-sqs`). The endpoint is the queue URL's origin, so
 * the same code talks to SQS or to amazon-sim's queues. Credentials: YANGFAN_AWS_ACCESS_KEY_ID /
 * YANGFAN_AWS_SECRET_ACCESS_KEY when set, else the AWS SDK's default chain (the simulator accepts any).
 */

export interface SqsQueueOptions {
  accessKeyId?: string | undefined;
  secretAccessKey?: string | undefined;
}

function regionOf(queueUrl: string): string {
  return /sqs\.([a-z0-9-]+)\.amazonaws\.com/.exec(queueUrl)?.[1] ?? 'us-east-1';
}

export function createSqsNotificationQueue(opts: SqsQueueOptions = {}): NotificationQueue {
  const clients = new Map<string, SQSClient>();
  const clientFor = (queueUrl: string) => {
    const origin = new URL(queueUrl).origin;
    let c = clients.get(origin);
    if (!c) {
      const isAws = /amazonaws\.com$/.test(new URL(queueUrl).hostname);
      c = new SQSClient({
        region: regionOf(queueUrl),
        ...(isAws ? {} : { endpoint: origin }),
        ...(opts.accessKeyId && opts.secretAccessKey
          ? { credentials: { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } }
          : isAws
            ? {}
            : { credentials: { accessKeyId: 'yangfan', secretAccessKey: 'yangfan' } }),
      });
      clients.set(origin, c);
    }
    return c;
  };
  const wrap = (err: unknown, what: string) =>
    new AmazonApiError('UPSTREAM_UNAVAILABLE', `SQS ${what} failed: ${(err as Error).message}`, {
      retryable: true,
      ...((err as { $metadata?: { requestId?: string } }).$metadata?.requestId
        ? { requestId: (err as { $metadata: { requestId: string } }).$metadata.requestId }
        : {}),
    });
  return {
    async receive(queueUrl, o): Promise<QueueMessage[]> {
      try {
        const res = await clientFor(queueUrl).send(
          new ReceiveMessageCommand({
            QueueUrl: queueUrl,
            MaxNumberOfMessages: Math.min(10, o.max),
            WaitTimeSeconds: o.waitSeconds,
            MessageSystemAttributeNames: ['ApproximateReceiveCount'],
          }),
        );
        return (res.Messages ?? []).flatMap((m: Message) =>
          m.ReceiptHandle
            ? [
                {
                  receiptHandle: m.ReceiptHandle,
                  body: m.Body ?? '',
                  receiveCount: Number(m.Attributes?.ApproximateReceiveCount ?? 1),
                },
              ]
            : [],
        );
      } catch (err) {
        throw wrap(err, 'ReceiveMessage');
      }
    },
    async delete(queueUrl, receiptHandles) {
      if (receiptHandles.length === 0) return;
      try {
        await clientFor(queueUrl).send(
          new DeleteMessageBatchCommand({
            QueueUrl: queueUrl,
            Entries: receiptHandles.map((h, i) => ({ Id: String(i), ReceiptHandle: h })),
          }),
        );
      } catch (err) {
        throw wrap(err, 'DeleteMessageBatch');
      }
    },
  };
}
