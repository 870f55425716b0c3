import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { deskBooking, deskBookingBoard } from '../../../core/contracts/desk.ts';
import { day, fill, money, when, type Lang, type Words } from '../kit/i18n.ts';
import { CantOpen } from '../kit/staff-ui.tsx';
import { refusalOf, roleNames, staffCall, type Refusal } from '../kit/staff.ts';
import { Badge, common, Fact, Loading } from '../kit/ui.tsx';
import { HandOver } from './hand-over.tsx';
import { Link } from './nav.tsx';
import { QuoteBuilder } from './quote-builder.tsx';
import { Payments } from './payments.tsx';
import { BookingDocuments } from './booking-documents.tsx';
import { bookingDetailNames, bookingEventNames, bookingSourceNames, label, w } from './words.ts';

/**
 * The bookings pipeline: a board with a column per stage of the org's pipeline, and one booking
 * with its stage moves. The same queries and stage move as the REST API; a move names the version
 * shown, and a booking changed meanwhile is refused and shown as it is now.
 */
type Board = z.infer<typeof deskBookingBoard>;
type Booking = z.infer<typeof deskBooking>;
type Summary = Board['stages'][number]['bookings'][number];

/**
 * The details the customer gave that the page does not show elsewhere: plain values only (the
 * notes have their own section; the service (or the destination standing for it), date and party
 * size are facts already).
 */
const shownDetails = (details: Record<string, unknown>, service: string): [string, string][] =>
  Object.entries(details)
    .filter(([k, v]) => !['notes', 'service', 'date', 'time', 'party_size'].includes(k) && (typeof v === 'string' || typeof v === 'number') && String(v).trim() !== '' && String(v) !== service)
    .map(([k, v]) => [k, String(v)]);

const what = (b: Summary & { serviceName?: Words | null }, lang: Lang) => b.serviceName?.[lang] ?? b.service ?? b.destination ?? '';

export function BookingBoard(p: { lang: Lang }) {
  const { lang } = p;
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'refused'; refusal: Refusal } | { kind: 'shown'; board: Board }>({ kind: 'loading' });
  const load = async () => {
    setState({ kind: 'loading' });
    const a = await staffCall<Board>('desk/bookings');
    setState(a.kind === 'ok' ? { kind: 'shown', board: a.data } : { kind: 'refused', refusal: refusalOf(a) });
  };
  useEffect(() => void load(), []);
  if (state.kind === 'loading') return <Loading lang={lang} />;
  if (state.kind === 'refused') return <CantOpen lang={lang} refusal={state.refusal} retry={load} />;
  return (
    <>
      <h1>{w.board[lang]}</h1>
      <div class="board">
        {state.board.stages.map((s) => (
          <section class="column" key={s.key} aria-labelledby={`stage-${s.key}`}>
            <h2 id={`stage-${s.key}`} class="small">
              {s.label[lang]} <span class="muted">({s.bookings.length}{s.more ? '+' : ''})</span>
            </h2>
            {s.bookings.length === 0 && <p class="muted small">{w.noBookings[lang]}</p>}
            <ul class="list">
              {s.bookings.map((b) => (
                <li class="card booking-card" key={b.number}>
                  <Link to={`/booking/${encodeURIComponent(b.number)}`}>
                    <strong>{b.number}</strong>
                  </Link>
                  <div class="small">{b.contact.name ?? '—'}</div>
                  <div class="muted small">
                    {what(b, lang)}
                    {b.requestedDate ? ` · ${day(lang, b.requestedDate)}` : ''}
                  </div>
                  {b.assigneeName && (
                    <div class="muted small">
                      {w.assignee[lang]}: {b.assigneeName}
                    </div>
                  )}
                </li>
              ))}
            </ul>
            {s.more && <p class="muted small">{w.moreBookings[lang]}</p>}
          </section>
        ))}
      </div>
      <button type="button" class="quiet" onClick={load}>
        {w.refresh[lang]}
      </button>
    </>
  );
}

