import type { Knex } from 'knex';

/**
 * The text under the bot's "which service?" in LINE that offers the booking form
 * (bot/conversation/booking-slots.ts), for orgs set up before it existed; new orgs get it from the
 * demo seed. An org that already has the key keeps its own text.
 */
const TEXT = {
  th: 'หรือกรอกแบบฟอร์มจองได้ที่นี่ค่ะ: {{booking_form_url}}',
  en: 'Or fill in the booking form: {{booking_form_url}}',
};
const DESCRIPTION = 'Below the question of which service, in LINE: the booking form, which lists every service and what it needs.';

export async function up(knex: Knex): Promise<void> {
  for (const language of ['th', 'en'] as const) {
    await knex.raw(
      `INSERT INTO templates (org_id, key, language, body, description)
       SELECT DISTINCT org_id, 'booking_form_offer', ?, ?, ? FROM templates WHERE key = 'booking_ask_service'
       ON CONFLICT (org_id, key, language) DO NOTHING`,
      [language, TEXT[language], DESCRIPTION],
    );
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex('templates').where({ key: 'booking_form_offer' }).del();
}
