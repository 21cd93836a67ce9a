/**
 * The application's job queue port. Two adapters implement it: in-process (jobs table in the app database,
 * croner for schedules) for the embedded default, and BullMQ on Redis when REDIS_URL is set, so any number
 * of `yangfan worker` processes share the work. The same contract tests run against both.
 */

export interface JobContext<P = unknown> {
  id: string;
  name: string;
  payload: P;
  /** 1 on the first try. */
  attempt: number;
  /** Report progress (0–100 and an optional message); visible through getJob. */
  progress(percent: number, message?: string): Promise<void>;
  signal: AbortSignal;
}

export type JobHandler<P = unknown, R = unknown> = (ctx: JobContext<P>) => Promise<R>;

export interface JobDefinition<P = unknown, R = unknown> {
  name: string;
  handler: JobHandler<P, R>;
  /** Parallel runs of this job name inside one worker process. Default 1. */
  concurrency?: number;
  /** At most `max` starts per `durationMs`, across all workers sharing the backend (keyed by limitKey or name). */
  rateLimit?: { max: number; durationMs: number };
}

export interface EnqueueOptions {
  /** Dedupe key: a second enqueue with the same jobId while the first exists returns the existing job. */
  jobId?: string;
  /** Total tries including the first. Default 1. */
  attempts?: number;
  /** Exponential backoff base in ms (delay = base × 2^(attempt-1)). Default 1000. */
  backoffMs?: number;
  /** Run no earlier than this many ms from now. */
  delayMs?: number;
}

export interface ScheduleOptions {
  /** Cron pattern (5 or 6 fields). */
  cron: string;
  /** IANA time zone the pattern is read in, e.g. Asia/Shanghai. */
  timeZone: string;
  payload?: unknown;
  attempts?: number;
}

export type JobStatus = 'waiting' | 'delayed' | 'active' | 'completed' | 'failed' | 'dead';

export interface JobInfo {
  id: string;
  name: string;
  status: JobStatus;
  attempts: number;
  payload: unknown;
  progress: { percent: number; message?: string } | null;
  result: unknown;
  lastError: string | null;
}

export interface JobQueue {
  readonly kind: 'in-process' | 'bullmq';
  register<P, R>(def: JobDefinition<P, R>): void;
  enqueue<P>(name: string, payload: P, opts?: EnqueueOptions): Promise<{ id: string; deduplicated: boolean }>;
  schedule(scheduleId: string, name: string, opts: ScheduleOptions): Promise<void>;
  unschedule(scheduleId: string): Promise<void>;
  getJob(id: string): Promise<JobInfo | null>;
  /** Jobs that used up their attempts. */
  listDeadLetter(limit?: number): Promise<JobInfo[]>;
  /** Moves a dead job back to waiting with fresh attempts. */
  retryDead(id: string): Promise<void>;
  /** Begin processing registered jobs in this process (servers may enqueue without processing). */
  startWorker(): Promise<void>;
  /** Health for /api/health. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}
