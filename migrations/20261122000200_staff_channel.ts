import type { Knex } from 'knex';

/**
 * A staff member is known on the LINE channel they enrolled on, and only there: the same LINE
 * user id arriving on another channel (the chat simulator's, say) is nobody on the staff side, and
 * the bot's direct messages to them go over that channel.
 *
 * Staff linked before this change are bound to the org's oldest LINE channel that is not the
 * chat simulator's (where direct messages went until now), or to the oldest LINE channel when the
 * org has no other. A linked LINE user without a channel is recognised nowhere.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff', (t) => {
    t.uuid('line_channel_id').references('channels.id');
  });
  await knex.raw(`
    UPDATE staff SET line_channel_id = (
      SELECT c.id FROM channels c
       WHERE c.org_id = staff.org_id AND c.kind = 'line'
       ORDER BY (coalesce(c.settings->>'origin', '') = 'simulator'), c.created_at
       LIMIT 1)
     WHERE line_user_id IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff', (t) => t.dropColumn('line_channel_id'));
}
