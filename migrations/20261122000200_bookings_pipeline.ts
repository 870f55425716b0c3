import type { Knex } from 'knex';

/**
 * Bookings become a pipeline as complete as cases: the sales stages (contacted, quoted, lost with
 * a reason) beside the chat stages, website intake with an idempotency key (the hash of the first
 * body and the first answer, so that a replay gets the same answer and a different body with the
 * same key is refused), and indexes for the staff list's filters.
 */
const OPEN_BOOKING = `stage NOT IN ('declined', 'lost', 'cancelled', 'completed')`;
const OLD_OPEN_BOOKING = `stage NOT IN ('declined', 'cancelled', 'completed')`;

const STAGES = ['collecting', 'pending_confirmation', 'new', 'contacted', 'quoted', 'proposed', 'confirmed', 'declined', 'lost', 'cancelled', 'completed'];
const OLD_STAGES = ['collecting', 'pending_confirmation', 'new', 'proposed', 'confirmed', 'declined', 'cancelled', 'completed'];

const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

function openIndexes(open: string): string {
  return `
    DROP INDEX IF EXISTS bookings_open_by_assignee;
    DROP INDEX IF EXISTS bookings_open_by_conversation;
    DROP INDEX IF EXISTS bookings_awaiting_first_response;
    CREATE INDEX bookings_open_by_assignee ON bookings (org_id, assignee_staff_id) WHERE ${open};
    CREATE INDEX bookings_open_by_conversation ON bookings (conversation_id) WHERE ${open};
    CREATE INDEX bookings_awaiting_first_response ON bookings (first_response_due_at)
      WHERE first_responded_at IS NULL AND ${open};`;
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('bookings', (t) => {
    // Why a lead was lost (price, dates, went elsewhere...): required to move to `lost`.
    t.text('lost_reason');
    // SHA-256 of the intake body first sent with `idempotency_key`, and the answer it got.
    t.text('idempotency_hash');
    t.jsonb('intake_response');
    t.timestamp('lost_at', { useTz: true });
  });
  await knex.raw(`
    ALTER TABLE bookings DROP CONSTRAINT bookings_stage;
    ALTER TABLE bookings ADD CONSTRAINT bookings_stage CHECK (stage IN (${list(STAGES)}));
    ALTER TABLE bookings ADD CONSTRAINT bookings_lost_reason CHECK (stage <> 'lost' OR coalesce(btrim(lost_reason), '') <> '');
    ${openIndexes(OPEN_BOOKING)}
    -- The staff list: newest first within each filter.
    CREATE INDEX bookings_list_by_stage ON bookings (org_id, stage, created_at DESC, id DESC);
    CREATE INDEX bookings_list_by_assignee ON bookings (org_id, assignee_staff_id, created_at DESC, id DESC);
    CREATE INDEX bookings_list_by_service ON bookings (org_id, service_id, created_at DESC, id DESC);
    CREATE INDEX bookings_list_by_source ON bookings (org_id, source, created_at DESC, id DESC);
    CREATE INDEX bookings_list_newest ON bookings (org_id, created_at DESC, id DESC);
    -- Contacts found by e-mail without regard to case (website intake dedup).
    CREATE INDEX contacts_org_lower_email ON contacts (org_id, lower(email)) WHERE email IS NOT NULL;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP INDEX IF EXISTS contacts_org_lower_email;
    DROP INDEX IF EXISTS bookings_list_by_stage;
    DROP INDEX IF EXISTS bookings_list_by_assignee;
    DROP INDEX IF EXISTS bookings_list_by_service;
    DROP INDEX IF EXISTS bookings_list_by_source;
    DROP INDEX IF EXISTS bookings_list_newest;
    ALTER TABLE bookings DROP CONSTRAINT bookings_lost_reason;
    ALTER TABLE bookings DROP CONSTRAINT bookings_stage;
    ALTER TABLE bookings ADD CONSTRAINT bookings_stage CHECK (stage IN (${list(OLD_STAGES)}));
    ${openIndexes(OLD_OPEN_BOOKING)}
  `);
  await knex.schema.alterTable('bookings', (t) => {
    t.dropColumn('lost_reason');
    t.dropColumn('idempotency_hash');
    t.dropColumn('intake_response');
    t.dropColumn('lost_at');
  });
}
