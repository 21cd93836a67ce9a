import { describe, expect, it } from 'vitest';
import { searchTermWeeks, trafficDays } from './analytics-sync.js';

describe('analytics periods', () => {
  it('traffic: the history through yesterday on the first run, then new days plus the last three again', () => {
    expect(trafficDays('2026-11-20', undefined, '2026-11-17')).toEqual(['2026-11-17', '2026-11-18', '2026-11-19']);
    expect(trafficDays('2026-11-20', '2026-11-19', '2026-10-01')).toEqual(['2026-11-17', '2026-11-18', '2026-11-19']);
    // After a week without runs, every missed day is read (not only the last three).
    expect(trafficDays('2026-11-27', '2026-11-19', '2026-10-01')).toEqual([
      '2026-11-20',
      '2026-11-21',
      '2026-11-22',
      '2026-11-23',
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
    ]);
    expect(trafficDays('2026-11-20', undefined, '2026-11-20')).toEqual([]);
  });

  it('search terms: finished weeks (Sunday to Saturday) once Amazon has had three days to publish them', () => {
    // Friday 20 November: the week of 8–14 November is published; 15–21 is not finished.
    expect(searchTermWeeks('2026-11-20', undefined, 1)).toEqual(['2026-11-08']);
    expect(searchTermWeeks('2026-11-20', undefined, 3)).toEqual(['2026-10-25', '2026-11-01', '2026-11-08']);
    // Monday 16 November: 8–14 ended two days ago, not yet published.
    expect(searchTermWeeks('2026-11-16', undefined, 1)).toEqual(['2026-11-01']);
    expect(searchTermWeeks('2026-11-20', '2026-11-08', 4)).toEqual([]);
    expect(searchTermWeeks('2026-11-25', '2026-11-08', 4)).toEqual(['2026-11-15']);
  });
});
