import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * The bot's question when a customer says an unclear message is a problem: which case type it is,
 * the likeliest first (bot/conversation/act.ts).
 */
const KEY = 'pick_case_type';

export async function up(knex: Knex): Promise<void> {
  await addTemplateForExistingOrgs(knex, {
    key: KEY,
    description: 'The customer said it is a problem, but not clearly which: the case types follow as buttons, the likeliest first.',
    text: {
      th: 'ปัญหาที่พบตรงกับข้อไหนคะ? เลือกข้อที่ใกล้เคียงที่สุดได้เลยค่ะ 👇',
      en: 'Which of these is it? Tap the one closest to your problem 👇',
    },
    presentKey: 'clarify_intent',
  });
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplate(knex, KEY);
}
