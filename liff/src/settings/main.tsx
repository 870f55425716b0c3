import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { useLang, type Dict, type Lang } from '../kit/i18n.ts';
import { StaffGate } from '../kit/staff-ui.tsx';
import { roleNames, useStaff, type StaffMe } from '../kit/staff.ts';
import { lazyScreen, Page } from '../kit/ui.tsx';
import { AuditLog } from './audit.tsx';
import { Bookings } from './bookings.tsx';
import { CaseTypes } from './case-types.tsx';
import { Channels } from './channels.tsx';
import { FaqEntries } from './faq.tsx';
import { Groups } from './groups.tsx';
import { Hours } from './hours.tsx';
import { acceptInvitation } from './invitation.ts';
import { Learned } from './learned.tsx';
import { BASE, Link, NavCard } from './nav.tsx';
import { PrivacyNotice } from './privacy.tsx';
import { Providers } from './providers.tsx';
import { Services } from './services.tsx';
import { may, w, type ScreenProps } from './shared.tsx';
import { StaffScreen } from './staff.tsx';
import { Templates } from './templates.tsx';
import { Understanding } from './understanding.tsx';
import { Unusable } from './unusable.tsx';
import './settings.css';

/**
 * The Settings app (`/liff/settings/<screen>/<item>`): an admin sets the business up from LINE;
 * a manager changes what their role allows and reads the rest. One page; moving between screens
 * keeps the sign-in (history entries, no reload).
 */

