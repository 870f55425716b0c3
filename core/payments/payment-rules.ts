import { formatMoney } from '../templates/format-money.ts';
import type { Knex } from 'knex';
import { openCase } from '../cases/open-case.ts';
import { casesJoinedToTypes } from '../cases/case-queries.ts';
import { recordCaseEvent } from '../cases/case-timeline.ts';
import type { Language } from '../vocabulary.ts';
import { addToOutbox } from '../outbox/outbox.ts';
import { CHECK_CREDIT_JOB, PAYMENTS_QUEUE, type PaymentEvent } from './payment-events.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * "Top-up not credited", the most urgent case (spec 4.7.1). Detected on:
 * - a payment that succeeded but was not credited within the org's credit window;
 * - a top-up pending for longer than that window;
 * - a payment that failed, or whose gateway webhook timed out, at once.
 * Each opens a Critical `topup_not_credited` case (decision: failures and timeouts are the same
 * customer problem, money gone and no credit, not a `wrong_amount`), linked to the order and the
 * customer when known, once per order, and records an `alert_requested` case event, which the
 * staff worker posts to the case's groups at once.
 *
 * Every function runs in the caller's transaction and locks the order's `payments` row, so events
 * of one order and its credit checks are applied one after the other.
 */
export const DEFAULT_CREDIT_WINDOW_MINUTES = 10;
export const PAYMENT_CASE_TYPE = 'topup_not_credited';

export type PaymentCaseReason = 'not_credited' | 'pending_too_long' | 'payment_failed' | 'webhook_timeout';
type CheckBasis = 'paid' | 'pending';

interface PaymentRow {
  id: string;
  org_id: string;
  order_id: string;
  amount: string;
  currency: string;
  status: string;
  customer: PaymentEvent['customer'] | null;
  pending_since: Date | null;
  paid_at: Date | null;
  credited_at: Date | null;
  case_id: string | null;
}

export async function creditWindowMinutes(db: Knex | Knex.Transaction, orgId: string): Promise<number> {
  const org = await orgSettingsRow(db, orgId);
  const value = Number(org?.settings?.topupCreditWindowMinutes);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_CREDIT_WINDOW_MINUTES;
}

export interface AppliedEvent {
  paymentId: string;
  status: string;
  checkAt?: Date;
  caseId?: string;
  caseOpened?: boolean;
}

/** Applies one event to its order's payment row; the outcome of events arriving out of order is the same. */
export async function applyPaymentEvent(trx: Knex.Transaction, orgId: string, event: PaymentEvent, now = new Date()): Promise<AppliedEvent> {
  const at = new Date(event.occurredAt);
  await trx.raw(
    `INSERT INTO payments (org_id, order_id, amount, currency, status) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (org_id, order_id) DO NOTHING`,
    [orgId, event.orderId, event.amount, event.currency, initialStatus(event.type)],
  );
  const p: PaymentRow = await trx('payments').where({ org_id: orgId, order_id: event.orderId }).forUpdate().first();
  const credited = p.credited_at !== null || event.type === 'topup.credited';
  const update: Record<string, unknown> = {
    last_event_id: event.id,
    last_event_type: event.type,
    ...(event.provider ? { provider: event.provider } : {}),
    ...(event.customer ? { customer: JSON.stringify({ ...(p.customer ?? {}), ...event.customer }) } : {}),
  };
  let status = p.status;
  let basis: CheckBasis | undefined;
  let failure: PaymentCaseReason | undefined;
  switch (event.type) {
    case 'payment.succeeded':
      update.paid_at = p.paid_at ?? at;
      update.amount = event.amount;
      update.currency = event.currency;
      if (!credited) {
        status = 'succeeded';
        basis = 'paid';
      }
      break;
    case 'topup.pending':
      update.pending_since = p.pending_since ?? at;
      // Only a top-up still merely pending is watched from here; a paid one is watched from its payment.
      if (!credited && p.status === 'pending') {
        update.amount = event.amount;
        update.currency = event.currency;
        basis = 'pending';
      }
      break;
    case 'topup.credited':
      update.credited_at = p.credited_at ?? at;
      status = 'credited';
      break;
    case 'payment.failed':
    case 'payment.webhook_timeout':
      update.failed_at = at;
      update.failure_reason = event.reason ?? null;
      // A late failure report about an order already credited changes nothing for the customer.
      if (!credited) {
        status = event.type === 'payment.failed' ? 'failed' : 'webhook_timeout';
        failure = event.type === 'payment.failed' ? 'payment_failed' : 'webhook_timeout';
      }
      break;
  }
  update.status = status;

  const result: AppliedEvent = { paymentId: p.id, status };
  let checkAt: Date | undefined;
  if (basis && !p.case_id) {
    const from = basis === 'paid' ? (update.paid_at as Date) : (update.pending_since as Date);
    checkAt = new Date(from.getTime() + (await creditWindowMinutes(trx, orgId)) * 60_000);
    update.credit_due_at = checkAt;
  }
  await trx('payments').where({ id: p.id }).update(update);

  if (p.case_id) {
    // The case already open for this order hears about everything that follows.
    await recordCaseEvent(trx, {
      orgId,
      caseId: p.case_id,
      type: 'payment_event',
      actor: { type: 'system', id: null },
      isPublic: false,
      data: { eventId: event.id, type: event.type, amount: event.amount, currency: event.currency, occurredAt: event.occurredAt, reason: event.reason },
    });
    result.caseId = p.case_id;
  } else if (failure) {
    const opened = await raiseCase(trx, p.id, failure, now);
    Object.assign(result, opened);
  } else if (checkAt) {
    await addToOutbox(trx, {
      orgId,
      queue: PAYMENTS_QUEUE,
      jobName: CHECK_CREDIT_JOB,
      payload: { paymentId: p.id, basis },
      availableAt: checkAt > now ? checkAt : now,
    });
    result.checkAt = checkAt;
  }
  return result;
}

