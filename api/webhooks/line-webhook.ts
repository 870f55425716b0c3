import type Router from '@koa/router';
import type { Context } from 'koa';
import { createHash } from 'node:crypto';
import { learnExternalId, type Channel } from '../../core/channels/channel-directory.ts';
import { countUnknownDestination } from '../../core/channels/unknown-destinations.ts';
import { notFound, unauthenticated } from '../../core/errors/index.ts';
import { deliveryRefused } from '../../core/orgs/org-gates.ts';
import { idProblem, storableExcerpt } from '../../core/inbound/event-checks.ts';
import type { ArrivingEvent } from '../../core/inbound/inbound-events.ts';
import { verifyLineSignature } from '../../bot/line/line-signature.ts';
import { checkLineEvent } from '../../bot/line/line-webhook.ts';
import type { AppDeps } from '../deps.ts';
import { webhookSignatureFailed } from '../middleware/rate-limit.ts';

/**
 * `POST /webhooks/line` (shared: the channel is found by LINE's `destination`, else the default
 * org's) and `/webhooks/line/:channelId`. The signature
 * is checked on the raw bytes before anything is parsed; a mismatch stores nothing. Events are
 * stored with their outbox rows and the answer is 200 at once: no classification and no outgoing
 * call happens here (DESIGN.md section 2).
 *
 * Each event is checked on its own (bot/line/line-webhook.ts `checkLineEvent`): a well-formed one
 * is stored for work, a malformed one is recorded as such (its reason in `inbound_events.error`,
 * nothing queued), and a correctly signed body is answered 200 whatever it holds, so LINE does not
 * redeliver it for ever. That includes a body that is not a LINE webhook at all (empty, not JSON,
 * no `events` list): it is recorded the same way, as one malformed record with its reason and the
 * start of the body, once however often it is redelivered. Only a wrong or missing signature is
 * refused (401), and nothing of it is stored.
 *
 * Rate limits (api/middleware/rate-limit.ts): the channel was found and the body read before this
 * runs; a wrongly signed request counts against its sender's address, and a signed one is never
 * refused for load (#41).
 */
