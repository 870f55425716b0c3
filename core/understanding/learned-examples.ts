import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { changingOrg } from '../db/org-cache.ts';
import { phrasingsOf } from '../contracts/faq-phrasings.ts';
import { LEARNED_DAILY_LIMIT, type LearnedExampleList, type LearnedExampleView, type LearnedReason, type LearnedStatus } from '../contracts/learned-examples.ts';
import { learnFromStaffOf } from '../contracts/org-settings.ts';
import { EXAMPLE_MAX_CHARS, EXAMPLES_MAX } from '../contracts/taxonomy.ts';
import { DomainError, notFound } from '../errors/index.ts';
import { iso } from '../time/iso.ts';
import { normalizePhrase } from './known-phrases.ts';
import { addExamplePhrase, examplePhrasesOf, removeExamplePhrase, type ExampleClass, type TaxonomyWriter } from './taxonomy-admin.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * The bot learns from staff (docs/understanding.md, "Learning from staff"): a customer message a
 * person put in a class becomes an example phrase of that class, so the next message like it is
 * read right. The one writer of `learned_examples`; the phrases themselves go through the
 * taxonomy's writer (taxonomy-admin.ts), in the caller's transaction.
 *
 * What a correction becomes, checked in this order:
 * - `refused`: nothing to learn from (empty), longer than an example may be, already an example
 *   of this class, the class full or gone;
 * - `conflict`: the same phrase (lower case, single spaces) is an example of another class: two
 *   classes with one phrase teach the classifier nothing, so an admin decides;
 * - `suggested`: the org's switch `learnFromStaff` is off;
 * - `over_limit`: the staff member's corrections added LEARNED_DAILY_LIMIT phrases today already
 *   (one person, in a hurry or by mistake, cannot rewrite the taxonomy in an afternoon);
 * - `added` otherwise.
 * One row per message: corrected again, the earlier phrase is taken back out and the later class wins.
 */

type Db = Knex | Knex.Transaction;
type Row = Record<string, any>;
export type LearnedSource = 'case_correction' | 'handover_case' | 'handover_booking' | 'handover_faq';

export interface StaffJudgement {
  orgId: string;
  /** The customer's message the person put in a class. */
  messageId: string;
  source: LearnedSource;
  classKind: ExampleClass;
  classKey: string;
  /** Who corrected: their daily limit, and the audit log's actor. */
  staffId: string | null;
  now: Date;
  requestId?: string;
}


const writerOf = (orgId: string, actor: TaxonomyWriter['actor'], requestId?: string): TaxonomyWriter => ({ orgId, actor, requestId });

interface Outcome {
  status: LearnedStatus;
  reason?: LearnedReason;
  conflict?: { kind: ExampleClass | 'faq'; key: string };
}

/** Every active case type's and service's phrases, and the FAQ's ways of asking, by normalised phrase. */
async function phraseOwners(db: Db, orgId: string): Promise<Map<string, { kind: ExampleClass | 'faq'; key: string }[]>> {
  const owners = new Map<string, { kind: ExampleClass | 'faq'; key: string }[]>();
  const add = (phrase: string, kind: ExampleClass | 'faq', key: string) => {
    const n = normalizePhrase(phrase);
    if (n) owners.set(n, [...(owners.get(n) ?? []), { kind, key }]);
  };
  // One after another: inside a transaction they share one connection.
  const caseTypes = await db('case_types').select('key', 'examples').where({ org_id: orgId, is_active: true });
  const services = await db('services').select('key', 'examples').where({ org_id: orgId, is_active: true });
  const faq = await db('faq_entries').select('key', 'question_th', 'question_en').where({ org_id: orgId, is_active: true });
  for (const r of caseTypes) for (const p of phrasesIn(r)) add(p, 'case_type', r.key);
  for (const r of services) for (const p of phrasesIn(r)) add(p, 'service', r.key);
  for (const r of faq) for (const q of [r.question_th, r.question_en]) if (q) for (const p of phrasingsOf(q)) add(p, 'faq', r.key);
  return owners;
}

function phrasesIn(row: Row): string[] {
  const ex = typeof row.examples === 'string' ? JSON.parse(row.examples) : (row.examples ?? {});
  return [...(ex.th ?? []), ...(ex.en ?? [])];
}

const TABLES: Record<ExampleClass, string> = { case_type: 'case_types', service: 'services', faq: 'faq_entries' };
const tableOf = (kind: ExampleClass) => TABLES[kind];

