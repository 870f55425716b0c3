import { createHash } from 'node:crypto';
import type { Knex } from 'knex';
import { contactLockKeys, findOrCreateContact, lockKeys } from '../contacts/contact-matching.ts';
import { recordIntakeMatch } from '../contacts/merge-contacts.ts';
import type { BookingForm, StaffBookingRequest } from '../contracts/bookings.ts';
import { DomainError, notFound, validationFailed } from '../errors/index.ts';
import { nextNumber } from '../org-counters.ts';
import { fillTemplate } from '../templates/render-template.ts';
import { assignByRules } from './booking-assignment.ts';
import { recordBookingEvent } from './booking-timeline.ts';
import { followUpClockColumns, scheduleFollowUpTimers, startFollowUpClock, type OrgClockSettings } from './follow-up-clock.ts';
import { checkServiceForm } from './service-hours.ts';

/**
 * A booking from the business's website form (`POST /public/v1/bookings`). The form is sent with
 * an `Idempotency-Key`: the first request with a key creates the booking and keeps the hash of its
 * body and the answer it got, in the booking's own row and transaction; the same key again gets
 * that answer and creates nothing, and the same key with another body is refused. The customer
 * is matched to a contact they already are (core/contacts/contact-matching.ts), the booking
 * enters the pipeline as `new`, unassigned, and the sales groups get its card (through the
 * booking timeline's subscribers).
 */
export interface IntakeAnswer {
  booking_id: string | null;
  status: string;
  next_step_message: string | null;
}

export interface IntakeRequest {
  /** The org's slug; the default org when absent. */
  orgSlug?: string;
  idempotencyKey: string;
  form: BookingForm;
  /**
   * The customer's LINE user id, only as LINE vouched for it (a LIFF ID token): the form inside
   * LINE. The website's form never names one (DESIGN 4.11).
   */
  verifiedLineUserId?: string;
  /**
   * Runs in the intake's transaction once the form is known to make a new booking, before the
   * customer is matched: makes the customer known on their chat (the form inside LINE) and gives the
   * conversation the booking belongs to. A refused or replayed form never gets here, so it writes nothing.
   */
  chat?: (trx: Knex.Transaction) => Promise<string | undefined>;
  ipAddress?: string;
  now?: Date;
  /** Counts the form against the org's own limit when it set one (the api's rate limits); throws `rate_limited` over it. */
  limit?: (l: { orgId: string; requests: number; seconds: number }) => Promise<void>;
  /**
   * Runs inside the intake's transaction once a new booking is stored (never for a replay or a
   * dropped form), so what it writes (a confirmation in the chat) commits with the booking.
   */
  onCreated?: (trx: Knex.Transaction, created: { bookingId: string; answer: IntakeAnswer }) => Promise<void>;
}

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

/** Orgs by slug, for a few seconds: every form reads its org, and orgs hardly ever change. */
type FormOrg = { id: string; time_zone: string; public_form_limit: { requests: number; seconds: number } | null };
const orgCaches = new WeakMap<Knex, Map<string, { org: FormOrg; until: number }>>();
const ORG_CACHE_MS = 5_000;

