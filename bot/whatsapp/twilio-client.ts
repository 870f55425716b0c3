import twilio from 'twilio';
import type { Twilio } from 'twilio';
import { parseRetryAfter } from '../../core/http/retry-after.ts';
import { ChannelSendError } from '../channel-sender.ts';

export interface TwilioClientOptions {
  accountSid: string;
  authToken: string;
  /**
   * Replaces https://api.twilio.com and https://content.twilio.com (TWILIO_API_BASE_URL): the
   * local fake serves both on one origin. A path prefix is kept.
   */
  apiBaseUrl?: string;
  /** Content API base when it differs from `apiBaseUrl`. */
  contentBaseUrl?: string;
  /** Request timeout in ms (the SDK's default is 30 s). */
  timeoutMs?: number;
}

/**
 * The real Twilio client. With a base URL, the SDK's own request path is kept (its axios
 * RequestClient, Basic auth, form encoding, RestException): only the domains' `baseUrl` changes.
 */
export function createTwilioClient(opts: TwilioClientOptions): Twilio {
  const client = twilio(opts.accountSid, opts.authToken, { timeout: opts.timeoutMs });
  if (opts.apiBaseUrl) {
    client.api.baseUrl = opts.apiBaseUrl;
    client.content.baseUrl = opts.contentBaseUrl ?? opts.apiBaseUrl;
    // TWILIO_EDGE / TWILIO_REGION (read by the SDK from process.env) would rewrite the host name.
    client.edge = undefined;
    client.region = undefined;
  } else if (opts.contentBaseUrl) {
    client.content.baseUrl = opts.contentBaseUrl;
  }
  return client;
}

/** Twilio was busy or unreachable (`retryable`; a 429's Retry-After kept), or refused the message (`code`: Twilio's error code). */
export class TwilioSendError extends ChannelSendError {
  readonly code: number | undefined;
  constructor(message: string, retryable: boolean, retryAfterMs?: number, code?: number, recipientBlocked = false) {
    super(message, retryable, retryAfterMs, recipientBlocked);
    this.name = 'TwilioSendError';
    this.code = code;
  }
}

/** What a failed Messages call means for the send: 429 and 5xx and no answer are tried again; any other answer is a refusal. */
export function twilioSendError(err: unknown, client: Twilio): TwilioSendError {
  const status = (err as { status?: number }).status;
  const code = (err as { code?: number }).code;
  if (typeof status === 'number') {
    // The SDK's RestException drops the headers; its request client keeps the last response.
    const retryAfter = status === 429 ? client.httpClient?.lastResponse?.headers?.['retry-after'] : undefined;
    return new TwilioSendError(
      `Twilio answered ${status}${code ? ` (${code})` : ''}: ${(err as Error).message}`,
      status === 429 || status >= 500,
      typeof retryAfter === 'string' ? parseRetryAfter(retryAfter) : undefined,
      code,
    );
  }
  return new TwilioSendError(`Twilio could not be reached: ${(err as Error).message}`, true);
}
