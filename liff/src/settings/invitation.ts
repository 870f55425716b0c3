import type { Dict } from '../kit/i18n.ts';
import { chooseOrg, staffCall, type Refusal } from '../kit/staff.ts';
import { BASE } from './nav.tsx';

/**
 * A new business's invitation link opens Settings (`?invitation=…`, docs/tenants.md): accepted for
 * the signed-in LINE user before anything else, so they open Settings as the business's admin. The
 * spent link leaves the address; a refused one is said in words (core/orgs/org-invitations.ts).
 */
const words = {
  invitation_used: { th: 'เพราะลิงก์เชิญนี้ถูกใช้ไปแล้ว ขอให้ผู้ดูแลระบบของธุรกิจเพิ่มคุณเป็นพนักงาน', en: 'because this invitation has been used already. Ask the admin of the business to add you.' },
  invitation_expired: { th: 'เพราะลิงก์เชิญนี้หมดอายุแล้ว ขอลิงก์ใหม่จากผู้ให้บริการ', en: 'because this invitation has expired. Ask the operator for a new one.' },
  invitation_unknown: { th: 'เพราะลิงก์เชิญนี้ไม่ถูกต้อง ขอลิงก์ใหม่จากผู้ให้บริการ', en: 'because this invitation link is not valid. Ask the operator for a new one.' },
  wrong_app: { th: 'เพราะต้องเปิดลิงก์เชิญนี้ในแอป LINE ของธุรกิจนั้นเอง', en: "because this invitation opens in the business's own LINE app." },
} satisfies Dict;

export async function acceptInvitation(): Promise<Refusal | undefined> {
  const search = new URLSearchParams(location.search);
  const token = search.get('invitation');
  if (!token) return undefined;
  const a = await staffCall<{ org: { slug: string } }>('invitations/accept', { method: 'POST', body: { token } });
  if (a.kind === 'ok') {
    chooseOrg(a.data.org.slug);
    search.delete('invitation');
    // The new owner is walked through set-up first (liff/src/settings/setup.tsx).
    history.replaceState(null, '', `${BASE}/setup` + (search.size ? `?${search}` : ''));
    dispatchEvent(new PopStateEvent('popstate'));
    return undefined;
  }
  if (a.kind === 'offline') return { reason: 'offline' };
  const reason = String((a.error.details as { reason?: string } | null)?.reason ?? '');
  return reason in words ? { reason: 'app', code: reason, words: words[reason as keyof typeof words] } : { reason: 'failed' };
}
