import type { Knex } from 'knex';
import { recordChannelTest, type ChannelActor } from '../../core/channels/channel-checks.ts';
import type { ChannelDirectory } from '../../core/channels/channel-directory.ts';
import type { ChannelTestResult } from '../../core/contracts/channels.ts';
import { notFound } from '../../core/errors/index.ts';
import { smtpTransport } from './email-sender.ts';
import { smtpProblemOf } from './smtp-check.ts';

/**
 * The "Send a test e-mail" button of an e-mail channel: one e-mail, in Thai and English, through
 * the org's SMTP server to the address the admin names. The server's answer is the result (its
 * reply code and words); a refused login or a server out of reach is an answer too, never an
 * exception, and it is kept on the channel like a LINE channel's test.
 */
export async function testEmailChannel(
  deps: { knex: Knex; channels: ChannelDirectory },
  t: { orgId: string; channelId: string; to: string; actor: ChannelActor; requestId?: string; now?: Date },
): Promise<ChannelTestResult> {
  const channel = await deps.channels.byId(t.channelId);
  if (!channel || channel.orgId !== t.orgId || channel.kind !== 'email') throw notFound('E-mail channel', { id: t.channelId });
  const e = channel.settings.email;
  const testedAt = (t.now ?? new Date()).toISOString();
  let result: ChannelTestResult;
  try {
    const info = await smtpTransport(channel).sendMail({
      from: { name: e.fromName, address: e.fromAddress },
      to: t.to,
      subject: `✅ ${channel.name}: อีเมลทดสอบ / test e-mail`,
      text: `${channel.name}: อีเมลทดสอบ การส่งอีเมลใช้งานได้\n${channel.name}: test e-mail, sending e-mail works`,
    });
    result = { ok: true, status: smtpCode(info.response) ?? 250, message: info.response ?? 'OK', botName: null, testedAt };
  } catch (err) {
    const x = err as { responseCode?: number; response?: string; message?: string };
    // A server that answered is quoted; one that did not is said as that, naming what to check.
    const message = typeof x.responseCode === 'number' ? (x.response ?? x.message ?? String(err)) : smtpProblemOf(err, channel).message;
    result = { ok: false, status: x.responseCode ?? null, message: message.slice(0, 500), botName: null, testedAt };
  }
  await recordChannelTest(deps.knex, { orgId: t.orgId, channelId: channel.id, result, to: t.to, actor: t.actor, requestId: t.requestId });
  return result;
}

/** "250 2.0.0 OK queued" -> 250. */
function smtpCode(response: string | undefined): number | undefined {
  const m = /^(\d{3})/.exec(response ?? '');
  return m ? Number(m[1]) : undefined;
}
