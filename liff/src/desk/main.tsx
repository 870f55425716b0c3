import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { fill, useLang } from '../kit/i18n.ts';
import { StaffGate } from '../kit/staff-ui.tsx';
import { roleNames, useStaff } from '../kit/staff.ts';
import { Page } from '../kit/ui.tsx';
import { CaseScreen } from './case-screen.tsx';
import { BASE } from './nav.tsx';
import { Queue } from './queue.tsx';
import { w } from './words.ts';
import './desk.css';

/**
 * The staff desk (`/liff/desk`, `/liff/desk/case/<number>`): a support member's queue and a case's
 * detail with the actions the LINE card has. One page; moving between screens keeps the sign-in
 * (history entries, no reload). The server decides what the staff member may do; the page only
 * hides what it already knows will be refused, and says why.
 */
function where(): { number: string } {
  const [screen, number] = location.pathname.slice(BASE.length).split('/').filter(Boolean);
  return { number: screen === 'case' && number ? decodeURIComponent(number) : '' };
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
    <Page lang={lang} setLang={setLang} title={at.number ? `${at.number} · ${w.title[lang]}` : w.title[lang]}>
      <StaffGate lang={lang} state={state} retry={retry}>
        {() => {
          const me = (state as Extract<typeof state, { kind: 'ready' }>).me;
          return (
            <>
              <p class="muted small who">{fill(w.hello[lang], { name: me.displayName, role: roleNames[me.role]?.[lang] ?? me.role })}</p>
              {at.number ? <CaseScreen key={at.number} lang={lang} me={me} number={at.number} /> : <Queue lang={lang} me={me} />}
            </>
          );
        }}
      </StaffGate>
    </Page>
  );
}

render(<Desk />, document.getElementById('app')!);
