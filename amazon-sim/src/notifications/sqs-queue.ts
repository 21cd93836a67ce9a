import { createHash } from 'node:crypto';
import type { SimClock } from '../clock.ts';

/**
 * One simulated SQS standard queue: messages with visibility timeouts, receive counts, receipt handles and
 * retention, all on the simulator's virtual clock. The wire protocol lives in sqs.ts.
 */

export interface QueueMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  senderId: string;
  /** Virtual ms when the message was sent (SentTimestamp). */
  sentAt: number;
  /** Virtual ms from which the message can be received (delay or visibility timeout). */
  visibleAt: number;
  receiveCount: number;
  firstReceiveAt?: number;
  /** The receipt handle of the latest receive; older handles are stale. */
  receiptHandle?: string;
}

export interface QueueAttributes {
  visibilityTimeoutSeconds: number;
  messageRetentionSeconds: number;
  receiveWaitSeconds: number;
  maximumMessageBytes: number;
}

export const DEFAULT_QUEUE_ATTRIBUTES: QueueAttributes = {
  visibilityTimeoutSeconds: 30,
  messageRetentionSeconds: 345_600,
  receiveWaitSeconds: 0,
  maximumMessageBytes: 262_144,
};

export type DeleteOutcome = 'deleted' | 'stale' | 'invalid';
export type VisibilityOutcome = 'ok' | 'not-inflight' | 'invalid';

/** A standard queue: at-least-once, best-effort order (oldest visible first). */
export class SqsQueue {
  private messages: QueueMessage[] = [];
  private readonly listeners = new Set<() => void>();
  private handleCounter = 0;
  readonly createdAt: number;
  readonly attributes: QueueAttributes = { ...DEFAULT_QUEUE_ATTRIBUTES };

  constructor(
    readonly name: string,
    /** URL path of the queue, `/sqs/<account>/<name>` (the host depends on where the simulator listens). */
    readonly path: string,
    readonly arn: string,
    private readonly clock: SimClock,
    private readonly newMessageId: () => string,
  ) {
    this.createdAt = clock.now();
  }

  /** Adds a message (visible after `delaySeconds`) and wakes long-polling receivers. */
  send(body: string, senderId: string, delaySeconds = 0): QueueMessage {
    const now = this.clock.now();
    const message: QueueMessage = {
      messageId: this.newMessageId(),
      body,
      md5OfBody: md5Hex(body),
      senderId,
      sentAt: now,
      visibleAt: now + delaySeconds * 1000,
      receiveCount: 0,
    };
    this.messages.push(message);
    this.notify();
    return message;
  }

  /** Receives up to `max` visible messages, hiding each for `visibilitySeconds` and issuing a new receipt handle. */
  receive(max: number, visibilitySeconds: number): QueueMessage[] {
    this.expire();
    const now = this.clock.now();
    const out: QueueMessage[] = [];
    for (const m of this.messages) {
      if (out.length >= max) break;
      if (m.visibleAt > now) continue;
      m.receiveCount += 1;
      m.firstReceiveAt ??= now;
      m.visibleAt = now + visibilitySeconds * 1000;
      m.receiptHandle = this.newHandle(m);
      out.push({ ...m });
    }
    return out;
  }

  /** Deletes by receipt handle: the latest handle deletes, a stale or already-used handle succeeds without effect. */
  delete(handle: string): DeleteOutcome {
    const ref = this.parseHandle(handle);
    if (!ref) return 'invalid';
    const i = this.messages.findIndex((m) => m.messageId === ref.messageId);
    const message = this.messages[i];
    if (!message || message.receiptHandle !== handle) return 'stale';
    this.messages.splice(i, 1);
    return 'deleted';
  }

  /** Changes the visibility timeout of an in-flight message (0 makes it visible at once). */
  changeVisibility(handle: string, seconds: number): VisibilityOutcome {
    const ref = this.parseHandle(handle);
    if (!ref) return 'invalid';
    const message = this.messages.find((m) => m.messageId === ref.messageId);
    const now = this.clock.now();
    if (!message || message.receiptHandle !== handle || message.visibleAt <= now) return 'not-inflight';
    message.visibleAt = now + seconds * 1000;
    if (seconds === 0) this.notify();
    return 'ok';
  }

  /** Approximate counts, as GetQueueAttributes reports them. */
  counts(): { visible: number; inFlight: number; delayed: number } {
    this.expire();
    const now = this.clock.now();
    let visible = 0;
    let inFlight = 0;
    let delayed = 0;
    for (const m of this.messages) {
      if (m.visibleAt <= now) visible++;
      else if (m.receiveCount > 0) inFlight++;
      else delayed++;
    }
    return { visible, inFlight, delayed };
  }

  /** Drops every message. */
  purge(): void {
    this.messages = [];
  }

  /** Calls `listener` whenever a message may have become receivable; returns the unsubscribe function. */
  onActivity(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private notify(): void {
    for (const l of [...this.listeners]) l();
  }

  private expire(): void {
    const cutoff = this.clock.now() - this.attributes.messageRetentionSeconds * 1000;
    if (this.messages.some((m) => m.sentAt <= cutoff)) this.messages = this.messages.filter((m) => m.sentAt > cutoff);
  }

  private newHandle(m: QueueMessage): string {
    const raw = JSON.stringify({ q: this.name, m: m.messageId, n: m.receiveCount, h: ++this.handleCounter });
    return `AQEB${Buffer.from(raw).toString('base64')}`;
  }

  private parseHandle(handle: string): { messageId: string } | undefined {
    if (!handle.startsWith('AQEB')) return undefined;
    try {
      const v = JSON.parse(Buffer.from(handle.slice(4), 'base64').toString('utf8')) as { q?: unknown; m?: unknown };
      return v.q === this.name && typeof v.m === 'string' ? { messageId: v.m } : undefined;
    } catch {
      return undefined;
    }
  }
}

/** MD5 of a UTF-8 string, lowercase hex (SQS's MD5OfBody). */
export function md5Hex(text: string): string {
  return createHash('md5').update(text, 'utf8').digest('hex');
}
