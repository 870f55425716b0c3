import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { contactLockKeys, findOrCreateContact, lockKeys, type ContactDetails } from '../contacts/contact-matching.ts';
import { recordIntakeMatch } from '../contacts/merge-contacts.ts';
import type { BookingForm, StaffBookingRequest } from '../contracts/bookings.ts';
import { DomainError, notFound, validationFailed } from '../errors/index.ts';
import { nextNumber, reserveNumbers } from '../org-counters.ts';
import { addToOutbox } from '../outbox/outbox.ts';
import { fillTemplate } from '../templates/render-template.ts';
import { DEFAULT_TIME_ZONE, todayIn } from '../time/org-time.ts';
import { assignByRules } from './booking-assignment.ts';
import type { ActorType } from '../vocabulary.ts';
import { recordBookingEvent } from './booking-timeline.ts';
import { startFollowUpClock } from './follow-up-clock.ts';
import { checkServiceForm } from './service-hours.ts';

/**
 * Booking forms: the business's website form (`POST /public/v1/bookings`) and the form inside LINE
 * (`POST /liff-api/v1/bookings`). Each is sent with an `Idempotency-Key`; `booking_intakes` is the
 * ledger of keys: the hash of the first body and the answer it got, so that the same key again
 * gets that answer and creates nothing, and the same key with another body is refused.
 *
 * **The website's form is answered once it is stored, and booked by a worker.** A form is checked
 * without writing (the contract, the honeypot, dates, the service's fields and hours), given its
 * booking number, and stored in the ledger with the forms of other requests arriving at the same
 * moment, in one transaction (one commit for all of them: a burst of forms does not wait on a disk
 * flush each). The answer goes out once that commits; a worker (`bookWaitingForms`, woken by the
 * outbox row the batch writes, and by a sweep) then makes each booking as before: the customer
 * matched to a contact, the booking entering the pipeline as `new`, its assignee and the sales
 * groups told (through the booking timeline's subscribers). Staff asking for a booking by its
 * number before its worker ran get it booked on the spot (`bookWaitingForm`).
 *
 * **The form inside LINE is booked in the request**, since the confirmation in the customer's chat
 * belongs to the booking's transaction.
 */
export interface IntakeAnswer {
  booking_id: string | null;
  status: string;
  next_step_message: string | null;
}

export interface IntakeResult {
  answer: IntakeAnswer;
  /** The key was seen with this body: this is the first answer. */
  replayed: boolean;
  /** The honeypot was filled: the answer looks like an acceptance and nothing was stored. */
  dropped: boolean;
}

export interface IntakeRequest {
  /** The org's slug; the default org when absent. */
  orgSlug?: string;
  idempotencyKey: string;
  form: BookingForm;
  ipAddress?: string;
  now?: Date;
  /** Counts the form against the org's own limit when it set one (the api's rate limits); throws `rate_limited` over it. */
  limit?: (l: { orgId: string; requests: number; seconds: number }) => Promise<void>;
}

export interface LineIntakeRequest extends IntakeRequest {
  /** The customer's LINE user id, only as LINE vouched for it (a LIFF ID token; DESIGN 4.11). */
  verifiedLineUserId: string;
  /**
   * Runs in the booking's transaction once the form is known to make a new booking, before the
   * customer is matched: makes the customer known on their chat and gives the conversation the
   * booking belongs to. A refused or replayed form never gets here, so it writes nothing.
   */
  chat: (trx: Knex.Transaction) => Promise<string | undefined>;
  /** Runs in the booking's transaction once it is stored (never for a replay), so what it writes commits with it. */
  onCreated: (trx: Knex.Transaction, created: { bookingId: string; answer: IntakeAnswer }) => Promise<void>;
}

/** Where the workers learn of stored website forms (an outbox row per batch). */
export const INTAKE_QUEUE = 'booking-intake';
export const BOOK_FORMS_JOB = 'book-forms';
/** A queue of its own: on the embedded database a worker whose queue holds a delayed job sleeps until it is due. */
export const INTAKE_SWEEP_QUEUE = 'booking-intake-sweep';
export const INTAKE_SWEEP_JOB = 'sweep';

