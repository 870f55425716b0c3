import { readFile } from 'node:fs/promises';
import { randomUUID } from 'node:crypto';
import { simpleParser, type HeaderValue, type ParsedMail } from 'mailparser';
import sanitizeHtml from 'sanitize-html';
import { plainFileName, type MediaStore } from '../../core/media/media-store.ts';
import { isStorageFull } from '../../core/orgs/org-storage.ts';
import type { InboundEvent } from '../inbound-event.ts';
import type { InboundEmailPayload } from './inbound-smtp.ts';
import { replyText } from './reply-text.ts';

/**
 * A stored inbound e-mail (bot/email/inbound-smtp.ts) as one channel-neutral event, in the inbound
 * worker: parsed with mailparser (any charset it declares, TIS-620 among them, comes out as
 * UTF-8), the quoted history cut from its text, its HTML sanitised before anything shows it (no
 * scripts, no remote images, no styles that load), its attachments put in the media store. The
 * reply address decided the conversation; a sender other than the conversation's address is kept
 * as `fromMismatch` for staff to see, and is not made a contact. An auto-reply or a bounce is
 * recorded in standby: stored, never answered.
 */
export interface InboundEmailDetails {
  subject: string | null;
  from: string;
  /** Sanitised: safe to show in the desk. */
  html: string | null;
  attachments: { name: string; contentType: string; size: number; key: string }[];
  /** Files of the mail not kept because the business's storage is full: named, so staff can ask for them. */
  attachmentsRefused?: { name: string; size: number; reason: string }[];
  /** Why this mail is a machine's (Auto-Submitted, Precedence, a delivery report); absent for a person's. */
  automatic?: string;
  /** A delivery report (RFC 3464) about one of our e-mails: whose address failed, and whether for good (5.x.x). */
  bounce?: DeliveryFailure;
  /** The sender is not the address of the conversation the reply address named. */
  fromMismatch?: { conversationAddress: string };
  inReplyTo: string | null;
}

export async function readInboundEmail(
  o: {
    store: MediaStore;
    orgId: string;
    /** The conversation of the mail: from its reply address, the messages it answers, or its sender (core/conversations/email-conversations.ts). */
    conversationOf: (answers: string[], from: string) => Promise<{ id: string; externalId: string } | undefined>;
    own?: { addresses: Set<string>; inboundDomains: Set<string> };
  },
  payload: InboundEmailPayload,
  receivedAt: Date,
): Promise<InboundEvent> {
  const raw = await readFile(o.store.locate(payload.rawKey));
  const mail = await simpleParser(raw);
  const from = mail.from?.value.find((a) => a.address)?.address?.toLowerCase();
  if (!from) throw new Error('the e-mail has no From address');
  // A mail without a Message-ID is named by where its raw copy is kept.
  const messageId = mail.messageId ?? `mail:${payload.rawKey}`;
  const automatic = automaticReason(mail) ?? loopReason(from, o.own);
  const references = typeof mail.references === 'string' ? [mail.references] : (mail.references ?? []);
  // A delivery report belongs with the customer whose address failed, not with the mail server that wrote it.
  const bounce = deliveryFailure(mail);
  const conversation = await o.conversationOf([...references, ...(mail.inReplyTo ? [mail.inReplyTo] : [])], bounce?.recipient ?? from);
  const attachments = [];
  const attachmentsRefused = [];
  for (const [i, a] of mail.attachments.entries()) {
    const month = new Date().toISOString().slice(0, 7).replace('-', '/');
    try {
      const key = await o.store.put(`${o.orgId}/${month}/mail-file-${randomUUID()}-${i}.bin`, a.content, a.contentType);
      attachments.push({ name: plainFileName(a.filename), contentType: a.contentType, size: a.size, key });
    } catch (err) {
      // Storage full: the mail's words still land, its file is named as not kept.
      if (!isStorageFull(err)) throw err;
      attachmentsRefused.push({ name: plainFileName(a.filename), size: a.size, reason: err.message });
    }
  }
  const details: InboundEmailDetails = {
    subject: mail.subject ?? null,
    from,
    html: typeof mail.html === 'string' ? safeHtml(mail.html) : null,
    attachments,
    ...(attachmentsRefused.length ? { attachmentsRefused } : {}),
    ...(automatic ? { automatic } : {}),
    ...(bounce ? { bounce } : {}),
    ...(conversation && !automatic && from !== conversation.externalId.toLowerCase() ? { fromMismatch: { conversationAddress: conversation.externalId } } : {}),
    inReplyTo: mail.inReplyTo ?? null,
  };
  const text = replyText(mail.text ?? (typeof mail.html === 'string' ? sanitizeHtml(mail.html, { allowedTags: [], allowedAttributes: {} }) : ''));
  return {
    channelKind: 'email',
    platformEventId: messageId,
    type: 'message',
    occurredAt: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : receivedAt,
    isRedelivery: false,
    // A machine's mail is kept and shown, never answered.
    mode: automatic ? 'standby' : 'active',
    source: { kind: 'user', userId: from },
    message: { id: messageId, kind: attachments.length && !text ? 'file' : 'text', text: text || (attachments.length ? attachments.map((a) => a.name).join(', ') : '') },
    // No conversation yet (a new sender to the inbound address): the inbound handler opens theirs, joining the contact with that e-mail.
    ...(conversation ? { conversationId: conversation.id } : {}),
    details: details as unknown as Record<string, unknown>,
    ...(bounce?.hard ? { undeliverable: { address: bounce.recipient, reason: `${bounce.status} ${bounce.diagnostic ?? ''}`.trim() } } : {}),
    profile: { displayName: mail.from?.value[0]?.name || undefined, email: from },
  };
}

