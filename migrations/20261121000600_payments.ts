import type { Knex } from 'knex';

/**
 * Payments and top-ups reported by the business's main system (POST /webhooks/payments), one row
 * per order: what is known about it, when the credit is due, and the one case opened for it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('payments', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    // The top-up / order id in the business's own system.
    t.text('order_id').notNullable();
    t.decimal('amount', 12, 2).notNullable();
    t.text('currency').notNullable().defaultTo('THB');
    // pending, succeeded, credited, failed, webhook_timeout.
    t.text('status').notNullable();
    // The payment gateway or method the main system named.
    t.text('provider');
    // {externalRef, phone, lineUserId} as the last event named them.
    t.jsonb('customer').notNullable().defaultTo('{}');
    t.uuid('contact_id').references('contacts.id').onDelete('SET NULL');
    t.timestamp('pending_since', { useTz: true });
    t.timestamp('paid_at', { useTz: true });
    t.timestamp('credited_at', { useTz: true });
    t.timestamp('failed_at', { useTz: true });
    t.text('failure_reason');
    // When the credit check runs (paid_at or pending_since + the org's credit window).
    t.timestamp('credit_due_at', { useTz: true });
    // The one case for this order (top-up not credited); set once.
    t.uuid('case_id').references('cases.id');
    t.text('last_event_id');
    t.text('last_event_type');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'order_id']);
    t.index(['case_id']);
  });
  await knex.raw(`
    ALTER TABLE payments ADD CONSTRAINT payments_status_check
      CHECK (status IN ('pending', 'succeeded', 'credited', 'failed', 'webhook_timeout'));
    CREATE INDEX payments_awaiting_credit ON payments (org_id, credit_due_at) WHERE credited_at IS NULL AND case_id IS NULL;
    CREATE TRIGGER payments_touch BEFORE UPDATE ON payments FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('payments');
}
