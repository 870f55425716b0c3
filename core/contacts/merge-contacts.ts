import type { Knex } from 'knex';
import { Subscribers } from '../subscribers.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { DomainError, notFound, validationFailed } from '../errors/index.ts';

/**
 * One person known twice (LINE and WhatsApp before either gave a phone number): everything of
 * `mergeId` moves to `keepId` (identities, conversations, cases, bookings), missing details are
 * filled from it, and it is deleted. Its places on session waitlists move too (session-waitlist.ts). Audited, with what was moved.
 *
 * Identities are the contacts' own; what other modules keep of a contact (conversations, cases,
 * bookings, a VIP group) is moved by those modules, subscribed in the composition root
 * (bin/system.ts), in this transaction. Each returns the ids of the rows it moved.
 *
 * Every merge, and every match of a form to a known contact by the intake, is on the contact's
 * timeline (`contact_events`, append-only, ids and counts only) and kept in `contact_merges` with
 * what an undo needs. An admin undoes it: the merged contact comes back under its own id, and each
 * owner moves back exactly the rows that came from it (the same subscribers, with `only`).
 */
export interface ContactMove {
  orgId: string;
  /** Where the rows go. */
  keepId: string;
  /** Whose rows move. */
  mergeId: string;
  /** Only these rows (an undo moves back what the merge moved, not what came later). */
  only?: string[];
}
export type ContactMergeSubscriber = (trx: Knex.Transaction, m: ContactMove) => Promise<string[]>;

const MOVED = ['conversations', 'cases', 'bookings', 'staffGroups', 'consents', 'waitlist'] as const;
type Moved = Record<(typeof MOVED)[number] | 'identities', string[]>;
const subscribers = new Subscribers<ContactMove, string[]>();

/** The module that keeps `what` of a contact moves it on a merge, and back on an undo. */
export function subscribeToContactMerges(what: (typeof MOVED)[number], subscriber: ContactMergeSubscriber): void {
  subscribers.subscribe(what, subscriber);
}

type Actor = { type: 'api_key' | 'staff' | 'system'; id: string | null };

function move(trx: Knex.Transaction, what: (typeof MOVED)[number], m: ContactMove): Promise<string[]> {
  const subscriber = subscribers.get(what);
  if (!subscriber) throw new Error(`nobody moves a contact's ${what} on a merge: subscribe it in bin/system.ts`);
  return subscriber(trx, m);
}

async function moveIdentities(trx: Knex.Transaction, m: ContactMove): Promise<string[]> {
  const q = trx('contact_identities').where({ org_id: m.orgId, contact_id: m.mergeId });
  if (m.only) q.whereIn('id', m.only);
  return (await q.update({ contact_id: m.keepId }).returning('id')).map((r: { id: string }) => r.id);
}

/** `notice_shown`: the bot showed the privacy notice in the chat (its version), once per version (consent.ts). */
export type ContactEventType = 'merged' | 'merged_into' | 'matched' | 'merge_undone' | 'erased' | 'notice_shown';

type ContactEvent = { orgId: string; contactId: string; type: ContactEventType; actor: Actor; data: Record<string, unknown> };

/** An event on a contact's timeline: ids, counts and how, never personal data. */
export async function recordContactEvent(trx: Knex.Transaction, e: ContactEvent): Promise<void> {
  await trx('contact_events').insert({ org_id: e.orgId, contact_id: e.contactId, type: e.type, actor_type: e.actor.type, actor_id: e.actor.id, data: JSON.stringify(e.data) });
}

/**
 * The same, unless `unless` (an SQL condition) holds, in one statement: true when recorded. For an
 * event that happens once (the notice shown: consent.ts), checked and recorded in one round trip.
 */
export async function recordContactEventUnless(trx: Knex.Transaction, e: ContactEvent, unless: Knex.Raw): Promise<boolean> {
  const { rows } = await trx.raw<{ rows: unknown[] }>(
    `INSERT INTO contact_events (org_id, contact_id, type, actor_type, actor_id, data)
     SELECT ?::uuid, ?::uuid, ?, ?, ?, ?::jsonb WHERE NOT (?) RETURNING id`,
    [e.orgId, e.contactId, e.type, e.actor.type, e.actor.id, JSON.stringify(e.data), unless],
  );
  return rows.length > 0;
}

const FILLED = ['display_name', 'phone', 'email', 'is_vip'] as const;
const counts = (m: Moved) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.length]));

