import type Router from '@koa/router';
import type { Context } from 'koa';
import { createHash } from 'node:crypto';
import { DomainError, notFound, unauthenticated } from '../../core/errors/index.ts';
import { deliveryRefused } from '../../core/orgs/org-gates.ts';
import { storableExcerpt } from '../../core/inbound/event-checks.ts';
import type { InboundEvent } from '../../bot/inbound-event.ts';
import { parseSmsWebhook } from '../../bot/sms/sms-webhook.ts';
import { verifyTwilioSignature } from '../../bot/whatsapp/twilio-signature.ts';
import { parseFormBody, parseTwilioWebhook, twilioParamsProblem, type TwilioChannelKind } from '../../bot/whatsapp/twilio-webhook.ts';
import type { AppDeps } from '../deps.ts';
import { webhookSignatureFailed } from '../middleware/rate-limit.ts';

/**
 * Twilio's incoming messages and status callbacks, for WhatsApp (`POST /webhooks/whatsapp`, and
 * `/webhooks/whatsapp/:channelId`) and SMS (`POST /webhooks/sms/:channelId`). The signature covers
 * the public URL Twilio called and the form fields.
 *
 * One request is one event. A signed request that is not a messaging webhook at all (no MessageSid
 * or From) is refused with a 400 and stores nothing; one that is, but carries what cannot be stored
 * (a NUL character, an oversized sid, an unpaired surrogate) is recorded as malformed, with its
 * reason, and answered 200: never a 5xx for what Twilio signed.
 */
/**
 * An empty TwiML answer: replies go out through the API, driven by the outbox (and Twilio itself
 * answers STOP and START on SMS).
 */
function answerEmpty(ctx: Context): void {
  ctx.status = 200;
  ctx.type = 'text/xml';
  ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
}

const KINDS: Record<TwilioChannelKind, { name: string; parse: (params: Record<string, string>) => InboundEvent }> = {
  whatsapp: { name: 'WhatsApp', parse: (params) => parseTwilioWebhook(params) },
  sms: { name: 'SMS', parse: (params) => parseSmsWebhook(params) },
};

function twilioWebhook(deps: AppDeps, kind: TwilioChannelKind) {
  const { name, parse } = KINDS[kind];
  return async (ctx: Context) => {
    const channelId = ctx.params.channelId as string | undefined;
    const channel = channelId ? await deps.channels.byId(channelId) : await deps.channels.defaultOf(kind);
    if (!channel || channel.kind !== kind) throw notFound(`${name} channel`);

    const raw = ctx.request.rawBody ?? Buffer.alloc(0);
    const params = parseFormBody(raw);
    // Koa's ctx.origin would read an Origin header, which Twilio does not send.
    const url = (deps.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`) + ctx.originalUrl;
    const channelKey = `channel:${channel.id}`;
    if (!verifyTwilioSignature(channel.credentials.authToken, ctx.get('x-twilio-signature') || undefined, url, params)) {
      await webhookSignatureFailed(ctx, deps, channelKey);
      throw unauthenticated('The X-Twilio-Signature header does not match this request');
    }
    // A suspended business takes nothing in: Twilio is answered, the delivery only counted.
    if (await deliveryRefused(deps.knex, channel.orgId)) return answerEmpty(ctx);
    if (!(params.MessageSid || params.SmsMessageSid) || !params.From) {
      throw new DomainError('malformed_body', `Not a Twilio ${name} webhook: missing MessageSid or From`);
    }
    let problem = twilioParamsProblem(params, kind);
    let event;
    if (!problem) {
      try {
        event = parse(params);
      } catch (err) {
        problem = (err as Error).message;
      }
    }
    if (event) {
      await deps.inbound.store(channel, [
        { platformEventId: event.platformEventId, eventType: event.type, occurredAt: new Date(), payload: params },
      ]);
    } else {
      const reason = problem ?? 'unreadable';
      await deps.inbound.store(channel, [
        {
          platformEventId: `malformed:${createHash('sha256').update(raw).digest('hex')}`,
          eventType: 'malformed',
          occurredAt: null,
          payload: { malformed: true, reason: storableExcerpt(reason, 500), excerpt: storableExcerpt(raw.toString('utf8')) },
          malformed: storableExcerpt(reason, 2000),
        },
      ]);
    }
    answerEmpty(ctx);
  };
}

export function mountTwilioWebhooks(router: Router, deps: AppDeps): void {
  router.post('/webhooks/whatsapp', twilioWebhook(deps, 'whatsapp'));
  router.post('/webhooks/whatsapp/:channelId', twilioWebhook(deps, 'whatsapp'));
  // SMS numbers are added through the API only, so each is addressed by its id.
  router.post('/webhooks/sms/:channelId', twilioWebhook(deps, 'sms'));
}