async function orgOf(db: Knex, slug: string | undefined): Promise<FormOrg> {
  let orgCache = orgCaches.get(db);
  if (!orgCache) orgCaches.set(db, (orgCache = new Map()));
  const cached = orgCache.get(slug ?? '');
  if (cached && cached.until > Date.now()) return cached.org;
  const q = db('orgs').select('id', 'time_zone', db.raw(`settings->'publicFormLimit' AS public_form_limit`));
  const org = await (slug ? q.where({ slug }) : q.where({ is_default: true })).first();
  if (!org) throw notFound('Organisation', slug ? { org: slug } : undefined);
  const l = org.public_form_limit;
  org.public_form_limit = l && Number.isInteger(l.requests) && Number.isInteger(l.seconds) && l.requests > 0 && l.seconds > 0 ? l : null;
  if (orgCache.size > 1000) orgCache.clear();
  orgCache.set(slug ?? '', { org, until: Date.now() + ORG_CACHE_MS });
  return org;
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/** Today's date where the business is (one formatter per time zone: building one costs more than the check). */
function localToday(now: Date, timeZone: string): string {
  let f = dayFormats.get(timeZone);
  if (!f) dayFormats.set(timeZone, (f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return f.format(now);
}

function checkDates(f: BookingForm, today: string): void {
  const past: { path: string; message: string }[] = [];
  if (f.start_date && f.start_date < today) past.push({ path: 'start_date', message: `The date is in the past (today is ${today})` });
  if (f.end_date && f.end_date < today) past.push({ path: 'end_date', message: `The date is in the past (today is ${today})` });
  if (f.month && f.month < today.slice(0, 7)) past.push({ path: 'month', message: `The month is in the past (this month is ${today.slice(0, 7)})` });
  if (past.length) throw validationFailed('The booking form is not valid', past);
}

type Seen = { id: string; idempotency_hash: string; intake_response: unknown };

/**
 * What every form reads, in the one statement it makes before its transaction: whether its key was
 * seen (a replay is answered from this alone), and what a new booking needs of its org, read fresh
 * each time: the calendar and follow-up targets (the first-contact clock is written with the
 * booking) and the `booking_received_web` templates (the answer).
 */
type FormFacts = OrgClockSettings & { seen: Seen | null; received_templates: { language: string; body: string }[] };

async function formFacts(db: Knex, orgId: string, key: string): Promise<FormFacts> {
  const { rows } = await db.raw(
    `SELECT (SELECT json_build_object('id', b.id, 'idempotency_hash', b.idempotency_hash, 'intake_response', b.intake_response)
               FROM bookings b WHERE b.org_id = o.id AND b.idempotency_key = ?) AS seen,
            o.time_zone, o.business_hours, o.holidays, t.first_contact_minutes, t.quote_minutes, t.warn_at_ratio,
            (SELECT coalesce(json_agg(json_build_object('language', tp.language, 'body', tp.body)), '[]')
               FROM templates tp WHERE tp.org_id = o.id AND tp.key = 'booking_received_web') AS received_templates
       FROM orgs o LEFT JOIN booking_follow_up_targets t ON t.org_id = o.id
      WHERE o.id = ?`,
    [key, orgId],
  );
  return rows[0];
}

/** The answer's text, from the org's `booking_received_web` template in the form's language (the other language when it has none). */
function nextStepMessage(facts: FormFacts, f: BookingForm, vars: { booking_id: string | null; service: string }): string | null {
  const t = facts.received_templates.find((x) => x.language === f.language) ?? facts.received_templates[0];
  return t ? fillTemplate(t.body, { ...vars, name: f.name }) : null;
}

/**
 * Takes a website booking. `replayed`: the key was seen with this body, and this is the first answer.
 * `dropped`: the honeypot was filled; the answer looks like an acceptance and nothing was stored.
 */
export async function intakeWebBooking(knex: Knex, r: IntakeRequest): Promise<{ answer: IntakeAnswer; replayed: boolean; dropped: boolean; bookingId: string | null }> {
  const org = await orgOf(knex, r.orgSlug);
  // The org's own limit on its form (org settings, `publicFormLimit`), counted before anything else.
  if (org.public_form_limit && r.limit) await r.limit({ orgId: org.id, requests: org.public_form_limit.requests, seconds: org.public_form_limit.seconds });
  const f = r.form;
  // The verified LINE user is part of what was submitted: the same key from another LINE user is another body.
  const hash = formHash(r.verifiedLineUserId ? { ...f, line_id: r.verifiedLineUserId } : f);
  const facts = await formFacts(knex, org.id, r.idempotencyKey);
  if (f.website?.trim()) {
    return { answer: { booking_id: null, status: 'received', next_step_message: nextStepMessage(facts, f, { booking_id: null, service: f.destination ?? '' }) }, replayed: false, dropped: true, bookingId: null };
  }
  const replay = (seen: Seen | null | undefined) => {
    if (!seen) return undefined;
    if (seen.idempotency_hash !== hash) {
      throw new DomainError('validation_failed', 'This Idempotency-Key was already used with a different form', [
        { path: 'Idempotency-Key', message: 'Already used with another body: use a new key for a new submission' },
      ]);
    }
    return { answer: seen.intake_response as IntakeAnswer, replayed: true, dropped: false, bookingId: seen.id };
  };
  const seenKey = (db: Knex) => db('bookings').select('id', 'idempotency_hash', 'intake_response').where({ org_id: org.id, idempotency_key: r.idempotencyKey }).first();
  const early = replay(facts.seen);
  if (early) return early;
  checkDates(f, localToday(r.now ?? new Date(), org.time_zone));
  // The fields the service requires, its places, and its opening hours (service-hours.ts).
  await checkServiceForm(knex, { orgId: org.id, form: f, now: r.now });
  let service: { id: string; name_th: string; name_en: string } | undefined;
  if (f.service) {
    service = await knex('services').select('id', 'name_th', 'name_en').where({ org_id: org.id, key: f.service, is_active: true }).first();
    if (!service) throw new DomainError('invalid_reference', 'No bookable service has that key', [{ path: 'service', message: `Unknown service ${f.service}` }]);
  }
  // The booking number comes from the org's one counter row. Taken in a statement of its own, the
  // row is locked for that statement only; inside the intake's transaction every intake of the org
  // would wait for the one before it to commit. A number is skipped when a retry of the same
  // submission races the first one, or the database fails the intake after this point.
  const number = await nextNumber(knex, org.id, 'booking');
  return knex.transaction(async (trx) => {
    // One request per key at a time: a retry that arrives while the first is still working waits
    // for its answer. The customer's locks (contact-matching.ts) are taken in the same statement.
    const who = { orgId: org.id, name: f.name, email: f.email, phone: f.phone, lineUserId: r.verifiedLineUserId, language: f.language };
    await lockKeys(trx, [`intake:${org.id}:${r.idempotencyKey}`, ...contactLockKeys(who)]);
    const raced = replay(await seenKey(trx));
    if (raced) return raced;
    const conversationId = await r.chat?.(trx);
    const contact = await findOrCreateContact(trx, who, { locked: true });
    const serviceText = service ? (f.language === 'th' ? service.name_th : service.name_en) : (f.destination ?? '');
    const answer: IntakeAnswer = { booking_id: number, status: 'new', next_step_message: nextStepMessage(facts, f, { booking_id: number, service: serviceText }) };
    const details = Object.fromEntries(
      Object.entries({
        destination: f.destination,
        style: f.style,
        month: f.month,
        start_date: f.start_date,
        end_date: f.end_date,
        duration_days: f.duration_days,
        budget: f.budget,
        notes: f.notes,
      }).filter(([, v]) => v !== undefined && v !== ''),
    );
    const utm = Object.fromEntries(
      Object.entries({ source: f.utm_source, medium: f.utm_medium, campaign: f.utm_campaign, page_url: f.page_url, referrer: f.referrer, ip_address: r.ipAddress }).filter(
        ([, v]) => v !== undefined && v !== '',
      ),
    );
    // The first-contact clock is written with the booking (the org's calendar and targets are at hand).
    const clock = followUpClockColumns(facts, 'first_contact', r.now ?? new Date());
    const [row] = await trx('bookings')
      .insert({
        org_id: org.id,
        number,
        contact_id: contact.contactId,
        conversation_id: conversationId ?? null,
        ...clock.columns,
        service_id: service?.id ?? null,
        stage: 'new',
        requested_date: f.start_date ?? null,
        requested_time: f.time ?? null,
        party_size: f.travelers ?? null,
        language: f.language,
        details: JSON.stringify(details),
        utm: JSON.stringify(utm),
        notes: f.notes ?? null,
        source: 'web',
        idempotency_key: r.idempotencyKey,
        idempotency_hash: hash,
        intake_response: JSON.stringify(answer),
      })
      .returning('id');
    // The sales groups get its card (core/staff/timeline-reactions.ts).
    await recordBookingEvent(trx, {
      orgId: org.id,
      bookingId: row.id,
      type: 'created',
      actor: { type: 'customer', id: contact.contactId },
      isPublic: true,
      data: { source: 'web', service: f.service ?? null, destination: f.destination ?? null, date: f.start_date ?? null, time: f.time ?? null, partySize: f.travelers ?? null, campaign: f.utm_campaign ?? null },
    });
    if (contact.matchedBy) {
      await recordBookingEvent(trx, {
        orgId: org.id,
        bookingId: row.id,
        type: 'contact_matched',
        actor: { type: 'system', id: null },
        isPublic: false,
        // What the form gave that the contact does not hold, for staff to see (never written onto the contact: contact-matching.ts).
        data: { contactId: contact.contactId, by: contact.matchedBy, ...(Object.keys(contact.offered).length ? { offered: contact.offered } : {}) },
      });
      // On the contact's own timeline too, where an admin can undo it.
      await recordIntakeMatch(trx, { orgId: org.id, contactId: contact.contactId, by: contact.matchedBy, bookingId: row.id, form: contact.form, filled: contact.filled });
    }
    await scheduleFollowUpTimers(trx, { id: row.id, org_id: org.id, follow_up_clock: 'first_contact', follow_up_warn_at: clock.warnAt, follow_up_due_at: clock.dueAt });
    await assignByRules(trx, row.id);
    await r.onCreated?.(trx, { bookingId: row.id as string, answer });
    return { answer, replayed: false, dropped: false, bookingId: row.id as string };
  });
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
  const today = localToday(r.now ?? new Date(), org?.time_zone ?? 'Asia/Bangkok');
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
    const details = Object.fromEntries(Object.entries({ destination: f.destination, notes: f.notes }).filter(([, v]) => v !== undefined && v !== ''));
    const [row] = await trx('bookings')
      .insert({
        org_id: r.orgId,
        number,
        contact_id: contact.contactId,
        service_id: serviceId,
        stage: 'new',
        requested_date: f.start_date ?? null,
        requested_time: f.time ?? null,
        party_size: f.travelers ?? null,
        language: f.language,
        details: JSON.stringify(details),
        notes: f.notes ?? null,
        source: f.source,
      })
      .returning('id');
    await recordBookingEvent(trx, {
      orgId: r.orgId,
      bookingId: row.id,
      type: 'created',
      actor: r.actor,
      isPublic: true,
      data: { source: f.source, service: f.service ?? null, destination: f.destination ?? null, date: f.start_date ?? null, time: f.time ?? null, partySize: f.travelers ?? null },
    });
    if (contact.matchedBy) {
      await recordBookingEvent(trx, { orgId: r.orgId, bookingId: row.id, type: 'contact_matched', actor: { type: 'system', id: null }, isPublic: false, data: { contactId: contact.contactId, by: contact.matchedBy } });
      await recordIntakeMatch(trx, { orgId: r.orgId, contactId: contact.contactId, by: contact.matchedBy, bookingId: row.id, form: contact.form, filled: contact.filled });
    }
    await enterPipeline(trx, row.id, r.now);
    return { id: row.id as string, number };
  });
}

/** A new booking's first-contact clock starts, and the org's rules give it an assignee when one fits. */
export async function enterPipeline(trx: Knex.Transaction, bookingId: string, now?: Date): Promise<void> {
  await startFollowUpClock(trx, bookingId, 'first_contact', now);
  await assignByRules(trx, bookingId);
}