/** Whether the phrase may be an example of the class at all, and whether another class has it. */
async function judge(db: Db, orgId: string, text: string, kind: ExampleClass, key: string): Promise<Outcome | undefined> {
  const phrase = text.trim();
  if (!phrase) return { status: 'refused', reason: 'empty' };
  if (phrase.length > EXAMPLE_MAX_CHARS) return { status: 'refused', reason: 'too_long' };
  const entry = await db(tableOf(kind)).select(kind === 'faq' ? ['question_th', 'question_en'] : ['examples']).where({ org_id: orgId, key, is_active: true }).first();
  if (!entry) return { status: 'refused', reason: 'class_gone' };
  const owners = (await phraseOwners(db, orgId)).get(normalizePhrase(phrase)) ?? [];
  if (owners.some((o) => o.kind === kind && o.key === key)) return { status: 'refused', reason: 'already_an_example' };
  // A FAQ entry's way of asking counts: the classifier would read the phrase as that question.
  if (owners[0]) return { status: 'conflict', conflict: owners[0] };
  if (examplePhrasesOf(kind, entry).length >= EXAMPLES_MAX) return { status: 'refused', reason: 'class_full' };
  return undefined;
}

/** Phrases this staff member's corrections added by themselves since the start of the org's day. */
async function learnedToday(db: Db, orgId: string, staffId: string | null, now: Date): Promise<number> {
  const { rows } = await db.raw<{ rows: { n: string }[] }>(
    `SELECT count(*) AS n FROM learned_examples l JOIN orgs o ON o.id = l.org_id
      WHERE l.org_id = :org AND l.learned_automatically AND l.corrected_by_staff_id IS NOT DISTINCT FROM :staff
        AND l.corrected_at >= (date_trunc('day', :now::timestamptz AT TIME ZONE o.time_zone) AT TIME ZONE o.time_zone)`,
    { org: orgId, staff: staffId, now: now.toISOString() },
  );
  return Number(rows[0].n);
}

/**
 * A person put this customer message in a class: keep it as an example of the class, or as a
 * suggestion with what stands in the way. Nothing when the message is not a customer's.
 */
export async function learnFromStaff(trx: Knex.Transaction, j: StaffJudgement): Promise<void> {
  const message = await trx('messages')
    .join('conversations', 'conversations.id', 'messages.conversation_id')
    .select('messages.text', 'messages.sender_type', 'conversations.contact_id', 'conversations.org_id')
    .where('messages.id', j.messageId)
    .first();
  if (!message || message.org_id !== j.orgId || message.sender_type !== 'customer') return;
  const text: string = message.text ?? '';
  const staffWriter = writerOf(j.orgId, j.staffId ? { type: 'staff', id: j.staffId } : { type: 'system' }, j.requestId);

  const earlier = await trx('learned_examples').where({ org_id: j.orgId, message_id: j.messageId }).forUpdate().first();
  if (earlier?.status === 'added') {
    // Already what it was learned as: nothing to change, and no second count against the limit.
    if (earlier.class_kind === j.classKind && earlier.class_key === j.classKey) return;
    // The later class wins: the earlier phrase leaves the class it was wrongly put in.
    await takeOut(trx, staffWriter, earlier);
  }

  const org = await orgSettingsRow(trx, j.orgId);
  let outcome = await judge(trx, j.orgId, text, j.classKind, j.classKey);
  if (!outcome && !learnFromStaffOf(org?.settings)) outcome = { status: 'suggested' };
  if (!outcome && (await learnedToday(trx, j.orgId, j.staffId, j.now)) >= LEARNED_DAILY_LIMIT) outcome = { status: 'over_limit' };
  if (!outcome) {
    await addExamplePhrase(trx, staffWriter, j.classKind, j.classKey, text.trim());
    outcome = { status: 'added' };
  }

  const values = {
    source: j.source,
    text,
    normalized_text: normalizePhrase(text),
    class_kind: j.classKind,
    class_key: j.classKey,
    status: outcome.status,
    reason: outcome.reason ?? null,
    conflict_kind: outcome.conflict?.kind ?? null,
    conflict_key: outcome.conflict?.key ?? null,
    corrected_by_staff_id: j.staffId,
    corrected_at: j.now,
    learned_automatically: outcome.status === 'added',
    decided_by_type: null,
    decided_by_id: null,
    decided_at: null,
  };
  if (earlier) await trx('learned_examples').where({ id: earlier.id }).update(values);
  else await trx('learned_examples').insert({ ...values, org_id: j.orgId, message_id: j.messageId, contact_id: message.contact_id });
}

