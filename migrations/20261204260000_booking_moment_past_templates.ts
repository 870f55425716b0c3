import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A booking in chat for a moment already gone ("วันนี้ 10 โมง" typed at nine in the evening) is not
 * booked: the customer is told, and the day or the time asked again (bot/conversation/booking-slots.ts).
 */
const TEMPLATES = [
  {
    key: 'booking_time_past',
    description: 'The customer asked for a time already gone today ({{time}} on {{date}}): told so, then asked the time again.',
    text: { th: 'ขออภัยค่ะ เวลา {{time}} น. ของวัน{{date}} ผ่านไปแล้ว', en: 'Sorry, {{time}} on {{date}} has already passed.' },
  },
  {
    key: 'booking_date_past',
    description: 'The customer asked for a day already gone ({{date}}): told so, then asked the day again.',
    text: { th: 'ขออภัยค่ะ วัน{{date}} ผ่านไปแล้ว', en: 'Sorry, {{date}} has already passed.' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
