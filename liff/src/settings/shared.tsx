import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Answer } from '../kit/api.ts';
import type { Dict, Lang } from '../kit/i18n.ts';
import { CantOpen } from '../kit/staff-ui.tsx';
import { refusalOf, refusalText, roleNames, staffCall, type Refusal, type StaffMe } from '../kit/staff.ts';
import { Loading, NotFound } from '../kit/ui.tsx';
import { go, NavCard } from './nav.tsx';

/**
 * What every Settings screen shares: calls to `/liff-api/v1/settings`, loading a screen (and
 * "you can't open this, because ..." when the server refuses), errors under the fields they name,
 * and whether the signed-in role may change what it sees (the server decides; the screen only
 * hides what would be refused).
 */
export const API = 'settings';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The kit's call types GET and POST only; fetch sends any method, and the server routes by it. */
export function send<T>(method: Method, path: string, body?: unknown): Promise<Answer<T>> {
  return staffCall<T>(`${API}/${path}`, { method: method as 'POST', body });
}

export type Loaded<T> = { kind: 'loading' } | { kind: 'refused'; refusal: Refusal } | { kind: 'ok'; data: T };

export function useLoad<T>(path: string): [Loaded<T>, () => Promise<void>, (d: T) => void] {
  const [state, setState] = useState<Loaded<T>>({ kind: 'loading' });
  const load = async () => {
    const a = await send<T>('GET', path);
    setState(a.kind === 'ok' ? { kind: 'ok', data: a.data } : { kind: 'refused', refusal: refusalOf(a) });
  };
  useEffect(() => {
    setState({ kind: 'loading' });
    void load();
  }, [path]);
  return [state, load, (data: T) => setState({ kind: 'ok', data })];
}

/** A screen's body once loaded; until then loading, or why not. */
export function Screen<T>(p: { lang: Lang; state: Loaded<T>; retry: () => void; children: (data: T) => ComponentChildren }) {
  if (p.state.kind === 'loading') return <Loading lang={p.lang} />;
  if (p.state.kind === 'refused') return <CantOpen lang={p.lang} refusal={p.state.refusal} retry={p.retry} />;
  return <>{p.children(p.state.data)}</>;
}

export const may = (me: StaffMe, permission: string) => me.permissions.includes(permission);

/** Errors of a refused save, by the field they name (`details[].path`), plus one for the whole form. */
export type FieldErrors = Record<string, string> & { _form?: string };

export function errorsOf(a: Exclude<Answer<unknown>, { kind: 'ok' }>, lang: Lang): FieldErrors {
  if (a.kind === 'offline') return { _form: w.offline[lang] };
  const details = a.error.details;
  const out: FieldErrors = {};
  // Every field the server named, each under its own field; one left blank in the reader's words.
  if (Array.isArray(details)) {
    for (const d of details as { path?: string; message?: string; code?: string; origin?: string; maximum?: number }[]) {
      if (!d.path) continue;
      out[d.path] = d.code === 'required' ? w.required[lang] : d.code === 'too_big' && d.maximum !== undefined ? tooBig(d.origin, d.maximum, lang) : (d.message ?? '');
      // An item of a list ("keywords.2") is shown under the list's field, which is the one on the form.
      const list = /^(.+)\.\d+$/.exec(d.path)?.[1];
      if (list && out[list] === undefined) out[list] = out[d.path];
    }
  }
  if (a.status === 403) {
    const r = refusalOf(a);
    // In the reader's words (the kit's), not the server's English.
    out._form = `${w.notSaved[lang]} ${r.reason === 'role_forbids' ? w.roleMayNot[lang].replace('{{role}}', roleNames[r.role ?? '']?.[lang] ?? r.role ?? '') : refusalText(lang, r)}`;
  } else if (!Object.keys(out).length || a.status !== 422) out._form = `${w.notSaved[lang]} ${a.error.message}`;
  else out._form = w.fixFields[lang];
  return out;
}

