import type { ExpressionBuilder } from 'kysely';
import { type AnyKysely, tables } from '../db/database.js';
import type { JobStatus } from './job-queue.js';

export interface JobRow {
  id: string;
  queue: string;
  name: string;
  jobKey: string | null;
  payloadJson: string;
  status: JobStatus;
  attempts: number;
  maxAttempts: number;
  backoffMs: number;
  runAt: number;
  lockedBy: string | null;
  lockedUntil: number | null;
  lastError: string | null;
  resultJson: string | null;
  progressJson: string | null;
  createdAt: number;
  finishedAt: number | null;
}

interface JobTables {
  job: JobRow;
}

export type JobRepository = ReturnType<typeof createJobRepository>;

/** Every SQL statement on the `job` table for one queue: the same statements on SQLite and PostgreSQL. */
export function createJobRepository(root: AnyKysely, queue: string) {
  const db = tables<JobTables>(root);

  // due (waiting, or delayed and due) or abandoned (active, but its holder stopped renewing the lock)
  const claimable = (now: number) => (eb: ExpressionBuilder<JobTables, 'job'>) =>
    eb.or([
      eb.and([eb('status', 'in', ['waiting', 'delayed']), eb('runAt', '<=', now)]),
      eb.and([eb('status', '=', 'active'), eb('lockedUntil', '<', now)]),
    ]);

  const held = (id: string, workerId: string) =>
    db.updateTable('job').where('id', '=', id).where('lockedBy', '=', workerId).where('status', '=', 'active');

  return {
    /** Inserts the job unless one with the same key exists in this queue; true when inserted. */
    async insertJob(row: JobRow): Promise<boolean> {
      const inserted = await db
        .insertInto('job')
        .values(row)
        .onConflict((oc) => oc.columns(['queue', 'jobKey']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted !== undefined;
    },

    async findJobIdByKey(jobKey: string): Promise<string | null> {
      const row = await db
        .selectFrom('job')
        .select('id')
        .where('queue', '=', queue)
        .where('jobKey', '=', jobKey)
        .executeTakeFirst();
      return row?.id ?? null;
    },

    async findJob(id: string): Promise<JobRow | null> {
      const row = await db
        .selectFrom('job')
        .selectAll()
        .where('id', '=', id)
        .where('queue', '=', queue)
        .executeTakeFirst();
      return row ?? null;
    },

    /** Which of these job names have a job ready to be claimed. */
    async listReadyNames(names: string[], now: number): Promise<string[]> {
      if (names.length === 0) return [];
      const rows = await db
        .selectFrom('job')
        .select('name')
        .distinct()
        .where('queue', '=', queue)
        .where('name', 'in', names)
        .where(claimable(now))
        .execute();
      return rows.map((r) => r.name);
    },

    /**
     * Atomically takes the oldest ready job of a name: the WHERE is re-checked on the row itself, so of two workers
     * that picked the same id one updates it and the other gets nothing (SQLite serialises writers; PostgreSQL
     * re-evaluates the condition on the locked row).
     */
    async claimNextJob(name: string, workerId: string, now: number, lockMs: number): Promise<JobRow | undefined> {
      const next = db
        .selectFrom('job')
        .select('id')
        .where('queue', '=', queue)
        .where('name', '=', name)
        .where(claimable(now))
        .orderBy('runAt')
        .orderBy('id')
        .limit(1);
      return db
        .updateTable('job')
        .set((eb) => ({
          status: 'active',
          lockedBy: workerId,
          lockedUntil: now + lockMs,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', next)
        .where(claimable(now))
        .returningAll()
        .executeTakeFirst();
    },

    /** Changes a running job only while workerId still holds it; false when the lock was lost to another worker. */
    async updateHeldJob(id: string, workerId: string, changes: Partial<JobRow>): Promise<boolean> {
      const res = await held(id, workerId).set(changes).executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    async listDeadJobs(limit: number): Promise<JobRow[]> {
      return db
        .selectFrom('job')
        .selectAll()
        .where('queue', '=', queue)
        .where('status', '=', 'dead')
        .orderBy('finishedAt', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
    },

    /** Moves a dead job back to waiting with its attempts reset; false when it is not dead. */
    async reviveDeadJob(id: string, now: number): Promise<boolean> {
      const res = await db
        .updateTable('job')
        .set({ status: 'waiting', attempts: 0, runAt: now, finishedAt: null, lockedBy: null, lockedUntil: null })
        .where('id', '=', id)
        .where('queue', '=', queue)
        .where('status', '=', 'dead')
        .executeTakeFirst();
      return Number(res.numUpdatedRows) > 0;
    },

    async deleteCompletedBefore(finishedBefore: number): Promise<void> {
      await db
        .deleteFrom('job')
        .where('queue', '=', queue)
        .where('status', '=', 'completed')
        .where('finishedAt', '<', finishedBefore)
        .execute();
    },
  };
}
