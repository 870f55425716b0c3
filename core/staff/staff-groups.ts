import type { Knex } from 'knex';

/**
 * The bot's presence in LINE groups. Joining records the group as `unassigned` until an admin
 * sets it up; leaving (or being removed) deactivates it, so nothing is routed to a group the bot
 * can no longer post to.
 */
export async function groupJoined(trx: Knex.Transaction, g: { orgId: string; channelId: string; groupId: string; at: Date }): Promise<void> {
  await trx.raw(
    `INSERT INTO staff_groups (org_id, channel_id, line_group_id, purpose, is_active, joined_at)
     VALUES (?, ?, ?, 'unassigned', true, ?)
     ON CONFLICT (channel_id, line_group_id) DO UPDATE SET is_active = true, joined_at = EXCLUDED.joined_at, left_at = NULL
       WHERE staff_groups.left_at IS NULL OR staff_groups.left_at < EXCLUDED.joined_at`,
    [g.orgId, g.channelId, g.groupId, g.at],
  );
}

export async function groupLeft(trx: Knex.Transaction, g: { orgId: string; channelId: string; groupId: string; at: Date }): Promise<void> {
  // Events can arrive out of order: a leave older than the last join changes nothing, and a leave
  // seen before its join is kept so that the late join does not bring the group back.
  await trx.raw(
    `INSERT INTO staff_groups (org_id, channel_id, line_group_id, purpose, is_active, left_at)
     VALUES (?, ?, ?, 'unassigned', false, ?)
     ON CONFLICT (channel_id, line_group_id) DO UPDATE SET is_active = false, left_at = EXCLUDED.left_at
       WHERE staff_groups.joined_at IS NULL OR staff_groups.joined_at < EXCLUDED.left_at`,
    [g.orgId, g.channelId, g.groupId, g.at],
  );
}
