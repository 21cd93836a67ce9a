/**
 * The embedded JobQueue adapter: jobs are rows of the `job` table in the app database (SQLite or PostgreSQL, one
 * code path), schedules are croner patterns, and any number of processes sharing the database share the work.
 *
 * - Claiming is one `UPDATE … WHERE id = (SELECT … LIMIT 1) AND <still claimable> RETURNING *`: SQLite serialises
 *   writers and PostgreSQL re-checks the WHERE on the locked row, so two workers never take the same job.
 * - A running job holds a lock (`locked_until`) renewed every third of `lockMs`; if its process dies, another worker
 *   takes the job over once the lock expires (that start counts as an attempt).
 * - jobId dedupe follows BullMQ: a second enqueue returns the existing job while its row exists, whatever its status
 *   (completed rows are deleted after `keepCompletedMs`, 7 days by default; dead rows stay until retried).
 * - Schedules fire in every process that calls `schedule`; the jobId `schedule:<id>:<fire time>` makes the fire
 *   of two processes one job. `unschedule` stops this process's timer.
 * - `close` stops claiming, aborts the signal of running jobs and waits for them; a job whose handler rejects
 *   because of that abort goes back to waiting without using an attempt.
 */
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Cron } from 'croner';
import { type Clock, systemClock } from '../clock.js';
import { type AnyKysely, fromJson, pingDatabase, toJson } from '../db/database.js';
import { AppError, notFound } from '../errors.js';
import { newId } from '../ids.js';
import type { Logger } from '../logger.js';
import { createRateLimiter, type RateLimiter } from '../rate-limit/rate-limiter.js';
import { createJobRepository, type JobRow } from './job.repository.js';
import type { EnqueueOptions, JobContext, JobDefinition, JobInfo, JobQueue } from './job-queue.js';

/** What became of one run of a job: done, failed with tries left, or failed for good. */
export type JobOutcome = 'completed' | 'retrying' | 'dead';

export interface InProcessQueueOptions {
  db: AnyKysely;
  clock?: Clock;
  logger?: Logger;
  queue?: string;
  /** How often to look for work enqueued by other processes, due delayed jobs and expired locks. Default 1000 ms. */
  pollMs?: number;
  workerId?: string;
  /** Lock on a running job, renewed every lockMs / 3. Default 60 s. */
  lockMs?: number;
  /** Used for per-name rateLimit; default in memory. Pass a shared one when several processes use one database. */
  rateLimiter?: RateLimiter;
  /** Completed jobs are deleted after this long, freeing their jobId. Default 7 days. */
  keepCompletedMs?: number;
  onOutcome?: (name: string, outcome: JobOutcome) => void;
}

type Def = JobDefinition<unknown, unknown>;

const DAY = 86_400_000;

