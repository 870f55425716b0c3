import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { AuditEntry, auditPage } from '../../../core/contracts/audit.ts';
import type { staffMember } from '../../../core/contracts/staff.ts';
import { when, type Dict, type Lang, type Words } from '../kit/i18n.ts';
import { downloadStaffCsv } from '../kit/staff.ts';
import { LoadMore, Screen, send, useLoad } from './shared.tsx';

/**
 * The audit log (GET /api/v1/audit, served to the app as `/settings/audit`), read only: who changed
 * what and when, newest first, in words, never an action's key. Who by name (a staff member, an
 * API key, the system); what in a short phrase made of the action's verb and the kind of thing it
 * was about, with a phrase of its own where that reads better; the thing by the name or number the
 * API gives. Filtered by period (the last seven days at first, in the org's time zone), by who and
 * by a kind of change (one action prefix each); a page of 20 at a time, then "Load more" with the
 * API's cursor; the same filter as CSV.
 */
type Page = z.infer<typeof auditPage>;
type Member = z.infer<typeof staffMember>;

const PAGE = 20;

const words = {
  period: { th: 'ช่วงเวลา', en: 'Period' },
  from: { th: 'ตั้งแต่', en: 'From' },
  to: { th: 'ถึง', en: 'To' },
  who: { th: 'ใคร', en: 'Who' },
  kind: { th: 'เปลี่ยนอะไร', en: 'What changed' },
  everyone: { th: 'ทุกคน', en: 'Everyone' },
  keys: { th: 'คีย์ API', en: 'API keys' },
  system: { th: 'ระบบ', en: 'The system' },
  customer: { th: 'ลูกค้า', en: 'A customer' },
  someone: { th: 'พนักงาน', en: 'A staff member' },
  key: { th: 'คีย์ API', en: 'API key' },
  gone: { th: '(ลบแล้ว)', en: '(removed)' },
  none: { th: 'ไม่มีการเปลี่ยนแปลงในช่วงนี้', en: 'No changes in this period' },
  more: { th: 'ดูเพิ่ม', en: 'Load more' },
  csv: { th: 'ดาวน์โหลด CSV', en: 'Download CSV' },
  csvFailed: { th: 'ดาวน์โหลดไม่สำเร็จ ลองอีกครั้ง', en: 'The download failed; try again.' },
  shown: { th: 'แสดง {{n}} รายการ', en: '{{n}} shown' },
} satisfies Dict;

/** Kinds of change, each one prefix of actions (the API filters by one). */
const KINDS: [string, Words][] = [
  ['', { th: 'ทุกอย่าง', en: 'Everything' }],
  ['org.*', { th: 'การตั้งค่าธุรกิจและเวลาทำการ', en: 'Business settings and hours' }],
  ['case_type.*', { th: 'ประเภทเคส', en: 'Case types' }],
  ['template.*', { th: 'ข้อความถึงลูกค้า', en: 'Customer messages' }],
  ['channel.*', { th: 'ช่องทาง LINE', en: 'LINE channels' }],
  ['staff.*', { th: 'พนักงาน', en: 'Staff' }],
  ['api_key.*', { th: 'คีย์ API', en: 'API keys' }],
  ['provider.*', { th: 'ผู้ให้บริการ', en: 'Providers' }],
  ['contact.*', { th: 'ข้อมูลลูกค้า', en: "Customers' data" }],
];

/** What a change was made to, as the object of its verb. */
const things: Dict = {
  api_key: { th: 'คีย์ API', en: 'an API key' },
  booking_rule: { th: 'กฎมอบหมายการจอง', en: 'a booking assignment rule' },
  booking_stages: { th: 'ขั้นตอนการจอง', en: 'the booking stages' },
  case: { th: 'เคส', en: 'a case' },
  case_type: { th: 'ประเภทเคส', en: 'a case type' },
  service: { th: 'บริการที่จองได้', en: 'a bookable service' },
  faq_entry: { th: 'คำถามที่ลูกค้าถามบ่อย', en: 'a customer question' },
  channel: { th: 'ช่องทาง', en: 'a channel' },
  contact: { th: 'ข้อมูลลูกค้า', en: "a customer's data" },
  provider: { th: 'ผู้ให้บริการ', en: 'a provider' },
  staff: { th: 'พนักงาน', en: 'a staff member' },
  staff_group: { th: 'กลุ่ม LINE ของทีม', en: 'a staff group' },
  template: { th: 'ข้อความถึงลูกค้า', en: 'a customer message' },
  webhook_endpoint: { th: 'เว็บฮุก', en: 'a webhook' },
  saved_reply: { th: 'คำตอบสำเร็จรูป', en: 'a saved reply' },
  session: { th: 'รอบ', en: 'a session' },
  learned_example: { th: 'ประโยคที่บอตเรียนรู้', en: 'a learned phrase' },
};

