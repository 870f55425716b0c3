import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * The bot's answer to a thank-you: "you're welcome", with the four choices, rather than the
 * welcome a new friend gets ("Hello and welcome!" after a booking was confirmed read oddly).
 */
const KEY = 'thanks_reply';

export async function up(knex: Knex): Promise<void> {
  await addTemplateForExistingOrgs(knex, {
    key: KEY,
    description: 'The customer said thank you: the four choices follow as buttons.',
    text: {
      th: 'ยินดีค่ะ 😊 หากมีอะไรให้ช่วยเพิ่มเติม พิมพ์มาในแชทนี้ได้เลยนะคะ',
      en: "You're welcome 😊 If there is anything else, just write here.",
    },
    presentKey: 'greeting_follow',
  });
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplate(knex, KEY);
}
