import { LOCALE, type Lang } from '../kit/i18n.ts';

/** Numbers and shares in the page's language; no components, so words built from them can be tested without a page. */
export const n = (lang: Lang, v: number | null | undefined, digits = 0) => (v === null || v === undefined ? '–' : new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: digits }).format(v));
export const pct = (lang: Lang, v: number | null | undefined) => (v === null || v === undefined ? '–' : new Intl.NumberFormat(LOCALE[lang], { style: 'percent', maximumFractionDigits: 1 }).format(v));