const KEY = /^[\x21-\x7e]{8,255}$/;

/** The hash of a form as the contract parsed it: key order and spacing do not make another body. */
export function formHash(form: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as any)[k])])) : v;
  return createHash('sha256').update(JSON.stringify(canonical(form))).digest('hex');
}

export function checkIdempotencyKey(key: string | undefined): string {
  if (!key) throw validationFailed('The Idempotency-Key header is required', [{ path: 'Idempotency-Key', message: 'Required: one key per form submission' }]);
  if (!KEY.test(key)) throw validationFailed('The Idempotency-Key header is not valid', [{ path: 'Idempotency-Key', message: '8 to 255 visible ASCII characters' }]);
  return key;
}

/**
 * Orgs by slug, for a few seconds: every form reads its org and the text of its answer (the
 * `booking_received_web` templates), and these hardly ever change; an edit shows within 5 s.
 */
type FormOrg = {
  id: string;
  time_zone: string;
  public_form_limit: { requests: number; seconds: number } | null;
  received_templates: { language: string; body: string }[];
};
const orgCaches = new WeakMap<Knex, Map<string, { org: FormOrg; until: number }>>();
const ORG_CACHE_MS = 5_000;

async function orgOf(db: Knex, slug: string | undefined): Promise<FormOrg> {
  let orgCache = orgCaches.get(db);
  if (!orgCache) orgCaches.set(db, (orgCache = new Map()));
  const cached = orgCache.get(slug ?? '');
  if (cached && cached.until > Date.now()) return cached.org;
  const q = db('orgs as o').select(
    'o.id',
    'o.time_zone',
    db.raw(`o.settings->'publicFormLimit' AS public_form_limit`),
    db.raw(
      `(SELECT coalesce(json_agg(json_build_object('language', tp.language, 'body', tp.body)), '[]')
          FROM templates tp WHERE tp.org_id = o.id AND tp.key = 'booking_received_web') AS received_templates`,
    ),
  );
  const org = await (slug ? q.where('o.slug', slug) : q.where('o.is_default', true)).first();
  if (!org) throw notFound('Organisation', slug ? { org: slug } : undefined);
  const l = org.public_form_limit;
  org.public_form_limit = l && Number.isInteger(l.requests) && Number.isInteger(l.seconds) && l.requests > 0 && l.seconds > 0 ? l : null;
  if (orgCache.size > 1000) orgCache.clear();
  orgCache.set(slug ?? '', { org, until: Date.now() + ORG_CACHE_MS });
  return org;
}

function checkDates(f: BookingForm, today: string): void {
  const past: { path: string; message: string }[] = [];
  if (f.start_date && f.start_date < today) past.push({ path: 'start_date', message: `The date is in the past (today is ${today})` });
  if (f.end_date && f.end_date < today) past.push({ path: 'end_date', message: `The date is in the past (today is ${today})` });
  if (f.month && f.month < today.slice(0, 7)) past.push({ path: 'month', message: `The month is in the past (this month is ${today.slice(0, 7)})` });
  if (past.length) throw validationFailed('The booking form is not valid', past);
}

/** The answer's text, from the org's `booking_received_web` template in the form's language (the other language when it has none). */
function nextStepMessage(org: FormOrg, f: BookingForm, vars: { booking_id: string | null; service: string }): string | null {
  const t = org.received_templates.find((x) => x.language === f.language) ?? org.received_templates[0];
  return t ? fillTemplate(t.body, { ...vars, name: f.name }) : null;
}

/** A form that passed every check: what its booking and its answer need. */
interface CheckedForm {
  org: FormOrg;
  hash: string;
  service: { id: string; name_th: string; name_en: string } | undefined;
  /** The answer, once the booking's number is known. */
  answerFor: (number: string) => IntakeAnswer;
}

/**
 * Everything a form is checked against before anything is written: the org's own limit, the
 * honeypot (`dropped`, answered as if accepted), dates in the org's time zone, the service's fields
 * and hours. Reads only.
 */
