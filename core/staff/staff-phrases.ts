import type { Language, Severity } from '../vocabulary.ts';

/**
 * Staff-facing words. What the bot says to staff (buttons, answers in groups, alerts) is written in
 * code, in Thai and English, beside the feature that says it; customer-facing text comes from the
 * org's templates instead (DESIGN.md decision 7). These are the pieces they share.
 */
export type Phrase = Record<Language, string>;

/** Fills `{name}` placeholders; a missing value leaves nothing. */
export function fill(text: string, vars: Record<string, string | undefined> = {}): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');
}

/** A phrase in a language, filled. */
export function say(lang: Language, phrase: Phrase, vars: Record<string, string | undefined> = {}): string {
  return fill(phrase[lang], vars);
}

export const SEVERITY_LABEL: Record<Severity, Phrase> = {
  critical: { th: 'วิกฤต', en: 'Critical' },
  high: { th: 'สูง', en: 'High' },
  normal: { th: 'ปกติ', en: 'Normal' },
  low: { th: 'ต่ำ', en: 'Low' },
};

/** A signed button tapped a second time (or by a second person): its action is spent. */
export const BUTTON_USED: Phrase = { th: 'ปุ่มนี้ถูกใช้ไปแล้วค่ะ ไม่มีการเปลี่ยนแปลงใดๆ', en: 'This button was already used; nothing changed.' };
