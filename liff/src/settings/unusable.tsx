import type { ComponentChildren } from 'preact';
import type { MalformedEventPage, RefusedFilePage } from '../../../core/contracts/inbound-problems.ts';
import { when, type Dict, type Lang } from '../kit/i18n.ts';
import { LoadMore, Screen, useLoad } from './shared.tsx';

/**
 * What arrived and could not be used (GET /api/v1/inbound-events/malformed and /media-refused),
 * read only: events LINE or Twilio signed that are not what they document, and customers' files
 * that were not fetched, newest first, with why, from which channel and when. Nothing here can be
 * retried; the list tells an admin that something sends what we cannot use. Channels by the names
 * the business gave them; no ids, no raw body (the API has its excerpt).
 */
const words = {
  events: { th: 'ข้อความที่อ่านไม่ได้', en: 'Messages that could not be read' },
  files: { th: 'ไฟล์ที่ไม่ได้ดึงมา', en: 'Files not fetched' },
  none: { th: 'ไม่มี', en: 'None' },
  erased: { th: 'ลบข้อมูลลูกค้าแล้ว', en: 'Customer data erased' },
  more: { th: 'ดูเก่ากว่านี้', en: 'Older' },
  payments: { th: 'ระบบชำระเงิน', en: 'Payment events' },
  image: { th: 'รูปภาพ', en: 'Image' },
  video: { th: 'วิดีโอ', en: 'Video' },
  audio: { th: 'เสียง', en: 'Audio' },
  file: { th: 'ไฟล์', en: 'File' },
} satisfies Dict;

type Page<T> = { items: T[]; nextBefore: string | null };

function List<T>(p: { lang: Lang; title: string; path: string; item: (i: T) => ComponentChildren }) {
  const L = p.lang;
  const [state, retry, set] = useLoad<Page<T>>(p.path);
  return (
    <section>
      <h2>{p.title}</h2>
      <Screen lang={L} state={state} retry={retry}>
        {(page) => (
          <>
            {page.items.length === 0 && <p class="muted">{words.none[L]}</p>}
            <ul class="list">{page.items.map(p.item)}</ul>
            {page.nextBefore && (
              <LoadMore<Page<T>> label={words.more[L]} next={`${p.path}?before=${encodeURIComponent(page.nextBefore)}`} add={(next) => set({ items: [...page.items, ...next.items], nextBefore: next.nextBefore })} />
            )}
          </>
        )}
      </Screen>
    </section>
  );
}

const from = (lang: Lang, channel: { name: string } | null, at: string) => `${channel ? channel.name : words.payments[lang]} · ${when(lang, at)}`;

export function Unusable(p: { lang: Lang; title: string }) {
  const L = p.lang;
  return (
    <>
      <h1>{p.title}</h1>
      <List<MalformedEventPage['items'][number]>
        lang={L}
        title={words.events[L]}
        path="inbound-events/malformed"
        item={(e) => (
          <li class="card" key={e.id}>
            <p>{e.erased ? words.erased[L] : e.reason}</p>
            <p class="hint">{from(L, e.channel, e.receivedAt)}</p>
          </li>
        )}
      />
      <List<RefusedFilePage['items'][number]>
        lang={L}
        title={words.files[L]}
        path="inbound-events/media-refused"
        item={(f) => (
          <li class="card" key={f.messageId}>
            <p>
              <strong>{(words[f.kind as 'file'] ?? words.file)[L]}</strong>: {f.reason}
            </p>
            <p class="hint">{from(L, f.channel, f.receivedAt)}</p>
          </li>
        )}
      />
    </>
  );
}
