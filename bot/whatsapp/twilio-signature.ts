import twilio from 'twilio';

/**
 * Twilio signs the full URL it called plus the sorted form parameters (X-Twilio-Signature).
 * Behind a proxy that URL is the public one, so the caller passes PUBLIC_BASE_URL + path.
 */
export function verifyTwilioSignature(authToken: string, signature: string | undefined, url: string, params: Record<string, string>): boolean {
  if (!signature) return false;
  return twilio.validateRequest(authToken, signature, url, params);
}

/** What Twilio would send: used by tests and the chat simulator to sign their requests. */
export function signTwilioRequest(authToken: string, url: string, params: Record<string, string>): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}
