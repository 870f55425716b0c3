import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A customer with a case open who says the problem is over ("ได้แล้วค่ะ ขอบคุณค่ะ") is told the team
 * will close it (bot/conversation/act.ts `follow_up`), not that "the team will look into it".
 */
const TEMPLATES = [
  {
    key: 'case_customer_solved',
    description: 'A customer with a case open said the problem is over ("it is there now, thanks"): the team will close the case.',
    text: {
      th: 'ดีใจด้วยนะคะ 😊 แจ้งทีมงานแล้วว่าเรื่อง {{case_id}} เรียบร้อยแล้ว ทีมงานจะปิดเคสให้ค่ะ หากยังมีปัญหา พิมพ์บอกในแชทนี้ได้เลยนะคะ',
      en: "Glad to hear it's sorted 😊 We've told the team, who will close case {{case_id}}. If anything is still wrong, just write here.",
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
