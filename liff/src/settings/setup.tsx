import { useState } from 'preact/hooks';
import type { OrgSetup, OrgUsage, StarterKit } from '../../../core/contracts/tenants.ts';
import type { Dict, Lang } from '../kit/i18n.ts';
import { NavCard } from './nav.tsx';
import { errorsOf, Screen, send, useLoad, type ScreenProps } from './shared.tsx';

/**
 * The set-up checklist (`/liff/settings/setup`, docs/tenants.md): where a new business's owner lands
 * after accepting the invitation. Each step says whether it is done, read from what exists, and
 * opens the screen that does it; the starter kit is chosen here. Loaded only when opened.
 */
const words = {
  title: { th: 'เริ่มต้นใช้งาน', en: 'Set-up checklist' },
  intro: { th: 'ทำตามขั้นตอนเหล่านี้เพื่อให้ธุรกิจพร้อมรับลูกค้า แต่ละขั้นเปิดหน้าที่ตั้งค่าได้เลย', en: 'These steps make the business ready for its customers. Each opens the screen that does it.' },
  done: { th: 'เสร็จแล้ว', en: 'Done' },
  todo: { th: 'ยังไม่ได้ทำ', en: 'To do' },
  optional: { th: 'ไม่บังคับ', en: 'Optional' },
  line: { th: 'เชื่อมต่อ LINE Official Account', en: 'Connect your LINE Official Account' },
  lineAbout: { th: 'ลูกค้าทักมาทาง LINE แล้วบอตรับเรื่องให้', en: 'Customers write on LINE and the bot takes it from there' },
  more: { th: 'WhatsApp และอีเมล', en: 'WhatsApp and e-mail' },
  moreAbout: { th: 'ช่องทางเพิ่มเติมสำหรับลูกค้า', en: 'More ways for customers to reach you' },
  hours: { th: 'เวลาทำการ', en: 'Business hours' },
  hoursAbout: { th: 'เวลาที่นับ SLA และบอกลูกค้าว่าจะตอบเมื่อไร', en: 'When SLA clocks run, and when customers are told you answer' },
  staff: { th: 'เชิญพนักงาน', en: 'Invite staff' },
  staffAbout: { th: 'เพิ่มพนักงานแล้วส่งรหัสลงทะเบียนให้ทาง LINE', en: 'Add people and send them their enrolment code on LINE' },
  kit: { th: 'เลือกชุดเริ่มต้นสำหรับธุรกิจของคุณ', en: 'Choose a starter kit for your business' },
  kitAbout: { th: 'ประเภทเคส บริการ พาร์ทเนอร์ และคำตอบ ภาษาไทยและอังกฤษ ใช้ซ้ำได้ ไม่มีรายการซ้ำ', en: 'Case types, services, partners and answers in Thai and English; applying it again adds nothing twice' },
  apply: { th: 'ใช้ชุดนี้', en: 'Apply' },
  applied: { th: 'ใช้แล้ว', en: 'Applied' },
  use: { th: 'การใช้งานของธุรกิจ', en: "The business's use" },
  useAbout: { th: 'ขีดจำกัดที่ผู้ให้บริการกำหนด เมื่อใช้โทเค็น AI ของวันนี้ครบ บอตอ่านข้อความด้วยตัวอ่านในเครื่องแทน ไม่มีข้อความหาย', en: "The limits the service's operator set. Once today's AI tokens are used, the bot reads messages with its own offline reader; nothing is lost." },
  tokens: { th: 'โทเค็น AI วันนี้', en: 'AI tokens today' },
  storage: { th: 'พื้นที่เก็บไฟล์ (MB)', en: 'File storage (MB)' },
  read: { th: 'ข้อความที่บอตอ่านวันนี้', en: 'Messages the bot read today' },
  none: { th: 'ไม่จำกัด', en: 'no limit' },
  added: { th: 'เพิ่มประเภทเคส {{c}} บริการ {{s}} พาร์ทเนอร์ {{p}} คำตอบ {{f}}', en: 'Added {{c}} case types, {{s}} services, {{p}} partners, {{f}} answers' },
} satisfies Dict;

const KITS: Record<StarterKit, { th: string; en: string }> = {
  tour_operator: { th: 'บริษัททัวร์', en: 'Tour operator' },
  school: { th: 'โรงเรียนสอนทำอาหาร / คลาสเรียน', en: 'School (classes and packages)' },
  concierge: { th: 'คอนเซียร์จและสมาชิก', en: 'Concierge and membership' },
  order_desk: { th: 'รับออเดอร์และเติมเงิน', en: 'Order desk (top-ups, orders)' },
};

