import { messagingApi } from '@line/bot-sdk';
import { UnrecoverableError } from 'bullmq';
import type { Knex } from 'knex';
import { toLineMessages } from '../../bot/line/line-messages.ts';
import { LineSendError, sendOverLine } from '../../bot/line/line-sender.ts';
import { createTwilioClient } from '../../bot/whatsapp/twilio-client.ts';
import { sendOverWhatsApp, WhatsAppSendError } from '../../bot/whatsapp/whatsapp-sender.ts';
import type { Channel, ChannelDirectory } from '../../core/channels/channel-directory.ts';
import { OUTBOUND_QUEUE, SEND_JOB, type SendJobPayload } from '../../core/conversations/outgoing.ts';
import type { OutboundMessage } from '../../core/messaging/outbound-message.ts';
import type { Language } from '../../core/models/vocabulary.ts';
import type { JobContext, ProcessorTable } from '../job-runner.ts';

/**
 * Step 5 of DESIGN.md section 2: stored outbound messages go out on their conversation's channel.
 * LINE 429 / 5xx and network failures are retried by BullMQ with backoff; a refusal (other 4xx)
 * marks the messages failed with LINE's or Twilio's reason and ends the job failed, visibly.
 */
export interface OutboundDeps {
  knex: Knex;
  channels: ChannelDirectory;
  lineApiBaseUrl: string;
  twilioApiBaseUrl?: string;
  publicBaseUrl?: string;
}

/** LINE gives a reply token about a minute; past 50 s we push rather than risk a refusal. */
export const REPLY_TOKEN_FRESH_SECONDS = 50;

interface ConversationRow {
  id: string;
  org_id: string;
  external_id: string;
  contact_id: string | null;
  last_inbound_at: Date | null;
}

interface PendingRow {
  id: string;
  payload: { outbound: OutboundMessage };
}

export function outboundProcessors(deps: OutboundDeps): ProcessorTable {
  return {
    [OUTBOUND_QUEUE]: {
      async [SEND_JOB](raw, job) {
        const payload = raw as unknown as SendJobPayload;
        const { knex } = deps;
        const conversation = await knex('conversations').where({ id: payload.conversationId }).first();
        if (!conversation) throw new UnrecoverableError(`conversation ${payload.conversationId} not found`);
        const channel = await deps.channels.byId(conversation.channel_id);
        if (!channel) throw new UnrecoverableError(`channel ${conversation.channel_id} is gone or inactive`);

        if (payload.combine) return sendCombined(deps, channel, conversation, payload, job);
        const rows: PendingRow[] = await knex('messages')
          .select('id', 'payload')
          .whereIn('id', payload.messageIds)
          .andWhere('delivery_status', 'pending');
        const order = new Map(payload.messageIds.map((id, i) => [id, i]));
        const pending = rows.sort((a, b) => order.get(a.id)! - order.get(b.id)!);
        return send(deps, channel, conversation, payload, pending, job);
      },
    },
  };
}

/** A conversation's combined pushes are sent by one job at a time: the one holding this lease. */
const SEND_LEASE_SECONDS = 60;

/**
 * A push to a staff group (`combine`): every combinable message pending for the group by now goes
 * out together, in order, under the conversation's lease; the jobs of the messages it took find
 * nothing left. A job that finds the lease held retries, if its own messages are still waiting.
 */
async function sendCombined(deps: OutboundDeps, channel: Channel, conversation: ConversationRow, payload: SendJobPayload, job: JobContext) {
  const { knex } = deps;
  const leased = await knex('conversations')
    .where({ id: conversation.id })
    .andWhere((q) => q.whereNull('send_lease_until').orWhere('send_lease_until', '<', knex.fn.now()))
    .update({ send_lease_until: knex.raw(`now() + make_interval(secs => ?)`, [SEND_LEASE_SECONDS]) });
  if (!leased) {
    const mine = await knex('messages').whereIn('id', payload.messageIds).andWhere('delivery_status', 'pending').first('id');
    if (!mine) return { sent: 0 };
    throw new Error(`another job is sending to conversation ${conversation.id}; these messages wait for it`);
  }
  try {
    const pending: PendingRow[] = await knex('messages')
      .select('id', 'payload')
      .where({ conversation_id: conversation.id, direction: 'out', delivery_status: 'pending' })
      .andWhereRaw(`payload->>'combine' = 'true'`)
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    return await send(deps, channel, conversation, { ...payload, messageIds: pending.map((p) => p.id) }, pending, job);
  } finally {
    await knex('conversations').where({ id: conversation.id }).update({ send_lease_until: null });
  }
}

