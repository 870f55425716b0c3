import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { publicQuote, quoteAnswer } from '../../../core/contracts/bookings.ts';
import { call, tokenFromPath } from '../kit/api.ts';
import { day, money, useLang, type Dict } from '../kit/i18n.ts';
import { Badge, businessBrand, common, Failed, Loading, NotFound, Page, type Tone } from '../kit/ui.tsx';

/** The quote page: the link of the `quote_sent` message. Accept, or decline with a reason; no sign-in, the token is the key. */
type Quote = z.infer<typeof publicQuote>;
type QuoteAnswer = z.infer<typeof quoteAnswer>;

const words = {
  title: { th: 'ใบเสนอราคา', en: 'Your quote' },
  booking: { th: 'การจอง', en: 'Booking' },
  version: { th: 'ฉบับที่', en: 'Version' },
  item: { th: 'รายการ', en: 'Item' },
  qty: { th: 'จำนวน', en: 'Qty' },
  amount: { th: 'ราคา', en: 'Amount' },
  subtotal: { th: 'รวม', en: 'Subtotal' },
  discount: { th: 'ส่วนลด', en: 'Discount' },
  total: { th: 'ยอดรวมทั้งสิ้น', en: 'Total' },
  validUntil: { th: 'ใช้ได้ถึง', en: 'Valid until' },
  accept: { th: 'ยอมรับใบเสนอราคา', en: 'Accept this quote' },
  decline: { th: 'ปฏิเสธ', en: 'Decline' },
  reason: { th: 'เหตุผลที่ปฏิเสธ', en: 'Why are you declining?' },
  reasonHint: { th: 'ช่วยให้เราปรับใบเสนอราคาให้ตรงใจคุณ', en: 'It helps us send you a better quote.' },
  reasonMissing: { th: 'กรุณาบอกเหตุผลสั้น ๆ', en: 'Please tell us why, in a few words.' },
  sendDecline: { th: 'ส่งคำตอบ', en: 'Send my answer' },
  cancel: { th: 'ยกเลิก', en: 'Cancel' },
  open: { th: 'รอคำตอบจากคุณ', en: 'Waiting for your answer' },
  accepted: { th: 'ยอมรับแล้ว', en: 'Accepted' },
  declined: { th: 'ปฏิเสธแล้ว', en: 'Declined' },
  superseded: { th: 'มีฉบับใหม่กว่า', en: 'Replaced by a newer version' },
  expired: { th: 'หมดอายุแล้ว', en: 'Expired' },
  acceptedText: { th: 'ขอบคุณค่ะ การจองของคุณได้รับการยืนยันแล้ว เราจะแจ้งรายละเอียดในแชทค่ะ', en: 'Thank you! Your booking is confirmed; we will send the details in the chat.' },
  declinedText: { th: 'ขอบคุณที่แจ้งให้ทราบค่ะ ทีมงานจะติดต่อกลับพร้อมข้อเสนอใหม่', en: 'Thank you for letting us know. Our team will get back to you with a new offer.' },
  supersededText: { th: 'ใบเสนอราคานี้ถูกแทนที่ด้วยฉบับที่ใหม่กว่า กรุณาเปิดลิงก์ล่าสุดในแชท', en: 'This quote was replaced by a newer version: open the latest link in the chat.' },
  expiredText: { th: 'ใบเสนอราคานี้หมดอายุแล้ว', en: 'This quote has expired.' },
  pay: { th: 'ชำระเงิน (บัตร / พร้อมเพย์)', en: 'Pay now (card or PromptPay)' },
  payText: { th: 'ชำระเงินผ่านหน้าชำระเงินที่ปลอดภัยของ Stripe', en: 'You pay on Stripe\'s secure payment page.' },
  askNew: { th: 'ต้องการใบเสนอราคาใหม่? ส่งข้อความหาเราในแชท แล้วเราจะส่งฉบับใหม่ให้ค่ะ', en: 'Would you like a new quote? Send us a message in the chat and we will send you one.' },
} satisfies Dict;

const TONE: Record<Quote['status'], Tone> = { open: 'wait', accepted: 'ok', declined: 'bad', superseded: 'info', expired: 'bad' };

