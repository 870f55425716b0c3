import type { Knex } from 'knex';

/**
 * What staff send besides words, and what happens when it cannot go (docs/inbox.md):
 *
 * - `conversation_attachments`: a file a staff member uploaded to a conversation (an image from
 *   the phone, a PDF), stored like inbound media (DATA_DIR/media, `media_path`) until it is sent.
 *   Its id becomes the id of the message that carries it, so the signed link to that message
 *   (core/media/media-links.ts) serves the file. Written only by core/conversations/attachments.ts.
 * - two conversation events: `released` (its holder left the team: it waits for a person again)
 *   and `undeliverable` (the customer cannot be reached: they blocked the account).
 */
const EVENT_TYPES_BEFORE = ['waiting', 'taken', 'assigned', 'replied', 'note', 'resolved', 'snoozed', 'woke', 'returned_to_bot'];
const EVENT_TYPES = [...EVENT_TYPES_BEFORE, 'released', 'undeliverable'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('conversation_attachments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('conversation_id').notNullable().references('conversations.id');
    t.uuid('staff_id').notNullable().references('staff.id');
    t.text('name').notNullable();
    t.text('content_type').notNullable();
    t.integer('size_bytes').notNullable();
    t.text('media_path').notNullable();
    // The message that carried it to the customer (the same id), once sent: an attachment goes once.
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['conversation_id']);
  });
  await knex.raw(`
    ALTER TABLE conversation_events DROP CONSTRAINT conversation_events_type;
    ALTER TABLE conversation_events ADD CONSTRAINT conversation_events_type CHECK (type IN (${list(EVENT_TYPES)}));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('conversation_attachments');
  await knex.raw(`
    ALTER TABLE conversation_events DROP CONSTRAINT conversation_events_type;
    ALTER TABLE conversation_events ADD CONSTRAINT conversation_events_type CHECK (type IN (${list(EVENT_TYPES_BEFORE)}));
  `);
}
