import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * Customers' payments on bookings (core/checkout/, docs/money.md). Not `payments`: that table is the
 * top-up monitor's (payment events from a business's own platform, core/payments/).
 *
 * - `booking_payments`: one payment asked of a customer (a Stripe Checkout link, or a bank transfer
 *   whose slip they sent), its amount in minor units, and what became of it. `refunded_minor` is
 *   what was given back or is being given back: never more than was paid (a CHECK, and the refund
 *   command reads it under the row's lock). `flag` says why money that arrived was not applied
 *   (an amount that does not match, a quote superseded or expired): staff decide, it is refundable.
 * - `payment_refunds`: each refund, full or part.
 * - `stripe_events`: Stripe's events as they arrived (the webhook, or the reconciliation reading
 *   Stripe's list), once per event id; the worker applies each once. `waiting`: it names a payment
 *   not seen paid yet (a refund before its payment): applied when the payment is.
 */
const PAYMENT_STATUSES = ['pending', 'paid', 'flagged', 'expired', 'rejected'];
const REFUND_STATUSES = ['pending', 'succeeded', 'failed'];
const EVENT_STATUSES = ['received', 'applied', 'waiting', 'ignored'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

const TEMPLATES = [
  {
    key: 'payment_link',
    description: 'A payment link for a booking (a deposit, the whole amount or the balance): card or PromptPay through Stripe.',
    text: {
      th: 'ลิงก์ชำระเงินสำหรับการจอง {{booking_id}} ({{service}}) ค่ะ\n• ยอดที่ต้องชำระ: {{amount}}\nชำระด้วยบัตรหรือพร้อมเพย์ได้ที่ {{payment_url}}',
      en: 'Payment for booking {{booking_id}} ({{service}})\n• Amount due: {{amount}}\nPay by card or PromptPay here: {{payment_url}}',
    },
  },
  {
    key: 'payment_received',
    description: 'A payment on the booking is confirmed (Stripe, or a transfer slip staff confirmed).',
    text: {
      th: 'ได้รับชำระเงิน {{amount}} สำหรับการจอง {{booking_id}} เรียบร้อยแล้ว ขอบคุณค่ะ 🙏\nใบเสร็จรับเงิน: {{receipt_url}}',
      en: 'We have received your payment of {{amount}} for booking {{booking_id}}. Thank you! 🙏\nYour receipt: {{receipt_url}}',
    },
  },
  {
    key: 'payment_refunded',
    description: 'Money was given back on a payment for the booking.',
    text: {
      th: 'คืนเงิน {{amount}} สำหรับการจอง {{booking_id}} แล้วค่ะ ยอดจะกลับเข้าช่องทางที่คุณชำระภายในไม่กี่วันทำการ',
      en: 'We have refunded {{amount}} for booking {{booking_id}}. It returns to the way you paid within a few business days.',
    },
  },
  {
    key: 'slip_received',
    description: "A customer's image while their booking owes money: taken as a transfer slip, for staff to confirm.",
    text: { th: 'ได้รับสลิปการโอนเงินสำหรับการจอง {{booking_id}} แล้วค่ะ ทีมงานจะตรวจสอบและยืนยันให้เร็วที่สุด', en: 'Thank you: we have your transfer slip for booking {{booking_id}}. Our team will check it and confirm shortly.' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE booking_payments (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      booking_id uuid NOT NULL REFERENCES bookings(id),
      -- The quote version paid for, when the amount came from one.
      quote_id uuid REFERENCES booking_quotes(id),
      -- deposit, full or balance: which part of the amount due it was asked for.
      part text NOT NULL CHECK (part IN ('deposit', 'full', 'balance')),
      -- stripe (card or PromptPay, in method_detail once paid) or transfer (a slip).
      method text NOT NULL CHECK (method IN ('stripe', 'transfer')),
      method_detail text,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN (${list(PAYMENT_STATUSES)})),
      currency text NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      refunded_minor bigint NOT NULL DEFAULT 0,
      stripe_session_id text UNIQUE,
      stripe_payment_intent text UNIQUE,
      checkout_url text,
      -- A transfer slip: the customer's image (conversation_attachments / messages) it came with.
      slip_message_id uuid,
      flag text,
      flag_detail jsonb,
      paid_at timestamptz,
      decided_by_type text,
      decided_by_id text,
      created_by_type text NOT NULL,
      created_by_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT booking_payments_refunds_within_paid CHECK (refunded_minor >= 0 AND refunded_minor <= amount_minor),
      CONSTRAINT booking_payments_paid_has_time CHECK (status NOT IN ('paid', 'flagged') OR paid_at IS NOT NULL)
    );
    CREATE INDEX booking_payments_booking ON booking_payments (booking_id, created_at);
    CREATE INDEX booking_payments_org_paid ON booking_payments (org_id, paid_at) WHERE paid_at IS NOT NULL;
    CREATE INDEX booking_payments_org_created ON booking_payments (org_id, created_at);
    CREATE TRIGGER booking_payments_touch BEFORE UPDATE ON booking_payments FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

    CREATE TABLE payment_refunds (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      payment_id uuid NOT NULL REFERENCES booking_payments(id),
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN (${list(REFUND_STATUSES)})),
      stripe_refund_id text UNIQUE,
      reason text,
      failure text,
      created_by_type text NOT NULL,
      created_by_id text,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      succeeded_at timestamptz
    );
    CREATE INDEX payment_refunds_payment ON payment_refunds (payment_id);
    CREATE INDEX payment_refunds_org_succeeded ON payment_refunds (org_id, succeeded_at) WHERE succeeded_at IS NOT NULL;
    CREATE TRIGGER payment_refunds_touch BEFORE UPDATE ON payment_refunds FOR EACH ROW EXECUTE FUNCTION touch_updated_at();

    CREATE TABLE stripe_events (
      id text PRIMARY KEY,
      type text NOT NULL,
      payload jsonb NOT NULL,
      -- How it came: the webhook, or the reconciliation reading Stripe's list.
      source text NOT NULL CHECK (source IN ('webhook', 'reconciliation')),
      status text NOT NULL DEFAULT 'received' CHECK (status IN (${list(EVENT_STATUSES)})),
      -- What it named, once read: the payment intent a waiting event waits for.
      payment_intent text,
      outcome text,
      attempts int NOT NULL DEFAULT 0,
      error text,
      stripe_created_at timestamptz NOT NULL,
      received_at timestamptz NOT NULL DEFAULT now(),
      applied_at timestamptz
    );
    CREATE INDEX stripe_events_waiting ON stripe_events (payment_intent) WHERE status = 'waiting';
  `);
  for (const t of TEMPLATES) await addTemplateForExistingOrgs(knex, { ...t, presentKey: 'quote_sent' });
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE stripe_events; DROP TABLE payment_refunds; DROP TABLE booking_payments;');
  for (const t of TEMPLATES) await removeTemplate(knex, t.key);
}
