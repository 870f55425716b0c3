import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';
import { orgSettingsRow } from '../db/org-cache.ts';
import { DomainError, notFound, validationFailed } from '../errors/index.ts';
import { addToOutbox } from '../outbox/outbox.ts';
import { iso } from '../time/iso.ts';
import { todayIn } from '../time/org-time.ts';
import { addBookingEvent, bookingIdByNumber, confirmBooking, loadBooking, moveBooking, renderBookingText, type BookingActor, type BookingView } from './booking-desk.ts';
import { customerReachable, quoteNoticeVars, type QuoteFigures } from './booking-notifications.ts';
import { customerToldAfter } from './booking-timeline.ts';
import { stageFlags, canTransitionBooking, type BookingStage } from './booking-stage.ts';
import { startFollowUpClock } from './follow-up-clock.ts';

/**
 * Quotes on a booking. Staff write a version (line items, a discount, a currency, a validity
 * date); each edit is a new version. Sending a version gives it a token: the customer's link
 * (`/liff/quote/:token`, the quote page of liff/; its API is `/public/v1/quotes/:token`), sent on
 * the booking's conversation from the `quote_sent` template (or handed back for an e-mail), and
 * any version sent before it is superseded. The customer, with no login, sees the version and
 * accepts it (the booking is confirmed) or declines it with a reason (the booking goes back to
 * `contacted` for staff to rework). A quote that is expired, superseded or already answered
 * cannot be answered. A viewed quote left unanswered gets one reminder.
 */
type Db = Knex | Knex.Transaction;

export const QUOTE_QUEUE = 'booking-quotes';
export const QUOTE_REMIND_JOB = 'remind';
/** How long after the customer first opened an unanswered quote they are reminded (once). */
export const QUOTE_REMINDER_DELAY_MS = 24 * 3600_000;

export interface QuoteLineInput {
  description: string;
  quantity: number;
  unitPrice: number;
}

export interface QuoteInput {
  currency: string;
  lines: QuoteLineInput[];
  /** Off the subtotal: an amount in the currency, or a percentage. */
  discount?: { kind: 'amount' | 'percent'; value: number };
  /** YYYY-MM-DD, the last day it may be accepted, where the business is. */
  validUntil: string;
  note?: string;
}

const toMinor = (n: number) => Math.round(n * 100);
const fromMinor = (n: number | string) => Number(n) / 100;

/** Line amounts, subtotal, discount and total, in minor units (satang): no float drift. */
export function priceQuote(q: Pick<QuoteInput, 'lines' | 'discount'>) {
  const lines = q.lines.map((l) => {
    const unitPriceMinor = toMinor(l.unitPrice);
    return { description: l.description, quantity: l.quantity, unitPriceMinor, amountMinor: Math.round(unitPriceMinor * l.quantity) };
  });
  const subtotalMinor = lines.reduce((s, l) => s + l.amountMinor, 0);
  let discountMinor = 0;
  if (q.discount) discountMinor = q.discount.kind === 'amount' ? toMinor(q.discount.value) : Math.round((subtotalMinor * q.discount.value) / 100);
  if (discountMinor > subtotalMinor) throw validationFailed('The discount is larger than the subtotal', [{ path: 'discount', message: 'More than the subtotal' }]);
  return { lines, subtotalMinor, discountMinor, totalMinor: subtotalMinor - discountMinor };
}

/** A quote version as staff see it. */
export function quoteView(r: Record<string, any>) {
  return {
    id: r.id as string,
    version: r.version as number,
    status: r.status as 'draft' | 'sent' | 'accepted' | 'declined' | 'superseded',
    currency: r.currency as string,
    lines: (r.lines as { description: string; quantity: number; unitPriceMinor: number; amountMinor: number }[]).map((l) => ({
      description: l.description,
      quantity: l.quantity,
      unitPrice: fromMinor(l.unitPriceMinor),
      amount: fromMinor(l.amountMinor),
    })),
    discount: (r.discount ?? null) as { kind: 'amount' | 'percent'; value: number } | null,
    subtotal: fromMinor(r.subtotal_minor),
    discountAmount: fromMinor(r.discount_minor),
    total: fromMinor(r.total_minor),
    validUntil: day(r.valid_until),
    note: (r.note ?? null) as string | null,
    sentAt: iso(r.sent_at),
    viewedAt: iso(r.viewed_at),
    answeredAt: iso(r.answered_at),
    declineReason: (r.decline_reason ?? null) as string | null,
    remindedAt: iso(r.reminded_at),
    createdAt: iso(r.created_at as Date),
  };
}
export type QuoteView = ReturnType<typeof quoteView>;

