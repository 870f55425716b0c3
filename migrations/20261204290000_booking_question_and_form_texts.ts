import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * Two texts of the bot's booking dialogue (docs/understanding.md, items 104 and 107): the line
 * under a booking's summary when a question was asked with it, and the booking form's link when
 * the customer asks for it ("can I book online?"). The same words as the demo seed's.
 */
const TEMPLATES = [
  {
    key: 'booking_question_noted',
    description: 'Under the booking summary and the request received, when the customer asked a question with the booking: it goes to the team with the request.',
    text: {
      th: '📝 คำถามของคุณ "{{question}}" ส่งถึงทีมงานพร้อมคำขอจองนี้แล้ว ทีมงานจะตอบในแชทนี้ค่ะ',
      en: '📝 Your question, "{{question}}", goes to our team with this request; they will answer it in this chat.',
    },
  },
  {
    key: 'booking_form_link',
    description: 'The customer asked for the booking form ("can I book online?"): its link, in LINE.',
    text: {
      th: 'จองออนไลน์ได้ที่แบบฟอร์มนี้เลยค่ะ: {{booking_form_url}}\nหรือพิมพ์บอกบริการ วัน เวลา และจำนวนคนในแชทนี้ก็ได้นะคะ',
      en: 'You can book online with this form: {{booking_form_url}}\nOr tell us the service, day, time and number of people right here in the chat.',
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
