import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/** What members read in the chat (docs/members.md): their balance, and credits about to run out. */
const TEMPLATES = [
  {
    key: "member_balance",
    description: "A member asked for their balance in the chat: wallet, points and credits by package, with the card's link.",
    text: {
      th: "ยอดคงเหลือของคุณค่ะ (สมาชิก {{member_number}})\nกระเป๋าเงิน: {{wallet}}\nคะแนนสะสม: {{points}} คะแนน\nเครดิตคลาส:\n{{credits}}\nดูบัตรสมาชิกและประวัติการใช้ได้ที่ {{card_url}} ค่ะ",
      en: "Your balance (member {{member_number}}):\nWallet: {{wallet}}\nPoints: {{points}}\nClass credits:\n{{credits}}\nYour member card and history: {{card_url}}",
    },
  },
  {
    key: "member_not_member",
    description: "Someone who is not a member asked for their balance.",
    text: {
      th: "ขออภัยค่ะ ยังไม่พบข้อมูลสมาชิกของคุณ หากต้องการสมัครสมาชิกหรือซื้อแพ็กเกจ ทักทีมงานได้เลยค่ะ",
      en: "Sorry, we could not find a membership for you. Message our team to join or to buy a package.",
    },
  },
  {
    key: "member_credits_expiring",
    description: "A member's package runs out soon and credits are left (sent once, days before: membership.expiryNoticeDays).",
    text: {
      th: "แจ้งเตือนค่ะ {{package}} ของคุณยังเหลือ {{credits}} ครั้ง และจะหมดอายุวันที่ {{date}} ค่ะ จองคลาสก่อนวันนั้นได้เลยนะคะ",
      en: "A reminder: your {{package}} has {{credits}} credits left, which run out on {{date}}. Book a class before then!",
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await addTemplateForExistingOrgs(knex, { ...t, presentKey: 'session_full' });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await removeTemplate(knex, t.key);
}
