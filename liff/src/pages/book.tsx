import { render } from 'preact';
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { BookingFormField, BookingFormFieldName } from '../../../core/contracts/booking-form.ts';
import type { PublicBookingRequest, publicBookingAnswer, serviceFeed } from '../../../core/contracts/bookings.ts';
import type { availability } from '../../../core/contracts/sessions.ts';
import type { waitlistPlace } from '../../../core/contracts/waitlist.ts';
import type { publicPrivacyNotice } from '../../../core/contracts/privacy.ts';
import { hoursOn, openAt, openOn, type OpeningHours, type Weekday } from '../../../core/contracts/opening-hours.ts';
import { call } from '../kit/api.ts';
import { fill, money, useLang, type Dict, type Lang } from '../kit/i18n.ts';
import { lineSession, type LineSession } from '../kit/line.ts';
import { businessBrand, common, Failed, Loading, NotFound, Page } from '../kit/ui.tsx';

/**
 * The booking form. It lists the business's bookable services and asks exactly the fields the
 * chosen one lists (the catalog feed says which, and when the service is open); it checks the form
 * as the customer types, with the same opening-hours rule the server applies
 * (core/contracts/opening-hours.ts), and sends it once: one Idempotency-Key per filled-in form,
 * kept across retries, so a flaky connection cannot make two bookings. Inside LINE it goes to the
 * LIFF API, which ties it to the customer's LINE account and answers in the chat too. With
 * `?org=<slug>` it is that business's form for its website, and never signs in with LINE.
 * A service booked by session (a class, a departure) offers its sessions with room instead of a
 * date and a time, read from the availability route (never cached) whenever it is chosen.
 * When the business has a privacy notice, the form shows it folded, with a box to consent to news
 * and offers, unticked; the answer goes with the form, with the version shown (docs/privacy.md):
 * the booking never depends on it.
 */
type Feed = z.infer<typeof serviceFeed>;
type Service = Feed['items'][number];
type Answer = z.infer<typeof publicBookingAnswer>;
type Slot = z.infer<typeof availability>['items'][number];
type Notice = z.infer<typeof publicPrivacyNotice>;
type Place = z.infer<typeof waitlistPlace>;
type Slots = { kind: 'none' } | { kind: 'loading' } | { kind: 'failed'; offline: boolean } | { kind: 'shown'; items: Slot[] };
type Field = 'service' | 'session' | BookingFormFieldName | 'name' | 'phone' | 'email' | 'notes';
type Problem = { path: string; message: string; reason?: string };

