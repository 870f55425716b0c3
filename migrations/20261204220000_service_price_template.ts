import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * "How much is the private lesson?" answered from the service's own price (per person, as the
 * amount due counts it: docs/money.md), with a button to book it (bot/conversation/act.ts
 * `service_price`).
 */
const TEMPLATES = [
  {
    key: 'service_price',
    description: 'The customer asked the price of a service: {{service}} and its price per person, {{amount}}; a button books it.',
    text: { th: '{{service}} ราคา {{amount}} ต่อท่านค่ะ หากต้องการจอง แตะปุ่มด้านล่างได้เลยนะคะ', en: '{{service}} is {{amount}} per person. Tap below to book it.' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
