import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A question on an open case that the bot has no answer to ("what info do you need from me?") is
 * added to the case and answered by a person: the customer is told so, even in a burst of messages
 * (bot/conversation/act.ts), where a follow-up's acknowledgement is not repeated.
 */
const TEMPLATES = [
  {
    key: 'case_question_received',
    description: 'A question on an open case that the bot has no answer to ("what info do you need from me?"): added to the case, for a person to answer.',
    text: { th: 'ได้รับคำถามของคุณในเคส {{case_id}} แล้วค่ะ เจ้าหน้าที่จะตอบในแชทนี้โดยเร็วนะคะ', en: 'We have added your question to case {{case_id}}. Someone from the team will answer it here soon.' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'case_followup_received');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