/** Creates the database-backed queue; call startWorker() in processes that should run jobs. */
export function createInProcessQueue(opts: InProcessQueueOptions): JobQueue {
  const clock = opts.clock ?? systemClock;
  const log = opts.logger;
  const queue = opts.queue ?? 'default';
  const repo = createJobRepository(opts.db, queue);
  const pollMs = opts.pollMs ?? 1000;
  const lockMs = opts.lockMs ?? 60_000;
  const keepCompletedMs = opts.keepCompletedMs ?? 7 * DAY;
  const workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
  const ownLimiter = opts.rateLimiter ? null : createRateLimiter({ kind: 'memory' });
  const limiter = opts.rateLimiter ?? (ownLimiter as RateLimiter);

  const defs = new Map<string, Def>();
  const running = new Map<string, { ac: AbortController; done: Promise<void> }>();
  const activeByName = new Map<string, number>();
  const rateLimitedUntil = new Map<string, number>();
  const schedules = new Map<string, { timer: NodeJS.Timeout | null }>();
  let started = false;
  let closing = false;
  let pollTimer: NodeJS.Timeout | null = null;
  let wakeTimer: NodeJS.Timeout | null = null;
  let wakeDue = Number.POSITIVE_INFINITY;
  let ticking: Promise<void> | null = null;
  let tickAgain = false;
  let lastPrune = 0;

  const outcome = (name: string, o: JobOutcome) => {
    try {
      opts.onOutcome?.(name, o);
    } catch (err) {
      log?.warn({ err }, 'job onOutcome callback failed');
    }
  };

  /** Runs a tick now (or right after the current one), or after delayMs if that is sooner than the next wake. */
  function wake(delayMs = 0): void {
    if (!started || closing) return;
    if (delayMs > 0) {
      const due = Date.now() + delayMs;
      if (due >= wakeDue) return;
      if (wakeTimer) clearTimeout(wakeTimer);
      wakeDue = due;
      wakeTimer = setTimeout(() => {
        wakeTimer = null;
        wakeDue = Number.POSITIVE_INFINITY;
        wake();
      }, delayMs);
      return;
    }
    if (ticking) {
      tickAgain = true;
      return;
    }
    ticking = tick()
      .catch((err) => log?.error({ err, queue }, 'job queue tick failed'))
      .finally(() => {
        ticking = null;
        if (tickAgain) {
          tickAgain = false;
          wake();
        }
      });
  }

  const capacity = (name: string) => (defs.get(name)?.concurrency ?? 1) - (activeByName.get(name) ?? 0);

  async function tick(): Promise<void> {
    const now = clock.now();
    if (now - lastPrune > 60_000) {
      lastPrune = now;
      await repo.deleteCompletedBefore(now - keepCompletedMs);
    }
    const names = [...defs.keys()].filter((n) => capacity(n) > 0 && (rateLimitedUntil.get(n) ?? 0) <= Date.now());
    for (const name of await repo.listReadyNames(names, now)) {
      while (!closing && capacity(name) > 0) {
        const def = defs.get(name);
        if (def?.rateLimit) {
          const { max, durationMs } = def.rateLimit;
          const spec = { ratePerSecond: (max * 1000) / durationMs, burst: max };
          const token = await limiter.tryAcquire(`job:${queue}:${name}`, spec);
          if (!token.ok) {
            rateLimitedUntil.set(name, Date.now() + token.retryAfterMs);
            wake(token.retryAfterMs);
            break;
          }
        }
        const row = await repo.claimNextJob(name, workerId, clock.now(), lockMs);
        if (!row) break;
        if (closing) await release(row);
        else if (row.attempts > row.maxAttempts) await settle(row, 'dead', 'the worker running it stopped');
        else start(row);
      }
    }
  }

  /** Gives a claimed job back without using its attempt (shutdown). */
  async function release(row: JobRow): Promise<void> {
    await repo.updateHeldJob(row.id, workerId, {
      status: 'waiting',
      attempts: row.attempts - 1,
      runAt: clock.now(),
      lockedBy: null,
      lockedUntil: null,
    });
  }

  /** Records a finished or failed run, if this worker still holds the job. */
  async function settle(row: JobRow, status: 'completed' | 'dead' | 'delayed', error?: string, resultJson?: string) {
    const now = clock.now();
    const delay = row.backoffMs * 2 ** (row.attempts - 1);
    const changes: Partial<JobRow> =
      status === 'completed'
        ? { resultJson: resultJson ?? null, finishedAt: now }
        : status === 'dead'
          ? { lastError: error ?? null, finishedAt: now }
          : { lastError: error ?? null, runAt: now + delay };
    const recorded = await repo.updateHeldJob(row.id, workerId, {
      ...changes,
      status,
      lockedBy: null,
      lockedUntil: null,
    });
    if (!recorded) return; // the lock expired and another worker owns the job now
    outcome(row.name, status === 'delayed' ? 'retrying' : status);
    if (status === 'delayed') wake(delay);
  }

  function start(row: JobRow): void {
    const def = defs.get(row.name) as Def;
    const ac = new AbortController();
    activeByName.set(row.name, (activeByName.get(row.name) ?? 0) + 1);
    const heartbeat = setInterval(
      () => {
        repo
          .updateHeldJob(row.id, workerId, { lockedUntil: clock.now() + lockMs })
          .then((held) => {
            if (!held) ac.abort(new AppError('CONFLICT', `Lost the lock on job ${row.id}`));
          })
          .catch((err) => log?.warn({ err, jobId: row.id }, 'job lock renewal failed'));
      },
      Math.max(250, lockMs / 3),
    );
    heartbeat.unref();
    const ctx: JobContext<unknown> = {
      id: row.id,
      name: row.name,
      payload: fromJson<unknown>(row.payloadJson, null),
      attempt: row.attempts,
      signal: ac.signal,
      async progress(percent, message) {
        const p = { percent: Math.max(0, Math.min(100, percent)), ...(message === undefined ? {} : { message }) };
        await repo.updateHeldJob(row.id, workerId, { progressJson: toJson(p) });
      },
    };
    const done = (async () => {
      try {
        const resultJson = toJson((await def.handler(ctx)) ?? null);
        await settle(row, 'completed', undefined, resultJson);
      } catch (err) {
        if (closing && ac.signal.aborted) return release(row);
        const message = err instanceof Error ? err.message : String(err);
        log?.warn({ err, jobId: row.id, name: row.name, attempt: row.attempts }, 'job failed');
        await settle(row, row.attempts < row.maxAttempts ? 'delayed' : 'dead', message);
      }
    })()
      .catch((err) => log?.error({ err, jobId: row.id }, 'could not record the job result'))
      .finally(() => {
        clearInterval(heartbeat);
        running.delete(row.id);
        activeByName.set(row.name, (activeByName.get(row.name) ?? 1) - 1);
        wake();
      });
    running.set(row.id, { ac, done });
  }

  async function enqueue<P>(name: string, payload: P, o: EnqueueOptions = {}) {
    const now = clock.now();
    const delay = Math.max(0, o.delayMs ?? 0);
    const row: JobRow = {
      id: newId('job'),
      queue,
      name,
      jobKey: o.jobId ?? null,
      payloadJson: toJson(payload ?? null),
      status: delay > 0 ? 'delayed' : 'waiting',
      attempts: 0,
      maxAttempts: Math.max(1, Math.floor(o.attempts ?? 1)),
      backoffMs: Math.max(0, Math.floor(o.backoffMs ?? 1000)),
      runAt: now + delay,
      lockedBy: null,
      lockedUntil: null,
      lastError: null,
      resultJson: null,
      progressJson: null,
      createdAt: now,
      finishedAt: null,
    };
    for (let i = 0; i < 3; i++) {
      if (await repo.insertJob(row)) {
        if (defs.has(name)) wake(delay);
        return { id: row.id, deduplicated: false };
      }
      const existing = await repo.findJobIdByKey(o.jobId ?? '');
      if (existing) return { id: existing, deduplicated: true };
    }
    throw new AppError('CONFLICT', `Could not enqueue job ${name} with jobId ${o.jobId}`);
  }

  const toInfo = (r: JobRow): JobInfo => ({
    id: r.id,
    name: r.name,
    status: r.status === 'delayed' && r.runAt <= clock.now() ? 'waiting' : r.status,
    attempts: r.attempts,
    payload: fromJson<unknown>(r.payloadJson, null),
    progress: fromJson<JobInfo['progress']>(r.progressJson, null),
    result: fromJson<unknown>(r.resultJson, null),
    lastError: r.lastError,
  });

  function stopSchedule(scheduleId: string): void {
    const s = schedules.get(scheduleId);
    if (s?.timer) clearTimeout(s.timer);
    schedules.delete(scheduleId);
  }

  return {
    kind: 'in-process',
    register(def) {
      if (defs.has(def.name)) throw new AppError('CONFLICT', `Job ${def.name} is already registered`);
      defs.set(def.name, def as unknown as Def);
      wake();
    },
    enqueue,
    async schedule(scheduleId, name, o) {
      let cron: Cron;
      try {
        cron = new Cron(o.cron, { timezone: o.timeZone, paused: true });
      } catch (err) {
        throw new AppError('INVALID_INPUT', `Bad schedule ${o.cron} (${o.timeZone}): ${(err as Error).message}`);
      }
      stopSchedule(scheduleId);
      const entry: { timer: NodeJS.Timeout | null } = { timer: null };
      schedules.set(scheduleId, entry);
      // Our own timer on croner's next-run arithmetic: the fire time must be the nominal one, equal in every process.
      const arm = (after: number) => {
        const next = cron.nextRun(new Date(after))?.getTime();
        if (next === undefined || schedules.get(scheduleId) !== entry) return;
        const fire = () => {
          if (schedules.get(scheduleId) !== entry) return;
          if (clock.now() < next) {
            entry.timer = setTimeout(fire, Math.min(next - clock.now(), 3_600_000));
            return;
          }
          const jobId = `schedule:${scheduleId}:${next}`;
          enqueue(name, o.payload ?? null, { jobId, ...(o.attempts ? { attempts: o.attempts } : {}) }).catch((err) =>
            log?.error({ err, scheduleId }, 'scheduled enqueue failed'),
          );
          arm(Math.max(next, clock.now())); // after a stall, skip the fires that were missed
        };
        entry.timer = setTimeout(fire, Math.min(Math.max(0, next - clock.now()), 3_600_000));
      };
      arm(clock.now());
    },
    async unschedule(scheduleId) {
      stopSchedule(scheduleId);
    },
    async getJob(id) {
      const row = await repo.findJob(id);
      return row ? toInfo(row) : null;
    },
    async listDeadLetter(limit = 100) {
      return (await repo.listDeadJobs(limit)).map(toInfo);
    },
    async retryDead(id) {
      if (await repo.reviveDeadJob(id, clock.now())) return wake();
      const row = await repo.findJob(id);
      if (!row) throw notFound('Job', id);
      throw new AppError('CONFLICT', `Job ${id} is ${row.status}, not dead`, { id, status: row.status });
    },
    async startWorker() {
      if (started || closing) return;
      started = true;
      pollTimer = setInterval(() => wake(), pollMs);
      wake();
    },
    ping: () => pingDatabase(opts.db),
    async close() {
      if (closing) return;
      closing = true;
      for (const id of [...schedules.keys()]) stopSchedule(id);
      if (pollTimer) clearInterval(pollTimer);
      if (wakeTimer) clearTimeout(wakeTimer);
      await ticking;
      for (const r of running.values()) r.ac.abort(new AppError('UPSTREAM_UNAVAILABLE', 'The job queue is closing'));
      await Promise.allSettled([...running.values()].map((r) => r.done));
      await ownLimiter?.close();
    },
  };
}