const words = {
  title: { th: 'จองบริการ', en: 'Book a service' },
  intro: { th: 'เลือกบริการและกรอกรายละเอียด ทีมงานจะยืนยันการจองให้โดยเร็วค่ะ', en: 'Choose a service and tell us the details; our team will confirm it soon.' },
  service: { th: 'บริการ', en: 'Service' },
  other: { th: 'อื่น ๆ (ระบุเอง)', en: 'Something else' },
  minutes: { th: '{{n}} นาที', en: '{{n}} min' },
  start_date: { th: 'วันที่', en: 'Date' },
  start_date_range: { th: 'วันเริ่มต้น', en: 'From' },
  end_date: { th: 'วันสิ้นสุด', en: 'To' },
  time: { th: 'เวลา', en: 'Time' },
  travelers: { th: 'จำนวนผู้ใช้บริการ (ท่าน)', en: 'Number of people' },
  destination: { th: 'สถานที่ปลายทาง', en: 'Destination' },
  destination_other: { th: 'ต้องการจองอะไร', en: 'What would you like to book?' },
  month: { th: 'เดือนที่สะดวก', en: 'Preferred month' },
  budget: { th: 'งบประมาณ', en: 'Budget' },
  name: { th: 'ชื่อ', en: 'Your name' },
  phone: { th: 'เบอร์โทรศัพท์', en: 'Phone' },
  email: { th: 'อีเมล', en: 'E-mail' },
  contactHint: { th: 'ใส่เบอร์โทรหรืออีเมลอย่างน้อยหนึ่งอย่าง เพื่อให้เราติดต่อกลับได้', en: 'A phone number or an e-mail, so that we can answer you.' },
  lineHint: { th: 'เราจะตอบกลับทาง LINE ค่ะ', en: 'We will answer you on LINE.' },
  notes: { th: 'รายละเอียดเพิ่มเติม', en: 'Anything else we should know' },
  optional: { th: '(ไม่บังคับ)', en: '(optional)' },
  openThatDay: { th: 'วันนั้นเปิด {{hours}} น.', en: 'Open {{hours}} that day' },
  openWeek: { th: 'เวลาทำการ: {{hours}}', en: 'Opening hours: {{hours}}' },
  submit: { th: 'ส่งคำขอจอง', en: 'Send booking request' },
  sending: { th: 'กำลังส่ง…', en: 'Sending…' },
  doneTitle: { th: 'ได้รับคำขอจองแล้ว', en: 'Request received' },
  doneNumber: { th: 'หมายเลขการจอง {{n}}', en: 'Booking number {{n}}' },
  again: { th: 'จองอีกครั้ง', en: 'Book something else' },
  fix: { th: 'กรุณาตรวจสอบช่องที่มีข้อความสีแดง', en: 'Please check the fields marked in red.' },
  e_required: { th: 'กรุณากรอกช่องนี้', en: 'Please fill this in' },
  e_service: { th: 'กรุณาเลือกบริการ หรือระบุสิ่งที่ต้องการจอง', en: 'Choose a service, or say what you would like to book' },
  e_contact: { th: 'ใส่เบอร์โทรหรืออีเมลอย่างน้อยหนึ่งอย่าง', en: 'Give a phone number or an e-mail' },
  e_phone: { th: 'เบอร์โทรไม่ถูกต้อง (ตัวเลข 7 หลักขึ้นไป)', en: 'That does not look like a phone number' },
  e_email: { th: 'อีเมลไม่ถูกต้อง', en: 'That does not look like an e-mail address' },
  e_past: { th: 'วันที่นี้ผ่านไปแล้ว', en: 'This date has passed' },
  e_time_past: { th: 'เวลานี้ผ่านไปแล้ว', en: 'This time has passed' },
  e_order: { th: 'วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น', en: 'The end is before the start' },
  e_number: { th: 'กรุณาใส่ตัวเลข {{min}}–{{max}}', en: 'A number from {{min}} to {{max}}' },
  e_closed: { th: 'วันนี้ปิดให้บริการ กรุณาเลือกวันอื่น', en: 'Closed on this day: please choose another' },
  e_hours: { th: 'เวลานี้อยู่นอกเวลาทำการ', en: 'This time is outside opening hours' },
  e_needs_date: { th: 'กรุณาเลือกวันที่ก่อน', en: 'Please choose a date first' },
  e_invalid: { th: 'ข้อมูลไม่ถูกต้อง', en: 'Please check this' },
  session: { th: 'เลือกรอบ', en: 'Choose a time' },
  sessionsLoading: { th: 'กำลังโหลดรอบที่ว่าง…', en: 'Loading the times with room…' },
  sessionsNone: { th: 'ตอนนี้ยังไม่มีรอบที่ว่าง สอบถามเราทางแชทได้เลยค่ะ', en: 'No time has room just now; ask us in the chat.' },
  sessionsFailed: { th: 'โหลดรอบที่ว่างไม่ได้', en: 'The times could not be loaded.' },
  seatsLeft: { th: 'เหลือ {{n}} ที่', en: '{{n}} seats left' },
  seatLeft: { th: 'เหลือ {{n}} ที่', en: '{{n}} seat left' },
  sessionFull: { th: 'ขออภัยค่ะ รอบนี้เต็มแล้ว กรุณาเลือกรอบอื่น', en: 'Sorry, this time is full: please choose another.' },
  waitlistJoin: { th: 'ลงชื่อรอคิวรอบนี้', en: 'Join the waitlist for this time' },
  waitlistJoining: { th: 'กำลังลงชื่อ…', en: 'Joining…' },
  waitlistJoined: { th: 'ลงชื่อรอคิวแล้ว เราจะแจ้งเมื่อมีที่ว่างค่ะ', en: "You're on the waitlist: we'll tell you when a seat frees." },
  e_session: { th: 'กรุณาเลือกรอบ', en: 'Please choose a time' },
  e_seats: { th: 'รอบนี้เหลือ {{n}} ที่', en: 'This time has {{n}} seats left' },
  slotTimes: { th: 'เลือกเวลา', en: 'Choose a time' },
  slotsNone: { th: 'วันนี้ไม่มีเวลาว่างแล้ว กรุณาเลือกวันอื่นค่ะ', en: 'No time is free on this day: please choose another.' },
  slotFull: { th: 'ขออภัยค่ะ เวลานี้ไม่ว่างแล้ว กรุณาเลือกเวลาอื่น', en: 'Sorry, this time is no longer free: please choose another.' },
  e_session_gone: { th: 'รอบนี้จองไม่ได้แล้ว กรุณาเลือกรอบอื่น', en: 'This time can no longer be booked: please choose another' },
  privacy: { th: 'ข้อมูลส่วนบุคคลของคุณ', en: 'Your personal data' },
  privacyUse: { th: 'เราใช้ข้อมูลที่คุณกรอกเพื่อดูแลการจองนี้เท่านั้น ตามประกาศความเป็นส่วนตัวของเรา', en: 'We use what you give here only to look after this booking, as our privacy notice says.' },
  privacyRead: { th: 'อ่านประกาศความเป็นส่วนตัว (ฉบับที่ {{v}})', en: 'Read the privacy notice (version {{v}})' },
  consentBox: { th: 'ยินยอมให้ส่งข่าวสารและข้อเสนอถึงฉัน (ไม่บังคับ ไม่มีผลต่อการจอง)', en: 'Send me news and offers (optional; it does not change the booking)' },
} satisfies Dict;