/** A limit passed, in the reader's words: a text too long, a list too many, a number too large. */
function tooBig(origin: string | undefined, max: number, lang: Lang): string {
  const words = origin === 'string' ? w.tooLong : origin === 'array' ? w.tooMany : w.tooLarge;
  return words[lang].replace('{{max}}', max.toLocaleString(lang === 'th' ? 'th-TH' : 'en-US'));
}

export function FieldError(p: { id: string; text?: string }) {
  return p.text ? (
    <p class="error" id={p.id} role="alert">
      {p.text}
    </p>
  ) : null;
}

/** A labelled text input with its error under it, the two tied together for screen readers. */
export function TextField(p: {
  id: string;
  errorId: string;
  label: string;
  value: string;
  error?: string;
  onInput: (value: string) => void;
  type?: 'text' | 'number' | 'email' | 'tel' | 'url' | 'password' | 'date';
  disabled?: boolean;
  inputMode?: string;
  autoComplete?: string;
  autoCapitalize?: 'off' | 'on' | 'sentences' | 'words' | 'characters' | 'none';
  spellcheck?: boolean;
}) {
  return (
    <>
      <label for={p.id}>{p.label}</label>
      <input
        id={p.id}
        type={(p.type ?? 'text') as 'text'}
        inputMode={p.inputMode as 'numeric' | undefined}
        autoComplete={p.autoComplete}
        autoCapitalize={p.autoCapitalize}
        spellcheck={p.spellcheck}
        value={p.value}
        disabled={p.disabled}
        aria-invalid={p.error ? 'true' : undefined}
        aria-describedby={p.error ? p.errorId : undefined}
        onInput={(e) => p.onInput((e.target as HTMLInputElement).value)}
      />
      <FieldError id={p.errorId} text={p.error} />
    </>
  );
}

/** "Saved" or why not, announced to screen readers. */
export function SaveStatus(p: { lang: Lang; saved: boolean; error?: string }) {
  return (
    <p role="status" aria-live="polite" class="small">
      {p.error ? <span class="error">{p.error}</span> : p.saved ? <span class="badge tone-ok">{w.saved[p.lang]}</span> : null}
    </p>
  );
}

/** A form's submit button (none on a read-only form), and what became of the last try. */
export function SubmitBar(p: { lang: Lang; busy: boolean; label?: string; readOnly?: boolean; saved?: boolean; error?: string }) {
  return (
    <>
      {!p.readOnly && (
        <div class="actions">
          <button type="submit" class="primary" disabled={p.busy}>
            {p.busy ? w.saving[p.lang] : (p.label ?? w.save[p.lang])}
          </button>
        </div>
      )}
      <SaveStatus lang={p.lang} saved={p.saved ?? false} error={p.error} />
    </>
  );
}

/** What every screen is given by the app: who is signed in, whether they may change it, and the item in the address. */
export interface ScreenProps {
  lang: Lang;
  me: StaffMe;
  canManage: boolean;
  item: string;
}

/**
 * A screen of entries with a key (case types, services, FAQ entries, providers): at the screen's
 * address the list (a card per entry, opening its editor at `/<screen>/<key>`) and, for a role that
 * may change them, the form that adds one; the loaded list kept in step with what is added and saved.
 */
export function KeyedScreen<T extends { key: string }>(
  p: ScreenProps & {
    path: string;
    title: string;
    card: (item: T) => { title: ComponentChildren; detail?: ComponentChildren; badge?: ComponentChildren };
    /** Said when there is none yet. */
    empty?: string;
    add: (added: (x: T) => void) => ComponentChildren;
    editor: (item: T, saved: (x: T) => void) => ComponentChildren;
  },
) {
  const [state, retry, set] = useLoad<T[]>(p.path);
  return (
    <Screen lang={p.lang} state={state} retry={retry}>
      {(items) => {
        if (!p.item)
          return (
            <>
              <h1>{p.title}</h1>
              {!p.canManage && <ReadOnlyNote lang={p.lang} me={p.me} who={['admin', 'manager']} />}
              {items.length === 0 && p.empty && <p class="muted">{p.empty}</p>}
              <ul class="list">
                {items.map((x) => (
                  <NavCard key={x.key} to={`/${p.path}/${x.key}`} {...p.card(x)} />
                ))}
              </ul>
              {p.canManage && p.add((x) => set([...items, x]))}
            </>
          );
        const found = items.find((x) => x.key === p.item);
        if (!found) return <NotFound lang={p.lang} />;
        return p.editor(found, (saved) => set(items.map((x) => (x.key === saved.key ? saved : x))));
      }}
    </Screen>
  );
}

