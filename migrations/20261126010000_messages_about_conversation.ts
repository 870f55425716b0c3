import type { Knex } from 'knex';

/**
 * `messages.about_conversation_id`: the customer conversation a bot message in a staff group is
 * about (the card of a customer waiting for a person, their messages relayed after it, the lines
 * saying who holds it), as `case_id` is for a case: a quote-reply to one of them in the group
 * finds the customer, and the conversation's groups are those that got one (docs/inbox.md,
 * "Staff in a LINE group").
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('messages', (t) => {
    t.uuid('about_conversation_id').references('id').inTable('conversations');
  });
  await knex.raw(`CREATE INDEX messages_about_conversation ON messages (about_conversation_id) WHERE about_conversation_id IS NOT NULL`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP INDEX messages_about_conversation');
  await knex.schema.alterTable('messages', (t) => t.dropColumn('about_conversation_id'));
}
