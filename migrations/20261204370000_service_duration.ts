import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A text for how long a service takes, asked outside a booking ("how long is the cooking class?",
 * docs/understanding.md, item 298): told from the service's own length, with the button to book it, as
 * its price is. The same words as the demo seed's. An org without it hands the question to a person,
 * as before.
 */
const TEMPLATES = [
  {
    key: 'service_duration',
    description: 'The customer asked how long a service takes: {{service}} and its length, {{duration}}. Outside a booking, a button under it books the service.',
    text: { th: '{{service}} ใช้เวลาประมาณ {{duration}}ค่ะ', en: '{{service}} takes about {{duration}}.' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