/** The delayed check: no credit by the end of the window (and no case yet) opens the case. */
export async function checkCredit(trx: Knex.Transaction, paymentId: string, basis: CheckBasis, now = new Date()): Promise<{ caseId?: string; caseOpened?: boolean; skipped?: string }> {
  const p: PaymentRow | undefined = await trx('payments').where({ id: paymentId }).forUpdate().first();
  if (!p) return { skipped: 'gone' };
  if (p.credited_at) return { skipped: 'credited' };
  if (p.case_id) return { skipped: 'case exists', caseId: p.case_id };
  const from = basis === 'paid' ? p.paid_at : p.pending_since;
  if (!from) return { skipped: 'no start' };
  const due = new Date(from.getTime() + (await creditWindowMinutes(trx, p.org_id)) * 60_000);
  if (due.getTime() > now.getTime() + 1000) {
    // The window grew since this check was scheduled: look again then.
    await addToOutbox(trx, { orgId: p.org_id, queue: PAYMENTS_QUEUE, jobName: CHECK_CREDIT_JOB, payload: { paymentId, basis }, availableAt: due });
    return { skipped: 'not due yet' };
  }
  return raiseCase(trx, paymentId, basis === 'paid' ? 'not_credited' : 'pending_too_long', now);
}

/**
 * Opens the order's case, or joins the open `topup_not_credited` case that already names the
 * order (a customer who reported it in chat first), and asks for the alert. Never two cases.
 */
async function raiseCase(trx: Knex.Transaction, paymentId: string, reason: PaymentCaseReason, now: Date): Promise<{ caseId: string; caseOpened: boolean }> {
  const p: PaymentRow = await trx('payments').where({ id: paymentId }).forUpdate().first();
  if (p.case_id) return { caseId: p.case_id, caseOpened: false };
  const amount = Number(p.amount);
  const contact = await findContact(trx, p.org_id, p.customer ?? {});
  const existing = await casesJoinedToTypes(trx)
    .join('case_orders as co', 'co.case_id', 'cases.id')
    .where({ 'co.org_id': p.org_id, 'co.order_id': p.order_id, 'case_types.key': PAYMENT_CASE_TYPE })
    .whereNotIn('cases.status', ['resolved', 'closed'])
    .orderBy('cases.created_at')
    .first('cases.id', 'cases.number', 'cases.severity');

  let caseId: string;
  let number: string;
  let severity: string;
  const opened = !existing;
  if (existing) {
    ({ id: caseId, number, severity } = existing);
    await recordCaseEvent(trx, {
      orgId: p.org_id,
      caseId,
      type: 'payment_issue_detected',
      actor: { type: 'system', id: null },
      isPublic: false,
      data: { reason, orderId: p.order_id, amount, currency: p.currency, paymentId: p.id },
    });
  } else {
    const org = await orgSettingsRow(trx, p.org_id);
    const language: Language = contact?.language ?? (org?.default_language === 'en' ? 'en' : 'th');
    const window = await creditWindowMinutes(trx, p.org_id);
    const phone = normalisePhone(p.customer?.phone);
    const c = await openCase(trx, {
      orgId: p.org_id,
      caseTypeKey: PAYMENT_CASE_TYPE,
      contactId: contact?.id ?? null,
      conversationId: null,
      sourceMessageId: null,
      source: 'system',
      summary: summaryOf(reason, language, { orderId: p.order_id, amount, currency: p.currency, window }),
      language,
      fields: { orderIds: [p.order_id], amount, currency: p.currency, ...(phone ? { phones: [phone] } : {}) },
      now,
    });
    ({ id: caseId, number, severity } = c);
  }
  await trx('payments').where({ id: p.id }).update({ case_id: caseId, contact_id: contact?.id ?? null });
  // The staff desk alerts the case's groups at once (core/staff/timeline-reactions.ts).
  await recordCaseEvent(trx, {
    orgId: p.org_id,
    caseId,
    type: 'alert_requested',
    actor: { type: 'system', id: null },
    isPublic: false,
    data: {
      reason,
      caseNumber: number,
      severity,
      category: 'payment',
      orderId: p.order_id,
      amount,
      currency: p.currency,
      contactId: contact?.id ?? null,
      username: p.customer?.externalRef ?? null,
    },
  });
  return { caseId, caseOpened: opened };
}

