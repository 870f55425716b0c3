import type { Knex } from 'knex';
import type { Language } from '../vocabulary.ts';

/**
 * The org's templates that WhatsApp approved (a Twilio content SID set by an admin), by template
 * key, in one language: outside the 24-hour window only these may be sent.
 */
export async function approvedWhatsAppTemplates(db: Knex | Knex.Transaction, orgId: string, language: Language): Promise<Record<string, string>> {
  const rows: { key: string; whatsapp_content_sid: string }[] = await db('templates')
    .select('key', 'whatsapp_content_sid')
    .where({ org_id: orgId, language })
    .whereNotNull('whatsapp_content_sid');
  return Object.fromEntries(rows.map((t) => [t.key, t.whatsapp_content_sid]));
}
