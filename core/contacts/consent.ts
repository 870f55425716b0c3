import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import type { ConsentAnswer, ConsentSource } from '../contracts/privacy.ts';
import { DomainError, notFound, validationFailed } from '../errors/index.ts';
import { iso } from '../time/iso.ts';
import { lockKeys } from './contact-matching.ts';
import { recordContactEventUnless } from './merge-contacts.ts';
import { currentNotice, noticeVersion } from './privacy-notices.ts';

/**
 * A customer's answers to the org's privacy notice (PDPA), in `contact_consents`: append-only, the
 * current answer is the latest (docs/privacy.md). An answer names the notice version it answered;
 * a refusal after a consent is recorded as `withdrawn`; the same answer to the same version again
 * (a double tap, a form sent twice) adds nothing. Rows hold ids, a version, the answer, where and
 * when: no personal data.
 */
type Db = Knex | Knex.Transaction;
type Actor = { type: 'customer' | 'staff' | 'api_key' | 'system'; id: string | null };

export interface ConsentGiven {
  orgId: string;
  contactId: string;
  noticeVersion: number;
  answer: 'granted' | 'declined';
  source: Exclude<ConsentSource, 'erasure'>;
  /** The chat's channel (line, whatsapp), for an answer tapped there. */
  channel?: string | null;
  actor: Actor;
  /** When the customer answered (a website form booked later by a worker: when it was sent); now unless given. */
  at?: Date;
  requestId?: string;
}

interface ConsentRow {
  id: string | number;
  notice_version: number;
  answer: ConsentAnswer;
  source: ConsentSource;
  channel: string | null;
  actor_type: string;
  actor_id: string | null;
  answered_at: Date;
}

const recordView = (r: ConsentRow) => ({
  id: String(r.id),
  noticeVersion: r.notice_version,
  answer: r.answer,
  source: r.source,
  channel: r.channel,
  actorType: r.actor_type,
  actorId: r.actor_id,
  at: iso(r.answered_at),
});

const rowsOf = (db: Db, orgId: string, contactId: string) => db('contact_consents').where({ org_id: orgId, contact_id: contactId });
const latestOf = (db: Db, orgId: string, contactId: string): Promise<ConsentRow | undefined> =>
  rowsOf(db, orgId, contactId).orderBy([{ column: 'answered_at', order: 'desc' }, { column: 'id', order: 'desc' }]).first();

/** One customer's answers are decided one at a time: a double tap cannot record twice. */
const lockContactConsent = (trx: Knex.Transaction, contactId: string) => lockKeys(trx, [`consent:${contactId}`]);

/** The stored answer: a refusal after a consent withdraws it. */
const storedAnswer = (answer: 'granted' | 'declined', latest: ConsentRow | undefined): ConsentAnswer =>
  answer === 'granted' ? 'granted' : latest?.answer === 'granted' ? 'withdrawn' : 'declined';

/**
 * Records an answer, in the caller's transaction. A version the org never published is a 422 and
 * stores nothing; a contact of another org is a 404, an erased one a 409. `recorded: false` when
 * the latest answer is already this one to this version.
 */
