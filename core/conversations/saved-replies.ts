import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { DomainError, isUniqueViolation, notFound } from '../errors/index.ts';
import { iso } from '../time/iso.ts';
import { fillTemplate } from '../templates/render-template.ts';
import { assertKnownVariables, unknownVariables } from '../templates/template-admin.ts';
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
type Db = Knex | Knex.Transaction;

/**
 * The number of the customer's latest open case, `{{case_id}}`, or null. Which cases are open is
 * core/cases' to say, and core/cases imports this folder, so whoever sends or shows a saved reply
 * passes the read in (core/cases/customer-cases.ts `latestOpenCaseNumber`).
 */
export type OpenCaseOf = (db: Db, orgId: string, contactId: string) => Promise<string | null>;

/** A saved reply as one customer will read it; `missing` names the variables it uses that have no value for them. */
export interface FilledSavedReply {
  key: string;
  title: string;
  text: string;
  missing: string[];
}

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

/** Who the replies are filled for: this conversation's customer, written by this staff member. */
export interface FillFor {
  orgId: string;
  conversationId: string;
  staffId: string;
  openCaseOf: OpenCaseOf;
}

/** Fills saved replies for one customer: in their language, with their name, the staff member's and their open case. */
async function fillFor(db: Db, a: FillFor, rows: Record<string, any>[]): Promise<FilledSavedReply[]> {
  const [customer, staff] = await Promise.all([
    db('conversations')
      .leftJoin('contacts', 'contacts.id', 'conversations.contact_id')
      .where({ 'conversations.id': a.conversationId, 'conversations.org_id': a.orgId })
      .first('conversations.contact_id', 'contacts.display_name', 'contacts.language'),
    db('staff').where({ id: a.staffId }).first('display_name'),
  ]);
  const language: Language = customer?.language === 'en' ? 'en' : 'th';
  const bodies = rows.map((r) => (language === 'en' ? r.body_en : r.body_th) as string);
  // The case is read only when a reply asks for it.
  const wantsCase = customer?.contact_id && bodies.some((b) => /\{\{\s*case_id\s*\}\}/.test(b));
  const vars = {
    customer_name: customer?.display_name || null,
    staff_name: staff?.display_name || null,
    case_id: wantsCase ? await a.openCaseOf(db, a.orgId, customer.contact_id) : null,
  };
  const filled = Object.keys(vars).filter((k) => vars[k as keyof typeof vars]);
  return rows.map((r, i) => ({ key: r.key, title: r.title, text: fillTemplate(bodies[i], vars).trim(), missing: unknownVariables(bodies[i], filled) }));
}

/**
 * A saved reply as this conversation's customer will read it: in their language, with their name,
 * the writing staff member's and their open case's number. Undefined when the org has no such
 * saved reply in use.
 */
export async function renderSavedReply(trx: Knex.Transaction, a: FillFor & { key: string }): Promise<FilledSavedReply | undefined> {
  const saved = await active(trx, a.orgId, a.key).first();
  return saved ? (await fillFor(trx, a, [saved]))[0] : undefined;
}

/** The org's saved replies in use, each as this conversation's customer would read it now (the desk's composer shows them so). */
export async function savedRepliesFor(db: Db, a: FillFor): Promise<FilledSavedReply[]> {
  return fillFor(db, a, await db('saved_replies').where({ org_id: a.orgId, is_active: true }).orderBy('key'));
}
