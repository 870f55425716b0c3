import { useState } from 'preact/hooks';
import type { z } from 'zod';
import { ATTACHMENT_REFUSALS, ATTACHMENT_TYPES, attachmentTooBig } from '../../../core/contracts/attachment-limits.ts';
import type { conversationAttachment, conversationDetail } from '../../../core/contracts/conversations.ts';
import { fill, LOCALE, when, type Dict, type Lang } from '../kit/i18n.ts';
import { staffCall } from '../kit/staff.ts';
import { common } from '../kit/ui.tsx';
import './attachment-picker.css';
import { iw } from './inbox-words.ts';

/**
 * What a staff member sends besides words, and what the thread shows of it (docs/inbox.md):
 *
 * - `WindowNotice`: on WhatsApp, before anyone types, whether the customer's 24-hour window is
 *   open; once it has closed, that only an approved template may go, and the templates to choose.
 * - `AttachmentPicker`: a photo (the phone's camera or gallery) or a PDF, its name and size shown;
 *   a file the server would refuse (over 10 MB, another type) is refused here first, in the
 *   server's words, before anything is uploaded. Then uploaded and sent with an optional caption.
 * - `MessageBody`: a message on the thread: its words, a staff member's image or file, and
 *   "not delivered" when it could not reach the customer.
 */
type Detail = z.infer<typeof conversationDetail>;
type Message = Detail['messages'][number];
type Attachment = z.infer<typeof conversationAttachment>;
type Act = (action: string, body: Record<string, unknown>, done: string) => Promise<boolean>;

const HOUR = 3_600_000;
const WINDOW_HOURS = 24;

/** The words of the composer's file and template parts, and of the window's refusal. */
export const aw = {
  attach: { th: 'แนบรูปหรือไฟล์', en: 'Attach a photo or file' },
  choose: { th: 'เลือกรูปหรือไฟล์ PDF', en: 'Choose a photo or PDF' },
  camera: { th: 'ถ่ายรูป', en: 'Take a photo' },
  caption: { th: 'ข้อความประกอบ (ไม่บังคับ)', en: 'Words to go with it (optional)' },
  sendFile: { th: 'ส่งไฟล์', en: 'Send the file' },
  sending: { th: 'กำลังส่ง…', en: 'Sending…' },
  sentFile: { th: 'ส่งไฟล์แล้ว', en: 'File sent' },
  remove: { th: 'ไม่ส่งไฟล์นี้', en: 'Remove' },
  limits: { th: 'JPEG, PNG หรือ PDF ไม่เกิน 10 MB', en: 'JPEG, PNG or PDF, up to 10 MB' },
  limitsWhatsApp: { th: 'JPEG หรือ PNG ไม่เกิน 5 MB, PDF ไม่เกิน 10 MB', en: 'JPEG or PNG up to 5 MB, PDF up to 10 MB' },
  uploadFailed: { th: 'อัปโหลดไม่สำเร็จ: {{why}}', en: 'The upload did not work: {{why}}' },
  windowClosed: {
    th: 'ลูกค้าส่งข้อความล่าสุดเมื่อ {{h}} ชม. ที่แล้ว: WhatsApp อนุญาตให้ส่งได้เฉพาะเทมเพลตที่อนุมัติแล้ว',
    en: 'The customer last wrote {{h}} h ago: WhatsApp allows only an approved template',
  },
  windowClosedNow: {
    th: 'ลูกค้าส่งข้อความล่าสุดเกิน 24 ชม. แล้ว: WhatsApp อนุญาตให้ส่งได้เฉพาะเทมเพลตที่อนุมัติแล้ว',
    en: 'The customer last wrote more than 24 h ago: WhatsApp allows only an approved template',
  },
  windowOpen: { th: 'WhatsApp: พิมพ์ตอบได้อิสระถึง {{t}}', en: 'WhatsApp: you can write freely until {{t}}' },
  noTemplates: {
    th: 'ยังไม่มีเทมเพลตที่ WhatsApp อนุมัติ ผู้ดูแลระบบเพิ่มได้ในการตั้งค่าเทมเพลต',
    en: 'No template WhatsApp approved yet: an admin adds them in the templates settings',
  },
  template: { th: 'เทมเพลต', en: 'Template' },
  sendTemplate: { th: 'ส่งเทมเพลต', en: 'Send the template' },
  sentTemplate: { th: 'ส่งเทมเพลตแล้ว', en: 'Template sent' },
  openFile: { th: 'เปิดไฟล์ {{name}}', en: 'Open {{name}}' },
  blocked: { th: 'ส่งไม่ถึง: ลูกค้าบล็อกบัญชีไว้', en: 'Not delivered: the customer has blocked the account' },
  failed: { th: 'ส่งไม่สำเร็จ', en: 'Not delivered' },
} satisfies Dict;

