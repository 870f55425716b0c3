import type { Knex } from 'knex';

/**
 * SMS as a channel (issue #44): a channel of kind `sms` (a Twilio phone number; the account's sid
 * and token sealed like WhatsApp's), and `channel_opt_outs`: a customer's "stop" for one channel
 * at one address (an SMS number that texted STOP, an e-mail address that unsubscribed). One row
 * per channel and address, made when the first notice carries its unsubscribe link or the first
 * keyword arrives; its `token` is what the link names (random, never guessable). `opted_out_at`
 * set: notices are not sent there; a START (or a new subscription) clears it and keeps when.
 * Separate from the PDPA consent records: leaving a channel is not withdrawing consent.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE channels DROP CONSTRAINT channels_kind;
    ALTER TABLE channels ADD CONSTRAINT channels_kind CHECK (kind IN ('line', 'whatsapp', 'email', 'sms'));
  `);
  await knex.schema.createTable('channel_opt_outs', (t) => {
    t.bigIncrements('id');
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('channel_id').notNullable().references('channels.id').onDelete('CASCADE');
    // The chat address on that channel: +E.164 for SMS, the lower-cased address for e-mail.
    t.text('address').notNullable();
    t.text('token').notNullable();
    t.timestamp('opted_out_at', { useTz: true });
    // How: sms_stop, sms_start, twilio_blocked (Twilio's 21610), email_unsubscribe.
    t.text('how');
    t.text('keyword');
    t.timestamp('opted_in_at', { useTz: true });
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.unique(['channel_id', 'address']);
    t.unique(['token']);
  });
  await knex.raw(`
    ALTER TABLE channel_opt_outs ADD CONSTRAINT channel_opt_outs_how CHECK (how IS NULL OR how IN ('sms_stop', 'sms_start', 'twilio_blocked', 'email_unsubscribe'));
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTable('channel_opt_outs');
  await knex.raw(`
    DELETE FROM channels WHERE kind = 'sms';
    ALTER TABLE channels DROP CONSTRAINT channels_kind;
    ALTER TABLE channels ADD CONSTRAINT channels_kind CHECK (kind IN ('line', 'whatsapp', 'email'));
  `);
}
