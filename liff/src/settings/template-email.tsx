import { useEffect, useState } from 'preact/hooks';
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

const THAI_FONTS = `'Sarabun', 'Noto Sans Thai', 'Opsdesk Thai', 'Leelawadee UI', 'Thonburi', Tahoma, sans-serif`;

/**
 * The page the frame shows: its own policy forbids every load but inline styles and fonts given
 * inline (the frame's sandbox forbids scripts). The fonts are the app's own Thai font, inlined, so
 * that Thai reads right on a device without a Thai font of its own.
 */
const framePage = (html: string, language: string, fonts: string) =>
  `<!doctype html><html lang="${language}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; font-src data:">` +
  `<style>${fonts}</style></head><body style="margin:0;padding:12px;font-family:${THAI_FONTS};font-size:15px;line-height:1.6;color:#1f2933;background:#fff">${html}</body></html>`;

let thaiFonts: Promise<string> | undefined;
/** The app's own Thai @font-face rules with their files inlined (the frame, of no origin, may load nothing); read once. */
function thaiFontFaces(): Promise<string> {
  thaiFonts ??= (async () => {
    const rules: string[] = [];
    for (const sheet of Array.from(document.styleSheets)) {
      for (const rule of Array.from(sheet.cssRules)) {
        if (!(rule instanceof CSSFontFaceRule) || !rule.cssText.includes('Opsdesk Thai')) continue;
        const file = /url\("?([^")]+)"?\)/.exec(rule.cssText)?.[1];
        if (!file) continue;
        const blob = await (await fetch(new URL(file, sheet.href ?? location.href))).blob();
        const data = await new Promise<string>((resolve) => {
          const r = new FileReader();
          r.onload = () => resolve(String(r.result));
          r.readAsDataURL(blob);
        });
        rules.push(rule.cssText.replace(/src:[^;]+;/, `src: url("${data}") format("woff2");`));
      }
    }
    return rules.join('\n');
  })().catch(() => '');
  return thaiFonts;
}

export function TemplateEmail(p: {
  lang: Lang;
  language: 'th' | 'en';
  form: EmailForm;
  readOnly: boolean;
  preview?: EmailForm & { removed: string[] };
  onChange: (form: EmailForm) => void;
}) {
  const L = p.lang;
  const [fonts, setFonts] = useState('');
  useEffect(() => void thaiFontFaces().then(setFonts), []);
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
          <iframe title={words.preview[L]} sandbox="" srcdoc={framePage(p.preview.html, p.language, fonts)} style="box-sizing:border-box;width:100%;min-height:180px;border:1px solid var(--line,#ccd)" />
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
