import type { Dict, Lang } from '../kit/i18n.ts';

/**
 * A text's e-mail form in the template editor (templates.tsx): its subject, HTML and plain text,
 * beside the chat text, with the preview of what a customer's mail client would show. The HTML
 * preview is the server's (filled with sample values and sanitised, as it would be sent), drawn in
 * a sandboxed frame that runs nothing and loads nothing from elsewhere.
 */
export interface EmailForm {
  subject: string;
  html: string;
  text: string;
}

const words = {
  email: { th: 'อีเมล', en: 'E-mail' },
  subject: { th: 'หัวเรื่อง', en: 'Subject' },
  html: { th: 'เนื้อหา HTML', en: 'HTML body' },
  text: { th: 'เนื้อหาแบบข้อความล้วน', en: 'Plain-text body' },
  preview: { th: 'ตัวอย่างอีเมลที่ลูกค้าจะเห็น', en: 'The e-mail as the customer sees it' },
  removed: { th: 'จะถูกตัดออกเมื่อบันทึก: {{list}}', en: 'Taken out when saved: {{list}}' },
} satisfies Dict;

const THAI_FONTS = `'Sarabun', 'Noto Sans Thai', 'Leelawadee UI', 'Thonburi', Tahoma, sans-serif`;

/** The page the frame shows: its own policy forbids every load but inline styles (the frame's sandbox forbids scripts). */
const framePage = (html: string, language: string) =>
  `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">` +
  `</head><body style="margin:0;padding:12px;font-family:${THAI_FONTS};font-size:15px;line-height:1.6;color:#1f2933;background:#fff">${html}</body></html>`;

export function TemplateEmail(p: {
  lang: Lang;
  language: 'th' | 'en';
  form: EmailForm;
  readOnly: boolean;
  preview?: EmailForm & { removed: string[] };
  onChange: (form: EmailForm) => void;
}) {
  const L = p.lang;
  const id = (part: string) => `e-${part}-${p.language}`;
  const field = (part: keyof EmailForm, rows?: number) => {
    const props = {
      id: id(part),
      value: p.form[part],
      disabled: p.readOnly,
      onInput: (e: Event) => p.onChange({ ...p.form, [part]: (e.target as HTMLInputElement).value }),
    };
    return (
      <>
        <label for={id(part)} lang={L}>
          {words[part][L]}
        </label>
        {rows ? <textarea rows={rows} {...props} /> : <input type="text" maxLength={998} {...props} />}
      </>
    );
  };
  return (
    <details class="email-form" data-email={p.language}>
      <summary lang={L}>{words.email[L]}</summary>
      {field('subject')}
      {field('html', 6)}
      {field('text', 4)}
      <p class="hint" lang={L}>
        {words.preview[L]}
      </p>
      {p.preview && (
        // Long links and tags wrap: a phone's width is all there is.
        <div class="email-preview" data-email-preview={p.language} style="overflow-wrap:anywhere">
          <p class="small">
            <b>{p.preview.subject}</b>
          </p>
          <iframe title={words.preview[L]} sandbox="" srcdoc={framePage(p.preview.html, p.language)} style="box-sizing:border-box;width:100%;min-height:180px;border:1px solid var(--line,#ccd)" />
          <pre class="small" style="white-space:pre-wrap;font-family:inherit">{p.preview.text}</pre>
          {p.preview.removed.length > 0 && (
            <p class="error" role="alert" lang={L}>
              {words.removed[L].replace('{{list}}', p.preview.removed.join(', '))}
            </p>
          )}
        </div>
      )}
    </details>
  );
}
