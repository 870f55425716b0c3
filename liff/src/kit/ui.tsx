import type { ComponentChildren, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import './theme.css';
import type { Dict, Lang, Words } from './i18n.ts';

/** The pieces every customer page is made of: the frame, the language switch, the status badge, the fixed messages. */

export const common = {
  brand: { th: 'ศูนย์บริการลูกค้า', en: 'Customer service' },
  switchTo: { th: 'English', en: 'ภาษาไทย' },
  loading: { th: 'กำลังโหลด…', en: 'Loading…' },
  offline: { th: 'ไม่มีการเชื่อมต่ออินเทอร์เน็ต ข้อมูลที่กรอกไว้ยังอยู่ครบ ลองอีกครั้งเมื่อกลับมาออนไลน์ค่ะ', en: 'You are offline. What you typed is kept; try again when you are back online.' },
  offlineBanner: { th: 'ไม่มีการเชื่อมต่ออินเทอร์เน็ต', en: 'You are offline.' },
  offlineLoad: { th: 'ไม่มีการเชื่อมต่ออินเทอร์เน็ต จึงโหลดหน้านี้ไม่ได้ ลองอีกครั้งเมื่อกลับมาออนไลน์ค่ะ', en: 'You are offline, so this page could not be loaded. Try again when you are back online.' },
  notFoundTitle: { th: 'ไม่พบหน้านี้', en: 'We could not find this page' },
  notFoundText: {
    th: 'ลิงก์นี้อาจไม่ถูกต้องหรือหมดอายุแล้ว หากต้องการความช่วยเหลือ ส่งข้อความหาเราในแชทได้เลยค่ะ',
    en: 'The link may be incomplete or no longer valid. If you need help, just send us a message in the chat.',
  },
  failed: { th: 'เกิดข้อผิดพลาด กรุณาลองใหม่อีกครั้งค่ะ', en: 'Something went wrong. Please try again.' },
  retry: { th: 'ลองอีกครั้ง', en: 'Try again' },
} satisfies Dict;

/** The header's name for a page that knows whose it is: the business's own name, in either language. */
export const businessBrand = (name: string | undefined): Words | undefined => (name ? { th: name, en: name } : undefined);

export function say(lang: Lang, w: Words): string {
  return w[lang];
}

/** The frame of a page: the header with the language switch, and an offline banner while the device is offline. */
export function Page(p: { lang: Lang; setLang: (l: Lang) => void; title: string; children: ComponentChildren; brand?: Words }) {
  const online = useOnline();
  useEffect(() => {
    document.title = p.title;
  }, [p.title]);
  const other: Lang = p.lang === 'th' ? 'en' : 'th';
  return (
    <>
      <header class="top">
        <span class="brand">{(p.brand ?? common.brand)[p.lang]}</span>
        <button type="button" class="quiet lang" lang={other} onClick={() => p.setLang(other)}>
          {common.switchTo[p.lang]}
        </button>
      </header>
      {!online && (
        <p class="banner tone-wait" role="status">
          {common.offlineBanner[p.lang]}
        </p>
      )}
      {p.children}
    </>
  );
}

export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    addEventListener('online', on);
    addEventListener('offline', off);
    return () => {
      removeEventListener('online', on);
      removeEventListener('offline', off);
    };
  }, []);
  return online;
}

export type Tone = 'ok' | 'wait' | 'info' | 'bad';

export function Badge(p: { tone: Tone; children: ComponentChildren }) {
  return <span class={`badge tone-${p.tone}`}>{p.children}</span>;
}

export function Loading(p: { lang: Lang }) {
  return (
    <p class="muted" role="status" aria-live="polite">
      {common.loading[p.lang]}
    </p>
  );
}

export function NotFound(p: { lang: Lang }) {
  return (
    <section class="card" aria-labelledby="nf">
      <h1 id="nf">{common.notFoundTitle[p.lang]}</h1>
      <p>{common.notFoundText[p.lang]}</p>
    </section>
  );
}

/** A load that failed: offline, or the server failed. */
export function Failed(p: { lang: Lang; offline: boolean; retry: () => void }) {
  return (
    <section class="card" role="alert">
      <p>{p.offline ? common.offlineLoad[p.lang] : common.failed[p.lang]}</p>
      <button type="button" class="primary" onClick={p.retry}>
        {common.retry[p.lang]}
      </button>
    </section>
  );
}

/** One line of a definition list: what, and its value. */
export function Fact(p: { term: string; value: string }) {
  return (
    <div class="row">
      <dt class="muted">{p.term}</dt>
      <dd style="margin:0">{p.value}</dd>
    </div>
  );
}

/**
 * A screen in a chunk of its own, loaded when first opened (the settings' schedule, the dashboard's
 * finance): what the app downloads at start stays small, and the chunk is fetched once. Here beside
 * Loading, in the chunk every app has already (a module of its own would be a chunk of its own).
 */
export function lazyScreen<P extends { lang: Lang }>(load: () => Promise<{ default: FunctionComponent<P> }>): FunctionComponent<P> {
  let loading: Promise<FunctionComponent<P>> | undefined;
  return function LazyScreen(p: P) {
    const [Screen, setScreen] = useState<FunctionComponent<P> | null>(null);
    useEffect(() => {
      loading ??= load().then((m) => m.default);
      void loading.then((s) => setScreen(() => s));
    }, []);
    return Screen ? <Screen {...p} /> : <Loading lang={p.lang} />;
  };
}
