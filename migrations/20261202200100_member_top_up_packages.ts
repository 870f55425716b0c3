import type { Knex } from 'knex';

/**
 * A package bought online from the member card (docs/members.md, "Buying from the card") is a
 * top-up of its price that, once paid, buys the package from the wallet: the top-up remembers
 * which package, at which version, and the sale it made.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE member_top_ups
      ADD COLUMN package_id uuid REFERENCES member_packages(id),
      ADD COLUMN package_version integer,
      ADD COLUMN sale_id uuid REFERENCES member_package_sales(id),
      ADD CONSTRAINT member_top_ups_package_version CHECK ((package_id IS NULL) = (package_version IS NULL));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`ALTER TABLE member_top_ups DROP CONSTRAINT member_top_ups_package_version, DROP COLUMN sale_id, DROP COLUMN package_version, DROP COLUMN package_id;`);
}