export async function recordConsent(trx: Knex.Transaction, c: ConsentGiven): Promise<{ recorded: boolean }> {
  const contact = await trx('contacts').select('id', 'erased_at').where({ id: c.contactId, org_id: c.orgId }).first();
  if (!contact) throw notFound('Contact', { id: c.contactId });
  // An erased customer's consent was withdrawn with the erasure; nobody can give it in their name.
  if (contact.erased_at) throw new DomainError('conflict', 'This contact was erased: no answer can be recorded for them', { contactId: c.contactId });
  const notice = await noticeVersion(trx, c.orgId, c.noticeVersion);
  if (!notice) {
    const current = await currentNotice(trx, c.orgId);
    throw validationFailed('No privacy notice of that version', [
      { path: 'noticeVersion', message: current ? `The org published versions 1 to ${current.version}` : 'The org has published no privacy notice', code: 'unknown_version' },
    ]);
  }
  await lockContactConsent(trx, c.contactId);
  const latest = await latestOf(trx, c.orgId, c.contactId);
  const answer = storedAnswer(c.answer, latest);
  if (latest && latest.notice_version === c.noticeVersion && (latest.answer === 'granted') === (answer === 'granted')) return { recorded: false };
  await trx('contact_consents').insert({
    org_id: c.orgId,
    contact_id: c.contactId,
    notice_id: notice.id,
    notice_version: notice.version,
    answer,
    source: c.source,
    channel: c.channel ?? null,
    actor_type: c.actor.type,
    actor_id: c.actor.id,
    answered_at: c.at ?? trx.fn.now(),
  });
  // What a customer says for themselves is its own record; what staff record for them is audited too.
  if (c.actor.type === 'staff' || c.actor.type === 'api_key') {
    await recordAudit(trx, {
      orgId: c.orgId,
      actorType: c.actor.type,
      actorId: c.actor.id,
      action: 'contact.consent_recorded',
      subjectType: 'contact',
      subjectId: c.contactId,
      details: { noticeVersion: notice.version, answer },
      requestId: c.requestId,
    });
  }
  return { recorded: true };
}

/** The latest answer, and whether it answered the version shown today. */
function currentOf(latest: ConsentRow | undefined, currentVersion: number | null) {
  if (!latest) return null;
  return {
    answer: latest.answer,
    noticeVersion: latest.notice_version,
    source: latest.source,
    at: iso(latest.answered_at),
    currentNoticeVersion: currentVersion,
    upToDate: latest.notice_version === currentVersion,
  };
}

/** A contact's current answer (contact 360); null when they never answered. */
export async function contactConsent(db: Db, orgId: string, contactId: string) {
  const [latest, notice] = await Promise.all([latestOf(db, orgId, contactId), currentNotice(db, orgId)]);
  return currentOf(latest, notice?.version ?? null);
}

/** Every answer of a contact, oldest first, with the current one; not found when the contact is not this org's. */
export async function consentHistory(db: Db, orgId: string, contactId: string) {
  const contact = await db('contacts').select('id').where({ id: contactId, org_id: orgId }).first();
  if (!contact) throw notFound('Contact', { id: contactId });
  const rows: ConsentRow[] = await rowsOf(db, orgId, contactId).orderBy([{ column: 'answered_at' }, { column: 'id' }]);
  const notice = await currentNotice(db, orgId);
  return { current: currentOf(rows.at(-1), notice?.version ?? null), records: rows.map(recordView) };
}

/** What a PDPA export lists: every record as stored. */
export function consentsForExport(trx: Knex.Transaction, orgId: string, contactId: string): Promise<Record<string, unknown>[]> {
  return rowsOf(trx, orgId, contactId).orderBy([{ column: 'answered_at' }, { column: 'id' }]);
}

/**
 * The versions of the notice a contact answered or was shown in the chat, as a sub-select over the
 * org and the contact (SQL expressions): for the message's read (core/conversations
 * `NoticesSeenSql`), the same rows `noticeSeen` looks at.
 */
export function noticesSeenSql(org: string, contact: string): string {
  return `ARRAY(SELECT notice_version::text FROM contact_consents WHERE org_id = ${org} AND contact_id = ${contact}
                UNION SELECT data->>'version' FROM contact_events WHERE org_id = ${org} AND contact_id = ${contact} AND type = 'notice_shown')`;
}

/** Whether a contact answered, or was shown in the chat, this version of the notice. */
async function noticeSeen(db: Db, s: { orgId: string; contactId: string }, version: number): Promise<boolean> {
  const r: { rows: { seen: boolean }[] } = await db.raw('SELECT ? AS seen', [seenCondition(db, s, version)]);
  return r.rows[0].seen;
}

