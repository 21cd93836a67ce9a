// Durations and relative times in words of the UI language ("12 min", "3 h 5 min", "2 d 4 h ago").
import type { TFunction } from 'i18next';
import { durationParts } from './format';

/** A duration such as `12 min` or `3 h 5 min`; empty for null. */
export function formatDuration(ms: number | null | undefined, t: TFunction): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '';
  const { unit, value, rest } = durationParts(ms);
  switch (unit) {
    case 's':
      return t('duration.seconds', { n: value });
    case 'min':
      return t('duration.minutes', { n: value });
    case 'h':
      return rest ? t('duration.hoursMinutes', { h: value, m: rest }) : t('duration.hours', { n: value });
    default:
      return rest ? t('duration.daysHours', { d: value, h: rest }) : t('duration.days', { n: value });
  }
}

/** `5 min ago` for a past instant, `in 5 min` for a future one; empty for null. */
export function formatRelative(at: number | null | undefined, now: number, t: TFunction): string {
  if (at === null || at === undefined) return '';
  const diff = at - now;
  if (Math.abs(diff) < 5_000) return t('duration.now');
  const text = formatDuration(Math.abs(diff), t);
  return diff > 0 ? t('duration.in', { duration: text }) : t('duration.ago', { duration: text });
}
