import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type { Channel } from '../core/channels/channel-directory.ts';
import { recordOptIn, recordOptOut } from '../core/contacts/channel-opt-outs.ts';
import { contactLanguage, markEmailUndeliverable, resolveContact, setFollowing } from '../core/contacts/contact-identities.ts';
import { appendMessage, appendMessageReadForRouting, markUnsent, openConversation, recordDelivery, type MessageRecord } from '../core/conversations/conversation-log.ts';
import type { IncomingMessage, IncomingReadRules } from '../core/conversations/incoming-message.ts';
import { conversationByIdOf } from '../core/conversations/email-conversations.ts';
import { queueMessages } from '../core/conversations/outgoing.ts';
import { INBOUND_QUEUE } from '../core/inbound/inbound-events.ts';
import { addToOutbox } from '../core/outbox/outbox.ts';
import { greetJoinedGroup, groupJoined, groupLeft } from '../core/staff/staff-groups.ts';
import { renderTemplate } from '../core/templates/render-template.ts';
import type { InboundEvent } from './inbound-event.ts';
import { ASK_PROFILE_AGAIN_AFTER, queueGroupNameFetch, queueProfileFetch } from './line/line-profiles.ts';

/**
 * Turns one channel-neutral event into contacts, conversations, messages and group records, in
 * the caller's transaction. Deciding what a message means (a booking, a case, a question) is the
 * router's work; this only makes sure that everything said is stored once, in order, with who said it.
 */
export const MEDIA_QUEUE = 'media';
export const FETCH_MEDIA_JOB = 'fetch-media';
/** A customer's message in a 1:1 chat, or a text in a group, for the conversation router (bot/conversation-router.ts). */
export const ROUTE_MESSAGE_JOB = 'route-message';

export interface FetchMediaPayload {
  messageId: string;
  channelId: string;
  platformMessageId: string;
  /** For media the platform gives as a URL (Twilio MediaUrl, LINE external content). */
  url?: string;
  contentType?: string;
}

export interface HandleOptions {
  /**
   * Why a media URL could only be refused (the SSRF guard's offline verdict: not http(s), http where
   * https is required, a private or loopback address); null when it may be fetched. Such media is
   * recorded on its message as refused and no fetch is queued: a job that can only fail would end
   * as a failed outbox row, which must mean something a person has to look at.
   */
  mediaUrlRefusal?: (url: string) => string | null;
  /**
   * The message is routed in this same transaction (workers/processors/inbound.ts): no route-message
   * row is needed as its fallback, since a routing that fails takes the stored message with it and
   * the caller stores it again with one. The statement that stores it also reads it as the router
   * does, with the router's rules (`incoming`): a round trip fewer.
   */
  routedHere?: IncomingReadRules;
}

export interface HandledEvent {
  conversationId?: string;
  contactId?: string;
  messageId?: string | null;
  /** The outbox row that routes the message should it not be routed at once (`ROUTE_FALLBACK_MS`). */
  routeRowId?: string;
  /** The message goes to the router (not one seen while another bot answers the chat). */
  routes?: boolean;
  /** With `routedHere`: the message as the router reads it. */
  incoming?: IncomingMessage;
}

/**
 * The job that stored a message routes it at once, in the same job (workers/processors/inbound.ts):
 * one hop fewer between a customer's message and the bot's answer (docs/benchmarks.md, "The
 * message path against its floor"). The route-message row committed with the message is the
 * fallback: held in the outbox until this long after, and marked done when the message was
 * routed, so it runs only when that job died or the routing failed. Longer than an LLM's time to
 * answer (DEFAULT_LLM_TIMEOUT_MS, 8 s), so that a slow reading is not asked for twice; a routing
 * that failed in a job that lives on is made due sooner (`ROUTE_RETRY_MS`).
 */
export const ROUTE_FALLBACK_MS = 10_000;
/** A routing that failed in the storing job (it did not die) is tried again this soon: the job backoff's first wait. */
export const ROUTE_RETRY_MS = 2_000;

