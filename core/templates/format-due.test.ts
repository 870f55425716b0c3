import { describe, expect, it } from 'vitest';
import { formatDue, formatOpening } from './format-due.ts';

/** The formatters are kept per language, zone and shape: one kept for one must never answer for another. */
describe('due times as the customer reads them', () => {
  const at = new Date('2026-11-30T02:30:00Z');
  it('answers each zone and language in its own, however they alternate', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatDue(at, 'en', 'Asia/Bangkok')).toBe('30 Nov, 09:30');
      expect(formatDue(at, 'en', 'UTC')).toBe('30 Nov, 02:30');
      expect(formatDue(at, 'th', 'Asia/Bangkok')).toContain('09:30');
      expect(formatDue(at, 'th', 'Asia/Bangkok')).not.toBe(formatDue(at, 'en', 'Asia/Bangkok'));
    }
  });
  it('names the day further on with its own shape, not the due time\'s', () => {
    const now = new Date('2026-11-26T02:30:00Z');
    expect(formatOpening(at, now, 'en', 'Asia/Bangkok')).toBe('Monday 30 Nov at 09:30');
    expect(formatDue(at, 'en', 'Asia/Bangkok')).toBe('30 Nov, 09:30');
  });
});