type Added = { added: { caseTypes: number; services: number; providers: number; faq: number } };

function Badge(p: { lang: Lang; done: boolean; optional?: boolean }) {
  const word = p.done ? words.done : p.optional ? words.optional : words.todo;
  return <span class={`badge small ${p.done ? 'tone-ok' : 'tone-info'}`}>{word[p.lang]}</span>;
}

export function Setup(p: ScreenProps) {
  const L = p.lang;
  const [state, retry, set] = useLoad<OrgSetup>('setup');
  const [busy, setBusy] = useState('');
  const [said, setSaid] = useState('');
  const apply = async (setup: OrgSetup, kit: StarterKit) => {
    setBusy(kit);
    const a = await send<Added>('POST', 'starter-kit', { kit });
    setBusy('');
    if (a.kind !== 'ok') return setSaid(errorsOf(a, L)._form ?? '');
    const n = a.data.added;
    setSaid(words.added[L].replace('{{c}}', String(n.caseTypes)).replace('{{s}}', String(n.services)).replace('{{p}}', String(n.providers)).replace('{{f}}', String(n.faq)));
    set({ ...setup, starterKits: [...new Set([...setup.starterKits, kit])] });
  };
  return (
    <>
      <h1>{words.title[L]}</h1>
      <p class="muted">{words.intro[L]}</p>
      <Screen lang={L} state={state} retry={retry}>
        {(s) => (
          <>
            <ol class="list">
              <NavCard to="/channels" title={words.line[L]} detail={words.lineAbout[L]} badge={<Badge lang={L} done={s.line} />} />
              <NavCard to="/channels" title={words.more[L]} detail={words.moreAbout[L]} badge={<Badge lang={L} done={s.whatsapp || s.email} optional />} />
              <NavCard to="/hours" title={words.hours[L]} detail={words.hoursAbout[L]} badge={<Badge lang={L} done={s.hours} />} />
              <NavCard to="/staff" title={words.staff[L]} detail={words.staffAbout[L]} badge={<Badge lang={L} done={s.staff} />} />
            </ol>
            <section class="card" aria-labelledby="kit-title">
              <h2 id="kit-title" class="row">
                <span>{words.kit[L]}</span> <Badge lang={L} done={s.starterKits.length > 0} />
              </h2>
              <p class="muted small">{words.kitAbout[L]}</p>
              <div class="actions wrap">
                {(Object.keys(KITS) as StarterKit[]).map((kit) => (
                  <button key={kit} type="button" class={kit === s.businessType ? 'primary' : ''} disabled={!p.canManage || busy !== ''} onClick={() => apply(s, kit)}>
                    {KITS[kit][L]}
                    {s.starterKits.includes(kit) && ` · ${words.applied[L]}`}
                  </button>
                ))}
              </div>
              <p role="status" aria-live="polite" class="small">
                {said}
              </p>
            </section>
          </>
        )}
      </Screen>
      <Usage lang={L} />
    </>
  );
}

/** What the business uses against its limits (core/orgs/org-limits.ts): "used of limit" per line. */
function Usage(p: { lang: Lang }) {
  const L = p.lang;
  const [state, retry] = useLoad<OrgUsage>('usage');
  const line = (label: string, used: number, limit: number | null) => (
    <li>
      {label}: <strong>{used.toLocaleString(L)}</strong> / {limit === null ? words.none[L] : limit.toLocaleString(L)}
    </li>
  );
  const mb = (bytes: number) => Math.round((bytes / 1048576) * 10) / 10;
  return (
    <section class="card" aria-labelledby="use-title">
      <h2 id="use-title">{words.use[L]}</h2>
      <p class="muted small">{words.useAbout[L]}</p>
      <Screen lang={L} state={state} retry={retry}>
        {(u) => (
          <ul>
            {line(words.tokens[L], u.llmTokens.today, u.llmTokens.perDay)}
            {line(words.storage[L], mb(u.storage.usedBytes), u.storage.limitBytes === null ? null : mb(u.storage.limitBytes))}
            {line(words.read[L], u.botMessages.today, u.botMessages.perDay)}
          </ul>
        )}
      </Screen>
    </section>
  );
}
