import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/** The bot's answer to a hello from a customer whose case is still open (bot/conversation/act.ts). */
const KEY = 'greeting_open_case';

export async function up(knex: Knex): Promise<void> {
  await addTemplateForExistingOrgs(knex, {
    key: KEY,
    description: 'A hello from a customer whose case is still open: greeted back, reminded of the case, with the choices.',
    text: {
      th: 'สวัสดีค่ะ 👋 เคส {{case_id}} ของคุณยังอยู่ระหว่างดำเนินการ ทีมงานกำลังดูแลอยู่นะคะ มีข้อมูลเพิ่มเติมพิมพ์ในแชทนี้ได้เลยค่ะ\nหรือให้เราช่วยเรื่องอื่นไหมคะ?',
      en: 'Hello again! 👋 Your case {{case_id}} is still open and our team is on it. Anything you add here goes to the case.\nOr can we help you with something else?',
    },
    presentKey: 'greeting_follow',
  });
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplate(knex, KEY);
}
