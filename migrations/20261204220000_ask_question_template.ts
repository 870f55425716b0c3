import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * "สวัสดีค่ะ สอบถามค่ะ" or the question button with nothing asked yet: the bot asks what the
 * question is (bot/conversation/act.ts `ask_question`), as it asks what happened for a problem.
 */
const KEY = 'ask_question_details';

export async function up(knex: Knex): Promise<void> {
  await addTemplateForExistingOrgs(knex, {
    key: KEY,
    description: 'The customer said they have a question and nothing more: what is it?',
    text: { th: 'ได้เลยค่ะ สอบถามเรื่องอะไรคะ? พิมพ์คำถามมาได้เลยนะคะ', en: 'Sure, what would you like to know? Just type your question.' },
    presentKey: 'ask_problem_details',
  });
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplate(knex, KEY);
}