/** The same as an SQL condition. */
function seenCondition(db: Db, s: { orgId: string; contactId: string }, version: number): Knex.Raw {
  return db.raw(
    `(EXISTS (SELECT 1 FROM contact_consents WHERE org_id = ? AND contact_id = ? AND notice_version = ?)
      OR EXISTS (SELECT 1 FROM contact_events WHERE org_id = ? AND contact_id = ? AND type = 'notice_shown' AND data->>'version' = ?))`,
    [s.orgId, s.contactId, version, s.orgId, s.contactId, String(version)],
  );
}

/**
 * The notice, once per version, at the first message the bot answers in a customer's chat: the
 * current version when the customer has neither answered it (in a form, in the chat, to staff) nor
 * been shown it in the chat. Read without a lock: `claimNoticeInChat` decides.
 */
export async function noticeDueInChat(db: Db, s: { orgId: string; contactId: string; seen?: string[] }): Promise<{ version: number } | undefined> {
  const notice = await currentNotice(db, s.orgId);
  if (!notice) return undefined;
  // Read with the message (`noticesSeenSql`) when the caller has it: no statement of its own.
  if (s.seen ? s.seen.includes(String(notice.version)) : await noticeSeen(db, s, notice.version)) return undefined;
  return { version: notice.version };
}

/**
 * Claims showing the notice, in the message's transaction: `notice_shown` on the contact's
 * timeline, under the contact's consent lock, so two messages at once show it once. False when it
 * was shown or answered meanwhile.
 */
export async function claimNoticeInChat(trx: Knex.Transaction, s: { orgId: string; contactId: string; channel: string; version: number }): Promise<boolean> {
  await lockContactConsent(trx, s.contactId);
  // Checked again under the lock (a statement after it: its snapshot sees what the lock waited for), and recorded, in one statement.
  const shown = { orgId: s.orgId, contactId: s.contactId, type: 'notice_shown' as const, actor: { type: 'system' as const, id: null }, data: { version: s.version, channel: s.channel } };
  return recordContactEventUnless(trx, shown, seenCondition(trx, s, s.version));
}

/** A merge moves the merged contact's answers to the contact kept (and an undo moves back those it moved). */
export async function moveConsents(trx: Knex.Transaction, m: { orgId: string; keepId: string; mergeId: string; only?: string[] }): Promise<string[]> {
  const q = trx('contact_consents').where({ org_id: m.orgId, contact_id: m.mergeId });
  if (m.only) q.whereIn('id', m.only);
  return (await q.update({ contact_id: m.keepId }).returning('id')).map((r: { id: string | number }) => String(r.id));
}

/**
 * An erasure keeps the records (ids, versions, answers, times: the proof of what was consented,
 * with no personal data) and, when the customer had consented, withdraws it: nothing may be sent
 * to a person who asked to be forgotten.
 */
export async function withdrawOnErasure(trx: Knex.Transaction, e: { orgId: string; contactId: string; actor: Actor }): Promise<{ consentsKept: number; consentWithdrawn: number }> {
  await lockContactConsent(trx, e.contactId);
  const latest = await latestOf(trx, e.orgId, e.contactId);
  const kept = Number((await rowsOf(trx, e.orgId, e.contactId).count({ n: '*' }))[0].n);
  if (latest?.answer !== 'granted') return { consentsKept: kept, consentWithdrawn: 0 };
  const notice = await noticeVersion(trx, e.orgId, latest.notice_version);
  await trx('contact_consents').insert({
    org_id: e.orgId,
    contact_id: e.contactId,
    notice_id: notice!.id,
    notice_version: latest.notice_version,
    answer: 'withdrawn',
    source: 'erasure',
    actor_type: e.actor.type,
    actor_id: e.actor.id,
    answered_at: trx.fn.now(),
  });
  return { consentsKept: kept, consentWithdrawn: 1 };
}
