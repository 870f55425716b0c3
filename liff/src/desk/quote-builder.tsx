import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { quote, quoteSent } from '../../../core/contracts/bookings.ts';
import { fill, money, type Lang } from '../kit/i18n.ts';
import { staffCall } from '../kit/staff.ts';
import { common } from '../kit/ui.tsx';
import { readTypedAmount } from '../../../core/contracts/typed-amount.ts';
import { w } from './words.ts';

/**
 * The quote builder on a booking: lines, a discount and the last day it may be accepted, saved as
 * the next draft version (the server prices it: core/bookings/booking-quotes.ts), then sent; the
 * customer gets the quote page's link in their chat. The total shown while typing is the page's
 * own sum; the saved quote's is the server's.
 */
type Quote = z.infer<typeof quote>;
type Line = { description: string; quantity: string; unitPrice: string };
type Said = { tone: 'ok' | 'bad'; text: string };

const inTwoWeeks = () => new Date(Date.now() + 14 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
/** A typed number ("1,500", "1500.50", "฿1,500"); NaN when empty or unreadable. */
const num = (s: string) => readTypedAmount(s) ?? NaN;
/** Typed but not readable as an amount: the field says so. */
const unreadable = (s: string) => s.trim() !== '' && readTypedAmount(s) === undefined;

export function QuoteBuilder(p: { lang: Lang; number: string; quotes: Quote[]; changed: () => Promise<void> }) {
  const { lang } = p;
  const [lines, setLines] = useState<Line[]>([{ description: '', quantity: '1', unitPrice: '' }]);
  const [discount, setDiscount] = useState('');
  const [validUntil, setValidUntil] = useState(inTwoWeeks);
  const [note, setNote] = useState('');
  const [said, setSaid] = useState<Said | null>(null);
  const [busy, setBusy] = useState(false);
  const base = `desk/bookings/${encodeURIComponent(p.number)}/quotes`;

  const set = (i: number, k: keyof Line, v: string) => setLines(lines.map((l, j) => (j === i ? { ...l, [k]: v } : l)));
  const subtotal = lines.reduce((n, l) => n + (num(l.quantity) || 0) * (num(l.unitPrice) || 0), 0);
  const total = Math.max(0, subtotal - (num(discount) || 0));
  const linesComplete = lines.every((l) => l.description.trim() && num(l.quantity) > 0 && num(l.unitPrice) >= 0);
  const complete = linesComplete && !unreadable(discount) && validUntil;

  const answer = (a: Awaited<ReturnType<typeof staffCall>>): Said | null =>
    a.kind === 'ok' ? null : a.kind === 'offline' ? { tone: 'bad', text: common.offline[lang] } : { tone: 'bad', text: fill(a.status === 422 ? w.invalid[lang] : w.failed[lang], { why: a.error.message }) };

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const a = await staffCall<Quote>(base, {
      method: 'POST',
      body: {
        lines: lines.map((l) => ({ description: l.description.trim(), quantity: num(l.quantity), unitPrice: num(l.unitPrice) })),
        ...(num(discount) > 0 ? { discount: { kind: 'amount', value: num(discount) } } : {}),
        validUntil,
        ...(note.trim() ? { note: note.trim() } : {}),
      },
    });
    setBusy(false);
    setSaid(answer(a) ?? { tone: 'ok', text: fill(w.quoteSaved[lang], { v: a.kind === 'ok' ? a.data.version : '' }) });
    if (a.kind === 'ok') {
      setLines([{ description: '', quantity: '1', unitPrice: '' }]);
      setDiscount('');
      setNote('');
      await p.changed();
    }
  };

  const send = async (version: number) => {
    setBusy(true);
    const a = await staffCall<z.infer<typeof quoteSent>>(`${base}/${version}/send`, { method: 'POST' });
    setBusy(false);
    setSaid(answer(a) ?? (a.kind === 'ok' && a.data.customerTold ? { tone: 'ok', text: w.quoteSentTold[lang] } : { tone: 'ok', text: fill(w.quoteSentLink[lang], { url: a.kind === 'ok' ? a.data.url : '' }) }));
    if (a.kind === 'ok') await p.changed();
  };

  return (
    <section class="card" aria-labelledby="quotes">
      <h2 id="quotes">{w.quotes[lang]}</h2>
      {said && (
        <p class={`banner ${said.tone === 'ok' ? 'tone-ok' : 'tone-bad'}`} role={said.tone === 'ok' ? 'status' : 'alert'}>
          {said.text}
        </p>
      )}
      <ul class="list small">
        {p.quotes.map((q) => (
          <li key={q.version} class="quote-row">
            <span>
              v{q.version} · {w[`quoteStatus_${q.status}` as keyof typeof w][lang]} · {money(lang, q.total, q.currency)}
            </span>
            {q.status === 'draft' && (
              <button type="button" class="primary" disabled={busy} onClick={() => send(q.version)}>
                {fill(w.sendQuote[lang], { v: q.version })}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form onSubmit={save}>
        <h3 class="small">{w.newQuote[lang]}</h3>
        {lines.map((l, i) => (
          <fieldset key={i} class="quote-line">
            <legend>{fill(w.lineN[lang], { n: i + 1 })}</legend>
            <label for={`q-desc-${i}`}>{w.description[lang]}</label>
            <input id={`q-desc-${i}`} value={l.description} maxLength={500} onInput={(e) => set(i, 'description', e.currentTarget.value)} />
            <div class="pair">
              <div>
                <label for={`q-qty-${i}`}>{w.quantity[lang]}</label>
                <input id={`q-qty-${i}`} inputMode="decimal" value={l.quantity} aria-invalid={unreadable(l.quantity)} aria-describedby={unreadable(l.quantity) ? `q-qty-${i}-hint` : undefined} onInput={(e) => set(i, 'quantity', e.currentTarget.value)} />
                <Unreadable id={`q-qty-${i}-hint`} text={l.quantity} lang={lang} />
              </div>
              <div>
                <label for={`q-price-${i}`}>{w.unitPrice[lang]}</label>
                <input id={`q-price-${i}`} inputMode="decimal" value={l.unitPrice} aria-invalid={unreadable(l.unitPrice)} aria-describedby={unreadable(l.unitPrice) ? `q-price-${i}-hint` : undefined} onInput={(e) => set(i, 'unitPrice', e.currentTarget.value)} />
                <Unreadable id={`q-price-${i}-hint`} text={l.unitPrice} lang={lang} />
              </div>
            </div>
            {lines.length > 1 && (
              <button type="button" class="quiet" onClick={() => setLines(lines.filter((_, j) => j !== i))}>
                {fill(w.removeLine[lang], { n: i + 1 })}
              </button>
            )}
          </fieldset>
        ))}
        <div class="actions">
          <button type="button" class="quiet" onClick={() => setLines([...lines, { description: '', quantity: '1', unitPrice: '' }])}>
            {w.addLine[lang]}
          </button>
        </div>
        <div class="pair">
          <div>
            <label for="q-discount">{w.discount[lang]}</label>
            <input id="q-discount" inputMode="decimal" value={discount} aria-invalid={unreadable(discount)} aria-describedby={unreadable(discount) ? 'q-discount-hint' : undefined} onInput={(e) => setDiscount(e.currentTarget.value)} />
            <Unreadable id="q-discount-hint" text={discount} lang={lang} />
          </div>
          <div>
            <label for="q-valid">{w.validUntil[lang]}</label>
            <input id="q-valid" type="date" value={validUntil} onInput={(e) => setValidUntil(e.currentTarget.value)} />
          </div>
        </div>
        <label for="q-note">{w.quoteNote[lang]}</label>
        <textarea id="q-note" value={note} maxLength={4000} onInput={(e) => setNote(e.currentTarget.value)} />
        <p class="row">
          <strong>{w.total[lang]}</strong>
          <strong aria-live="polite">{money(lang, total, 'THB')}</strong>
        </p>
        {!linesComplete && (
          <p class="small" id="q-incomplete">
            {w.quoteIncomplete[lang]}
          </p>
        )}
        <button type="submit" class="primary wide" disabled={busy || !complete} aria-describedby={linesComplete ? undefined : 'q-incomplete'}>
          {w.saveDraft[lang]}
        </button>
      </form>
    </section>
  );
}

/** Under an amount field: how to write it, once something unreadable is typed. */
function Unreadable(p: { id: string; text: string; lang: Lang }) {
  return unreadable(p.text) ? (
    <p class="small tone-bad" id={p.id} role="alert">
      {w.amountUnreadable[p.lang]}
    </p>
  ) : null;
}
