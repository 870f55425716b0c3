import type { Knex } from 'knex';

/**
 * A member's wallet topped up through a Stripe Checkout link (docs/members.md): the link asked
 * for, and once paid, the posting to the wallet (core/members/wallet-top-ups.ts).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE TABLE member_top_ups (
      id uuid PRIMARY KEY,
      org_id uuid NOT NULL REFERENCES orgs(id) ON DELETE CASCADE,
      member_id uuid NOT NULL REFERENCES members(id) ON DELETE CASCADE,
      amount_minor bigint NOT NULL CHECK (amount_minor > 0),
      currency text NOT NULL,
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'paid', 'flagged')),
      stripe_session_id text NOT NULL UNIQUE,
      checkout_url text NOT NULL,
      paid_minor bigint,
      created_at timestamptz NOT NULL DEFAULT now(),
      paid_at timestamptz
    );
    CREATE INDEX member_top_ups_member ON member_top_ups (member_id, created_at DESC);
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TABLE member_top_ups');
}
