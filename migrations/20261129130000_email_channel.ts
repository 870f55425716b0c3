import type { Knex } from 'knex';

/**
 * E-mail as a channel (issue #44): a channel of kind `email` (SMTP settings on the channel, the
 * SMTP user and password sealed like LINE tokens), and the token of a conversation's reply address
 * (`reply+<token>@<inbound domain>`), so that a reply finds its conversation whatever its subject;
 * and when a contact's e-mail address bounced for good (a hard bounce), so nothing more is sent to it.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE channels DROP CONSTRAINT channels_kind;
    ALTER TABLE channels ADD CONSTRAINT channels_kind CHECK (kind IN ('line', 'whatsapp', 'email'));
    ALTER TABLE conversations ADD COLUMN reply_token text;
    CREATE UNIQUE INDEX conversations_reply_token ON conversations (org_id, reply_token) WHERE reply_token IS NOT NULL;
    ALTER TABLE contacts ADD COLUMN email_undeliverable_at timestamptz;
    ALTER TABLE contacts ADD COLUMN email_undeliverable_reason text;
  `);
}

export async function down(knex: Knex): Promise<void> {
  await knex.raw(`
    ALTER TABLE contacts DROP COLUMN email_undeliverable_reason;
    ALTER TABLE contacts DROP COLUMN email_undeliverable_at;
    DROP INDEX conversations_reply_token;
    ALTER TABLE conversations DROP COLUMN reply_token;
    DELETE FROM channels WHERE kind = 'email';
    ALTER TABLE channels DROP CONSTRAINT channels_kind;
    ALTER TABLE channels ADD CONSTRAINT channels_kind CHECK (kind IN ('line', 'whatsapp'));
  `);
}