const OTHER = '__other';
const DAY_MINUTES = 24 * 60;
/** What "something else" asks: the request in the customer's words, when, how many, the budget. */
const OTHER_FIELDS: BookingFormField[] = [
  { field: 'destination', required: true },
  { field: 'month', required: false },
  { field: 'travelers', required: false },
  { field: 'budget', required: false },
];

/** A session fixes the date and the time: a service booked by session does not ask them. */
const FIXED_BY_SESSION: BookingFormFieldName[] = ['start_date', 'time', 'end_date'];

function fieldsOf(s: Service | undefined, choice: string): BookingFormField[] {
  if (choice === OTHER) return OTHER_FIELDS;
  if (s?.bookedBySession) return s.fields.filter((f) => !FIXED_BY_SESSION.includes(f.field));
  return s?.fields ?? [];
}

/** A session as the customer reads it: "ส. 5 ธ.ค. 2569 · 10:00 น.", "Sat 5 Dec 2026 · 10:00" (as the chat names them, with the year). */
function sessionText(lang: Lang, s: Slot): string {
  const parts = new Intl.DateTimeFormat(LOCALE[lang], { timeZone: 'UTC', weekday: lang === 'th' ? 'narrow' : 'short', day: 'numeric', month: 'short', year: 'numeric' }).formatToParts(new Date(`${s.date}T00:00:00Z`));
  const part = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return lang === 'th' ? `${part('weekday')}. ${part('day')} ${part('month')} ${part('year')} · ${s.time} น.` : `${part('weekday')} ${part('day')} ${part('month')} ${part('year')} · ${s.time}`;
}

const seatsText = (lang: Lang, n: number) => fill((n === 1 ? words.seatLeft : words.seatsLeft)[lang], { n });

const addDays = (date: string, n: number) => new Date(new Date(`${date}T00:00:00Z`).getTime() + n * 86_400_000).toISOString().slice(0, 10);

/** The date and time where the business is: a date before it has passed, as the server counts it. */
function nowIn(timeZone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date()).map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

const WEEK: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const LOCALE: Record<Lang, string> = { th: 'th-TH', en: 'en-GB' };

/** Weekday names in the customer's language (1 Jan 2024 was a Monday). */
function weekdayName(lang: Lang, i: number): string {
  return new Intl.DateTimeFormat(LOCALE[lang], { weekday: 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(2024, 0, 1 + i)));
}

const periodsText = (ps: readonly (readonly [string, string])[]) => ps.map(([a, b]) => `${a}–${b}`).join(', ');

/** The week's hours in a line: days with the same hours grouped ("Mon–Fri 09:00–18:00, Sat 10:00–14:00"). */
function weekText(lang: Lang, hours: Exclude<OpeningHours, null>): string {
  const groups: { from: number; to: number; text: string }[] = [];
  WEEK.forEach((d, i) => {
    const text = periodsText(hours[d] ?? []);
    const last = groups.at(-1);
    if (last && last.text === text && last.to === i - 1) last.to = i;
    else groups.push({ from: i, to: i, text });
  });
  return groups
    .filter((g) => g.text)
    .map((g) => `${weekdayName(lang, g.from)}${g.to > g.from ? `–${weekdayName(lang, g.to)}` : ''} ${g.text}`)
    .join(', ');
}

function newKey(): string {
  return crypto.randomUUID();
}

const EMPTY: Record<Field, string> = { service: '', session: '', start_date: '', time: '', end_date: '', travelers: '', destination: '', month: '', budget: '', name: '', phone: '', email: '', notes: '' };
const ALL_TOUCHED = Object.fromEntries(Object.keys(EMPTY).map((f) => [f, true])) as Record<Field, boolean>;

