import { runWrite } from '../../../platform/audit.js';
import type { Clock } from '../../../platform/clock.js';
import type { AnyKysely } from '../../../platform/db/database.js';
import type { JobDefinition } from '../../../platform/jobs/index.js';
import { deleteExpiredSessions } from '../iam.repository.js';

export interface ScheduledJob<P = unknown, R = unknown> extends JobDefinition<P, R> {
  schedule?: { cron: string; timeZone: string };
}

/** Hourly: deletes expired sessions so the table does not grow without bound. */
export function purgeSessionsJob(deps: { db: AnyKysely; clock: Clock }): ScheduledJob<unknown, { deleted: number }> {
  return {
    name: 'iam.purge-expired-sessions',
    schedule: { cron: '7 * * * *', timeZone: 'UTC' },
    handler: async () => ({
      deleted: await runWrite(
        deps.db,
        {
          actor: { type: 'job', id: null, name: 'iam.purge-expired-sessions', companyId: null },
          source: 'job',
          clock: deps.clock,
        },
        (ctx) => deleteExpiredSessions(ctx, deps.clock.now()),
      ),
    }),
  };
}