/** What a quote message tells of a version (and its events keep). */
const quoteFigures = (r: Record<string, any>): QuoteFigures => ({ total: fromMinor(r.total_minor), currency: r.currency, validUntil: day(r.valid_until) });

const day = (d: unknown) => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

export async function listQuotes(db: Db, bookingId: string): Promise<QuoteView[]> {
  return (await db('booking_quotes').where({ booking_id: bookingId }).orderBy('version')).map(quoteView);
}

async function lockBooking(trx: Knex.Transaction, orgId: string, number: string): Promise<BookingView> {
  const id = await bookingIdByNumber(trx, orgId, number);
  await trx('bookings').select('id').where({ id }).forUpdate();
  return (await loadBooking(trx, id, orgId))!;
}

/** Writes the next version of the booking's quote, as a draft. */
export async function createQuote(knex: Knex, c: { orgId: string; number: string; quote: QuoteInput; actor: BookingActor; now?: Date }): Promise<QuoteView> {
  const priced = priceQuote(c.quote);
  return knex.transaction(async (trx) => {
    const b = await lockBooking(trx, c.orgId, c.number);
    if (!stageFlags(b.stage).isOpen) throw new DomainError('conflict', `Booking ${b.number} is ${b.stage}: it can no longer be quoted`, { number: b.number, stage: b.stage });
    if (c.quote.validUntil < todayIn(b.timeZone, c.now)) {
      throw validationFailed('The quote would be expired already', [{ path: 'validUntil', message: 'A date from today on' }]);
    }
    const last = await trx('booking_quotes').where({ booking_id: b.id }).max({ v: 'version' }).first();
    const version = Number(last?.v ?? 0) + 1;
    const [row] = await trx('booking_quotes')
      .insert({
        org_id: b.orgId,
        booking_id: b.id,
        version,
        currency: c.quote.currency,
        lines: JSON.stringify(priced.lines),
        discount: c.quote.discount ? JSON.stringify(c.quote.discount) : null,
        subtotal_minor: priced.subtotalMinor,
        discount_minor: priced.discountMinor,
        total_minor: priced.totalMinor,
        valid_until: c.quote.validUntil,
        note: c.quote.note ?? null,
        created_by_type: c.actor.type,
        created_by_id: c.actor.id,
      })
      .returning('*');
    await addBookingEvent(trx, b, 'quote_created', c.actor, { version, total: fromMinor(priced.totalMinor), currency: c.quote.currency }, false);
    return quoteView(row);
  });
}

export function quoteUrl(baseUrl: string, token: string): string {
  return `${baseUrl}/liff/quote/${token}`;
}

/**
 * Sends a version to the customer: its token and link, the earlier sent versions superseded, the
 * booking `quoted`. The customer is told on the booking's conversation when it has one; the
 * message is returned either way, for staff to send by e-mail.
 */
export async function sendQuote(
  knex: Knex,
  s: { orgId: string; number: string; version: number; actor: BookingActor; baseUrl: string; now?: Date },
): Promise<{ quote: QuoteView; url: string; message: string | null; customerTold: boolean }> {
  return knex.transaction(async (trx) => {
    const b = await lockBooking(trx, s.orgId, s.number);
    const q = await trx('booking_quotes').where({ booking_id: b.id, version: s.version }).first();
    if (!q) throw notFound('Quote', { number: s.number, version: s.version });
    if (q.status !== 'draft') {
      throw new DomainError('conflict', `Version ${s.version} of the quote on ${b.number} is ${q.status} already`, { number: b.number, version: s.version, status: q.status });
    }
    const newer = await trx('booking_quotes').where({ booking_id: b.id }).andWhere('version', '>', s.version).whereNot({ status: 'draft' }).first('version');
    if (newer) throw new DomainError('conflict', `A newer version (${newer.version}) was sent already`, { number: b.number, version: s.version, latestVersion: newer.version });
    if (day(q.valid_until) < todayIn(b.timeZone, s.now)) {
      throw new DomainError('conflict', 'This version has expired: write a new version', { number: b.number, version: s.version, reason: 'expired', validUntil: day(q.valid_until) });
    }
    if (b.stage !== 'quoted' && !canTransitionBooking(b.stage, 'quoted')) {
      throw new DomainError('conflict', `Booking ${b.number} is ${b.stage}: a quote cannot be sent now`, { number: b.number, stage: b.stage, allowedMoves: stageFlags(b.stage).next });
    }
    const superseded = await trx('booking_quotes').where({ booking_id: b.id, status: 'sent' }).update({ status: 'superseded' });
    const token = randomBytes(16).toString('hex');
    const [sent] = await trx('booking_quotes').where({ id: q.id }).update({ status: 'sent', token, sent_at: trx.fn.now() }).returning('*');
    if (b.stage !== 'quoted') {
      const moved = await moveBooking(trx, b, 'quoted', s.actor, { first_responded_at: trx.raw('coalesce(first_responded_at, now())') });
      if (!moved.ok) throw new DomainError('stale_version', `Booking ${b.number} changed meanwhile`, { number: b.number });
      // The quote is out: the customer's move now.
      await startFollowUpClock(trx, b.id, null);
    }
    const url = quoteUrl(s.baseUrl, token);
    const figures = quoteFigures(sent);
    const message = (await renderBookingText(trx, b, 'quote_sent', quoteNoticeVars(figures, url, b.contactLanguage))) ?? null;
    // The customer hears of it from the timeline (core/bookings/booking-notifications.ts).
    const event = await addBookingEvent(trx, b, 'quote_sent', s.actor, { version: s.version, ...figures, superseded }, true, { quoteUrl: url });
    const customerTold = await customerToldAfter(trx, event);
    return { quote: quoteView(sent), url, message, customerTold };
  });
}

