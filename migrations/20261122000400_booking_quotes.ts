import type { Knex } from 'knex';

/**
 * Quotes on a booking: versioned (each edit is a new version; a sent version supersedes the ones
 * sent before it), line items with quantities and unit prices, a discount, a currency (THB by
 * default) and a validity date. Sending gives the version a token for the customer's link; the
 * customer accepts or declines it with a reason; a viewed quote left unanswered gets one reminder.
 * Amounts are kept in the currency's minor units (satang) as integers: no rounding drift.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('booking_quotes', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('booking_id').notNullable().references('bookings.id');
    t.integer('version').notNullable();
    t.text('status').notNullable().defaultTo('draft');
    t.text('currency').notNullable().defaultTo('THB');
    // [{ "description", "quantity", "unitPriceMinor", "amountMinor" }]
    t.jsonb('lines').notNullable().defaultTo('[]');
    t.jsonb('discount');
    t.bigInteger('subtotal_minor').notNullable();
    t.bigInteger('discount_minor').notNullable().defaultTo(0);
    t.bigInteger('total_minor').notNullable();
    // The last day the customer may accept it, in the org's time zone.
    t.date('valid_until').notNullable();
    t.text('note');
    t.text('token');
    t.text('created_by_type').notNullable();
    t.text('created_by_id');
    t.timestamp('sent_at', { useTz: true });
    t.timestamp('viewed_at', { useTz: true });
    t.timestamp('answered_at', { useTz: true });
    t.text('decline_reason');
    t.timestamp('reminded_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['booking_id', 'version']);
    t.index(['org_id', 'status']);
  });
  await knex.raw(`
    ALTER TABLE booking_quotes ADD CONSTRAINT booking_quotes_status CHECK (status IN ('draft', 'sent', 'accepted', 'declined', 'superseded'));
    ALTER TABLE booking_quotes ADD CONSTRAINT booking_quotes_currency CHECK (currency ~ '^[A-Z]{3}$');
    ALTER TABLE booking_quotes ADD CONSTRAINT booking_quotes_numbers CHECK (version >= 1 AND subtotal_minor >= 0 AND discount_minor >= 0 AND total_minor >= 0 AND total_minor = subtotal_minor - discount_minor);
    ALTER TABLE booking_quotes ADD CONSTRAINT booking_quotes_sent_has_token CHECK (status = 'draft' OR token IS NOT NULL);
    CREATE UNIQUE INDEX booking_quotes_token ON booking_quotes (token) WHERE token IS NOT NULL;
    CREATE TRIGGER booking_quotes_touch BEFORE UPDATE ON booking_quotes FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('booking_quotes');
}
