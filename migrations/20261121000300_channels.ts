import type { Knex } from 'knex';

/**
 * What the channels need beyond the core schema: reply tokens used at most once, messages taken
 * back (unsend), who still follows the LINE account, and staff groups the bot has joined but
 * nobody has set up yet.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE inbound_events ADD COLUMN reply_token_used_at timestamptz;
    ALTER TABLE messages ADD COLUMN unsent_at timestamptz;
    ALTER TABLE contact_identities ADD COLUMN is_following boolean NOT NULL DEFAULT true;
    ALTER TABLE contact_identities ADD COLUMN unfollowed_at timestamptz;
    ALTER TABLE staff_groups ADD COLUMN joined_at timestamptz;
    ALTER TABLE staff_groups ADD COLUMN left_at timestamptz;
    ALTER TABLE staff_groups DROP CONSTRAINT staff_groups_purpose;
    ALTER TABLE staff_groups ADD CONSTRAINT staff_groups_purpose
      CHECK (purpose IN ('unassigned', 'support', 'managers', 'vip_customer', 'provider', 'sales'));
    ALTER TABLE staff_groups ALTER COLUMN purpose SET DEFAULT 'unassigned';
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DELETE FROM staff_groups WHERE purpose = 'unassigned';
    ALTER TABLE staff_groups ALTER COLUMN purpose DROP DEFAULT;
    ALTER TABLE staff_groups DROP CONSTRAINT staff_groups_purpose;
    ALTER TABLE staff_groups ADD CONSTRAINT staff_groups_purpose
      CHECK (purpose IN ('support', 'managers', 'vip_customer', 'provider', 'sales'));
    ALTER TABLE staff_groups DROP COLUMN left_at;
    ALTER TABLE staff_groups DROP COLUMN joined_at;
    ALTER TABLE contact_identities DROP COLUMN unfollowed_at;
    ALTER TABLE contact_identities DROP COLUMN is_following;
    ALTER TABLE messages DROP COLUMN unsent_at;
    ALTER TABLE inbound_events DROP COLUMN reply_token_used_at;
  `);
}
