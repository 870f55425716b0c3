import type { Context, Next } from 'koa';
import { notFound, unauthenticated } from '../../core/errors/index.ts';
import { SIGNATURE_HEADER as PAYMENT_SIGNATURE_HEADER } from '../../core/http/body-signature.ts';
import type { AppDeps } from '../deps.ts';
import { readBodyOnce } from './body.ts';

/**
 * The largest webhook body read: 4 MiB. A signed delivery must never be refused for its size, since
 * LINE redelivers a refused one into the same refusal until it gives up and its events are lost. LINE
 * publishes no maximum and batches events; its largest event is a text of 5,000 characters, which,
 * escaped as `\uXXXX` throughout, is about 30 KB of JSON, so 4 MiB holds well over a hundred of the
 * largest events LINE can send in one delivery. Twilio's requests are a few KB (a WhatsApp body is at
 * most 1,600 characters, with at most 10 media URLs). Until 2026-11-26 the limit was 256 KiB, and a
 * LINE batch over it was answered 413 for ever. Only a request that carries a signature header is
 * read at all (`limitsBeforeRouting`), so the larger buffer is not open to unsigned traffic.
 */
export const DEFAULT_WEBHOOK_BODY_LIMIT = 4 * 1024 * 1024;

/** The header each webhook's signature comes in; a request without it is refused unread. */
const SIGNATURE_HEADERS = { line: 'x-line-signature', whatsapp: 'x-twilio-signature', sms: 'x-twilio-signature', payments: PAYMENT_SIGNATURE_HEADER, stripe: 'stripe-signature' } as const;

// The LIFF API is limited as the public one: each of its calls asks LINE to verify a token.
const PUBLIC_PATH = /^\/(public\/v1|media|liff-api\/v1)(\/|$)/;
const WEBHOOK_PATH = /^\/webhooks\/(line|whatsapp|sms|payments|stripe)(?:\/([^/]{1,64}))?\/?$/;

/** What a wrongly signed webhook is counted against: this client address, on this channel (`channel:<id>` or `payments`). */
const failuresKey = (ip: string, channel: string) => `${ip}|${channel}`;

/**
 * Before any route runs: the public endpoints are limited per client address (the socket's,
 * or X-Forwarded-For's only with TRUST_PROXY). A webhook is first matched to its channel: an id
 * that names no active channel of that kind is answered 404 at once, before anything is counted or
 * read, so made-up paths leave no counter behind. A request without the signature header is
 * refused (401) before its body is read: nobody can make the server buffer a body it could never
 * accept; and answered 429 unread when this client has sent too many wrongly signed webhooks to the
 * channel lately, which this process knows from memory. A signed one has its body read, up to its
 * own limit (`DEFAULT_WEBHOOK_BODY_LIMIT`, 4 MiB: more than LINE sends in one delivery), even from
 * such a client: behind a proxy (no TRUST_PROXY) LINE shares its address with whoever floods, and
 * only the signature tells them apart. The route checks the signature and counts a wrong one
 * against the sender (`webhookSignatureFailed`), which answers 429 once the sender is over.
 *
 * A correctly signed delivery is never refused for load (#41): LINE redelivers only when the
 * account turned redelivery on, so a 429 in a burst loses customers' messages. Storing it is the
 * cheap part (one insert per event); what comes after is paced by the workers from the durable
 * outbox, which a burst only makes longer (docs/reliability.md, "A burst of signed deliveries").
 * Until 2026-11-26 signed deliveries had a budget per channel (`RATE_LIMIT_WEBHOOKS`, 10,000 in
 * 10 s) and were answered 429 beyond it.
 *
 * The API's own routes are limited per key once authenticated (api/middleware/api-key-auth.ts)
 * and read their body after that (api/route.ts).
 */
export function limitsBeforeRouting(deps: AppDeps) {
  const webhookLimit = deps.webhookBodyLimitBytes ?? DEFAULT_WEBHOOK_BODY_LIMIT;
  return async (ctx: Context, next: Next) => {
    const path = ctx.path;
    if (PUBLIC_PATH.test(path)) {
      await deps.limits?.consume('public', ctx.ip);
    } else if (path.startsWith('/webhooks/')) {
      // Paths of no webhook are answered 404 by the router without a body read or a counter.
      const match = ctx.method === 'POST' ? WEBHOOK_PATH.exec(path) : null;
      if (match) {
        const kind = match[1] as WebhookKind;
        const channel = await webhookChannelKey(deps, kind, match[2]);
        // Payments without a secret: the route answers 503, with nothing read.
        if (channel === null) return next();
        if (!ctx.get(SIGNATURE_HEADERS[kind])) {
          deps.limits?.refuseIfBlocked('webhookFailures', failuresKey(ctx.ip, channel));
          // Unsigned: refused as a wrong signature would be, but without reading what it sends.
          ctx.set('Connection', 'close');
          await webhookSignatureFailed(ctx, deps, channel);
          throw unauthenticated(`The ${SIGNATURE_HEADERS[kind]} header is missing`);
        }
        await readBodyOnce(ctx, webhookLimit);
      }
    }
    return next();
  };
}

/**
 * The channel a webhook path names, as the key its wrong signatures are counted under; 404 when it names no active channel of
 * that kind (`/webhooks/line` and `/webhooks/whatsapp`: the default org's). The channel directory
 * answers ids that are not UUIDs without a query, and keeps misses for 2 s.
 */
type WebhookKind = keyof typeof SIGNATURE_HEADERS;

async function webhookChannelKey(deps: AppDeps, kind: WebhookKind, channelId: string | undefined): Promise<string | null> {
  if (kind === 'payments' || kind === 'stripe') {
    if (channelId !== undefined) throw notFound('Webhook');
    return (kind === 'payments' ? deps.paymentsWebhookSecret : deps.stripeWebhookSecret) ? kind : null;
  }
  const channel = channelId !== undefined ? await deps.channels.byId(channelId) : await deps.channels.defaultOf(kind);
  if (!channel || channel.kind !== kind) throw notFound(`${{ line: 'LINE', whatsapp: 'WhatsApp', sms: 'SMS' }[kind]} channel`);
  return `channel:${channel.id}`;
}

/**
 * A webhook whose signature is wrong: counted against this client address on this channel. Past the limit (RATE_LIMIT_WEBHOOK_FAILURES) the address's next
 * requests to the channel are refused before their body is read.
 */
export async function webhookSignatureFailed(ctx: Context, deps: Pick<AppDeps, 'limits'>, channel: string): Promise<void> {
  await deps.limits?.consume('webhookFailures', failuresKey(ctx.ip, channel));
}
