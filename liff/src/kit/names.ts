import type { Lang, Words } from './i18n.ts';

/**
 * Names people read for the keys the system keeps (a root cause, a case type, a service): the
 * name when there is one, else the key with its underscores and humps as spaces, never the bare key.
 */
export type Names = Record<string, Words>;

export const label = (names: Names, key: string, lang: Lang) => names[key]?.[lang] ?? key.replaceAll('_', ' ').replace(/([a-z])([A-Z])/g, (_, a: string, b: string) => `${a} ${b.toLowerCase()}`);

/** The case types' categories (core/vocabulary.ts). */
export const categoryNames: Names = {
  payment: { th: 'การชำระเงิน', en: 'Payment' },
  order: { th: 'ออเดอร์', en: 'Order' },
  system: { th: 'ระบบ', en: 'System' },
  provider: { th: 'ผู้ให้บริการ', en: 'Provider' },
  other: { th: 'อื่น ๆ', en: 'Other' },
};
