import type { Twilio } from 'twilio';
import type { OutboundMessage } from '../../core/messaging/outbound-message.ts';
import type { Language } from '../../core/vocabulary.ts';
import { toTwilioMessages, type TwilioContent } from './whatsapp-messages.ts';
import { parseRetryAfter } from '../../core/http/retry-after.ts';

/**
 * Sends stored outbound messages to WhatsApp through Twilio, one stored message at a time, so that
 * a retried job sends only the messages that did not go out. Buttons need a Content API template:
 * each layout is created once and its SID kept (per account, for the life of the process).
 */
export interface PendingWhatsAppMessage {
  id: string;
  message: OutboundMessage;
}

export interface WhatsAppSendOptions {
  client: Twilio;
  accountSid: string;
  from: string;
  to: string;
  pending: PendingWhatsAppMessage[];
  insideWindow: boolean;
  language: Language;
  /** Approved content SIDs by template key, for sends outside the 24-hour window. */
  templates: Record<string, string>;
  statusCallback?: string;
  onSent(id: string, sid: string): Promise<void>;
}

export class WhatsAppSendError extends Error {
  readonly retryable: boolean;
  /** From Twilio's 429: how long it asked us to wait (the job's next attempt waits that long). */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, retryable: boolean, retryAfterMs?: number) {
    super(message);
    this.name = 'WhatsAppSendError';
    this.retryable = retryable;
    this.retryAfterMs = retryAfterMs;
  }
}

const contentSids = new Map<string, string>();

export async function sendOverWhatsApp(o: WhatsAppSendOptions): Promise<void> {
  for (const item of o.pending) {
    let parts;
    try {
      parts = toTwilioMessages([item.message], { insideWindow: o.insideWindow, language: o.language, templates: o.templates });
    } catch (err) {
      throw new WhatsAppSendError((err as Error).message, false);
    }
    let firstSid: string | undefined;
    for (const part of parts) {
      try {
        const contentSid = part.contentSid ?? (part.content ? await ensureContent(o.client, o.accountSid, part.content) : undefined);
        const sent = await o.client.messages.create({
          from: o.from,
          to: o.to,
          ...(part.body !== undefined && !contentSid ? { body: part.body } : {}),
          ...(part.mediaUrl ? { mediaUrl: part.mediaUrl } : {}),
          ...(contentSid ? { contentSid, contentVariables: JSON.stringify(part.contentVariables ?? {}) } : {}),
          ...(o.statusCallback ? { statusCallback: o.statusCallback } : {}),
        });
        firstSid ??= sent.sid;
      } catch (err) {
        // The SDK's RestException drops the headers; its request client keeps the last response.
        throw classify(err, o.client.httpClient?.lastResponse?.headers);
      }
    }
    if (firstSid) await o.onSent(item.id, firstSid);
  }
}

async function ensureContent(client: Twilio, accountSid: string, content: TwilioContent): Promise<string> {
  const key = `${accountSid}:${content.friendlyName}`;
  const known = contentSids.get(key);
  if (known) return known;
  // The SDK's typings are camelCase; the Content API wants its wire names, which the SDK passes as given.
  const created = await client.content.v1.contents.create({
    friendly_name: content.friendlyName,
    language: content.language,
    variables: content.variables ?? {},
    types: content.types,
  } as never);
  contentSids.set(key, created.sid);
  return created.sid;
}

function classify(err: unknown, headers?: Record<string, unknown>): WhatsAppSendError {
  const status = (err as { status?: number }).status;
  const code = (err as { code?: number }).code;
  if (typeof status === 'number') {
    const retryAfter = status === 429 ? headers?.['retry-after'] : undefined;
    return new WhatsAppSendError(
      `Twilio answered ${status}${code ? ` (${code})` : ''}: ${(err as Error).message}`,
      status === 429 || status >= 500,
      typeof retryAfter === 'string' ? parseRetryAfter(retryAfter) : undefined,
    );
  }
  return new WhatsAppSendError(`Twilio could not be reached: ${(err as Error).message}`, true);
}
