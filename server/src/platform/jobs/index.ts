import { createBullmqQueue } from './bullmq-queue.js';
import { createInProcessQueue, type InProcessQueueOptions } from './in-process-queue.js';
import type { JobQueue } from './job-queue.js';

export type { BullmqQueueOptions } from './bullmq-queue.js';
export { createBullmqQueue } from './bullmq-queue.js';
export type { InProcessQueueOptions, JobOutcome } from './in-process-queue.js';
export { createInProcessQueue } from './in-process-queue.js';
export type * from './job-queue.js';

export interface CreateJobQueueOptions extends InProcessQueueOptions {
  /** When set, jobs live in Redis (BullMQ); db, clock, pollMs, workerId, lockMs and rateLimiter are then unused. */
  redisUrl?: string | undefined;
  /** Redis key prefix for BullMQ. Default `yf`. */
  prefix?: string;
}

/** The app's job queue: BullMQ when a Redis URL is configured, else the in-process queue on the app database. */
export function createJobQueue(opts: CreateJobQueueOptions): JobQueue {
  if (opts.redisUrl) {
    const { redisUrl, queue, prefix, logger, keepCompletedMs, onOutcome } = opts;
    return createBullmqQueue({ redisUrl, queue, prefix, logger, keepCompletedMs, onOutcome });
  }
  return createInProcessQueue(opts);
}