export async function mergeContacts(
  db: Knex,
  m: { orgId: string; keepId: string; mergeId: string; actor: { type: 'api_key' | 'staff'; id: string }; requestId?: string },
): Promise<{ mergeId: string; identities: number; conversations: number; cases: number; bookings: number }> {
  if (m.keepId === m.mergeId) throw validationFailed('A contact cannot be merged into itself');
  return db.transaction(async (trx) => {
    const contacts = await trx('contacts').whereIn('id', [m.keepId, m.mergeId]).andWhere({ org_id: m.orgId }).forUpdate();
    const keep = contacts.find((c) => c.id === m.keepId);
    const merge = contacts.find((c) => c.id === m.mergeId);
    if (!keep || !merge) throw notFound('Contact', { missing: !keep ? m.keepId : m.mergeId });
    const dir = { orgId: m.orgId, keepId: m.keepId, mergeId: m.mergeId };
    const moved: Moved = {
      identities: await moveIdentities(trx, dir),
      conversations: await move(trx, 'conversations', dir),
      cases: await move(trx, 'cases', dir),
      bookings: await move(trx, 'bookings', dir),
      staffGroups: await move(trx, 'staffGroups', dir),
      consents: await move(trx, 'consents', dir),
      waitlist: await move(trx, 'waitlist', dir),
    };
    const next: Record<string, unknown> = {
      display_name: keep.display_name ?? merge.display_name,
      phone: keep.phone ?? merge.phone,
      email: keep.email ?? merge.email,
      is_vip: keep.is_vip || merge.is_vip,
    };
    const keepBefore = Object.fromEntries(FILLED.filter((f) => next[f] !== keep[f]).map((f) => [f, keep[f]]));
    await trx('contacts').where({ id: m.keepId }).update(next);
    await trx('contacts').where({ id: m.mergeId }).delete();
    const [row] = await trx('contact_merges')
      .insert({ org_id: m.orgId, kind: 'manual', keep_id: m.keepId, merged_id: m.mergeId, merged_contact: JSON.stringify(merge), keep_before: JSON.stringify(keepBefore), moved: JSON.stringify(moved) })
      .returning('id');
    const actor = { type: m.actor.type, id: m.actor.id };
    await recordContactEvent(trx, { orgId: m.orgId, contactId: m.keepId, type: 'merged', actor, data: { mergeId: row.id, mergedContactId: m.mergeId, moved: counts(moved) } });
    await recordContactEvent(trx, { orgId: m.orgId, contactId: m.mergeId, type: 'merged_into', actor, data: { mergeId: row.id, keptContactId: m.keepId } });
    const { identities, conversations, cases, bookings } = counts(moved);
    await recordAudit(trx, {
      orgId: m.orgId,
      actorType: m.actor.type,
      actorId: m.actor.id,
      action: 'contact.merged',
      subjectType: 'contact',
      subjectId: m.keepId,
      details: { merged: m.mergeId, mergeId: row.id, identities, conversations, cases, bookings },
      requestId: m.requestId,
    });
    return { mergeId: row.id as string, identities, conversations, cases, bookings };
  });
}

/**
 * A form (website intake, a booking recorded by staff) matched to a known contact: on the contact's
 * timeline, and undoable like a merge. Undone, the form's person becomes a contact of its own
 * (the details the form gave) and takes the booking back; what the form filled in is emptied again.
 */
export async function recordIntakeMatch(
  trx: Knex.Transaction,
  m: { orgId: string; contactId: string; by: string; bookingId: string; form: { name: string; email?: string; phone?: string; language: string }; filled: Record<string, unknown> },
): Promise<string> {
  const mergedContact = { org_id: m.orgId, display_name: m.form.name, email: m.form.email ?? null, phone: m.form.phone ?? null, language: m.form.language };
  const [row] = await trx('contact_merges')
    .insert({
      org_id: m.orgId,
      kind: 'intake',
      keep_id: m.contactId,
      merged_id: trx.raw('gen_random_uuid()'),
      matched_by: m.by,
      merged_contact: JSON.stringify(mergedContact),
      keep_before: JSON.stringify(m.filled),
      moved: JSON.stringify({ identities: [], conversations: [], cases: [], bookings: [m.bookingId], staffGroups: [], consents: [], waitlist: [] }),
    })
    .returning('id');
  await recordContactEvent(trx, { orgId: m.orgId, contactId: m.contactId, type: 'matched', actor: { type: 'system', id: null }, data: { mergeId: row.id, by: m.by, bookingId: m.bookingId } });
  return row.id as string;
}

/**
 * Undoes a merge or an intake match recorded on `contactId`'s timeline. The merged contact comes
 * back under its id with its details as they were; identities, conversations, cases, bookings and
 * groups that came from it go back (not what the kept contact gained since); the details the merge
 * filled in on the kept contact are emptied again where they are still the merged ones. An undo
 * that was done already, or whose kept contact is gone (merged again, erased), is a 409.
 */
