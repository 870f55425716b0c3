import { HTTPFetchError, type messagingApi } from '@line/bot-sdk';
import { chunkForLine, type LineMessage } from './line-messages.ts';

/**
 * Sends stored outbound messages over LINE: the first five with the event's reply token while it
 * is fresh and unused (free, and LINE's preferred way), the rest, or all when there is no usable
 * token, by push with `X-Line-Retry-Key`. Each batch's retry key is the id of its first message,
 * so a retried job repeats the same keys and LINE delivers each batch at most once.
 */
export interface PendingLineMessage {
  /** Our message row id (a UUID, as LINE's retry keys must be). */
  id: string;
  message: LineMessage;
}

export interface LineSendOptions {
  client: messagingApi.MessagingApiClient;
  /** A user, group or room id. */
  to: string;
  pending: PendingLineMessage[];
  /** Claims the reply token for this send, or says there is none worth trying. */
  takeReplyToken(): Promise<string | undefined>;
  /** Called after each accepted batch, so that a retry sends only what is left. */
  onSent(ids: string[], platformIds: (string | null)[], via: 'reply' | 'push'): Promise<void>;
  /**
   * The token comes from an earlier attempt of this same send that ended before LINE's answer was
   * known. If LINE now says it is spent, that attempt spent it: its batch was delivered then, and
   * is not pushed again.
   */
  replyTokenSpentByEarlierAttempt?: boolean;
}

/** `retryable`: LINE was busy or unreachable (429, 5xx, network); otherwise LINE refused the messages. */
export class LineSendError extends Error {
  readonly retryable: boolean;
  readonly status: number | undefined;
  constructor(message: string, retryable: boolean, status?: number) {
    super(message);
    this.name = 'LineSendError';
    this.retryable = retryable;
    this.status = status;
  }
}

export async function sendOverLine(o: LineSendOptions): Promise<{ pushed: number; pushRequests: number; replied: number }> {
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
      if (!(err instanceof HTTPFetchError && err.status === 409)) throw classify(err);
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

function classify(err: unknown): LineSendError {
  if (err instanceof HTTPFetchError) {
    let detail = err.body;
    try {
      detail = JSON.parse(err.body).message ?? err.body;
    } catch {
      // not JSON: keep the text
    }
    const retryable = err.status === 429 || err.status >= 500;
    return new LineSendError(`LINE answered ${err.status}: ${detail}`, retryable, err.status);
  }
  return new LineSendError(`LINE could not be reached: ${(err as Error).message}`, true);
}