/** The customer the event names: by their id in the main system, their LINE userId, then their phone. */
export async function findContact(
  db: Knex | Knex.Transaction,
  orgId: string,
  customer: NonNullable<PaymentEvent['customer']>,
): Promise<{ id: string; language: Language } | undefined> {
  if (customer.externalRef) {
    const c = await db('contacts').select('id', 'language').where({ org_id: orgId, external_ref: customer.externalRef }).first();
    if (c) return c;
  }
  const byIdentity = (externalIds: string[], kind: string) =>
    db('contact_identities as ci')
      .join('channels as ch', 'ch.id', 'ci.channel_id')
      .join('contacts as c', 'c.id', 'ci.contact_id')
      .where({ 'ch.org_id': orgId, 'ch.kind': kind })
      .whereIn('ci.external_id', externalIds)
      .orderBy('c.created_at')
      .first('c.id', 'c.language');
  if (customer.lineUserId) {
    const c = await byIdentity([customer.lineUserId], 'line');
    if (c) return c;
  }
  const phone = normalisePhone(customer.phone);
  if (phone) {
    const c = await db('contacts').select('id', 'language').where({ org_id: orgId }).whereIn('phone', [phone, customer.phone!.trim()]).orderBy('created_at').first();
    if (c) return c;
    const w = await byIdentity([`whatsapp:${phone}`], 'whatsapp');
    if (w) return w;
  }
  return undefined;
}

/** E.164 as contacts store it: 081-234-5678 and 66812345678 are +66812345678. */
export function normalisePhone(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const digits = phone.replace(/[^\d+]/g, '');
  if (/^\+\d{6,15}$/.test(digits)) return digits;
  if (/^0\d{8,9}$/.test(digits)) return '+66' + digits.slice(1);
  if (/^66\d{8,9}$/.test(digits)) return '+' + digits;
  return undefined;
}

function summaryOf(reason: PaymentCaseReason, language: Language, o: { orderId: string; amount: number; currency: string; window: number }): string {
  const money = formatMoney(o.amount, o.currency);
  if (language === 'th') {
    const what = {
      not_credited: `ชำระเงินสำเร็จแต่เครดิตไม่เข้าภายใน ${o.window} นาที`,
      pending_too_long: `รายการเติมเงินค้างสถานะรอดำเนินการเกิน ${o.window} นาที`,
      payment_failed: 'การชำระเงิน/เติมเงินล้มเหลว',
      webhook_timeout: 'ไม่ได้รับผลการชำระเงินจากผู้ให้บริการ (webhook หมดเวลา)',
    }[reason];
    return `เติมเงินไม่เข้า: ${what} — ออเดอร์ ${o.orderId} ยอด ${money}`;
  }
  const what = {
    not_credited: `paid but not credited within ${o.window} min`,
    pending_too_long: `top-up pending for over ${o.window} min`,
    payment_failed: 'payment failed',
    webhook_timeout: 'payment gateway webhook timed out',
  }[reason];
  return `Top-up not credited: ${what}; order ${o.orderId}, ${money}`;
}

function initialStatus(type: PaymentEvent['type']): string {
  return { 'payment.succeeded': 'succeeded', 'topup.pending': 'pending', 'topup.credited': 'credited', 'payment.failed': 'failed', 'payment.webhook_timeout': 'webhook_timeout' }[type];
}