function BookPage() {
  const [lang, setLang] = useLang();
  const [feed, setFeed] = useState<{ kind: 'loading' } | { kind: 'missing' } | { kind: 'failed'; offline: boolean } | { kind: 'shown'; feed: Feed }>({ kind: 'loading' });
  const [line, setLine] = useState<LineSession | null>(null);
  const [values, setValues] = useState<Record<Field, string>>(EMPTY);
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field, string>>>({});
  const [key, setKey] = useState(newKey);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<Answer | null>(null);
  const [slots, setSlots] = useState<Slots>({ kind: 'none' });
  // The server's words when the session chosen filled up meanwhile (both languages: the switch may change it).
  const [full, setFull] = useState<{ th: string | null; en: string | null } | null>(null);
  // The full session the customer may wait for, and what joining its waitlist answered.
  const [waitFor, setWaitFor] = useState<{ sessionId: string; seats: number; state: 'offer' | 'joining' | { said: string } } | null>(null);
  // The business's privacy notice, when it has one; the box starts unticked (a consent is given, never assumed).
  const [notice, setNotice] = useState<Notice | null>(null);
  const [consent, setConsent] = useState(false);

  // `?org=`: the form of that business, embedded on its website: no LINE sign-in.
  const org = new URLSearchParams(location.search).get('org');
  const orgQuery = org ? `?org=${encodeURIComponent(org)}` : '';
  const loadServices = async () => {
    setFeed({ kind: 'loading' });
    const a = await call<Feed>(`/public/v1/services${orgQuery}`);
    // An unknown business (`?org=` mistyped on a website) is a page not found, not a failure to retry.
    setFeed(a.kind === 'ok' ? { kind: 'shown', feed: a.data } : a.kind === 'refused' && a.status === 404 ? { kind: 'missing' } : { kind: 'failed', offline: a.kind === 'offline' });
  };
  useEffect(() => {
    void loadServices();
    // No notice (404), or none reachable: the form goes without the box.
    void call<Notice>(`/public/v1/privacy-notice${orgQuery}`).then((a) => a.kind === 'ok' && setNotice(a.data));
    if (org) return;
    void lineSession().then((s) => {
      setLine(s);
      if (s?.name) setValues((v) => (v.name ? v : { ...v, name: s.name! }));
    });
  }, []);

  const shownFeed = feed.kind === 'shown' ? feed.feed : undefined;
  const items = shownFeed?.items ?? [];
  const chosen = items.find((s) => s.key === values.service);
  const bySession = Boolean(chosen?.bookedBySession);
  const fields = fieldsOf(chosen, values.service);
  const timeZone = shownFeed?.timeZone ?? 'Asia/Bangkok';
  const slot = slots.kind === 'shown' ? slots.items.find((s) => s.sessionId === values.session) : undefined;
  const rules: Rules = { fields, service: chosen, timeZone, closedDays: shownFeed?.closedDays ?? [], inLine: Boolean(line), other: values.service === OTHER, bySession, slot };
  const payload = useMemo(() => toPayload(values, fields, lang, bySession), [values, lang, bySession, fields.map((f) => f.field).join()]);

  // The sessions with room of the service chosen, asked again each time (seats change by the minute).
  const currentService = useRef('');
  const loadSlots = async (service: string) => {
    setSlots({ kind: 'loading' });
    const from = nowIn(timeZone).date;
    const q = new URLSearchParams({ from, to: addDays(from, 92), ...(org ? { org } : {}) });
    const a = await call<z.infer<typeof availability>>(`/public/v1/services/${encodeURIComponent(service)}/availability?${q}`);
    // The customer may have chosen another service meanwhile: that answer is no longer theirs.
    if (service !== currentService.current) return;
    setSlots(a.kind === 'ok' ? { kind: 'shown', items: a.data.items } : { kind: 'failed', offline: a.kind === 'offline' });
  };
  useEffect(() => {
    currentService.current = bySession ? values.service : '';
    setFull(null);
    if (bySession) void loadSlots(values.service);
    else setSlots({ kind: 'none' });
  }, [values.service, bySession]);
  useEffect(() => {
    if (full) document.getElementById('session-full')?.scrollIntoView({ block: 'center' });
  }, [full]);
  // A service booked in slots (three therapists): the chosen day's free starts, asked again for each
  // day (a service that is not answers 409 and keeps its time box).
  const [dayTimes, setDayTimes] = useState<DayTimes | null>(null);
  const wantsTime = !bySession && values.service && values.service !== OTHER && fields.some((f) => f.field === 'time');
  const loadDayTimes = async (service: string, date: string) => {
    const q = new URLSearchParams({ date, ...(org ? { org } : {}) });
    const a = await call<DayTimes>(`/public/v1/services/${encodeURIComponent(service)}/slots?${q}`);
    setDayTimes(a.kind === 'ok' ? a.data : null);
  };
  useEffect(() => {
    setDayTimes(null);
    if (wantsTime && /^\d{4}-\d{2}-\d{2}$/.test(values.start_date)) void loadDayTimes(values.service, values.start_date);
  }, [values.service, values.start_date, wantsTime]);
  const party = Number(values.travelers) || 1;
  const errors = { ...check(payload, rules, lang), ...serverErrors };

  const set = (f: Field) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    // Another service: the session chosen was one of the last one's.
    setValues((v) => ({ ...v, [f]: value, ...(f === 'service' ? { session: '' } : {}) }));
    // What the server said of this field no longer holds once it is changed.
    setServerErrors(({ [f]: _gone, ...rest }) => rest);
    if (f === 'session') setFull(null);
  };
  const touch = (f: Field) => () => setTouched((t) => ({ ...t, [f]: true }));
  const shown = (f: Field) => (touched[f] ? errors[f] : undefined);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (sending) return;
    setTouched(ALL_TOUCHED);
    if (Object.values(errors).some(Boolean)) return setProblem(words.fix[lang]);
    setSending(true);
    setProblem(null);
    const a = await call<Answer>(line ? '/liff-api/v1/bookings' : `/public/v1/bookings${orgQuery}`, {
      method: 'POST',
      body: notice ? { ...payload, consent: { version: notice.version, answer: consent ? 'granted' : 'declined' } } : payload,
      idToken: line?.idToken,
      headers: { 'Idempotency-Key': key },
    });
    setSending(false);
    if (a.kind === 'ok') return setDone(a.data);
    if (a.kind === 'offline') return setProblem(common.offline[lang]);
    if (a.status === 409 && a.error.code === 'session_full') {
      // Taken meanwhile: said under the list, the list read again; the rest of the form stays, and
      // the form sent next (another session) is a new one, with a key of its own.
      const said = (a.error.details as { customerMessage?: { th: string | null; en: string | null } } | undefined)?.customerMessage;
      setFull(said ?? { th: null, en: null });
      setWaitFor({ sessionId: values.session, seats: Number(values.travelers) || 1, state: 'offer' });
      setValues((v) => ({ ...v, session: '' }));
      setKey(newKey());
      void loadSlots(values.service);
      return;
    }
    if (a.status === 409 && a.error.code === 'slot_full') {
      // Taken meanwhile: said on the times, which are read again; the next send is a new form.
      setServerErrors({ time: words.slotFull[lang] });
      setValues((v) => ({ ...v, time: '' }));
      setKey(newKey());
      void loadDayTimes(values.service, values.start_date);
      return setProblem(words.fix[lang]);
    }
    if (a.status === 422 && Array.isArray(a.error.details)) {
      const byField: Partial<Record<Field, string>> = {};
      for (const d of a.error.details as Problem[]) {
        if (d.path === 'session_id') byField.session = d.reason === 'past' ? words.e_time_past[lang] : words.e_session_gone[lang];
        else byField[d.path as Field] = serverWords(d, rules, lang);
      }
      setServerErrors(byField);
      // A session started or cancelled meanwhile: the list read again, another to choose.
      if (byField.session) {
        setValues((v) => ({ ...v, session: '' }));
        void loadSlots(values.service);
      }
      return setProblem(words.fix[lang]);
    }
    setProblem(common.failed[lang]);
  };

  const joinWaitlist = async () => {
    if (!waitFor || waitFor.state !== 'offer') return;
    setWaitFor({ ...waitFor, state: 'joining' });
    const a = line
      ? await call<Place>('/liff-api/v1/waitlist', { method: 'POST', idToken: line.idToken, body: { session_id: waitFor.sessionId, travelers: waitFor.seats, language: lang } })
      : await call<Place>(`/public/v1/sessions/${encodeURIComponent(waitFor.sessionId)}/waitlist${orgQuery}`, {
          method: 'POST',
          body: { name: values.name, language: lang, travelers: waitFor.seats, ...(values.email ? { email: values.email } : {}), ...(values.phone ? { phone: values.phone } : {}) },
        });
    if (a.kind === 'ok') return setWaitFor({ ...waitFor, state: { said: a.data.message ?? words.waitlistJoined[lang] } });
    setWaitFor({ ...waitFor, state: 'offer' });
    // Who to tell is missing (the website's form needs an e-mail or a phone), or room came back: the list is read again.
    if (a.kind !== 'offline' && a.status === 422) return setProblem(words.e_contact[lang]);
    if (a.kind !== 'offline' && a.status === 409) {
      setFull(null);
      setWaitFor(null);
      void loadSlots(values.service);
      return;
    }
    setProblem(a.kind === 'offline' ? common.offline[lang] : common.failed[lang]);
  };

  if (done) {
    return (
      <Page lang={lang} setLang={setLang} title={words.doneTitle[lang]} brand={businessBrand(shownFeed?.business)}>
        <section class="card" role="status" aria-labelledby="done">
          <h1 id="done">{words.doneTitle[lang]}</h1>
          {done.booking_id && <p class="muted">{fill(words.doneNumber[lang], { n: done.booking_id })}</p>}
          {done.next_step_message && <p style="white-space:pre-line">{done.next_step_message}</p>}
          <button
            type="button"
            class="quiet"
            onClick={() => {
              setDone(null);
              setKey(newKey());
              setTouched({});
              setValues((v) => ({ ...v, session: '' }));
              if (bySession) void loadSlots(values.service);
            }}
          >
            {words.again[lang]}
          </button>
        </section>
      </Page>
    );
  }

  if (feed.kind === 'missing') {
    return (
      <Page lang={lang} setLang={setLang} title={words.title[lang]}>
        <NotFound lang={lang} />
      </Page>
    );
  }

  return (
    <Page lang={lang} setLang={setLang} title={words.title[lang]} brand={businessBrand(shownFeed?.business)}>
      <h1>{words.title[lang]}</h1>
      <p class="muted">{words.intro[lang]}</p>
      {feed.kind === 'loading' && <Loading lang={lang} />}
      {feed.kind === 'failed' && <Failed lang={lang} offline={feed.offline} retry={loadServices} />}
      {feed.kind === 'shown' && (
        <form class="card" noValidate onSubmit={submit}>
          <fieldset aria-describedby={shown('service') ? 'service-error' : undefined}>
            <legend>{words.service[lang]}</legend>
            {items.map((s) => (
              <label class="choice" key={s.key}>
                <input type="radio" name="service" value={s.key} checked={values.service === s.key} onChange={set('service')} />
                <span>
                  {s.name[lang]}
                  <span class="hint" style="display:block">
                    {[s.durationMinutes && s.durationMinutes < DAY_MINUTES ? fill(words.minutes[lang], { n: s.durationMinutes }) : '', s.price !== null ? money(lang, s.price, s.currency) : ''].filter(Boolean).join(' · ')}
                  </span>
                </span>
              </label>
            ))}
            <label class="choice">
              <input type="radio" name="service" value={OTHER} checked={values.service === OTHER} onChange={set('service')} />
              <span>{words.other[lang]}</span>
            </label>
            <ProblemText id="service-error" text={shown('service')} />
          </fieldset>

          {bySession && (
            // The business's words when the session filled up already ask for another: no second line saying so.
            <fieldset aria-describedby={full ? 'session-full' : shown('session') ? 'session-error' : undefined}>
              <legend>{words.session[lang]}</legend>
              {slots.kind === 'loading' && (
                <p class="muted" role="status">
                  {words.sessionsLoading[lang]}
                </p>
              )}
              {slots.kind === 'failed' && (
                <p role="alert">
                  {slots.offline && `${common.offlineBanner[lang]} `}
                  {words.sessionsFailed[lang]}{' '}
                  <button type="button" class="quiet" onClick={() => loadSlots(values.service)}>
                    {common.retry[lang]}
                  </button>
                </p>
              )}
              {slots.kind === 'shown' && slots.items.length === 0 && <p class="muted">{words.sessionsNone[lang]}</p>}
              {slots.kind === 'shown' &&
                slots.items.map((s) => (
                  <label class="choice" key={s.sessionId}>
                    <input type="radio" name="session" value={s.sessionId} checked={values.session === s.sessionId} onChange={set('session')} />
                    <span>
                      {sessionText(lang, s)}
                      {s.fewLeft && (
                        <span class="hint" style="display:block">
                          {seatsText(lang, s.seatsLeft)}
                        </span>
                      )}
                    </span>
                  </label>
                ))}
              {full && (
                <p class="error" role="alert" id="session-full">
                  {full[lang] ?? words.sessionFull[lang]}
                </p>
              )}
              {full && waitFor && typeof waitFor.state === 'object' && (
                <p role="status" id="waitlist-joined">
                  {waitFor.state.said}
                </p>
              )}
              {full && waitFor && typeof waitFor.state !== 'object' && (
                <button type="button" class="quiet" id="waitlist-join" disabled={waitFor.state === 'joining'} onClick={joinWaitlist}>
                  {waitFor.state === 'joining' ? words.waitlistJoining[lang] : words.waitlistJoin[lang]}
                </button>
              )}
              {!full && <ProblemText id="session-error" text={shown('session')} />}
            </fieldset>
          )}

          {fields.map(({ field, required }) =>
            field === 'time' && dayTimes ? (
              <SlotChoices key={field} lang={lang} day={dayTimes} party={party} value={values.time} error={shown('time')} onChange={(e) => (set('time')(e), touch('time')())} />
            ) : (
            <Input
              key={field}
              field={field}
              label={labelOf(field, rules, lang)}
              lang={lang}
              value={values[field]}
              error={shown(field)}
              onInput={set(field)}
              onBlur={touch(field)}
              required={required}
              optional={!required}
              hint={field === 'time' ? hoursHint(values.start_date, rules, lang) : undefined}
              min={field === 'start_date' || field === 'end_date' ? nowIn(rules.timeZone).date : field === 'month' ? nowIn(rules.timeZone).date.slice(0, 7) : field === 'travelers' ? '1' : undefined}
              max={field === 'travelers' ? String(maxPeople(rules)) : undefined}
            />
            ),
          )}

          <Input field="name" label={words.name[lang]} lang={lang} value={values.name} error={shown('name')} onInput={set('name')} onBlur={touch('name')} required />
          <Input field="phone" label={words.phone[lang]} lang={lang} value={values.phone} error={shown('phone')} onInput={set('phone')} onBlur={touch('phone')} hint={line ? words.lineHint[lang] : words.contactHint[lang]} optional={Boolean(line)} />
          <Input field="email" label={words.email[lang]} lang={lang} value={values.email} error={shown('email')} onInput={set('email')} onBlur={touch('email')} optional />
          <Input field="notes" label={words.notes[lang]} lang={lang} value={values.notes} error={shown('notes')} onInput={set('notes')} onBlur={touch('notes')} optional />

          {notice && <PrivacyConsent lang={lang} notice={notice} consent={consent} onConsent={setConsent} />}

          {problem && (
            <p class="error" role="alert">
              {problem}
            </p>
          )}
          <div class="actions">
            <button type="submit" class="primary" disabled={sending}>
              {sending ? words.sending[lang] : words.submit[lang]}
            </button>
          </div>
        </form>
      )}
    </Page>
  );
}

