/**
 * The scale-out JobQueue adapter: BullMQ 6 on Redis, so any number of `worker` processes share the work.
 *
 * One BullMQ queue per job name (`<queue>.<name>`), not one for all names: BullMQ's concurrency and limiter are per
 * queue, so this is what gives each job name its own concurrency (per process) and its own rate limit (global across
 * workers, enforced by BullMQ in Redis) without a home-made dispatcher. A Redis set remembers the names in use so a
 * process that never registered a name can still list its dead letters and drop its schedules.
 *
 * Ids returned to callers are `<name>/<BullMQ job id>`, so getJob finds the queue. BullMQ rejects custom ids that
 * contain ':' or look like integers, so a caller's jobId is escaped (%, :, / percent-encoded) and prefixed `k-`.
 * Dead letter = failed with every attempt used (removeOnFail is off); completed jobs are kept `keepCompletedMs` and
 * dedupe their jobId until then, as in the in-process adapter. On close, running handlers see their signal abort;
 * a handler that rejects because of it puts its job back (moveToDelayed + DelayedError) without using an attempt.
 */
import { DelayedError, type Job, type JobsOptions, Queue, Worker } from 'bullmq';
import { Cron } from 'croner';
import { Redis } from 'ioredis';
import { AppError, notFound } from '../errors.js';
import type { Logger } from '../logger.js';
import type { JobOutcome } from './in-process-queue.js';
import type { JobContext, JobDefinition, JobInfo, JobQueue, JobStatus } from './job-queue.js';

export interface BullmqQueueOptions {
  redisUrl: string;
  queue?: string;
  /** Redis key prefix. Default `yf`. */
  prefix?: string;
  logger?: Logger;
  /** Completed jobs are removed after this long, freeing their jobId. Default 7 days. */
  keepCompletedMs?: number;
  onOutcome?: (name: string, outcome: JobOutcome) => void;
}

type Def = JobDefinition<unknown, unknown>;
type AnyJob = Job<unknown, unknown, string>;

