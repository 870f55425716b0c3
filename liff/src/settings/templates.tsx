import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { templatePreview, templateView } from '../../../core/contracts/templates.ts';
import type { Dict, Lang } from '../kit/i18n.ts';
import { NotFound } from '../kit/ui.tsx';
import { NavCard } from './nav.tsx';
import { errorsOf, ReadOnlyNote, Screen, type ScreenProps, send, SubmitBar, useLoad, w } from './shared.tsx';
import { type EmailForm, TemplateEmail } from './template-email.tsx';

/**
 * The customer-facing texts (DESIGN.md decision 7), both languages side by side with a live
 * preview filled with sample values, and the variables checked as the admin types: a variable the
 * product does not fill is named before saving, and saving it is refused (422) anyway.
 */
type Template = z.infer<typeof templateView>;
type Preview = z.infer<typeof templatePreview>;

const words = {
  title: { th: 'ข้อความถึงลูกค้า', en: 'Customer messages' },
  th: { th: 'ภาษาไทย', en: 'Thai' },
  en: { th: 'ภาษาอังกฤษ', en: 'English' },
  preview: { th: 'ตัวอย่างที่ลูกค้าจะเห็น', en: 'What the customer sees' },
  variables: { th: 'ตัวแปรที่ใช้ได้', en: 'Variables you can use' },
  unknown: { th: 'ระบบไม่รู้จักตัวแปร: {{list}} (จะบันทึกไม่ได้)', en: 'Unknown variables: {{list}} (it cannot be saved)' },
  allKnown: { th: 'ตัวแปรถูกต้องทั้งหมด', en: 'All variables are known' },
  search: { th: 'ค้นหาข้อความ', en: 'Find a message' },
  count: { th: '{{n}} ข้อความ', en: '{{n}} messages' },
} satisfies Dict;

type Props = ScreenProps;

export function Templates(p: Props) {
  const [state, retry, set] = useLoad<Template[]>('templates');
  return (
    <Screen lang={p.lang} state={state} retry={retry}>
      {(list) => {
        const keys = [...new Set(list.map((t) => t.key))];
        if (!p.item) return <List lang={p.lang} list={list} keys={keys} />;
        const pair = list.filter((t) => t.key === p.item);
        if (!pair.length) return <NotFound lang={p.lang} />;
        return <Editor {...p} pair={pair} onSaved={(t) => set(list.map((x) => (x.key === t.key && x.language === t.language ? t : x)))} />;
      }}
    </Screen>
  );
}

function List(p: { lang: Lang; list: Template[]; keys: string[] }) {
  const [q, setQ] = useState('');
  const needle = q.trim().toLowerCase();
  // Sixty-odd texts: found by a word of their description, key or wording, in either language.
  const shown = needle ? p.keys.filter((k) => p.list.some((t) => t.key === k && `${k} ${t.description ?? ''} ${t.body}`.toLowerCase().includes(needle))) : p.keys;
  return (
    <>
      <h1>{words.title[p.lang]}</h1>
      <label for="t-search">{words.search[p.lang]}</label>
      <input id="t-search" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
      <p class="muted small" role="status">
        {words.count[p.lang].replace('{{n}}', String(shown.length))}
      </p>
      <ul class="list">
        {shown.map((k) => {
          const t = p.list.find((x) => x.key === k && x.language === p.lang) ?? p.list.find((x) => x.key === k)!;
          return (
            <NavCard key={k} to={`/templates/${k}`} title={t.description ?? k} detail={t.body.length > 90 ? `${t.body.slice(0, 90)}…` : t.body} />
          );
        })}
      </ul>
    </>
  );
}

function Editor(p: Props & { pair: Template[]; onSaved: (t: Template) => void }) {
  const L = p.lang;
  const stored = { th: p.pair.find((t) => t.language === 'th')?.body, en: p.pair.find((t) => t.language === 'en')?.body };
  const storedEmail = { th: p.pair.find((t) => t.language === 'th')?.email, en: p.pair.find((t) => t.language === 'en')?.email };
  const [bodies, setBodies] = useState<{ th?: string; en?: string }>(stored);
  const [emails, setEmails] = useState<{ th?: EmailForm; en?: EmailForm }>(storedEmail);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const ro = !p.canManage;

  // The preview follows the typing, a moment after it pauses.
  useEffect(() => {
    const t = setTimeout(async () => {
      const a = await send<Preview>('POST', 'templates/preview', { ...bodies, email: emails });
      if (a.kind === 'ok') setPreview(a.data);
    }, 250);
    return () => clearTimeout(t);
  }, [bodies.th, bodies.en, emails.th, emails.en]);

  const save = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    for (const language of ['th', 'en'] as const) {
      const body = bodies[language];
      const email = emails[language];
      const changed = {
        ...(body !== undefined && body !== stored[language] ? { body } : {}),
        ...(email && JSON.stringify(email) !== JSON.stringify(storedEmail[language]) ? { email } : {}),
      };
      if (!Object.keys(changed).length) continue;
      const a = await send<Template>('PUT', `templates/${p.item}/${language}`, changed);
      if (a.kind !== 'ok') {
        setBusy(false);
        const errs = errorsOf(a, L);
        return setError(a.kind === 'refused' && a.status === 422 ? `${w.notSaved[L]} ${a.error.message}` : errs._form);
      }
      p.onSaved(a.data);
    }
    setBusy(false);
    setSaved(true);
  };

  const description = p.pair[0].description;
  return (
    <form onSubmit={save} noValidate>
      <h1>{description ?? p.item}</h1>
      <p class="muted small">{p.item}</p>
      {ro && <ReadOnlyNote lang={L} me={p.me} who={['admin', 'manager']} />}
      {(['th', 'en'] as const).map((language) =>
        bodies[language] === undefined ? null : (
          <section class="card" key={language} lang={language}>
            <label for={`t-${language}`} lang={L}>
              {words[language][L]}
            </label>
            <textarea
              id={`t-${language}`}
              rows={5}
              value={bodies[language]}
              disabled={ro}
              aria-invalid={preview?.[language]?.unknown.length ? 'true' : undefined}
              aria-describedby={`p-${language}`}
              onInput={(e) => {
                setBodies({ ...bodies, [language]: (e.target as HTMLTextAreaElement).value });
                setSaved(false);
              }}
            />
            <p class="hint" lang={L}>
              {words.preview[L]}
            </p>
            <p class="preview" id={`p-${language}`} aria-live="polite" data-preview={language}>
              {preview?.[language]?.text ?? ''}
            </p>
            {emails[language] && (
              <TemplateEmail
                lang={L}
                language={language}
                form={emails[language]!}
                readOnly={ro}
                preview={preview?.[language]?.email}
                onChange={(form) => {
                  setEmails({ ...emails, [language]: form });
                  setSaved(false);
                }}
              />
            )}
            {preview?.[language]?.unknown.length ? (
              <p class="error" role="alert" lang={L}>
                {words.unknown[L].replace('{{list}}', preview[language]!.unknown.map((v) => `{{${v}}}`).join(', '))}
              </p>
            ) : null}
          </section>
        ),
      )}
      {preview && (
        <section class="card">
          <p class="small">{preview.unknown.length ? '' : <span class="badge tone-ok">{words.allKnown[L]}</span>}</p>
          <h2 class="small">{words.variables[L]}</h2>
          <ul class="chips">
            {preview.known.map((v) => (
              <li key={v}>{`{{${v}}}`}</li>
            ))}
          </ul>
        </section>
      )}
      <SubmitBar lang={L} busy={busy} readOnly={ro} saved={saved} error={error} />
    </form>
  );
}