/** A day of a service booked in slots, as `GET /public/v1/services/:key/slots` answers it. */
type DayTimes = { date: string; resources: number; items: { time: string; endTime: string; free: number }[] };

/** The day's starts with room for the party, as choices ("11:00–12:00", "เหลือ 1 ที่" when few are free). */
function SlotChoices(p: { lang: Lang; day: DayTimes; party: number; value: string; error?: string; onChange: (e: { currentTarget: { value: string } }) => void }) {
  const open = p.day.items.filter((i) => i.free >= p.party);
  return (
    <fieldset aria-describedby={p.error ? 'time-error' : undefined} data-slots>
      <legend>{words.slotTimes[p.lang]}</legend>
      {open.length === 0 && <p class="muted">{words.slotsNone[p.lang]}</p>}
      {open.map((i) => (
        <label class="choice" key={i.time}>
          <input type="radio" name="time" value={i.time} checked={p.value === i.time} onChange={p.onChange} />
          <span>
            {`${i.time}–${i.endTime}`}
            {i.free <= 3 && i.free < p.day.resources && (
              <span class="hint" style="display:block">
                {seatsText(p.lang, i.free)}
              </span>
            )}
          </span>
        </label>
      ))}
      <ProblemText id="time-error" text={p.error} />
    </fieldset>
  );
}

