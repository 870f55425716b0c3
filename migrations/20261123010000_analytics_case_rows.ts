import type { Knex } from 'knex';

/**
 * The per-case facts (`analytics_case_facts`) become the whole row a report counts, so that a
 * period's cases are read from this one table in the order they opened, without the case row, its
 * orders or its timeline per case:
 *
 * - the minutes per time bucket as columns (`business_queue` … `wall_resolution_clock`) instead of
 *   a JSON document: a row is about a third as wide and the reports sum columns;
 * - a copy of what the reports filter and group on, as the case had it when its facts were
 *   computed: number, status, case type, severity, channel, language, provider, owner, customer,
 *   root cause, reopen count, the order flags (refunded, cancelled) and the customer's
 *   satisfaction (asked, score, when, whether they commented; the comment itself stays on the
 *   timeline, where an erasure redacts it).
 *
 * A copy holds only while the case has not changed, so every change to what is copied marks the
 * case changed (`analytics_dirty_cases`) in the changing transaction, and the reports read a
 * changed case from its timeline until the workers recompute it: the timeline's events through
 * their subscriber (core/analytics/case-rollup.ts); the case row and its orders through the
 * triggers below, as they can change without an event (a contact merge moves cases, the business's
 * system updates an order's status).
 *
 * The facts are emptied and the rollup state with them: the workers rebuild every org's facts in
 * the new shape (in the order the cases opened), and until then the reports read the timelines.
 * The table keeps room on each page (fillfactor) so that a case's facts rewritten when it is
 * resolved stay near the cases that opened with it.
 */
const COPIED = ['number', 'status', 'case_type_id', 'severity', 'source', 'language', 'provider_id', 'owner_staff_id', 'contact_id', 'root_cause', 'reopened_count'];
const BUCKETS = ['queue', 'active', 'waiting_customer', 'waiting_provider', 'done', 'open', 'resolution_clock'];

export async function up(knex: Knex): Promise<void> {
  await knex('analytics_rollup_state').del();
  // Emptied to new storage, so that the rebuild writes the rows in order rather than into the gaps of the old ones.
  await knex.raw('TRUNCATE analytics_case_facts');
  await knex.schema.alterTable('analytics_case_facts', (t) => {
    t.dropColumn('buckets');
    t.text('number').notNullable();
    t.text('status').notNullable();
    t.uuid('case_type_id').notNullable();
    t.text('severity').notNullable();
    t.text('source').notNullable();
    t.text('language');
    t.uuid('provider_id');
    t.uuid('owner_staff_id');
    t.uuid('contact_id');
    t.text('root_cause');
    t.integer('reopened_count').notNullable();
    t.boolean('refunded').notNullable();
    t.boolean('cancelled').notNullable();
    t.boolean('csat_asked').notNullable();
    t.integer('csat_score');
    t.timestamp('csat_rated_at', { useTz: true });
    t.boolean('csat_commented').notNullable();
    for (const side of ['business', 'wall']) for (const b of BUCKETS) t.integer(`${side}_${b}`).notNullable();
  });
  await knex.raw('ALTER TABLE analytics_case_facts SET (fillfactor = 85)');
  // The open cases' facts, read for the live queue and every report's breaches now.
  await knex.raw('CREATE INDEX analytics_case_facts_open_index ON analytics_case_facts (org_id) WHERE NOT closed');
  await knex.raw(`
    CREATE FUNCTION analytics_case_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO analytics_dirty_cases (case_id, org_id) VALUES (NEW.id, NEW.org_id)
        ON CONFLICT (case_id) DO UPDATE SET marked_at = excluded.marked_at;
      RETURN NULL;
    END $$;
    CREATE TRIGGER cases_analytics_changed AFTER UPDATE OF ${COPIED.join(', ')} ON cases FOR EACH ROW
      WHEN ((${COPIED.map((c) => `OLD.${c}`).join(', ')}) IS DISTINCT FROM (${COPIED.map((c) => `NEW.${c}`).join(', ')}))
      EXECUTE FUNCTION analytics_case_changed();
    CREATE FUNCTION analytics_case_order_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO analytics_dirty_cases (case_id, org_id)
        SELECT c.id, c.org_id FROM cases c WHERE c.id = CASE WHEN TG_OP = 'DELETE' THEN OLD.case_id ELSE NEW.case_id END
        ON CONFLICT (case_id) DO UPDATE SET marked_at = excluded.marked_at;
      RETURN NULL;
    END $$;
    CREATE TRIGGER case_orders_analytics_changed AFTER INSERT OR UPDATE OR DELETE ON case_orders FOR EACH ROW
      EXECUTE FUNCTION analytics_case_order_changed();`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER case_orders_analytics_changed ON case_orders; DROP FUNCTION analytics_case_order_changed();
    DROP TRIGGER cases_analytics_changed ON cases; DROP FUNCTION analytics_case_changed();
    DROP INDEX analytics_case_facts_open_index;
    ALTER TABLE analytics_case_facts RESET (fillfactor);`);
  await knex('analytics_rollup_state').del();
  await knex('analytics_case_facts').del();
  await knex.schema.alterTable('analytics_case_facts', (t) => {
    for (const side of ['business', 'wall']) for (const b of BUCKETS) t.dropColumn(`${side}_${b}`);
    for (const c of [...COPIED, 'refunded', 'cancelled', 'csat_asked', 'csat_score', 'csat_rated_at', 'csat_commented']) t.dropColumn(c);
    t.jsonb('buckets').notNullable();
  });
}
