import { render } from 'preact';
import type { z } from 'zod';
import type { myBookingsAndCases } from '../../../core/contracts/liff.ts';
import { day, useLang, when, type Dict } from '../kit/i18n.ts';
import { NotShown, useSignedInRead } from '../kit/signed-in-read.tsx';
import { Badge, Fact, Page } from '../kit/ui.tsx';

/** My bookings and cases: inside LINE only, the customer the verified LINE sign-in names (the server decides who that is). */
type Mine = z.infer<typeof myBookingsAndCases>;

const words = {
  title: { th: 'การจองและเคสของฉัน', en: 'My bookings and cases' },
  bookings: { th: 'การจอง', en: 'Bookings' },
  cases: { th: 'เคส', en: 'Cases' },
  noBookings: { th: 'ยังไม่มีการจอง', en: 'No bookings yet' },
  noCases: { th: 'ไม่มีเคสที่แจ้งไว้', en: 'No cases' },
  book: { th: 'จองบริการ', en: 'Book a service' },
  date: { th: 'วันที่', en: 'Date' },
  time: { th: 'เวลา', en: 'Time' },
  people: { th: 'จำนวน', en: 'People' },
  requested: { th: 'ส่งคำขอเมื่อ', en: 'Requested on' },
  quote: { th: 'ดูใบเสนอราคา', en: 'See the quote' },
  track: { th: 'ดูรายละเอียดเคส', en: 'See the case' },
  pay: { th: 'ชำระเงิน', en: 'Pay now' },
  expected: { th: 'คาดว่าจะเสร็จ', en: 'Expected by' },
  inLine: { th: 'เปิดหน้านี้ใน LINE เพื่อดูการจองและเคสของคุณค่ะ', en: 'Open this page in LINE to see your bookings and cases.' },
  signInAgain: { th: 'การเข้าสู่ระบบ LINE หมดอายุ กรุณาเปิดหน้านี้ใหม่จากแชทค่ะ', en: 'Your LINE sign-in has expired: open this page again from the chat.' },
} satisfies Dict;

function MePage() {
  const [lang, setLang] = useLang();
  const [state, load] = useSignedInRead<Mine>('/liff-api/v1/me/bookings-and-cases');

  return (
    <Page lang={lang} setLang={setLang} title={words.title[lang]}>
      <h1>{words.title[lang]}</h1>
      <NotShown state={state} lang={lang} inLine={words.inLine[lang]} signInAgain={words.signInAgain[lang]} retry={load} />
      {state.kind === 'shown' && (
        <>
          <section aria-labelledby="bookings">
            <h2 id="bookings">{words.bookings[lang]}</h2>
            {state.mine.bookings.length === 0 && <p class="muted">{words.noBookings[lang]}</p>}
            <ul class="list">
              {state.mine.bookings.map((b) => (
                <li class="card" key={b.number}>
                  <details>
                    <summary class="rich">
                      <strong>{b.service?.[lang] ?? b.destination ?? b.number}</strong> <Badge tone={b.stage === 'confirmed' || b.stage === 'completed' ? 'ok' : b.open ? 'wait' : 'info'}>{b.stageLabel[lang]}</Badge>
                      <div class="muted small">
                        {b.number}
                        {b.date ? ` · ${day(lang, b.date)}` : ''}
                      </div>
                    </summary>
                    <dl class="small">
                      {b.date && <Fact term={words.date[lang]} value={day(lang, b.date)} />}
                      {b.time && <Fact term={words.time[lang]} value={b.time} />}
                      {b.partySize && <Fact term={words.people[lang]} value={String(b.partySize)} />}
                      <Fact term={words.requested[lang]} value={when(lang, b.createdAt)} />
                    </dl>
                    {b.payUrl && (
                      <a class="button primary" href={b.payUrl}>
                        {words.pay[lang]}
                      </a>
                    )}
                    {b.quotePath && (
                      <a class={b.payUrl ? 'button quiet' : 'button primary'} href={b.quotePath}>
                        {words.quote[lang]}
                      </a>
                    )}
                  </details>
                </li>
              ))}
            </ul>
            <p>
              <a href="/liff/book">{words.book[lang]}</a>
            </p>
          </section>
          <section aria-labelledby="cases">
            <h2 id="cases">{words.cases[lang]}</h2>
            {state.mine.cases.length === 0 && <p class="muted">{words.noCases[lang]}</p>}
            <ul class="list">
              {state.mine.cases.map((c) => (
                <li class="card" key={c.number}>
                  <div class="row">
                    <strong>{c.type[lang]}</strong>
                    <Badge tone={c.open ? 'info' : 'ok'}>{c.statusLabel[lang]}</Badge>
                  </div>
                  <div class="muted small">
                    {c.number} · {when(lang, c.openedAt)}
                  </div>
                  {c.open && c.expectedBy && (
                    <div class="small">
                      {words.expected[lang]}: {when(lang, c.expectedBy)}
                    </div>
                  )}
                  {c.trackingPath && (
                    <a href={c.trackingPath}>
                      {words.track[lang]} <span class="visually-hidden">{c.number}</span>
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
    </Page>
  );
}

render(<MePage />, document.getElementById('app')!);
