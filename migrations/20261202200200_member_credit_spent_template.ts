import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/** A member told in the chat that a credit paid for a booking, and what is left (docs/members.md). */
const TEMPLATE = {
  key: 'member_credit_spent',
  description: "A credit of the member's package paid for a booking (booked with credits, or marked used at the class): what is left.",
  text: {
    th: 'ใช้ {{credits}} เครดิตจาก {{package}} สำหรับการจอง {{booking_id}} แล้วค่ะ เหลืออีก {{left}} ครั้ง',
    en: '{{credits}} credit of your {{package}} paid for booking {{booking_id}}: {{left}} left.',
  },
};

export async function up(knex: Knex): Promise<void> {
  await addTemplateForExistingOrgs(knex, { ...TEMPLATE, presentKey: 'session_full' });
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplate(knex, TEMPLATE.key);
}
