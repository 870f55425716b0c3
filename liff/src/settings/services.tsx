import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { BookingFormFieldName } from '../../../core/contracts/booking-form.ts';
import type { service } from '../../../core/contracts/taxonomy.ts';
import type { Dict, Lang } from '../kit/i18n.ts';
import { Badge } from '../kit/ui.tsx';
import { officeHours, WeekEditor, type Hours } from './hours.tsx';
import { phrasesOf, PhrasesSection, savedPhrases } from './phrases.tsx';
import { AddEntryForm, errorsOf, FieldError, type FieldErrors, KeyedScreen, KeyNote, ReadOnlyNote, SaveStatus, type ScreenProps, send, TextField, w } from './shared.tsx';
import { keyFrom } from './keys.ts';
import { Link } from './nav.tsx';

/**
 * Bookable services: names, length, places, price, what the booking form asks for each (in
 * order, required or not) and its opening hours (its own, or the org's business hours). The
 * booking form and the bot use them from the next booking on.
 */
type Service = z.infer<typeof service>;
type FormField = { field: BookingFormFieldName; required: boolean };

// The form's own order of fields (core/contracts/booking-form.ts BOOKING_FORM_FIELDS); the page imports types only.
const FIELDS: BookingFormFieldName[] = ['start_date', 'time', 'end_date', 'travelers', 'destination', 'month', 'budget'];

const words = {
  title: { th: 'บริการที่จองได้', en: 'Bookable services' },
  inactive: { th: 'ปิดใช้งาน', en: 'Switched off' },
  nameTh: { th: 'ชื่อ (ไทย)', en: 'Name (Thai)' },
  nameEn: { th: 'ชื่อ (อังกฤษ)', en: 'Name (English)' },
  description: { th: 'คำอธิบาย', en: 'Description' },
  duration: { th: 'ระยะเวลา (นาที)', en: 'Length (minutes)' },
  capacity: { th: 'จำนวนที่นั่งต่อรอบ (ว่าง = ไม่จำกัด)', en: 'Places per slot (empty: not limited)' },
  price: { th: 'ราคา', en: 'Price' },
  currency: { th: 'สกุลเงิน', en: 'Currency' },
  active: { th: 'เปิดให้จอง', en: 'Open for booking' },
  form: { th: 'แบบฟอร์มจองถามอะไรบ้าง', en: 'What the booking form asks' },
  formHint: { th: 'ชื่อ เบอร์โทร อีเมล และหมายเหตุ ถามทุกการจองเสมอ', en: 'Name, phone, e-mail and notes are always asked.' },
  formDerived: { th: 'ให้ระบบเลือกให้จากบริการ', en: 'Let the service decide (a date; a time below a day; people when places are limited)' },
  ask: { th: 'ถาม', en: 'Ask' },
  required: { th: 'ต้องกรอก', en: 'Required' },
  start_date: { th: 'วันที่', en: 'Date' },
  time: { th: 'เวลา', en: 'Time' },
  end_date: { th: 'ถึงวันที่', en: 'End date' },
  travelers: { th: 'จำนวนคน', en: 'Number of people' },
  destination: { th: 'จุดหมาย', en: 'Destination' },
  month: { th: 'เดือน', en: 'Month' },
  budget: { th: 'งบประมาณ', en: 'Budget' },
  hours: { th: 'เวลาเปิดให้บริการ', en: 'Opening hours' },
  orgHours: { th: 'ใช้เวลาทำการของธุรกิจ', en: "Use the business's hours" },
  add: { th: 'เพิ่มบริการ', en: 'Add a service' },
  schedule: { th: 'ตารางรอบและช่วงเวลา', en: 'Sessions and slots' },
  key: { th: 'รหัส (ภาษาอังกฤษตัวเล็ก เช่น sushi_class)', en: 'Key (lower case, e.g. sushi_class)' },
} satisfies Dict;

type Props = ScreenProps;

export function Services(p: Props) {
  return (
    <KeyedScreen<Service>
      {...p}
      path="services"
      title={words.title[p.lang]}
      card={(s) => ({
        title: s.name[p.lang],
        detail: [s.durationMinutes ? `${s.durationMinutes} min` : '', s.price ? `${s.price} ${s.currency}` : ''].filter(Boolean).join(' · '),
        badge: !s.isActive && <Badge tone="wait">{words.inactive[p.lang]}</Badge>,
      })}
      add={(added) => <AddService lang={p.lang} onAdded={added} />}
      editor={(s, saved) => <Editor {...p} service={s} onSaved={saved} />}
    />
  );
}

const numberOrNull = (v: string) => (v.trim() === '' ? null : Number.isFinite(Number(v)) ? Number(v) : v);

