import twilio from 'twilio';
import type { Twilio } from 'twilio';

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
