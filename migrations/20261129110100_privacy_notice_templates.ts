import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * The privacy notice in the chat (bot/conversation/privacy-notice.ts, docs/privacy.md): a card
 * before the bot's first answer to a customer, once per version of the org's notice, and the
 * answers to its buttons. An org without a published notice never sends them.
 */
const TEMPLATES = [
  {
    key: 'privacy_notice',
    description: "The first message of a customer the bot answers (once per version of the org's privacy notice): a card before the answer, with Agree, No thanks and a link to the full notice (docs/privacy.md).",
    text: {
      th: 'ก่อนอื่นขอแจ้งเรื่องข้อมูลส่วนบุคคลนะคะ 🔒 เราใช้ชื่อ ช่องทางติดต่อ และข้อความในแชทนี้เพื่อดูแลการจองและเรื่องที่คุณแจ้งเท่านั้น และจะส่งข่าวสารหรือข้อเสนอให้ก็ต่อเมื่อคุณยินยอมค่ะ\nยินยอมรับข่าวสารและข้อเสนอจากเราไหมคะ? ตอบอย่างไรก็ไม่มีผลต่อบริการที่คุณได้รับค่ะ',
      en: 'First, a word about your personal data 🔒 We use your name, contact details and this chat only to look after your bookings and requests, and we send news or offers only if you agree.\nMay we send you news and offers? Either way, our service to you stays the same.',
    },
  },
  {
    key: 'privacy_consent_thanks',
    description: 'The customer tapped Agree on the privacy notice.',
    text: {
      th: 'ขอบคุณค่ะ 🙏 บันทึกความยินยอมของคุณแล้ว หากเปลี่ยนใจ แตะ "ไม่ยินยอม" ที่ข้อความเดิมได้ทุกเมื่อค่ะ',
      en: 'Thank you! 🙏 Your consent is recorded. If you change your mind, tap "No, thanks" on the same message at any time.',
    },
  },
  {
    key: 'privacy_consent_declined',
    description: 'The customer tapped No thanks on the privacy notice (or withdrew a consent).',
    text: {
      th: 'รับทราบค่ะ เราจะไม่ส่งข่าวสารหรือข้อเสนอให้คุณ และยังดูแลการจองและเรื่องที่คุณแจ้งตามปกติค่ะ',
      en: 'Noted: we will not send you news or offers, and we look after your bookings and requests as usual.',
    },
  },
  { key: 'label_privacy_notice', description: "The privacy notice card's title.", text: { th: 'ข้อมูลส่วนบุคคล (ประกาศฉบับที่ {{notice_version}})', en: 'Your personal data (notice version {{notice_version}})' } },
  { key: 'label_consent_accept', description: 'Button on the privacy notice: agree to news and offers.', text: { th: 'ยินยอม', en: 'I agree' } },
  { key: 'label_consent_decline', description: 'Button on the privacy notice: do not agree.', text: { th: 'ไม่ยินยอม', en: 'No, thanks' } },
  { key: 'label_privacy_read', description: 'Button on the privacy notice: open the full notice.', text: { th: 'อ่านประกาศฉบับเต็ม', en: 'Read the full notice' } },
];

export async function up(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await addTemplateForExistingOrgs(knex, { ...t, presentKey: 'greeting_follow' });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await removeTemplate(knex, t.key);
}