/** What the checks need to know of the form as it stands. */
interface Rules {
  fields: BookingFormField[];
  service: Service | undefined;
  timeZone: string;
  closedDays: string[];
  inLine: boolean;
  other: boolean;
  /** The service is booked by session; `slot` is the one chosen, as last read. */
  bySession: boolean;
  slot: Slot | undefined;
}

function labelOf(f: BookingFormFieldName, r: Rules, lang: Lang): string {
  if (f === 'start_date' && r.fields.some((x) => x.field === 'end_date')) return words.start_date_range[lang];
  if (f === 'destination' && r.other) return words.destination_other[lang];
  return words[f][lang];
}

const hoursOf = (r: Rules): OpeningHours => r.service?.hours ?? null;
const maxPeople = (r: Rules) => Math.min(r.service?.capacity ?? 500, 500);

/** Under the time: the chosen day's hours, or the week's before a day is chosen. */
function hoursHint(date: string, r: Rules, lang: Lang): string | undefined {
  const hours = hoursOf(r);
  if (!hours) return undefined;
  if (date && openOn(date, hours, r.closedDays)) {
    const today = hoursOn(date, hours);
    return today.length ? fill(words.openThatDay[lang], { hours: periodsText(today) }) : undefined;
  }
  return fill(words.openWeek[lang], { hours: weekText(lang, hours) });
}

