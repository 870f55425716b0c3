import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A bare number typed at a booking's summary ("actually make it 11") is asked about, the time or the
 * number of people, with a button for each (bot/conversation/booking-slots.ts): it was ignored, and
 * the same summary came back as if it had been taken.
 */
const TEMPLATES = [
  {
    key: 'booking_number_which',
    description: 'At the booking summary the customer typed a bare number ("make it 11"): the time ({{time}}) or the number of people ({{party_size}})? A button for each follows.',
    text: { th: 'หมายถึงเวลา {{time}} น. หรือจำนวน {{party_size}} ท่านคะ? แตะข้อที่ใช่ได้เลยค่ะ 👇', en: 'Did you mean {{time}} or {{party_size}} guests? Tap the one you meant 👇' },
  },
  {
    key: 'label_which_time',
    description: 'Quick reply: the number the customer typed at the booking summary is the time, {{time}}.',
    text: { th: 'เวลา {{time}} น.', en: 'Time: {{time}}' },
  },
  {
    key: 'label_which_party',
    description: 'Quick reply: the number the customer typed at the booking summary is the number of people, {{party_size}}.',
    text: { th: 'จำนวน {{party_size}} ท่าน', en: 'Guests: {{party_size}}' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
