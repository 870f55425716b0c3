import type { InboundEvent } from '../inbound-event.ts';
import { parseTwilioWebhook } from '../whatsapp/twilio-webhook.ts';

/**
 * Twilio's SMS webhooks: the same form and status callbacks as WhatsApp's
 * (bot/whatsapp/twilio-webhook.ts), plus the opt-out keywords every SMS sender in Twilio honours.
 * Twilio itself answers them and, after a STOP, refuses our sends to that number (21610); we
 * record them too, so the desk knows and does not try (https://help.twilio.com/articles/223134027).
 */

/** Twilio's standard opt-out and opt-in keywords: the whole message, any case, spaces around it. */
export const SMS_OPT_OUT_KEYWORDS = ['STOP', 'STOPALL', 'STOP ALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'OPTOUT', 'REVOKE'] as const;
export const SMS_OPT_IN_KEYWORDS = ['START', 'YES', 'UNSTOP'] as const;

/** Whether a text is an opt-out or opt-in keyword, and which. */
export function smsKeyword(text: string | undefined): { optedOut: boolean; keyword: string } | undefined {
  const said = (text ?? '').trim().replace(/\s+/g, ' ').toUpperCase();
  if ((SMS_OPT_OUT_KEYWORDS as readonly string[]).includes(said)) return { optedOut: true, keyword: said };
  if ((SMS_OPT_IN_KEYWORDS as readonly string[]).includes(said)) return { optedOut: false, keyword: said };
  return undefined;
}

export function parseSmsWebhook(params: Record<string, string>, now: Date = new Date()): InboundEvent {
  const event = parseTwilioWebhook(params, now, 'sms');
  if (event.type !== 'message') return event;
  // The sender's number is who they are: it joins the contact that already has it (a website lead).
  const withPhone = { ...event, profile: { ...event.profile, phone: event.source.userId } };
  const optOut = smsKeyword(event.message?.text);
  return optOut ? { ...withPhone, optOut } : withPhone;
}
