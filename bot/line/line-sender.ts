import { HTTPFetchError, messagingApi } from '@line/bot-sdk';
import type { Knex } from 'knex';
import { countLinePushes } from '../../core/channels/line-push-usage.ts';
import type { Channel } from '../../core/channels/channel-directory.ts';
import { markOutcomeUnknown } from '../../core/conversations/outgoing.ts';
import { parseRetryAfter } from '../../core/http/retry-after.ts';
import { claimReplyToken, holdsReplyClaim, reclaimReplyToken, releaseReplyToken, REPLY_TOKEN_FRESH_SECONDS, settleReplyClaim } from '../../core/inbound/reply-tokens.ts';
import type { Logger } from '../../core/logger.ts';
import { ChannelSendError, type ChannelSender, type OutgoingSend } from '../channel-sender.ts';
import { chunkForLine, toLineMessages, type LineMessage } from './line-messages.ts';

/**
 * How a message goes out on LINE: the first five with the event's reply token while it is fresh and
 * unused (free, and LINE's preferred way), the rest, or all when there is no usable token, by push
 * with `X-Line-Retry-Key`. Each batch's retry key is the id of its first message, so a retried job
 * repeats the same keys and LINE delivers each batch at most once. The token is claimed in the
 * database in the send's name, so that a retry after a crash knows a reply may have gone
 * (docs/channels.md, "A reply and a crash"). A reply LINE answered 429 or 5xx did not spend the
 * token: it is released, and the retry replies with it while it is fresh. Pushes are counted
 * against LINE's monthly quota; replies are free.
 */

export { REPLY_TOKEN_FRESH_SECONDS };

type LineChannel = Extract<Channel, { kind: 'line' }>;

export function lineSender(deps: { knex: Knex; lineApiBaseUrl: string }): ChannelSender<LineChannel> {
  const { knex } = deps;
  return {
    async send(s: OutgoingSend<LineChannel>) {
      const eventId = s.replyToEventId;
      let pending = s.messages;
      // An earlier attempt of this send claimed the reply token and ended before LINE's answer was
      // recorded: while the token is fresh it is tried again.
      const claimStands = eventId !== undefined && !s.firstTry && (await holdsReplyClaim(knex, eventId, s.outboxId));
      const resumedToken = claimStands ? await reclaimReplyToken(knex, eventId, s.outboxId, REPLY_TOKEN_FRESH_SECONDS) : undefined;
      if (claimStands && !resumedToken) pending = await settleUnknownReply(knex, eventId, s.outboxId, pending, s.logger);
      if (pending.length === 0) return;
      const lineMessages = toLineMessages(pending.map((p) => p.message));
      const result = await sendOverLine({
        client: new messagingApi.MessagingApiClient({
          channelAccessToken: s.channel.credentials.channelAccessToken,
          baseURL: s.channel.settings.apiBaseUrl ?? deps.lineApiBaseUrl,
        }),
        to: s.conversation.externalId,
        pending: pending.map((p, i) => ({ id: p.id, message: lineMessages[i] })),
        replyTokenSpentByEarlierAttempt: resumedToken !== undefined,
        takeReplyToken: async () => {
          if (resumedToken) return resumedToken;
          if (eventId === undefined) return undefined;
          if (s.replyTokenClaimed) return s.replyTokenClaimed.token;
          // Claimed once, and only while fresh: a used or stale token would be refused anyway.
          return claimReplyToken(knex, eventId, s.outboxId, REPLY_TOKEN_FRESH_SECONDS);
        },
        onReplyAnswered: async (status) => {
          // LINE answered the reply with an error: nothing was delivered by this call.
          if (eventId === undefined) return;
          if (status === 429 || status >= 500) {
            // Busy or failing: the token was not spent by this call. A token of this same attempt
            // goes back for the retry to reply with while it is fresh. A token resumed from an earlier
            // attempt whose outcome is unknown keeps its claim: that attempt may have spent it, and
            // only a retry that knows so can read LINE's "invalid reply token" as "delivered then".
            if (!resumedToken) await releaseReplyToken(knex, eventId, s.outboxId);
            return;
          }
          // Refused (spent or stale token, a bad message): the claim no longer stands for an unknown outcome.
          await settleReplyClaim(knex, eventId, s.outboxId);
        },
        // Known now: a reply's claim is settled, in the same statement as its messages' "sent".
        onSent: (ids, platformIds, via) => s.recordSent(ids, platformIds, via === 'reply' ? eventId : undefined),
      });
      // Pushes count against LINE's monthly quota; replies are free (core/channels/line-push-usage.ts).
      if (result.pushed > 0) await countLinePushes(knex, s.conversation.orgId, result);
    },
  };
}

/**
 * docs/channels.md, "A reply and a crash": LINE's reply call takes no retry key, so when an earlier
 * attempt of this send claimed the reply token, its messages are still pending and the token is too
 * old to try again, nobody knows whether LINE delivered them (the process died, or the call broke,
 * around LINE's answer). They are not sent again: the batch that went with the token is marked sent
 * with `outcome_unknown_at`, which staff see (GET /api/v1/outbox/outcome-unknown), and the rest go
 * by push.
 */
