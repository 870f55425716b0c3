import { UnrecoverableError } from 'bullmq';
import type { Knex } from 'knex';
import { routeMessage, routingReadFor } from '../../bot/conversation/route-message.ts';
import type { RouterDeps } from '../../bot/conversation/customer-router.ts';
import { handleInboundEvent, ROUTE_MESSAGE_JOB, ROUTE_RETRY_MS } from '../../bot/inbound-handler.ts';
import type { InboundEvent } from '../../bot/inbound-event.ts';
import { toInboundEvent } from '../../bot/line/line-webhook.ts';
import { parseTwilioWebhook } from '../../bot/whatsapp/twilio-webhook.ts';
import { parseSmsWebhook } from '../../bot/sms/sms-webhook.ts';
import { readInboundEmail } from '../../bot/email/inbound-email.ts';
import type { InboundEmailPayload } from '../../bot/email/inbound-smtp.ts';
import { conversationOfMail } from '../../core/conversations/email-conversations.ts';
import type { MediaStore } from '../../core/media/media-store.ts';
import { ownEmailAddresses, type Channel, type ChannelDirectory } from '../../core/channels/channel-directory.ts';
import { urlRefusedOffline, type OutboundPolicy } from '../../core/http/safe-fetch.ts';
import { INBOUND_QUEUE, loadInboundEvent, PROCESS_EVENT_JOB, processEventOnce, recordEventError, recordMalformedEvent, storedHere } from '../../core/inbound/inbound-events.ts';
import { collectWorkDoneHere, doneInProcess, dueSooner } from '../../core/outbox/outbox.ts';
import { inOneTransaction, NestedTransactionFailed } from '../../core/db/one-transaction.ts';
import { OUTBOUND_QUEUE } from '../../core/conversations/outgoing.ts';
import type { JobContext, ProcessorTable } from '../job-runner.ts';

/**
 * Step 3 of DESIGN.md section 2: a stored platform event becomes contacts, conversations and
 * messages. Runs at least once per event; `processed_at` makes a second run a no-op. An event
 * the parser cannot read is recorded as malformed with its reason, and its job ends done: it was
 * signed by the platform but is not what the platform documents, and no retry and no person can
 * make it readable (the webhook records such events on arrival; this catches those stored before).
 * One whose handling keeps failing keeps its last error in `inbound_events.error`, and fails.
 * Media whose URL the SSRF guard can only refuse is not queued for fetching (bot/inbound-handler.ts).
 * A message is routed in the same job once stored, its own route-message job held back as the
 * fallback (`ROUTE_FALLBACK_MS`): one hop fewer on the way to the customer's answer.
 * On LINE the answer it decided is sent from here too, and the profile asked for after it
 * (core/outbox `collectWorkDoneHere`): a customer answered in one job.
 */
