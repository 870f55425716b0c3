import { describe, expect, it } from 'vitest';
import { splitSms, SMS_MAX_CHARACTERS } from './sms-sender.ts';
import { parseSmsWebhook, smsKeyword } from './sms-webhook.ts';

const form = (body: string) => ({ MessageSid: 'SM' + 'a'.repeat(32), From: '+66811111111', To: '+6621234567', Body: body, NumMedia: '0' });

describe("Twilio's SMS keywords", () => {
  it('reads the whole message, in any case and spacing, as Twilio does', () => {
    for (const said of ['STOP', 'stop', ' Stop ', 'STOPALL', 'stop  all', 'UNSUBSCRIBE', 'cancel', 'End', 'QUIT', 'optout', 'revoke']) expect(smsKeyword(said)?.optedOut, said).toBe(true);
    for (const said of ['START', 'yes', 'Unstop']) expect(smsKeyword(said)?.optedOut, said).toBe(false);
    expect(smsKeyword(' stop  all ')).toEqual({ optedOut: true, keyword: 'STOP ALL' });
    // A sentence with the word in it is a message, not a keyword.
    for (const said of ['please stop calling', 'STOP!', 'yes please', 'หยุด', '', undefined]) expect(smsKeyword(said), String(said)).toBeUndefined();
  });

  it('an SMS carries the keyword and the sender as a phone number; a status callback carries neither', () => {
    const stop = parseSmsWebhook(form('Stop'));
    expect(stop).toMatchObject({ channelKind: 'sms', type: 'message', optOut: { optedOut: true, keyword: 'STOP' }, profile: { phone: '+66811111111' }, source: { userId: '+66811111111' } });
    expect(parseSmsWebhook(form('hello')).optOut).toBeUndefined();
    const status = parseSmsWebhook({ MessageSid: 'SM' + 'b'.repeat(32), MessageStatus: 'delivered', From: '+6621234567', To: '+66811111111' });
    expect(status).toMatchObject({ type: 'delivery_status', delivery: { status: 'delivered' } });
    expect(status.optOut).toBeUndefined();
  });
});

describe('an SMS over 1,600 characters', () => {
  it('goes as several bodies of at most 1,600, cut at a line end where there is one', () => {
    expect(splitSms('สวัสดีค่ะ')).toEqual(['สวัสดีค่ะ']);
    const lines = Array.from({ length: 60 }, (_, i) => `บรรทัดที่ ${i} ของใบเสนอราคา`).join('\n');
    const parts = splitSms(lines);
    expect(parts.length).toBeGreaterThan(1);
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(SMS_MAX_CHARACTERS);
    expect(parts.join('\n')).toBe(lines);
    // No line end or space to cut at: cut at the limit.
    const solid = 'ก'.repeat(SMS_MAX_CHARACTERS + 10);
    expect(splitSms(solid).map((p) => [...p].length)).toEqual([SMS_MAX_CHARACTERS, 10]);
  });
});
