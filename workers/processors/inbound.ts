import { UnrecoverableError } from 'bullmq';
import type { Knex } from 'knex';
import { routeMessage, type RouterDeps } from '../../bot/conversation-router.ts';
import { handleInboundEvent, ROUTE_MESSAGE_JOB } from '../../bot/inbound-handler.ts';
import type { InboundEvent } from '../../bot/inbound-event.ts';
import { toInboundEvent } from '../../bot/line/line-webhook.ts';
import { parseTwilioWebhook } from '../../bot/whatsapp/twilio-webhook.ts';
import type { Channel, ChannelDirectory } from '../../core/channels/channel-directory.ts';
import { INBOUND_QUEUE, PROCESS_EVENT_JOB } from '../../core/inbound/inbound-events.ts';
import type { ProcessorTable } from '../job-runner.ts';

/**
 * Step 3 of DESIGN.md section 2: a stored platform event becomes contacts, conversations and
 * messages. Runs at least once per event; `processed_at` makes a second run a no-op. An event
 * the parser cannot read is marked with its error and not retried.
 */
export function inboundProcessors(deps: { knex: Knex; channels: ChannelDirectory; router: RouterDeps }): ProcessorTable {
  return {
    [INBOUND_QUEUE]: {
      async [ROUTE_MESSAGE_JOB](payload) {
        return routeMessage(deps.router, String(payload.messageId));
      },
      async [PROCESS_EVENT_JOB](payload, job) {
        const id = Number(payload.inboundEventId);
        const row = await deps.knex('inbound_events').where({ id }).first();
        if (!row || row.processed_at) return { skipped: true };
        const channel = row.channel_id ? await deps.channels.byId(row.channel_id) : undefined;
        if (!channel) throw new UnrecoverableError(`inbound event ${id}: its channel is gone or inactive`);

        let event: InboundEvent;
        try {
          event = parse(channel, row.payload, row.received_at);
        } catch (err) {
          await deps.knex('inbound_events').where({ id }).update({ error: (err as Error).message.slice(0, 2000), attempts: job.attempt });
          throw new UnrecoverableError(`inbound event ${id} cannot be read: ${(err as Error).message}`);
        }
        await deps.knex.transaction(async (trx) => {
          // Claim the event first: a concurrent run of the same job waits here, then sees it done.
          const claimed = await trx('inbound_events').where({ id }).whereNull('processed_at').forUpdate().first();
          if (!claimed) return;
          await handleInboundEvent(trx, channel, id, event);
          await trx('inbound_events').where({ id }).update({ processed_at: trx.fn.now(), attempts: job.attempt, error: null });
        });
        return { type: event.type };
      },
    },
  };
}

function parse(channel: Channel, payload: unknown, receivedAt: Date): InboundEvent {
  return channel.kind === 'line'
    ? toInboundEvent(payload, channel.externalId ?? undefined)
    : parseTwilioWebhook(payload as Record<string, string>, new Date(receivedAt));
}
