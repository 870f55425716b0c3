import { fill, moneyMinor, type Lang, type Words } from '../kit/i18n.ts';
import { refusalOf, refusalText, type staffCall } from '../kit/staff.ts';
import { common } from '../kit/ui.tsx';

/**
 * What a refusal of the member panel's and the approvals' calls says to the person at the counter:
 * a role that may not (the server's 403, naming the roles that may), a package that cannot be
 * refunded or an adjustment decided already (409 by `details.reason`), a balance too low.
 */
const words = {
  insufficient: { th: 'ยอดไม่พอ: มีอยู่ {{held}}', en: 'Not enough: it holds {{held}}' },
  failed: { th: 'ทำไม่สำเร็จ: {{why}}', en: 'Could not do it: {{why}}' },
  refused_refunded: { th: 'แพ็กเกจนี้คืนเงินไปแล้ว', en: 'This package was refunded already.' },
  refused_expired: { th: 'แพ็กเกจนี้หมดอายุแล้ว เงินส่วนที่เหลือถือเป็นรายได้แล้ว จึงคืนไม่ได้', en: 'This package has run out: what was left of it was earned, so it is not refunded.' },
  refused_used_up: { th: 'ใช้เครดิตของแพ็กเกจนี้ครบแล้ว ไม่มีส่วนที่จะคืน', en: 'Every credit of this package was used: nothing is left to give back.' },
  forbidden: { th: 'ตำแหน่งของคุณ ({{role}}) ทำรายการนี้ไม่ได้ ทำได้เฉพาะ: {{roles}}', en: 'Your role ({{role}}) may not do this. It is for: {{roles}}.' },
} satisfies Record<string, Words>;

export function why(lang: Lang, a: Exclude<Awaited<ReturnType<typeof staffCall>>, { kind: 'ok' }>, more: Record<string, Words> = {}): string {
  if (a.kind === 'offline') return common.offline[lang];
  if (a.status === 403) return refusalText(lang, { ...refusalOf(a), words: words.forbidden });
  const d = (a.error.details ?? {}) as { balanceMinor?: number; currency?: string; reason?: string };
  const known = ({ ...words, ...more } as Record<string, Words | undefined>)[`refused_${d.reason}`];
  if (a.status === 409 && known) return known[lang];
  if (a.error.code === 'insufficient_balance' && typeof d.balanceMinor === 'number') return fill(words.insufficient[lang], { held: moneyMinor(lang, d.balanceMinor, d.currency ?? 'THB') });
  return fill(words.failed[lang], { why: a.error.message });
}
