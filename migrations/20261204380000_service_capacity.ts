import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A text for how many people a service takes, asked ("คลาสทำอาหารไทยรับกี่คนคะ", docs/understanding.md,
 * item 318): told from the service's own capacity, with the button to book it, as its length is. The same
 * words as the demo seed's. An org without it hands the question to a person, as before.
 */
const TEMPLATES = [
  {
    key: 'service_capacity',
    description: 'The customer asked how many a service takes: {{service}} and the most people it takes, {{capacity}}. Outside a booking, a button under it books the service.',
    text: { th: '{{service}} รับได้สูงสุด {{capacity}} ท่านค่ะ', en: '{{service}} takes up to {{capacity}} people.' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
