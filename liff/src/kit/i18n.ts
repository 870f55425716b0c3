import { useLayoutEffect, useState } from 'preact/hooks';
import type { Language } from '../../../core/vocabulary.ts';

/**
 * Every word a customer reads, in Thai and English. A page opens in the language its link asks
 * for (`?lang=`), else the one the customer chose before on this device, else the device's (Thai
 * unless the device says English); the switch in the header changes it and remembers it.
 */
export type Lang = Language;
export type Words = { th: string; en: string };
export type Dict = Record<string, Words>;

const STORE = 'opsdesk.lang';

function firstLanguage(): Lang {
  const asked = new URLSearchParams(location.search).get('lang');
  if (asked === 'th' || asked === 'en') return asked;
  try {
    const kept = localStorage.getItem(STORE);
    if (kept === 'th' || kept === 'en') return kept;
  } catch {
    // storage refused (private mode): the device's language decides
  }
  return /^en\b/i.test(navigator.language) ? 'en' : 'th';
}

export function useLang(): [Lang, (l: Lang) => void] {
  const [lang, setLang] = useState<Lang>(firstLanguage);
  // Before paint, so the page never shows words of one language under the other's `lang`
  // (screen readers pick their voice by it).
  useLayoutEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  return [
    lang,
    (l: Lang) => {
      try {
        localStorage.setItem(STORE, l);
      } catch {
        // not remembered; still switched
      }
      setLang(l);
    },
  ];
}

/** `{{name}}` in a phrase, filled in. */
export function fill(text: string, vars: Record<string, string | number>): string {
  return text.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(vars[k] ?? ''));
}

export const LOCALE: Record<Lang, string> = { th: 'th-TH', en: 'en-GB' };

/** A moment as the customer reads it, in Bangkok time (the business's zone; the pages serve Thai businesses) unless the page knows the org's. */
export function when(lang: Lang, iso: string, withTime = true, timeZone = 'Asia/Bangkok'): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}), timeZone }).format(new Date(iso));
}

/** A `YYYY-MM-DD` day, in the customer's words. */
export function day(lang: Lang, date: string): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { dateStyle: 'medium', timeZone: 'UTC' }).format(new Date(`${date}T00:00:00Z`));
}

export function money(lang: Lang, amount: number, currency: string): string {
  return new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency }).format(amount);
}

/** "1,500.50" in minor units, from its digits (never through a float); null when it is not an amount. */
export function toMinor(text: string): number | null {
  const m = /^(\d{1,10})(?:\.(\d{1,2}))?$/.exec(text.replace(/,/g, '').trim());
  return m ? Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0')) : null;
}

/**
 * An amount held in integer minor units (satang), as money() shows it: the decimal is written out
 * by digits and handed to Intl as a string, which formats it exactly, so no float ever holds it.
 */
export function moneyMinor(lang: Lang, minor: number, currency: string): string {
  const format = new Intl.NumberFormat(LOCALE[lang], { style: 'currency', currency });
  const decimals = format.resolvedOptions().maximumFractionDigits ?? 2;
  const digits = String(Math.abs(minor)).padStart(decimals + 1, '0');
  const decimal = `${minor < 0 ? '-' : ''}${digits.slice(0, digits.length - decimals)}${decimals ? `.${digits.slice(digits.length - decimals)}` : ''}`;
  return format.format(decimal as Intl.StringNumericLiteral);
}

/**
 * A span of minutes as people say it, in the page's language: "45 min", "23 h 37 min",
 * "2 days 3 h" ("45 นาที", "23 ชม. 37 นาที", "2 วัน 3 ชม."). Past a day the minutes no longer
 * matter, past an hour the seconds never did. The dashboard and the desk both word time this way.
 */
export function duration(lang: Lang, minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '–';
  const m = Math.max(0, Math.round(minutes));
  const [d, h, mm] = [Math.floor(m / 1440), Math.floor((m % 1440) / 60), m % 60];
  const th = lang === 'th';
  const days = th ? `${d} วัน` : `${d} ${d === 1 ? 'day' : 'days'}`;
  const hours = th ? `${h} ชม.` : `${h} h`;
  const mins = th ? `${mm} นาที` : `${mm} min`;
  if (d) return h ? `${days} ${hours}` : days;
  if (h) return mm ? `${hours} ${mins}` : hours;
  return mins;
}