async function send(
  deps: OutboundDeps,
  channel: Channel,
  conversation: ConversationRow,
  payload: SendJobPayload,
  pending: PendingRow[],
  job: JobContext,
) {
  const { knex } = deps;
  if (pending.length === 0) return { sent: 0 };

  const markSent = (ids: string[], platformIds: (string | null)[]) =>
    Promise.all(
      ids.map((id, i) =>
        knex('messages')
          .where({ id })
          .update({ delivery_status: 'sent', platform_message_id: platformIds[i] ?? null, sent_at: knex.fn.now() }),
      ),
    );
  try {
    if (channel.kind === 'line') {
      await sendLine(deps, channel, conversation, payload, pending, markSent);
    } else {
      await sendWhatsApp(deps, channel, conversation, pending, markSent);
    }
  } catch (err) {
    const retryable = (err instanceof LineSendError || err instanceof WhatsAppSendError) && err.retryable;
    if (retryable) throw err;
    await knex('messages')
      .whereIn('id', payload.messageIds)
      .andWhere('delivery_status', 'pending')
      .update({ delivery_status: 'failed', delivery_error: (err as Error).message.slice(0, 2000) });
    throw new UnrecoverableError((err as Error).message);
  }
  job.logger.debug({ sent: pending.length, channel: channel.kind }, 'messages sent');
  return { sent: pending.length };
}

async function sendLine(
  deps: OutboundDeps,
  channel: Extract<Channel, { kind: 'line' }>,
  conversation: { external_id: string; org_id: string },
  payload: SendJobPayload,
  pending: PendingRow[],
  markSent: (ids: string[], platformIds: (string | null)[]) => Promise<unknown>,
) {
  const { knex } = deps;
  const client = new messagingApi.MessagingApiClient({
    channelAccessToken: channel.credentials.channelAccessToken,
    baseURL: channel.settings.apiBaseUrl ?? deps.lineApiBaseUrl,
  });
  const lineMessages = toLineMessages(pending.map((p) => p.payload.outbound));
  const result = await sendOverLine({
    client,
    to: conversation.external_id,
    pending: pending.map((p, i) => ({ id: p.id, message: lineMessages[i] })),
    takeReplyToken: async () => {
      if (!payload.replyToEventId) return undefined;
      // Claimed once, and only while fresh: a used or stale token would be refused anyway.
      const { rows } = await knex.raw<{ rows: { token: string | null }[] }>(
        `UPDATE inbound_events SET reply_token_used_at = now()
          WHERE id = ? AND reply_token_used_at IS NULL AND received_at > now() - make_interval(secs => ?)
          RETURNING payload->>'replyToken' AS token`,
        [payload.replyToEventId, REPLY_TOKEN_FRESH_SECONDS],
      );
      return rows[0]?.token ?? undefined;
    },
    onSent: async (ids, platformIds) => {
      await markSent(ids, platformIds);
    },
  });
  if (result.pushed > 0) {
    // LINE's monthly quota counts a push once per recipient (per member, in a group), however
    // many message objects it carries; replies are free. Both numbers are kept per org and month.
    const month = new Date().toISOString().slice(0, 7);
    await knex.raw(
      `INSERT INTO org_counters (org_id, name, value) VALUES (?, ?, ?), (?, ?, ?)
       ON CONFLICT (org_id, name) DO UPDATE SET value = org_counters.value + EXCLUDED.value`,
      [conversation.org_id, `line_push:${month}`, result.pushed, conversation.org_id, `line_push_requests:${month}`, result.pushRequests],
    );
  }

}

async function sendWhatsApp(
  deps: OutboundDeps,
  channel: Extract<Channel, { kind: 'whatsapp' }>,
  conversation: { external_id: string; org_id: string; contact_id: string | null; last_inbound_at: Date | null },
  pending: PendingRow[],
  markSent: (ids: string[], platformIds: (string | null)[]) => Promise<unknown>,
) {
  const { knex } = deps;
  const contact = conversation.contact_id ? await knex('contacts').select('language').where({ id: conversation.contact_id }).first() : undefined;
  const language: Language = contact?.language ?? 'th';
  const templates: Record<string, string> = Object.fromEntries(
    (
      await knex('templates')
        .select('key', 'whatsapp_content_sid')
        .where({ org_id: conversation.org_id, language })
        .whereNotNull('whatsapp_content_sid')
    ).map((t: { key: string; whatsapp_content_sid: string }) => [t.key, t.whatsapp_content_sid]),
  );
  const insideWindow =
    conversation.last_inbound_at !== null && Date.now() - new Date(conversation.last_inbound_at).getTime() < 24 * 3600 * 1000;
  await sendOverWhatsApp({
    client: createTwilioClient({
      accountSid: channel.credentials.accountSid,
      authToken: channel.credentials.authToken,
      apiBaseUrl: channel.settings.apiBaseUrl ?? deps.twilioApiBaseUrl,
    }),
    accountSid: channel.credentials.accountSid,
    from: channel.externalId ?? '',
    to: conversation.external_id,
    pending: pending.map((p) => ({ id: p.id, message: p.payload.outbound })),
    insideWindow,
    language,
    templates,
    statusCallback: deps.publicBaseUrl ? `${deps.publicBaseUrl}/webhooks/whatsapp/${channel.id}` : undefined,
    onSent: async (id, sid) => {
      await markSent([id], [sid]);
    },
  });
}