export async function undoContactMerge(
  db: Knex,
  u: { orgId: string; contactId: string; mergeId: string; actor: { type: 'api_key' | 'staff'; id: string }; requestId?: string },
): Promise<{ mergeId: string; restoredContactId: string; identities: number; conversations: number; cases: number; bookings: number }> {
  return db.transaction(async (trx) => {
    const merge = await trx('contact_merges').where({ id: u.mergeId, org_id: u.orgId, keep_id: u.contactId }).forUpdate().first();
    if (!merge) throw notFound('Merge', { contactId: u.contactId, mergeId: u.mergeId });
    if (merge.undone_at) throw new DomainError('conflict', 'This merge was undone already', { mergeId: u.mergeId, undoneAt: merge.undone_at });
    const keep = await trx('contacts').where({ id: u.contactId, org_id: u.orgId }).forUpdate().first();
    if (!keep) throw notFound('Contact', { id: u.contactId });
    if (keep.erased_at) throw new DomainError('conflict', 'The contact was erased: its merges cannot be undone', { contactId: u.contactId });
    if (await trx('contacts').where({ id: merge.merged_id }).first()) throw new DomainError('conflict', 'The merged contact exists again', { contactId: merge.merged_id });
    const snapshot = merge.merged_contact as Record<string, unknown>;
    if (snapshot.erased) throw new DomainError('conflict', 'The merged contact was erased: the merge cannot be undone', { mergeId: u.mergeId });
    const { updated_at: _u, ...columns } = snapshot;
    await trx('contacts').insert({ ...columns, id: merge.merged_id, org_id: u.orgId, attributes: JSON.stringify(columns.attributes ?? {}) });
    const moved = merge.moved as Moved;
    const back = (only: string[]) => ({ orgId: u.orgId, keepId: merge.merged_id as string, mergeId: u.contactId, only });
    const returned: Moved = {
      identities: await moveIdentities(trx, back(moved.identities ?? [])),
      conversations: await move(trx, 'conversations', back(moved.conversations ?? [])),
      cases: await move(trx, 'cases', back(moved.cases ?? [])),
      bookings: await move(trx, 'bookings', back(moved.bookings ?? [])),
      staffGroups: await move(trx, 'staffGroups', back(moved.staffGroups ?? [])),
      // Merges made before consents were kept moved none.
      consents: await move(trx, 'consents', back(moved.consents ?? [])),
      waitlist: await move(trx, 'waitlist', back(moved.waitlist ?? [])),
    };
    const before = merge.keep_before as Record<string, unknown>;
    // Only where the kept contact still has what the merge (or the form) put there.
    const restore = Object.fromEntries(Object.entries(before).filter(([f]) => keep[f] === snapshot[f]));
    if (Object.keys(restore).length) await trx('contacts').where({ id: u.contactId }).update(restore);
    await trx('contact_merges').where({ id: merge.id }).update({ undone_at: trx.fn.now(), undone_by_type: u.actor.type, undone_by_id: u.actor.id });
    const actor = { type: u.actor.type, id: u.actor.id };
    await recordContactEvent(trx, { orgId: u.orgId, contactId: u.contactId, type: 'merge_undone', actor, data: { mergeId: merge.id, restoredContactId: merge.merged_id, moved: counts(returned) } });
    await recordContactEvent(trx, { orgId: u.orgId, contactId: merge.merged_id, type: 'merge_undone', actor, data: { mergeId: merge.id, keptContactId: u.contactId } });
    const { identities, conversations, cases, bookings } = counts(returned);
    await recordAudit(trx, {
      orgId: u.orgId,
      actorType: u.actor.type,
      actorId: u.actor.id,
      action: 'contact.merge_undone',
      subjectType: 'contact',
      subjectId: u.contactId,
      details: { mergeId: merge.id, kind: merge.kind, restored: merge.merged_id, identities, conversations, cases, bookings },
      requestId: u.requestId,
    });
    return { mergeId: merge.id as string, restoredContactId: merge.merged_id as string, identities, conversations, cases, bookings };
  });
}

/** A contact's own timeline (merges, matches, undos, erasure) and the merges that can be undone. */
export async function contactTimeline(db: Knex, orgId: string, contactId: string) {
  const exists = await db('contacts').select('id').where({ id: contactId, org_id: orgId }).first();
  const events = await db('contact_events').where({ org_id: orgId, contact_id: contactId }).orderBy('id');
  if (!exists && !events.length) throw notFound('Contact', { id: contactId });
  const merges = await db('contact_merges').where({ org_id: orgId, keep_id: contactId }).orderBy('created_at');
  return {
    events: events.map((e) => ({ id: String(e.id), at: new Date(e.created_at).toISOString(), type: e.type as ContactEventType, actorType: e.actor_type as string, actorId: (e.actor_id ?? null) as string | null, data: e.data as Record<string, unknown> })),
    merges: merges.map((m) => ({
      id: m.id as string,
      kind: m.kind as 'manual' | 'intake',
      mergedContactId: m.merged_id as string,
      matchedBy: (m.matched_by ?? null) as string | null,
      at: new Date(m.created_at).toISOString(),
      undoneAt: m.undone_at ? new Date(m.undone_at).toISOString() : null,
      moved: counts(m.moved as Moved),
    })),
  };
}
