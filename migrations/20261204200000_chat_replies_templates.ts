import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * The bot's short answers that used to be the welcome a new friend gets (bot/conversation/act.ts):
 * "you're welcome" to a thank-you, "anything else?" to an "ok" or a 👍, and "what would you like to
 * know?" to "สวัสดีค่ะ สอบถามค่ะ" (or the question button with nothing asked yet). New orgs get them
 * from the demo seed; an org that already has a key keeps its own text.
 */
const TEMPLATES = [
  {
    key: 'thanks_reply',
    description: 'The customer said thank you: the four choices follow as buttons.',
    text: { th: 'ยินดีค่ะ 😊 หากมีอะไรให้ช่วยเพิ่มเติม พิมพ์มาในแชทนี้ได้เลยนะคะ', en: "You're welcome 😊 If there is anything else, just write here." },
  },
  {
    key: 'anything_else',
    description: 'The customer said "ok" or sent a thumbs-up: the four choices follow as buttons.',
    text: { th: '😊 หากมีอะไรให้ช่วยเพิ่มเติม พิมพ์มาในแชทนี้หรือแตะปุ่มด้านล่างได้เลยนะคะ', en: '😊 If there is anything else, write here or tap below.' },
  },
  {
    key: 'ask_question_details',
    description: 'The customer said they have a question and nothing more: what is it?',
    text: { th: 'ได้เลยค่ะ สอบถามเรื่องอะไรคะ? พิมพ์คำถามมาได้เลยนะคะ', en: 'Sure, what would you like to know? Just type your question.' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
