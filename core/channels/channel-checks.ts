import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import type { ChannelTestResult, LineConnectionCheck } from '../contracts/channels.ts';
import type { SecretBox } from '../crypto/secret-box.ts';
import { notFound, validationFailed } from '../errors/index.ts';
import { CHANNEL_CREDENTIALS_PURPOSE, type LineCredentials } from './channel-directory.ts';

/**
 * What an admin does to a LINE channel after adding it (seed 004 section 4.7.5): paste a new token
 * and secret, switch it off or on, and send a test message. The test's outcome is kept on the
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

export async function updateLineChannel(
  knex: Knex,
  secrets: SecretBox,
  u: { orgId: string; channelId: string; name?: string; credentials?: LineCredentials; isActive?: boolean; actor: ChannelActor; requestId?: string },
): Promise<void> {
  await knex.transaction(async (trx) => {
    const row = await channelRow(trx, u.orgId, u.channelId);
    // Any channel can be renamed or switched off and on (an e-mail channel too); a token and secret are LINE's.
    if (u.credentials && row.kind !== 'line') throw validationFailed('A token and secret are for LINE channels only', { kind: row.kind });
    const settings = { ...(row.settings ?? {}) };
    const change: Record<string, unknown> = {};
    if (u.name !== undefined) change.name = u.name;
    if (u.isActive !== undefined) change.is_active = u.isActive;
    if (u.credentials) {
      change.credentials_encrypted = secrets.seal(u.credentials, { purpose: CHANNEL_CREDENTIALS_PURPOSE, rowId: row.id });
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
      details: { name: u.name, isActive: u.isActive, credentialsReplaced: Boolean(u.credentials) },
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
