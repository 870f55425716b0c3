import { describe, expect, it } from 'vitest';
import type { messagingApi } from '@line/bot-sdk';
import type { Action, Card, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { CARD_PALETTE, LineLimitError, chunkForLine, flexSizeOk, toLineAction, toLineMessages } from './line-messages.ts';

const graphemes = (s: string) => [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(s)].map((g) => g.segment);

const postback = (i: number): Action => ({ type: 'postback', label: `Option ${i}`, data: `act=pick&n=${i}` });

const topUpCard: Card = {
  altText: 'เคส C-1042: เติมเงินแล้วยอดไม่เข้า (ด่วนมาก)',
  title: 'เติมเงินแล้วยอดไม่เข้า',
  subtitle: 'C-1042 · TrueMoney Wallet',
  tone: 'critical',
  fields: [
    { label: 'ลูกค้า', value: 'คุณสมชาย ใจดี' },
    { label: 'ยอด', value: '฿500.00' },
    { label: 'SLA', value: 'เหลือ 12 นาที' },
  ],
  body: 'Customer paid at 09:41 via TrueMoney; wallet still shows the old balance.',
  actions: [
    { type: 'postback', label: 'รับเรื่อง', data: 'v1.case=C-1042.act=take.sig=abc', displayText: 'รับเรื่อง C-1042' },
    { type: 'message', label: 'ขอสลิป', text: 'ขอสลิปการชำระเงินด้วยค่ะ' },
    { type: 'datetime', label: 'นัดโทรกลับ', data: 'v1.case=C-1042.act=callback', mode: 'datetime', min: '2026-11-21T09:00' },
    { type: 'uri', label: 'เปิดเคส', uri: 'https://ops.example.com/cases/C-1042' },
    { type: 'postback', label: 'Fifth', data: 'never-shown' },
  ],
};

function flexOf(message: messagingApi.Message): messagingApi.FlexMessage {
  expect(message.type).toBe('flex');
  return message as messagingApi.FlexMessage;
}

describe('text', () => {
  it('cuts Thai text over 5000 between graphemes, never between a consonant and its marks', () => {
    // ที่ is three code units (consonant + vowel + tone mark): 4999 is not a multiple of 3,
    // so a naive slice would leave an orphan vowel without its tone mark.
    const text = 'ที่'.repeat(2000);
    const [message] = toLineMessages([{ kind: 'text', text }]);
    const out = (message as messagingApi.TextMessage).text;
    expect(out.length).toBeLessThanOrEqual(5000);
    expect(out.endsWith('…')).toBe(true);
    expect(graphemes(out.slice(0, -1)).every((g) => g === 'ที่')).toBe(true);
    expect(out).not.toBe(text.slice(0, 4999) + '…');
  });

  it('never splits an emoji surrogate pair', () => {
    const text = 'a' + '👍🏽'.repeat(2000);
    const out = (toLineMessages([{ kind: 'text', text }])[0] as messagingApi.TextMessage).text;
    expect(out.length).toBeLessThanOrEqual(5000);
    expect(out.isWellFormed()).toBe(true);
    expect(graphemes(out.slice(1, -1)).every((g) => g === '👍🏽')).toBe(true);
  });

  it('leaves text within the limit alone', () => {
    const text = 'สวัสดีค่ะ'.repeat(100);
    expect(toLineMessages([{ kind: 'text', text }])).toEqual([{ type: 'text', text }]);
  });
});

describe('quick replies', () => {
  it('keeps the first 13 of 14 and attaches them to the last message only', () => {
    const messages: OutboundMessage[] = [
      { kind: 'text', text: 'Which one?', quickReplies: Array.from({ length: 14 }, (_, i) => postback(i + 1)) },
      { kind: 'image', url: 'https://cdn.example.com/menu.jpg' },
    ];
    const out = toLineMessages(messages);
    expect(out[0].quickReply).toBeUndefined();
    const items = out[1].quickReply!.items!;
    expect(items).toHaveLength(13);
    expect(items[0]).toEqual({ type: 'action', action: { type: 'postback', label: 'Option 1', data: 'act=pick&n=1' } });
    expect(items.at(-1)!.action).toMatchObject({ label: 'Option 13' });
  });

  it('uses the quick replies of the latest message that has any', () => {
    const out = toLineMessages([
      { kind: 'text', text: 'one', quickReplies: [postback(1)] },
      { kind: 'text', text: 'two', quickReplies: [postback(2)] },
      { kind: 'text', text: 'three' },
    ]);
    expect(out[2].quickReply!.items!.map((i) => i.action!.label)).toEqual(['Option 2']);
  });

  it('cuts a Thai label at the end of a word, not inside one', () => {
    const [message] = toLineMessages([{ kind: 'text', text: 'เลือก', quickReplies: [{ type: 'postback', label: 'เติมเงินแล้วเครดิตไม่เข้า', data: 'act=case_type&v=topup' }] }]);
    expect(message.quickReply!.items![0].action!.label).toBe('เติมเงินแล้วเครดิต…');
  });

  it('does not end a Thai label inside a loanword the dictionary cuts into pieces', () => {
    // ICU reads "พาร์ทเนอร์" as "พาร์|ท|เนอ|ร์": the label ends before it, not at "พาร์…" or "พาร์ท…".
    const labels = ['ปัญหาการจองกับพาร์ทเนอร์', 'คอร์สจากพาร์ทเนอร์ทุกประเภท'];
    const [message] = toLineMessages([{ kind: 'text', text: 'เลือก', quickReplies: labels.map((label, i) => ({ type: 'postback' as const, label, data: `act=case_type&v=${i}` })) }]);
    expect(message.quickReply!.items!.map((i) => i.action!.label)).toEqual(['ปัญหาการจองกับ…', 'คอร์สจากพาร์ทเนอร์…']);
  });

  it('cuts long labels to 20 without breaking Thai graphemes', () => {
    const [message] = toLineMessages([
      {
        kind: 'text',
        text: 'เลือก',
        quickReplies: [
          { type: 'message', label: 'Please connect me to a real person now', text: 'human' },
          { type: 'message', label: 'ยืนยันการจองที่นั่งสำหรับพรุ่งนี้', text: 'ยืนยัน' },
        ],
      },
    ]);
    const [english, thai] = message.quickReply!.items!.map((i) => i.action!.label!);
    // At the end of a word, in English and in Thai (which has no spaces).
    expect(english).toBe('Please connect me…');
    expect(thai.length).toBeLessThanOrEqual(20);
    expect(thai.endsWith('…')).toBe(true);
    expect('ยืนยันการจองที่นั่งสำหรับพรุ่งนี้'.startsWith(thai.slice(0, -1))).toBe(true);
    expect(graphemes(thai.slice(0, -1)).join('')).toBe(thai.slice(0, -1));
    // The cut ends after a whole cluster: the next grapheme of the original starts right there.
    const kept = graphemes(thai.slice(0, -1)).length;
    expect(graphemes('ยืนยันการจองที่นั่งสำหรับพรุ่งนี้').slice(0, kept).join('')).toBe(thai.slice(0, -1));
  });

  it('refuses postback data over 300 characters instead of cutting signed data', () => {
    const data = 'x'.repeat(301);
    const run = () => toLineMessages([{ kind: 'text', text: 'hi', quickReplies: [{ type: 'postback', label: 'Go', data }] }]);
    expect(run).toThrow(LineLimitError);
    expect(run).toThrow(/301 characters.*300/);
    expect(() => toLineAction({ type: 'postback', label: 'Go', data: 'x'.repeat(300) })).not.toThrow();
  });
});

describe('actions', () => {
  it('maps each action type to its LINE action', () => {
    expect(toLineAction({ type: 'message', label: 'Yes', text: 'yes please' })).toEqual({ type: 'message', label: 'Yes', text: 'yes please' });
    expect(toLineAction({ type: 'uri', label: 'Track', uri: 'https://t.example.com/x' })).toEqual({ type: 'uri', label: 'Track', uri: 'https://t.example.com/x' });
    expect(toLineAction({ type: 'datetime', label: 'Date', data: 'd', mode: 'date', initial: '2026-12-01', max: '2027-01-31' })).toEqual({
      type: 'datetimepicker',
      label: 'Date',
      data: 'd',
      mode: 'date',
      initial: '2026-12-01',
      max: '2027-01-31',
    });
  });

  it('refuses a datetime initial that does not fit its mode', () => {
    expect(() => toLineAction({ type: 'datetime', label: 'Time', data: 'd', mode: 'time', initial: '2026-12-01' })).toThrow(LineLimitError);
  });
});

describe('chunkForLine', () => {
  it('splits 7 messages into 5 + 2, in order', () => {
    const out = toLineMessages(Array.from({ length: 7 }, (_, i) => ({ kind: 'text', text: `m${i}` }) as OutboundMessage));
    const chunks = chunkForLine(out);
    expect(chunks.map((c) => c.length)).toEqual([5, 2]);
    expect(chunks.flat()).toEqual(out);
  });

  it('handles empty input and a custom size', () => {
    expect(chunkForLine([])).toEqual([]);
    expect(chunkForLine([1, 2, 3], 2)).toEqual([[1, 2], [3]]);
    expect(() => chunkForLine([1], 0)).toThrow(RangeError);
  });
});

describe('case card', () => {
  const flex = flexOf(toLineMessages([{ kind: 'card', card: topUpCard }])[0]);
  const bubble = flex.contents as messagingApi.FlexBubble;

  it('colours the header of a critical case from the palette', () => {
    expect(bubble.header!.backgroundColor).toBe(CARD_PALETTE.critical.background);
    const [title, subtitle] = bubble.header!.contents as messagingApi.FlexText[];
    expect(title).toMatchObject({ text: 'เติมเงินแล้วยอดไม่เข้า', color: CARD_PALETTE.critical.accent, weight: 'bold', wrap: true });
    expect(subtitle).toMatchObject({ text: 'C-1042 · TrueMoney Wallet', wrap: true });
  });

  it('shows fields as label/value rows and the body text', () => {
    const rows = bubble.body!.contents;
    const first = rows[0] as messagingApi.FlexBox;
    expect(first.layout).toBe('baseline');
    expect(first.contents).toMatchObject([
      { type: 'text', text: 'ลูกค้า', size: 'sm', wrap: true },
      { type: 'text', text: 'คุณสมชาย ใจดี', wrap: true },
    ]);
    expect(rows.at(-2)!.type).toBe('separator');
    expect(rows.at(-1)).toMatchObject({ type: 'text', text: topUpCard.body, wrap: true });
  });

  it('puts at most 4 buttons in the footer, the first one in the accent colour', () => {
    const buttons = bubble.footer!.contents as messagingApi.FlexButton[];
    expect(buttons.map((b) => b.action.type)).toEqual(['postback', 'message', 'datetimepicker', 'uri']);
    expect(buttons[0]).toMatchObject({
      style: 'primary',
      color: CARD_PALETTE.critical.accent,
      action: { type: 'postback', label: 'รับเรื่อง', data: 'v1.case=C-1042.act=take.sig=abc', displayText: 'รับเรื่อง C-1042' },
    });
    expect(buttons[2].action).toEqual({ type: 'datetimepicker', label: 'นัดโทรกลับ', data: 'v1.case=C-1042.act=callback', mode: 'datetime', min: '2026-11-21T09:00' });
    expect(buttons.slice(1).every((b) => b.style === 'secondary')).toBe(true);
  });

  it('uses the altText, cut to 400', () => {
    expect(flex.altText).toBe(topUpCard.altText);
    const long = flexOf(toLineMessages([{ kind: 'card', card: { ...topUpCard, altText: 'แจ้งเตือน'.repeat(100) } }])[0]);
    expect(long.altText.length).toBeLessThanOrEqual(400);
    expect(long.altText.endsWith('…')).toBe(true);
  });

  it('falls back to neutral and leaves out empty blocks', () => {
    const plain = flexOf(toLineMessages([{ kind: 'card', card: { altText: '', title: 'Booking B-7', fields: [], actions: [] } }])[0]);
    const b = plain.contents as messagingApi.FlexBubble;
    expect(b.header!.backgroundColor).toBe(CARD_PALETTE.neutral.background);
    expect(b.body).toBeUndefined();
    expect(b.footer).toBeUndefined();
    expect(plain.altText).toBe('Booking B-7');
  });

  it('refuses a card over 30 KB', () => {
    const huge: Card = { ...topUpCard, fields: Array.from({ length: 200 }, (_, i) => ({ label: `รายการ ${i}`, value: 'ยอดเงินคงเหลือ '.repeat(5) })) };
    expect(() => toLineMessages([{ kind: 'card', card: huge }])).toThrow(LineLimitError);
    expect(() => toLineMessages([{ kind: 'card', card: huge }])).toThrow(/bytes/);
    expect(flexSizeOk(flex)).toBe(true);
  });
});

describe('image', () => {
  it('uses the URL as preview when none is given, and wants https', () => {
    expect(toLineMessages([{ kind: 'image', url: 'https://cdn.example.com/slip.jpg' }])).toEqual([
      { type: 'image', originalContentUrl: 'https://cdn.example.com/slip.jpg', previewImageUrl: 'https://cdn.example.com/slip.jpg' },
    ]);
    expect(() => toLineMessages([{ kind: 'image', url: 'http://cdn.example.com/slip.jpg' }])).toThrow(LineLimitError);
  });
});

describe('palette', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };

  it('keeps every accent readable on its background and under white button text (WCAG AA)', () => {
    for (const { accent, background } of Object.values(CARD_PALETTE)) {
      expect(contrast(accent, background)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(accent, '#FFFFFF')).toBeGreaterThanOrEqual(4.5);
    }
  });
});
