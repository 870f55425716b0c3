import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * "ขอใบเสร็จค่ะ" in chat: the customer's latest documents as links, or, with none issued to them
 * yet, the conversation handed to a person (bot/conversation/act.ts `documents`).
 */
const TEMPLATES = [
  {
    key: 'documents_links',
    description: 'The customer asked for their receipt: {{documents}} lists their latest documents, each with its link.',
    text: { th: 'เอกสารล่าสุดของคุณค่ะ แตะลิงก์เพื่อเปิดไฟล์ PDF ได้เลยนะคะ\n{{documents}}', en: 'Your latest documents. Tap a link to open the PDF:\n{{documents}}' },
  },
  {
    key: 'documents_none',
    description: 'The customer asked for their receipt and none was issued to them yet: a person takes the conversation.',
    text: {
      th: 'ยังไม่พบใบเสร็จหรือใบกำกับภาษีในชื่อของคุณค่ะ ขอส่งต่อให้เจ้าหน้าที่ตรวจสอบและส่งให้ในแชทนี้นะคะ',
      en: 'We could not find a receipt or tax invoice in your name yet. A member of our team will check and send it here.',
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