export function BookingScreen(p: { lang: Lang; number: string; canSeeCustomer: boolean; canQuote: boolean; canAssign: boolean; canSeeDocuments: boolean; canDecidePayments?: boolean; canIssueDocuments?: boolean }) {
  const { lang, number } = p;
  const path = `desk/bookings/${encodeURIComponent(number)}`;
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'not_found' } | { kind: 'refused'; refusal: Refusal } | { kind: 'shown'; b: Booking }>({ kind: 'loading' });
  const [note, setNote] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const [memo, setMemo] = useState('');

  const load = async (quiet = false) => {
    if (!quiet) setState({ kind: 'loading' });
    const a = await staffCall<Booking>(path);
    if (a.kind === 'ok') {
      setState({ kind: 'shown', b: a.data });
      setTo(a.data.allowedMoves[0] ?? '');
    } else if (a.kind === 'refused' && a.status === 404) setState({ kind: 'not_found' });
    else if (!quiet) setState({ kind: 'refused', refusal: refusalOf(a) });
  };
  useEffect(() => void load(), [number]);

  if (state.kind === 'loading') return <Loading lang={lang} />;
  if (state.kind === 'refused') return <CantOpen lang={lang} refusal={state.refusal} retry={() => load()} />;
  if (state.kind === 'not_found') {
    return (
      <section class="card" aria-labelledby="nf">
        <h1 id="nf">{w.bookingNotFound[lang]}</h1>
        <p>{fill(w.bookingNotFoundText[lang], { n: number })}</p>
        <Link to="/bookings">{w.backToBoard[lang]}</Link>
      </section>
    );
  }
  const b = state.b;
  const stage = (key: string) => b.stageLabels[key]?.[lang] ?? key;
  const needsReason = to === 'lost' || to === 'declined';

  /** Sends a change with the version shown; every refusal said in words, and the booking shown as it is now. */
  const change = async (action: string, body: Record<string, unknown>, what: string, done?: (data: { customerTold?: boolean }) => void) => {
    setBusy(true);
    setNote(null);
    const a = await staffCall<{ customerTold?: boolean }>(`${path}/${action}`, { method: 'POST', body: { ...body, expectedVersion: b.version } });
    setBusy(false);
    if (a.kind === 'ok') {
      setNote({ tone: 'ok', text: a.data.customerTold ? w.customerTold[lang] : w.done[lang] });
      done?.(a.data);
    } else if (a.kind === 'offline') return setNote({ tone: 'bad', text: common.offline[lang] });
    else if (a.status === 403 && ['staff_removed', 'not_staff'].includes(String((a.error.details as { reason?: string } | null)?.reason))) {
      return setState({ kind: 'refused', refusal: refusalOf(a) });
    } else if (a.error.code === 'stale_version') setNote({ tone: 'bad', text: w.bookingChanged[lang] });
    else if (a.status === 403) {
      const d = (a.error.details ?? {}) as { role?: string };
      setNote({ tone: 'bad', text: fill(w.roleForbids[lang], { role: roleNames[d.role ?? '']?.[lang] ?? d.role ?? '', what }) });
    } else setNote({ tone: 'bad', text: fill(a.status === 422 ? w.invalid[lang] : w.failed[lang], { why: a.error.message }) });
    await load(true);
  };
  const move = (e: Event) => {
    e.preventDefault();
    void change('stage', { to, ...(reason.trim() ? { reason: reason.trim() } : {}), ...(memo.trim() ? { note: memo.trim() } : {}) }, w.moveStage[lang], () => {
      setReason('');
      setMemo('');
    });
  };

  return (
    <>
      <p>
        <Link to="/bookings">{w.backToBoard[lang]}</Link>
      </p>
      <h1>
        {b.number} · {what(b, lang) || b.contact.name}
      </h1>
      <p>
        <Badge tone={b.stage === 'confirmed' || b.stage === 'completed' ? 'ok' : 'info'}>{stage(b.stage)}</Badge>
      </p>
      {note && (
        <p class={`banner ${note.tone === 'ok' ? 'tone-ok' : 'tone-bad'}`} role={note.tone === 'ok' ? 'status' : 'alert'}>
          {note.text}
        </p>
      )}
      {b.notes && (
        <section class="card customer-notes" aria-labelledby="customer-notes">
          <h2 id="customer-notes">{w.customerNotes[lang]}</h2>
          <p class="said">{b.notes}</p>
        </section>
      )}
      <section class="card" aria-label={w.customer[lang]}>
        <dl class="small facts">
          <Fact term={w.customer[lang]} value={b.contact.name ?? '—'} />
          {b.contact.phone && <Fact term={w.phone[lang]} value={b.contact.phone} />}
          {b.contact.email && <Fact term={w.email[lang]} value={b.contact.email} />}
          {what(b, lang) && <Fact term={w.service[lang]} value={what(b, lang)} />}
          {b.requestedDate && <Fact term={w.date[lang]} value={`${day(lang, b.requestedDate)}${b.requestedTime ? ` ${b.requestedTime}` : ''}`} />}
          {b.proposedDate && <Fact term={w.proposed[lang]} value={`${day(lang, b.proposedDate)}${b.proposedTime ? ` ${b.proposedTime}` : ''}`} />}
          {b.partySize !== null && <Fact term={w.people[lang]} value={String(b.partySize)} />}
          {shownDetails(b.details, what(b, lang)).map(([k, v]) => (
            <Fact key={k} term={label(bookingDetailNames, k, lang)} value={v} />
          ))}
          <Fact term={w.source[lang]} value={label(bookingSourceNames, b.source, lang)} />
          <Fact term={w.assignee[lang]} value={b.assigneeName ?? w.nobody[lang]} />
          <Fact term={w.opened[lang]} value={when(lang, b.createdAt)} />
          {b.followUp && <Fact term={w.followUp[lang]} value={when(lang, b.followUp.dueAt)} />}
          {(b.lostReason || b.declineReason) && <Fact term={w.reason[lang]} value={(b.lostReason ?? b.declineReason)!} />}
        </dl>
        {p.canSeeCustomer && <Link to={`/contact/${b.contact.id}`}>{w.seeCustomer[lang]}</Link>}
      </section>
      {b.allowedMoves.length > 0 && (
        <section class="card" aria-labelledby="move">
          <h2 id="move">{w.moveStage[lang]}</h2>
          <form onSubmit={move}>
            <label for="stage-to">{w.stageTo[lang]}</label>
            <select id="stage-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
              {b.allowedMoves.map((s) => (
                <option key={s} value={s}>
                  {stage(s)}
                </option>
              ))}
            </select>
            {needsReason && (
              <>
                <label for="reason">{w.reason[lang]}</label>
                <input id="reason" value={reason} maxLength={500} required aria-describedby="reason-hint" onInput={(e) => setReason(e.currentTarget.value)} />
                <p class="hint" id="reason-hint">
                  {w.reasonHint[lang]}
                </p>
              </>
            )}
            <label for="memo">{w.note[lang]}</label>
            <textarea id="memo" value={memo} maxLength={4000} onInput={(e) => setMemo(e.currentTarget.value)} />
            <div class="actions">
              <button type="submit" class="primary" disabled={busy || !to || (needsReason && !reason.trim())}>
                {w.moveStage[lang]}
              </button>
            </div>
          </form>
        </section>
      )}
      {p.canAssign && b.allowedMoves.length > 0 && (
        <section class="card" aria-labelledby="handover">
          <h2 id="handover">{w.reassign[lang]}</h2>
          <HandOver
            key={b.assigneeStaffId ?? ''}
            lang={lang}
            id="booking-assignee"
            label={w.reassignTo[lang]}
            action={w.reassign[lang]}
            people={b.assignees.filter((a) => a.id !== b.assigneeStaffId)}
            busy={busy}
            give={(staffId) => void change('assignee', { staffId }, w.reassign[lang])}
          />
        </section>
      )}
      {p.canQuote && b.allowedMoves.length > 0 ? (
        <QuoteBuilder lang={lang} number={b.number} quotes={b.quotes} changed={() => load(true)} />
      ) : (
        b.quotes.length > 0 && (
          <section class="card" aria-labelledby="quotes">
            <h2 id="quotes">{w.quotes[lang]}</h2>
            <ul class="list small">
              {b.quotes.map((q) => (
                <li key={q.version}>
                  v{q.version} · {w[`quoteStatus_${q.status}` as keyof typeof w][lang]} · {money(lang, q.total, q.currency)}
                </li>
              ))}
            </ul>
          </section>
        )
      )}
      <Payments lang={lang} number={b.number} canDecide={p.canDecidePayments === true} />
      {p.canSeeDocuments && <BookingDocuments lang={lang} number={b.number} canIssue={p.canIssueDocuments === true} />}
      <section class="card" aria-labelledby="booking-timeline">
        <h2 id="booking-timeline">{w.timeline[lang]}</h2>
        <ol class="timeline">
          {[
            ...b.messages.map((m) => ({ at: m.at ?? '', what: m.direction === 'in' ? w.customer[lang] : label(bookingEventNames, 'message', lang), text: m.text })),
            ...b.timeline.map((e) => ({ at: e.at ?? '', what: label(bookingEventNames, e.type, lang), text: typeof e.data.text === 'string' ? e.data.text : typeof e.data.to === 'string' && e.type === 'stage_changed' ? stage(e.data.to) : null })),
          ]
            .filter((e) => e.at)
            .sort((x, y) => x.at.localeCompare(y.at))
            .map((e, i) => (
              <li key={i}>
                <div class="small muted">{when(lang, e.at)}</div>
                <div>
                  <strong>{e.what}</strong>
                  {e.text ? `: ${e.text}` : ''}
                </div>
              </li>
            ))}
        </ol>
      </section>
    </>
  );
}
