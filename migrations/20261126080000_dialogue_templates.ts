import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate, type AddedTemplate } from './template-for-existing-orgs.ts';

/**
 * What the bot says when the customer steers (bot/conversation/act.ts, booking-slots.ts): where a
 * transfer goes, what happened when they only said they have a problem, and where their case stands.
 */
const ADDED: Omit<AddedTemplate, 'presentKey'>[] = [
  {
    key: 'booking_ask_destination',
    description: 'The bot asks where a transfer goes (a service whose booking form requires a destination).',
    text: { th: 'ต้องการให้รับส่งจากที่ไหนไปที่ไหนคะ? เช่น จากสุวรรณภูมิไปโรงแรมที่พัก', en: 'Where should we take you? For example, from Suvarnabhumi to your hotel.' },
  },
  {
    key: 'ask_problem_details',
    description: 'The customer said they have a problem and nothing more: the bot asks what happened.',
    text: { th: 'ขออภัยในความไม่สะดวกค่ะ 🙏 เล่าให้เราฟังได้เลยนะคะว่าเกิดอะไรขึ้น', en: 'Sorry to hear that. 🙏 Please tell us what happened.' },
  },
  {
    key: 'case_status_reply',
    description: 'The customer asked where their open case stands: {{case_id}} and its {{status}} in their words.',
    text: { th: 'เคส {{case_id}} ของคุณ: {{status}}ค่ะ ทีมงานจะแจ้งความคืบหน้าในแชทนี้นะคะ', en: 'Your case {{case_id}} is {{status}}. We will tell you here as soon as there is news.' },
  },
];

export async function up(knex: Knex): Promise<void> {
  for (const t of ADDED) await addTemplateForExistingOrgs(knex, { ...t, presentKey: 'greeting_follow' });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ADDED) await removeTemplate(knex, t.key);
}