/** Takes a learned phrase back out of its class's examples (the class may be gone since: then nothing to take out). */
async function takeOut(trx: Knex.Transaction, w: TaxonomyWriter, row: Row): Promise<void> {
  const exists = await trx(tableOf(row.class_kind)).where({ org_id: row.org_id, key: row.class_key }).first('id');
  if (exists) await removeExamplePhrase(trx, w, row.class_kind, row.class_key, (p) => normalizePhrase(p) === row.normalized_text);
}

export interface LearnedDecider {
  orgId: string;
  actor: { type: 'api_key' | 'staff'; id: string };
  requestId?: string;
}

async function lockedRow(trx: Knex.Transaction, orgId: string, id: string): Promise<Row> {
  // Not a uuid: no such row (the database would refuse the comparison).
  const row = /^[0-9a-f-]{36}$/i.test(id) ? await trx('learned_examples').where({ org_id: orgId, id }).whereNot({ status: 'removed' }).forUpdate().first() : undefined;
  if (!row) throw notFound('Learned example', { id });
  return row;
}

/**
 * An admin takes a suggestion into the class's examples: one that waited (switch off), went over
 * the daily limit, or clashed with another class. On a clash the admin has chosen this class: the
 * phrase leaves the other one. A refused one cannot be accepted (409): its text cannot be an example.
 */
export async function acceptLearnedExample(knex: Knex, d: LearnedDecider, id: string): Promise<LearnedExampleView> {
  await changingOrg(knex, d.orgId, async (trx) => {
    const row = await lockedRow(trx, d.orgId, id);
    if (row.status === 'added') return;
    const w = writerOf(d.orgId, d.actor, d.requestId);
    if (row.status === 'refused') throw new DomainError('conflict', `This correction cannot be an example phrase (${row.reason})`, { id, status: row.status, reason: row.reason });
    let outcome = await judge(trx, d.orgId, row.text, row.class_kind, row.class_key);
    const clash = outcome?.conflict;
    if (clash && clash.kind !== 'faq') {
      await removeExamplePhrase(trx, w, clash.kind, clash.key, (p) => normalizePhrase(p) === row.normalized_text);
      outcome = await judge(trx, d.orgId, row.text, row.class_kind, row.class_key);
    }
    if (outcome?.status === 'conflict') throw new DomainError('conflict', 'A FAQ entry is asked with the same words: change its ways of asking first', { id, conflictWith: outcome.conflict });
    if (outcome?.status === 'refused' && outcome.reason !== 'already_an_example') throw new DomainError('conflict', `This correction cannot be an example phrase (${outcome.reason})`, { id, reason: outcome.reason });
    if (!outcome) await addExamplePhrase(trx, w, row.class_kind, row.class_key, row.text.trim());
    await trx('learned_examples')
      .where({ id: row.id })
      .update({ status: 'added', reason: null, conflict_kind: null, conflict_key: null, decided_by_type: d.actor.type, decided_by_id: d.actor.id, decided_at: trx.fn.now() });
    await decisionAudit(trx, d, row, 'accepted');
  });
  return (await listedById(knex, d.orgId, id))!;
}

/** An admin takes a learned phrase back out of its class (or dismisses a suggestion): it is no longer listed. */
export async function removeLearnedExample(knex: Knex, d: LearnedDecider, id: string): Promise<void> {
  await changingOrg(knex, d.orgId, async (trx) => {
    const row = await lockedRow(trx, d.orgId, id);
    if (row.status === 'added') await takeOut(trx, writerOf(d.orgId, d.actor, d.requestId), row);
    await trx('learned_examples').where({ id: row.id }).update({ status: 'removed', decided_by_type: d.actor.type, decided_by_id: d.actor.id, decided_at: trx.fn.now() });
    await decisionAudit(trx, d, row, 'removed');
  });
}

async function decisionAudit(trx: Knex.Transaction, d: LearnedDecider, row: Row, action: 'accepted' | 'removed') {
  await recordAudit(trx, {
    orgId: d.orgId,
    actorType: d.actor.type,
    actorId: d.actor.id,
    action: `learned_example.${action}`,
    subjectType: 'learned_example',
    subjectId: row.id,
    details: { class: { kind: row.class_kind, key: row.class_key }, statusBefore: row.status },
    requestId: d.requestId,
  });
}

// ---------------------------------------------------------------- the review list

const SHOWN_CHARS = 600;
const LIST_LIMIT = 200;