async function checkForm(knex: Knex, r: IntakeRequest & { verifiedLineUserId?: string }): Promise<CheckedForm | { dropped: IntakeResult }> {
  const org = await orgOf(knex, r.orgSlug);
  // The org's own limit on its form (org settings, `publicFormLimit`), counted before anything else.
  if (org.public_form_limit && r.limit) await r.limit({ orgId: org.id, requests: org.public_form_limit.requests, seconds: org.public_form_limit.seconds });
  const f = r.form;
  if (f.website?.trim()) {
    return { dropped: { answer: { booking_id: null, status: 'received', next_step_message: nextStepMessage(org, f, { booking_id: null, service: f.destination ?? '' }) }, replayed: false, dropped: true } };
  }
  checkDates(f, todayIn(org.time_zone, r.now));
  // The fields the service requires, its places, and its opening hours (service-hours.ts).
  await checkServiceForm(knex, { orgId: org.id, form: f, now: r.now });
  let service: CheckedForm['service'];
  if (f.service) {
    service = await knex('services').select('id', 'name_th', 'name_en').where({ org_id: org.id, key: f.service, is_active: true }).first();
    if (!service) throw new DomainError('invalid_reference', 'No bookable service has that key', [{ path: 'service', message: `Unknown service ${f.service}` }]);
  }
  const serviceText = service ? (f.language === 'th' ? service.name_th : service.name_en) : (f.destination ?? '');
  return {
    org,
    // The verified LINE user is part of what was submitted: the same key from another LINE user is another body.
    hash: formHash(r.verifiedLineUserId ? { ...f, line_id: r.verifiedLineUserId } : f),
    service,
    answerFor: (number) => ({ booking_id: number, status: 'new', next_step_message: nextStepMessage(org, f, { booking_id: number, service: serviceText }) }),
  };
}

type LedgerRow = { org_id: string; idempotency_key: string; form_hash: string; answer: IntakeAnswer };

/** A key seen before: its first answer when the body is the same, a 422 naming the key when not. */
function replayOf(seen: Pick<LedgerRow, 'form_hash' | 'answer'>, hash: string): IntakeResult {
  if (seen.form_hash !== hash) {
    throw new DomainError('validation_failed', 'This Idempotency-Key was already used with a different form', [
      { path: 'Idempotency-Key', message: 'Already used with another body: use a new key for a new submission' },
    ]);
  }
  return { answer: seen.answer, replayed: true, dropped: false };
}

/** What the ledger keeps of a website form until it is booked. */
interface StoredForm {
  form: BookingForm;
  serviceId: string | null;
  ipAddress: string | null;
}

/** Takes a website booking form: checked, stored, answered; booked by a worker (see the top of this file). */
export async function takeWebForm(knex: Knex, r: IntakeRequest): Promise<IntakeResult> {
  const checked = await checkForm(knex, r);
  if ('dropped' in checked) return checked.dropped;
  return ledgerOf(knex).store({
    orgId: checked.org.id,
    key: r.idempotencyKey,
    hash: checked.hash,
    answerFor: checked.answerFor,
    stored: { form: r.form, serviceId: checked.service?.id ?? null, ipAddress: r.ipAddress ?? null },
  });
}

interface PendingForm {
  orgId: string;
  key: string;
  hash: string;
  answerFor: (number: string) => IntakeAnswer;
  stored: StoredForm;
  done: (r: IntakeResult) => void;
  failed: (e: unknown) => void;
}

/** Most forms stored in one transaction. */
const LEDGER_BATCH = 200;
const ledgers = new WeakMap<Knex, FormLedger>();
const ledgerOf = (knex: Knex) => ledgers.get(knex) ?? ledgers.set(knex, new FormLedger(knex)).get(knex)!;

/**
 * Stores website forms in batches. A form arriving while no batch is being written is written at
 * once, alone; forms arriving while one is being written wait for it and go together in the next.
 * So a quiet site pays one transaction per form, and a busy one a transaction per batch, each
 * request answered as soon as the transaction holding its form has committed (nothing is answered
 * before it is durable).
 */
