import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/** A member's points about to expire (membership.pointsExpireMonths; docs/members.md "Expiry"). */
const TEMPLATES = [
  {
    key: 'member_points_expiring',
    description: "A member's points expire soon (sent once for each batch earned, membership.expiryNoticeDays before).",
    text: {
      th: 'แจ้งเตือนค่ะ คะแนนสะสมของคุณ {{points}} คะแนนจะหมดอายุภายในวันที่ {{date}} ค่ะ ใช้คะแนนก่อนวันนั้นได้เลยนะคะ',
      en: 'A reminder: {{points}} of your points expire by {{date}}. Use them before then!',
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await addTemplateForExistingOrgs(knex, { ...t, presentKey: 'session_full' });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await removeTemplate(knex, t.key);
}