export function mountLineWebhook(router: Router, deps: AppDeps): void {
  const handle = async (ctx: Context) => {
    const channelId = ctx.params.channelId as string | undefined;
    const raw = ctx.request.rawBody ?? Buffer.alloc(0);
    const door = channelId ? { channel: await deps.channels.byId(channelId) } : await sharedDoorChannel(deps, raw, ctx.get('x-line-signature') || undefined);
    if ('unknownDestination' in door) {
      await countUnknownDestination(deps.knex, door.unknownDestination);
      ctx.state.log.warn({ destination: door.unknownDestination }, 'line webhook for a bot no channel here has; answered, not stored');
      ctx.status = 200;
      ctx.body = {};
      return;
    }
    const channel = door.channel;
    if (!channel || channel.kind !== 'line') throw notFound('LINE channel');

    const channelKey = `channel:${channel.id}`;
    if (!verifyLineSignature(raw, ctx.get('x-line-signature') || undefined, channel.credentials.channelSecret)) {
      await webhookSignatureFailed(ctx, deps, channelKey);
      throw unauthenticated('The x-line-signature header does not match the body');
    }
    // A suspended business takes nothing in: LINE is answered, the delivery only counted.
    if (await deliveryRefused(deps.knex, channel.orgId)) {
      ctx.state.log.info({ channelId: channel.id, orgId: channel.orgId }, 'line webhook for an org that is not active; answered, not stored');
      ctx.status = 200;
      ctx.body = {};
      return;
    }
    const bodyHash = createHash('sha256').update(raw).digest('hex');
    const { body, problem } = parseEnvelope(raw);
    if (problem !== undefined) {
      // Signed by LINE (or by whoever holds the channel secret), but nothing in it can be worked on:
      // recorded, answered 200 so that it is not redelivered for ever.
      const result = await deps.inbound.store(channel, [malformedEvent(raw.toString('utf8'), problem, `${bodyHash}:body`, { excerptOf: 'text' })]);
      ctx.state.log.warn({ channelId: channel.id, reason: problem, bytes: raw.length, ...result }, 'line webhook body is not a LINE webhook; recorded as malformed');
      ctx.status = 200;
      ctx.body = {};
      return;
    }
    const destination = typeof body.destination === 'string' && !idProblem(body.destination) ? body.destination : undefined;
    if (!channel.externalId && destination) {
      // Forgotten so that the shared address knows this bot as this channel's from the next delivery.
      if (await learnExternalId(deps.knex, channel.id, destination)) deps.channels.forget();
    }
    const now = Date.now();
    const events = body.events.map((event, index): ArrivingEvent => {
      const checked = checkLineEvent(event, destination ?? channel.externalId ?? undefined, now);
      if (!checked.ok) return malformedEvent(event, checked.reason, `${bodyHash}:${index}`);
      // Storable, but a known type without its documented fields: no worker could read it, so it is
      // recorded now rather than queued to fail there (a failed row must mean a person's work).
      if (checked.schemaProblem) return malformedEvent(event, checked.schemaProblem, `${bodyHash}:${index}`);
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
 * The channel the shared `/webhooks/line` serves for this delivery: the one whose bot LINE names
 * in `destination` (its signature is then checked with that channel's secret, so a body signed
 * with another business's secret is a 401). A destination no channel holds is still the default
 * business's when it has not learned its bot's id yet, or when the body is signed with its secret
 * (the signature is the proof); otherwise it is unknown: answered 200 and only counted. The
 * destination is read before the signature is checked only to choose whose secret checks it.
 */
async function sharedDoorChannel(deps: AppDeps, raw: Buffer, signature: string | undefined): Promise<{ channel: Channel | undefined } | { unknownDestination: string }> {
  const destination = destinationOf(raw);
  const named = destination ? await deps.channels.lineByDestination(destination) : undefined;
  if (named) return { channel: named };
  const fallback = await deps.channels.defaultOf('line');
  if (!destination || (fallback && fallback.kind === 'line' && (!fallback.externalId || verifyLineSignature(raw, signature, fallback.credentials.channelSecret)))) {
    return { channel: fallback };
  }
  return { unknownDestination: destination };
}

/** The envelope's `destination`, when the body is a JSON object with a usable one. */
function destinationOf(raw: Buffer): string | undefined {
  if (raw.length === 0) return undefined;
  try {
    const d = (JSON.parse(raw.toString('utf8')) as { destination?: unknown } | null)?.destination;
    return typeof d === 'string' && !idProblem(d) ? d : undefined;
  } catch {
    return undefined;
  }
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

/**
 * The body as a LINE webhook envelope, or why it is not one: anything JSON.parse throws is a reason
 * to record, not a 500.
 */
function parseEnvelope(raw: Buffer): { body: { destination?: unknown; events: unknown[] }; problem?: undefined } | { body?: undefined; problem: string } {
  if (raw.length === 0) return { problem: 'the body is empty: a LINE webhook envelope is expected' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch (err) {
    return { problem: `the body is not JSON (${err instanceof Error ? err.message : 'unreadable'})` };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    return { problem: 'not a LINE webhook envelope: an object with an `events` list is expected' };
  }
  const events = (parsed as { events?: unknown }).events;
  if (!Array.isArray(events)) return { problem: 'not a LINE webhook envelope: it has no `events` list' };
  return { body: parsed as { destination?: unknown; events: unknown[] } };
}

function malformedEvent(event: unknown, reason: string, seed: string, o: { excerptOf?: 'json' | 'text' } = {}): ArrivingEvent {
  let text: string;
  if (o.excerptOf === 'text' && typeof event === 'string') {
    text = event;
  } else {
    try {
      text = JSON.stringify(event) ?? String(event);
    } catch {
      text = '(not printable: nested too deeply)';
    }
  }
  const type = o.excerptOf === 'text' ? undefined : (event as { type?: unknown } | null)?.type;
  const id = o.excerptOf === 'text' ? undefined : (event as { webhookEventId?: unknown } | null)?.webhookEventId;
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
