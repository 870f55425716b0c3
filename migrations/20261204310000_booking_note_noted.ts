import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A text of the bot's booking dialogue (docs/understanding.md, item 147): the line under a booking's
 * summary and its request received when the customer added something for the team at the summary
 * ("ไฟลท์ TG 660 นะคะ"). The same words as the demo seed's. An org without it keeps the note with the
 * request all the same; the line is left out.
 */
const TEMPLATES = [
  {
    key: 'booking_note_noted',
    description: 'Under the booking summary and the request received, when the customer added something for the team at the summary ({{note}}): it goes with the request.',
    text: {
      th: '📝 ข้อมูลเพิ่มเติม "{{note}}" ส่งถึงทีมงานพร้อมคำขอจองนี้แล้วค่ะ',
      en: '📝 Noted for our team with this request: "{{note}}"',
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
