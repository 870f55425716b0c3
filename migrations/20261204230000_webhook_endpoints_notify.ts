import type { Knex } from 'knex';

/**
 * Every case opened, and every change the business's system may hear of (a status, a payment, a
 * conversation waiting), looked up the org's active webhook endpoints: a statement each, where most
 * orgs have none. Each process now keeps them with the org's settings (core/integrations
 * `activeWebhookEndpoints`), and a committed change to the table tells every process (NOTIFY
 * org_changed with the org's id), as the taxonomy's and the privacy notice's tables do (migration
 * 20261204100000).
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw('CREATE TRIGGER webhook_endpoints_org_changed AFTER INSERT OR UPDATE OR DELETE ON webhook_endpoints FOR EACH ROW EXECUTE FUNCTION org_templates_changed_notify()');
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw('DROP TRIGGER webhook_endpoints_org_changed ON webhook_endpoints');
}
