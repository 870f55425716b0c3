import type { Knex } from 'knex';

/**
 * The bot's answer to a hello from a customer whose case is still open (bot/conversation/act.ts),
 * for every org that has templates already (those set up before it existed); new orgs get it from
 * the demo seed. An org that already has the key keeps its own text.
 */
const KEY = 'greeting_open_case';
const DESCRIPTION = 'A hello from a customer whose case is still open: greeted back, reminded of the case, with the choices.';
const TEXT = {
  th: 'สวัสดีค่ะ 👋 เคส {{case_id}} ของคุณยังอยู่ระหว่างดำเนินการ ทีมงานกำลังดูแลอยู่นะคะ มีข้อมูลเพิ่มเติมพิมพ์ในแชทนี้ได้เลยค่ะ\nหรือให้เราช่วยเรื่องอื่นไหมคะ?',
  en: 'Hello again! 👋 Your case {{case_id}} is still open and our team is on it. Anything you add here goes to the case.\nOr can we help you with something else?',
};

export async function up(knex: Knex): Promise<void> {
  const orgs: { org_id: string }[] = await knex('templates').distinct('org_id').where({ key: 'greeting_follow' });
  const rows = orgs.flatMap(({ org_id }) => (['th', 'en'] as const).map((language) => ({ org_id, key: KEY, language, body: TEXT[language], description: DESCRIPTION })));
  if (rows.length > 0) await knex('templates').insert(rows).onConflict(['org_id', 'key', 'language']).ignore();
}

export async function down(knex: Knex): Promise<void> {
  await knex('templates').where({ key: KEY }).del();
}