class FormLedger {
  #waiting: PendingForm[] = [];
  #writing = false;
  readonly #knex: Knex;
  constructor(knex: Knex) {
    this.#knex = knex;
  }

  store(p: Omit<PendingForm, 'done' | 'failed'>): Promise<IntakeResult> {
    return new Promise((done, failed) => {
      this.#waiting.push({ ...p, done, failed });
      if (!this.#writing) void this.#drain();
    });
  }

  async #drain(): Promise<void> {
    this.#writing = true;
    try {
      while (this.#waiting.length) {
        const batch = this.#waiting.splice(0, LEDGER_BATCH);
        // A failed batch fails each of its requests (nothing of it was stored): their clients may send them again.
        await storeBatch(this.#knex, batch).catch((e) => batch.forEach((p) => p.failed(e)));
      }
    } finally {
      this.#writing = false;
    }
  }
}

/**
 * One transaction for a batch of forms: the keys already in the ledger are left out, the others
 * get their numbers (one statement per org) and are inserted; keys that another process stored
 * meanwhile are left out by the insert itself (a number reserved for one of them is skipped). An
 * outbox row per org wakes the workers. Forms left out (and a key repeated within the batch) are
 * answered from the ledger once the transaction has committed.
 */
async function storeBatch(knex: Knex, batch: PendingForm[]): Promise<void> {
  const idOf = (orgId: string, key: string) => `${orgId}\n${key}`;
  const firsts = new Map<string, PendingForm>();
  const repeats: PendingForm[] = [];
  for (const p of batch) {
    const id = idOf(p.orgId, p.key);
    if (firsts.has(id)) repeats.push(p);
    else firsts.set(id, p);
  }
  const stored = await knex.transaction(async (trx) => {
    const pairs = [...firsts.values()].map((p) => [p.orgId, p.key]);
    const seen = new Set((await trx('booking_intakes').select('org_id', 'idempotency_key').whereIn(['org_id', 'idempotency_key'], pairs)).map((s) => idOf(s.org_id, s.idempotency_key)));
    const fresh = [...firsts.values()].filter((p) => !seen.has(idOf(p.orgId, p.key)));
    const rows: Record<string, unknown>[] = [];
    for (const orgId of new Set(fresh.map((p) => p.orgId))) {
      const ofOrg = fresh.filter((p) => p.orgId === orgId);
      const numbers = await reserveNumbers(trx, orgId, 'booking', ofOrg.length);
      ofOrg.forEach((p, i) => rows.push({ org_id: orgId, idempotency_key: p.key, form_hash: p.hash, number: numbers[i], answer: JSON.stringify(p.answerFor(numbers[i])), form: JSON.stringify(p.stored) }));
    }
    const inserted: { org_id: string; idempotency_key: string; answer: IntakeAnswer }[] = rows.length
      ? await trx('booking_intakes').insert(rows).onConflict(['org_id', 'idempotency_key']).ignore().returning(['org_id', 'idempotency_key', 'answer'])
      : [];
    const orgs = new Set(inserted.map((i) => i.org_id));
    if (orgs.size) await addToOutbox(trx, [...orgs].map((orgId) => ({ orgId, queue: INTAKE_QUEUE, jobName: BOOK_FORMS_JOB, payload: {} })));
    return new Map(inserted.map((i) => [idOf(i.org_id, i.idempotency_key), i.answer]));
  });
  for (const p of firsts.values()) {
    const answer = stored.get(idOf(p.orgId, p.key));
    if (answer) p.done({ answer, replayed: false, dropped: false });
    else repeats.push(p);
  }
  if (!repeats.length) return;
  const rows: LedgerRow[] = await knex('booking_intakes')
    .select('org_id', 'idempotency_key', 'form_hash', 'answer')
    .whereIn(['org_id', 'idempotency_key'], repeats.map((p) => [p.orgId, p.key]));
  const byId = new Map(rows.map((row) => [idOf(row.org_id, row.idempotency_key), row]));
  for (const p of repeats) {
    try {
      p.done(replayOf(byId.get(idOf(p.orgId, p.key))!, p.hash));
    } catch (e) {
      p.failed(e);
    }
  }
}

/** A new booking's row and first events, as every way in writes them. */
interface NewBooking {
  orgId: string;
  number: string;
  contact: Awaited<ReturnType<typeof findOrCreateContact>>;
  actor: { type: ActorType; id: string | null };
  columns: Record<string, unknown>;
  /** What the `created` event tells (the sales groups' card reads it). */
  created: Record<string, unknown>;
  /** What a match tells staff beyond who and how (the form's details the contact does not hold). */
  matched?: Record<string, unknown>;
  /** When the first-contact clock starts: when the customer sent the form. */
  at?: Date;
}

/**
 * The booking row, its `created` event (the sales groups get its card: core/staff/timeline-reactions.ts),
 * the match to a contact on both timelines (the contact's, where an admin can undo it), and its
 * entry into the pipeline: the first-contact clock and the org's assignment rules.
 */
async function insertBooking(trx: Knex.Transaction, b: NewBooking): Promise<string> {
  const [row] = await trx('bookings')
    .insert({ org_id: b.orgId, number: b.number, contact_id: b.contact.contactId, stage: 'new', ...b.columns })
    .returning('id');
  const bookingId = row.id as string;
  await recordBookingEvent(trx, { orgId: b.orgId, bookingId, type: 'created', actor: b.actor, isPublic: true, data: b.created });
  if (b.contact.matchedBy) {
    const c = b.contact;
    await recordBookingEvent(trx, { orgId: b.orgId, bookingId, type: 'contact_matched', actor: { type: 'system', id: null }, isPublic: false, data: { contactId: c.contactId, by: c.matchedBy, ...b.matched } });
    await recordIntakeMatch(trx, { orgId: b.orgId, contactId: c.contactId, by: c.matchedBy!, bookingId, form: c.form, filled: c.filled });
  }
  await enterPipeline(trx, bookingId, b.at);
  return bookingId;
}

/** A new booking's first-contact clock starts, and the org's rules give it an assignee when one fits. */
async function enterPipeline(trx: Knex.Transaction, bookingId: string, now?: Date): Promise<void> {
  await startFollowUpClock(trx, bookingId, 'first_contact', now);
  await assignByRules(trx, bookingId);
}

const present = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && v !== null));

