import type { Language } from '../vocabulary.ts';

/** A due time as the customer reads it ({{eta}}): day, month and time in the org's zone. */
export function formatDue(at: Date, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', {
    timeZone,
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(at);
}