function Editor(p: Props & { service: Service; onSaved: (s: Service) => void }) {
  const L = p.lang;
  const s = p.service;
  const ro = !p.canManage;
  const [d, setD] = useState({
    th: s.name.th,
    en: s.name.en,
    description: s.description ?? '',
    duration: s.durationMinutes === null ? '' : String(s.durationMinutes),
    capacity: s.capacity === null ? '' : String(s.capacity),
    price: s.price ?? '',
    currency: s.currency,
    active: s.isActive,
  });
  const [form, setForm] = useState<FormField[] | null>(s.formFields as FormField[] | null);
  const [hours, setHours] = useState<Hours | null>(s.hours as Hours | null);
  const [phrases, setPhrases] = useState(() => phrasesOf(s));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);
  const touch = () => setSaved(false);
  const set = (patch: Partial<typeof d>) => (setD({ ...d, ...patch }), touch());
  const asked = (f: BookingFormFieldName) => form?.find((x) => x.field === f);
  const setAsked = (f: BookingFormFieldName, on: boolean, required = false) => {
    const rest = (form ?? []).filter((x) => x.field !== f);
    const next = on ? [...rest, { field: f, required }] : rest;
    // Kept in the form's own order.
    setForm(next.sort((a, b) => FIELDS.indexOf(a.field) - FIELDS.indexOf(b.field)));
    touch();
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const a = await send<Service>('PATCH', `services/${s.key}`, {
      name: { th: d.th, en: d.en },
      description: d.description,
      durationMinutes: numberOrNull(d.duration),
      capacity: numberOrNull(d.capacity),
      price: d.price.trim() === '' ? null : d.price.trim(),
      currency: d.currency,
      isActive: d.active,
      formFields: form,
      hours,
      ...savedPhrases(phrases),
    });
    if (a.kind === 'ok') {
      setErrors({});
      setSaved(true);
      // As stored: blank lines and spaces around the phrases are gone.
      setPhrases(phrasesOf(a.data));
      p.onSaved(a.data);
    } else setErrors(errorsOf(a, L));
  };

  const input = (k: 'th' | 'en' | 'duration' | 'capacity' | 'price' | 'currency', label: string, path: string, type: 'text' | 'number' = 'text') => (
    <TextField id={`sv-${k}`} errorId={`e-sv-${k}`} label={label} type={type} value={d[k]} disabled={ro} error={errors[path]} onInput={(v) => set({ [k]: v })} />
  );

  return (
    <form onSubmit={save} noValidate>
      <h1>{s.name[L]}</h1>
      <KeyNote lang={L} entryKey={s.key}>
        <Link to={`/schedule/${encodeURIComponent(s.key)}`}>{words.schedule[L]}</Link>
      </KeyNote>
      {ro && <ReadOnlyNote lang={L} me={p.me} who={['admin', 'manager']} />}
      <section class="card">
        <div class="grid2">
          <div>{input('th', words.nameTh[L], 'name.th')}</div>
          <div>{input('en', words.nameEn[L], 'name.en')}</div>
          <div>{input('duration', words.duration[L], 'durationMinutes', 'number')}</div>
          <div>{input('capacity', words.capacity[L], 'capacity', 'number')}</div>
          <div>{input('price', words.price[L], 'price')}</div>
          <div>{input('currency', words.currency[L], 'currency')}</div>
        </div>
        <label for="sv-description">{words.description[L]}</label>
        <textarea id="sv-description" value={d.description} disabled={ro} onInput={(e) => set({ description: (e.target as HTMLTextAreaElement).value })} />
        <label class="choice compact" for="sv-active">
          <input id="sv-active" type="checkbox" checked={d.active} disabled={ro} onChange={(e) => set({ active: (e.target as HTMLInputElement).checked })} />
          <span>{words.active[L]}</span>
        </label>
      </section>

      <fieldset class="card">
        <legend>{words.form[L]}</legend>
        <p class="hint">{words.formHint[L]}</p>
        <label class="choice compact" for="sv-derived">
          <input id="sv-derived" type="checkbox" checked={form === null} disabled={ro} onChange={(e) => (setForm((e.target as HTMLInputElement).checked ? null : []), touch())} />
          <span>{words.formDerived[L]}</span>
        </label>
        {form !== null &&
          FIELDS.map((f) => (
            <div class="row" key={f} data-form-field={f}>
              <label class="choice compact" for={`sv-ask-${f}`} style="flex:1">
                <input id={`sv-ask-${f}`} type="checkbox" checked={Boolean(asked(f))} disabled={ro} onChange={(e) => setAsked(f, (e.target as HTMLInputElement).checked)} />
                <span>{words[f][L]}</span>
              </label>
              <label class="choice compact" for={`sv-req-${f}`}>
                <input id={`sv-req-${f}`} type="checkbox" checked={Boolean(asked(f)?.required)} disabled={ro || !asked(f)} onChange={(e) => setAsked(f, true, (e.target as HTMLInputElement).checked)} />
                <span>{words.required[L]}</span>
              </label>
            </div>
          ))}
        <FieldError id="e-sv-form" text={errors.formFields} />
      </fieldset>

      <PhrasesSection lang={L} value={phrases} disabled={ro} errors={errors} onChange={(patch) => (setPhrases({ ...phrases, ...patch }), touch())} />

      <fieldset class="card">
        <legend>{words.hours[L]}</legend>
        <label class="choice compact" for="sv-orghours">
          <input id="sv-orghours" type="checkbox" checked={hours === null} disabled={ro} onChange={(e) => (setHours((e.target as HTMLInputElement).checked ? null : officeHours()), touch())} />
          <span>{words.orgHours[L]}</span>
        </label>
        {hours !== null && <WeekEditor lang={L} readOnly={ro} hours={hours} onChange={(h) => (setHours(h), touch())} />}
      </fieldset>

      {!ro && (
        <div class="actions">
          <button type="submit" class="primary">
            {w.save[L]}
          </button>
        </div>
      )}
      <SaveStatus lang={L} saved={saved} error={errors._form} />
    </form>
  );
}

function AddService(p: { lang: Lang; onAdded: (s: Service) => void }) {
  const L = p.lang;
  return (
    <AddEntryForm<Service, { key: string; th: string; en: string }>
      lang={L}
      path="services"
      title={words.add[L]}
      initial={{ key: '', th: '', en: '' }}
      keyOf={(v) => keyFrom(v.en, v.th)}
      keyLabel={words.key[L]}
      body={(v) => ({ key: v.key, name: { th: v.th, en: v.en } })}
      onAdded={p.onAdded}
    >
      {(field) => (
        <>
          {field('th', words.nameTh[L], 'name.th')}
          {field('en', words.nameEn[L], 'name.en')}
        </>
      )}
    </AddEntryForm>
  );
}
