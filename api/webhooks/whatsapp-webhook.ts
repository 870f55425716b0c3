import type Router from '@koa/router';
import type { Context } from 'koa';
import { DomainError, notFound, unauthenticated } from '../../core/errors/index.ts';
import { verifyTwilioSignature } from '../../bot/whatsapp/twilio-signature.ts';
import { parseFormBody, parseTwilioWebhook } from '../../bot/whatsapp/twilio-webhook.ts';
import type { AppDeps } from '../deps.ts';

/**
 * `POST /webhooks/whatsapp` (and `/webhooks/whatsapp/:channelId`): Twilio's incoming messages and
 * status callbacks. The signature covers the public URL Twilio called and the form fields.
 */
export function mountWhatsAppWebhook(router: Router, deps: AppDeps): void {
  const handle = async (ctx: Context) => {
    const channelId = ctx.params.channelId as string | undefined;
    const channel = channelId ? await deps.channels.byId(channelId) : await deps.channels.defaultOf('whatsapp');
    if (!channel || channel.kind !== 'whatsapp') throw notFound('WhatsApp channel');

    const params = parseFormBody(ctx.request.rawBody ?? Buffer.alloc(0));
    // Koa's ctx.origin would read an Origin header, which Twilio does not send.
    const url = (deps.publicBaseUrl ?? `${ctx.protocol}://${ctx.host}`) + ctx.originalUrl;
    if (!verifyTwilioSignature(channel.credentials.authToken, ctx.get('x-twilio-signature') || undefined, url, params)) {
      throw unauthenticated('The X-Twilio-Signature header does not match this request');
    }
    let event;
    try {
      event = parseTwilioWebhook(params);
    } catch (err) {
      throw new DomainError('malformed_body', `Not a Twilio WhatsApp webhook: ${(err as Error).message}`);
    }
    await deps.inbound.store(channel, [
      { platformEventId: event.platformEventId, eventType: event.type, occurredAt: new Date(), payload: params },
    ]);
    // An empty TwiML answer: replies go out through the API, driven by the outbox.
    ctx.status = 200;
    ctx.type = 'text/xml';
    ctx.body = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>';
  };
  router.post('/webhooks/whatsapp', handle);
  router.post('/webhooks/whatsapp/:channelId', handle);
}
