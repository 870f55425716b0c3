import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import type { ChannelTestResult, LineConnectionCheck } from '../contracts/channels.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { notFound, validationFailed } from '../errors/index.ts';
import { CHANNEL_CREDENTIALS_PURPOSE, type EmailSettings, type LineCredentials, type SmtpCredentials } from './channel-directory.ts';

/**
 * What an admin does to a channel after adding it (seed 004 section 4.7.5): paste a LINE channel's
 * new token and secret, or an e-mail channel's new server or password, switch it off or on, and
 * send a test message. The test's outcome is kept on the
 * channel (`settings.lastTest`) so the settings screen shows whether it works; only LINE saying
 * yes marks it working, and new credentials forget the old answer.
 */

export interface ChannelActor {
  type: 'api_key' | 'staff';
  id: string;
}

async function channelRow(trx: Knex.Transaction, orgId: string, channelId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(channelId)) throw notFound('Channel', { id: channelId });
  const row = await trx('channels').where({ id: channelId, org_id: orgId }).forUpdate().first();
  if (!row) throw notFound('Channel', { id: channelId });
  return row as { id: string; kind: string; name: string; is_active: boolean; settings: Record<string, unknown> | null };
}

export interface ChannelChange {
  orgId: string;
  channelId: string;
  name?: string;
  isActive?: boolean;
  /** A LINE channel's new token and secret, or an e-mail channel's whole mailbox login (bot/email/email-channel-edit.ts fills in a kept password). */
  credentials?: LineCredentials | SmtpCredentials;
  /** An e-mail channel's server, sender and inbound address, whole. */
  email?: EmailSettings;
  actor: ChannelActor;
  requestId?: string;
}

/**
 * Renames a channel, switches it off or on, or replaces what it connects with: a LINE channel's
 * token and secret, an e-mail channel's SMTP server, mailbox and addresses. New credentials or
 * settings forget the last test and check (they were of the old ones).
 */
export async function updateChannel(knex: Knex, secrets: SecretBox, u: ChannelChange): Promise<void> {
  await knex.transaction(async (trx) => {
    const row = await channelRow(trx, u.orgId, u.channelId);
    // Any channel can be renamed or switched off and on; a token and secret are LINE's, a mailbox and server an e-mail channel's.
    if (u.credentials && 'channelSecret' in u.credentials && row.kind !== 'line') throw validationFailed('A token and secret are for LINE channels only', { kind: row.kind });
    if (((u.credentials && 'user' in u.credentials) || u.email) && row.kind !== 'email') throw validationFailed('An SMTP server and mailbox are for e-mail channels only', { kind: row.kind });
    const settings = { ...(row.settings ?? {}) };
    const change: Record<string, unknown> = {};
    if (u.name !== undefined) change.name = u.name;
    if (u.isActive !== undefined) change.is_active = u.isActive;
    if (u.credentials) change.credentials_encrypted = secrets.seal(u.credentials, { purpose: CHANNEL_CREDENTIALS_PURPOSE, rowId: row.id });
    if (u.email) {
      settings.email = u.email;
      // An e-mail channel is known by the address it sends from.
      change.external_id = u.email.fromAddress.toLowerCase();
    }
    if (u.credentials || u.email) {
      delete settings.lastTest;
      delete settings.connection;
      change.settings = JSON.stringify(settings);
    }
    await trx('channels').where({ id: row.id }).update(change);
    await recordAudit(trx, {
      orgId: u.orgId,
      actorType: u.actor.type,
      actorId: u.actor.id,
      action: 'channel.updated',
      subjectType: 'channel',
      subjectId: row.id,
      // Never the credentials themselves: only that they changed.
      details: { name: u.name, isActive: u.isActive, credentialsReplaced: Boolean(u.credentials), ...(u.email ? { email: { host: u.email.host, port: u.email.port, fromAddress: u.email.fromAddress, inboundAddress: u.email.inboundAddress } } : {}) },
      requestId: u.requestId,
    });
  });
}

/** Keeps LINE's answer to a test message on the channel, with an audit row naming who tested it. */
export async function recordChannelTest(
  knex: Knex,
  t: { orgId: string; channelId: string; result: ChannelTestResult; to: string; actor: ChannelActor; requestId?: string },
): Promise<void> {
  await keepOnChannel(knex, { ...t, key: 'lastTest', action: 'channel.tested', details: { ok: t.result.ok, status: t.result.status, message: t.result.message, to: t.to } });
}

/** Keeps a connection check (token, webhook, secret) on the channel, audited. */
export async function recordChannelCheck(
  knex: Knex,
  t: { orgId: string; channelId: string; result: LineConnectionCheck; actor: ChannelActor; requestId?: string },
): Promise<void> {
  const { ok, token, webhook, secret, problem, status } = t.result;
  await keepOnChannel(knex, { ...t, key: 'connection', action: 'channel.checked', details: { ok, token, webhook, secret, problem, status } });
}

async function keepOnChannel(
  knex: Knex,
  t: { orgId: string; channelId: string; key: 'lastTest' | 'connection'; result: object; action: string; details: Record<string, unknown>; actor: ChannelActor; requestId?: string },
): Promise<void> {
  await knex.transaction(async (trx) => {
    const row = await channelRow(trx, t.orgId, t.channelId);
    await trx('channels')
      .where({ id: row.id })
      .update({ settings: JSON.stringify({ ...(row.settings ?? {}), [t.key]: t.result }) });
    await recordAudit(trx, {
      orgId: t.orgId,
      actorType: t.actor.type,
      actorId: t.actor.id,
      action: t.action,
      subjectType: 'channel',
      subjectId: row.id,
      details: t.details,
      requestId: t.requestId,
    });
  });
}
