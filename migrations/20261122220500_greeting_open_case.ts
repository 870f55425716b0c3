import type { Knex } from 'knex';

/**
 * The bot's answer to a hello from a customer whose case is still open (bot/conversation/act.ts),
 * for orgs set up before it existed; new orgs get it from the demo seed. An org that already has
 * the key keeps its own text.
 */
const TEXT = {
  th: 'สวัสดีค่ะ 👋 เคส {{case_id}} ของคุณยังอยู่ระหว่างดำเนินการ ทีมงานกำลังดูแลอยู่นะคะ มีข้อมูลเพิ่มเติมพิมพ์ในแชทนี้ได้เลยค่ะ\nหรือให้เราช่วยเรื่องอื่นไหมคะ?',
  en: 'Hello again! 👋 Your case {{case_id}} is still open and our team is on it. Anything you add here goes to the case.\nOr can we help you with something else?',
};
const DESCRIPTION = 'A hello from a customer whose case is still open: greeted back, reminded of the case, with the choices.';

export async function up(knex: Knex): Promise<void> {
  for (const language of ['th', 'en'] as const) {
    await knex.raw(
      `INSERT INTO templates (org_id, key, language, body, description)
       SELECT DISTINCT org_id, 'greeting_open_case', ?, ?, ? FROM templates WHERE key = 'greeting_follow'
       ON CONFLICT (org_id, key, language) DO NOTHING`,
      [language, TEXT[language], DESCRIPTION],
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex('templates').where({ key: 'greeting_open_case' }).del();
}
