import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * The bot's question when two readings of a message are close: "did you mean this or that?", the
 * two as buttons (bot/conversation/act.ts).
 */
const KEY = 'did_you_mean';

export async function up(knex: Knex): Promise<void> {
  await addTemplateForExistingOrgs(knex, {
    key: KEY,
    description: 'Two readings of the message are close: the two follow as buttons, then "talk to a person".',
    text: {
      th: 'หมายถึงเรื่องไหนคะ? แตะข้อที่ใช่ได้เลยค่ะ 👇',
      en: 'Did you mean one of these? Tap the one that fits 👇',
    },
    presentKey: 'clarify_intent',
  });
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplate(knex, KEY);
}
