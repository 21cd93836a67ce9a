import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, testDialect } from '../../../test/db.js';
import type { Database } from '../db/database.js';
import { createInProcessQueue } from './in-process-queue.js';
import { describeJobQueueContract, waitFor } from './job-queue.contract.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(async () => {
  await database.close();
});

describeJobQueueContract(`in-process on ${testDialect}`, async (queue) =>
  createInProcessQueue({ db: database.db, queue, pollMs: 50 }),
);

describe(`in-process queue specifics on ${testDialect}`, () => {
  it('takes over a job whose worker died once its lock expires, counting that start as an attempt', async () => {
    const crashed = createInProcessQueue({ db: database.db, queue: 'takeover', pollMs: 50, lockMs: 400 });
    const started = new Set<string>();
    crashed.register({
      name: 'sync',
      concurrency: 2,
      handler: async (ctx) => {
        started.add(ctx.id);
        await new Promise((r) => ctx.signal.addEventListener('abort', r, { once: true }));
      },
    });
    const retriable = await crashed.enqueue('sync', { n: 1 }, { attempts: 2 });
    const lastTry = await crashed.enqueue('sync', { n: 2 }, { attempts: 1 });
    await crashed.startWorker();
    await waitFor(async () => started.size === 2);

    // the process "dies": its rows stop naming it (so nothing it does later counts) and the locks run out soon
    await database.db
      .updateTable('job')
      .set({ lockedBy: 'dead-worker', lockedUntil: Date.now() + 300 })
      .where('id', 'in', [retriable.id, lastTry.id])
      .execute();
    await crashed.close();

    const rescuer = createInProcessQueue({ db: database.db, queue: 'takeover', pollMs: 50 });
    const attempts: number[] = [];
    rescuer.register({ name: 'sync', handler: async (ctx) => attempts.push(ctx.attempt) });
    await rescuer.startWorker();
    await waitFor(async () => (await rescuer.getJob(retriable.id))?.status === 'completed');
    const dead = await waitFor(async () => {
      const j = await rescuer.getJob(lastTry.id);
      return j?.status === 'dead' ? j : undefined;
    });
    expect(attempts).toEqual([2]);
    expect(dead.lastError).toMatch(/stopped/);
    await rescuer.close();
  });

  it('keeps completed jobs for keepCompletedMs, after which their jobId can be used again', async () => {
    const q = createInProcessQueue({ db: database.db, queue: 'prune', pollMs: 50, keepCompletedMs: 0 });
    q.register({ name: 'n', handler: async () => 'ok' });
    const first = await q.enqueue('n', {}, { jobId: 'k1' });
    await q.startWorker();
    await waitFor(async () => (await q.getJob(first.id))?.status === 'completed');
    await q.close();
    const again = createInProcessQueue({ db: database.db, queue: 'prune', pollMs: 50, keepCompletedMs: 0 });
    again.register({ name: 'n', handler: async () => 'ok' });
    await again.startWorker(); // its first tick prunes
    await waitFor(async () => (await again.getJob(first.id)) === null);
    const second = await again.enqueue('n', {}, { jobId: 'k1' });
    expect(second.deduplicated).toBe(false);
    expect(second.id).not.toBe(first.id);
    await again.close();
  });
});