const TOKEN = /^[0-9a-f]{32}$/;

/** What the customer's link shows; `open` when they may still answer. */
export type PublicQuoteStatus = 'open' | 'accepted' | 'declined' | 'superseded' | 'expired';

async function quoteByToken(db: Db, token: string, lock = false) {
  if (!TOKEN.test(token)) throw notFound('Quote');
  const q = db('booking_quotes as q').join('orgs as o', 'o.id', 'q.org_id').select('q.*', 'o.time_zone').where('q.token', token);
  const row = await (lock ? q.forUpdate('q') : q).first();
  if (!row) throw notFound('Quote');
  return row;
}

function publicStatus(row: Record<string, any>, now: Date): PublicQuoteStatus {
  if (row.status === 'accepted' || row.status === 'declined' || row.status === 'superseded') return row.status;
  return day(row.valid_until) < todayIn(row.time_zone, now) ? 'expired' : 'open';
}

/**
 * The quote behind a token, as the customer sees it. The first view is recorded (on the quote and
 * the booking's timeline) and schedules the one reminder for an unanswered quote.
 */
export async function viewQuote(knex: Knex, token: string, now: Date = new Date()) {
  return knex.transaction(async (trx) => {
    const row = await quoteByToken(trx, token, true);
    const status = publicStatus(row, now);
    const b = (await loadBooking(trx, row.booking_id))!;
    if (status === 'open' && !row.viewed_at) {
      await trx('booking_quotes').where({ id: row.id }).update({ viewed_at: now });
      await addBookingEvent(trx, b, 'quote_viewed', { type: 'customer', id: b.contactId }, { version: row.version }, false);
      await addToOutbox(trx, { orgId: row.org_id, queue: QUOTE_QUEUE, jobName: QUOTE_REMIND_JOB, payload: { quoteId: row.id }, availableAt: new Date(now.getTime() + QUOTE_REMINDER_DELAY_MS) });
    }
    const latest = await trx('booking_quotes').where({ booking_id: row.booking_id }).whereNot({ status: 'draft' }).max({ v: 'version' }).first();
    const v = quoteView(row);
    return {
      business: ((await orgSettingsRow(trx, row.org_id))?.name ?? '') as string,
      booking: b.number,
      service: b.serviceName,
      destination: typeof b.details.destination === 'string' ? b.details.destination : null,
      customerName: b.contactName,
      language: b.contactLanguage,
      version: v.version,
      latestVersion: Number(latest?.v ?? v.version),
      status,
      canAnswer: status === 'open',
      currency: v.currency,
      lines: v.lines,
      discount: v.discountAmount,
      subtotal: v.subtotal,
      total: v.total,
      validUntil: v.validUntil,
      note: v.note,
      sentAt: v.sentAt,
      answeredAt: v.answeredAt,
    };
  });
}

/** Why a quote cannot be answered: a 409 that says which, and what the customer may do instead. */
function cannotAnswer(row: Record<string, any>, status: Exclude<PublicQuoteStatus, 'open'>): DomainError {
  const messages: Record<typeof status, string> = {
    accepted: 'This quote was accepted already',
    declined: 'This quote was declined already',
    superseded: 'A newer version of this quote was sent: open the latest link',
    expired: `This quote expired on ${day(row.valid_until)}: ask for a new one`,
  };
  return new DomainError('conflict', messages[status], { reason: status === 'accepted' || status === 'declined' ? 'answered' : status, status, validUntil: day(row.valid_until) });
}

