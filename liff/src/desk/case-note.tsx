import { useState } from 'preact/hooks';
import { ATTACHMENT_REFUSALS, ATTACHMENT_TYPES, NOTE_MAX_FILES, NOTE_TEXT_MAX } from '../../../core/contracts/attachment-limits.ts';
import { fill, type Dict, type Lang } from '../kit/i18n.ts';
import { aw, refusalOf, size } from './attachment-picker.tsx';

/**
 * A note on the case for the team (docs/cases.md, "Notes and files"): words, photos or PDFs, and,
 * for whoever may write to this customer, "also send to the customer", off by default. A file the
 * server would refuse is refused here first, in its words, before anything is sent; the note and
 * its files go in one request (multipart), so the server keeps all of it or none.
 */
export const nw = {
  title: { th: 'บันทึกภายใน', en: 'Internal note' },
  text: { th: 'บันทึก (ลูกค้าไม่เห็น)', en: 'Note (the customer does not see it)' },
  attach: { th: 'แนบรูปหรือไฟล์ PDF', en: 'Attach a photo or PDF' },
  alsoSend: { th: 'ส่งข้อความและไฟล์นี้ให้ลูกค้าด้วย', en: 'Also send it to the customer' },
  add: { th: 'บันทึก', en: 'Add the note' },
  addAndSend: { th: 'บันทึกและส่งให้ลูกค้า', en: 'Add and send to the customer' },
  added: { th: 'บันทึกแล้ว', en: 'Note added' },
  addedAndSent: { th: 'บันทึกและส่งให้ลูกค้าแล้ว', en: 'Note added and sent to the customer' },
  sentToo: { th: 'ส่งให้ลูกค้าแล้ว', en: 'sent to the customer' },
  limits: { th: 'JPEG, PNG หรือ PDF ไฟล์ละไม่เกิน 10 MB ได้สูงสุด {{n}} ไฟล์', en: 'JPEG, PNG or PDF, up to 10 MB each, at most {{n}} files' },
  remove: { th: 'เอาออก', en: 'Remove' },
} satisfies Dict;

export function CaseNote(p: { lang: Lang; version: number; channel: string; mayReply: boolean; busy: boolean; add: (form: FormData, done: string) => Promise<boolean> }) {
  const { lang } = p;
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [send, setSend] = useState(false);
  // The channel's own limits (WhatsApp's 5 MB for an image) only matter when it goes to the customer.
  const problems = [
    ...(files.length > NOTE_MAX_FILES ? [ATTACHMENT_REFUSALS.tooMany[lang]] : []),
    ...files.flatMap((f) => {
      const why = refusalOf(lang, send ? p.channel : '', f);
      return why ? [`${f.name}: ${why}`] : [];
    }),
  ];
  const pick = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const chosen = [...(input.files ?? [])];
    input.value = '';
    setFiles((had) => [...had, ...chosen]);
  };
  const submit = async (e: Event) => {
    e.preventDefault();
    const form = new FormData();
    // The version seen matters only to a message to the customer (someone may have taken the case since).
    form.append('note', JSON.stringify({ ...(text.trim() ? { text: text.trim() } : {}), sendToCustomer: send, ...(send ? { expectedVersion: p.version } : {}) }));
    for (const f of files) form.append('file', f, f.name);
    if (await p.add(form, (send ? nw.addedAndSent : nw.added)[lang])) {
      setText('');
      setFiles([]);
      setSend(false);
    }
  };
  return (
    <section class="card" aria-labelledby="note-title">
      <h2 id="note-title">{nw.title[lang]}</h2>
      <form onSubmit={submit} aria-labelledby="note-title">
        <label for="note-text">{nw.text[lang]}</label>
        <textarea id="note-text" value={text} maxLength={NOTE_TEXT_MAX} onInput={(e) => setText(e.currentTarget.value)} />
        <label class="button quiet file-button">
          {nw.attach[lang]}
          <input type="file" multiple accept={ATTACHMENT_TYPES.join(',')} onChange={pick} class="visually-hidden" />
        </label>
        <p class="hint">{send && p.channel === 'whatsapp' ? aw.limitsWhatsApp[lang] : fill(nw.limits[lang], { n: NOTE_MAX_FILES })}</p>
        {files.length > 0 && (
          <ul class="note-files small">
            {files.map((f, i) => (
              <li key={i}>
                <span class="file-name">{f.name}</span> · {size(lang, f.size)}{' '}
                <button type="button" class="link" onClick={() => setFiles(files.filter((_, j) => j !== i))}>
                  {nw.remove[lang]}
                </button>
              </li>
            ))}
          </ul>
        )}
        {problems.length > 0 && (
          <p class="banner tone-bad" role="alert">
            {problems.join(' · ')}
          </p>
        )}
        {p.mayReply && (
          <label class="toggle">
            <input type="checkbox" checked={send} onChange={(e) => setSend(e.currentTarget.checked)} />
            {nw.alsoSend[lang]}
          </label>
        )}
        <div class="actions">
          <button type="submit" class={send ? 'primary' : 'quiet'} disabled={p.busy || problems.length > 0 || (!text.trim() && files.length === 0)}>
            {(send ? nw.addAndSend : nw.add)[lang]}
          </button>
        </div>
      </form>
    </section>
  );
}