export async function handleInboundEvent(
  trx: Knex.Transaction,
  channel: Channel,
  inboundEventId: number,
  event: InboundEvent,
  opts: HandleOptions = {},
): Promise<HandledEvent> {
  const orgId = channel.orgId;
  const inGroup = event.source.kind !== 'user' && event.source.chatId;

  const who = async () => {
    if (!event.source.userId) return undefined;
    const contact = await resolveContact(trx, {
      orgId,
      channelId: channel.id,
      externalId: event.source.userId,
      displayName: event.profile?.displayName,
      phone: event.profile?.phone,
      email: event.profile?.email,
      // LINE events carry no name: a job asks LINE for the profile (at most once a day per contact).
      ...(channel.kind === 'line' ? { askProfileAfter: ASK_PROFILE_AGAIN_AFTER } : {}),
    });
    if (contact.profileAsked) {
      await queueProfileFetch(trx, {
        orgId,
        channelId: channel.id,
        userId: event.source.userId,
        ...(event.source.kind === 'group' && event.source.chatId ? { groupId: event.source.chatId } : {}),
        ...(event.source.kind === 'room' && event.source.chatId ? { roomId: event.source.chatId } : {}),
      });
    }
    return contact;
  };
  const conversation = async (contactId: string | null) =>
    openConversation(trx, {
      orgId,
      channelId: channel.id,
      kind: inGroup ? 'group' : 'direct',
      externalId: inGroup ? event.source.chatId! : event.source.userId!,
      contactId: inGroup ? null : contactId,
    });

  switch (event.type) {
    case 'message':
    case 'postback': {
      if (!inGroup && !event.source.userId) return {};
      // An e-mail's reply address names its conversation: the contact is that conversation's, not the sender's address.
      const named = event.conversationId ? await conversationByIdOf(trx, { orgId, conversationId: event.conversationId }) : undefined;
      if (event.conversationId && !named) throw new Error(`the conversation ${event.conversationId} the message names is not there`);
      const contact = named ? (named.contactId ? { contactId: named.contactId, created: false } : undefined) : await who();
      const conversationId = named ? named.id : await conversation(contact?.contactId ?? null);
      const message = event.message;
      const media = (message?.media ?? []).map((m) => ({
        media: m,
        refused: m.from === 'url' ? (m.url ? (opts.mediaUrlRefusal?.(m.url) ?? null) : 'no URL given') : null,
      }));
      const refused = media.find((m) => m.refused)?.refused;
      const record: MessageRecord = {
        orgId,
        conversationId,
        direction: 'in',
        senderType: 'customer',
        kind: event.type === 'postback' ? 'postback' : (message?.kind ?? 'other'),
        text: message?.text ?? event.postback?.data ?? null,
        payload: {
          senderId: event.source.userId ?? null,
          message: message ?? null,
          postback: event.postback ?? null,
          mode: event.mode,
          ...(event.details ? { [event.channelKind]: event.details } : {}),
          // Not fetched, and why: whoever reads the message learns why it has no file.
          ...(refused ? { mediaRefused: refused } : {}),
        },
        platformMessageId: message?.id ?? `postback:${event.platformEventId}`,
        inboundEventId,
        sentAt: event.occurredAt,
        deliveryStatus: 'received',
      };
      const { id: messageId, incoming } = opts.routedHere ? await appendMessageReadForRouting(trx, record, opts.routedHere) : { id: await appendMessage(trx, record), incoming: undefined };
      if (event.undeliverable) await markEmailUndeliverable(trx, { orgId, email: event.undeliverable.address, reason: event.undeliverable.reason });
      // STOP / START on SMS: the number leaves the channel or comes back (Twilio does the same on its side).
      if (event.optOut && event.source.userId) {
        const at = { orgId, channelId: channel.id, address: event.source.userId, keyword: event.optOut.keyword };
        await (event.optOut.optedOut ? recordOptOut(trx, { ...at, how: 'sms_stop' }) : recordOptIn(trx, { ...at, how: 'sms_start' }));
      }
      // LINE deletes media after a while: fetch it now, in its own job.
      const toFetch = media.filter((m) => !m.refused).map((m) => m.media);
      if (messageId && message && toFetch.length) {
        await addToOutbox(
          trx,
          toFetch.map((media) => ({
            orgId,
            queue: MEDIA_QUEUE,
            jobName: FETCH_MEDIA_JOB,
            payload: {
              messageId,
              channelId: channel.id,
              platformMessageId: message.id,
              url: media.from === 'url' ? media.url : undefined,
              contentType: media.contentType,
            } satisfies FetchMediaPayload,
          })),
        );
      }
      // Everything said in a chat goes to the router: customers 1:1, staff and VIP customers in groups.
      let routeRowId: string | undefined;
      const routes = Boolean(messageId) && event.mode === 'active';
      if (routes && !opts.routedHere) {
        routeRowId = randomUUID();
        await addToOutbox(trx, { id: routeRowId, orgId, queue: INBOUND_QUEUE, jobName: ROUTE_MESSAGE_JOB, payload: { messageId }, availableAt: new Date(Date.now() + ROUTE_FALLBACK_MS) });
      }
      return { conversationId, contactId: contact?.contactId, messageId, routeRowId, routes, ...(incoming ? { incoming } : {}) };
    }

    case 'follow': {
      const contact = await who();
      if (!contact) return {};
      await setFollowing(trx, channel.id, event.source.userId!, true);
      const conversationId = await conversation(contact.contactId);
      if (event.mode === 'active') await greet(trx, { orgId, conversationId, contactId: contact.contactId, inboundEventId });
      return { conversationId, contactId: contact.contactId };
    }

    case 'unfollow':
      if (event.source.userId) await setFollowing(trx, channel.id, event.source.userId, false);
      return {};

    case 'join':
      if (inGroup) {
        await groupJoined(trx, { orgId, channelId: channel.id, groupId: event.source.chatId!, at: event.occurredAt });
        if (channel.kind === 'line' && event.source.kind === 'group') await queueGroupNameFetch(trx, { orgId, channelId: channel.id, groupId: event.source.chatId! });
        if (event.mode === 'active') await greetJoinedGroup(trx, { orgId, channelId: channel.id, groupId: event.source.chatId!, inboundEventId });
      }
      return {};

    case 'leave':
      if (inGroup) await groupLeft(trx, { orgId, channelId: channel.id, groupId: event.source.chatId!, at: event.occurredAt });
      return {};

    case 'unsend':
      if (event.unsentMessageId) await markUnsent(trx, channel.id, event.unsentMessageId);
      return {};

    case 'delivery_status':
      if (event.delivery) {
        await recordDelivery(trx, channel.id, event.delivery.messageId, event.delivery.status, event.delivery.errorCode);
      }
      return {};

    // member_joined / member_left matter once staff are enrolled; unknown types stay stored raw.
    default:
      return {};
  }
}

/** A new friend gets the org's welcome, in the contact's language, with the event's reply token. */
async function greet(
  trx: Knex.Transaction,
  g: { orgId: string; conversationId: string; contactId: string; inboundEventId: number },
): Promise<void> {
  const text = await renderTemplate(trx, g.orgId, 'greeting_follow', await contactLanguage(trx, g.contactId));
  if (!text) return;
  await queueMessages(trx, {
    orgId: g.orgId,
    conversationId: g.conversationId,
    messages: [{ kind: 'text', text }],
    senderType: 'bot',
    replyToEventId: g.inboundEventId,
  });
}
