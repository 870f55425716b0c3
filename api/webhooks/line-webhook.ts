import type Router from '@koa/router';
import type { Context } from 'koa';
import { createHash } from 'node:crypto';
import { learnExternalId } from '../../core/channels/channel-directory.ts';
import { DomainError, notFound, unauthenticated } from '../../core/errors/index.ts';
import { idProblem, storableExcerpt } from '../../core/inbound/event-checks.ts';
import type { ArrivingEvent } from '../../core/inbound/inbound-events.ts';
import { verifyLineSignature } from '../../bot/line/line-signature.ts';
import { checkLineEvent } from '../../bot/line/line-webhook.ts';
import type { AppDeps } from '../deps.ts';
import { jsonBody } from '../middleware/body.ts';

/**
 * `POST /webhooks/line` (the default org's channel) and `/webhooks/line/:channelId`. The signature
 * is checked on the raw bytes before anything is parsed; a mismatch stores nothing. Events are
 * stored with their outbox rows and the answer is 200 at once: no classification and no outgoing
 * call happens here (DESIGN.md section 2).
 *
 * Each event is checked on its own (bot/line/line-webhook.ts `checkLineEvent`): a well-formed one
 * is stored for work, a malformed one is recorded as such (its reason in `inbound_events.error`,
 * nothing queued), and a correctly signed body of events is answered 200 whatever they hold, so
 * LINE does not redeliver it for ever. Only a body that is not a LINE webhook at all (not JSON, no
 * `events` list) is refused, with a 4xx.
 */
export function mountLineWebhook(router: Router, deps: AppDeps): void {
  const handle = async (ctx: Context) => {
    const channelId = ctx.params.channelId as string | undefined;
    const channel = channelId ? await deps.channels.byId(channelId) : await deps.channels.defaultOf('line');
    if (!channel || channel.kind !== 'line') throw notFound('LINE channel');

    const raw = ctx.request.rawBody ?? Buffer.alloc(0);
    if (!verifyLineSignature(raw, ctx.get('x-line-signature') || undefined, channel.credentials.channelSecret)) {
      throw unauthenticated('The x-line-signature header does not match the body');
    }
    const body = jsonBody(ctx) as { destination?: unknown; events?: unknown } | undefined;
    if (typeof body !== 'object' || body === null || !Array.isArray(body.events)) {
      throw new DomainError('validation_failed', 'Not a LINE webhook envelope: an object with an `events` list is expected');
    }
    const destination = typeof body.destination === 'string' && !idProblem(body.destination) ? body.destination : undefined;
    if (!channel.externalId && destination) {
      await learnExternalId(deps.knex, channel.id, destination);
    }
    const bodyHash = createHash('sha256').update(raw).digest('hex');
    const now = Date.now();
    const events = body.events.map((event, index): ArrivingEvent => {
      const checked = checkLineEvent(event, destination ?? channel.externalId ?? undefined, now);
      if (!checked.ok) return malformedEvent(event, checked.reason, `${bodyHash}:${index}`);
      const e = event as { webhookEventId?: string; type: string; timestamp: number };
      return {
        platformEventId: e.webhookEventId ?? fallbackEventId(event),
        eventType: e.type,
        occurredAt: new Date(e.timestamp),
        payload: event,
      };
    });
    // An empty `events` list is LINE's "verify" call: nothing to store.
    const result = await storeEachIfNeeded(deps, channel, events);
    ctx.state.log.debug({ channelId: channel.id, ...result, malformed: events.filter((e) => e.malformed).length }, 'line webhook stored');
    ctx.status = 200;
    ctx.body = {};
  };
  router.post('/webhooks/line', handle);
  router.post('/webhooks/line/:channelId', handle);
}

/**
 * Stores the events together; if the database still refuses the batch for what one of them holds
 * (a data error the checks did not foresee), each is stored on its own and the refused ones are
 * recorded as malformed with the database's reason. A database that is down is still a 5xx: LINE
 * redelivers, and nothing is lost.
 */
async function storeEachIfNeeded(deps: AppDeps, channel: { id: string; orgId: string }, events: ArrivingEvent[]) {
  try {
    return await deps.inbound.store(channel, events);
  } catch (err) {
    if (!isDataError(err)) throw err;
    let stored = 0;
    let duplicates = 0;
    for (const [index, e] of events.entries()) {
      if (e.malformed) {
        const r = await deps.inbound.store(channel, [e]);
        stored += r.stored;
        duplicates += r.duplicates;
        continue;
      }
      try {
        const r = await deps.inbound.store(channel, [e]);
        stored += r.stored;
        duplicates += r.duplicates;
      } catch (inner) {
        if (!isDataError(inner)) throw inner;
        const code = (inner as { code?: string }).code;
        const r = await deps.inbound.store(channel, [
          malformedEvent(e.payload, `refused by the database (SQLSTATE ${code})`, `${e.platformEventId}:${index}`),
        ]);
        stored += r.stored;
      }
    }
    return { stored, duplicates };
  }
}

/** SQLSTATE classes about the data sent (22 data exception, 23 integrity, 54 program limit), not the database's health. */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'string' && /^(22|23|54|2P)/.test(code);
}

function malformedEvent(event: unknown, reason: string, seed: string): ArrivingEvent {
  let text: string;
  try {
    text = JSON.stringify(event) ?? String(event);
  } catch {
    text = '(not printable: nested too deeply)';
  }
  const type = (event as { type?: unknown } | null)?.type;
  const id = (event as { webhookEventId?: unknown } | null)?.webhookEventId;
  return {
    // Its own id when that is usable, so a redelivery is recognised (and it can be found by it);
    // otherwise one derived from the body, stable for a redelivery of the same body.
    platformEventId: typeof id === 'string' && !idProblem(id) ? id : `malformed:${createHash('sha256').update(seed).digest('hex')}`,
    eventType: 'malformed',
    occurredAt: null,
    payload: { malformed: true, reason: storableExcerpt(reason, 500), type: typeof type === 'string' ? storableExcerpt(type, 64) : null, excerpt: storableExcerpt(text) },
    malformed: storableExcerpt(reason, 2000),
  };
}

/** Events without a webhookEventId (very old payloads) are identified by their content. */
function fallbackEventId(event: unknown): string {
  return 'sha256:' + createHash('sha256').update(JSON.stringify(event)).digest('hex');
}
