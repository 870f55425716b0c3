import type { Knex } from 'knex';
import { attachmentMessages, type MediaLinkDeps } from '../media/attachment-messages.ts';
import type { OutboundMessage } from '../messaging/outbound-message.ts';
import type { Language } from '../vocabulary.ts';
import { attachmentToSend } from './attachments.ts';
import type { StoredFile } from './outgoing.ts';
import { insideCustomerWindow, templatesOutsideWindow } from './reply-window.ts';
import { renderSavedReply, type OpenCaseOf } from './saved-replies.ts';

/**
 * What a staff reply says, as the messages to queue (conversation-commands.ts `reply`, once the
 * holder checks have passed): typed words, a saved reply in the customer's language, a file with
 * an optional caption, a file a staff member sent in a LINE group, or on WhatsApp an approved
 * template. WhatsApp's 24-hour window is kept
 * here, before anything is queued: once it has closed only a template goes (docs/inbox.md).
 */
export type ReplyContent =
  | { text: string }
  /** `openCaseOf` fills `{{case_id}}`: core/cases answers which case is open (saved-replies.ts). */
  | { savedReply: string; openCaseOf: OpenCaseOf }
  /** A WhatsApp template the org has approved (its key). */
  | { template: string }
  /** A file uploaded to this conversation (core/conversations/attachments.ts), with words to go with it. */
  | { attachment: { id: string; caption?: string; links: MediaLinkDeps } }
  /** A file a staff member sent in a LINE group, already made into messages (core/staff/conversation-relay.ts). */
  | { media: OutboundMessage[] };

export type ContentRefusal =
  | { reason: 'empty_text' }
  | { reason: 'no_such_saved_reply'; key: string }
  /** The saved reply uses a variable this customer has no value for (no open case for `{{case_id}}`): it would read as a blank. */
  | { reason: 'saved_reply_unfilled'; key: string; missing: string[] }
  /** No upload of this conversation has that id, or it was sent already. */
  | { reason: 'no_such_attachment'; id: string }
  | { reason: 'no_such_template'; key: string }
  /** WhatsApp: the customer last wrote more than 24 hours ago; only a template may go. */
  | { reason: 'window_closed'; lastFromCustomerAt: string | null };

export interface ComposedReply {
  messages: OutboundMessage[];
  /** The attachment the last message carries. */
  file?: StoredFile;
  /** What the `replied` event keeps of it. */
  data: Record<string, unknown>;
}

export async function composeReply(
  trx: Knex.Transaction,
  c: { orgId: string; conversationId: string; staffId: string; now: Date },
  a: ReplyContent,
): Promise<ComposedReply | { refusal: ContentRefusal }> {
  const where = await trx('conversations')
    .join('channels', 'channels.id', 'conversations.channel_id')
    .leftJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .where('conversations.id', c.conversationId)
    .first('channels.kind', 'conversations.last_inbound_at', 'contacts.language');
  const language: Language = where?.language === 'en' ? 'en' : 'th';
  const whatsApp = where?.kind === 'whatsapp';

  if ('template' in a) {
    const template = whatsApp ? (await templatesOutsideWindow(trx, c.orgId, language)).find((t) => t.key === a.template) : undefined;
    if (!template) return { refusal: { reason: 'no_such_template', key: a.template } };
    return { messages: [{ kind: 'text', text: template.text, whatsappTemplate: template.key }], data: { template: template.key } };
  }
  if (whatsApp && !insideCustomerWindow(where.last_inbound_at, c.now)) {
    return { refusal: { reason: 'window_closed', lastFromCustomerAt: where.last_inbound_at ? new Date(where.last_inbound_at).toISOString() : null } };
  }
  if ('attachment' in a) {
    const file = await attachmentToSend(trx, c.conversationId, a.attachment.id);
    if (!file || file.sentAt) return { refusal: { reason: 'no_such_attachment', id: a.attachment.id } };
    const kind = file.contentType.startsWith('image/') ? ('image' as const) : ('file' as const);
    const caption = a.attachment.caption?.trim() || undefined;
    const carrier = { id: file.id, kind, text: caption ?? null, mediaPath: file.mediaPath, receivedAt: c.now };
    return {
      messages: attachmentMessages(a.attachment.links, carrier, caption, c.now),
      file: { id: file.id, kind, mediaPath: file.mediaPath, name: file.name, contentType: file.contentType },
      data: { attachment: { id: file.id, name: file.name, contentType: file.contentType } },
    };
  }
  if ('media' in a) {
    if (a.media.length === 0) return { refusal: { reason: 'empty_text' } };
    return { messages: a.media, data: { media: a.media.map((m) => m.kind) } };
  }
  if ('savedReply' in a) {
    // A saved reply is the same reply, its text filled in the customer's language.
    const rendered = await renderSavedReply(trx, { orgId: c.orgId, conversationId: c.conversationId, key: a.savedReply, staffId: c.staffId, openCaseOf: a.openCaseOf });
    if (rendered === undefined) return { refusal: { reason: 'no_such_saved_reply', key: a.savedReply } };
    if (rendered.missing.length) return { refusal: { reason: 'saved_reply_unfilled', key: a.savedReply, missing: rendered.missing } };
    if (!rendered.text.trim()) return { refusal: { reason: 'empty_text' } };
    return { messages: [{ kind: 'text', text: rendered.text.trim() }], data: { savedReply: a.savedReply } };
  }
  return { messages: [{ kind: 'text', text: a.text.trim() }], data: {} };
}