const screens = {
  setup: { read: 'org.settings.read', manage: 'org.settings.manage', title: { th: 'เริ่มต้นใช้งาน', en: 'Set-up checklist' }, about: { th: 'เชื่อมต่อ LINE เวลาทำการ เชิญพนักงาน และชุดเริ่มต้น', en: 'Connect LINE, business hours, invite staff, a starter kit' } },
  'case-types': { read: 'taxonomy.read', manage: 'taxonomy.manage', title: { th: 'ประเภทเคส', en: 'Case types' }, about: { th: 'ความรุนแรง SLA การแจ้งเตือน การส่งต่อ ตัวอย่างข้อความ และวิธีแก้ (SOP)', en: 'Severity, SLA, notifications, escalation, example phrases and the SOP' } },
  faq: { read: 'taxonomy.read', manage: 'taxonomy.manage', title: { th: 'คำถามที่ลูกค้าถามบ่อย', en: 'Questions customers ask' }, about: { th: 'คำตอบที่บอตตอบเอง และลูกค้าถามว่าอย่างไร', en: 'The answers the bot gives by itself, and how customers ask' } },
  understanding: { read: 'taxonomy.read', manage: 'taxonomy.manage', title: { th: 'บอตอ่านตัวอย่างข้อความอย่างไร', en: 'How the bot reads your examples' }, about: { th: 'บอตตอบเองเมื่อมั่นใจแค่ไหน ประเภทเคส บริการ และคำถามที่บอตแยกไม่ค่อยออก และตัวอย่างที่ควรเพิ่ม', en: 'How sure the bot must be to act, which case types, services and questions look alike to it, and which need more example phrases' } },
  learned: { read: 'taxonomy.read', manage: 'taxonomy.manage', title: { th: 'บอตเรียนรู้จากพนักงาน', en: 'Learned from staff' }, about: { th: 'จากที่พนักงานแก้บอต', en: 'From corrections' } },
  templates: { read: 'taxonomy.read', manage: 'taxonomy.manage', title: { th: 'ข้อความถึงลูกค้า', en: 'Customer messages' }, about: { th: 'แก้ข้อความภาษาไทยและอังกฤษ ดูตัวอย่างทันที', en: 'Edit the Thai and English texts, with a live preview' } },
  channels: { read: 'channels.read', manage: 'channels.manage', title: { th: 'LINE และการแจ้งเตือน', en: 'LINE and notifications' }, about: { th: 'เชื่อมต่อ LINE และอีเมล ส่งข้อความทดสอบ เปิด/ปิดการแจ้งเตือนลูกค้า', en: 'Connect LINE and e-mail, send a test message, turn customer notifications on or off' } },
  staff: { read: 'staff.read', manage: 'staff.manage', title: { th: 'พนักงาน', en: 'Staff' }, about: { th: 'เพิ่มพนักงาน รหัสลงทะเบียน และตำแหน่ง', en: 'Add staff, enrolment codes and roles' } },
  services: { read: 'taxonomy.read', manage: 'taxonomy.manage', title: { th: 'บริการที่จองได้', en: 'Bookable services' }, about: { th: 'ราคา ระยะเวลา แบบฟอร์มจอง และเวลาเปิด', en: 'Price, length, the booking form and opening hours' } },
  'staff-groups': { read: 'staff_groups.read', manage: 'staff_groups.manage', title: { th: 'กลุ่ม LINE ของทีม', en: 'Staff groups' }, about: { th: 'กลุ่มไหนใช้ทำอะไร และเคสไหนส่งเข้ากลุ่มไหน', en: 'What each LINE group is for, and which cases go to it' } },
  providers: { read: 'providers.read', manage: 'providers.manage', title: { th: 'ผู้ให้บริการ', en: 'Providers' }, about: { th: 'ประเภทเคสที่รองรับ เวลาที่ให้ตอบ ช่องทางติดต่อ ความเสี่ยง และหยุดชั่วคราว', en: 'Case types handled, time to answer, contact, risk and pause' } },
  bookings: { read: 'bookings.rules.read', manage: 'bookings.rules.manage', title: { th: 'การจอง: ขั้นตอนและการมอบหมาย', en: 'Bookings: stages and assignment' }, about: { th: 'ขั้นตอนของการจอง และใครได้รับการจองใหม่', en: 'The pipeline stages, and who gets new bookings' } },
  schedule: { read: 'taxonomy.read', manage: 'taxonomy.manage', title: { th: 'ตารางรอบและช่วงเวลา', en: 'Sessions and slots' }, about: { th: 'รอบเรียน รอบทัวร์ และช่วงเวลาที่รับได้พร้อมกัน', en: 'Classes, departures, and slots with people working at once' } },
  hours: { read: 'org.settings.read', manage: 'org.settings.manage', title: { th: 'เวลาทำการและวันหยุด', en: 'Business hours and holidays' }, about: { th: 'เวลาที่นับ SLA', en: 'The open time SLA clocks count' } },
  corporate: { read: 'members.read', manage: 'corporate.manage', title: { th: 'ลูกค้าองค์กร', en: 'Corporate clients' }, about: { th: 'ที่นั่งสมาชิกที่บริษัทซื้อให้พนักงาน รหัสเข้าร่วม และการใช้งาน', en: 'Membership seats companies buy for their people, join codes and usage' } },
  privacy: { read: 'org.settings.read', manage: 'org.settings.manage', title: { th: 'ประกาศความเป็นส่วนตัว (PDPA)', en: 'Privacy notice (PDPA)' }, about: { th: 'ข้อความที่ลูกค้าเห็น และฉบับที่ผ่านมา', en: 'What customers are shown, and its versions' } },
  // Read only: nothing on it can be changed, so no "view only" badge either.
  unusable: { read: 'outbox.read', manage: 'outbox.read', title: { th: 'สิ่งที่ระบบใช้ไม่ได้', en: 'What could not be used' }, about: { th: 'ข้อความที่อ่านไม่ได้ และไฟล์ที่ไม่ได้ดึงมา', en: 'Messages that could not be read, and files not fetched' } },
  audit: { read: 'audit.read', manage: 'audit.read', title: { th: 'บันทึกการเปลี่ยนแปลง', en: 'Audit log' }, about: { th: 'ใครเปลี่ยนอะไร เมื่อไร', en: 'Who changed what, and when' } },
} as const;
type ScreenKey = keyof typeof screens;

const words = {
  hello: { th: 'สวัสดี {{name}} ({{role}})', en: 'Hello {{name}} ({{role}})' },
  viewOnly: { th: 'ดูได้อย่างเดียว', en: 'View only' },
  notForRole: { th: 'ไม่ใช่สำหรับตำแหน่งของคุณ', en: 'Not for your role' },
} satisfies Dict;

function where(): { screen: ScreenKey | ''; item: string } {
  const [screen = '', ...rest] = location.pathname.slice(BASE.length).split('/').filter(Boolean);
  return { screen: screen in screens ? (screen as ScreenKey) : '', item: decodeURIComponent(rest.join('/')) };
}

