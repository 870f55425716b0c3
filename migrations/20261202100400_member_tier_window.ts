import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * Tiers that may move down (org setting `membership.tierWindowMonths`, docs/members.md): a
 * member's tier as last told is kept on the member (`tier_key`), and each move, up or down, is
 * told once: the move is the update of that column from what it was. A tier may then be reached
 * again after a fall, so `member_tier_changes` is a history, no longer one row per tier (and a
 * move below the lowest tier has no tier to name); and the text for a move down.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE members ADD COLUMN tier_key text;
    ALTER TABLE member_tier_changes DROP CONSTRAINT member_tier_changes_member_id_to_tier_key;
    ALTER TABLE member_tier_changes ALTER COLUMN to_tier DROP NOT NULL;
    CREATE INDEX member_tier_changes_member ON member_tier_changes (member_id, changed_at);
  `);
  await addTemplateForExistingOrgs(knex, {
    key: 'member_tier_down',
    description: "A member's tier moved down as points earned left the org's window (membership.tierWindowMonths; told once per change).",
    text: {
      th: 'แจ้งให้ทราบค่ะ ระดับสมาชิกของคุณเปลี่ยนเป็น {{tier}} ตามคะแนนที่ได้รับใน {{months}} เดือนล่าสุด ({{points}} คะแนน) สะสมคะแนนเพิ่มเพื่อกลับสู่ระดับเดิมได้นะคะ',
      en: 'Your member tier is now {{tier}}, by the points earned in the last {{months}} months ({{points}}). Earn more to move back up.',
    },
    presentKey: 'session_full',
  });
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplate(knex, 'member_tier_down');
  // The history may hold a tier twice now: it stays a history (no unique per tier again).
  await knex.raw(`
    DROP INDEX member_tier_changes_member;
    DELETE FROM member_tier_changes WHERE to_tier IS NULL;
    ALTER TABLE member_tier_changes ALTER COLUMN to_tier SET NOT NULL;
    ALTER TABLE members DROP COLUMN tier_key;
  `);
}
