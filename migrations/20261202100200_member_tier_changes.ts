import type { Knex } from 'knex';

/**
 * A member's tier moves (docs/members.md, "Tiers and points"), each told once: a row per member
 * and tier reached (tiers are measured by points earned in all, which never go down, so a tier is
 * reached once). And how far each member was told of points about to expire: the points earned
 * up to `points_noticed_through` were announced, so the next notice tells only of later ones.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE member_tier_changes (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
      from_tier text,
      to_tier text NOT NULL,
      points_earned bigint NOT NULL,
      changed_at timestamptz NOT NULL DEFAULT now(),
      UNIQUE (member_id, to_tier)
    );
    ALTER TABLE members ADD COLUMN points_noticed_through timestamptz;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE member_tier_changes; ALTER TABLE members DROP COLUMN points_noticed_through;');
}
