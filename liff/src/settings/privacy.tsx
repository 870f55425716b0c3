import { useState } from 'preact/hooks';
import type { z } from 'zod';
import type { privacyNotice, privacyNotices } from '../../../core/contracts/privacy.ts';
import { fill, when, type Dict } from '../kit/i18n.ts';
import { errorsOf, FieldError, ReadOnlyNote, Screen, type ScreenProps, send, SubmitBar, useLoad } from './shared.tsx';

/**
 * The privacy notice (PDPA, docs/privacy.md): the text customers are shown in the booking forms and
 * once in the chat, in Thai and English. Publishing makes a new version; the earlier ones stay,
 * since each customer's answer names the version they answered.
 */
type Notices = z.infer<typeof privacyNotices>;
type Notice = z.infer<typeof privacyNotice>;

const words = {
  title: { th: 'ประกาศความเป็นส่วนตัว (PDPA)', en: 'Privacy notice (PDPA)' },
  hint: {
    th: 'ลูกค้าเห็นฉบับล่าสุดในแบบฟอร์มจอง และครั้งแรกที่คุยกับบอต พร้อมปุ่มยินยอมรับข่าวสาร เผยแพร่ข้อความใหม่ = ฉบับใหม่ ลูกค้าจะถูกถามอีกครั้ง ฉบับเก่ายังเก็บไว้',
    en: 'Customers see the latest version in the booking forms and the first time they chat with the bot, with buttons to consent to news and offers. Publishing a new text makes a new version, which customers are asked about again; earlier versions are kept.',
  },
  current: { th: 'ฉบับที่ {{v}} · เผยแพร่เมื่อ {{at}}', en: 'Version {{v}} · published {{at}}' },
  none: { th: 'ยังไม่มีประกาศ: ยังไม่มีการถามความยินยอมจากลูกค้า', en: 'No notice yet: customers are not asked for consent.' },
  th: { th: 'ข้อความภาษาไทย', en: 'Thai text' },
  en: { th: 'ข้อความภาษาอังกฤษ', en: 'English text' },
  publish: { th: 'เผยแพร่เป็นฉบับที่ {{v}}', en: 'Publish as version {{v}}' },
  earlier: { th: 'ฉบับก่อนหน้า', en: 'Earlier versions' },
} satisfies Dict;

export function PrivacyNotice(p: Omit<ScreenProps, 'item'>) {
  const [state, retry, set] = useLoad<Notices>('privacy-notices');
  return (
    <Screen lang={p.lang} state={state} retry={retry}>
      {(n) => <Editor {...p} notices={n} onPublished={(x) => set({ current: x, versions: [x, ...n.versions] })} />}
    </Screen>
  );
}

function Editor(p: Omit<ScreenProps, 'item'> & { notices: Notices; onPublished: (n: Notice) => void }) {
  const L = p.lang;
  const ro = !p.canManage;
  const cur = p.notices.current;
  const [text, setText] = useState({ th: cur?.text.th ?? '', en: cur?.text.en ?? '' });
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const next = (cur?.version ?? 0) + 1;

  const publish = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    const a = await send<Notice>('POST', 'privacy-notices', { text });
    setBusy(false);
    if (a.kind === 'ok') {
      setErrors({});
      setSaved(true);
      p.onPublished(a.data);
    } else setErrors(errorsOf(a, L));
  };

  return (
    <form onSubmit={publish} noValidate>
      <h1>{words.title[L]}</h1>
      <p class="hint">{words.hint[L]}</p>
      {ro && <ReadOnlyNote lang={L} me={p.me} who={['admin']} />}
      <p class={cur ? 'badge tone-ok' : 'banner tone-wait'}>{cur ? fill(words.current[L], { v: cur.version, at: when(L, cur.publishedAt) }) : words.none[L]}</p>
      <section class="card">
        {(['th', 'en'] as const).map((lang) => (
          <div key={lang}>
            <label for={`pn-${lang}`}>{words[lang][L]}</label>
            <textarea
              id={`pn-${lang}`}
              lang={lang}
              rows={12}
              value={text[lang]}
              disabled={ro}
              aria-invalid={errors[`text.${lang}`] ? 'true' : undefined}
              aria-describedby={errors[`text.${lang}`] ? `pn-${lang}-error` : undefined}
              onInput={(e) => {
                setText({ ...text, [lang]: (e.target as HTMLTextAreaElement).value });
                setSaved(false);
              }}
            />
            <FieldError id={`pn-${lang}-error`} text={errors[`text.${lang}`]} />
          </div>
        ))}
      </section>
      <SubmitBar lang={L} busy={busy} readOnly={ro} saved={saved} error={errors._form} label={fill(words.publish[L], { v: next })} />
      {p.notices.versions.length > 1 && (
        <section class="card" aria-labelledby="pn-earlier">
          <h2 id="pn-earlier">{words.earlier[L]}</h2>
          {p.notices.versions.slice(1).map((v) => (
            <details key={v.version}>
              <summary>{fill(words.current[L], { v: v.version, at: when(L, v.publishedAt) })}</summary>
              <p class="small notice-text" lang={L}>
                {v.text[L]}
              </p>
            </details>
          ))}
        </section>
      )}
    </form>
  );
}
