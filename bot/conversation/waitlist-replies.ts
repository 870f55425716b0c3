import type { Knex } from 'knex';
import { answerOffer, bookedNumber, joinWaitlist, leaveWaitlist, openPlacesOf, placeInLine, type WaitlistRow } from '../../core/bookings/session-waitlist.ts';
import { waitlistVars } from '../../core/bookings/waitlist-notices.ts';
import { DomainError } from '../../core/errors/index.ts';
import type { Action, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { renderTemplate, type TemplateVars } from '../../core/templates/render-template.ts';
import type { CustomerContext } from './customer-context.ts';
import { replyData } from './dialogue.ts';

/**
 * The waitlist in chat (core/bookings/session-waitlist.ts): "join the waitlist" under the answer
 * that a session is full (`act=waitlist&v=<session>:<seats>`), and the customer's accept / decline
 * under a seat offered (`act=waitlist_offer&v=accept:<place>`), and "leave the waitlist" under the
 * place said (`act=waitlist_leave&v=<place>`) or typed while waiting. Like every customer reply they ask
 * only for what the customer could ask in words, and are checked against the customer who taps them.
 */
export const WAITLIST_JOIN_REPLY = 'waitlist';
export const WAITLIST_OFFER_REPLY = 'waitlist_offer';
export const WAITLIST_LEAVE_REPLY = 'waitlist_leave';

const label = async (db: Knex | Knex.Transaction, orgId: string, key: string, language: 'th' | 'en', fallback: string) => (await renderTemplate(db, orgId, key, language)) || fallback;

/** "Join the waitlist", for a session the customer found full. */
export async function joinReply(db: Knex | Knex.Transaction, orgId: string, language: 'th' | 'en', sessionId: string, seats: number): Promise<Action> {
  const text = await label(db, orgId, 'label_waitlist_join', language, language === 'th' ? 'ลงชื่อรอคิว' : 'Join the waitlist');
  return { type: 'postback', label: text, data: replyData(WAITLIST_JOIN_REPLY, `${sessionId}:${seats}`), displayText: text };
}

/** Accept / decline, under a seat offered (the notice's, core/bookings/waitlist-notices.ts). */
export async function offerReplies(trx: Knex.Transaction, e: WaitlistRow): Promise<Action[]> {
  const yes = await label(trx, e.org_id, 'label_waitlist_accept', e.language, e.language === 'th' ? 'รับที่นั่ง' : 'Accept the seat');
  const no = await label(trx, e.org_id, 'label_waitlist_decline', e.language, e.language === 'th' ? 'ไม่รับ' : 'Decline');
  return [
    { type: 'postback', label: yes, data: replyData(WAITLIST_OFFER_REPLY, `accept:${e.id}`), displayText: yes },
    { type: 'postback', label: no, data: replyData(WAITLIST_OFFER_REPLY, `decline:${e.id}`), displayText: no },
  ];
}

/** "Leave the waitlist", under the place said in chat. */
async function leaveReply(db: Knex | Knex.Transaction, e: WaitlistRow, language: 'th' | 'en'): Promise<Action> {
  const text = await label(db, e.org_id, 'label_waitlist_leave', language, language === 'th' ? 'ออกจากคิว' : 'Leave the waitlist');
  return { type: 'postback', label: text, data: replyData(WAITLIST_LEAVE_REPLY, e.id), displayText: text };
}

export function readJoinReply(value: string | undefined): { sessionId: string; seats: number } | undefined {
  const m = /^([0-9a-f-]{36}):(\d{1,3})$/i.exec(value ?? '');
  return m && Number(m[2]) > 0 ? { sessionId: m[1], seats: Number(m[2]) } : undefined;
}

export function readOfferReply(value: string | undefined): { entryId: string; accept: boolean } | undefined {
  const m = /^(accept|decline):([0-9a-f-]{36})$/i.exec(value ?? '');
  return m ? { entryId: m[2], accept: m[1] === 'accept' } : undefined;
}

type Say = (m: OutboundMessage[]) => Promise<unknown>;
type T = (key: string, vars?: TemplateVars) => Promise<string>;

/** The customer taps "join the waitlist": their place in line, or (seats freed meanwhile) the session's answer. */
export async function joinInChat(trx: Knex.Transaction, ctx: CustomerContext, value: string | undefined, t: T, say: Say): Promise<void> {
  const asked = readJoinReply(value);
  if (!asked) return;
  const joined = await trx
    .transaction((sp) =>
      joinWaitlist(sp, { orgId: ctx.orgId, sessionId: asked.sessionId, contactId: ctx.contactId, conversationId: ctx.conversationId, seats: asked.seats, source: ctx.source, language: ctx.language, now: ctx.now }),
    )
    .catch((err: unknown) => {
      if (err instanceof DomainError && (err.code === 'conflict' || err.code === 'validation_failed')) return err;
      throw err;
    });
  if (joined instanceof DomainError) {
    // Room meanwhile: the customer books it as usual; gone: another session.
    const roomy = joined.code === 'conflict';
    await say([{ kind: 'text', text: roomy ? (await t('booking_ask_session')) || (await t('booking_no_session')) : await t('booking_no_session') }]);
    return;
  }
  await say([
    {
      kind: 'text',
      text: await t('waitlist_joined', { ...(await waitlistVars(trx, joined.entry, ctx.language)), position: joined.position ?? 1 }),
      quickReplies: [await leaveReply(trx, joined.entry, ctx.language)],
    },
  ]);
}

/**
 * The customer leaves: the place tapped (`value`), or, typed, every line they wait in (one, mostly).
 * A seat held for them goes to the next in line. A place that waits no more is answered with what
 * became of it, and nothing changes.
 */
export async function leaveInChat(trx: Knex.Transaction, ctx: CustomerContext, value: string | undefined, t: T, say: Say): Promise<void> {
  const ids = value !== undefined ? [value] : (await openPlacesOf(trx, ctx.orgId, ctx.contactId)).map((e) => e.id);
  for (const entryId of ids) {
    const r = await leaveWaitlist(trx, { entryId, contactId: ctx.contactId }, ctx.orgId, ctx.now).catch((err: unknown) => {
      if (err instanceof DomainError && err.code === 'not_found') return undefined;
      throw err;
    });
    if (!r) continue;
    const vars = await waitlistVars(trx, r.entry, ctx.language);
    const key = r.ok ? 'waitlist_left' : r.entry.status === 'booked' ? 'waitlist_booked' : 'waitlist_not_waiting';
    await say([{ kind: 'text', text: await t(key, { ...vars, booking_id: await bookedNumber(trx, r.entry) }) }]);
  }
}

/** The customer's accept / decline of a seat offered: booked, passed on, or told it ran out. */
export async function answerOfferInChat(trx: Knex.Transaction, ctx: CustomerContext, value: string | undefined, t: T, say: Say): Promise<void> {
  const answer = readOfferReply(value);
  if (!answer) return;
  const r = await answerOffer(trx, { entryId: answer.entryId, contactId: ctx.contactId }, ctx.orgId, answer.accept, ctx.now).catch((err: unknown) => {
    if (err instanceof DomainError && err.code === 'not_found') return undefined;
    throw err;
  });
  if (!r) return;
  const vars = await waitlistVars(trx, r.entry, ctx.language);
  // A second tap is answered with what the first did.
  const e = r.entry;
  if (!r.ok && r.why === 'expired') return say([{ kind: 'text', text: await t('waitlist_offer_expired', vars) }]).then(() => undefined);
  if (!r.ok && r.why === 'not_offered') return say([{ kind: 'text', text: await t('waitlist_joined', { ...vars, position: (await placeInLine(trx, e)) ?? 1 }) }]).then(() => undefined);
  if (e.status === 'booked') {
    await say([{ kind: 'text', text: await t('waitlist_booked', { ...vars, booking_id: await bookedNumber(trx, e) }) }]);
  } else if (e.status === 'declined') await say([{ kind: 'text', text: await t('waitlist_declined', vars) }]);
}
