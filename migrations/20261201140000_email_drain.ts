import type { Knex } from 'knex';

/**
 * E-mails leave in batches by the e-mail drain (workers/email-drain.ts), which claims the `email`
 * queue's due rows: an index of those alone, so its claim does not walk every other queue's
 * backlog. E-mail sends still waiting in the `outbound` queue move to it; those already handed to
 * BullMQ are sent by the outbound worker as before.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`CREATE INDEX outbox_email_due ON outbox (available_at, seq) WHERE queue = 'email' AND status IN ('pending', 'enqueued')`);
  await knex.raw(`
    UPDATE outbox o SET queue = 'email'
      FROM conversations c JOIN channels ch ON ch.id = c.channel_id
     WHERE o.queue = 'outbound' AND o.status = 'pending' AND ch.kind = 'email'
       AND c.id = (o.payload->>'conversationId')::uuid`);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`UPDATE outbox SET queue = 'outbound' WHERE queue = 'email' AND status IN ('pending', 'enqueued')`);
  await knex.raw('DROP INDEX IF EXISTS outbox_email_due');
}
