import type { Knex } from 'knex';
import { defaultEmailTemplate } from '../core/templates/email-templates.ts';

/**
 * Each customer-facing text gets its e-mail form (core/templates/email-templates.ts): a subject, an
 * HTML body and a plain-text body per language. The texts there are filled with what an e-mail of
 * them said until now (the first line as the subject, the text as the body, its links clickable),
 * so nothing sent today loses its words, and the admins find them ready to edit.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('templates', (t) => {
    t.text('email_subject');
    t.text('email_html');
    t.text('email_text');
  });
  const rows: { id: string; body: string }[] = await knex('templates').select('id', 'body');
  for (const r of rows) {
    const e = defaultEmailTemplate(r.body);
    await knex('templates').where({ id: r.id }).update({ email_subject: e.subject, email_html: e.html, email_text: e.text });
  }
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('templates', (t) => {
    t.dropColumn('email_subject');
    t.dropColumn('email_html');
    t.dropColumn('email_text');
  });
}
