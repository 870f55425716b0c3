import type { Knex } from 'knex';
import { recordChannelCheck, recordChannelTest, type ChannelActor } from '../../core/channels/channel-checks.ts';
import { learnExternalId, type Channel, type ChannelDirectory } from '../../core/channels/channel-directory.ts';
import { learnBasicId } from '../../core/channels/line-basic-id.ts';
import { notFound } from '../../core/errors/index.ts';
import type { ChannelTestResult, LineConnectionCheck } from '../../core/contracts/channels.ts';
import { checkLineConnection, checkLineToken, lineClient, lineFailure, withinCheckTime, type TokenAnswer } from './line-connection.ts';

/**
 * The "Test" button of a LINE channel (seed 004 section 4.7.5): asks LINE who the token belongs to,
 * then pushes one message to the admin. Whatever LINE answers is the result, in LINE's words; a
 * token LINE refuses, a user who is not the account's friend, or LINE out of reach are answers too,
 * never exceptions, so the screen can say what went wrong.
 */
export async function sendLineTestMessage(s: {
  channel: Extract<Channel, { kind: 'line' }>;
  lineApiBaseUrl: string;
  to: string;
  text: string;
  now?: Date;
}): Promise<ChannelTestResult & { botUserId: string | null; basicId: string | null }> {
  const testedAt = (s.now ?? new Date()).toISOString();
  const apiBaseUrl = s.channel.settings.apiBaseUrl ?? s.lineApiBaseUrl;
  const who = await checkLineToken({ channelAccessToken: s.channel.credentials.channelAccessToken, apiBaseUrl });
  if (!who.ok) return { ok: false, status: who.status, message: who.message, problem: who.problem, botName: null, botUserId: null, basicId: null, testedAt };
  try {
    await withinCheckTime(lineClient({ channelAccessToken: s.channel.credentials.channelAccessToken, apiBaseUrl }).pushMessage({ to: s.to, messages: [{ type: 'text', text: s.text }] }));
    return { ok: true, status: 200, message: 'OK', botName: who.botName, botUserId: who.botUserId, basicId: who.basicId, testedAt };
  } catch (err) {
    const f = lineFailure(err);
    return { ok: false, status: f.status, message: f.message, problem: f.problem, botName: who.botName, botUserId: who.botUserId, basicId: who.basicId, testedAt };
  }
}

const TEST_TEXT = (channelName: string) =>
  `✅ ${channelName}: ข้อความทดสอบ การเชื่อมต่อ LINE ใช้งานได้\n✅ ${channelName}: test message, the LINE connection works`;

/**
 * Tests one of the org's LINE channels and keeps LINE's answer on it (core/channels/channel-checks.ts).
 * A channel that answers learns its bot user id, as its first webhook would teach it, and its basic id.
 */
export async function testLineChannel(
  deps: { knex: Knex; channels: ChannelDirectory; lineApiBaseUrl: string },
  t: { orgId: string; channelId: string; to: string; actor: ChannelActor; requestId?: string },
): Promise<ChannelTestResult> {
  const channel = await deps.channels.byId(t.channelId);
  if (!channel || channel.orgId !== t.orgId || channel.kind !== 'line') throw notFound('LINE channel', { id: t.channelId });
  const { botUserId, basicId, ...result } = await sendLineTestMessage({ channel, lineApiBaseUrl: deps.lineApiBaseUrl, to: t.to, text: TEST_TEXT(channel.name) });
  await recordChannelTest(deps.knex, { orgId: t.orgId, channelId: channel.id, result, to: t.to, actor: t.actor, requestId: t.requestId });
  if (result.ok && botUserId) await learnExternalId(deps.knex, channel.id, botUserId);
  await learnBasicId(deps.knex, channel.id, basicId);
  return result;
}

/**
 * Checks one of the org's LINE channels (token, webhook set at LINE and tested, secret) and keeps
 * the answer on it; a token LINE accepts teaches the channel its bot user id and basic id.
 */
export async function checkLineChannel(
  deps: { knex: Knex; channels: ChannelDirectory; lineApiBaseUrl: string },
  t: { orgId: string; channelId: string; webhookUrl: string; token?: TokenAnswer; actor: ChannelActor; requestId?: string },
): Promise<LineConnectionCheck> {
  const channel = await deps.channels.byId(t.channelId);
  if (!channel || channel.orgId !== t.orgId || channel.kind !== 'line') throw notFound('LINE channel', { id: t.channelId });
  const { botUserId, basicId, ...result } = await checkLineConnection({
    channelAccessToken: channel.credentials.channelAccessToken,
    apiBaseUrl: channel.settings.apiBaseUrl ?? deps.lineApiBaseUrl,
    webhookUrl: t.webhookUrl,
    token: t.token,
  });
  await recordChannelCheck(deps.knex, { orgId: t.orgId, channelId: channel.id, result, actor: t.actor, requestId: t.requestId });
  if (botUserId) await learnExternalId(deps.knex, channel.id, botUserId);
  // The account's basic id, for links that open a chat with it (a corporate client's join link).
  await learnBasicId(deps.knex, channel.id, basicId);
  return result;
}
