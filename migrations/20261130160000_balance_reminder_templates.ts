import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * The reminder before a balance falls due (core/checkout/balance-reminders.ts, docs/money.md): with a
 * fresh payment link when Stripe is set up, else asking for a transfer and its slip.
 */
const TEMPLATES = [
  {
    key: 'balance_reminder',
    description: 'A customer who paid a deposit is reminded of the balance before the date of the booking, with a fresh payment link (card or PromptPay).',
    text: {
      th: 'ขอแจ้งเตือนค่ะ การจอง {{booking_id}} ({{service}}) วันที่ {{date}} ยังมียอดคงเหลือ {{amount}} ค่ะ\nชำระด้วยบัตรหรือพร้อมเพย์ได้ที่ {{payment_url}}\nหากชำระแล้ว ขออภัยและขอบคุณค่ะ',
      en: 'A reminder: booking {{booking_id}} ({{service}}) on {{date}} still has a balance of {{amount}} to pay.\nPay by card or PromptPay here: {{payment_url}}\nIf you have paid already, thank you, and please ignore this message.',
    },
  },
  {
    key: 'balance_reminder_transfer',
    description: 'A customer who paid a deposit is reminded of the balance before the date of the booking, when card payments are not set up: transfer, then send the slip.',
    text: {
      th: 'ขอแจ้งเตือนค่ะ การจอง {{booking_id}} ({{service}}) วันที่ {{date}} ยังมียอดคงเหลือ {{amount}} ค่ะ\nโอนแล้วส่งสลิปในแชทนี้ได้เลยค่ะ',
      en: 'A reminder: booking {{booking_id}} ({{service}}) on {{date}} still has a balance of {{amount}} to pay.\nOnce you have transferred it, send the slip in this chat.',
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await addTemplateForExistingOrgs(knex, { ...t, presentKey: 'payment_link' });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await removeTemplate(knex, t.key);
}
