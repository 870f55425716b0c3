import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A text of the bot's booking dialogue (docs/understanding.md, item 149): the price asked in a
 * booking for several people, with the total ("สปาและนวดแผนไทย ราคา 1,500 บาท ต่อท่าน สำหรับ 2 ท่าน รวม
 * 3,000 บาท ค่ะ"). The same words as the demo seed's. An org without it is told the price per person,
 * as before.
 */
const TEMPLATES = [
  {
    key: 'service_price_total',
    description: 'In the booking of a service for several people, the customer asked its price: {{service}}, its price per person {{amount}}, the people {{party_size}} and the total {{total}}.',
    text: {
      th: '{{service}} ราคา {{amount}} ต่อท่าน สำหรับ {{party_size}} ท่าน รวม {{total}}ค่ะ',
      en: '{{service}} is {{amount}} per person: {{total}} for {{party_size}}.',
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
