import type { LiffOrgScope } from '../access/liff-org-scope.ts';
import type { Knex } from 'knex';
import type { z } from 'zod';
import { contactLockKeys, findOrCreateContact, lockKeys } from '../contacts/contact-matching.ts';
import { lineCustomerFor } from '../contacts/line-customers.ts';
import type { lineWaitlistJoin, publicWaitlistJoin, sessionWaitlist, waitlistPlace } from '../contracts/waitlist.ts';
import { openConversation } from '../conversations/conversation-log.ts';
import { queueMessages } from '../conversations/outgoing.ts';
import { DomainError, notFound, unauthenticated } from '../errors/index.ts';
import { renderTemplate } from '../templates/render-template.ts';
import { iso } from '../time/iso.ts';
import type { Language } from '../vocabulary.ts';
import { formOrg } from './form-org.ts';
import { serviceForSessions } from './service-sessions.ts';
import { answerOffer, bookedNumber, joinWaitlist, leaveWaitlist, placeInLine, tellPlaceRemoved, waitlistOfSession, waitlistPlaceByToken, waitlistSession, type LeaveAnswer, type PlaceKey, type WaitlistRow } from './session-waitlist.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { waitlistVars } from './waitlist-notices.ts';

/**
 * The waitlist's doors other than the chat (bot/conversation/waitlist-replies.ts): the website
 * (`/public/v1/sessions/:id/waitlist`, then the place's link by its token) and the booking form
 * inside LINE (`/liff-api/v1/waitlist`). Each answers the customer's place in line with what to
 * tell them, from the org's templates.
 */

type Place = z.infer<typeof waitlistPlace>;
type Db = Knex | Knex.Transaction;

/** The place as the customer sees it; `withToken` only for the website's own join answer. */
export async function placeView(db: Db, e: WaitlistRow, o: { withToken?: boolean; message?: string | null } = {}): Promise<Place> {
  const s = await waitlistSession(db, e.org_id, e.session_id);
  return {
    status: e.status,
    sessionId: e.session_id,
    service: s?.serviceKey ?? '',
    date: s?.date ?? '',
    time: s?.time ?? '',
    seats: e.seats,
    position: await placeInLine(db, e),
    offerExpiresAt: e.status === 'offered' ? iso(e.offer_expires_at) : null,
    bookingNumber: await bookedNumber(db, e),
    ...(o.withToken ? { token: e.token } : {}),
    message: o.message ?? null,
  };
}

async function joinedText(db: Db, e: WaitlistRow, position: number | null): Promise<string | null> {
  return (await renderTemplate(db, e.org_id, 'waitlist_joined', e.language, { ...(await waitlistVars(db, e, e.language)), position: position ?? 1 })) ?? null;
}

/** The website's customer joins: matched to a contact by e-mail or phone as its booking form is (made when new). */
export async function joinFromWebsite(knex: Knex, j: { orgSlug?: string; sessionId: string; form: z.infer<typeof publicWaitlistJoin> }): Promise<Place> {
  const org = await formOrg(knex, j.orgSlug);
  return knex.transaction(async (trx) => {
    const f = j.form;
    await lockKeys(trx, contactLockKeys({ orgId: org.id, email: f.email, phone: f.phone }));
    const contact = await findOrCreateContact(trx, { orgId: org.id, name: f.name, email: f.email, phone: f.phone, language: f.language }, { locked: true });
    const r = await joinWaitlist(trx, { orgId: org.id, sessionId: j.sessionId, contactId: contact.contactId, conversationId: null, seats: f.travelers ?? 1, source: 'web', language: f.language });
    return placeView(trx, r.entry, { withToken: true, message: await joinedText(trx, r.entry, r.position) });
  });
}

/** The signed-in LINE customer joins from the booking form; their place is said in their LINE chat too. */
export async function joinFromLine(knex: Knex, j: { lineUserId: string; displayName?: string; form: z.infer<typeof lineWaitlistJoin>; scope: LiffOrgScope }): Promise<Place> {
  return knex.transaction(async (trx) => {
    const customer = await lineCustomerFor(trx, { lineUserId: j.lineUserId, name: j.displayName, language: j.form.language, scope: j.scope });
    if (!customer) throw unauthenticated('No LINE channel of the business knows this customer');
    const conversationId = await openConversation(trx, { orgId: customer.orgId, channelId: customer.channelId, kind: 'direct', externalId: j.lineUserId, contactId: customer.contactId });
    const r = await joinWaitlist(trx, { orgId: customer.orgId, sessionId: j.form.session_id, contactId: customer.contactId, conversationId, seats: j.form.travelers ?? 1, source: 'liff', language: j.form.language });
    const message = await joinedText(trx, r.entry, r.position);
    if (r.joined && message) await queueMessages(trx, { orgId: customer.orgId, conversationId, messages: [{ kind: 'text', text: message }], senderType: 'system' });
    return placeView(trx, r.entry, { message });
  });
}

/**
 * A staff member puts the customer they are talking to in line for a full session (the desk's
 * booking form, after `session_full`): the conversation's contact, the place said in that chat as
 * the form inside LINE does. Refusals as for every door (a session with room: book it instead).
 */
export async function joinForContact(trx: Knex.Transaction, j: { orgId: string; contactId: string; conversationId: string; language: Language; sessionId: string; seats: number }): Promise<Place> {
  const r = await joinWaitlist(trx, { orgId: j.orgId, sessionId: j.sessionId, contactId: j.contactId, conversationId: j.conversationId, seats: j.seats, source: 'staff', language: j.language });
  const message = await joinedText(trx, r.entry, r.position);
  if (r.joined && message) await queueMessages(trx, { orgId: j.orgId, conversationId: j.conversationId, messages: [{ kind: 'text', text: message }], senderType: 'system' });
  return placeView(trx, r.entry, { message });
}

