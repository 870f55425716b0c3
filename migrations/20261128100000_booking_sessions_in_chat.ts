import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * The chat's booking of a service with sessions (bot/conversation/booking-slots.ts): it offers the
 * sessions that still have room, with the seats left when few remain, or says there is none.
 */
const TEMPLATES = [
  {
    key: 'booking_ask_session',
    description: 'The bot asks which session of a class or departure: the sessions with room follow as buttons.',
    text: { th: 'รอบไหนสะดวกสำหรับ {{service}} คะ? เลือกได้เลยค่ะ 👇', en: 'Which session of {{service}} would suit you? Tap one 👇' },
    presentKey: 'booking_ask_date',
  },
  {
    key: 'booking_no_session',
    description: 'A class or departure has no session with room in the coming month.',
    text: {
      th: 'ขออภัยค่ะ {{service}} ยังไม่มีรอบที่ว่างในเดือนนี้ ทีมงานยินดีช่วยหาวันอื่นให้ค่ะ พิมพ์ "คุยกับเจ้าหน้าที่" ได้เลยนะคะ',
      en: 'Sorry, {{service}} has no session with room in the coming month. Our team can help find another date: just type "talk to a person".',
    },
    presentKey: 'booking_ask_date',
  },
  {
    key: 'label_seats_left',
    description: 'Quick reply: how many seats a session has left, when few remain.',
    text: { th: 'เหลือ {{seats_left}} ที่', en: '{{seats_left}} left' },
    presentKey: 'booking_ask_date',
  },
];

export async function up(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await addTemplateForExistingOrgs(knex, t);
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await removeTemplate(knex, t.key);
}
