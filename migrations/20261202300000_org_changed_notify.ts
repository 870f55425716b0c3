import type { Knex } from 'knex';

/**
 * Each process keeps the orgs' settings it reads on every message (time zone, hours, holidays,
 * limits, status, settings) in memory (core/db/org-cache.ts); a committed change to one of
 * those columns, or the org's deletion, tells every process at once (LISTEN org_changed, the org's
 * id as payload), whoever wrote it: the API, the operator's platform API, a migration or a hand
 * in psql. The deliveries counter (`refused_deliveries`) and `updated_at` are not cached and do
 * not notify. The org's templates are kept the same way (the bot's every answer is one or more of
 * them): any change to one notifies with its org's id. PostgreSQL folds the same notification sent
 * many times in one transaction into one (a starter kit's hundred templates: one).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    CREATE FUNCTION org_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('org_changed', OLD.id::text);
      RETURN NULL;
    END $$;
    CREATE TRIGGER org_changed_update AFTER UPDATE ON orgs FOR EACH ROW
      WHEN ((OLD.slug, OLD.name, OLD.time_zone, OLD.default_language, OLD.is_default, OLD.status, OLD.settings, OLD.limits,
             OLD.business_hours, OLD.holidays, OLD.business_type, OLD.languages, OLD.starter_kits, OLD.id)
            IS DISTINCT FROM
            (NEW.slug, NEW.name, NEW.time_zone, NEW.default_language, NEW.is_default, NEW.status, NEW.settings, NEW.limits,
             NEW.business_hours, NEW.holidays, NEW.business_type, NEW.languages, NEW.starter_kits, NEW.id))
      EXECUTE FUNCTION org_changed_notify();
    CREATE TRIGGER org_changed_delete AFTER DELETE ON orgs FOR EACH ROW EXECUTE FUNCTION org_changed_notify();
    CREATE FUNCTION org_templates_changed_notify() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('org_changed', (CASE WHEN TG_OP = 'DELETE' THEN OLD.org_id ELSE NEW.org_id END)::text);
      IF TG_OP = 'UPDATE' AND OLD.org_id IS DISTINCT FROM NEW.org_id THEN
        PERFORM pg_notify('org_changed', OLD.org_id::text);
      END IF;
      RETURN NULL;
    END $$;
    CREATE TRIGGER org_templates_changed AFTER INSERT OR UPDATE OR DELETE ON templates FOR EACH ROW EXECUTE FUNCTION org_templates_changed_notify();
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    DROP TRIGGER org_templates_changed ON templates; DROP FUNCTION org_templates_changed_notify();
    DROP TRIGGER org_changed_update ON orgs; DROP TRIGGER org_changed_delete ON orgs; DROP FUNCTION org_changed_notify();
  `);
}
