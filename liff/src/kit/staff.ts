import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { staffMe, StaffRefusalReason } from '../../../core/contracts/liff-staff.ts';
import { call, type Answer } from './api.ts';
import type { Dict, Lang } from './i18n.ts';
import { liffId, takeSimulatorToken } from './line.ts';
// Statically: a staff app always signs in, so the SDK loads with the page, in parallel, not after it.
import { startLiff } from './liff-sdk.ts';

/**
 * The staff apps' sign-in (dashboard, desk, settings): the same LIFF sign-in as the customer
 * pages (line.ts), then every call to `/liff-api/v1` carries the ID token, and the server decides
 * who the staff member is and what their role allows (api/liff/staff-caller.ts). The page never
 * sends a staff id of its own.
 *
 * Trying it without LINE: the chat simulator opens an app as a chosen staff member with
 * `#liff-mock-id-token=<token>` (dev/simulator/): the token goes to LIFF Mock, which hands it to
 * the page as LINE would, and the server accepts it only while the simulator runs outside
 * production. Anywhere else such a token is refused like any forged one. A production build
 * (liff/build.ts, `__SIMULATOR__`) has none of this: a link with someone's token in it cannot
 * sign anyone in as them.
 */
export type StaffMe = z.infer<typeof staffMe>;

/** Why the app cannot be opened: the server's reasons, and the page's own (outside LINE, sign-in expired, offline). */
export type Refusal = {
  reason: StaffRefusalReason | 'outside_line' | 'expired' | 'offline' | 'failed' | 'app';
  role?: string;
  permission?: string;
  roles?: string[];
  /** `choose_org`: the businesses this person is staff of, to choose from. */
  orgs?: { slug: string; name: string }[];
  /** `app`: the app's own refusal (`code`), said in its own `words`. */
  code?: string;
  words?: { th: string; en: string };
};
/** The server's staff refusals (core/contracts/liff-staff.ts STAFF_REFUSALS; a value import would bring zod into the page). */
const STAFF_REFUSALS: readonly StaffRefusalReason[] = ['not_staff', 'staff_removed', 'role_forbids', 'choose_org', 'org_suspended'];

/**
 * The business this person acts for, when they are staff of several served by this LINE app: chosen
 * on the refusal screen, kept for the tab, sent with every call (`X-Opsdesk-Org`, docs/tenants.md).
 */
const ORG_CHOICE = 'opsdesk-org';
export function chooseOrg(slug: string): void {
  try {
    sessionStorage.setItem(ORG_CHOICE, slug);
  } catch {
    // storage refused: asked again on the next load
  }
}
function chosenOrg(): Record<string, string> {
  try {
    const slug = sessionStorage.getItem(ORG_CHOICE);
    return slug ? { 'x-opsdesk-org': slug } : {};
  } catch {
    return {};
  }
}

let idToken: Promise<string | null> | undefined;

/** The ID token of the signed-in staff member, or null outside LINE (a browser is sent to LINE Login). */
export function staffIdToken(): Promise<string | null> {
  idToken ??= (async () => {
    takeSimulatorToken();
    // No LIFF id configured (the embedded default): only LIFF Mock's data (the chat simulator's, a test's) can sign in.
    const id = liffId() || (window.__liffMock ? 'simulator' : '');
    if (!id) return null;
    const session = await startLiff(id, true).catch(() => null);
    return session?.idToken ?? null;
  })();
  return idToken;
}

