import { describe, expect, it } from 'vitest';
import type { Action, Card, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { OutsideWindowError, WhatsAppLimitError, toTwilioMessages, type TwilioOutbound } from './whatsapp-messages.ts';

const inside = { insideWindow: true, language: 'en' } as const;
const postback = (i: number, label = `Option ${i}`): Action => ({ type: 'postback', label, data: `v1.act=pick.n=${i}.sig=ff` });
const withActions = (n: number): OutboundMessage => ({ kind: 'text', text: 'Which one?', quickReplies: Array.from({ length: n }, (_, i) => postback(i + 1)) });

/** The body as WhatsApp will show it: the content's body with the variables filled in. */
function rendered(msg: TwilioOutbound, type: string): Record<string, any> {
  const fill = (s: string) => s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => msg.contentVariables![k]);
  return JSON.parse(JSON.stringify(msg.content!.types[type]), (_, v) => (typeof v === 'string' ? fill(v) : v));
}

describe('text and media', () => {
  it('sends text as the body', () => {
    expect(toTwilioMessages([{ kind: 'text', text: 'สวัสดีค่ะ' }], inside)).toEqual([{ body: 'สวัสดีค่ะ' }]);
  });

  it('cuts a long Thai body to 1600 between graphemes', () => {
    const [msg] = toTwilioMessages([{ kind: 'text', text: 'ที่'.repeat(600) }], inside);
    expect(msg.body!.length).toBeLessThanOrEqual(1600);
    expect(msg.body!.endsWith('…')).toBe(true);
    expect(msg.body!.slice(0, -1)).toBe('ที่'.repeat((msg.body!.length - 1) / 3));
  });

  it('sends an image as mediaUrl', () => {
    expect(toTwilioMessages([{ kind: 'image', url: 'https://cdn.example.com/slip.jpg' }], inside)).toEqual([{ mediaUrl: ['https://cdn.example.com/slip.jpg'] }]);
  });

  it('refuses an empty text', () => {
    expect(() => toTwilioMessages([{ kind: 'text', text: ' ' }], inside)).toThrow(WhatsAppLimitError);
  });
});