/** The customer accepts the quote: the booking is confirmed, the customer, the assignee and the group are told (from the timeline). */
export async function acceptQuote(knex: Knex, token: string, now: Date = new Date()): Promise<{ booking: string; status: 'accepted'; bookingStage: BookingStage }> {
  return knex.transaction(async (trx) => {
    const row = await quoteByToken(trx, token, true);
    const status = publicStatus(row, now);
    if (status !== 'open') throw cannotAnswer(row, status);
    await trx('bookings').select('id').where({ id: row.booking_id }).forUpdate();
    const b = (await loadBooking(trx, row.booking_id))!;
    const actor: BookingActor = { type: 'customer', id: b.contactId };
    if (b.stage !== 'confirmed' && !canTransitionBooking(b.stage, 'confirmed')) {
      throw new DomainError('conflict', `Booking ${b.number} is ${b.stage}: this quote can no longer be accepted`, { reason: 'booking_closed', stage: b.stage });
    }
    await trx('booking_quotes').where({ id: row.id }).update({ status: 'accepted', answered_at: now });
    // The assignee and the sales groups hear of it (core/staff).
    await addBookingEvent(trx, b, 'quote_accepted', actor, { version: row.version, total: fromMinor(row.total_minor), currency: row.currency }, true);
    let stage: BookingStage = b.stage;
    if (b.stage !== 'confirmed') {
      const moved = await confirmBooking(trx, b, actor);
      if (!moved.ok) throw new DomainError('conflict', `Booking ${b.number} changed meanwhile; try again`, { reason: 'stale' });
      stage = moved.booking.stage;
      await startFollowUpClock(trx, b.id, null);
    }
    return { booking: b.number, status: 'accepted' as const, bookingStage: stage };
  });
}

/** The customer declines the quote with a reason: the booking goes back to staff (`contacted`) to rework it. */
export async function declineQuote(knex: Knex, token: string, reason: string, now: Date = new Date()): Promise<{ booking: string; status: 'declined'; bookingStage: BookingStage }> {
  return knex.transaction(async (trx) => {
    const row = await quoteByToken(trx, token, true);
    const status = publicStatus(row, now);
    if (status !== 'open') throw cannotAnswer(row, status);
    await trx('bookings').select('id').where({ id: row.booking_id }).forUpdate();
    const b = (await loadBooking(trx, row.booking_id))!;
    const actor: BookingActor = { type: 'customer', id: b.contactId };
    await trx('booking_quotes').where({ id: row.id }).update({ status: 'declined', answered_at: now, decline_reason: reason });
    await addBookingEvent(trx, b, 'quote_declined', actor, { version: row.version, reason }, true);
    let stage: BookingStage = b.stage;
    if (b.stage === 'quoted') {
      const moved = await moveBooking(trx, b, 'contacted', actor, {}, { quoteDeclined: row.version });
      if (moved.ok) {
        stage = 'contacted';
        await startFollowUpClock(trx, b.id, 'quote', now);
      }
    }
    return { booking: b.number, status: 'declined' as const, bookingStage: stage };
  });
}

/**
 * The one reminder of a viewed, unanswered quote that is still open. Returns whether it was sent
 * (a second run, an answered or expired quote: nothing).
 */
export async function remindQuote(trx: Knex.Transaction, quoteId: string, o: { baseUrl: string; now?: Date }): Promise<boolean> {
  const now = o.now ?? new Date();
  const row = await trx('booking_quotes as q').join('orgs as o', 'o.id', 'q.org_id').select('q.*', 'o.time_zone').where('q.id', quoteId).forUpdate('q').first();
  if (!row || row.reminded_at || !row.viewed_at || publicStatus(row, now) !== 'open') return false;
  await trx('booking_quotes').where({ id: row.id }).update({ reminded_at: now });
  const b = (await loadBooking(trx, row.booking_id))!;
  const url = quoteUrl(o.baseUrl, row.token);
  const figures = quoteFigures(row);
  // The event says whether the reminder reaches the customer; the reminder itself follows it (core/bookings/booking-notifications.ts).
  const customerTold = await customerReachable(trx, b, 'quote_reminder', quoteNoticeVars(figures, url, b.contactLanguage));
  await addBookingEvent(trx, b, 'quote_reminded', { type: 'system', id: null }, { version: row.version, customerTold, ...figures }, false, { quoteUrl: url });
  return true;
}
