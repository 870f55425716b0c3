import type { Knex } from 'knex';
import { approvedWhatsAppTemplates } from '../templates/whatsapp-templates.ts';
import type { Language } from '../vocabulary.ts';

/**
 * WhatsApp's customer service window (docs/inbox.md, "WhatsApp's 24-hour window"): a business may
 * write freely for 24 hours after the customer's last message; after that only a template that
 * WhatsApp approved. The sender (bot/whatsapp/whatsapp-sender.ts) keeps to it when it sends; the
 * inbox checks it before a staff reply is queued, so the staff member hears why at once instead of
 * the customer receiving something else. LINE has no such window.
 */
export const CUSTOMER_WINDOW_MS = 24 * 3600 * 1000;

/** Whether the customer's last message (`lastInboundAt`) still lets the business write freely. */
export const insideCustomerWindow = (lastInboundAt: Date | string | null, now: Date | number = Date.now()) =>
  lastInboundAt !== null && new Date(now).getTime() - new Date(lastInboundAt).getTime() < CUSTOMER_WINDOW_MS;

/** A conversation's window as staff see it: null on a channel without one. */
export function replyWindowOf(channelKind: string, lastInboundAt: Date | string | null, now: Date): { open: boolean; closesAt: string | null } | null {
  if (channelKind !== 'whatsapp') return null;
  return {
    open: insideCustomerWindow(lastInboundAt, now),
    closesAt: lastInboundAt === null ? null : new Date(new Date(lastInboundAt).getTime() + CUSTOMER_WINDOW_MS).toISOString(),
  };
}

/**
 * The templates staff may send once the window has closed: the org's, approved for WhatsApp, in
 * the customer's language, with their text (what the customer will read, and the thread shows).
 */
export async function templatesOutsideWindow(db: Knex | Knex.Transaction, orgId: string, language: Language): Promise<{ key: string; text: string }[]> {
  const approved = await approvedWhatsAppTemplates(db, orgId, language);
  const keys = Object.keys(approved);
  if (keys.length === 0) return [];
  const rows: { key: string; body: string }[] = await db('templates').select('key', 'body').where({ org_id: orgId, language }).whereIn('key', keys).orderBy('key');
  return rows.map((r) => ({ key: r.key, text: r.body }));
}
