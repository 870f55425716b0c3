import { isOpen, nextOpening, type BusinessCalendar } from '../../core/sla/business-calendar.ts';
import { formatOpening } from '../../core/templates/format-due.ts';
import type { Language } from '../../core/vocabulary.ts';

/**
 * What a customer who asked for a person is told, honestly: while the desk is open (the org's
 * business calendar, core/sla/business-calendar.ts) that a person will reply shortly; outside its
 * hours and on holidays, when it opens. An org with no hours set is open around the clock.
 */
export type HandOffText = { key: 'handoff_to_person'; vars: Record<string, never> } | { key: 'handoff_after_hours'; vars: { opens_at: string } };

export function handOffText(cal: BusinessCalendar, now: Date, language: Language): HandOffText {
  if (isOpen(now, cal)) return { key: 'handoff_to_person', vars: {} };
  return { key: 'handoff_after_hours', vars: { opens_at: formatOpening(nextOpening(now, cal), now, language, cal.timeZone) } };
}
