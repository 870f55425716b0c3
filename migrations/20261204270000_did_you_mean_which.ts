import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A bare "yes" to "did you mean one of these?" with two readings or more says which it is not: the
 * bot asks once more, with the same buttons (bot/conversation/decide.ts), before a person answers.
 */
const TEMPLATES = [
  {
    key: 'did_you_mean_which',
    description: 'The customer answered "yes" to two readings or more: asked once more which one, with the same buttons.',
    text: { th: 'ข้อไหนคะ? แตะปุ่มของข้อที่ใช่ด้านล่างได้เลยค่ะ 👇', en: 'Which one? Please tap it below 👇' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
