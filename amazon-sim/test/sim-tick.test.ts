import { describe, expect, it } from 'vitest';
import { scenarioEvents } from '../src/pricing/scenario-events.ts';
import { http, startTestSim } from './helpers.ts';

describe('POST /sim/tick', () => {
  it('publishes the scenario events of the virtual time that passed, once', async () => {
    const sim = await startTestSim({ rateLimits: false, living: { historyDays: 5, skus: 8 } });
    try {
      const from = sim.clock.now();
      sim.clock.advance(24 * 3_600_000);
      const expected = scenarioEvents(sim.scenario!, from, sim.clock.now()).length;
      expect(expected).toBeGreaterThan(0);
      const first = await http(`${sim.url}/sim/tick`, { method: 'POST' });
      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ published: expected });
      const again = await http(`${sim.url}/sim/tick`, { method: 'POST' });
      expect(again.json).toMatchObject({ published: 0 });
    } finally {
      await sim.close();
    }
  });

  it('answers 409 when the living marketplace is off', async () => {
    const sim = await startTestSim();
    try {
      expect((await http(`${sim.url}/sim/tick`, { method: 'POST' })).status).toBe(409);
    } finally {
      await sim.close();
    }
  });
});
