import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { daySheet } from '../../../core/contracts/sessions.ts';
import { day, fill, type Lang } from '../kit/i18n.ts';
import { CantOpen } from '../kit/staff-ui.tsx';
import { refusalOf, staffCall, type Refusal } from '../kit/staff.ts';
import { Loading } from '../kit/ui.tsx';
import { Link } from './nav.tsx';

/**
 * The day at the desk (docs/bookings.md, "The day at the desk"): the day's sessions, who is booked
 * on each and the seats left; check-in per booking (came / did not come), and moving a booking to
 * another session of its service. A full session refuses the move with the server's words; a
 * manager may then overbook it with a reason. The server decides; the page says what it answered.
 */
type Sheet = z.infer<typeof daySheet>;
type Session = Sheet['sessions'][number];
type Booking = Session['bookings'][number];

const dw = {
  title: { th: 'รอบของวัน', en: 'Sessions of the day' },
  prev: { th: '‹ วันก่อน', en: '‹ Previous day' },
  next: { th: 'วันถัดไป ›', en: 'Next day ›' },
  none: { th: 'ไม่มีรอบในวันนี้', en: 'No sessions this day' },
  nobody: { th: 'ยังไม่มีผู้จอง', en: 'Nobody booked yet' },
  seats: { th: 'จอง {{taken}}/{{capacity}} · ว่าง {{left}} ที่', en: '{{taken}}/{{capacity}} booked · {{left}} left' },
  overbooked: { th: 'เกินจำนวน {{n}} ที่', en: '{{n}} over capacity' },
  cancelled: { th: 'ยกเลิกแล้ว', en: 'Cancelled' },
  people: { th: '{{n}} ท่าน', en: 'party of {{n}}' },
  attended: { th: 'มาแล้ว', en: 'Attended' },
  noShow: { th: 'ไม่มา', en: 'No-show' },
  attendedNow: { th: '✓ มาแล้ว', en: '✓ Attended' },
  noShowNow: { th: '✗ ไม่มา', en: '✗ No-show' },
  move: { th: 'ย้ายไปรอบ', en: 'Move to' },
  moveButton: { th: 'ย้าย', en: 'Move' },
  pick: { th: 'เลือกรอบ', en: 'Choose a session' },
  left: { th: 'ว่าง {{n}}', en: '{{n}} left' },
  full: { th: 'เต็ม', en: 'full' },
  moved: { th: 'ย้าย {{number}} ไปรอบ {{when}} แล้ว', en: 'Moved {{number}} to {{when}}' },
  refusedFull: { th: 'รอบ {{when}} เต็มแล้ว (ว่าง {{left}} ที่ ต้องการ {{asked}} ที่) {{number}} ยังอยู่รอบเดิม', en: 'The {{when}} session is full ({{left}} left, {{asked}} needed): {{number}} stays where it is.' },
  refusedCredit: { th: 'เครดิตที่ใช้จอง {{number}} ใช้กับรอบ {{when}} ไม่ได้ (แพ็กเกจหมดอายุก่อน หรือไม่ครอบคลุมบริการนี้) {{number}} ยังอยู่รอบเดิม', en: 'The credit that paid for {{number}} does not pay for the {{when}} session (its package runs out before, or does not cover it): {{number}} stays where it is.' },
  overbookReason: { th: 'เหตุผลที่รับเกินจำนวน (ผู้จัดการ)', en: 'Reason to overbook (managers)' },
  overbook: { th: 'รับเกินจำนวน', en: 'Overbook' },
  failed: { th: 'ทำรายการไม่สำเร็จ ลองอีกครั้ง', en: 'That did not go through; try again.' },
  notAllowed: { th: 'เฉพาะผู้จัดการเท่านั้นที่รับเกินจำนวนได้', en: 'Only a manager may overbook a session.' },
} as const;

