import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { z } from 'zod';
import type { publicPrivacyNotice } from '../../../core/contracts/privacy.ts';
import { call } from '../kit/api.ts';
import { fill, when, useLang, type Dict } from '../kit/i18n.ts';
import { businessBrand, Failed, Loading, NotFound, Page } from '../kit/ui.tsx';

/**
 * The business's privacy notice, whole (docs/privacy.md): the chat's notice card links here, with
 * the version it showed (`?v=`), and `?org=` for a business other than the default one. A plain
 * web page: no LINE sign-in, nothing asked.
 */
type Notice = z.infer<typeof publicPrivacyNotice>;

const words = {
  title: { th: 'ประกาศความเป็นส่วนตัว', en: 'Privacy notice' },
  version: { th: 'ฉบับที่ {{v}} · ประกาศเมื่อ {{at}}', en: 'Version {{v}} · published {{at}}' },
  answer: { th: 'ตอบหรือเปลี่ยนคำตอบได้ทุกเมื่อด้วยปุ่มในแชท หรือส่งข้อความถึงเรา', en: 'Answer, or change your answer, at any time with the buttons in the chat, or write to us there.' },
} satisfies Dict;

function PrivacyPage() {
  const [lang, setLang] = useLang();
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'missing' } | { kind: 'failed'; offline: boolean } | { kind: 'shown'; n: Notice }>({ kind: 'loading' });
  const asked = new URLSearchParams(location.search);
  const query = new URLSearchParams({ ...(asked.get('org') ? { org: asked.get('org')! } : {}), ...(/^\d{1,7}$/.test(asked.get('v') ?? '') ? { version: asked.get('v')! } : {}) });

  const load = async () => {
    setState({ kind: 'loading' });
    const a = await call<Notice>(`/public/v1/privacy-notice${String(query) ? `?${query}` : ''}`);
    if (a.kind === 'ok') setState({ kind: 'shown', n: a.data });
    else setState(a.kind === 'refused' && a.status < 500 ? { kind: 'missing' } : { kind: 'failed', offline: a.kind === 'offline' });
  };
  useEffect(() => void load(), []);

  return (
    <Page lang={lang} setLang={setLang} title={words.title[lang]} brand={businessBrand(state.kind === 'shown' ? state.n.business : undefined)}>
      {state.kind === 'loading' && <Loading lang={lang} />}
      {state.kind === 'missing' && <NotFound lang={lang} />}
      {state.kind === 'failed' && <Failed lang={lang} offline={state.offline} retry={load} />}
      {state.kind === 'shown' && (
        <article class="card">
          <h1>{words.title[lang]}</h1>
          <p class="muted small">{fill(words.version[lang], { v: state.n.version, at: when(lang, state.n.publishedAt, false) })}</p>
          <p class="notice-text">{state.n.text[lang]}</p>
          <p class="hint">{words.answer[lang]}</p>
        </article>
      )}
    </Page>
  );
}

render(<PrivacyPage />, document.getElementById('app')!);