/** A form's booking: the customer matched (their locks held), the booking written with the form's details and attribution. */
async function bookForm(
  trx: Knex.Transaction,
  b: { orgId: string; number: string; key: string; stored: StoredForm; lineUserId?: string; conversationId?: string; at?: Date },
): Promise<string> {
  const f = b.stored.form;
  const who: ContactDetails = { orgId: b.orgId, name: f.name, email: f.email, phone: f.phone, lineUserId: b.lineUserId, language: f.language };
  const contact = await findOrCreateContact(trx, who, { locked: true });
  return insertBooking(trx, {
    orgId: b.orgId,
    number: b.number,
    contact,
    actor: { type: 'customer', id: contact.contactId },
    at: b.at,
    columns: {
      conversation_id: b.conversationId ?? null,
      service_id: b.stored.serviceId,
      requested_date: f.start_date ?? null,
      requested_time: f.time ?? null,
      party_size: f.travelers ?? null,
      language: f.language,
      details: JSON.stringify(
        present({ destination: f.destination, style: f.style, month: f.month, start_date: f.start_date, end_date: f.end_date, duration_days: f.duration_days, budget: f.budget, notes: f.notes }),
      ),
      utm: JSON.stringify(present({ source: f.utm_source, medium: f.utm_medium, campaign: f.utm_campaign, page_url: f.page_url, referrer: f.referrer, ip_address: b.stored.ipAddress })),
      notes: f.notes ?? null,
      source: 'web',
      idempotency_key: b.key,
    },
    created: { source: 'web', service: f.service ?? null, destination: f.destination ?? null, date: f.start_date ?? null, time: f.time ?? null, partySize: f.travelers ?? null, campaign: f.utm_campaign ?? null },
    // What the form gave that the contact does not hold, for staff to see (never written onto the contact: contact-matching.ts).
    matched: Object.keys(contact.offered).length ? { offered: contact.offered } : {},
  });
}

