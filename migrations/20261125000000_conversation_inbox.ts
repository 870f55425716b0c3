import type { Knex } from 'knex';

/**
 * The inbox (DESIGN.md decision 15; docs/inbox.md): a conversation is held by the bot or by one
 * staff member. `inbox_status` says who, `assignee_staff_id` which person, `version` lets two
 * desks that saw the same state find out that one of them is late. `staff_replied_at` is when a
 * person last wrote to the customer: the idle rule (back to the bot) counts from it.
 *
 * `conversation_events` is the conversation's timeline (handed over, taken, assigned, notes,
 * replies, resolved, snoozed), append-only like the case timeline, with the same one exception:
 * an erasure may redact an event's `data` (migration 20261122003400).
 */
const STATUSES = ['bot', 'waiting', 'assigned', 'snoozed', 'resolved'];
const EVENT_TYPES = ['waiting', 'taken', 'assigned', 'replied', 'note', 'resolved', 'snoozed', 'woke', 'returned_to_bot'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('conversations', (t) => {
    t.text('inbox_status').notNullable().defaultTo('bot');
    t.uuid('assignee_staff_id').references('staff.id');
    t.integer('version').notNullable().defaultTo(1);
    t.timestamp('waiting_since', { useTz: true });
    t.timestamp('snoozed_until', { useTz: true });
    t.timestamp('inbox_changed_at', { useTz: true });
    t.timestamp('staff_replied_at', { useTz: true });
  });
  await knex.raw(`
    ALTER TABLE conversations ADD CONSTRAINT conversations_inbox_status CHECK (inbox_status IN (${list(STATUSES)}));
    ALTER TABLE conversations ADD CONSTRAINT conversations_assigned_has_assignee CHECK (inbox_status NOT IN ('assigned', 'snoozed') OR assignee_staff_id IS NOT NULL);
    CREATE INDEX conversations_inbox_waiting ON conversations (org_id, inbox_status, waiting_since) WHERE inbox_status <> 'bot';
    CREATE INDEX conversations_inbox_recent ON conversations (org_id, inbox_status, last_message_at DESC) WHERE inbox_status <> 'bot';
    CREATE INDEX conversations_inbox_assignee ON conversations (assignee_staff_id) WHERE assignee_staff_id IS NOT NULL;
  `);

  await knex.schema.createTable('conversation_events', (t) => {
    t.bigIncrements('id');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('conversation_id').notNullable().references('conversations.id');
    t.text('type').notNullable();
    t.text('actor_type').notNullable();
    t.text('actor_id');
    t.jsonb('data').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.index(['conversation_id', 'id']);
    t.index(['org_id', 'type', 'created_at']);
  });
  await knex.raw(`
    ALTER TABLE conversation_events ADD CONSTRAINT conversation_events_type CHECK (type IN (${list(EVENT_TYPES)}));
    ALTER TABLE conversation_events ADD CONSTRAINT conversation_events_actor_type CHECK (actor_type IN ('staff', 'customer', 'system', 'api_key'));
    ALTER TABLE conversation_events ADD CONSTRAINT conversation_events_data_object CHECK (jsonb_typeof(data) = 'object');
    CREATE TRIGGER conversation_events_append_only BEFORE UPDATE OR DELETE ON conversation_events
      FOR EACH ROW EXECUTE FUNCTION timeline_redaction_guard();
    CREATE TRIGGER conversation_events_no_truncate BEFORE TRUNCATE ON conversation_events
      FOR EACH STATEMENT EXECUTE FUNCTION forbid_change();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('conversation_events');
  await knex.raw(`
    DROP INDEX conversations_inbox_waiting;
    DROP INDEX conversations_inbox_recent;
    DROP INDEX conversations_inbox_assignee;
    ALTER TABLE conversations DROP CONSTRAINT conversations_inbox_status;
    ALTER TABLE conversations DROP CONSTRAINT conversations_assigned_has_assignee;
  `);
  await knex.schema.alterTable('conversations', (t) => {
    t.dropColumn('inbox_status');
    t.dropColumn('assignee_staff_id');
    t.dropColumn('version');
    t.dropColumn('waiting_since');
    t.dropColumn('snoozed_until');
    t.dropColumn('inbox_changed_at');
    t.dropColumn('staff_replied_at');
  });
}
