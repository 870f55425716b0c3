import type { Knex } from 'knex';
import sanitizeHtml from 'sanitize-html';
import type { Language } from '../vocabulary.ts';
import { fillTemplate, type TemplateVars } from './render-template.ts';

/**
 * A customer-facing text as an e-mail (docs/channels.md, "E-mail templates"): a subject, an HTML
 * body and a plain-text body per template and language, kept beside the chat text in `templates`
 * (email_subject, email_html, email_text). A text without them (none written yet) is sent as the
 * chat text always was: its first line the subject, the text itself the body.
 *
 * The HTML an admin writes is sanitised when it is saved, and again when it is sent (rows written
 * another way): formatting, lists, tables, links and inline styles are kept; scripts, event
 * handlers, forms, frames and images are removed. No image at all, because a remote image tells
 * its server when the customer opened the mail, and a mail client would load it; what is stored is
 * what the preview shows and what is sent.
 */
export interface EmailTemplate {
  subject: string;
  html: string;
  text: string;
}

/** RFC 5322's longest line: a subject longer than this cannot be a header line, even folded sensibly. */
export const EMAIL_SUBJECT_MAX = 998;
/** The subject made from a chat text's first line is cut here (a subject is read at a glance). */
const DEFAULT_SUBJECT_MAX = 120;

/** What the chat text becomes by e-mail until someone writes the e-mail: the words sent today, unchanged. */
export function defaultEmailTemplate(body: string): EmailTemplate {
  const first = body.split('\n').find((l) => l.trim())?.trim() ?? '';
  const chars = [...first];
  const subject = chars.length <= DEFAULT_SUBJECT_MAX ? first : `${chars.slice(0, DEFAULT_SUBJECT_MAX - 1).join('')}…`;
  const html = body
    .split(/\n{2,}/)
    .map((para) => `<p>${para.split('\n').map((l) => linkVariables(escapeHtml(l))).join('<br>')}</p>`)
    .join('\n');
  return { subject, html, text: body };
}

const ALLOWED_STYLE = /^[#(),.%\w\s-]+$/;
const SANITISE: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 's', 'small', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'hr', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'a'],
  allowedAttributes: { '*': ['style', 'align'], a: ['href', 'style'], td: ['style', 'align', 'colspan', 'rowspan'], th: ['style', 'align', 'colspan', 'rowspan'] },
  // `href="{{quote_url}}"` has no scheme yet, so it is kept (as a relative link would be); it is checked again once filled, when sent.
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  // Inline styles are how e-mail is styled; none may load anything (no url()).
  allowedStyles: {
    '*': Object.fromEntries(
      ['color', 'background-color', 'font-size', 'font-weight', 'font-style', 'text-align', 'text-decoration', 'line-height', 'padding', 'margin', 'border', 'width', 'max-width'].map((p) => [p, [ALLOWED_STYLE]]),
    ),
  },
};

/** The HTML as it may be stored and sent, and what was taken out of it (for the admin to read). */
export function sanitiseEmailHtml(html: string): { html: string; removed: string[] } {
  const removed = new Set<string>();
  const clean = sanitizeHtml(html, {
    ...SANITISE,
    onOpenTag: (name: string) => {
      if (!SANITISE.allowedTags || !(SANITISE.allowedTags as string[]).includes(name)) removed.add(`<${name}>`);
    },
  } as sanitizeHtml.IOptions);
  if (/\son\w+\s*=/i.test(html)) removed.add('on… event handlers');
  if (/url\s*\(/i.test(html)) removed.add('url() in styles');
  if (/href\s*=\s*["']?\s*javascript:/i.test(html)) removed.add('javascript: links');
  return { html: clean, removed: [...removed] };
}

/** The e-mail form of a template, filled: variables escaped in the HTML, as they are in the text. */
export function fillEmailTemplate(t: EmailTemplate, vars: TemplateVars): EmailTemplate {
  const escaped = Object.fromEntries(Object.entries(vars).map(([k, v]) => [k, v === null || v === undefined ? v : escapeHtml(String(v))]));
  return {
    // A variable's value never brings a line break into the header.
    subject: fillTemplate(t.subject, vars).replace(/[\r\n]+/g, ' ').trim(),
    html: sanitiseEmailHtml(fillTemplate(t.html, escaped)).html,
    text: fillTemplate(t.text, vars),
  };
}

/** The e-mail forms of these templates of an org, by key and language (one read for a batch of e-mails). */
export async function emailTemplatesOf(db: Knex | Knex.Transaction, orgId: string, keys: string[]): Promise<Map<string, Map<Language, EmailTemplate>>> {
  const out = new Map<string, Map<Language, EmailTemplate>>();
  if (keys.length === 0) return out;
  const rows = await db('templates').select('key', 'language', 'body', 'email_subject', 'email_html', 'email_text').where({ org_id: orgId }).whereIn('key', [...new Set(keys)]);
  for (const r of rows) {
    const byLanguage = out.get(r.key) ?? new Map<Language, EmailTemplate>();
    byLanguage.set(r.language, emailTemplateOfRow(r));
    out.set(r.key, byLanguage);
  }
  return out;
}

/** A stored row's e-mail form: its own where written, else the chat text's default. */
export function emailTemplateOfRow(r: { body: string; email_subject: string | null; email_html: string | null; email_text: string | null }): EmailTemplate {
  const fallback = defaultEmailTemplate(r.body);
  return { subject: r.email_subject ?? fallback.subject, html: r.email_html ?? fallback.html, text: r.email_text ?? fallback.text };
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** `{{…_url}}` in a default HTML body becomes a link to itself. */
function linkVariables(escaped: string): string {
  return escaped.replace(/\{\{\s*([a-z_]*url)\s*\}\}/g, (v) => `<a href="${v}">${v}</a>`);
}