const addDays = (date: string, n: number) => new Date(new Date(`${date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

export function DaySheet(p: { lang: Lang; canWork: boolean; canOverbook: boolean }) {
  const { lang } = p;
  const [date, setDate] = useState<string | undefined>(new URLSearchParams(location.search).get('date') ?? undefined);
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'refused'; refusal: Refusal } | { kind: 'shown'; sheet: Sheet }>({ kind: 'loading' });
  const [said, setSaid] = useState<{ number: string; text: string; full?: { sessionId: string } } | null>(null);
  const load = async (d = date) => {
    const a = await staffCall<Sheet>(`desk/sessions/day${d ? `?date=${d}` : ''}`);
    setState(a.kind === 'ok' ? { kind: 'shown', sheet: a.data } : { kind: 'refused', refusal: refusalOf(a) });
  };
  useEffect(() => void load(), [date]);
  if (state.kind === 'loading') return <Loading lang={lang} />;
  if (state.kind === 'refused') return <CantOpen lang={lang} refusal={state.refusal} retry={load} />;
  const sheet = state.sheet;
  const whenOf = (sessionId: string, service: string) => {
    const c = sheet.moveChoices[service]?.find((x) => x.id === sessionId);
    return c ? `${day(lang, c.date)} ${c.time}` : '';
  };

  const check = async (b: Booking, attendance: 'attended' | 'no_show') => {
    const a = await staffCall(`desk/bookings/${encodeURIComponent(b.number)}/attendance`, { method: 'POST', body: { attendance } });
    setSaid(a.kind === 'ok' ? null : { number: b.number, text: a.kind === 'refused' ? a.error.message : dw.failed[lang] });
    await load();
  };

  const move = async (b: Booking, s: Session, sessionId: string, overbookReason?: string) => {
    const a = await staffCall<{ date: string; time: string }>(`desk/bookings/${encodeURIComponent(b.number)}/session`, { method: 'POST', body: { sessionId, ...(overbookReason ? { overbookReason } : {}) } });
    if (a.kind === 'ok') {
      setSaid({ number: b.number, text: fill(dw.moved[lang], { number: b.number, when: `${day(lang, a.data.date)} ${a.data.time}` }) });
      return load();
    }
    if (a.kind === 'refused' && a.error.code === 'session_full') {
      const d = a.error.details as { seatsLeft: number; seatsAsked: number };
      return setSaid({ number: b.number, text: fill(dw.refusedFull[lang], { when: whenOf(sessionId, s.service), left: d.seatsLeft, asked: d.seatsAsked, number: b.number }), full: { sessionId } });
    }
    if (a.kind === 'refused' && a.error.code === 'no_credit') return setSaid({ number: b.number, text: fill(dw.refusedCredit[lang], { when: whenOf(sessionId, s.service), number: b.number }) });
    setSaid({ number: b.number, text: a.kind === 'refused' && a.status === 403 ? dw.notAllowed[lang] : dw.failed[lang] });
  };

  const go = (d: string) => {
    history.replaceState(null, '', `${location.pathname}?date=${d}`);
    setDate(d);
  };

  return (
    <>
      <h1>{dw.title[lang]}</h1>
      <nav class="tabs" aria-label={dw.title[lang]}>
        <button type="button" class="quiet" onClick={() => go(addDays(sheet.date, -1))}>
          {dw.prev[lang]}
        </button>
        <strong class="day-name">{day(lang, sheet.date)}</strong>
        <button type="button" class="quiet" onClick={() => go(addDays(sheet.date, 1))}>
          {dw.next[lang]}
        </button>
      </nav>
      {said && (
        <p class={said.full ? 'error' : 'muted'} role={said.full ? 'alert' : 'status'} id="day-said">
          {said.text}
        </p>
      )}
      {sheet.sessions.length === 0 && <p class="muted">{dw.none[lang]}</p>}
      {sheet.sessions.map((s) => (
        <section class="card day-session" key={s.id} aria-labelledby={`s-${s.id}`}>
          <h2 id={`s-${s.id}`}>
            {s.time}–{s.endTime} · {s.serviceName[lang]}
          </h2>
          <p class="muted small">
            {s.status === 'cancelled' ? dw.cancelled[lang] : fill(dw.seats[lang], { taken: s.seatsTaken, capacity: s.capacity, left: s.seatsLeft })}
            {s.overbooked > 0 && ` · ${fill(dw.overbooked[lang], { n: s.overbooked })}`}
          </p>
          {s.bookings.length === 0 && <p class="muted small">{dw.nobody[lang]}</p>}
          <ul class="list">
            {s.bookings.map((b) => (
              <BookingRow key={b.number} lang={lang} b={b} s={s} sheet={sheet} canWork={p.canWork} canOverbook={p.canOverbook} said={said?.number === b.number ? said : null} check={check} move={move} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

function BookingRow(p: {
  lang: Lang;
  b: Booking;
  s: Session;
  sheet: Sheet;
  canWork: boolean;
  canOverbook: boolean;
  said: { text: string; full?: { sessionId: string } } | null;
  check: (b: Booking, a: 'attended' | 'no_show') => Promise<void>;
  move: (b: Booking, s: Session, sessionId: string, overbookReason?: string) => Promise<void>;
}) {
  const { lang, b, s } = p;
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const choices = (p.sheet.moveChoices[s.service] ?? []).filter((c) => c.id !== s.id);
  const id = `move-${b.number}`;
  return (
    <li class="booking-line" data-booking={b.number}>
      <div>
        <Link to={`/booking/${encodeURIComponent(b.number)}`}>
          <strong>{b.number}</strong>
        </Link>{' '}
        {b.customer ?? '—'} · {fill(dw.people[lang], { n: b.seats })} · <span class="muted">{b.stageLabel[lang]}</span>
        {b.attendance && <span class="badge"> {b.attendance === 'attended' ? dw.attendedNow[lang] : dw.noShowNow[lang]}</span>}
      </div>
      {p.canWork && (
        <div class="actions">
          <button type="button" class={b.attendance === 'attended' ? 'primary' : 'quiet'} aria-pressed={b.attendance === 'attended'} onClick={() => p.check(b, 'attended')}>
            {dw.attended[lang]}
          </button>
          <button type="button" class={b.attendance === 'no_show' ? 'primary' : 'quiet'} aria-pressed={b.attendance === 'no_show'} onClick={() => p.check(b, 'no_show')}>
            {dw.noShow[lang]}
          </button>
        </div>
      )}
      {p.canWork && choices.length > 0 && (
        <div class="move">
          <label for={id}>{dw.move[lang]}</label>
          <select id={id} value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            <option value="">{dw.pick[lang]}</option>
            {choices.map((c) => (
              <option key={c.id} value={c.id}>
                {day(lang, c.date)} {c.time} · {c.seatsLeft > 0 ? fill(dw.left[lang], { n: c.seatsLeft }) : dw.full[lang]}
              </option>
            ))}
          </select>
          <button type="button" class="quiet" disabled={!to} onClick={() => p.move(b, s, to)}>
            {dw.moveButton[lang]}
          </button>
        </div>
      )}
      {p.said?.full && p.canOverbook && (
        <div class="move">
          <label for={`why-${b.number}`}>{dw.overbookReason[lang]}</label>
          <input id={`why-${b.number}`} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          <button type="button" class="quiet" disabled={!reason.trim()} onClick={() => p.move(b, s, p.said!.full!.sessionId, reason.trim())}>
            {dw.overbook[lang]}
          </button>
        </div>
      )}
    </li>
  );
}
