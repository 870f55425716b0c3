import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { caseTracking } from '../../../core/contracts/public.ts';
import { call, tokenFromPath } from '../kit/api.ts';
import { when, useLang, type Dict } from '../kit/i18n.ts';
import { Badge, businessBrand, Fact, Failed, Loading, NotFound, Page, type Tone } from '../kit/ui.tsx';

/** Case tracking (seed 004 section 4.7.2): the link in every case message. No sign-in: the token is the key. */
type Tracking = z.infer<typeof caseTracking>;

const words = {
  title: { th: 'ติดตามสถานะเคส', en: 'Track your case' },
  caseNo: { th: 'เคสหมายเลข', en: 'Case' },
  status: { th: 'สถานะ', en: 'Status' },
  expected: { th: 'คาดว่าจะแก้ไขเสร็จ', en: 'Expected by' },
  resolved: { th: 'แก้ไขเสร็จเมื่อ', en: 'Resolved on' },
  opened: { th: 'แจ้งเมื่อ', en: 'Reported on' },
  history: { th: 'ความคืบหน้า', en: 'Updates' },
  live: { th: 'หน้านี้อัปเดตอัตโนมัติ', en: 'This page updates by itself' },
  created: { th: 'ได้รับเรื่องแล้ว', en: 'We received your report' },
  message_in: { th: 'คุณส่งข้อความถึงเรา', en: 'You sent us a message' },
  message_out: { th: 'ทีมงานตอบกลับคุณ', en: 'Our team replied to you' },
  status_changed: { th: 'สถานะเปลี่ยนเป็น', en: 'Status changed to' },
  reopened: { th: 'เปิดเคสอีกครั้ง', en: 'Case reopened' },
  other: { th: 'มีการอัปเดต', en: 'Update' },
} satisfies Dict;

const TONE: Record<string, Tone> = { new: 'info', investigating: 'info', fixing: 'info', waiting_customer: 'wait', waiting_provider: 'wait', resolved: 'ok', closed: 'ok' };
/** How often an open page asks again: often enough to feel live, rarely enough for a phone's battery and the public rate limit. */
const REFRESH_MS = 30_000;

function TrackPage() {
  const [lang, setLang] = useLang();
  const token = tokenFromPath();
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'missing' } | { kind: 'failed'; offline: boolean } | { kind: 'shown'; c: Tracking }>({ kind: 'loading' });

  const load = async () => {
    if (!/^[0-9a-f]{32}$/i.test(token)) return setState({ kind: 'missing' });
    const a = await call<Tracking>(`/public/v1/cases/${token}`);
    if (a.kind === 'ok') setState({ kind: 'shown', c: a.data });
    else if (a.kind === 'refused' && a.status === 404) setState({ kind: 'missing' });
    // A refresh that fails keeps what is shown (a banner says offline); only a first load shows the failure.
    else setState((s) => (s.kind === 'shown' ? s : { kind: 'failed', offline: a.kind === 'offline' }));
  };
  useEffect(() => {
    void load();
    const timer = setInterval(() => document.visibilityState === 'visible' && void load(), REFRESH_MS);
    const back = () => document.visibilityState === 'visible' && void load();
    document.addEventListener('visibilitychange', back);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', back);
    };
  }, []);

  return (
    <Page lang={lang} setLang={setLang} title={words.title[lang]} brand={businessBrand(state.kind === 'shown' ? state.c.business : undefined)}>
      {state.kind === 'loading' && <Loading lang={lang} />}
      {state.kind === 'missing' && <NotFound lang={lang} />}
      {state.kind === 'failed' && <Failed lang={lang} offline={state.offline} retry={load} />}
      {state.kind === 'shown' && (
        <>
          <section class="card" aria-labelledby="case-title">
            <p class="muted small">
              {words.caseNo[lang]} {state.c.case}
            </p>
            <h1 id="case-title">{state.c.type[lang]}</h1>
            <p>
              <span class="visually-hidden">{words.status[lang]}: </span>
              <Badge tone={TONE[state.c.status] ?? 'info'}>{state.c.statusLabel[lang]}</Badge>
            </p>
            <dl>
              {state.c.resolvedAt ? (
                <Fact term={words.resolved[lang]} value={when(lang, state.c.resolvedAt)} />
              ) : (
                state.c.expectedBy && <Fact term={words.expected[lang]} value={when(lang, state.c.expectedBy)} />
              )}
              <Fact term={words.opened[lang]} value={when(lang, state.c.openedAt)} />
            </dl>
          </section>
          <section class="card" aria-labelledby="history">
            <h2 id="history">{words.history[lang]}</h2>
            <ol class="timeline">
              {[...state.c.timeline].reverse().map((e) => (
                <li key={e.at + e.event}>
                  <div>
                    {(words[e.event as keyof typeof words] ?? words.other)[lang]}
                    {e.event === 'status_changed' && e.statusLabel ? ` "${e.statusLabel[lang]}"` : ''}
                  </div>
                  <div class="muted small">{when(lang, e.at)}</div>
                </li>
              ))}
            </ol>
          </section>
          <p class="muted small">{words.live[lang]}</p>
        </>
      )}
    </Page>
  );
}

render(<TrackPage />, document.getElementById('app')!);
