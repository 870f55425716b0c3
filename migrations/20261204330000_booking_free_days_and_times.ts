import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * Two texts of the bot's booking dialogue (docs/understanding.md, item 159): the answer to "which
 * days are free?" and "what times are free?" in a booking, above the days or times offered as
 * buttons. The same words as the demo seed's. An org without them is asked the day's or the time's
 * question instead, with the same buttons.
 */
const TEMPLATES = [
  {
    key: 'booking_free_days',
    description: 'In a booking, the customer asked which days are free: said above the next days {{service}} is open, a button each, and the calendar.',
    text: {
      th: 'วันที่เปิดรับจอง{{service}} เลือกได้ด้านล่างเลยค่ะ 👇 หรือเลือกวันอื่นจากปฏิทินก็ได้ค่ะ',
      en: 'These are the next days open for {{service}} 👇 Or pick another day from the calendar.',
    },
  },
  {
    key: 'booking_free_times',
    description: 'In a booking, the customer asked which times are free: said above the times {{service}} can be booked on {{date}}, a button each.',
    text: {
      th: 'เวลาที่จอง{{service}} ได้ในวันที่ {{date}} เลือกได้ด้านล่างเลยค่ะ 👇',
      en: 'These times are open for {{service}} on {{date}} 👇',
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
