import type { Language } from '../vocabulary.ts';
import { localMoment } from '../time/org-time.ts';

/**
 * Formatters kept per language, zone and shape: making an Intl.DateTimeFormat costs a hundred times
 * its use, and a case's acknowledgement made one per message (1 % of the message path's processor
 * time, docs/benchmarks.md). Bounded by the zones' names (a few hundred) times two languages.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: Language, timeZone: string, shape: 'due' | 'day'): Intl.DateTimeFormat {
  const key = `${language} ${timeZone} ${shape}`;
  let f = formatters.get(key);
  if (!f) {
    const fields: Intl.DateTimeFormatOptions = shape === 'due' ? { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } : { weekday: 'long', day: 'numeric', month: 'short' };
    f = new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', { timeZone, ...fields });
    formatters.set(key, f);
  }
  return f;
}

/** A due time as the customer reads it ({{eta}}): day, month and time in the org's zone. */
export function formatDue(at: Date, language: Language, timeZone: string): string {
  return formatter(language, timeZone, 'due').format(at);
}

const dayAfter = (isoDate: string) => new Date(Date.parse(`${isoDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * When the desk opens, as the customer reads it ({{opens_at}}), from where they are now: "today at
 * 09:00", "tomorrow at 09:00", or the day and date further on ("Monday 30 Nov at 09:00").
 */
export function formatOpening(at: Date, now: Date, language: Language, timeZone: string): string {
  const when = localMoment(timeZone, at);
  const today = localMoment(timeZone, now).date;
  const th = language === 'th';
  if (when.date === today) return th ? `วันนี้ เวลา ${when.time} น.` : `today at ${when.time}`;
  if (when.date === dayAfter(today)) return th ? `พรุ่งนี้ เวลา ${when.time} น.` : `tomorrow at ${when.time}`;
  const day = formatter(language, timeZone, 'day').format(at);
  return th ? `${day} เวลา ${when.time} น.` : `${day} at ${when.time}`;
}
