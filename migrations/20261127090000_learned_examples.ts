import type { Knex } from 'knex';

/**
 * `learned_examples`: what the bot learns from staff (docs/understanding.md, "Learning from
 * staff"). A customer message a person put in a class (a case type corrected, a handed-over
 * message answered with a case or a booking) is kept here as a suggested example phrase of that
 * class, with what became of it: added to the class's examples, waiting for an admin, or not
 * added and why. One row per message: corrected again, the row follows the later class.
 * Written only by core/understanding/learned-examples.ts.
 */
const STATUSES = ['added', 'suggested', 'conflict', 'over_limit', 'refused', 'removed'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('learned_examples', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    // The customer's message; null once it is gone (the text stays here as the suggestion).
    t.uuid('message_id').references('messages.id').onDelete('SET NULL');
    t.uuid('contact_id').references('contacts.id').onDelete('SET NULL');
    // What the person did: corrected a case's type, or answered a handed-over message with a case or a booking.
    t.text('source').notNullable();
    t.text('text').notNullable();
    // Lower case, single spaces: how "the same phrase" is told.
    t.text('normalized_text').notNullable();
    // case_type or service, and its key.
    t.text('class_kind').notNullable();
    t.text('class_key').notNullable();
    t.text('status').notNullable();
    // conflict: the other class that has the phrase already; refused: why (empty, too_long, already_an_example, class_full, class_gone).
    t.text('conflict_kind');
    t.text('conflict_key');
    t.text('reason');
    t.uuid('corrected_by_staff_id').references('staff.id');
    t.timestamp('corrected_at', { useTz: true }).notNullable();
    // Added by the switch without an admin: counts towards the staff member's daily limit.
    t.boolean('learned_automatically').notNullable().defaultTo(false);
    // The admin who accepted or removed it.
    t.text('decided_by_type');
    t.text('decided_by_id');
    t.timestamp('decided_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE learned_examples ADD CONSTRAINT learned_examples_status CHECK (status IN (${list(STATUSES)}));
    ALTER TABLE learned_examples ADD CONSTRAINT learned_examples_class_kind CHECK (class_kind IN ('case_type', 'service'));
    ALTER TABLE learned_examples ADD CONSTRAINT learned_examples_source CHECK (source IN ('case_correction', 'handover_case', 'handover_booking'));
    CREATE UNIQUE INDEX learned_examples_message ON learned_examples (org_id, message_id) WHERE message_id IS NOT NULL;
    CREATE INDEX learned_examples_org_corrected ON learned_examples (org_id, corrected_at DESC);
    CREATE INDEX learned_examples_staff_day ON learned_examples (org_id, corrected_by_staff_id, corrected_at) WHERE learned_automatically;
    CREATE TRIGGER learned_examples_touch BEFORE UPDATE ON learned_examples FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('learned_examples');
}
