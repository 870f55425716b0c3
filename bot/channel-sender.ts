import type { Channel } from '../core/channels/channel-directory.ts';
import type { Logger } from '../core/logger.ts';
import type { OutboundMessage } from '../core/messaging/outbound-message.ts';

/**
 * One sender per channel kind (DESIGN.md decision 16): the outbound worker hands each send to the
 * sender of its channel's kind, and the channel's own rules (LINE's reply token and retry keys,
 * WhatsApp's 24-hour window) live in that sender, picked in channel-senders.ts.
 */
export interface OutgoingSend<C extends Channel = Channel> {
  channel: C;
  conversation: { id: string; orgId: string; externalId: string; contactId: string | null; lastInboundAt: Date | null };
  /** Still pending, in the order they are to be sent; `senderType`: `staff` for a person's answer, else a notice the product sent on its own. */
  messages: { id: string; message: OutboundMessage; senderType?: string }[];
  /** The customer's message this answers, whose reply token LINE may still take. */
  replyToEventId?: number;
  /** The send's outbox row: the name its reply claim carries, so that its retries know it. */
  outboxId: string;
  /** The first try of this send, by the job that committed it (workers/job-runner.ts `runHere`): no earlier attempt to look for. */
  firstTry?: boolean;
  /**
   * The reply token, claimed in this send's name with the read of what it sends (a first try's):
   * `token` undefined when it was used or stale. Absent when the sender is to claim it itself.
   */
  replyTokenClaimed?: { token: string | undefined };
  logger: Logger;
  /**
   * The platform took these messages: recorded at once, so that a retry sends only what is left.
   * `settlesReplyOf`: they went as the reply to this event, whose token's claim is settled with them.
   */
  recordSent(ids: string[], platformIds: (string | null)[], settlesReplyOf?: number): Promise<void>;
}

export interface ChannelSender<C extends Channel = Channel> {
  /** Sends, or throws a ChannelSendError saying whether a later attempt may succeed. */
  send(s: OutgoingSend<C>): Promise<void>;
}

/**
 * `retryable`: the platform was busy or unreachable (429, 5xx, network), so a later attempt may get
 * through; otherwise it refused the messages. `retryAfterMs`: how long its 429 asked us to wait (the
 * job's next attempt waits that long: workers/job-policy.ts `RetryAfterError`). `recipientBlocked`:
 * the customer blocked the account, so no attempt will ever reach them.
 */
export class ChannelSendError extends Error {
  readonly retryable: boolean;
  readonly retryAfterMs: number | undefined;
  readonly recipientBlocked: boolean;
  constructor(message: string, retryable: boolean, retryAfterMs?: number, recipientBlocked = false) {
    super(message);
    this.name = 'ChannelSendError';
    this.retryable = retryable;
    this.retryAfterMs = retryAfterMs;
    this.recipientBlocked = recipientBlocked;
  }
}
