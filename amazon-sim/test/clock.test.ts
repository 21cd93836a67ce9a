import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClock, createManualClock } from '../src/clock.ts';
import type { RunningSim } from '../src/server.ts';
import { http, startTestSim } from './helpers.ts';

describe('SimClock', () => {
  it('runs at its speed against the real-time source and keeps time continuous across speed changes', () => {
    let real = 1000;
    const clock = createClock({ start: 0, speed: 60, realNow: () => real });
    real += 1000;
    expect(clock.now()).toBe(60_000);
    clock.setSpeed(1);
    expect(clock.now()).toBe(60_000);
    real += 500;
    expect(clock.now()).toBe(60_500);
    clock.advance(10_000);
    expect(clock.now()).toBe(70_500);
    expect(clock.speed).toBe(1);
  });

  it('stands still at speed 0 and refuses to go backwards', () => {
    const clock = createManualClock(Date.UTC(2026, 0, 1));
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1));
    clock.advance(1);
    expect(clock.now()).toBe(Date.UTC(2026, 0, 1) + 1);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.setSpeed(-2)).toThrow(RangeError);
  });
});

describe('/sim/clock', () => {
  let sim: RunningSim;
  beforeAll(async () => {
    sim = await startTestSim();
  });
  afterAll(() => sim.close());

  it('shows and advances the virtual time over HTTP', async () => {
    const before = (await http(`${sim.url}/sim/clock`)).json as { now: number; speed: number };
    expect(before.speed).toBe(0);
    const after = await http(`${sim.url}/sim/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advanceSeconds: 90 }),
    });
    expect((after.json as { now: number }).now).toBe(before.now + 90_000);
    const bad = await http(`${sim.url}/sim/clock`, { method: 'POST', body: '{"advanceMs":-5}' });
    expect(bad.status).toBe(400);
  });
});