/** The customer's locks (contact-matching.ts), so that two forms of one new customer make one contact. */
const lockCustomer = (trx: Knex.Transaction, orgId: string, f: BookingForm, lineUserId?: string) =>
  lockKeys(trx, contactLockKeys({ orgId, email: f.email, phone: f.phone, lineUserId }));

/** Forms a worker books in one transaction: a backlog commits a batch at a time, not a form at a time. */
const BOOKING_BATCH = 20;

type WaitingForm = { id: string; org_id: string; idempotency_key: string; number: string; form: StoredForm; created_at: Date };

/** Books stored forms in the worker's transaction, and marks them booked; the booking holds each form from now on. */
async function bookStoredForms(trx: Knex.Transaction, rows: WaitingForm[]): Promise<void> {
  for (const row of rows) {
    await lockCustomer(trx, row.org_id, row.form.form);
    const bookingId = await bookForm(trx, { orgId: row.org_id, number: row.number, key: row.idempotency_key, stored: row.form, at: row.created_at });
    await trx('booking_intakes').where({ id: row.id }).update({ booking_id: bookingId, booked_at: trx.fn.now(), form: null });
  }
}

const waitingForms = (trx: Knex.Transaction) => trx('booking_intakes').select('id', 'org_id', 'idempotency_key', 'number', 'form', 'created_at').whereNull('booked_at');

/**
 * The workers' job: books every stored website form waiting, the oldest first, up to 20 in a
 * transaction. Exactly once: a form's row stays locked until its booking commits with `booked_at`,
 * and other workers skip it (so several workers share a backlog out). A batch that fails (a deadlock
 * between two customers' locks, a form the database refuses) is booked again one form per
 * transaction, so that one form cannot hold the others back; a form that fails alone fails the job
 * once the others are booked, and the job is retried.
 */
export async function bookWaitingForms(knex: Knex): Promise<number> {
  let booked = 0;
  for (;;) {
    let ids: string[] = [];
    try {
      const n = await knex.transaction(async (trx) => {
        const rows: WaitingForm[] = await waitingForms(trx).orderBy('id').limit(BOOKING_BATCH).forUpdate().skipLocked();
        ids = rows.map((r) => r.id);
        await bookStoredForms(trx, rows);
        return rows.length;
      });
      if (n === 0) return booked;
      booked += n;
    } catch (err) {
      if (ids.length <= 1) throw err;
      let failure: unknown;
      for (const id of ids) {
        try {
          booked += await knex.transaction(async (trx) => {
            const rows: WaitingForm[] = await waitingForms(trx).where({ id }).forUpdate().skipLocked();
            await bookStoredForms(trx, rows);
            return rows.length;
          });
        } catch (e) {
          failure ??= e;
        }
      }
      if (failure) throw failure;
    }
  }
}

/**
 * A website form's booking made now if it is still waiting (staff asked for it by its number before
 * a worker booked it); waits for a worker that holds it. False when none waits.
 */
export async function bookWaitingForm(knex: Knex, orgId: string, number: string): Promise<boolean> {
  return knex.transaction(async (trx) => {
    const rows: WaitingForm[] = await waitingForms(trx).where({ org_id: orgId, number }).forUpdate();
    await bookStoredForms(trx, rows);
    return rows.length > 0;
  });
}

/**
 * The booking form inside LINE, booked in the request: the key is claimed in the ledger first (a
 * resubmission waits for the first and gets its answer), then the customer is tied to their chat
 * and matched, the booking made and the confirmation queued, all in one transaction.
 */
