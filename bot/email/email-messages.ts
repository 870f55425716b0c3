import type { OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { messageAsText } from '../../core/messaging/message-text.ts';
import { escapeHtml, type EmailTemplate } from '../../core/templates/email-templates.ts';
import type { Language } from '../../core/vocabulary.ts';

/**
 * One stored message as an e-mail: a subject, a plain-text body and an HTML body. A text made from
 * a template is sent in the template's e-mail form; any other (a staff answer, a card) as before:
 * the subject is the message's first line (the templates open with what the message is about: "Your
 * quote for booking B-000123 is ready."); nodemailer encodes it per RFC 2047 when it is not ASCII.
 * The HTML is the same text, escaped, with its links made clickable and a Thai font first in line,
 * so Thai renders right where the reader has no Thai font of their own choosing.
 */
export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

const SUBJECT_MAX = 120;
/** Sarabun and Noto Sans Thai where installed, then the Thai fonts Windows and macOS ship. */
const THAI_FONTS = `'Sarabun', 'Noto Sans Thai', 'Leelawadee UI', 'Thonburi', Tahoma, sans-serif`;

export function toEmail(message: OutboundMessage, o: { language: Language; fromName: string; form?: EmailTemplate }): EmailContent {
  // A text made from a template with an e-mail form: that form, filled (core/templates/email-templates.ts).
  if (o.form) return { subject: o.form.subject || o.fromName, text: o.form.text, html: page(o.form.subject, o.form.html, o) };
  const text = messageAsText(message);
  const firstLine = text.split('\n').find((l) => l.trim())?.trim() ?? '';
  const subject = cut(firstLine || o.fromName, SUBJECT_MAX);
  return { subject, text, html: page(subject, `<div>${text.split('\n').map((l) => linkify(escapeHtml(l))).join('<br>\n')}</div>`, o) };
}

/** The HTML body in a page of its own: its language, the Thai fonts first, a readable width, the business's name below. */
function page(subject: string, body: string, o: { language: Language; fromName: string }): string {
  return [
    '<!doctype html>',
    `<html lang="${o.language}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(subject)}</title></head>`,
    `<body style="margin:0;padding:24px;background:#ffffff;color:#1f2933;font-family:${THAI_FONTS};font-size:16px;line-height:1.6">`,
    `<div style="max-width:560px">${body}</div>`,
    `<p style="margin-top:24px;color:#52606d;font-size:14px">${escapeHtml(o.fromName)}</p>`,
    '</body></html>',
  ].join('\n');
}

function cut(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

/** http(s) links in escaped text become anchors (the quote link above all). */
function linkify(escaped: string): string {
  return escaped.replace(/https?:\/\/[^\s<]+/g, (url) => `<a href="${url}" style="color:#0b69a3">${url}</a>`);
}