async function classNames(db: Db, orgId: string): Promise<Map<string, { th: string; en: string }>> {
  const names = new Map<string, { th: string; en: string }>();
  for (const kind of ['case_type', 'service'] as const) {
    for (const r of await db(tableOf(kind)).select('key', 'name_th', 'name_en').where({ org_id: orgId })) names.set(`${kind}:${r.key}`, { th: r.name_th, en: r.name_en });
  }
  for (const r of await db('faq_entries').select('key', 'question_th', 'question_en').where({ org_id: orgId })) {
    const first = (q: string | null) => (q ? phrasingsOf(q)[0] : undefined);
    names.set(`faq:${r.key}`, { th: first(r.question_th) ?? first(r.question_en) ?? r.key, en: first(r.question_en) ?? first(r.question_th) ?? r.key });
  }
  return names;
}

function view(r: Row, names: Map<string, { th: string; en: string }>): LearnedExampleView {
  return {
    id: r.id,
    text: r.text.length > SHOWN_CHARS ? `${r.text.slice(0, SHOWN_CHARS)}…` : r.text,
    class: { kind: r.class_kind, key: r.class_key, name: names.get(`${r.class_kind}:${r.class_key}`) ?? null },
    status: r.status,
    reason: r.reason ?? null,
    conflictWith: r.conflict_key ? { kind: r.conflict_kind, key: r.conflict_key, name: names.get(`${r.conflict_kind}:${r.conflict_key}`) ?? null } : null,
    source: r.source,
    correctedBy: r.corrected_by_staff_id ? { staffId: r.corrected_by_staff_id, name: r.staff_name ?? '' } : null,
    correctedAt: iso(r.corrected_at)!,
    decidedAt: r.decided_at ? iso(r.decided_at) : null,
  };
}

function listed(db: Db, orgId: string) {
  return db('learned_examples as l')
    .leftJoin('staff as s', 's.id', 'l.corrected_by_staff_id')
    .select('l.*', 's.display_name as staff_name')
    .where('l.org_id', orgId)
    .whereNot('l.status', 'removed');
}

async function listedById(db: Db, orgId: string, id: string): Promise<LearnedExampleView | undefined> {
  const row = await listed(db, orgId).andWhere('l.id', id).first();
  return row ? view(row, await classNames(db, orgId)) : undefined;
}

/** The review list: newest correction first, the org's switch, and who taught how much today. */
export async function listLearnedExamples(db: Db, orgId: string, now = new Date()): Promise<LearnedExampleList> {
  const [rows, names, org, today] = await Promise.all([
    listed(db, orgId).orderBy([{ column: 'l.corrected_at', order: 'desc' }, { column: 'l.id', order: 'desc' }]).limit(LIST_LIMIT),
    classNames(db, orgId),
    orgSettingsRow(db, orgId),
    db.raw<{ rows: { staff_id: string; name: string; n: string }[] }>(
      `SELECT l.corrected_by_staff_id AS staff_id, s.display_name AS name, count(*) AS n
         FROM learned_examples l JOIN orgs o ON o.id = l.org_id JOIN staff s ON s.id = l.corrected_by_staff_id
        WHERE l.org_id = :org AND l.learned_automatically
          AND l.corrected_at >= (date_trunc('day', :now::timestamptz AT TIME ZONE o.time_zone) AT TIME ZONE o.time_zone)
        GROUP BY l.corrected_by_staff_id, s.display_name ORDER BY count(*) DESC, s.display_name`,
      { org: orgId, now: now.toISOString() },
    ),
  ]);
  return {
    learnFromStaff: learnFromStaffOf(org?.settings),
    dailyLimit: LEARNED_DAILY_LIMIT,
    today: today.rows.map((r) => ({ staffId: r.staff_id, name: r.name, learned: Number(r.n) })),
    items: rows.map((r) => view(r, names)),
  };
}

/**
 * A customer erased under the PDPA (core/contacts/contact-erasure.ts): their words leave the
 * classes they were added to and the list. Subscribed in bin/system.ts, in the erasure's transaction.
 */
export async function eraseContactLearnedExamples(trx: Knex.Transaction, e: { orgId: string; contactId: string }): Promise<Record<string, number>> {
  const rows: Row[] = await trx('learned_examples').where({ org_id: e.orgId, contact_id: e.contactId }).forUpdate();
  const system = writerOf(e.orgId, { type: 'system' });
  for (const row of rows) if (row.status === 'added') await takeOut(trx, system, row);
  const learnedExamples = await trx('learned_examples').where({ org_id: e.orgId, contact_id: e.contactId }).delete();
  return { learnedExamples };
}

