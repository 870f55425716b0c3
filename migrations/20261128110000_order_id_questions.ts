import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * The bot's questions for a case type that needs its order id (bot/conversation/act.ts): asked once,
 * then again when the answer holds none the org's patterns read.
 */
const TEMPLATES = [
  {
    key: 'ask_order_id',
    description: 'A problem of a type that needs its order id, and the customer gave none: the bot asks for it.',
    text: { th: 'รบกวนขอเลขที่คำสั่งซื้อด้วยค่ะ จะได้ตรวจสอบให้ได้เร็วที่สุด', en: 'Could you send us the order number? It lets us check it right away.' },
    presentKey: 'pick_case_type',
  },
  {
    key: 'ask_order_id_again',
    description: 'The answer held no order id the business recognises: the bot asks once more (a person takes over after the third try).',
    text: {
      th: 'เลขนี้ยังไม่ตรงกับรูปแบบเลขที่คำสั่งซื้อของเราค่ะ รบกวนตรวจสอบอีกครั้งนะคะ หรือแตะ "คุยกับเจ้าหน้าที่" ได้เลยค่ะ',
      en: 'That does not look like one of our order numbers. Could you check it again? Or tap "talk to a person".',
    },
    presentKey: 'pick_case_type',
  },
];

export async function up(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await addTemplateForExistingOrgs(knex, t);
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await removeTemplate(knex, t.key);
}
