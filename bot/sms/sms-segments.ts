/**
 * How many SMS an SMS is billed as (3GPP TS 23.038, as Twilio counts them). Text that only uses
 * the GSM 03.38 alphabet travels as GSM-7: 160 characters in one SMS, 153 per part once split
 * (the extension characters such as `€ [ ] { }` take two). Anything else, Thai among it, travels
 * as UCS-2: 70 UTF-16 units in one SMS, 67 per part. A Thai notice of 200 characters is 3 SMS.
 */
const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '\f^{}\\[~]|€';

export interface SmsSize {
  encoding: 'GSM-7' | 'UCS-2';
  /** Characters as the customer reads them. */
  characters: number;
  /** SMS parts it is sent (and billed) as. */
  segments: number;
}

export function smsSize(text: string): SmsSize {
  const characters = [...text].length;
  let septets = 0;
  for (const ch of text) {
    if (GSM7_BASIC.includes(ch)) septets += 1;
    else if (GSM7_EXTENSION.includes(ch)) septets += 2;
    else {
      // UTF-16 units: a character outside the BMP (an emoji) takes two.
      const units = text.length;
      return { encoding: 'UCS-2', characters, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
    }
  }
  return { encoding: 'GSM-7', characters, segments: septets <= 160 ? 1 : Math.ceil(septets / 153) };
}
