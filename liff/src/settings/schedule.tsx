import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { session, sessionList, sessionsCreated, slotRule } from '../../../core/contracts/sessions.ts';
import type { service } from '../../../core/contracts/taxonomy.ts';
import type { Answer } from '../kit/api.ts';
import { fill, LOCALE, type Dict, type Lang } from '../kit/i18n.ts';
import { Badge } from '../kit/ui.tsx';
import { NavCard } from './nav.tsx';
import { errorsOf, FieldError, type FieldErrors, ReadOnlyNote, Screen, type ScreenProps, send, SubmitBar, TextField, useLoad } from './shared.tsx';

/**
 * A service's schedule (`/liff/settings/schedule/<service>`, loaded when opened): its fixed
 * sessions (add one or a weekly repeat, list them with seats taken, change a capacity, cancel one)
 * and its slot rule (bookable starts inside the opening hours with parallel resources). Every
 * change goes through the REST routes of docs/bookings.md; a refusal is shown on the field it is
 * about, and an edit that would strand bookings lists them.
 */
type Session = z.infer<typeof session>;
type Service = z.infer<typeof service>;
type Rule = z.infer<typeof slotRule>;
type Refused = Exclude<Answer<unknown>, { kind: 'ok' }>;
type Held = { number: string; stage: string; seats: number };

const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const words = {
  title: { th: 'ตารางรอบและช่วงเวลา', en: 'Sessions and slots' },
  pick: { th: 'เลือกบริการเพื่อจัดตาราง', en: 'Choose a service to schedule' },
  sessions: { th: 'รอบที่กำหนดไว้ (31 วันข้างหน้า)', en: 'Scheduled sessions (next 31 days)' },
  none: { th: 'ยังไม่มีรอบ', en: 'No sessions yet' },
  seats: { th: 'จองแล้ว {{taken}}/{{capacity}} · ว่าง {{left}}', en: '{{taken}}/{{capacity}} booked · {{left}} left' },
  cancelled: { th: 'ยกเลิกแล้ว', en: 'Cancelled' },
  add: { th: 'เพิ่มรอบ', en: 'Add sessions' },
  date: { th: 'วันที่', en: 'Date' },
  time: { th: 'เวลาเริ่ม', en: 'Start time' },
  duration: { th: 'ระยะเวลา (นาที) ว่าง = ตามบริการ', en: "Length (minutes), empty: the service's" },
  capacity: { th: 'จำนวนที่นั่ง ว่าง = ตามบริการ', en: "Seats, empty: the service's" },
  repeat: { th: 'ซ้ำทุกสัปดาห์ในวัน', en: 'Repeat every week on' },
  until: { th: 'ซ้ำจนถึงวันที่', en: 'Repeat until' },
  added: { th: 'เพิ่ม {{n}} รอบแล้ว', en: '{{n}} sessions added' },
  skipped: { th: 'ข้าม: {{days}}', en: 'Left out: {{days}}' },
  holiday: { th: 'วันหยุด', en: 'holiday' },
  pastDay: { th: 'ผ่านไปแล้ว', en: 'past' },
  exists: { th: 'มีรอบแล้ว', en: 'has one' },
  newCapacity: { th: 'ที่นั่ง', en: 'Seats' },
  change: { th: 'เปลี่ยน', en: 'Change' },
  cancel: { th: 'ยกเลิกรอบ', en: 'Cancel session' },
  reason: { th: 'เหตุผล (ลูกค้าที่จองจะได้รับแจ้ง)', en: 'Reason (booked customers are told)' },
  confirmCancel: { th: 'ยืนยันยกเลิก', en: 'Confirm cancel' },
  told: { th: 'ยกเลิกการจอง {{n}} รายการ และแจ้งลูกค้าแล้ว', en: '{{n}} bookings cancelled and their customers told' },
  stranded: { th: 'มีการจองที่ต้องย้ายหรือยกเลิกก่อน:', en: 'These bookings must be moved or cancelled first:' },
  seatsTaken: { th: 'จองไปแล้ว {{n}} ที่ ลดที่นั่งต่ำกว่านี้ไม่ได้', en: '{{n}} seats are taken: the seats cannot go below that' },
  bookingRow: { th: '{{number}} · {{seats}} ที่', en: '{{number}} · {{seats}} seats' },
  slots: { th: 'จองเป็นช่วงเวลา (ในเวลาเปิด)', en: 'Booked in slots (inside opening hours)' },
  slotsHint: { th: 'เช่น นักนวด 3 คน = รับพร้อมกันได้ 3 การจอง', en: 'E.g. three therapists: 3 bookings at once' },
  resources: { th: 'รับพร้อมกันได้ (คน/ห้อง)', en: 'Bookings at once (people or rooms)' },
  step: { th: 'เริ่มได้ทุก ๆ (นาที)', en: 'A start every (minutes)' },
  noRule: { th: 'ยังไม่ได้จองเป็นช่วงเวลา', en: 'Not booked in slots yet' },
  ruleNow: { th: 'ตอนนี้: รับพร้อมกัน {{resources}} · ทุก {{step}} นาที · ครั้งละ {{duration}} นาที', en: 'Now: {{resources}} at once · every {{step}} min · {{duration}} min each' },
  past: { th: 'เวลานี้ผ่านไปแล้ว', en: 'That time has passed' },
  holidayDay: { th: 'วันนี้เป็นวันหยุดของธุรกิจ', en: 'That day is a holiday of the business' },
  outside_hours: { th: 'บริการนี้ยาวกว่าทุกช่วงเวลาเปิด: ทุกช่วงจะเลยเวลาปิด แก้ระยะเวลาหรือเวลาเปิดก่อน', en: 'The service is longer than every opening period: each slot would run past closing time. Change its length or hours first' },
  resourcesTaken: { th: 'มีการจองซ้อนกันอยู่แล้ว {{n}} รายการ ลดต่ำกว่านี้ไม่ได้', en: '{{n}} bookings overlap already: it cannot go below that' },
} satisfies Dict;