/** Bytes as people read them: "2.4 MB", "830 KB". */
export function size(lang: Lang, bytes: number): string {
  const mb = bytes >= 1024 * 1024;
  const n = mb ? bytes / (1024 * 1024) : Math.max(1, Math.round(bytes / 1024));
  return `${new Intl.NumberFormat(LOCALE[lang], { maximumFractionDigits: 1 }).format(n)} ${mb ? 'MB' : 'KB'}`;
}

/** Why the server would refuse this file on this channel, in its words; undefined when it may go. */
export function refusalOf(lang: Lang, channel: string, file: { size: number; type: string }): string | undefined {
  if (!(ATTACHMENT_TYPES as readonly string[]).includes(file.type)) return ATTACHMENT_REFUSALS.type[lang];
  const tooBig = attachmentTooBig(channel, file);
  return tooBig && ATTACHMENT_REFUSALS[tooBig][lang];
}

/** Whether the window is closed: then only a template goes. */
export const windowClosed = (d: Detail) => d.replyWindow !== null && !d.replyWindow.open;

/** WhatsApp's 24-hour window, said before the staff member types; once closed, the templates to send. */
export function WindowNotice(p: { lang: Lang; d: Detail; busy: boolean; act: Act }) {
  const { lang, d, busy, act } = p;
  const [key, setKey] = useState('');
  if (!d.replyWindow) return null;
  if (d.replyWindow.open) {
    return d.replyWindow.closesAt ? <p class="hint window-open">{fill(aw.windowOpen[lang], { t: when(lang, d.replyWindow.closesAt) })}</p> : null;
  }
  const hours = d.replyWindow.closesAt ? Math.floor((Date.now() - Date.parse(d.replyWindow.closesAt)) / HOUR) + WINDOW_HOURS : null;
  const chosen = key || d.templates[0]?.key || '';
  const text = d.templates.find((t) => t.key === chosen)?.text;
  return (
    <section class="card window-closed" aria-labelledby="window-closed">
      <p id="window-closed" class="banner tone-bad" role="note">
        {fill(aw.windowClosed[lang], { h: hours ?? '24+' })}
      </p>
      {d.templates.length === 0 ? (
        <p class="hint">{aw.noTemplates[lang]}</p>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void act('messages', { template: chosen }, aw.sentTemplate[lang]);
          }}
        >
          <label for="template">{aw.template[lang]}</label>
          <select id="template" value={chosen} onChange={(e) => setKey(e.currentTarget.value)}>
            {d.templates.map((t) => (
              <option key={t.key} value={t.key}>
                {/* Its own words (the select shows what fits): the key is the business's name for it, not staff's. */}
                {t.text}
              </option>
            ))}
          </select>
          {text && <p class="said template-text">{text}</p>}
          <div class="actions">
            <button type="submit" class="primary" disabled={busy || !chosen}>
              {aw.sendTemplate[lang]}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

/** A photo or PDF for the customer: checked here as the server would, uploaded, then sent. */
export function AttachmentPicker(p: { lang: Lang; path: string; channel: string; busy: boolean; act: Act }) {
  const { lang, path, act } = p;
  const [file, setFile] = useState<File | null>(null);
  const [caption, setCaption] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);
  const pick = (e: Event) => {
    const input = e.currentTarget as HTMLInputElement;
    const chosen = input.files?.[0] ?? null;
    input.value = '';
    setFile(chosen);
    setProblem(chosen ? (refusalOf(lang, p.channel, chosen) ?? null) : null);
  };
  const send = async () => {
    if (!file || problem) return;
    setUploading(true);
    const up = await staffCall<Attachment>(`${path}/attachments?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file });
    if (up.kind !== 'ok') {
      setUploading(false);
      const why = up.kind === 'offline' ? common.offline[lang] : up.status === 415 ? ATTACHMENT_REFUSALS.type[lang] : up.error.message;
      return setProblem(up.kind === 'offline' ? why : fill(aw.uploadFailed[lang], { why }));
    }
    const done = await act('messages', { attachmentId: up.data.id, ...(caption.trim() ? { text: caption.trim() } : {}) }, aw.sentFile[lang]);
    setUploading(false);
    if (done) {
      setFile(null);
      setCaption('');
    }
  };
  const accept = ATTACHMENT_TYPES.join(',');
  return (
    <section class="card attach" aria-labelledby="attach">
      <h2 id="attach">{aw.attach[lang]}</h2>
      <div class="actions">
        <label class="button quiet file-button">
          {aw.choose[lang]}
          <input type="file" accept={accept} onChange={pick} class="visually-hidden" />
        </label>
        <label class="button quiet file-button">
          {aw.camera[lang]}
          <input type="file" accept="image/jpeg,image/png" capture="environment" onChange={pick} class="visually-hidden" />
        </label>
      </div>
      <p class="hint">{(p.channel === 'whatsapp' ? aw.limitsWhatsApp : aw.limits)[lang]}</p>
      {file && (
        <div class="chosen-file">
          <p>
            <strong class="file-name">{file.name}</strong> · <span class="file-size">{size(lang, file.size)}</span>{' '}
            <button type="button" class="link" onClick={() => (setFile(null), setProblem(null))}>
              {aw.remove[lang]}
            </button>
          </p>
          {problem ? (
            <p class="banner tone-bad" role="alert">
              {problem}
            </p>
          ) : (
            <>
              <label for="caption">{aw.caption[lang]}</label>
              <input id="caption" type="text" maxLength={1000} value={caption} onInput={(e) => setCaption(e.currentTarget.value)} />
              <div class="actions">
                <button type="button" class="primary" disabled={p.busy || uploading} onClick={send}>
                  {uploading ? aw.sending[lang] : aw.sendFile[lang]}
                </button>
              </div>
            </>
          )}
        </div>
      )}
    </section>
  );
}

/** A message on the thread: its words, a staff member's image or file, and whether it did not arrive. */
export function MessageBody(p: { lang: Lang; m: Message }) {
  const { lang, m } = p;
  const file = m.attachment;
  const image = file && file.contentType.startsWith('image/');
  // A file's own message carries its link in its text: the thread shows the file instead.
  const words = file && m.text?.includes('📎') ? m.text.slice(0, m.text.indexOf('📎')).trim() : m.text;
  return (
    <>
      {image ? (
        <a href={file.url} target="_blank" rel="noopener">
          <img class="said-image" src={file.url} alt={file.name} loading="lazy" />
        </a>
      ) : file ? (
        <p class="said">
          {words && `${words} `}
          <a href={file.url} target="_blank" rel="noopener">
            📎 {fill(aw.openFile[lang], { name: file.name })}
          </a>
        </p>
      ) : (
        <p class="said">{m.text ?? iw.notText[lang]}</p>
      )}
      {m.notDelivered && (
        <p class="small not-delivered" role="note">
          ⚠️ {m.notDelivered === 'blocked' ? aw.blocked[lang] : aw.failed[lang]}
        </p>
      )}
    </>
  );
}