const INPUT: Record<Field, { type: 'text' | 'date' | 'time' | 'number' | 'month' | 'tel' | 'email' | 'textarea'; mode?: string; auto?: string }> = {
  service: { type: 'text' },
  session: { type: 'text' },
  start_date: { type: 'date' },
  time: { type: 'time' },
  end_date: { type: 'date' },
  travelers: { type: 'number', mode: 'numeric' },
  destination: { type: 'text' },
  month: { type: 'month' },
  budget: { type: 'text' },
  name: { type: 'text', auto: 'name' },
  phone: { type: 'tel', mode: 'tel', auto: 'tel' },
  email: { type: 'email', mode: 'email', auto: 'email' },
  notes: { type: 'textarea' },
};

function Input(p: {
  field: Field;
  label: string;
  lang: Lang;
  value: string;
  error?: string;
  onInput: (e: { currentTarget: { value: string } }) => void;
  onBlur: () => void;
  hint?: string;
  optional?: boolean;
  required?: boolean;
  min?: string;
  max?: string;
}) {
  const id = `f-${p.field}`;
  const spec = INPUT[p.field];
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const attrs = { id, name: p.field, value: p.value, onInput: p.onInput, onBlur: p.onBlur, 'aria-invalid': p.error ? true : undefined, 'aria-describedby': described, 'aria-required': p.required ? true : undefined };
  return (
    <div>
      <label for={id}>
        {p.label} {p.optional && <span class="muted small">{words.optional[p.lang]}</span>}
      </label>
      {spec.type === 'textarea' ? (
        <textarea {...attrs} maxLength={2000} />
      ) : (
        <input {...attrs} type={spec.type as 'text'} inputMode={spec.mode as 'tel'} autoComplete={spec.auto} min={p.min} max={p.max} />
      )}
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      <ProblemText id={`${id}-error`} text={p.error} />
    </div>
  );
}

