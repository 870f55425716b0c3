import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { Knex } from 'knex';
import { recordChannelTest, type ChannelActor } from '../../core/channels/channel-checks.ts';
import { learnExternalId, type Channel, type ChannelDirectory } from '../../core/channels/channel-directory.ts';
import { notFound } from '../../core/errors/index.ts';
import type { ChannelTestResult } from '../../core/contracts/channels.ts';

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
}): Promise<ChannelTestResult & { botUserId: string | null }> {
  const testedAt = (s.now ?? new Date()).toISOString();
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: s.channel.credentials.channelAccessToken,
    baseURL: s.channel.settings.apiBaseUrl ?? s.lineApiBaseUrl,
  });
  let botName: string | null = null;
  let botUserId: string | null = null;
  try {
    const info = await client.getBotInfo();
    botName = info.displayName;
    botUserId = info.userId;
    await client.pushMessage({ to: s.to, messages: [{ type: 'text', text: s.text }] });
    return { ok: true, status: 200, message: 'OK', botName, botUserId, testedAt };
  } catch (err) {
    if (err instanceof HTTPFetchError) return { ok: false, status: err.status, message: lineMessage(err.body), botName, botUserId, testedAt };
    return { ok: false, status: null, message: err instanceof Error ? err.message : String(err), botName, botUserId, testedAt };
  }
}

/** LINE's JSON error's `message`, or the body as it came. */
function lineMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // not JSON: shown as LINE sent it
  }
  return body.slice(0, 500);
}

const TEST_TEXT = (channelName: string) =>
  `✅ ${channelName}: ข้อความทดสอบ การเชื่อมต่อ LINE ใช้งานได้\n✅ ${channelName}: test message, the LINE connection works`;

/**
 * Tests one of the org's LINE channels and keeps LINE's answer on it (core/channels/channel-checks.ts).
 * A channel that answers learns its bot user id, as its first webhook would teach it.
 */
export async function testLineChannel(
  deps: { knex: Knex; channels: ChannelDirectory; lineApiBaseUrl: string },
  t: { orgId: string; channelId: string; to: string; actor: ChannelActor; requestId?: string },
): Promise<ChannelTestResult> {
  const channel = await deps.channels.byId(t.channelId);
  if (!channel || channel.orgId !== t.orgId || channel.kind !== 'line') throw notFound('LINE channel', { id: t.channelId });
  const { botUserId, ...result } = await sendLineTestMessage({ channel, lineApiBaseUrl: deps.lineApiBaseUrl, to: t.to, text: TEST_TEXT(channel.name) });
  await recordChannelTest(deps.knex, { orgId: t.orgId, channelId: channel.id, result, to: t.to, actor: t.actor, requestId: t.requestId });
  if (result.ok && botUserId) await learnExternalId(deps.knex, channel.id, botUserId);
  return result;
}
