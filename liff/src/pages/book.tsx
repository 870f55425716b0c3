import { render } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { PublicBookingRequest, publicBookingAnswer, serviceFeed } from '../../../core/contracts/bookings.ts';
import { call } from '../kit/api.ts';
import { fill, money, useLang, type Dict, type Lang } from '../kit/i18n.ts';
import { lineSession, type LineSession } from '../kit/line.ts';
import { common, Failed, Loading, Page } from '../kit/ui.tsx';

/**
 * The booking form. It lists the business's bookable services and asks what the chosen one
 * needs; it checks the form against the same contract the server uses as the customer types, and
 * sends it once: one Idempotency-Key per filled-in form, kept across retries, so a flaky
 * connection cannot make two bookings. Inside LINE it goes to the LIFF API, which ties it to the
 * customer's LINE account and answers in the chat too.
 */
type Service = z.infer<typeof serviceFeed>['items'][number];
type Answer = z.infer<typeof publicBookingAnswer>;
type Field = 'service' | 'start_date' | 'end_date' | 'travelers' | 'destination' | 'month' | 'budget' | 'name' | 'phone' | 'email' | 'notes';

const words = {
  title: { th: 'จองบริการ', en: 'Book a service' },
  intro: { th: 'เลือกบริการและกรอกรายละเอียด ทีมงานจะยืนยันการจองให้โดยเร็วค่ะ', en: 'Choose a service and tell us the details; our team will confirm it soon.' },
  service: { th: 'บริการ', en: 'Service' },
  other: { th: 'อื่น ๆ (ระบุเอง)', en: 'Something else' },
  minutes: { th: '{{n}} นาที', en: '{{n}} min' },
  start_date: { th: 'วันที่', en: 'Date' },
  start_date_trip: { th: 'วันเริ่มต้น', en: 'From' },
  end_date: { th: 'วันสิ้นสุด', en: 'To' },
  travelers: { th: 'จำนวนผู้ใช้บริการ (ท่าน)', en: 'Number of people' },
  destination: { th: 'ต้องการจองอะไร', en: 'What would you like to book?' },
  month: { th: 'เดือนที่สะดวก', en: 'Preferred month' },
  budget: { th: 'งบประมาณ', en: 'Budget' },
  name: { th: 'ชื่อ', en: 'Your name' },
  phone: { th: 'เบอร์โทรศัพท์', en: 'Phone' },
  email: { th: 'อีเมล', en: 'E-mail' },
  contactHint: { th: 'ใส่เบอร์โทรหรืออีเมลอย่างน้อยหนึ่งอย่าง เพื่อให้เราติดต่อกลับได้', en: 'A phone number or an e-mail, so that we can answer you.' },
  lineHint: { th: 'เราจะตอบกลับทาง LINE ค่ะ', en: 'We will answer you on LINE.' },
  notes: { th: 'รายละเอียดเพิ่มเติม', en: 'Anything else we should know' },
  optional: { th: '(ไม่บังคับ)', en: '(optional)' },
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
  e_order: { th: 'วันสิ้นสุดต้องไม่ก่อนวันเริ่มต้น', en: 'The end is before the start' },
  e_number: { th: 'กรุณาใส่ตัวเลข {{min}}–{{max}}', en: 'A number from {{min}} to {{max}}' },
  e_invalid: { th: 'ข้อมูลไม่ถูกต้อง', en: 'Please check this' },
} satisfies Dict;

const OTHER = '__other';
const DAY_MINUTES = 24 * 60;

/** What a service asks, from what the catalog says of it: several days asks a range, limited places ask how many people. */
function fieldsOf(s: Service | undefined, choice: string): Field[] {
  if (choice === OTHER) return ['destination', 'month', 'travelers', 'budget'];
  if (!s) return [];
  const dates: Field[] = (s.durationMinutes ?? 0) >= DAY_MINUTES ? ['start_date', 'end_date'] : ['start_date'];
  return [...dates, ...(s.capacity !== 1 ? (['travelers'] as Field[]) : [])];
}

