import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A text of the bot's booking dialogue (docs/understanding.md, item 188): two services asked for in
 * one message are booked one after the other, and this line says which comes next, above its first
 * question. The same words as the demo seed's. An org without it is asked the next booking's
 * question alone.
 */
const TEMPLATES = [
  {
    key: 'booking_next_service',
    description: 'Two services asked for in one message: after the first is booked, said above the first question of the next, {{service}}.',
    text: { th: 'ต่อไปเป็นการจอง{{service}}นะคะ', en: 'Next, {{service}}.' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
