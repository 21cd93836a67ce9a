/**
 * The simulator's virtual clock. Everything time-dependent in the simulator (token expiry, rate-limit buckets,
 * later the living marketplace) reads `now()` from one SimClock so tests can advance time instead of sleeping and
 * a demo can run faster than real time.
 */
export interface SimClock {
  /** Current virtual time, epoch milliseconds. */
  now(): number;
  /** Virtual milliseconds per real millisecond (0 = frozen; only `advance` moves time). */
  readonly speed: number;
  /** Jumps virtual time forward by `ms` (never backwards). */
  advance(ms: number): void;
  /** Changes the speed from now on, keeping `now()` continuous. */
  setSpeed(speed: number): void;
}

export interface ClockOptions {
  /** Virtual time at creation, epoch ms (default: the real time). */
  start?: number;
  /** Default 1 (real time). */
  speed?: number;
  /** Source of real time in ms, monotonic (default: performance.now); injectable for tests. */
  realNow?: () => number;
}

/** Creates a virtual clock that runs at `speed` times real time from `start`. */
export function createClock(options: ClockOptions = {}): SimClock {
  const realNow = options.realNow ?? (() => performance.now());
  let anchorVirtual = options.start ?? Date.now();
  let anchorReal = realNow();
  let speed = checkSpeed(options.speed ?? 1);
  const now = (): number => anchorVirtual + (realNow() - anchorReal) * speed;
  return {
    now: () => Math.floor(now()),
    get speed() {
      return speed;
    },
    advance(ms: number) {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance needs a finite ms >= 0, got ${ms}`);
      anchorVirtual += ms;
    },
    setSpeed(next: number) {
      anchorVirtual = now();
      anchorReal = realNow();
      speed = checkSpeed(next);
    },
  };
}

/** A frozen clock at `start` (only `advance` moves it): the default for tests. */
export function createManualClock(start = Date.UTC(2026, 0, 1)): SimClock {
  return createClock({ start, speed: 0 });
}

function checkSpeed(speed: number): number {
  if (!Number.isFinite(speed) || speed < 0) throw new RangeError(`clock speed must be a finite number >= 0: ${speed}`);
  return speed;
}
