import type { Knex } from 'knex';

/**
 * A package sold from the desk carries the form's `Idempotency-Key` (docs/members.md): a double
 * tap sells it once. The key is unique per org; the body's hash tells a replay from a key reused
 * for another sale.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE member_package_sales ADD COLUMN idempotency_key text, ADD COLUMN idempotency_hash text;
    CREATE UNIQUE INDEX member_package_sales_idempotency ON member_package_sales (org_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX member_package_sales_idempotency;
    ALTER TABLE member_package_sales DROP COLUMN idempotency_key, DROP COLUMN idempotency_hash;
  `);
}