export async function takeLineForm(knex: Knex, r: LineIntakeRequest): Promise<IntakeResult & { bookingId: string | null }> {
  const checked = await checkForm(knex, r);
  if ('dropped' in checked) return { ...checked.dropped, bookingId: null };
  const orgId = checked.org.id;
  // Taken in a statement of its own: the org's counter row stays locked for that statement only
  // (website batches draw from it too). A resubmission's number is skipped.
  const number = await nextNumber(knex, orgId, 'booking');
  const answer = checked.answerFor(number);
  return knex.transaction(async (trx) => {
    const [claimed] = await trx('booking_intakes')
      .insert({ org_id: orgId, idempotency_key: r.idempotencyKey, form_hash: checked.hash, number, answer: JSON.stringify(answer), booked_at: trx.fn.now() })
      .onConflict(['org_id', 'idempotency_key'])
      .ignore()
      .returning('id');
    if (!claimed) {
      const seen = await trx('booking_intakes').select('form_hash', 'answer', 'booking_id').where({ org_id: orgId, idempotency_key: r.idempotencyKey }).first();
      return { ...replayOf(seen, checked.hash), bookingId: seen.booking_id };
    }
    await lockCustomer(trx, orgId, r.form, r.verifiedLineUserId);
    const conversationId = await r.chat(trx);
    const stored = { form: r.form, serviceId: checked.service?.id ?? null, ipAddress: r.ipAddress ?? null };
    const bookingId = await bookForm(trx, { orgId, number, key: r.idempotencyKey, stored, lineUserId: r.verifiedLineUserId, conversationId, at: r.now });
    await trx('booking_intakes').where({ id: claimed.id }).update({ booking_id: bookingId });
    await r.onCreated(trx, { bookingId, answer });
    return { answer, replayed: false, dropped: false, bookingId };
  });
}

/** PDPA erasure: the answers given to a contact's forms lose their personal text (the key, hash and number stay). */
export async function eraseIntakeAnswers(trx: Knex.Transaction, bookingIds: string[], strip: (v: unknown) => string): Promise<number> {
  if (!bookingIds.length) return 0;
  const rows = await trx('booking_intakes').select('id', 'answer').whereIn('booking_id', bookingIds);
  for (const r of rows) await trx('booking_intakes').where({ id: r.id }).update({ answer: strip(r.answer) });
  return rows.length;
}

export interface StaffBookingInput {
  orgId: string;
  form: StaffBookingRequest;
  actor: { type: 'api_key' | 'staff'; id: string };
  now?: Date;
}

/**
 * A booking a staff member records for a customer (a concierge booking for a member, seed 000),
 * or a business's own system sends: the customer is matched like a website form's, the booking
 * enters the pipeline as `new`, and the sales groups get its card.
 */
export async function createStaffBooking(knex: Knex, r: StaffBookingInput): Promise<{ id: string; number: string }> {
  const f = r.form;
  const org = await knex('orgs').select('time_zone').where({ id: r.orgId }).first();
  const today = todayIn(org?.time_zone ?? DEFAULT_TIME_ZONE, r.now);
  if (f.start_date && f.start_date < today) throw validationFailed('The booking is not valid', [{ path: 'start_date', message: `The date is in the past (today is ${today})` }]);
  return knex.transaction(async (trx) => {
    let serviceId: string | null = null;
    if (f.service) {
      const service = await trx('services').select('id').where({ org_id: r.orgId, key: f.service, is_active: true }).first();
      if (!service) throw new DomainError('invalid_reference', 'No bookable service has that key', [{ path: 'service', message: `Unknown service ${f.service}` }]);
      serviceId = service.id;
    }
    // Staff recording a booking vouch for the customer's details: blanks are filled from them.
    const contact = await findOrCreateContact(trx, { orgId: r.orgId, name: f.name, email: f.email, phone: f.phone, language: f.language }, { fill: 'blanks' });
    const number = await nextNumber(trx, r.orgId, 'booking');
    const id = await insertBooking(trx, {
      orgId: r.orgId,
      number,
      contact,
      actor: r.actor,
      at: r.now,
      columns: {
        service_id: serviceId,
        requested_date: f.start_date ?? null,
        requested_time: f.time ?? null,
        party_size: f.travelers ?? null,
        language: f.language,
        details: JSON.stringify(present({ destination: f.destination, notes: f.notes })),
        notes: f.notes ?? null,
        source: f.source,
      },
      created: { source: f.source, service: f.service ?? null, destination: f.destination ?? null, date: f.start_date ?? null, time: f.time ?? null, partySize: f.travelers ?? null },
    });
    return { id, number };
  });
}
