import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * What a customer who asks for a person outside the desk's hours is told: when it opens, from the
 * org's business calendar (bot/conversation/handoff-text.ts), instead of "shortly".
 */
const KEY = 'handoff_after_hours';

export async function up(knex: Knex): Promise<void> {
  await addTemplateForExistingOrgs(knex, {
    key: KEY,
    description: 'The conversation is handed to a person outside business hours: {{opens_at}} is when the desk opens.',
    text: {
      th: 'ขณะนี้อยู่นอกเวลาทำการค่ะ ได้ส่งเรื่องให้เจ้าหน้าที่แล้ว เจ้าหน้าที่จะตอบกลับในแชทนี้เมื่อเปิดทำการ {{opens_at}} นะคะ',
      en: 'Our team is away right now. We have passed your message on, and a person will reply in this chat when we open, {{opens_at}}.',
    },
    presentKey: 'handoff_to_person',
  });
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplate(knex, KEY);
}
