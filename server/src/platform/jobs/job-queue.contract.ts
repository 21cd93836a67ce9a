import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { JobInfo, JobQueue } from './job-queue.js';

/** Polls until check returns a value (not undefined/false), or fails after timeoutMs. */
export async function waitFor<T>(check: () => Promise<T | undefined | false>, timeoutMs = 8000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`waitFor timed out after ${timeoutMs} ms`);
    await sleep(25);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const until = (q: JobQueue, id: string, status: JobInfo['status']) =>
  waitFor(async () => {
    const j = await q.getJob(id);
    return j?.status === status ? j : undefined;
  });

/**
 * The behaviour every JobQueue adapter must have. `makeQueue(queueName)` opens a new instance on the shared
 * backend; two calls with the same name are two processes sharing that queue.
 */
export function describeJobQueueContract(name: string, makeQueue: (queueName: string) => Promise<JobQueue>): void {
  describe(`job queue contract: ${name}`, () => {
    const opened: JobQueue[] = [];
    const open = async (queueName: string) => {
      const q = await makeQueue(queueName);
      opened.push(q);
      return q;
    };
    const fresh = () => open(`q${randomBytes(4).toString('hex')}`);
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((q) => q.close()));
    });

    it('enqueues and processes a job, and reports it through getJob', async () => {
      const q = await fresh();
      const seen: { id: string; attempt: number; name: string }[] = [];
      q.register<{ n: number }, { doubled: number }>({
        name: 'double',
        handler: async (ctx) => {
          seen.push({ id: ctx.id, attempt: ctx.attempt, name: ctx.name });
          return { doubled: ctx.payload.n * 2 };
        },
      });
      await q.startWorker();
      const { id, deduplicated } = await q.enqueue('double', { n: 21 });
      expect(deduplicated).toBe(false);
      const done = await until(q, id, 'completed');
      expect(done).toMatchObject({ id, name: 'double', attempts: 1, payload: { n: 21 }, result: { doubled: 42 } });
      expect(seen).toEqual([{ id, attempt: 1, name: 'double' }]);
      expect(await q.getJob(`${id}x`)).toBeNull();
      expect(await q.ping()).toBe(true);
    });

    it('dedupes by jobId while the job exists, completed included', async () => {
      const q = await fresh();
      let runs = 0;
      q.register({ name: 'once', handler: async () => ++runs });
      const first = await q.enqueue('once', { v: 1 }, { jobId: 'order:123:sync' });
      const second = await q.enqueue('once', { v: 2 }, { jobId: 'order:123:sync' });
      expect(second).toEqual({ id: first.id, deduplicated: true });
      await q.startWorker();
      await until(q, first.id, 'completed');
      expect(await q.enqueue('once', { v: 3 }, { jobId: 'order:123:sync' })).toEqual({
        id: first.id,
        deduplicated: true,
      });
      const other = await q.enqueue('once', { v: 4 }, { jobId: 'order:124:sync' });
      expect(other.deduplicated).toBe(false);
      await until(q, other.id, 'completed');
      expect(runs).toBe(2);
      expect((await q.getJob(first.id))?.payload).toEqual({ v: 1 });
    });

    it('retries with exponential backoff, dead-letters after the last attempt, and retryDead runs it again', async () => {
      const q = await fresh();
      const startedAt: number[] = [];
      let healthy = false;
      q.register({
        name: 'flaky',
        handler: async (ctx) => {
          startedAt.push(Date.now());
          expect(ctx.attempt).toBe(startedAt.length > 3 ? 1 : startedAt.length);
          if (!healthy) throw new Error(`boom ${ctx.attempt}`);
          return 'ok';
        },
      });
      await q.startWorker();
      const { id } = await q.enqueue('flaky', null, { attempts: 3, backoffMs: 150 });
      const dead = await until(q, id, 'dead');
      expect(dead).toMatchObject({ attempts: 3, lastError: 'boom 3' });
      expect(startedAt).toHaveLength(3);
      // backoff is a lower bound: base × 2^(attempt-1); a loaded machine can only make the gaps longer
      expect(startedAt[1]! - startedAt[0]!).toBeGreaterThanOrEqual(150 - 15);
      expect(startedAt[2]! - startedAt[1]!).toBeGreaterThanOrEqual(300 - 15);
      expect((await q.listDeadLetter()).map((j) => j.id)).toEqual([id]);

      healthy = true;
      await q.retryDead(id);
      const done = await until(q, id, 'completed');
      expect(done.result).toBe('ok');
      expect(startedAt).toHaveLength(4);
      expect(await q.listDeadLetter()).toEqual([]);
      await expect(q.retryDead(id)).rejects.toMatchObject({ code: 'CONFLICT' });
    });

    it('does not run a delayed job early', async () => {
      const q = await fresh();
      let ranAt = 0;
      q.register({
        name: 'later',
        handler: async () => {
          ranAt = Date.now();
        },
      });
      await q.startWorker();
      const enqueuedAt = Date.now();
      const { id } = await q.enqueue('later', {}, { delayMs: 700 });
      expect((await q.getJob(id))?.status).toBe('delayed');
      await until(q, id, 'completed');
      expect(ranAt - enqueuedAt).toBeGreaterThanOrEqual(700 - 15);
    });

    it('makes progress visible through getJob while the job runs', async () => {
      const q = await fresh();
      let release: () => void = () => {};
      const gate = new Promise<void>((r) => {
        release = r;
      });
      q.register({
        name: 'long',
        handler: async (ctx) => {
          await ctx.progress(50, 'half way');
          await gate;
          await ctx.progress(100);
        },
      });
      await q.startWorker();
      const { id } = await q.enqueue('long', {});
      const running = await waitFor(async () => {
        const j = await q.getJob(id);
        return j?.progress?.percent === 50 ? j : undefined;
      });
      expect(running.status).toBe('active');
      expect(running.progress).toEqual({ percent: 50, message: 'half way' });
      release();
      expect((await until(q, id, 'completed')).progress).toEqual({ percent: 100 });
    });

    it('never runs more of one job name at once than its concurrency', async () => {
      const q = await fresh();
      let active = 0;
      let maxActive = 0;
      q.register({
        name: 'pair',
        concurrency: 2,
        handler: async () => {
          active++;
          maxActive = Math.max(maxActive, active);
          await sleep(120);
          active--;
        },
      });
      const ids = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => q.enqueue('pair', { n })));
      await q.startWorker();
      for (const { id } of ids) await until(q, id, 'completed');
      expect(maxActive).toBe(2);
    });

    it('starts at most `max` jobs of a rate-limited name per duration', async () => {
      const q = await fresh();
      const starts: number[] = [];
      q.register({
        name: 'limited',
        concurrency: 5,
        rateLimit: { max: 2, durationMs: 1000 },
        handler: async () => {
          starts.push(Date.now());
        },
      });
      const ids = await Promise.all([1, 2, 3, 4, 5].map((n) => q.enqueue('limited', { n })));
      await q.startWorker();
      for (const { id } of ids) await until(q, id, 'completed');
      starts.sort((a, b) => a - b);
      const first = starts[0]!;
      // counts, not durations: in the first 900 ms after the first start only 2 may start; 5 need 3 windows
      expect(starts.filter((t) => t - first < 900)).toHaveLength(2);
      expect(starts[4]! - first).toBeGreaterThanOrEqual(1800);
    });

    it('fires a cron schedule in its time zone, once per fire time even when two instances schedule it', async () => {
      const queueName = `q${randomBytes(4).toString('hex')}`;
      const [a, b] = [await open(queueName), await open(queueName)];
      const runs: unknown[] = [];
      for (const q of [a, b]) {
        q.register({
          name: 'tick',
          handler: async (ctx) => {
            runs.push(ctx.payload);
          },
        });
      }
      await Promise.all([a.startWorker(), b.startWorker()]);
      const from = Date.now();
      const every = { cron: '* * * * * *', timeZone: 'Asia/Shanghai', payload: { store: 's1' } };
      await Promise.all([a.schedule('heartbeat', 'tick', every), b.schedule('heartbeat', 'tick', every)]);
      await waitFor(async () => runs.length >= 2);
      await sleep(1200);
      await Promise.all([a.unschedule('heartbeat'), b.unschedule('heartbeat')]);
      const elapsed = Date.now() - from;
      await sleep(300); // let a fire that was already due finish
      const count = runs.length;
      // each fire second gives one job, whichever instance fired it; a double fire would give about twice as many
      expect(count).toBeLessThanOrEqual(Math.floor(elapsed / 1000) + 2);
      expect(runs.every((p) => JSON.stringify(p) === JSON.stringify({ store: 's1' }))).toBe(true);
      await sleep(1100);
      expect(runs.length).toBe(count);
      await expect(a.schedule('bad', 'tick', { cron: 'not a cron', timeZone: 'UTC' })).rejects.toMatchObject({
        code: 'INVALID_INPUT',
      });
    });

    it('two instances on one backend share the work and never run a job twice', async () => {
      const queueName = `q${randomBytes(4).toString('hex')}`;
      const [a, b] = [await open(queueName), await open(queueName)];
      const ranBy = new Map<string, string[]>();
      for (const [label, q] of [['a', a] as const, ['b', b] as const]) {
        q.register({
          name: 'work',
          handler: async (ctx) => {
            ranBy.set(ctx.id, [...(ranBy.get(ctx.id) ?? []), label]);
            await sleep(30);
          },
        });
      }
      await Promise.all([a.startWorker(), b.startWorker()]);
      const ids = await Promise.all(Array.from({ length: 20 }, (_, n) => a.enqueue('work', { n })));
      for (const { id } of ids) await until(b, id, 'completed');
      expect([...ranBy.keys()].sort()).toEqual(ids.map((j) => j.id).sort());
      expect([...ranBy.values()].every((by) => by.length === 1)).toBe(true);
      const byA = [...ranBy.values()].filter((by) => by[0] === 'a').length;
      expect(byA).toBeGreaterThan(0);
      expect(byA).toBeLessThan(20);
    });

    it('close aborts the signal of running jobs and waits for them to finish', async () => {
      const q = await fresh();
      let started = false;
      let finished = false;
      q.register({
        name: 'stoppable',
        handler: async (ctx) => {
          started = true;
          await new Promise((r) => ctx.signal.addEventListener('abort', r, { once: true }));
          await sleep(100);
          finished = true;
        },
      });
      await q.startWorker();
      await q.enqueue('stoppable', {});
      await waitFor(async () => started);
      expect(finished).toBe(false);
      await q.close();
      expect(finished).toBe(true);
    });

    it('puts a job interrupted by close back in the queue without using its attempt', async () => {
      const queueName = `q${randomBytes(4).toString('hex')}`;
      const first = await open(queueName);
      let started = false;
      first.register({
        name: 'resumable',
        handler: async (ctx) => {
          started = true;
          await new Promise((r) => ctx.signal.addEventListener('abort', r, { once: true }));
          throw new Error('interrupted');
        },
      });
      await first.startWorker();
      const { id } = await first.enqueue('resumable', {}, { attempts: 1 });
      await waitFor(async () => started);
      await first.close();
      expect(['waiting', 'delayed']).toContain((await first.getJob(id).catch(() => null))?.status ?? 'waiting');

      const second = await open(queueName);
      second.register({ name: 'resumable', handler: async (ctx) => ctx.attempt });
      await second.startWorker();
      expect((await until(second, id, 'completed')).result).toBe(1);
    });
  });
}
