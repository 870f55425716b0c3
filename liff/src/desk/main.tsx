import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { fill, useLang } from '../kit/i18n.ts';
import { StaffGate } from '../kit/staff-ui.tsx';
import { roleNames, useStaff } from '../kit/staff.ts';
import { lazyScreen, Page } from '../kit/ui.tsx';
import type { StaffMe } from '../kit/staff.ts';
import { CaseScreen } from './case-screen.tsx';
import { BookingBoard, BookingScreen } from './bookings.tsx';
import { ContactScreen } from './contact.tsx';
import { DaySheet } from './day-sheet.tsx';
import { ConversationScreen } from './conversation.tsx';
import { Inbox, prefetchInbox } from './inbox.tsx';
import { iw } from './inbox-words.ts';
import { BASE, Link } from './nav.tsx';
import { Queue } from './queue.tsx';
import { w } from './words.ts';
import './desk.css';

const LazyFindMember = lazyScreen<{ lang: 'th' | 'en'; me: StaffMe }>(() => import('./member-panel.tsx').then((m) => ({ default: m.FindMember })));

/**
 * The staff desk (`/liff/desk`, `/liff/desk/case/<number>`): a support member's queue and a case's
 * detail with the actions the LINE card has; the Inbox (`/liff/desk/inbox`,
 * `/liff/desk/conversation/<id>`) where customers who asked for a person are answered. One page; moving between screens keeps the sign-in
 * (history entries, no reload). The server decides what the staff member may do; the page only
 * hides what it already knows will be refused, and says why.
 */
type Where = { screen: 'cases' | 'case' | 'bookings' | 'booking' | 'contact' | 'inbox' | 'conversation' | 'day' | 'members'; number: string };

function where(): Where {
  const [screen, number] = location.pathname.slice(BASE.length).split('/').filter(Boolean);
  if ((screen === 'case' || screen === 'booking' || screen === 'contact' || screen === 'conversation') && number) return { screen, number: decodeURIComponent(number) };
  return { screen: screen === 'bookings' || screen === 'inbox' || screen === 'day' || screen === 'members' ? screen : 'cases', number: '' };
}

function Desk() {
  const [lang, setLang] = useLang();
  const [state, retry] = useStaff();
  const [at, setAt] = useState(where);
  useEffect(() => {
    const moved = () => setAt(where());
    addEventListener('popstate', moved);
    return () => removeEventListener('popstate', moved);
  }, []);
  return (
    <Page lang={lang} setLang={setLang} title={at.screen === 'inbox' || at.screen === 'conversation' ? iw.title[lang] : at.number ? `${at.number} · ${w.title[lang]}` : w.title[lang]}>
      <StaffGate lang={lang} state={state} retry={retry}>
        {() => {
          const me = (state as Extract<typeof state, { kind: 'ready' }>).me;
          return (
            <>
              <p class="muted small who">{fill(w.hello[lang], { name: me.displayName, role: roleNames[me.role]?.[lang] ?? me.role })}</p>
              {(me.permissions.includes('bookings.read') || me.permissions.includes('conversations.read')) && (
                <nav class="tabs sections" aria-label={w.sections[lang]}>
                  <Link to="" class={`button ${at.screen.startsWith('case') ? 'primary' : 'quiet'}`} current={at.screen === 'cases'}>
                    {w.casesTab[lang]}
                  </Link>
                  {me.permissions.includes('conversations.read') && (
                    <Link to="/inbox" class={`button ${at.screen === 'inbox' || at.screen === 'conversation' ? 'primary' : 'quiet'}`} current={at.screen === 'inbox'}>
                      {iw.tab[lang]}
                    </Link>
                  )}
                  {me.permissions.includes('bookings.read') && (
                    <Link to="/bookings" class={`button ${at.screen.startsWith('booking') ? 'primary' : 'quiet'}`} current={at.screen === 'bookings'}>
                      {w.bookingsTab[lang]}
                    </Link>
                  )}
                  {me.permissions.includes('bookings.read') && (
                    <Link to="/day" class={`button ${at.screen === 'day' ? 'primary' : 'quiet'}`} current={at.screen === 'day'}>
                      {w.dayTab[lang]}
                    </Link>
                  )}
                  {me.permissions.includes('members.read') && (
                    <Link to="/members" class={`button ${at.screen === 'members' ? 'primary' : 'quiet'}`} current={at.screen === 'members'}>
                      {w.membersTab[lang]}
                    </Link>
                  )}
                </nav>
              )}
              {at.screen === 'case' && <CaseScreen key={at.number} lang={lang} me={me} number={at.number} />}
              {at.screen === 'cases' && <Queue lang={lang} me={me} />}
              {at.screen === 'bookings' && <BookingBoard lang={lang} />}
              {at.screen === 'day' && <DaySheet lang={lang} canWork={me.permissions.includes('bookings.work')} canOverbook={me.role === 'admin' || me.role === 'manager'} />}
              {at.screen === 'booking' && <BookingScreen key={at.number} lang={lang} number={at.number} canSeeCustomer={me.permissions.includes('contacts.read')} canQuote={me.permissions.includes('bookings.work')} canAssign={me.permissions.includes('bookings.assign')} canSeeDocuments={me.permissions.includes('documents.read')} canDecidePayments={me.permissions.includes('payments.refund')} canIssueDocuments={me.permissions.includes('documents.issue')} />}
              {at.screen === 'members' && <LazyFindMember lang={lang} me={me} />}
              {at.screen === 'inbox' && <Inbox lang={lang} me={me} />}
              {at.screen === 'conversation' && <ConversationScreen key={at.number} lang={lang} me={me} id={at.number} />}
              {at.screen === 'contact' && <ContactScreen key={at.number} lang={lang} me={me} id={at.number} />}
            </>
          );
        }}
      </StaffGate>
    </Page>
  );
}

// The Inbox's lists are asked for at once, beside "who is signed in" (not after it).
if (where().screen === 'inbox') prefetchInbox();

render(<Desk />, document.getElementById('app')!);