/** Today where the business is (Bangkok): a date before it is in the past, as the server counts it. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Bangkok' }).format(new Date());

function newKey(): string {
  return crypto.randomUUID();
}

function BookPage() {
  const [lang, setLang] = useLang();
  const [services, setServices] = useState<{ kind: 'loading' } | { kind: 'failed'; offline: boolean } | { kind: 'shown'; items: Service[] }>({ kind: 'loading' });
  const [line, setLine] = useState<LineSession | null>(null);
  const [values, setValues] = useState<Record<Field, string>>({ service: '', start_date: '', end_date: '', travelers: '', destination: '', month: '', budget: '', name: '', phone: '', email: '', notes: '' });
  const [touched, setTouched] = useState<Partial<Record<Field, boolean>>>({});
  const [serverErrors, setServerErrors] = useState<Partial<Record<Field, string>>>({});
  const [key, setKey] = useState(newKey);
  const [sending, setSending] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<Answer | null>(null);

  const org = new URLSearchParams(location.search).get('org');
  const loadServices = async () => {
    setServices({ kind: 'loading' });
    const a = await call<z.infer<typeof serviceFeed>>(`/public/v1/services${org ? `?org=${encodeURIComponent(org)}` : ''}`);
    setServices(a.kind === 'ok' ? { kind: 'shown', items: a.data.items } : { kind: 'failed', offline: a.kind === 'offline' });
  };
  useEffect(() => {
    void loadServices();
    void lineSession().then((s) => {
      setLine(s);
      if (s?.name) setValues((v) => (v.name ? v : { ...v, name: s.name! }));
    });
  }, []);

  const items = services.kind === 'shown' ? services.items : [];
  const chosen = items.find((s) => s.key === values.service);
  const fields = fieldsOf(chosen, values.service);
  const payload = useMemo(() => toPayload(values, fields, lang, line), [values, lang, line, fields.join()]);
  const errors = useMemo(() => ({ ...check(payload, fields, lang, chosen), ...serverErrors }), [payload, serverErrors, lang]);

  const set = (f: Field) => (e: { currentTarget: { value: string } }) => {
    const value = e.currentTarget.value;
    setValues((v) => ({ ...v, [f]: value }));
    // What the server said of this field no longer holds once it is changed.
    setServerErrors(({ [f]: _gone, ...rest }) => rest);
  };
  const shown = (f: Field) => (touched[f] ? errors[f] : undefined);

  const submit = async (e: Event) => {
    e.preventDefault();
    if (sending) return;
    setTouched({ service: true, start_date: true, end_date: true, travelers: true, destination: true, month: true, budget: true, name: true, phone: true, email: true, notes: true });
    if (Object.values(errors).some(Boolean)) return setProblem(words.fix[lang]);
    setSending(true);
    setProblem(null);
    const a = await call<Answer>(line ? '/liff-api/v1/bookings' : `/public/v1/bookings${org ? `?org=${encodeURIComponent(org)}` : ''}`, {
      method: 'POST',
      body: payload,
      idToken: line?.idToken,
      headers: { 'Idempotency-Key': key },
    });
    setSending(false);
    if (a.kind === 'ok') return setDone(a.data);
    if (a.kind === 'offline') return setProblem(common.offline[lang]);
    if (a.status === 422 && Array.isArray(a.error.details)) {
      const byField: Partial<Record<Field, string>> = {};
      for (const d of a.error.details as { path: string; message: string }[]) {
        const f = d.path as Field;
        byField[f] = /past/.test(d.message) ? words.e_past[lang] : words.e_invalid[lang];
      }
      setServerErrors(byField);
      return setProblem(words.fix[lang]);
    }
    setProblem(common.failed[lang]);
  };

  if (done) {
    return (
      <Page lang={lang} setLang={setLang} title={words.doneTitle[lang]}>
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
            }}
          >
            {words.again[lang]}
          </button>
        </section>
      </Page>
    );
  }

  return (
    <Page lang={lang} setLang={setLang} title={words.title[lang]}>
      <h1>{words.title[lang]}</h1>
      <p class="muted">{words.intro[lang]}</p>
      {services.kind === 'loading' && <Loading lang={lang} />}
      {services.kind === 'failed' && <Failed lang={lang} offline={services.offline} retry={loadServices} />}
      {services.kind === 'shown' && (
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
            <Problem id="service-error" text={shown('service')} />
          </fieldset>

          {fields.map((f) => (
            <Input key={f} field={f} lang={lang} value={values[f]} error={shown(f)} onInput={set(f)} onBlur={() => setTouched((t) => ({ ...t, [f]: true }))} service={chosen} />
          ))}

          <Input field="name" lang={lang} value={values.name} error={shown('name')} onInput={set('name')} onBlur={() => setTouched((t) => ({ ...t, name: true }))} />
          <Input field="phone" lang={lang} value={values.phone} error={shown('phone')} onInput={set('phone')} onBlur={() => setTouched((t) => ({ ...t, phone: true }))} hint={line ? words.lineHint[lang] : words.contactHint[lang]} optional={Boolean(line)} />
          <Input field="email" lang={lang} value={values.email} error={shown('email')} onInput={set('email')} onBlur={() => setTouched((t) => ({ ...t, email: true }))} optional />
          <Input field="notes" lang={lang} value={values.notes} error={shown('notes')} onInput={set('notes')} onBlur={() => setTouched((t) => ({ ...t, notes: true }))} optional />

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

const INPUT: Record<Field, { type: 'text' | 'date' | 'number' | 'month' | 'tel' | 'email' | 'textarea'; mode?: string; auto?: string }> = {
  service: { type: 'text' },
  start_date: { type: 'date' },
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

function Input(p: { field: Field; lang: Lang; value: string; error?: string; onInput: (e: { currentTarget: { value: string } }) => void; onBlur: () => void; hint?: string; optional?: boolean; service?: Service }) {
  const id = `f-${p.field}`;
  const spec = INPUT[p.field];
  const label = p.field === 'start_date' && p.service && (p.service.durationMinutes ?? 0) >= DAY_MINUTES ? words.start_date_trip[p.lang] : words[p.field][p.lang];
  const described = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = { id, name: p.field, value: p.value, onInput: p.onInput, onBlur: p.onBlur, 'aria-invalid': p.error ? true : undefined, 'aria-describedby': described };
  return (
    <div>
      <label for={id}>
        {label} {p.optional && <span class="muted small">{words.optional[p.lang]}</span>}
      </label>
      {spec.type === 'textarea' ? (
        <textarea {...common} maxLength={2000} />
      ) : (
        <input {...common} type={spec.type as 'text'} inputMode={spec.mode as 'tel'} autoComplete={spec.auto} min={spec.type === 'date' ? today() : spec.type === 'number' ? 1 : undefined} />
      )}
      {p.hint && (
        <p class="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      <Problem id={`${id}-error`} text={p.error} />
    </div>
  );
}

function Problem(p: { id: string; text?: string }) {
  return p.text ? (
    <span class="error" id={p.id}>
      {p.text}
    </span>
  ) : null;
}

/** The form as the contract reads it: only the fields the chosen service asks, empty ones left out. */
function toPayload(v: Record<Field, string>, fields: Field[], lang: Lang, line: LineSession | null): Partial<PublicBookingRequest> {
  const p: Record<string, unknown> = { language: lang, name: v.name.trim() };
  if (v.service && v.service !== '__other') p.service = v.service;
  for (const f of fields) {
    const value = v[f].trim();
    if (value) p[f] = f === 'travelers' ? Number(value) : value;
  }
  for (const f of ['phone', 'email', 'notes'] as const) if (v[f].trim()) p[f] = v[f].trim();
  if (line) p.line_id = 'LINE'; // stands for the id the server takes from the verified token (it ignores this one)
  p.page_url = location.origin + location.pathname;
  return p as Partial<PublicBookingRequest>;
}

