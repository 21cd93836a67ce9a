import type { JobDefinition, ScheduleOptions } from '../../platform/jobs/job-queue.js';
import type { NotificationConsumer } from './notification-consumer.js';
import { SYNC_JOB, type SyncJobPayload, type SyncService } from './sync.service.js';

/** The jobs of the sync module: one run of a store's data type, and the scheduler tick that queues due runs. */
export function syncJobs(
  sync: SyncService,
  notifications?: NotificationConsumer,
): (JobDefinition<unknown, unknown> & { schedule?: ScheduleOptions })[] {
  const run: JobDefinition<SyncJobPayload, unknown> = {
    name: SYNC_JOB,
    // Runs mostly wait on Amazon (quotas, report processing): many at once cost little and keep stores apart.
    concurrency: 16,
    handler: async (ctx) =>
      sync.runSync(ctx.payload, {
        signal: ctx.signal,
        onProgress: (percent, message) => void ctx.progress(percent, message).catch(() => undefined),
      }),
  };
  const tick: JobDefinition<unknown, unknown> & { schedule: ScheduleOptions } = {
    name: 'amazon.sync-due',
    handler: async () => ({ queued: await sync.enqueueDue() }),
    schedule: { cron: '* * * * *', timeZone: 'UTC' },
  };
  // Long-polls every store's notification queue for most of a minute; the next minute's schedule continues.
  const consume: JobDefinition<unknown, unknown> & { schedule: ScheduleOptions } = {
    name: 'amazon.notifications',
    handler: async () => ({ handled: await notifications?.consumeAll({ maxMs: 50_000 }) }),
    schedule: { cron: '* * * * *', timeZone: 'UTC' },
  };
  return [run as JobDefinition<unknown, unknown>, tick, ...(notifications ? [consume] : [])];
}