function QuotePage() {
  const [lang, setLang] = useLang();
  const token = tokenFromPath();
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'missing' } | { kind: 'failed'; offline: boolean } | { kind: 'shown'; q: Quote }>({ kind: 'loading' });
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => {
    if (!/^[0-9a-f]{32}$/i.test(token)) return setState({ kind: 'missing' });
    const a = await call<Quote>(`/public/v1/quotes/${token}`);
    if (a.kind === 'ok') setState({ kind: 'shown', q: a.data });
    else if (a.kind === 'refused' && a.status === 404) setState({ kind: 'missing' });
    else setState({ kind: 'failed', offline: a.kind === 'offline' });
  };
  useEffect(() => void load(), []);

  const answer = async (how: 'accept' | 'decline') => {
    if (how === 'decline' && !reason.trim()) return setProblem(words.reasonMissing[lang]);
    setBusy(true);
    setProblem(null);
    const a = await call<QuoteAnswer>(`/public/v1/quotes/${token}/${how}`, { method: 'POST', body: how === 'decline' ? { reason: reason.trim() } : {} });
    setBusy(false);
    if (a.kind === 'offline') return setProblem(common.offline[lang]);
    // Answered, or someone (another tab) answered first, or it expired meanwhile: what the quote is now tells.
    if (a.kind === 'ok' || a.status === 409) return load();
    setProblem(common.failed[lang]);
  };

  if (state.kind !== 'shown') {
    return (
      <Page lang={lang} setLang={setLang} title={words.title[lang]}>
        {state.kind === 'loading' && <Loading lang={lang} />}
        {state.kind === 'missing' && <NotFound lang={lang} />}
        {state.kind === 'failed' && <Failed lang={lang} offline={state.offline} retry={load} />}
      </Page>
    );
  }
  const q = state.q;
  const m = (n: number) => money(lang, n, q.currency);
  return (
    <Page lang={lang} setLang={setLang} title={words.title[lang]} brand={businessBrand(q.business)}>
      <section class="card" aria-labelledby="quote-title">
        <p class="muted small">
          {words.booking[lang]} {q.booking} · {words.version[lang]} {q.version}
        </p>
        <h1 id="quote-title">{q.service?.[lang] ?? q.destination ?? words.title[lang]}</h1>
        <p>
          <Badge tone={TONE[q.status]}>{words[q.status][lang]}</Badge>
        </p>
        <table>
          <caption class="visually-hidden">{words.title[lang]}</caption>
          <thead>
            <tr>
              <th scope="col">{words.item[lang]}</th>
              <th scope="col" class="num">{words.qty[lang]}</th>
              <th scope="col" class="num">{words.amount[lang]}</th>
            </tr>
          </thead>
          <tbody>
            {q.lines.map((l, i) => (
              <tr key={i}>
                <td>{l.description}</td>
                <td class="num">{l.quantity}</td>
                <td class="num">{m(l.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <dl>
          {q.discount > 0 && <Sum term={words.subtotal[lang]} value={m(q.subtotal)} />}
          {q.discount > 0 && <Sum term={words.discount[lang]} value={`−${m(q.discount)}`} />}
          <Sum term={words.total[lang]} value={m(q.total)} strong />
          <Sum term={words.validUntil[lang]} value={day(lang, q.validUntil)} />
        </dl>
        {q.note && <p class="muted">{q.note}</p>}
      </section>

      {q.status === 'accepted' && <p class="banner tone-ok" role="status">{words.acceptedText[lang]}</p>}
      {q.status === 'declined' && <p class="banner tone-info" role="status">{words.declinedText[lang]}</p>}
      {(q.status === 'expired' || q.status === 'superseded') && (
        <section class="card" role="status">
          <p>{q.status === 'expired' ? words.expiredText[lang] : words.supersededText[lang]}</p>
          <p>{words.askNew[lang]}</p>
        </section>
      )}

      {q.payUrl && (
        <section class="card" aria-label={words.pay[lang]}>
          <p class="muted small">{words.payText[lang]}</p>
          <a class="button primary" href={q.payUrl}>
            {words.pay[lang]}
          </a>
        </section>
      )}

      {q.canAnswer && !declining && (
        <div class="actions">
          <button type="button" class="primary" disabled={busy} onClick={() => answer('accept')}>
            {words.accept[lang]}
          </button>
          <button type="button" class="quiet" disabled={busy} onClick={() => setDeclining(true)}>
            {words.decline[lang]}
          </button>
        </div>
      )}
      {q.canAnswer && declining && (
        <form
          class="card"
          onSubmit={(e) => {
            e.preventDefault();
            void answer('decline');
          }}
        >
          <label for="reason">{words.reason[lang]}</label>
          <textarea id="reason" maxLength={1000} value={reason} onInput={(e) => setReason(e.currentTarget.value)} aria-describedby="reason-hint" />
          <p id="reason-hint" class="hint">{words.reasonHint[lang]}</p>
          <div class="actions">
            <button type="submit" class="primary" disabled={busy}>
              {words.sendDecline[lang]}
            </button>
            <button type="button" class="quiet" onClick={() => setDeclining(false)}>
              {words.cancel[lang]}
            </button>
          </div>
        </form>
      )}
      {problem && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
    </Page>
  );
}

function Sum(p: { term: string; value: string; strong?: boolean }) {
  return (
    <div class="row" style={p.strong ? 'font-weight:600;font-size:1.1rem' : undefined}>
      <dt>{p.term}</dt>
      <dd style="margin:0">{p.value}</dd>
    </div>
  );
}

render(<QuotePage />, document.getElementById('app')!);