const escapeId = (s: string) => s.replace(/[%:/]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
const unescapeId = (s: string) => decodeURIComponent(s);

/** The BullMQ job id used for a caller's dedupe key. */
export function bullmqJobId(jobId: string): string {
  return `k-${escapeId(jobId)}`;
}

/** Creates the BullMQ-backed queue; call startWorker() in processes that should run jobs. */
export function createBullmqQueue(opts: BullmqQueueOptions): JobQueue {
  const queue = opts.queue ?? 'default';
  const prefix = opts.prefix ?? 'yf';
  const log = opts.logger;
  const keepCompleted = { age: Math.ceil((opts.keepCompletedMs ?? 7 * 86_400_000) / 1000) };
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  connection.on('error', (err) => log?.error({ err }, 'redis connection error'));
  const namesKey = `${prefix}:yf-job-names:${escapeId(queue)}`;
  const defs = new Map<string, Def>();
  const queues = new Map<string, Queue>();
  const workers = new Map<string, Worker>();
  const closingAc = new AbortController();
  const knownNames = new Set<string>();
  let started = false;
  let closed = false;

  const queueFor = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(`${escapeId(queue)}.${escapeId(name)}`, { connection, prefix });
      q.on('error', (err) => log?.error({ err, name }, 'bullmq queue error'));
      queues.set(name, q);
    }
    return q;
  };

  const remember = async (name: string) => {
    if (knownNames.has(name)) return;
    await connection.sadd(namesKey, name);
    knownNames.add(name);
  };

  const allNames = async () => new Set([...(await connection.smembers(namesKey)), ...knownNames]);

  const publicId = (name: string, bullId: string) => `${escapeId(name)}/${bullId}`;
  const parseId = (id: string) => {
    const slash = id.indexOf('/');
    if (slash <= 0) return null;
    try {
      return { name: unescapeId(id.slice(0, slash)), bullId: id.slice(slash + 1) };
    } catch {
      return null;
    }
  };

  const outcome = (name: string, o: JobOutcome) => {
    try {
      opts.onOutcome?.(name, o);
    } catch (err) {
      log?.warn({ err }, 'job onOutcome callback failed');
    }
  };

  const isDead = (job: AnyJob) => job.attemptsMade >= (job.opts.attempts ?? 1);

  const toInfo = (name: string, job: AnyJob, state: string): JobInfo => {
    const statusOf: Record<string, JobStatus> = { completed: 'completed', active: 'active', delayed: 'delayed' };
    const status: JobStatus = state === 'failed' ? (isDead(job) ? 'dead' : 'failed') : (statusOf[state] ?? 'waiting');
    const p = job.progress as unknown;
    const progress =
      typeof p === 'object' && p !== null && 'percent' in p
        ? (p as JobInfo['progress'])
        : typeof p === 'number' && p > 0
          ? { percent: p }
          : null;
    return {
      id: publicId(name, job.id ?? ''),
      name,
      status,
      attempts: job.attemptsStarted ?? job.attemptsMade,
      payload: job.data ?? null,
      progress,
      result: job.returnvalue ?? null,
      lastError: job.failedReason || null,
    };
  };

  const startWorkerFor = async (def: Def) => {
    const processor = async (job: AnyJob, token?: string, signal?: AbortSignal) => {
      const abort = signal ? AbortSignal.any([signal, closingAc.signal]) : closingAc.signal;
      const ctx: JobContext<unknown> = {
        id: publicId(def.name, job.id ?? ''),
        name: def.name,
        payload: job.data,
        attempt: job.attemptsMade + 1,
        signal: abort,
        progress: (percent, message) =>
          job.updateProgress({
            percent: Math.max(0, Math.min(100, percent)),
            ...(message === undefined ? {} : { message }),
          }),
      };
      try {
        return await def.handler(ctx);
      } catch (err) {
        if (closingAc.signal.aborted && token) {
          await job.moveToDelayed(Date.now(), token);
          throw new DelayedError();
        }
        throw err;
      }
    };
    const worker = new Worker(queueFor(def.name).name, processor, {
      connection,
      prefix,
      concurrency: def.concurrency ?? 1,
      ...(def.rateLimit ? { limiter: { max: def.rateLimit.max, duration: def.rateLimit.durationMs } } : {}),
      removeOnComplete: keepCompleted,
    });
    worker.on('error', (err) => log?.error({ err, name: def.name }, 'bullmq worker error'));
    worker.on('completed', () => outcome(def.name, 'completed'));
    worker.on('failed', (job, err) => {
      log?.warn({ err, jobId: job?.id, name: def.name }, 'job failed');
      if (job) outcome(def.name, isDead(job) ? 'dead' : 'retrying');
    });
    workers.set(def.name, worker);
    await worker.waitUntilReady();
  };

  const starting = new Map<string, Promise<void>>();
  const ensureWorker = (name: string): Promise<void> => {
    let p = starting.get(name);
    if (!p) {
      p = startWorkerFor(defs.get(name) as Def);
      starting.set(name, p);
    }
    return p;
  };

  /** The job and its state; the state is read first so a job seen completed also carries its result. */
  const getBullJob = async (id: string) => {
    const parsed = parseId(id);
    if (!parsed) return null;
    const q = queueFor(parsed.name);
    const state = await q.getJobState(parsed.bullId);
    const job = state === 'unknown' ? undefined : ((await q.getJob(parsed.bullId)) as AnyJob | undefined);
    return job ? { name: parsed.name, job, state } : null;
  };

  return {
    kind: 'bullmq',
    register(def) {
      if (defs.has(def.name)) throw new AppError('CONFLICT', `Job ${def.name} is already registered`);
      defs.set(def.name, def as unknown as Def);
      remember(def.name).catch((err) => log?.error({ err, name: def.name }, 'could not record the job name'));
      if (started) ensureWorker(def.name).catch((err) => log?.error({ err, name: def.name }, 'worker did not start'));
    },
    async enqueue(name, payload, o = {}) {
      await remember(name);
      const q = queueFor(name);
      const jobOpts: JobsOptions = {
        attempts: Math.max(1, Math.floor(o.attempts ?? 1)),
        backoff: { type: 'exponential', delay: Math.max(0, o.backoffMs ?? 1000) },
        removeOnComplete: keepCompleted,
        removeOnFail: false,
        ...(o.delayMs && o.delayMs > 0 ? { delay: o.delayMs } : {}),
        ...(o.jobId ? { jobId: bullmqJobId(o.jobId) } : {}),
      };
      const job = await q.add(name, payload ?? null, jobOpts);
      const bullId = job.id ?? '';
      let deduplicated = false;
      if (o.jobId) {
        // BullMQ ignores an add whose id exists and hands back our unsaved copy: compare with what is stored.
        const stored = await q.getJob(bullId);
        deduplicated = stored !== undefined && stored.timestamp !== job.timestamp;
      }
      return { id: publicId(name, bullId), deduplicated };
    },
    async schedule(scheduleId, name, o) {
      try {
        new Cron(o.cron, { timezone: o.timeZone, paused: true }).nextRun();
      } catch (err) {
        throw new AppError('INVALID_INPUT', `Bad schedule ${o.cron} (${o.timeZone}): ${(err as Error).message}`);
      }
      await remember(name);
      // one schedule per id, as in the in-process adapter: drop it from the queues of other names
      for (const other of await allNames()) {
        if (other !== name) await queueFor(other).removeJobScheduler(escapeId(scheduleId));
      }
      await queueFor(name).upsertJobScheduler(
        escapeId(scheduleId),
        { pattern: o.cron, tz: o.timeZone },
        {
          name,
          data: o.payload ?? null,
          opts: {
            attempts: Math.max(1, o.attempts ?? 1),
            backoff: { type: 'exponential', delay: 1000 },
            removeOnComplete: keepCompleted,
            removeOnFail: false,
          },
        },
      );
    },
    async unschedule(scheduleId) {
      for (const name of await allNames()) await queueFor(name).removeJobScheduler(escapeId(scheduleId));
    },
    async getJob(id) {
      const found = await getBullJob(id);
      return found ? toInfo(found.name, found.job, found.state) : null;
    },
    async listDeadLetter(limit = 100) {
      const dead: { at: number; info: JobInfo }[] = [];
      for (const name of await allNames()) {
        const failed = (await queueFor(name).getFailed(0, limit - 1)) as AnyJob[];
        for (const job of failed) {
          if (isDead(job)) dead.push({ at: job.finishedOn ?? 0, info: toInfo(name, job, 'failed') });
        }
      }
      return dead
        .sort((a, b) => b.at - a.at)
        .slice(0, limit)
        .map((d) => d.info);
    },
    async retryDead(id) {
      const found = await getBullJob(id);
      if (!found) throw notFound('Job', id);
      if (found.state !== 'failed' || !isDead(found.job)) {
        throw new AppError('CONFLICT', `Job ${id} is ${found.state}, not dead`, { id, status: found.state });
      }
      await found.job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    },
    async startWorker() {
      if (started || closed) return;
      started = true;
      await Promise.all([...defs.keys()].map(ensureWorker));
    },
    async ping() {
      try {
        return (await connection.ping()) === 'PONG';
      } catch {
        return false;
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      closingAc.abort(new AppError('UPSTREAM_UNAVAILABLE', 'The job queue is closing'));
      await Promise.allSettled([...workers.values()].map((w) => w.close()));
      await Promise.allSettled([...queues.values()].map((q) => q.close()));
      await connection.quit().catch(() => connection.disconnect());
    },
  };
}