describe('buttons', () => {
  it('sends 2 actions as a twilio/quick-reply with 2 buttons', () => {
    const [msg] = toTwilioMessages([withActions(2)], inside);
    expect(msg.body).toBeUndefined();
    expect(Object.keys(msg.content!.types)).toEqual(['twilio/quick-reply']);
    expect(rendered(msg, 'twilio/quick-reply')).toEqual({
      body: 'Which one?',
      actions: [
        { type: 'QUICK_REPLY', title: 'Option 1', id: 'v1.act=pick.n=1.sig=ff' },
        { type: 'QUICK_REPLY', title: 'Option 2', id: 'v1.act=pick.n=2.sig=ff' },
      ],
    });
    expect(msg.content!.language).toBe('en');
  });

  it('uses the message text as the id of a message action and cuts titles to 20', () => {
    const [msg] = toTwilioMessages(
      [{ kind: 'text', text: 'ต้องการให้ช่วยอะไรคะ', quickReplies: [{ type: 'message', label: 'ติดต่อเจ้าหน้าที่โดยตรงตอนนี้เลย', text: 'ขอคุยกับเจ้าหน้าที่' }] }],
      inside,
    );
    const [button] = rendered(msg, 'twilio/quick-reply').actions;
    expect(button.id).toBe('ขอคุยกับเจ้าหน้าที่');
    expect(button.title.length).toBeLessThanOrEqual(20);
    expect(button.title.endsWith('…')).toBe(true);
    expect('ติดต่อเจ้าหน้าที่โดยตรงตอนนี้เลย'.startsWith(button.title.slice(0, -1))).toBe(true);
  });

  it('sends 5 actions as a twilio/list-picker', () => {
    const [msg] = toTwilioMessages([withActions(5)], inside);
    const list = rendered(msg, 'twilio/list-picker');
    expect(list.body).toBe('Which one?');
    expect(list.button).toBe('See options');
    expect(list.items).toHaveLength(5);
    expect(list.items[4]).toEqual({ item: 'Option 5', id: 'v1.act=pick.n=5.sig=ff' });
  });

  it('keeps the first 10 of 12 actions', () => {
    const [msg] = toTwilioMessages([withActions(12)], inside);
    const items = rendered(msg, 'twilio/list-picker').items;
    expect(items).toHaveLength(10);
    expect(items.map((i: { item: string }) => i.item)).toEqual(Array.from({ length: 10 }, (_, i) => `Option ${i + 1}`));
  });

  it('cuts list items to 24 and shows the whole label as the description', () => {
    const label = 'Refund to my original payment method';
    const [msg] = toTwilioMessages([{ kind: 'text', text: 'How?', quickReplies: [1, 2, 3].map((i) => postback(i)).concat(postback(4, label)) }], inside);
    const item = rendered(msg, 'twilio/list-picker').items[3];
    expect(item.item).toBe('Refund to my original…');
    expect(item.description).toBe(label);
  });

  it('refuses postback data longer than a WhatsApp id (200)', () => {
    const run = () => toTwilioMessages([{ kind: 'text', text: 'Go?', quickReplies: [{ type: 'postback', label: 'Go', data: 'x'.repeat(201) }] }], inside);
    expect(run).toThrow(WhatsAppLimitError);
    expect(run).toThrow(/201 characters/);
  });

  it('asks for a typed date instead of a picker', () => {
    const out = toTwilioMessages(
      [{ kind: 'text', text: 'When would you like to come?', quickReplies: [{ type: 'datetime', label: 'Pick a date', data: 'v1.book=7', mode: 'date', min: '2026-12-01' }] }],
      inside,
    );
    // As people write a date, never "YYYY-MM-DD" or "2026-11-25".
    expect(out).toEqual([{ body: 'When would you like to come?\n\n📅 Pick a date: please reply with a date, e.g. tomorrow' }]);
    const picked = toTwilioMessages([{ kind: 'text', text: 'ต้องการจองวันไหนคะ?', quickReplies: [{ type: 'datetime', label: 'เลือกวันที่', data: 'd', mode: 'date', initial: '2026-11-25', min: '2026-11-25' }] }], { insideWindow: true, language: 'th' });
    expect(picked).toEqual([{ body: 'ต้องการจองวันไหนคะ?\n\n📅 เลือกวันที่: พิมพ์วันที่ตอบกลับได้เลยค่ะ เช่น 25 พ.ย.' }]);
    const th = toTwilioMessages([{ kind: 'text', text: 'สะดวกเวลาไหนคะ', quickReplies: [{ type: 'datetime', label: 'เลือกเวลา', data: 'd', mode: 'time', initial: '14:30' }] }], {
      insideWindow: true,
    });
    expect(th[0].body).toBe('สะดวกเวลาไหนคะ\n\n🕒 เลือกเวลา: พิมพ์เวลาตอบกลับได้เลยค่ะ เช่น 14:30');
  });

  it('puts URI actions as plain links next to the buttons', () => {
    const [msg] = toTwilioMessages(
      [{ kind: 'text', text: 'Your case is open.', quickReplies: [{ type: 'uri', label: 'Track', uri: 'https://t.example.com/C-1' }, postback(1, 'Thanks')] }],
      inside,
    );
    expect(rendered(msg, 'twilio/quick-reply').body).toBe('Your case is open.\n\n🔗 Track: https://t.example.com/C-1');
  });

  it('sends an image with buttons as the image, then the buttons under a prompt', () => {
    const out = toTwilioMessages([{ kind: 'image', url: 'https://cdn.example.com/menu.jpg', quickReplies: [postback(1)] }], inside);
    expect(out[0]).toEqual({ mediaUrl: ['https://cdn.example.com/menu.jpg'] });
    expect(rendered(out[1], 'twilio/quick-reply').body).toBe('Please choose:');
  });

  it('sends a text too long for a button body first, then the buttons', () => {
    const text = 'ข้อมูลเพิ่มเติม '.repeat(100);
    const out = toTwilioMessages([{ kind: 'text', text, quickReplies: [postback(1)] }], { insideWindow: true });
    expect(out).toHaveLength(2);
    expect(out[0].body).toBe(text);
    expect(rendered(out[1], 'twilio/quick-reply').body).toBe('กรุณาเลือกค่ะ');
  });
});

