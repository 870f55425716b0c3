import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * Two texts of the bot's booking dialogue (docs/understanding.md, item 118): a transfer's other end
 * asked for, naming the one the customer said ("Where should we pick you up? We will take you to
 * Don Mueang."). The same words as the demo seed's. An org without them is asked for both ends, as
 * before.
 */
const TEMPLATES = [
  {
    key: 'booking_ask_pickup',
    description: 'The bot asks where a transfer picks the customer up, when they said only where it goes ({{place}}).',
    text: {
      th: 'ให้รถไปรับที่ไหนคะ? (ไปส่ง{{place}}) เช่น ชื่อโรงแรมหรือที่อยู่',
      en: "Where should we pick you up? We will take you to {{place}}. For example, your hotel's name.",
    },
  },
  {
    key: 'booking_ask_dropoff',
    description: 'The bot asks where a transfer goes, when the customer said only where it picks them up ({{place}}).',
    text: {
      th: 'รับที่{{place}} แล้วต้องการไปส่งที่ไหนคะ?',
      en: 'Where should we take you from {{place}}?',
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
