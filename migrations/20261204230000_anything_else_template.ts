import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * The bot's answer to an "ok" or a 👍: what else it can do, with the four choices, rather than the
 * welcome a new friend gets (bot/conversation/act.ts `greet`).
 */
const KEY = 'anything_else';

export async function up(knex: Knex): Promise<void> {
  await addTemplateForExistingOrgs(knex, {
    key: KEY,
    description: 'The customer said "ok" or sent a thumbs-up: the four choices follow as buttons.',
    text: { th: '😊 หากมีอะไรให้ช่วยเพิ่มเติม พิมพ์มาในแชทนี้หรือแตะปุ่มด้านล่างได้เลยนะคะ', en: '😊 If there is anything else, write here or tap below.' },
    presentKey: 'greeting_follow',
  });
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplate(knex, KEY);
}
