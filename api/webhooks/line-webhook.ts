import type Router from '@koa/router';
import type { Context } from 'koa';
import { createHash } from 'node:crypto';
import { learnExternalId } from '../../core/channels/channel-directory.ts';
import { DomainError, notFound, unauthenticated } from '../../core/errors/index.ts';
import { verifyLineSignature } from '../../bot/line/line-signature.ts';
import { parseLineEnvelope } from '../../bot/line/line-webhook.ts';
import type { AppDeps } from '../deps.ts';
import { jsonBody } from '../middleware/body.ts';

/**
 * `POST /webhooks/line` (the default org's channel) and `/webhooks/line/:channelId`. The signature
 * is checked on the raw bytes before anything is parsed; a mismatch stores nothing. Events are
 * stored with their outbox rows and the answer is 200 at once: no classification and no outgoing
 * call happens here (DESIGN.md section 2).
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
    let envelope;
    try {
      envelope = parseLineEnvelope(jsonBody(ctx));
    } catch (err) {
      if (err instanceof DomainError) throw err;
      throw new DomainError('malformed_body', `Not a LINE webhook body: ${(err as Error).message}`);
    }
    if (!channel.externalId && envelope.destination) {
      await learnExternalId(deps.knex, channel.id, envelope.destination);
    }
    // An empty `events` list is LINE's "verify" call: nothing to store.
    const result = await deps.inbound.store(
      channel,
      envelope.events.map((event) => ({
        platformEventId: typeof event.webhookEventId === 'string' ? event.webhookEventId : fallbackEventId(event),
        eventType: String(event.type),
        occurredAt: typeof event.timestamp === 'number' ? new Date(event.timestamp) : null,
        payload: event,
      })),
    );
    ctx.state.log.debug({ channelId: channel.id, ...result }, 'line webhook stored');
    ctx.status = 200;
    ctx.body = {};
  };
  router.post('/webhooks/line', handle);
  router.post('/webhooks/line/:channelId', handle);
}

/** Events without a webhookEventId (very old payloads) are identified by their content. */
function fallbackEventId(event: unknown): string {
  return 'sha256:' + createHash('sha256').update(JSON.stringify(event)).digest('hex');
}