const verbs: Dict = {
  created: { th: 'เพิ่ม', en: 'added' },
  updated: { th: 'แก้ไข', en: 'changed' },
  changed: { th: 'แก้ไข', en: 'changed' },
  deactivated: { th: 'ปิดใช้', en: 'switched off' },
  deleted: { th: 'ลบ', en: 'deleted' },
  removed: { th: 'ลบ', en: 'removed' },
  issued: { th: 'ออก', en: 'issued' },
  revoked: { th: 'ยกเลิก', en: 'revoked' },
  accepted: { th: 'ยอมรับ', en: 'accepted' },
  set_up: { th: 'ตั้งค่า', en: 'set up' },
  erased: { th: 'ลบ', en: 'erased' },
  exported: { th: 'ส่งออก', en: 'exported' },
  cancelled: { th: 'ยกเลิก', en: 'cancelled' },
  scheduled: { th: 'ตั้งเวลา', en: 'scheduled' },
  corrected: { th: 'แก้ไข', en: 'corrected' },
};

/** Actions a verb and a thing would word badly. */
const phrases: Dict = {
  'org.settings_updated': { th: 'แก้ไขการตั้งค่าธุรกิจ', en: 'changed the business settings' },
  'org.business_calendar_updated': { th: 'แก้ไขเวลาทำการหรือวันหยุด', en: 'changed the business hours or holidays' },
  'staff.enrolled': { th: 'เชื่อมบัญชี LINE ของพนักงาน', en: "linked a staff member's LINE account" },
  'staff.enrolment_code_issued': { th: 'ออกรหัสลงทะเบียนพนักงาน', en: 'issued an enrolment code' },
  'staff.role_changed': { th: 'เปลี่ยนตำแหน่งพนักงาน', en: "changed a staff member's role" },
  'staff.working_hours_changed': { th: 'แก้ไขเวลาทำงานของพนักงาน', en: "changed a staff member's working hours" },
  'channel.tested': { th: 'ส่งข้อความทดสอบ', en: 'sent a test message' },
  'channel.checked': { th: 'ตรวจการเชื่อมต่อช่องทาง', en: "checked a channel's connection" },
  'contact.merged': { th: 'รวมข้อมูลลูกค้า', en: 'merged two customers' },
  'contact.merge_undone': { th: 'ยกเลิกการรวมข้อมูลลูกค้า', en: "undid a customers' merge" },
  'contact.consent_recorded': { th: 'บันทึกคำตอบความยินยอมของลูกค้า', en: "recorded a customer's consent" },
  'privacy_notice.published': { th: 'เผยแพร่ประกาศความเป็นส่วนตัวฉบับใหม่', en: 'published a new privacy notice' },
  'session.capacity_changed': { th: 'แก้ไขจำนวนที่ของรอบ', en: "changed a session's places" },
  'case.type_changed': { th: 'เปลี่ยนประเภทของเคส', en: "changed a case's type" },
  'case.severity_changed': { th: 'เปลี่ยนความรุนแรงของเคส', en: "changed a case's severity" },
};

const human = (key: string) => key.replace(/[._]+/g, ' ').trim();

/** The action in words: its own phrase, else verb and thing, else its key with spaces (never underscores). */
export function actionWords(lang: Lang, action: string): string {
  if (phrases[action]) return phrases[action][lang];
  const dot = action.lastIndexOf('.');
  const [thing, verb] = [things[action.slice(0, dot)], verbs[action.slice(dot + 1)]];
  if (thing && verb) return lang === 'th' ? `${verb.th}${thing.th}` : `${verb.en} ${thing.en}`;
  return human(action);
}

function who(lang: Lang, e: AuditEntry): string {
  if (e.actorType === 'system') return words.system[lang];
  if (e.actorType === 'customer') return words.customer[lang];
  if (e.actorType === 'api_key') return e.actorName ? `${words.key[lang]} ${e.actorName}` : words.keys[lang];
  return e.actorName ?? words.someone[lang];
}

/** A day as `YYYY-MM-DD` in the time zone, `daysAgo` before today. */
function dayIn(timeZone: string, daysAgo = 0): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() - daysAgo * 86_400_000));
}