async function settleUnknownReply<T extends { id: string }>(knex: Knex, eventId: number, outboxId: string, pending: T[], logger: Logger): Promise<T[]> {
  if (pending.length === 0) return pending;
  const [replyBatch] = chunkForLine(pending);
  const ids = replyBatch.map((p) => p.id);
  await knex.transaction(async (trx) => {
    await markOutcomeUnknown(trx, ids, 'reply outcome unknown: the attempt that used the reply token ended before LINE’s answer was recorded; not sent again');
    await settleReplyClaim(trx, eventId, outboxId);
  });
  logger.warn({ messages: ids.length }, 'reply outcome unknown after a crash: marked, not sent again');
  return pending.filter((p) => !ids.includes(p.id));
}

/** One send's messages to one LINE user, group or room, in batches of five. */
interface PendingLineMessage {
  /** Our message row id (a UUID, as LINE's retry keys must be). */
  id: string;
  message: LineMessage;
}

interface LineSendOptions {
  client: messagingApi.MessagingApiClient;
  /** A user, group or room id. */
  to: string;
  pending: PendingLineMessage[];
  /** Claims the reply token for this send, or says there is none worth trying. */
  takeReplyToken(): Promise<string | undefined>;
  /** LINE answered the reply with an error (its HTTP status): this call did not deliver it. */
  onReplyAnswered?(status: number): Promise<void>;
  /** Called after each accepted batch, so that a retry sends only what is left. */
  onSent(ids: string[], platformIds: (string | null)[], via: 'reply' | 'push'): Promise<void>;
  /**
   * The token comes from an earlier attempt of this same send that ended before LINE's answer was
   * known. If LINE now says it is spent, that attempt spent it: its batch was delivered then, and
   * is not pushed again.
   */
  replyTokenSpentByEarlierAttempt?: boolean;
}

/** LINE was busy or unreachable (`retryable`), or refused the messages; `status`: LINE's answer. */
export class LineSendError extends ChannelSendError {
  readonly status: number | undefined;
  constructor(message: string, retryable: boolean, status?: number, retryAfterMs?: number, recipientBlocked = false) {
    super(message, retryable, retryAfterMs, recipientBlocked);
    this.name = 'LineSendError';
    this.status = status;
  }
}

async function sendOverLine(o: LineSendOptions): Promise<{ pushed: number; pushRequests: number; replied: number }> {
  let pushed = 0;
  let pushRequests = 0;
  let replied = 0;
  const batches = chunkForLine(o.pending);
  for (const [index, batch] of batches.entries()) {
    const ids = batch.map((p) => p.id);
    const messages = batch.map((p) => p.message);
    if (index === 0) {
      const replyToken = await o.takeReplyToken();
      if (replyToken) {
        try {
          const res = await o.client.replyMessage({ replyToken, messages });
          await o.onSent(ids, sentIds(res.sentMessages, batch.length), 'reply');
          replied += batch.length;
          continue;
        } catch (err) {
          // Any answer from LINE (4xx, 5xx) says the reply was not taken; only no answer is unknown.
          if (err instanceof HTTPFetchError) await o.onReplyAnswered?.(err.status);
          // An expired or already used token: LINE says 400 "Invalid reply token"; push instead.
          if (!(err instanceof HTTPFetchError && err.status === 400 && /reply token/i.test(err.body))) throw classify(err);
          if (o.replyTokenSpentByEarlierAttempt) {
            await o.onSent(ids, batch.map(() => null), 'reply');
            replied += batch.length;
            continue;
          }
        }
      }
    }
    try {
      const res = await o.client.pushMessage({ to: o.to, messages }, batch[0].id);
      await o.onSent(ids, sentIds(res.sentMessages, batch.length), 'push');
    } catch (err) {
      // 409: this retry key was accepted before (our earlier attempt got through): delivered once.
      if (!(err instanceof HTTPFetchError && err.status === 409)) throw classify(err, o.to);
      await o.onSent(ids, batch.map(() => null), 'push');
    }
    pushed += batch.length;
    pushRequests++;
  }
  return { pushed, pushRequests, replied };
}

function sentIds(sent: { id: string }[] | undefined, n: number): (string | null)[] {
  return Array.from({ length: n }, (_, i) => sent?.[i]?.id ?? null);
}

/**
 * LINE's answer as a send error. A 403 to a push to a user (`pushedTo` a U… id) says the user
 * blocked the account or never added it: no later attempt reaches them (docs/inbox.md, "When a
 * message cannot be delivered").
 */
function classify(err: unknown, pushedTo?: string): LineSendError {
  if (err instanceof HTTPFetchError) {
    let detail = err.body;
    try {
      detail = JSON.parse(err.body).message ?? err.body;
    } catch {
      // not JSON: keep the text
    }
    const retryable = err.status === 429 || err.status >= 500;
    // A 429's Retry-After: the job's next attempt waits that long.
    const retryAfterMs = err.status === 429 ? parseRetryAfter(err.headers?.get?.('retry-after')) : undefined;
    const blocked = err.status === 403 && pushedTo?.startsWith('U') === true;
    return new LineSendError(`LINE answered ${err.status}: ${detail}`, retryable, err.status, retryAfterMs, blocked);
  }
  return new LineSendError(`LINE could not be reached: ${(err as Error).message}`, true);
}