function Home(p: { lang: Lang; me: StaffMe }) {
  return (
    <>
      <h1>{w.app[p.lang]}</h1>
      <p class="muted">{words.hello[p.lang].replace('{{name}}', p.me.displayName).replace('{{role}}', roleNames[p.me.role]?.[p.lang] ?? p.me.role)}</p>
      <nav aria-label={w.app[p.lang]}>
        <ul class="list">
          {(Object.keys(screens) as ScreenKey[]).map((k) => {
            const s = screens[k];
            const badge = !may(p.me, s.read) ? words.notForRole : !may(p.me, s.manage) ? words.viewOnly : null;
            return (
              <NavCard key={k} to={`/${k}`} title={s.title[p.lang]} detail={s.about[p.lang]} badge={badge && <span class="badge tone-info small">{badge[p.lang]}</span>} />
            );
          })}
        </ul>
      </nav>
    </>
  );
}

/** Screens loaded when first opened (a chunk each): an admin opens them now and then. */
const LazySchedule = lazyScreen<ScreenProps>(() => import('./schedule.tsx'));
/** Corporate clients' seats (seed 000): a business with corporate clients only. */
const LazyCorporate = lazyScreen<ScreenProps>(() => import('./corporate.tsx'));
/** The set-up checklist: most visits to Settings never need it. */
const LazySetup = lazyScreen<ScreenProps>(() => import('./setup.tsx').then((m) => ({ default: m.Setup })));

function SettingsApp() {
  const [lang, setLang] = useLang();
  const [staff, retry] = useStaff(acceptInvitation);
  const [at, setAt] = useState(where);
  useEffect(() => {
    const moved = () => {
      setAt(where());
      scrollTo(0, 0);
    };
    addEventListener('popstate', moved);
    return () => removeEventListener('popstate', moved);
  }, []);
  const screen = at.screen ? screens[at.screen] : undefined;
  return (
    <Page lang={lang} setLang={setLang} title={screen ? `${screen.title[lang]} · ${w.app[lang]}` : w.app[lang]} brand={w.app}>
      <StaffGate lang={lang} state={staff} retry={retry}>
        {() => {
          if (staff.kind !== 'ready') return null;
          const me = staff.me;
          if (!at.screen) return <Home lang={lang} me={me} />;
          const common = { lang, me, canManage: may(me, screens[at.screen].manage), item: at.item };
          return (
            <>
              <p>
                <Link to="" class="small">
                  {w.back[lang]}
                </Link>
              </p>
              {at.screen === 'setup' && <LazySetup {...common} />}
              {at.screen === 'case-types' && <CaseTypes {...common} />}
              {at.screen === 'faq' && <FaqEntries {...common} />}
              {at.screen === 'understanding' && <Understanding lang={lang} canManage={may(me, 'org.settings.manage')} />}
              {at.screen === 'learned' && <Learned lang={lang} title={screens.learned.title[lang]} canManage={common.canManage} canSwitch={may(me, 'org.settings.manage')} />}
              {at.screen === 'templates' && <Templates {...common} />}
              {at.screen === 'channels' && <Channels {...common} canManageNotices={may(me, 'org.settings.manage')} />}
              {at.screen === 'staff' && <StaffScreen {...common} />}
              {at.screen === 'staff-groups' && <Groups {...common} />}
              {at.screen === 'providers' && <Providers {...common} />}
              {at.screen === 'bookings' && <Bookings {...common} />}
              {at.screen === 'services' && <Services {...common} />}
              {at.screen === 'schedule' && <LazySchedule {...common} />}
              {at.screen === 'hours' && <Hours {...common} />}
              {at.screen === 'corporate' && <LazyCorporate {...common} />}
              {at.screen === 'privacy' && <PrivacyNotice {...common} />}
              {at.screen === 'unusable' && <Unusable lang={lang} title={screens.unusable.title[lang]} />}
              {at.screen === 'audit' && <AuditLog lang={lang} title={screens.audit.title[lang]} />}
            </>
          );
        }}
      </StaffGate>
    </Page>
  );
}

render(<SettingsApp />, document.getElementById('app')!);