interface Filter {
  from: string;
  to: string;
  /** '', 'api_key', 'system', or a staff member's id. */
  who: string;
  kind: string;
}

function query(f: Filter): string {
  const q = new URLSearchParams({ limit: String(PAGE) });
  if (f.from) q.set('from', f.from);
  if (f.to) q.set('to', f.to);
  if (f.who === 'api_key' || f.who === 'system') q.set('actorType', f.who);
  else if (f.who) q.set('actorType', 'staff'), q.set('actorId', f.who);
  if (f.kind) q.set('action', f.kind);
  return q.toString();
}

// The period's first default is in the app's zone (i18n.ts `when`); once an answer names the
// org's, a screen opened again starts from its days.
let zone = 'Asia/Bangkok';

export function AuditLog(p: { lang: Lang; title: string }) {
  const L = p.lang;
  const [f, setF] = useState<Filter>(() => ({ from: dayIn(zone, 6), to: dayIn(zone), who: '', kind: '' }));
  const path = `audit?${query(f)}`;
  const [state, retry, set] = useLoad<Page>(path);
  const [staff, setStaff] = useState<Member[]>([]);
  const [csvFailed, setCsvFailed] = useState(false);
  useEffect(() => {
    // Who may read the log may read the staff list too; without it the filter offers keys and the system.
    void send<Member[]>('GET', 'staff').then((a) => a.kind === 'ok' && setStaff(a.data));
  }, []);
  if (state.kind === 'ok') zone = state.data.timeZone;
  const field = (k: keyof Filter) => ({ value: f[k], onChange: (e: Event) => setF({ ...f, [k]: (e.target as HTMLInputElement).value }) });
  return (
    <>
      <h1>{p.title}</h1>
      {state.kind !== 'refused' && (
        <form class="card" aria-label={words.period[L]} onSubmit={(e) => e.preventDefault()}>
          <fieldset>
            <legend>{words.period[L]}</legend>
            <div class="grid2">
              <div>
                <label for="a-from">{words.from[L]}</label>
                <input id="a-from" type="date" max={f.to || undefined} {...field('from')} />
              </div>
              <div>
                <label for="a-to">{words.to[L]}</label>
                <input id="a-to" type="date" min={f.from || undefined} {...field('to')} />
              </div>
            </div>
          </fieldset>
          <div class="grid2">
            <div>
              <label for="a-who">{words.who[L]}</label>
              <select id="a-who" {...field('who')}>
                <option value="">{words.everyone[L]}</option>
                {staff.map((s) => (
                  <option key={s.id} value={s.id}>
                    {s.displayName}
                    {s.isActive ? '' : ` ${words.gone[L]}`}
                  </option>
                ))}
                <option value="api_key">{words.keys[L]}</option>
                <option value="system">{words.system[L]}</option>
              </select>
            </div>
            <div>
              <label for="a-kind">{words.kind[L]}</label>
              <select id="a-kind" {...field('kind')}>
                {KINDS.map(([k, name]) => (
                  <option key={k} value={k}>
                    {name[L]}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div class="actions">
            <button type="button" class="quiet" onClick={async () => setCsvFailed(!(await downloadStaffCsv(`/liff-api/v1/settings/audit?${query(f)}`, 'audit-log')))}>
              {words.csv[L]}
            </button>
          </div>
          {csvFailed && (
            <p class="error" role="alert">
              {words.csvFailed[L]}
            </p>
          )}
        </form>
      )}
      <Screen lang={L} state={state} retry={retry}>
        {(page) => (
          <section aria-label={p.title}>
            {page.items.length === 0 ? <p class="muted">{words.none[L]}</p> : <p class="muted small">{words.shown[L].replace('{{n}}', String(page.items.length))}</p>}
            <ul class="list">
              {page.items.map((e) => (
                <li class="card" key={e.id}>
                  <p>
                    <strong>{who(L, e)}</strong> {actionWords(L, e.action)}
                  </p>
                  <p class="hint">
                    {e.entityName && `${e.entityName[L]} · `}
                    <time dateTime={e.at}>{when(L, e.at, true, page.timeZone)}</time>
                  </p>
                </li>
              ))}
            </ul>
            {page.nextCursor && <LoadMore<Page> label={words.more[L]} next={`${path}&cursor=${encodeURIComponent(page.nextCursor)}`} add={(next) => set({ ...next, items: [...page.items, ...next.items] })} />}
          </section>
        )}
      </Screen>
    </>
  );
}
