import type { Knex } from 'knex';
import type { BookingForm } from '../contracts/bookings.ts';
import { DomainError, validationFailed } from '../errors/index.ts';
import { bodyHash, checkIdempotencyKey } from '../http/idempotency-key.ts';
import { peekNextNumber } from '../org-counters.ts';
import { fillTemplate } from '../templates/render-template.ts';
import { todayIn } from '../time/org-time.ts';
import { formOrg, type FormOrg } from './form-org.ts';
import type { IntakeAnswer, IntakeResult } from './intake-ledger.ts';
import { checkServiceForm } from './service-hours.ts';
import { noticeVersion } from '../contacts/privacy-notices.ts';
import { requireSession, sessionForBooking } from './session-seats.ts';
import { checkSlotAsked } from './service-slots.ts';

/** A booking form as sent, with its `Idempotency-Key` (the website's and the one inside LINE). */
export interface IntakeRequest {
  /** The org's slug; the default org when absent. */
  orgSlug?: string;
  idempotencyKey: string;
  form: BookingForm;
  ipAddress?: string;
  now?: Date;
  /** Counts the form against the org's own limit when it set one (the api's rate limits); throws `rate_limited` over it. */
  limit?: (l: { orgId: string; requests: number; seconds: number }) => Promise<void>;
  /** The limit when the org set none of its own (PUBLIC_FORM_LIMIT). */
  defaultLimit?: { requests: number; seconds: number } | null;
}

/** The hash of a form as the contract parsed it (core/http/idempotency-key.ts). */
export const formHash = bodyHash;
export { checkIdempotencyKey };

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
export interface CheckedForm {
  org: FormOrg;
  hash: string;
  service: { id: string; name_th: string; name_en: string } | undefined;
  /** The form as booked: with a session, its service, date and time. */
  form: BookingForm;
  /** The session the form books seats of. */
  session: { id: string; seats: number } | undefined;
  /** The answer, once the booking's number is known. */
  answerFor: (number: string) => IntakeAnswer;
}

/**
 * Everything a form is checked against before anything is written: the org's own limit, the
 * honeypot (`dropped`, judged last and answered as an accepted form is), dates in the org's time zone, the service's fields
 * and hours. Reads only.
 */
export async function checkForm(knex: Knex, r: IntakeRequest & { verifiedLineUserId?: string }): Promise<CheckedForm | { dropped: IntakeResult }> {
  const org = await formOrg(knex, r.orgSlug);
  // The org's own limit on its form (org settings, `publicFormLimit`), counted before anything else.
  const limit = org.public_form_limit ?? r.defaultLimit;
  if (limit && r.limit) await r.limit({ orgId: org.id, requests: limit.requests, seconds: limit.seconds });
  // A session fixes the service, the date and the time (session-seats.ts); the form is kept with
  // them. A service booked by its sessions needs one.
  await requireSession(knex, org.id, r.form.service, r.form.session_id, r.now);
  const session = r.form.session_id
    ? await sessionForBooking(knex, { orgId: org.id, sessionId: r.form.session_id, serviceKey: r.form.service, date: r.form.start_date, time: r.form.time, seats: r.form.travelers ?? 1, now: r.now })
    : undefined;
  const f: BookingForm = session ? { ...r.form, service: session.serviceKey, start_date: session.date, time: session.time } : r.form;
  checkDates(f, todayIn(org.time_zone, r.now));
  // The privacy notice the form showed must be one the org published: an answer is kept with the version it answered.
  if (f.consent && !(await noticeVersion(knex, org.id, f.consent.version))) {
    throw validationFailed('The booking form is not valid', [{ path: 'consent.version', message: `The business published no privacy notice of version ${f.consent.version}`, code: 'unknown_version' }]);
  }
  // The fields the service requires, its places, and its opening hours (service-hours.ts); a
  // session's time is the business's own, so only its fields are checked.
  await checkServiceForm(knex, { orgId: org.id, form: f, now: r.now, session: Boolean(session) });
  // A service booked in slots: the slot asked for must be one of the day's with room (service-slots.ts).
  if (!session) await checkSlotAsked(knex, { orgId: org.id, serviceKey: f.service, date: f.start_date, time: f.time, units: f.travelers ?? 1, now: r.now });
  let service: CheckedForm['service'];
  if (f.service) {
    service = await knex('services').select('id', 'name_th', 'name_en').where({ org_id: org.id, key: f.service, is_active: true }).first();
    if (!service) throw new DomainError('invalid_reference', 'No bookable service has that key', [{ path: 'service', message: `Unknown service ${f.service}` }]);
  }
  const serviceText = service ? (f.language === 'th' ? service.name_th : service.name_en) : (f.destination ?? '');
  const answerFor = (number: string): IntakeAnswer => ({ booking_id: number, status: 'new', next_step_message: nextStepMessage(org, f, { booking_id: number, service: serviceText }) });
  // The honeypot is judged last, after every check a real form gets, and answered as a real form
  // is, with the number the next booking will have (read, not taken): a robot learns nothing.
  if (f.website?.trim()) return { dropped: { answer: answerFor(await peekNextNumber(knex, org.id, 'booking')), replayed: false, dropped: true } };
  return {
    org,
    // The verified LINE user is part of what was submitted: the same key from another LINE user is another body.
    hash: formHash(r.verifiedLineUserId ? { ...r.form, line_id: r.verifiedLineUserId } : r.form),
    service,
    form: f,
    session: session && { id: session.sessionId, seats: session.seats },
    answerFor,
  };
}
