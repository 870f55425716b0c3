import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { DomainError, isUniqueViolation, notFound } from '../errors/index.ts';
import { iso } from '../time/iso.ts';
import { fillTemplate } from '../templates/render-template.ts';
import { assertKnownVariables } from '../templates/template-admin.ts';
import type { Language } from '../vocabulary.ts';
import { SAVED_REPLY_VARIABLES } from '../contracts/saved-replies.ts';

/**
 * Saved replies (docs/inbox.md): texts staff send with a shortcut instead of typing them, in Thai
 * and English; the one writer of `saved_replies`. A body may use only the variables filled when it
 * is sent (the templates' own check, core/templates/template-admin.ts), so the customer never reads
 * a blank where a name should be. Sending one is the inbox's `reply` command, which renders it here
 * in the customer's language. Deleting ends a saved reply (`is_active = false`): it is no longer
 * listed or sent, its shortcut is free again, and the audit log keeps who wrote and ended it.
 */

export interface SavedReplyView {
  key: string;
  title: string;
  body: { th: string; en: string };
  createdAt: string;
  updatedAt: string;
}

/** Who changes one: an API key or a staff member signed in to a staff app, written to the audit log. */
export interface SavedReplyChange {
  orgId: string;
  actor: { type: 'api_key' | 'staff'; id: string };
  requestId?: string;
}

const view = (r: Record<string, any>): SavedReplyView => ({
  key: r.key,
  title: r.title,
  body: { th: r.body_th, en: r.body_en },
  createdAt: iso(r.created_at)!,
  updatedAt: iso(r.updated_at)!,
});

const active = (db: Knex | Knex.Transaction, orgId: string, key: string) => db('saved_replies').where({ org_id: orgId, key, is_active: true });

async function audit(trx: Knex.Transaction, w: SavedReplyChange, action: string, id: string, details: Record<string, unknown>) {
  await recordAudit(trx, { orgId: w.orgId, actorType: w.actor.type, actorId: w.actor.id, action, subjectType: 'saved_reply', subjectId: id, details, requestId: w.requestId });
}

const keyTaken = (key: string) => new DomainError('conflict', `A saved reply with the shortcut "${key}" exists already`, { reason: 'key_taken', key });

/** The org's saved replies in use, by shortcut. */
export async function listSavedReplies(db: Knex | Knex.Transaction, orgId: string): Promise<SavedReplyView[]> {
  const rows = await db('saved_replies').where({ org_id: orgId, is_active: true }).orderBy('key');
  return rows.map(view);
}

export async function createSavedReply(knex: Knex, w: SavedReplyChange & { key: string; title: string; body: { th: string; en: string } }): Promise<SavedReplyView> {
  assertKnownVariables([w.body.th, w.body.en], SAVED_REPLY_VARIABLES);
  try {
    return await knex.transaction(async (trx) => {
      const [row] = await trx('saved_replies')
        .insert({
          org_id: w.orgId,
          key: w.key,
          title: w.title,
          body_th: w.body.th,
          body_en: w.body.en,
          created_by_type: w.actor.type,
          created_by_id: w.actor.id,
          updated_by_type: w.actor.type,
          updated_by_id: w.actor.id,
        })
        .returning('*');
      await audit(trx, w, 'saved_reply.created', row.id, { key: w.key, title: w.title, body: w.body });
      return view(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken(w.key);
    throw err;
  }
}

export async function updateSavedReply(
  knex: Knex,
  w: SavedReplyChange & { key: string; change: { key?: string; title?: string; body?: { th?: string; en?: string } } },
): Promise<SavedReplyView> {
  try {
    return await knex.transaction(async (trx) => {
      const current = await active(trx, w.orgId, w.key).forUpdate().first();
      if (!current) throw notFound('Saved reply', { key: w.key });
      const next = {
        key: w.change.key ?? current.key,
        title: w.change.title ?? current.title,
        body_th: w.change.body?.th ?? current.body_th,
        body_en: w.change.body?.en ?? current.body_en,
      };
      assertKnownVariables([next.body_th, next.body_en], SAVED_REPLY_VARIABLES);
      const [row] = await trx('saved_replies')
        .where({ id: current.id })
        .update({ ...next, updated_by_type: w.actor.type, updated_by_id: w.actor.id, updated_at: trx.fn.now() })
        .returning('*');
      const from = { key: current.key, title: current.title, body: { th: current.body_th, en: current.body_en } };
      await audit(trx, w, 'saved_reply.updated', row.id, { from, to: { key: row.key, title: row.title, body: { th: row.body_th, en: row.body_en } } });
      return view(row);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw keyTaken(w.change.key ?? w.key);
    throw err;
  }
}

/** Ends a saved reply: no longer listed nor sent; its shortcut may be used again. */
export async function deleteSavedReply(knex: Knex, w: SavedReplyChange & { key: string }): Promise<void> {
  await knex.transaction(async (trx) => {
    const [row] = await active(trx, w.orgId, w.key).update({ is_active: false, updated_by_type: w.actor.type, updated_by_id: w.actor.id, updated_at: trx.fn.now() }).returning('id');
    if (!row) throw notFound('Saved reply', { key: w.key });
    await audit(trx, w, 'saved_reply.deleted', row.id, { key: w.key });
  });
}

/**
 * A saved reply as this conversation's customer reads it: in their language, with their name and
 * the writing staff member's. Undefined when the org has no such saved reply in use.
 */
export async function renderSavedReply(
  trx: Knex.Transaction,
  a: { orgId: string; conversationId: string; key: string; staffId: string },
): Promise<string | undefined> {
  const saved = await active(trx, a.orgId, a.key).first('body_th', 'body_en');
  if (!saved) return undefined;
  const [customer, staff] = await Promise.all([
    trx('conversations')
      .leftJoin('contacts', 'contacts.id', 'conversations.contact_id')
      .where('conversations.id', a.conversationId)
      .first('contacts.display_name', 'contacts.language'),
    trx('staff').where({ id: a.staffId }).first('display_name'),
  ]);
  const language: Language = customer?.language === 'en' ? 'en' : 'th';
  return fillTemplate(language === 'en' ? saved.body_en : saved.body_th, { customer_name: customer?.display_name, staff_name: staff?.display_name });
}