export function inboundProcessors(deps: { knex: Knex; channels: ChannelDirectory; router: RouterDeps; outbound?: OutboundPolicy; media?: MediaStore }): ProcessorTable {
  const mediaUrlRefusal = deps.outbound ? (url: string) => urlRefusedOffline(url, deps.outbound!) : undefined;
  return {
    [INBOUND_QUEUE]: {
      async [ROUTE_MESSAGE_JOB](payload) {
        return routeMessage(deps.router, String(payload.messageId));
      },
      async [PROCESS_EVENT_JOB](payload, job) {
        const id = Number(payload.inboundEventId);
        // Run where it was stored, the job was handed the event; from the queue, it reads it.
        const row = storedHere(payload) ?? (await loadInboundEvent(deps.knex, id));
        if (!row || row.processed_at) return { skipped: true };
        const channel = row.channel_id ? await deps.channels.byId(row.channel_id) : undefined;
        if (!channel) throw new UnrecoverableError(`inbound event ${id}: its channel is gone or inactive`);

        let event: InboundEvent;
        try {
          event = await parse(deps, channel, row.payload, row.received_at);
        } catch (err) {
          await recordMalformedEvent(deps.knex, id, (err as Error).message);
          job.logger.warn({ inboundEventId: id, reason: (err as Error).message }, 'inbound event cannot be read; recorded as malformed');
          return { malformed: true };
        }
        // On LINE, the answer goes from this job while the reply token is fresh, and the customer's
        // profile is asked for after it: both committed as outbox rows held as their fallback.
        if (channel.kind !== 'line' || !job.runHere) return storeAndRoute(id, channel, event, job);
        const { result, work } = await collectWorkDoneHere(() => storeAndRoute(id, channel, event, job));
        await job.runHere([...work.filter((w) => w.queue === OUTBOUND_QUEUE), ...work.filter((w) => w.queue !== OUTBOUND_QUEUE)]);
        return result;
      },
    },
  };

  /** Stores the event's message (once, whatever the attempt) and routes it. */
  async function storeAndRoute(id: number, channel: Channel, event: InboundEvent, job: JobContext): Promise<Record<string, unknown>> {
    // Where case numbers can be drawn apart from it (a PostgreSQL server): the embedded database is
    // one session, which the transaction would hold while the router's reads of it queued behind.
    if (deps.router.classifier.readsOffline && deps.router.numbers) {
      const routed = await storeAndRouteAtOnce(id, channel, event, job).catch((err: unknown) => {
        // A transaction of the router's that rolls back on purpose (a slot found taken) is one of these: not a fault.
        const expected = err instanceof NestedTransactionFailed;
        job.logger[expected ? 'info' : 'warn']({ err, inboundEventId: id }, 'storing and routing a message at once failed; stored first, then routed');
        return undefined;
      });
      if (routed) return routed;
    }
    let handled: Awaited<ReturnType<typeof handleInboundEvent>> | undefined;
    try {
      handled = (await processEventOnce(deps.knex, id, job.attempt, (trx) => handleInboundEvent(trx, channel, id, event, { mediaUrlRefusal })))?.result;
    } catch (err) {
      // Each failed attempt leaves its reason on the event (a success clears it); the last one's
      // stays: an event that failed for good says why where staff and operators look for it.
      const final = job.attempt >= job.maxAttempts || err instanceof UnrecoverableError;
      const reason = `${final ? `failed for good after ${job.attempt} attempt(s)` : `attempt ${job.attempt} failed`}: ${(err as Error).message}`;
      await recordEventError(deps.knex, id, reason, job.attempt).catch((e) => job.logger.warn({ err: e }, 'could not record an inbound failure'));
      throw err;
    }
    // The message is routed now, in this job; its route-message row is the fallback, held until
    // ROUTE_FALLBACK_MS, for a routing that fails or a process that dies here.
    if (handled?.messageId && handled.routeRowId) {
      try {
        const routed = await routeMessage(deps.router, handled.messageId);
        // With the job's batch of completions where it has one (one statement for many rows).
        if (job.doneHere) job.doneHere(handled.routeRowId);
        else await doneInProcess(deps.knex, handled.routeRowId);
        return { type: event.type, routed: routed.decision };
      } catch (err) {
        // Known to have failed, so its retry need not wait out the fallback's time, which is
        // there for a process that died in the middle of a slow reading.
        await dueSooner(deps.knex, handled.routeRowId, new Date(Date.now() + ROUTE_RETRY_MS)).catch(() => false);
        job.logger.warn({ err, messageId: handled.messageId }, 'routing a message failed; its route-message job will try again');
      }
    }
    return { type: event.type };
  }

  /**
   * With no LLM to wait for, the message is stored and routed in one transaction: no route-message
   * row as the fallback, one commit fewer (#41, docs/benchmarks.md "Stored and routed in one
   * transaction"). Undefined when another run processed the event. A failure rolls back all of it
   * and the caller stores and routes in two, as with an LLM, so that a message the router cannot
   * handle is still stored and waits for its routing's retries.
   */
  async function storeAndRouteAtOnce(id: number, channel: Channel, event: InboundEvent, job: JobContext): Promise<Record<string, unknown> | undefined> {
    const routedHere = await routingReadFor(deps.router, channel.orgId);
    const done = await processEventOnce(deps.knex, id, job.attempt, async (trx) => {
      const handled = await handleInboundEvent(trx, channel, id, event, { mediaUrlRefusal, routedHere });
      if (!handled.routes || !handled.messageId) return { type: event.type };
      // Case numbers are drawn apart from this transaction (RouterDeps `numbers`). The message was
      // read as the router reads it by the statement that stored it.
      const routed = await inOneTransaction(trx, (db) => routeMessage({ ...deps.router, knex: db }, handled.messageId!, handled.incoming));
      return { type: event.type, routed: routed.decision };
    });
    return done ? done.result : { type: event.type, skipped: true };
  }
}

async function parse(deps: { knex: Knex; media?: MediaStore }, channel: Channel, payload: unknown, receivedAt: Date): Promise<InboundEvent> {
  if (channel.kind === 'email') {
    // The raw mail is in the media store (bot/email/inbound-smtp.ts); its reply address, its thread or its sender finds the conversation.
    const p = payload as InboundEmailPayload;
    if (!deps.media) throw new Error('no media store to read the e-mail from');
    const conversationOf = (answers: string[], from: string) => conversationOfMail(deps.knex, { orgId: channel.orgId, channelId: channel.id, named: p.conversationId, answers, from });
    return readInboundEmail({ store: deps.media, orgId: channel.orgId, conversationOf, own: await ownEmailAddresses(deps.knex) }, p, new Date(receivedAt));
  }
  if (channel.kind === 'sms') return parseSmsWebhook(payload as Record<string, string>, new Date(receivedAt));
  return channel.kind === 'line'
    ? toInboundEvent(payload, channel.externalId ?? undefined)
    : parseTwilioWebhook(payload as Record<string, string>, new Date(receivedAt));
}