/** One text box of an add form: its value's name, label, the path of its errors in the answer. */
export type AddField<V> = (name: keyof V & string, label: string, errorPath: string, o?: { type?: 'number'; sentences?: boolean }) => ComponentChildren;

/**
 * The form that adds a keyed entry to a `KeyedScreen`: text boxes laid out by `children`, their
 * values sent as `body` says to the screen's path, and the new entry opened in its editor. A
 * refusal's messages stand under the boxes they are about.
 */
export function AddEntryForm<T extends { key: string }, V extends Record<string, string> & { key: string }>(p: {
  lang: Lang;
  path: string;
  title: string;
  initial: V;
  /** The key made from the names typed (keys.ts), used when the key box under "Advanced" is left empty. */
  keyOf: (v: V) => string;
  keyLabel: string;
  body: (v: V) => unknown;
  onAdded: (x: T) => void;
  children: (field: AddField<V>, errors: FieldErrors) => ComponentChildren;
}) {
  const [v, setV] = useState(p.initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  // A key or a name is typed as it is; a question or an answer is a sentence.
  const field: AddField<V> = (name, label, errorPath, o) => (
    <TextField
      id={`n-${name}`}
      errorId={`e-n-${name}`}
      label={label}
      type={o?.type}
      autoCapitalize={o?.sentences ? 'sentences' : 'off'}
      value={v[name]}
      error={errors[errorPath]}
      onInput={(x) => setV({ ...v, [name]: x })}
    />
  );
  return (
    <form
      class="card"
      noValidate
      aria-labelledby={`add-${p.path}`}
      onSubmit={async (e) => {
        e.preventDefault();
        setBusy(true);
        const a = await send<T>('POST', p.path, p.body({ ...v, key: v.key.trim() || p.keyOf(v) }));
        setBusy(false);
        if (a.kind === 'ok') {
          p.onAdded(a.data);
          go(`/${p.path}/${a.data.key}`);
        } else {
          const e = errorsOf(a, p.lang);
          // A key made from a name can be taken: said under the key, which "Advanced" then shows.
          if (a.kind === 'refused' && a.error.code === 'already_exists') e.key = w.keyTaken[p.lang];
          setErrors(e);
        }
      }}
    >
      <h2 id={`add-${p.path}`}>{p.title}</h2>
      {p.children(field, errors)}
      <details open={Boolean(errors.key)}>
        <summary class="small">{w.advanced[p.lang]}</summary>
        {field('key', p.keyLabel, 'key')}
        <p class="hint">{w.keyAuto[p.lang].replace('{{key}}', p.keyOf(v) || '…')}</p>
      </details>
      <SubmitBar lang={p.lang} busy={busy} label={p.title} error={errors._form} />
    </form>
  );
}

/**
 * The entry's key under its title, named as such: the word the system and the API know it by, not
 * a second title (a Thai owner saw "location" under "เวลาเปิด-ปิด" and took it for a mistake).
 */
export function KeyNote(p: { lang: Lang; entryKey: string; children?: ComponentChildren }) {
  return (
    <p class="muted small">
      {w.keyIs[p.lang].replace('{{key}}', p.entryKey)}
      {p.children && <> · {p.children}</>}
    </p>
  );
}

/** Shown to a role that may look but not change: why the form is read-only. */
export function ReadOnlyNote(p: { lang: Lang; me: StaffMe; who: string[] }) {
  const name = (r: string) => roleNames[r]?.[p.lang] ?? r;
  return (
    <p class="banner tone-info" role="note">
      {w.readOnly[p.lang].replace('{{role}}', name(p.me.role)).replace('{{roles}}', p.who.map(name).join(', '))}
    </p>
  );
}

export const w = {
  app: { th: 'ตั้งค่า', en: 'Settings' },
  back: { th: '← ตั้งค่าทั้งหมด', en: '← All settings' },
  save: { th: 'บันทึก', en: 'Save' },
  saving: { th: 'กำลังบันทึก…', en: 'Saving…' },
  saved: { th: 'บันทึกแล้ว', en: 'Saved' },
  notSaved: { th: 'ยังไม่ได้บันทึก:', en: 'Not saved:' },
  fixFields: { th: 'ยังไม่ได้บันทึก แก้ช่องที่มีข้อความสีแดงก่อน', en: 'Not saved: fix the fields marked in red first.' },
  offline: { th: 'ยังไม่ได้บันทึก เพราะไม่มีการเชื่อมต่ออินเทอร์เน็ต สิ่งที่กรอกไว้ยังอยู่', en: 'Not saved: you are offline. What you typed is kept.' },
  roleMayNot: { th: 'ตำแหน่งของคุณ ({{role}}) ไม่มีสิทธิ์แก้ไขส่วนนี้', en: 'your role ({{role}}) may not change this.' },
  keyIs: { th: 'รหัสในระบบ: {{key}}', en: 'Key: {{key}}' },
  readOnly: { th: 'คุณดูได้อย่างเดียว เพราะตำแหน่งของคุณ ({{role}}) แก้ไขส่วนนี้ไม่ได้ ผู้ที่แก้ไขได้: {{roles}}', en: 'You can look but not change this, because your role ({{role}}) may not. Who can: {{roles}}.' },
  required: { th: 'ต้องกรอกช่องนี้', en: 'Required' },
  tooLong: { th: 'ยาวเกินไป: ไม่เกิน {{max}} ตัวอักษร', en: 'Too long: at most {{max}} characters.' },
  tooMany: { th: 'มากเกินไป: ไม่เกิน {{max}} รายการ', en: 'Too many: at most {{max}}.' },
  tooLarge: { th: 'มากเกินไป: ไม่เกิน {{max}}', en: 'Too large: at most {{max}}.' },
  advanced: { th: 'ขั้นสูง: รหัส', en: 'Advanced: key' },
  keyTaken: { th: 'มีรหัสนี้แล้ว ใส่รหัสอื่น', en: 'This key is taken: type another.' },
  keyAuto: { th: 'เว้นว่างได้ ระบบจะใช้ {{key}}', en: 'Leave it empty to use {{key}}' },
} satisfies Dict;

/**
 * "Load more" under a list read page by page: fetches `next` (the list's own cursor in its URL)
 * and hands the page to `add`, which appends it; disabled while it loads.
 */
export function LoadMore<P>(p: { label: string; next: string; add: (page: P) => void }) {
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      class="quiet"
      disabled={busy}
      onClick={async () => {
        setBusy(true);
        const a = await send<P>('GET', p.next);
        setBusy(false);
        if (a.kind === 'ok') p.add(a.data);
      }}
    >
      {p.label}
    </button>
  );
}


/** A card that adds something (a LINE channel, the org's e-mail): its heading, what to have at hand, and its form. */
export function ConnectCard(p: { id: string; title: string; hint: string; level?: 2 | 3; children: ComponentChildren }) {
  const Heading = p.level === 3 ? 'h3' : 'h2';
  return (
    <section class="card" aria-labelledby={p.id}>
      <Heading id={p.id}>{p.title}</Heading>
      <p class="hint">{p.hint}</p>
      {p.children}
    </section>
  );
}