export interface DeliveryFailure {
  recipient: string;
  status: string;
  hard: boolean;
  diagnostic?: string;
}

/**
 * The failed recipient of a delivery report: its `message/delivery-status` part names the
 * `Final-Recipient`, the `Action` (`failed`, `delayed`) and the `Status` (5.x.x: for good; 4.x.x:
 * the server is still trying). Undefined for anything else.
 */
export function deliveryFailure(mail: Pick<ParsedMail, 'attachments' | 'headers' | 'text'>): DeliveryFailure | undefined {
  const type = mail.headers.get('content-type') as { value?: string } | undefined;
  if (type?.value?.toLowerCase() !== 'multipart/report') return undefined;
  // mailparser shows a delivery-status part inline, in the text; some versions list it as an attachment.
  const part = mail.attachments.find((a) => a.contentType.toLowerCase() === 'message/delivery-status');
  const text = (part ? part.content.toString('utf8') : (mail.text ?? '')).replace(/\r?\n[ \t]+/g, ' ');
  const field = (name: string) => new RegExp(`^${name}:\\s*(.+)$`, 'im').exec(text)?.[1]?.trim();
  const recipient = field('Final-Recipient') ?? field('Original-Recipient');
  const action = field('Action')?.toLowerCase();
  const status = field('Status') ?? '';
  if (!recipient || (action !== 'failed' && action !== 'delayed')) return undefined;
  const address = recipient.replace(/^rfc822;\s*/i, '').toLowerCase();
  return { recipient: address, status, hard: action === 'failed' && status.startsWith('5'), diagnostic: field('Diagnostic-Code') };
}

/** RFC 3834's Auto-Submitted, the older Precedence and X-Autoreply, and delivery reports (RFC 3464). */
export function automaticReason(mail: Pick<ParsedMail, 'headers'> & { from?: ParsedMail['from'] }): string | undefined {
  const h = (name: string) => headerText(mail.headers.get(name));
  const autoSubmitted = h('auto-submitted');
  if (autoSubmitted && autoSubmitted.toLowerCase() !== 'no') return `Auto-Submitted: ${autoSubmitted}`;
  const precedence = h('precedence')?.toLowerCase();
  if (precedence && ['bulk', 'junk', 'list', 'auto_reply'].includes(precedence)) return `Precedence: ${precedence}`;
  if (h('x-autoreply') || h('x-autorespond')) return 'X-Autoreply';
  const type = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  if (type?.value?.toLowerCase() === 'multipart/report') return `delivery report (${type.params?.['report-type'] ?? 'report'})`;
  const sender = mail.from?.value[0]?.address?.toLowerCase() ?? '';
  if (/^(mailer-daemon|postmaster)@/.test(sender)) return `from ${sender}`;
  return undefined;
}

/** A mail from one of our own addresses (a sender, an inbound address, a reply address we gave out) is a loop between them. */
function loopReason(from: string, own: { addresses: Set<string>; inboundDomains: Set<string> } | undefined): string | undefined {
  if (!own) return undefined;
  const domain = from.slice(from.lastIndexOf('@') + 1);
  if (own.addresses.has(from) || (from.startsWith('reply+') && own.inboundDomains.has(domain))) return `a loop: from our own address ${from}`;
  return undefined;
}

function headerText(v: HeaderValue | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'object' && v && 'value' in v && typeof (v as { value: unknown }).value === 'string') return (v as { value: string }).value;
  return String(v);
}

/**
 * The HTML staff may see: text formatting, lists, tables and links only; no scripts, styles,
 * forms or frames, and no images at all (a remote image tells the sender when the mail was read;
 * an attachment shown inline is among the attachments).
 */
export function safeHtml(html: string): string {
  return sanitizeHtml(html, {
    allowedTags: ['p', 'br', 'div', 'span', 'b', 'strong', 'i', 'em', 'u', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'table', 'thead', 'tbody', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'a'],
    allowedAttributes: { a: ['href', 'rel', 'target'] },
    allowedSchemes: ['http', 'https', 'mailto'],
    transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer nofollow', target: '_blank' }) },
  });
}
