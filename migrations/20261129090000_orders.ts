import type { Knex } from 'knex';

/**
 * `orders`: the business's orders as its main system reports them through the orders API
 * (core/orders/, docs/cases.md "Orders from the main system"). One row per order number and org,
 * whether or not any case names it: an order exists before anyone complains about it, and one order
 * can be named by several cases. `case_orders` stays the link (a case names an order number, with
 * the amount the customer said); the reports join the two by (org, number).
 *
 * Money is in integer minor units (`amount_minor`, satang for THB). The main system's own version
 * (`source_version`) or time (`source_updated_at`) decides whether an update is newer than the
 * stored one. `status_changed_at` is when the current status began in the main system: a
 * provider's failed orders are counted by it (core/providers/provider-health.ts, with the partial
 * index below).
 *
 * `case_orders.order_status` was the place meant for that status, and nothing but tests and the
 * volume generator ever wrote it: its values move here (an order per number) and it is dropped, so
 * the status has one home. A link whose text is not its order's status as moved (another spelling,
 * an older status of the same order, a value outside the closed set) keeps its text in its
 * `details`, so nothing is lost and a rollback puts each value back as it was.
 *
 * The analytics' per-case facts copy whether a case's order is refunded or cancelled, so an
 * order's status or refund changing marks the cases that name it changed, in the same statement
 * (as the trigger on case_orders does for a link added or removed). The orders API writes a
 * hundred orders a statement at a thousand a second, so its triggers run once per statement, over
 * the rows it changed, and `updated_at` is set by the one writer (core/orders/order-sync.ts)
 * rather than by a touch trigger per row: on the embedded database the two row triggers took two
 * thirds of a batch's upsert (bench/orders.ts).
 */
const STATUSES = ['pending', 'paid', 'processing', 'completed', 'failed', 'cancelled', 'refunded'];
const REFUND_STATUSES = ['none', 'requested', 'processing', 'refunded', 'rejected'];
const list = (values: string[]) => values.map((v) => `'${v}'`).join(', ');

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('orders', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    // The order number in the business's own system (what case_orders.order_id names).
    t.text('number').notNullable();
    // Null only for an order moved from case_orders.order_status, whose amount the main system never sent.
    t.bigInteger('amount_minor');
    t.text('currency').notNullable();
    t.text('status').notNullable();
    t.uuid('provider_id').references('providers.id');
    t.text('refund_status').notNullable().defaultTo('none');
    t.bigInteger('refund_amount_minor');
    t.bigInteger('source_version');
    t.timestamp('source_updated_at', { useTz: true }).notNullable();
    t.timestamp('status_changed_at', { useTz: true }).notNullable();
    // Anything else the main system sends with it (items, a note): kept, not read.
    t.jsonb('details').notNullable().defaultTo('{}');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['org_id', 'number']);
  });
  await knex.raw(`
    ALTER TABLE orders ADD CONSTRAINT orders_status CHECK (status IN (${list(STATUSES)}));
    ALTER TABLE orders ADD CONSTRAINT orders_refund_status CHECK (refund_status IN (${list(REFUND_STATUSES)}));
    ALTER TABLE orders ADD CONSTRAINT orders_currency CHECK (currency ~ '^[A-Z]{3}$');
    ALTER TABLE orders ADD CONSTRAINT orders_amounts CHECK ((amount_minor IS NULL OR amount_minor >= 0) AND (refund_amount_minor IS NULL OR refund_amount_minor >= 0) AND (source_version IS NULL OR source_version >= 0));
    CREATE INDEX orders_failed_by_provider ON orders (org_id, provider_id, status_changed_at) WHERE status = 'failed';

    CREATE FUNCTION analytics_orders_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO analytics_dirty_cases (case_id, org_id)
        SELECT DISTINCT co.case_id, co.org_id FROM inserted n JOIN case_orders co ON co.org_id = n.org_id AND co.order_id = n.number
        ON CONFLICT (case_id) DO UPDATE SET marked_at = excluded.marked_at;
      RETURN NULL;
    END $$;
    CREATE FUNCTION analytics_orders_updated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO analytics_dirty_cases (case_id, org_id)
        SELECT DISTINCT co.case_id, co.org_id
          FROM after_update n JOIN before_update o ON o.id = n.id
          JOIN case_orders co ON co.org_id = n.org_id AND co.order_id = n.number
         WHERE (o.status, o.refund_status) IS DISTINCT FROM (n.status, n.refund_status)
        ON CONFLICT (case_id) DO UPDATE SET marked_at = excluded.marked_at;
      RETURN NULL;
    END $$;
    CREATE TRIGGER orders_analytics_inserted AFTER INSERT ON orders REFERENCING NEW TABLE AS inserted
      FOR EACH STATEMENT EXECUTE FUNCTION analytics_orders_inserted();
    CREATE TRIGGER orders_analytics_updated AFTER UPDATE ON orders REFERENCING OLD TABLE AS before_update NEW TABLE AS after_update
      FOR EACH STATEMENT EXECUTE FUNCTION analytics_orders_updated();

    INSERT INTO orders (org_id, number, currency, status, provider_id, source_updated_at, status_changed_at, details)
    SELECT DISTINCT ON (org_id, order_id) org_id, order_id, upper(currency),
           CASE lower(trim(order_status)) WHEN 'canceled' THEN 'cancelled' ELSE lower(trim(order_status)) END,
           provider_id, updated_at, updated_at, '{"movedFrom": "case_orders.order_status"}'::jsonb
      FROM case_orders
     WHERE lower(trim(order_status)) IN (${list([...STATUSES, 'canceled'])}) AND upper(currency) ~ '^[A-Z]{3}$'
     ORDER BY org_id, order_id, updated_at DESC;
    UPDATE case_orders co SET details = co.details || jsonb_build_object('orderStatus', co.order_status)
     WHERE co.order_status IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.org_id = co.org_id AND o.number = co.order_id AND o.status = co.order_status);
    ALTER TABLE case_orders DROP COLUMN order_status;

    ALTER TABLE provider_events DROP CONSTRAINT provider_events_type;
    ALTER TABLE provider_events ADD CONSTRAINT provider_events_type CHECK (type IN ('paused', 'unpaused', 'risk_changed', 'orders_failing'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE provider_events DROP CONSTRAINT provider_events_type;
    ALTER TABLE provider_events ADD CONSTRAINT provider_events_type CHECK (type IN ('paused', 'unpaused', 'risk_changed'));
    ALTER TABLE case_orders ADD COLUMN order_status text;
    UPDATE case_orders co SET order_status = o.status FROM orders o WHERE o.org_id = co.org_id AND o.number = co.order_id;
    UPDATE case_orders SET order_status = details->>'orderStatus', details = details - 'orderStatus' WHERE details->>'orderStatus' IS NOT NULL;
    DROP TABLE orders;
    DROP FUNCTION analytics_orders_inserted();
    DROP FUNCTION analytics_orders_updated();
  `);
}