/** A call to the LIFF API as the signed-in staff member (`path` under /liff-api/v1, or whole). */
export async function staffCall<T>(path: string, init: { method?: 'GET' | 'POST'; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer<T>> {
  const token = await staffIdToken();
  if (!token) return { kind: 'refused', status: 401, error: { code: 'unauthenticated', message: 'Not signed in with LINE', details: { reason: 'outside_line' } } };
  return call<T>(path.startsWith('/') ? path : `/liff-api/v1/${path}`, { ...init, headers: { ...chosenOrg(), ...init.headers }, idToken: token });
}

/**
 * A staff read as a CSV file (`format=csv` on `path`, absolute): fetched with the sign-in, which a
 * plain link would not carry, then saved as `name`.csv. False when it could not be fetched.
 */
export async function downloadStaffCsv(path: string, name: string): Promise<boolean> {
  const token = await staffIdToken();
  if (!token) return false;
  const url = new URL(path, location.origin);
  url.searchParams.set('format', 'csv');
  const res = await fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'text/csv', ...chosenOrg() } }).catch(() => undefined);
  if (!res?.ok) return false;
  const href = URL.createObjectURL(await res.blob());
  const a = Object.assign(document.createElement('a'), { href, download: `${name}.csv` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
  return true;
}

const early = new Map<string, ReturnType<typeof staffCall>>();

/**
 * Starts a read before the screen asks for it: the first screen's, while the app asks who is
 * signed in (both wait for the same sign-in), so that the phone pays one round trip, not two.
 */
export function prefetch(path: string): void {
  if (!early.has(path)) early.set(path, staffCall(path));
}

/** A GET as the signed-in staff member: the read `prefetch` started for it, the first time, else a new one. */
export function staffRead<T>(path: string): Promise<Answer<T>> {
  const asked = (early.get(path) as Promise<Answer<T>> | undefined) ?? staffCall<T>(path);
  early.delete(path);
  return asked;
}

/** What a refused answer means for the person holding the phone. */
export function refusalOf(a: Exclude<Answer<unknown>, { kind: 'ok' }>): Refusal {
  if (a.kind === 'offline') return { reason: 'offline' };
  const details = (a.error.details ?? {}) as { reason?: string; role?: string; permission?: string; roles?: string[]; orgs?: { slug: string; name: string }[] };
  if (a.status === 401) return { reason: details.reason === 'outside_line' ? 'outside_line' : 'expired' };
  if (a.status === 403 && (STAFF_REFUSALS as readonly string[]).includes(details.reason ?? '')) {
    return { reason: details.reason as StaffRefusalReason, role: details.role, permission: details.permission, roles: details.roles, orgs: details.orgs };
  }
  return { reason: 'failed' };
}

export type StaffState = { kind: 'loading' } | { kind: 'refused'; refusal: Refusal } | { kind: 'ready'; me: StaffMe };

/** Signs in and asks who this is: what every staff app does first (after `first`, an app's own step that may refuse). */
export function useStaff(first?: () => Promise<Refusal | undefined>): [StaffState, () => void] {
  const [state, setState] = useState<StaffState>({ kind: 'loading' });
  const load = async () => {
    setState({ kind: 'loading' });
    const refused = await first?.();
    if (refused) return setState({ kind: 'refused', refusal: refused });
    const a = await staffCall<StaffMe>('staff/me');
    setState(a.kind === 'ok' ? { kind: 'ready', me: a.data } : { kind: 'refused', refusal: refusalOf(a) });
  };
  useEffect(() => void load(), []);
  return [state, load];
}

export const roleNames: Dict = {
  support: { th: 'ฝ่ายซัพพอร์ต', en: 'support' },
  manager: { th: 'ผู้จัดการ', en: 'manager' },
  admin: { th: 'ผู้ดูแลระบบ', en: 'admin' },
  ceo: { th: 'ผู้บริหาร (CEO)', en: 'CEO' },
  accountant: { th: 'ฝ่ายบัญชี', en: 'accountant' },
};

export const refusalWords = {
  title: { th: 'เปิดหน้านี้ไม่ได้', en: "You can't open this" },
  not_staff: {
    th: 'เพราะบัญชี LINE นี้ยังไม่ได้ลงทะเบียนเป็นพนักงาน ขอรหัสลงทะเบียนจากผู้ดูแลระบบ แล้วส่งรหัสนั้นให้บอทในแชท',
    en: 'because this LINE account is not enrolled as staff. Ask an admin for an enrolment code and send it to the bot in the chat.',
  },
  staff_removed: {
    th: 'เพราะสิทธิ์พนักงานของคุณถูกยกเลิกแล้ว หากคิดว่าผิดพลาด ติดต่อผู้ดูแลระบบของธุรกิจ',
    en: 'because your staff access has been removed. If you think this is a mistake, ask an admin of your business.',
  },
  role_forbids: { th: 'เพราะตำแหน่งของคุณ ({{role}}) ไม่มีสิทธิ์ดูส่วนนี้ ส่วนนี้สำหรับ: {{roles}}', en: 'because your role ({{role}}) may not see this. It is for: {{roles}}.' },
  outside_line: { th: 'เพราะต้องเปิดจากใน LINE เปิดจากเมนูในแชทของธุรกิจ', en: "because it opens inside LINE: open it from the menu in the business's chat." },
  expired: { th: 'เพราะการเข้าสู่ระบบ LINE หมดอายุ ปิดแล้วเปิดหน้านี้ใหม่จากแชท', en: 'because your LINE sign-in has expired: close this and open it again from the chat.' },
  offline: { th: 'เพราะไม่มีการเชื่อมต่ออินเทอร์เน็ต ลองอีกครั้งเมื่อกลับมาออนไลน์', en: 'because you are offline. Try again when you are back online.' },
  failed: { th: 'เพราะเกิดข้อผิดพลาดที่ระบบ ลองอีกครั้ง', en: 'because something went wrong on our side. Try again.' },
  choose_org: { th: 'เพราะคุณเป็นพนักงานของหลายธุรกิจ เลือกธุรกิจที่จะทำงานให้:', en: 'because you are staff of more than one business. Choose the one you are working for:' },
  org_suspended: { th: 'เพราะธุรกิจนี้ถูกระงับการใช้งาน เจ้าของธุรกิจติดต่อผู้ให้บริการได้', en: 'because this business is suspended. Its owner can ask the operator to resume it.' },
  // An app's own refusal brings its own words (Refusal.words).
  app: { th: '', en: '' },
} satisfies Dict;

/** The refusal as a sentence: "… because …", with the roles that may, in the reader's language. */
export function refusalText(lang: Lang, r: Refusal): string {
  const text = (r.words ?? refusalWords[r.reason])[lang];
  const name = (role: string) => roleNames[role]?.[lang] ?? role;
  return text.replace('{{role}}', r.role ? name(r.role) : '').replace('{{roles}}', (r.roles ?? []).map(name).join(', '));
}
