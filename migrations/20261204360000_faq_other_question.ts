import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * A text for a message of two questions, one answered from the FAQ and one no entry answers
 * (docs/understanding.md, item 223): the other goes to a person, and the customer is told so ("ร้าน
 * อยู่ตรงไหนคะ มีที่จอดรถไหม" was told the address, the parking never). The same words as the demo
 * seed's. An org without it is told the FAQ's "no answer found" text after the answer.
 */
const TEMPLATES = [
  {
    key: 'faq_other_question',
    description: 'After the answer to one question of a message, its other question that no FAQ entry answers ({{question}}): it goes to a person.',
    text: { th: 'ส่วนคำถาม "{{question}}" ได้ส่งให้ทีมงานแล้ว จะรีบตอบกลับในแชทนี้โดยเร็วค่ะ', en: 'As for "{{question}}", we have passed it to our team and will reply in this chat soon.' },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
