/**
 * Reads an SP-API notification as it arrives in an SQS message body. Amazon's envelopes are PascalCase for the older
 * types (`NotificationType`, `Payload`, `NotificationMetadata.NotificationId`) and camelCase for newer ones; both are
 * accepted. Pure: no I/O.
 */

export interface NotificationEnvelope {
  notificationId: string;
  notificationType: string;
  /** `NotificationVersion` (envelope) — handlers check the payload version they understand. */
  notificationVersion: string;
  payloadVersion: string;
  eventTime: number | null;
  publishTime: number | null;
  payload: Record<string, unknown>;
}

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const pick = (o: Json, pascal: string): unknown => o[pascal] ?? o[pascal.charAt(0).toLowerCase() + pascal.slice(1)];
const instant = (v: unknown): number | null => {
  const ms = typeof v === 'string' ? Date.parse(v) : Number.NaN;
  return Number.isNaN(ms) ? null : ms;
};

/** Parses a message body; throws with a reason when it is not a notification (the message is kept as failed). */
export function parseNotification(body: string): NotificationEnvelope {
  let raw: unknown;
  try {
    raw = JSON.parse(body);
  } catch {
    throw new Error('The message body is not JSON');
  }
  const o = obj(raw);
  const meta = obj(pick(o, 'NotificationMetadata'));
  const notificationType = str(pick(o, 'NotificationType'));
  const notificationId = str(pick(meta, 'NotificationId'));
  if (!notificationType) throw new Error('The message has no NotificationType');
  if (!notificationId) throw new Error('The message has no NotificationMetadata.NotificationId');
  return {
    notificationId,
    notificationType,
    notificationVersion: str(pick(o, 'NotificationVersion')),
    payloadVersion: str(pick(o, 'PayloadVersion')),
    eventTime: instant(pick(o, 'EventTime')),
    publishTime: instant(pick(meta, 'PublishTime')),
    payload: obj(pick(o, 'Payload')),
  };
}

/** The SQS queue ARN Amazon publishes to, from its URL (`https://sqs.<aws-region>.amazonaws.com/<account>/<name>`). */
export function queueArnOf(queueUrl: string, fallbackAwsRegion: string): string {
  const url = new URL(queueUrl);
  const parts = url.pathname.split('/').filter(Boolean);
  const [account, name] = parts.slice(-2);
  if (!account || !name) throw new Error(`${queueUrl} is not an SQS queue URL (…/<account>/<queue name>)`);
  const region = /^sqs\.([a-z0-9-]+)\.amazonaws\.com$/.exec(url.hostname)?.[1] ?? fallbackAwsRegion;
  return `arn:aws:sqs:${region}:${account}:${name}`;
}

/** AWS region of Amazon's notification queues per SP-API region (where a queue URL does not say). */
export const AWS_REGION_OF: Record<'NA' | 'EU' | 'FE', string> = { NA: 'us-east-1', EU: 'eu-west-1', FE: 'us-west-2' };