describe('cards', () => {
  const card: Card = {
    altText: 'Case C-1042',
    title: 'Top-up not credited',
    subtitle: 'C-1042 · critical',
    tone: 'critical',
    fields: [
      { label: 'Amount', value: '฿500.00' },
      { label: 'Wallet', value: 'TrueMoney' },
    ],
    body: 'Paid at 09:41.\nStill the old balance.',
    actions: [postback(1, 'Take'), postback(2, 'Ask for slip')],
  };

  it('renders WhatsApp text with the card actions as buttons', () => {
    const [msg] = toTwilioMessages([{ kind: 'card', card }], inside);
    const qr = rendered(msg, 'twilio/quick-reply');
    expect(qr.body).toBe('*Top-up not credited*\nC-1042 · critical\n\nAmount: ฿500.00\nWallet: TrueMoney\n\nPaid at 09:41.\nStill the old balance.');
    expect(qr.actions.map((a: { title: string }) => a.title)).toEqual(['Take', 'Ask for slip']);
  });

  it('keeps newlines out of variables (Twilio error 21656): one variable per line', () => {
    const [msg] = toTwilioMessages([{ kind: 'card', card }], inside);
    expect(Object.values(msg.contentVariables!).every((v) => v.length > 0 && !/[\n\t]| {5}/.test(v))).toBe(true);
    expect((msg.content!.types['twilio/quick-reply'] as { body: string }).body).toBe('{{1}}\n{{2}}\n\n{{3}}\n{{4}}\n\n{{5}}\n{{6}}');
  });

  it('sends a card without actions as plain text', () => {
    expect(toTwilioMessages([{ kind: 'card', card: { ...card, actions: [], body: undefined, subtitle: undefined } }], inside)).toEqual([
      { body: '*Top-up not credited*\n\nAmount: ฿500.00\nWallet: TrueMoney' },
    ]);
  });
});

describe('content names', () => {
  it('gives the same definition and name for the same input', () => {
    const a = toTwilioMessages([withActions(2)], inside)[0].content;
    const b = toTwilioMessages([withActions(2)], inside)[0].content;
    expect(a).toEqual(b);
    expect(a!.friendlyName).toMatch(/^opsdesk_quick_reply_en_[0-9a-f]{12}$/);
  });

  it('reuses one content for messages of the same shape, whatever their words and ids', () => {
    const a = toTwilioMessages([{ kind: 'text', text: 'Case C-1', quickReplies: [postback(1, 'Take')] }], inside)[0];
    const b = toTwilioMessages([{ kind: 'text', text: 'Case C-2', quickReplies: [postback(9, 'Close')] }], inside)[0];
    expect(a.content).toEqual(b.content);
    expect(a.contentVariables).not.toEqual(b.contentVariables);
  });

  it('names different shapes and languages differently', () => {
    const names = [
      toTwilioMessages([withActions(2)], inside)[0].content!.friendlyName,
      toTwilioMessages([withActions(3)], inside)[0].content!.friendlyName,
      toTwilioMessages([withActions(5)], inside)[0].content!.friendlyName,
      toTwilioMessages([withActions(2)], { insideWindow: true, language: 'th' })[0].content!.friendlyName,
    ];
    expect(new Set(names).size).toBe(4);
  });
});

describe('outside the 24-hour window', () => {
  it('sends the approved reopening template instead of the batch', () => {
    const out = toTwilioMessages([withActions(2), { kind: 'text', text: 'More' }], {
      insideWindow: false,
      templates: { reopen_conversation: 'HX0123456789abcdef0123456789abcdef' },
    });
    expect(out).toEqual([{ contentSid: 'HX0123456789abcdef0123456789abcdef' }]);
  });

  it('uses the template key and variables the caller names', () => {
    const out = toTwilioMessages([{ kind: 'text', text: 'resolved' }], {
      insideWindow: false,
      templates: { case_resolved: 'HXaaa' },
      reopen: { templateKey: 'case_resolved', variables: { '1': 'C-1042' } },
    });
    expect(out).toEqual([{ contentSid: 'HXaaa', contentVariables: { '1': 'C-1042' } }]);
  });

  it('throws OutsideWindowError naming the key when no approved template is configured', () => {
    let error: unknown;
    try {
      toTwilioMessages([{ kind: 'text', text: 'hello' }], { insideWindow: false, language: 'th' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutsideWindowError);
    expect(error).toMatchObject({ templateKey: 'reopen_conversation', language: 'th' });
  });
});
