import type { Knex } from 'knex';

/**
 * Staff work from LINE groups. A message the bot posts about a case or a booking (a card, an
 * alert, a relayed customer message) names it, so that a staff member's quote-reply to that
 * message finds its case; a customer's message on a case names it too. A group speaks one
 * language, chosen at set-up. Pushes to a group are combined: one send job at a time holds a
 * conversation's lease and takes every message waiting for it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('messages', (t) => {
    t.uuid('case_id').references('cases.id');
    t.uuid('booking_id').references('bookings.id');
  });
  await knex.raw(`
    CREATE INDEX messages_case ON messages (case_id, sent_at) WHERE case_id IS NOT NULL;
    CREATE INDEX messages_booking ON messages (booking_id, sent_at) WHERE booking_id IS NOT NULL;
  `);
  await knex.schema.alterTable('conversations', (t) => {
    t.timestamp('send_lease_until', { useTz: true });
  });
  await knex.schema.alterTable('staff_groups', (t) => {
    t.text('language').notNullable().defaultTo('th');
  });
  await knex.raw(`ALTER TABLE staff_groups ADD CONSTRAINT staff_groups_language CHECK (language IN ('th', 'en'))`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('staff_groups', (t) => t.dropColumn('language'));
  await knex.schema.alterTable('conversations', (t) => t.dropColumn('send_lease_until'));
  await knex.schema.alterTable('messages', (t) => {
    t.dropColumn('booking_id');
    t.dropColumn('case_id');
  });
}