/** The website's place by its link. */
export async function placeByToken(knex: Knex, token: string): Promise<Place> {
  return placeView(knex, await waitlistPlaceByToken(knex, token));
}

/**
 * The website's answer to an offer, by the place's link. An offer that ran out is closed (committed:
 * its seats go to the next in line) and then answered `409 offer_expired`; an offer answered
 * already, or a place not offered anything, is `409 conflict`.
 */
export async function answerByToken(knex: Knex, token: string, accept: boolean): Promise<Place> {
  const r = await knex.transaction(async (trx) => {
    const e = await waitlistPlaceByToken(trx, token);
    const answer = await answerOffer(trx, { token }, e.org_id, accept);
    const vars = await waitlistVars(trx, answer.entry, answer.entry.language);
    const template = !answer.ok ? 'waitlist_offer_expired' : answer.booking ? 'waitlist_booked' : 'waitlist_declined';
    const message = (await renderTemplate(trx, e.org_id, template, answer.entry.language, { ...vars, booking_id: answer.ok ? answer.booking?.number : undefined })) ?? null;
    return { answer, place: await placeView(trx, answer.entry, { message }) };
  });
  if (r.answer.ok) return r.place;
  if (r.answer.why === 'expired') throw new DomainError('offer_expired', 'The seat was held until its time ran out; nothing was booked', { place: r.place });
  const why = { answered: 'The offer was answered already', not_offered: 'No seat is offered yet: the place is still waiting', closed: 'The session was cancelled or has started: nothing can be booked' }[r.answer.why];
  throw new DomainError('conflict', why, { reason: r.answer.why, place: r.place });
}

/** What leaving answers the customer, from the org's templates (`waitlist_left`). */
export async function leftText(db: Db, e: WaitlistRow, language = e.language): Promise<string | null> {
  return (await renderTemplate(db, e.org_id, 'waitlist_left', language, await waitlistVars(db, e, language))) ?? null;
}

/** A place that waits no more: leaving it again (or after it was booked, declined, run out) changes nothing: 409. */
function refuseLeave(answer: Extract<LeaveAnswer, { ok: false }>, place: Place): never {
  const why = answer.why === 'left' ? 'This place left the waitlist already: nothing changed' : `This place waits no more (${answer.entry.status}): nothing changed`;
  throw new DomainError('conflict', why, { reason: answer.why, place });
}

async function leave(knex: Knex, key: PlaceKey, orgId: string, after?: (trx: Knex.Transaction, e: WaitlistRow) => Promise<void>): Promise<Place> {
  const r = await knex.transaction(async (trx) => {
    const answer = await leaveWaitlist(trx, key, orgId);
    if (answer.ok && after) await after(trx, answer.entry);
    return { answer, place: await placeView(trx, answer.entry, { message: answer.ok ? await leftText(trx, answer.entry) : null }) };
  });
  if (!r.answer.ok) refuseLeave(r.answer, r.place);
  return r.place;
}

/** The website's customer leaves the line by the place's link; a seat held for them goes to the next in line. */
export async function leaveByToken(knex: Knex, token: string): Promise<Place> {
  const e = await waitlistPlaceByToken(knex, token);
  return leave(knex, { token }, e.org_id);
}

/** Staff take a customer off a session's line on their word (POST …/waitlist/:placeId/leave); audited. */
export async function leaveForStaff(
  knex: Knex,
  w: { orgId: string; actor: { type: 'api_key' | 'staff'; id: string }; requestId?: string; serviceKey: string; sessionId: string; placeId: string },
): Promise<Place> {
  const s = await serviceForSessions(knex, w.orgId, w.serviceKey);
  const session = await waitlistSession(knex, w.orgId, w.sessionId);
  if (!session || session.serviceId !== s.id) throw notFound('Session', { id: w.sessionId });
  return leave(knex, { entryId: w.placeId, sessionId: w.sessionId }, w.orgId, async (trx, e) => {
    await recordAudit(trx, { orgId: w.orgId, actorType: w.actor.type, actorId: w.actor.id, action: 'waitlist.left', subjectType: 'session', subjectId: w.sessionId, details: { placeId: e.id, seats: e.seats }, requestId: w.requestId });
    // The customer did not press anything: they are told in their chat.
    await tellPlaceRemoved(trx, e);
  });
}

/** Staff's view of a session's line (GET /api/v1/services/:key/sessions/:id/waitlist). */
export async function waitlistForStaff(knex: Knex, orgId: string, serviceKey: string, sessionId: string): Promise<z.infer<typeof sessionWaitlist>> {
  const s = await serviceForSessions(knex, orgId, serviceKey);
  const session = await waitlistSession(knex, orgId, sessionId);
  if (!session || session.serviceId !== s.id) throw notFound('Session', { id: sessionId });
  const rows = await waitlistOfSession(knex, orgId, sessionId);
  return {
    items: rows.map((r) => ({
      id: r.id,
      customer: r.display_name,
      status: r.status,
      seats: r.seats,
      source: r.source,
      joinedAt: iso(r.created_at),
      offerExpiresAt: r.status === 'offered' ? iso(r.offer_expires_at) : null,
      bookingNumber: r.booking_number,
    })),
  };
}
