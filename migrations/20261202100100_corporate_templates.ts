import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/** What a customer reads when joining a corporate client by code, and a member moved up a tier (docs/members.md). */
const TEMPLATES = [
  {
    key: "corporate_joined",
    description: "A customer joined a corporate client by its code and took a seat: their member number, the seat's package, the card's link.",
    text: {
      th: "ยินดีต้อนรับค่ะ คุณได้เป็นสมาชิกในนามของ {{client}} แล้ว\nหมายเลขสมาชิก: {{member_number}}{{package}}\nดูบัตรสมาชิกได้ที่ {{card_url}} ค่ะ",
      en: "Welcome! You are now a member through {{client}}.\nMember number: {{member_number}}{{package}}\nYour member card: {{card_url}}",
    },
  },
  {
    key: "corporate_already_joined",
    description: "A customer typed the code of the corporate client whose seat they hold already: nothing changed.",
    text: {
      th: "คุณเป็นสมาชิกในนามของ {{client}} อยู่แล้วค่ะ (หมายเลขสมาชิก {{member_number}}) ไม่มีการเปลี่ยนแปลงใดๆ ค่ะ",
      en: "You are a member through {{client}} already (member number {{member_number}}): nothing changed.",
    },
  },
  {
    key: "corporate_seats_full",
    description: "A customer typed a corporate client's code but all its seats are taken: not joined.",
    text: {
      th: "ขออภัยค่ะ ที่นั่งสมาชิกของ {{client}} เต็มแล้ว จึงยังเข้าร่วมไม่ได้ กรุณาติดต่อผู้ดูแลสมาชิกในบริษัทของคุณค่ะ",
      en: "Sorry, all of {{client}}'s membership seats are taken, so you could not join. Please ask whoever manages the membership at your company.",
    },
  },
  {
    key: "corporate_code_unknown",
    description: "A customer typed a corporate code that is no client's (mistyped or made up): the same answer for any such code.",
    text: {
      th: "ขออภัยค่ะ ไม่พบรหัสนี้ กรุณาตรวจสอบรหัสที่ได้รับจากบริษัทของคุณแล้วพิมพ์อีกครั้งค่ะ",
      en: "Sorry, we could not find that code. Please check the code your company gave you and type it again.",
    },
  },
  {
    key: "corporate_closed",
    description: "A customer typed the code of a corporate client that is suspended, has not started or has ended: not joined.",
    text: {
      th: "ขออภัยค่ะ สมาชิกภาพในนามของ {{client}} ไม่เปิดให้เข้าร่วมในขณะนี้ กรุณาติดต่อผู้ดูแลสมาชิกในบริษัทของคุณค่ะ",
      en: "Sorry, membership through {{client}} is not open to join at the moment. Please ask whoever manages the membership at your company.",
    },
  },
  {
    key: "corporate_seated_elsewhere",
    description: "A customer typed a corporate code while holding a seat of another client: not joined.",
    text: {
      th: "คุณใช้ที่นั่งสมาชิกในนามของ {{client}} อยู่แล้วค่ะ หากย้ายบริษัท กรุณาให้ผู้ดูแลยกเลิกที่นั่งเดิมก่อนนะคะ",
      en: "You hold a membership seat through {{client}} already. If you have moved company, ask for that seat to be released first.",
    },
  },
  {
    key: "corporate_too_many_tries",
    description: "A customer typed too many wrong corporate codes within an hour: no code is looked up until the hour has passed.",
    text: {
      th: "ขออภัยค่ะ มีการพิมพ์รหัสไม่ถูกต้องหลายครั้ง กรุณาลองใหม่อีกครั้งในอีกหนึ่งชั่วโมงค่ะ",
      en: "Sorry, too many wrong codes were typed. Please try again in an hour.",
    },
  },
  {
    key: "member_tier_up",
    description: "A member's points earned moved them up a tier (told once per change).",
    text: {
      th: "ยินดีด้วยค่ะ! คุณได้เลื่อนเป็นสมาชิกระดับ {{tier}} แล้ว (คะแนนสะสมทั้งหมด {{points}} คะแนน) ขอบคุณที่ใช้บริการกับเรานะคะ",
      en: "Congratulations! You are now a {{tier}} member ({{points}} points earned). Thank you for being with us!",
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await addTemplateForExistingOrgs(knex, { ...t, presentKey: 'session_full' });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await removeTemplate(knex, t.key);
}