/**
 * Checks as the customer types, in their words. The server checks the same form against its
 * contract (publicBookingRequest, core/contracts/bookings.ts) and has the last word: its 422
 * details land on the same fields. The rules are repeated here rather than running the zod schema
 * in the page, because zod would double the page's JavaScript (liff/build.ts budget).
 */
const PHONE = /^\+?[0-9][0-9 ()-]{6,22}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function check(p: Partial<PublicBookingRequest>, fields: Field[], lang: Lang, service: Service | undefined): Partial<Record<Field, string>> {
  const out: Partial<Record<Field, string>> = {};
  if (!p.service && !p.destination) out[fields.includes('destination') ? 'destination' : 'service'] = words.e_service[lang];
  if (!p.name) out.name = words.e_required[lang];
  if (!p.email && !p.phone && !p.line_id) out.phone = words.e_contact[lang];
  if (p.phone && !PHONE.test(p.phone)) out.phone = words.e_phone[lang];
  if (p.email && !EMAIL.test(p.email)) out.email = words.e_email[lang];
  const t = today();
  for (const f of ['start_date', 'end_date'] as const) if (p[f] && p[f] < t) out[f] = words.e_past[lang];
  if (!out.end_date && p.start_date && p.end_date && p.end_date < p.start_date) out.end_date = words.e_order[lang];
  if (p.month && p.month < t.slice(0, 7)) out.month = words.e_past[lang];
  const max = Math.min(service?.capacity ?? 500, 500);
  if (p.travelers !== undefined && (!Number.isInteger(p.travelers) || p.travelers < 1 || p.travelers > max)) out.travelers = fill(words.e_number[lang], { min: 1, max });
  return out;
}

render(<BookPage />, document.getElementById('app')!);