/** "อ. 2 ธ.ค. 2569", "Tue 2 Dec 2026": a date as people write it (as the chat's buttons, with the year). */
function dayOf(lang: Lang, date: string): string {
  const parts = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', weekday: lang === 'th' ? 'narrow' : 'short', day: 'numeric', month: 'short', year: 'numeric' }).formatToParts(new Date(`${date}T00:00:00Z`));
  const part = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${part('weekday')}${lang === 'th' ? '.' : ''} ${part('day')} ${part('month')} ${part('year')}`;
}

const weekdayName = (lang: Lang, d: (typeof WEEKDAYS)[number]) =>
  // 2024-01-01 was a Monday.
  new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', weekday: 'short' }).format(new Date(Date.UTC(2024, 0, 1 + WEEKDAYS.indexOf(d))));

/** A field's refusal in the reader's words where the reason is known (the server's English otherwise). */
function fieldErrors(a: Refused, lang: Lang): FieldErrors {
  const out = errorsOf(a, lang);
  const said = { past: words.past, holiday: words.holidayDay, outside_hours: words.outside_hours } as Record<string, Record<Lang, string>>;
  if (a.kind !== 'offline' && Array.isArray(a.error.details)) for (const d of a.error.details as { path?: string; reason?: string }[]) if (d.path && d.reason && said[d.reason]) out[d.path] = said[d.reason][lang];
  return out;
}

/** A refusal that names bookings (a capacity below the seats taken): the message and the bookings, for the field. */
function strandedOf(a: Refused, lang: Lang): { text: string; bookings: Held[] } | undefined {
  if (a.kind === 'offline' || a.status !== 409) return undefined;
  const d = a.error.details as { reason?: string; seatsTaken?: number; bookings?: Held[] } | undefined;
  if (d?.reason !== 'seats_taken' && d?.reason !== 'bookings_on_session') return undefined;
  return { text: d.reason === 'seats_taken' ? fill(words.seatsTaken[lang], { n: d.seatsTaken ?? 0 }) : a.error.message, bookings: d.bookings ?? [] };
}

export default function Schedule(p: ScreenProps) {
  return p.item ? <ServiceSchedule {...p} serviceKey={p.item} /> : <Services {...p} />;
}

function Services(p: ScreenProps) {
  const [state, retry] = useLoad<Service[]>('services');
  return (
    <Screen lang={p.lang} state={state} retry={retry}>
      {(d) => (
        <>
          <h1>{words.title[p.lang]}</h1>
          <p class="muted">{words.pick[p.lang]}</p>
          <ul class="list">
            {d.map((s) => (
              <NavCard key={s.key} to={`/schedule/${encodeURIComponent(s.key)}`} title={s.name[p.lang]} />
            ))}
          </ul>
        </>
      )}
    </Screen>
  );
}

function ServiceSchedule(p: ScreenProps & { serviceKey: string }) {
  const base = `services/${encodeURIComponent(p.serviceKey)}`;
  const [state, retry, setList] = useLoad<z.infer<typeof sessionList>>(`${base}/sessions`);
  const [services] = useLoad<Service[]>('services');
  const L = p.lang;
  const name = services.kind === 'ok' ? services.data.find((s) => s.key === p.serviceKey)?.name[L] : undefined;
  return (
    <>
      <h1>{name ? `${words.title[L]} · ${name}` : words.title[L]}</h1>
      {!p.canManage && <ReadOnlyNote lang={L} me={p.me} who={['admin', 'manager']} />}
      <section class="card" aria-labelledby="sc-sessions">
        <h2 id="sc-sessions">{words.sessions[L]}</h2>
        <Screen lang={L} state={state} retry={retry}>
          {(d) =>
            d.items.length ? (
              <ul class="list" data-sessions>
                {d.items.map((s) => (
                  <SessionRow
                    key={s.id}
                    {...p}
                    base={base}
                    session={s}
                    onChanged={(next) => setList({ ...d, items: d.items.map((x) => (x.id === next.id ? next : x)) })}
                  />
                ))}
              </ul>
            ) : (
              <p class="muted">{words.none[L]}</p>
            )
          }
        </Screen>
      </section>
      {p.canManage && <AddSessions lang={L} base={base} onAdded={() => void retry()} />}
      <SlotRule {...p} base={base} />
    </>
  );
}

function SessionRow(p: ScreenProps & { base: string; session: Session; onChanged: (s: Session) => void }) {
  const L = p.lang;
  const s = p.session;
  const [capacity, setCapacity] = useState(String(s.capacity));
  const [reason, setReason] = useState('');
  const [cancelling, setCancelling] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [held, setHeld] = useState<Held[]>([]);
  const [note, setNote] = useState('');
  const id = `ss-${s.id.slice(0, 8)}`;
  const refused = (a: Refused) => {
    const stranded = strandedOf(a, L);
    setHeld(stranded?.bookings ?? []);
    setErrors(stranded ? { capacity: stranded.text } : fieldErrors(a, L));
  };
  const change = async (e: Event) => {
    e.preventDefault();
    const a = await send<Session>('PATCH', `${p.base}/sessions/${s.id}`, { capacity: Number(capacity) });
    if (a.kind === 'ok') (setErrors({}), setHeld([]), p.onChanged(a.data));
    else refused(a);
  };
  const cancel = async (e: Event) => {
    e.preventDefault();
    const a = await send<{ session: Session; cancelledBookings: unknown[] }>('POST', `${p.base}/sessions/${s.id}/cancel`, { reason });
    if (a.kind === 'ok') {
      setErrors({});
      setCancelling(false);
      setNote(fill(words.told[L], { n: a.data.cancelledBookings.length }));
      p.onChanged(a.data.session);
    } else refused(a);
  };
  const live = s.status === 'scheduled';
  return (
    <li class="card" data-session={`${s.date} ${s.time}`}>
      <p>
        <strong>
          {dayOf(L, s.date)} · {s.time}
        </strong>{' '}
        {live ? (
          <span class="muted small">{fill(words.seats[L], { taken: s.seatsTaken, capacity: s.capacity, left: s.seatsLeft })}</span>
        ) : (
          <Badge tone="bad">{words.cancelled[L]}</Badge>
        )}
      </p>
      {note && <p role="status" class="small">{note}</p>}
      {live && p.canManage && (
        <>
          <form class="row" onSubmit={change} noValidate>
            <div style="flex:1">
              <TextField id={`${id}-cap`} errorId={`${id}-cap-e`} label={words.newCapacity[L]} type="number" value={capacity} error={errors.capacity} onInput={setCapacity} />
              {held.length > 0 && (
                <div class="error small" data-stranded>
                  {words.stranded[L]}
                  <ul>
                    {held.map((b) => (
                      <li key={b.number}>{fill(words.bookingRow[L], { number: b.number, seats: b.seats })}</li>
                    ))}
                  </ul>
                </div>
              )}
            </div>
            <button type="submit">{words.change[L]}</button>
          </form>
          {cancelling ? (
            <form onSubmit={cancel} noValidate>
              <TextField id={`${id}-why`} errorId={`${id}-why-e`} label={words.reason[L]} value={reason} error={errors.reason} onInput={setReason} />
              <button type="submit" class="danger">
                {words.confirmCancel[L]}
              </button>
            </form>
          ) : (
            <button type="button" onClick={() => setCancelling(true)}>
              {words.cancel[L]}
            </button>
          )}
          <FieldError id={`${id}-e`} text={errors.capacity || errors.reason ? undefined : errors._form} />
        </>
      )}
    </li>
  );
}

function AddSessions(p: { lang: Lang; base: string; onAdded: () => void }) {
  const L = p.lang;
  const [v, setV] = useState({ date: '', time: '10:00', durationMinutes: '', capacity: '', until: '' });
  const [days, setDays] = useState<string[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const num = (x: string) => (x.trim() === '' ? undefined : Number(x));
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const a = await send<z.infer<typeof sessionsCreated>>('POST', `${p.base}/sessions`, {
      date: v.date,
      time: v.time,
      durationMinutes: num(v.durationMinutes),
      capacity: num(v.capacity),
      ...(days.length ? { repeat: { weekdays: days, until: v.until } } : {}),
    });
    setBusy(false);
    if (a.kind !== 'ok') return (setErrors(fieldErrors(a, L)), setDone(''));
    setErrors({});
    const skipped = a.data.skipped.map((x) => `${dayOf(L, x.date)} (${words[x.reason === 'past' ? 'pastDay' : x.reason][L]})`).join(', ');
    setDone([fill(words.added[L], { n: a.data.items.length }), skipped && fill(words.skipped[L], { days: skipped })].filter(Boolean).join(' · '));
    p.onAdded();
  };
  const field = (k: keyof typeof v, label: string, path: string, type: 'text' | 'number' = 'text') => (
    <div>
      <label for={`sa-${k}`}>{label}</label>
      <input
        id={`sa-${k}`}
        type={(k === 'date' || k === 'until' ? 'date' : k === 'time' ? 'time' : type) as 'text'}
        value={v[k]}
        aria-invalid={errors[path] ? 'true' : undefined}
        aria-describedby={errors[path] ? `sa-${k}-e` : undefined}
        onInput={(e) => setV({ ...v, [k]: (e.target as HTMLInputElement).value })}
      />
      <FieldError id={`sa-${k}-e`} text={errors[path]} />
    </div>
  );
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="sa-title">
      <h2 id="sa-title">{words.add[L]}</h2>
      <div class="grid2">
        {field('date', words.date[L], 'date')}
        {field('time', words.time[L], 'time')}
        {field('durationMinutes', words.duration[L], 'durationMinutes', 'number')}
        {field('capacity', words.capacity[L], 'capacity', 'number')}
      </div>
      <fieldset>
        <legend>{words.repeat[L]}</legend>
        <div class="row wrap">
          {WEEKDAYS.map((d) => (
            <label class="choice compact" key={d}>
              <input type="checkbox" checked={days.includes(d)} onChange={(e) => setDays((e.target as HTMLInputElement).checked ? [...days, d] : days.filter((x) => x !== d))} />
              <span>{weekdayName(L, d)}</span>
            </label>
          ))}
        </div>
        {days.length > 0 && field('until', words.until[L], 'repeat.until')}
      </fieldset>
      <SubmitBar lang={L} busy={busy} label={words.add[L]} error={errors._form} />
      {done && (
        <p role="status" class="small" data-added>
          {done}
        </p>
      )}
    </form>
  );
}

function SlotRule(p: ScreenProps & { base: string }) {
  const L = p.lang;
  const [state, retry, setRule] = useLoad<{ rule: Rule | null }>(`${p.base}/slot-rule`);
  const [v, setV] = useState({ resources: '', stepMinutes: '30' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const rule = state.kind === 'ok' ? state.data.rule : null;
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const a = await send<Rule>('PUT', `${p.base}/slot-rule`, { resources: Number(v.resources || rule?.resources), stepMinutes: Number(v.stepMinutes) });
    setBusy(false);
    if (a.kind === 'ok') return (setErrors({}), setSaved(true), setRule({ rule: a.data }));
    setSaved(false);
    const d = a.kind === 'offline' ? undefined : (a.error.details as { reason?: string; taken?: number } | undefined);
    setErrors(d?.reason === 'resources_taken' ? { resources: fill(words.resourcesTaken[L], { n: d.taken ?? 0 }) } : fieldErrors(a, L));
  };
  return (
    <form class="card" onSubmit={submit} noValidate aria-labelledby="sr-title">
      <h2 id="sr-title">{words.slots[L]}</h2>
      <p class="hint">{words.slotsHint[L]}</p>
      <Screen lang={L} state={state} retry={retry}>
        {({ rule: r }) => <p class="small" data-rule>{r ? fill(words.ruleNow[L], { resources: r.resources, step: r.stepMinutes, duration: r.durationMinutes }) : words.noRule[L]}</p>}
      </Screen>
      {p.canManage && (
        <>
          <div class="grid2">
            <div>
              <TextField id="sr-resources" errorId="sr-resources-e" label={words.resources[L]} type="number" value={v.resources} error={errors.resources} onInput={(x) => setV({ ...v, resources: x })} />
            </div>
            <div>
              <label for="sr-step">{words.step[L]}</label>
              <select id="sr-step" value={v.stepMinutes} onChange={(e) => setV({ ...v, stepMinutes: (e.target as HTMLSelectElement).value })}>
                {[5, 10, 15, 20, 30, 60].map((m) => (
                  <option key={m} value={String(m)}>
                    {m}
                  </option>
                ))}
              </select>
              <FieldError id="sr-step-e" text={errors.stepMinutes} />
            </div>
          </div>
          {/* The service's length decides whether a slot fits before closing time: said here, under the form. */}
          <FieldError id="sr-duration-e" text={errors.durationMinutes} />
          <SubmitBar lang={L} busy={busy} saved={saved} error={errors._form} />
        </>
      )}
    </form>
  );
}