/** The notice folded (its full text a tap away), what the form's details are used for, and the box for news and offers. */
function PrivacyConsent(p: { lang: Lang; notice: Notice; consent: boolean; onConsent: (v: boolean) => void }) {
  return (
    <fieldset class="consent">
      <legend>{words.privacy[p.lang]}</legend>
      <p class="hint">{words.privacyUse[p.lang]}</p>
      <details>
        <summary>{fill(words.privacyRead[p.lang], { v: p.notice.version })}</summary>
        <p class="small notice-text" lang={p.lang}>
          {p.notice.text[p.lang]}
        </p>
      </details>
      <label class="choice">
        <input type="checkbox" name="consent" checked={p.consent} onChange={(e) => p.onConsent(e.currentTarget.checked)} />
        <span>{words.consentBox[p.lang]}</span>
      </label>
    </fieldset>
  );
}

function ProblemText(p: { id: string; text?: string }) {
  return p.text ? (
    <span class="error" id={p.id}>
      {p.text}
    </span>
  ) : null;
}

/** The form as the contract reads it: only the fields the chosen service asks, empty ones left out. */
function toPayload(v: Record<Field, string>, fields: BookingFormField[], lang: Lang, bySession: boolean): Partial<PublicBookingRequest> & { time?: string } {
  const p: Record<string, unknown> = { language: lang, name: v.name.trim() };
  if (v.service && v.service !== OTHER) p.service = v.service;
  // The session fixes the date and the time; the server reads them from it.
  if (bySession && v.session) p.session_id = v.session;
  for (const { field } of fields) {
    const value = v[field].trim();
    if (value) p[field] = field === 'travelers' ? Number(value) : value;
  }
  for (const f of ['phone', 'email', 'notes'] as const) if (v[f].trim()) p[f] = v[f].trim();
  p.page_url = location.origin + location.pathname;
  return p as Partial<PublicBookingRequest>;
}

/**
 * Checks as the customer types, in their words. The server checks the same form against its
 * contract (core/contracts/bookings.ts) and the service's fields and hours
 * (core/bookings/service-hours.ts), and has the last word: its 422 details land on the same
 * fields. The contract's rules are repeated here rather than running the zod schema in the page,
 * because zod would double the page's JavaScript (liff/build.ts budget); the opening hours are the
 * server's own code (core/contracts/opening-hours.ts).
 */
const PHONE = /^\+?[0-9][0-9 ()-]{6,22}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function check(p: Partial<PublicBookingRequest> & { time?: string }, r: Rules, lang: Lang): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  const asked = (f: BookingFormFieldName) => r.fields.some((x) => x.field === f);
  for (const f of r.fields) if (f.required && (p[f.field] === undefined || p[f.field] === '')) out[f.field] = words.e_required[lang];
  if (!p.service && !p.destination) out[asked('destination') ? 'destination' : 'service'] = words.e_service[lang];
  if (r.bySession && !p.session_id) out.session = words.e_session[lang];
  if (!p.name) out.name = words.e_required[lang];
  if (!p.email && !p.phone && !r.inLine) out.phone = words.e_contact[lang];
  if (p.phone && !PHONE.test(p.phone)) out.phone = words.e_phone[lang];
  if (p.email && !EMAIL.test(p.email)) out.email = words.e_email[lang];
  const now = nowIn(r.timeZone);
  for (const f of ['start_date', 'end_date'] as const) if (p[f] && p[f] < now.date) out[f] = words.e_past[lang];
  if (!out.end_date && p.start_date && p.end_date && p.end_date < p.start_date) out.end_date = words.e_order[lang];
  if (p.month && p.month < now.date.slice(0, 7)) out.month = words.e_past[lang];
  const max = maxPeople(r);
  if (p.travelers !== undefined && (!Number.isInteger(p.travelers) || p.travelers < 1 || p.travelers > max)) out.travelers = fill(words.e_number[lang], { min: 1, max });
  else if (r.slot && p.travelers !== undefined && p.travelers > r.slot.seatsLeft) out.travelers = fill(words.e_seats[lang], { n: r.slot.seatsLeft });
  if (p.time && !p.start_date) out.start_date ??= words.e_needs_date[lang];
  if (r.service && p.start_date && !out.start_date) {
    const hours = hoursOf(r);
    if (!openOn(p.start_date, hours, r.closedDays)) out.start_date = words.e_closed[lang];
    else if (p.time && !openAt(p.start_date, p.time, hours, r.closedDays)) out.time = words.e_hours[lang];
    else if (p.time && p.start_date === now.date && p.time < now.time) out.time = words.e_time_past[lang];
  }
  return out;
}

/** A field the server refused, in the customer's words: by the reason it gives, else by what it says. */
function serverWords(d: Problem, r: Rules, lang: Lang): string {
  switch (d.reason) {
    case 'required':
      return d.path === 'start_date' && /time/i.test(d.message) ? words.e_needs_date[lang] : words.e_required[lang];
    case 'closed':
      return words.e_closed[lang];
    case 'outside_hours':
      return words.e_hours[lang];
    case 'past':
      return words.e_time_past[lang];
    case 'over_capacity':
      return fill(words.e_number[lang], { min: 1, max: maxPeople(r) });
  }
  return /past/.test(d.message) ? words.e_past[lang] : words.e_invalid[lang];
}

render(<BookPage />, document.getElementById('app')!);
