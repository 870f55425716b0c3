import { randomBytes } from 'node:crypto';
import { signTwilioRequest } from '../../bot/whatsapp/twilio-signature.ts';
import { DEFAULT_TWILIO_ACCOUNT_SID, DEFAULT_TWILIO_AUTH_TOKEN, type RunningFakeTwilioApi } from '../../dev/fakes/twilio-api.ts';

/**
 * A customer on WhatsApp, as Twilio speaks for them: the business's number pointed at the fake
 * Twilio server (dev/fakes/twilio-api.ts), and their messages posted as Twilio posts them, signed.
 */
export const WHATSAPP_FROM = 'whatsapp:+6620000000';

/** A test system's settings for its WhatsApp number on the fake Twilio server. */
export const whatsAppEnv = (twilio: RunningFakeTwilioApi) => ({
  TWILIO_ACCOUNT_SID: DEFAULT_TWILIO_ACCOUNT_SID,
  TWILIO_AUTH_TOKEN: DEFAULT_TWILIO_AUTH_TOKEN,
  TWILIO_WHATSAPP_FROM: WHATSAPP_FROM,
  TWILIO_API_BASE_URL: twilio.url,
});

/** A Thai mobile number nobody else in the run has, most likely. */
export const randomPhone = () => '+6681' + String(Math.floor(Math.random() * 1e7)).padStart(7, '0');

/** A customer's message as Twilio posts it (a tapped button adds ButtonPayload and ButtonText in `extra`). */
export function whatsAppMessage(from: string, body: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    MessageSid: 'SM' + randomBytes(16).toString('hex'),
    SmsMessageSid: '',
    AccountSid: DEFAULT_TWILIO_ACCOUNT_SID,
    From: `whatsapp:${from}`,
    To: WHATSAPP_FROM,
    Body: body,
    NumMedia: '0',
    ProfileName: 'Nok',
    WaId: from.slice(1),
    ...extra,
  };
}

/**
 * Posts Twilio's form to `/webhooks/whatsapp`, signed with the account's token for `signedFor`
 * (the address Twilio was given; the system's own by default), or with `signature` as given
 * (null: none).
 */
export async function postWhatsApp(sys: { url: string | undefined }, params: Record<string, string>, opts: { signedFor?: string; signature?: string | null } = {}) {
  const url = `${sys.url}/webhooks/whatsapp`;
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' };
  const signature = opts.signature === undefined ? signTwilioRequest(DEFAULT_TWILIO_AUTH_TOKEN, opts.signedFor ?? url, params) : opts.signature;
  if (signature !== null) headers['x-twilio-signature'] = signature;
  const res = await fetch(url, { method: 'POST', headers, body: new URLSearchParams(params).toString() });
  return { status: res.status, text: await res.text() };
}
