import type { messagingApi } from '@line/bot-sdk';
import type { Severity } from '../../core/vocabulary.ts';
import type { Action, Card, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { fitText } from '../../core/messaging/fit-text.ts';

/**
 * Turns the channel-neutral outbound model into LINE message objects within LINE's limits
 * (Messaging API reference: message objects, Flex Message, quick reply, actions).
 */
export type LineMessage = messagingApi.Message;

export const LINE_LIMITS = {
  messagesPerRequest: 5,
  textChars: 5000,
  altTextChars: 400,
  quickReplyItems: 13,
  labelChars: 20,
  postbackDataChars: 300,
  displayTextChars: 300,
  messageActionTextChars: 300,
  uriChars: 1000,
  imageUrlChars: 2000,
  footerButtons: 4,
  // LINE says "30 KB" per bubble; 30,000 UTF-8 bytes keeps clear of either reading of "KB".
  bubbleBytes: 30_000,
} as const;

/** A LINE limit that cannot be met by cutting (signed data, URLs) or a card too big to send. */
export class LineLimitError extends Error {
  readonly limit: keyof typeof LINE_LIMITS | 'datetimeFormat' | 'empty';
  constructor(limit: LineLimitError['limit'], message: string) {
    super(message);
    this.name = 'LineLimitError';
    this.limit = limit;
  }
}

export type CardTone = Severity | 'neutral';

/**
 * Calm header colours: a pale background with a deep accent for the title and the first button.
 * Every accent reads at WCAG AA (4.5:1) on its background and under white button text
 * (line-messages.test.ts checks it).
 */
export const CARD_PALETTE: Record<CardTone, { accent: string; background: string }> = {
  critical: { accent: '#B42318', background: '#FEF3F2' },
  high: { accent: '#B54708', background: '#FFFAEB' },
  normal: { accent: '#175CD3', background: '#EFF8FF' },
  low: { accent: '#475467', background: '#F2F4F7' },
  neutral: { accent: '#363F72', background: '#F8F9FC' },
};

const INK = {
  subtitle: '#475467',
  label: '#667085',
  value: '#101828',
  body: '#344054',
  rule: '#EAECF0',
} as const;



function nonEmpty(text: string, fallback = '-'): string {
  return text.trim().length > 0 ? text : fallback;
}

const DATETIME_FORMATS: Record<'date' | 'time' | 'datetime', RegExp> = {
  date: /^\d{4}-\d{2}-\d{2}$/,
  time: /^\d{2}:\d{2}$/,
  datetime: /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}$/,
};

function checkData(data: string, what: string): string {
  // Postback data is signed: a cut copy would fail verification, so refuse instead.
  if (data.length > LINE_LIMITS.postbackDataChars) {
    throw new LineLimitError(
      'postbackDataChars',
      `${what}: postback data is ${data.length} characters, LINE allows ${LINE_LIMITS.postbackDataChars}; shorten the signed payload`,
    );
  }
  return data;
}

/** One model action as a LINE action object; labels are cut to `labelChars`. */
export function toLineAction(action: Action): messagingApi.Action {
  const label = fitText(nonEmpty(action.label), LINE_LIMITS.labelChars);
  switch (action.type) {
    case 'postback': {
      const out: messagingApi.PostbackAction = { type: 'postback', label, data: checkData(action.data, `action "${action.label}"`) };
      if (action.displayText) out.displayText = fitText(action.displayText, LINE_LIMITS.displayTextChars);
      return out;
    }
    case 'message':
      return { type: 'message', label, text: fitText(nonEmpty(action.text, action.label), LINE_LIMITS.messageActionTextChars) };
    case 'datetime': {
      const out: messagingApi.DatetimePickerAction = {
        type: 'datetimepicker',
        label,
        data: checkData(action.data, `action "${action.label}"`),
        mode: action.mode,
      };
      for (const key of ['initial', 'min', 'max'] as const) {
        const value = action[key];
        if (value === undefined) continue;
        if (!DATETIME_FORMATS[action.mode].test(value)) {
          throw new LineLimitError('datetimeFormat', `action "${action.label}": ${key} "${value}" does not fit mode ${action.mode}`);
        }
        out[key] = value;
      }
      return out;
    }
    case 'uri':
      // A cut URL points somewhere else.
      if (action.uri.length > LINE_LIMITS.uriChars) {
        throw new LineLimitError('uriChars', `action "${action.label}": URI is ${action.uri.length} characters, LINE allows ${LINE_LIMITS.uriChars}`);
      }
      return { type: 'uri', label, uri: action.uri };
  }
}

function cardBubble(card: Card): messagingApi.FlexBubble {
  const { accent, background } = CARD_PALETTE[card.tone ?? 'neutral'];

  const header: messagingApi.FlexBox = {
    type: 'box',
    layout: 'vertical',
    spacing: 'xs',
    paddingAll: '16px',
    backgroundColor: background,
    contents: [{ type: 'text', text: nonEmpty(card.title), weight: 'bold', size: 'md', color: accent, wrap: true }],
  };
  if (card.subtitle) header.contents.push({ type: 'text', text: card.subtitle, size: 'xs', color: INK.subtitle, wrap: true });

  const rows: messagingApi.FlexComponent[] = card.fields.map((field) => ({
    type: 'box',
    layout: 'baseline',
    spacing: 'md',
    contents: [
      { type: 'text', text: nonEmpty(field.label), size: 'sm', color: INK.label, flex: 2, wrap: true },
      { type: 'text', text: nonEmpty(field.value), size: 'sm', color: INK.value, flex: 5, wrap: true },
    ],
  }));
  if (card.body?.trim()) {
    const text: messagingApi.FlexText = { type: 'text', text: card.body, size: 'sm', color: INK.body, wrap: true };
    if (rows.length) {
      rows.push({ type: 'separator', margin: 'md', color: INK.rule });
      text.margin = 'md';
    }
    rows.push(text);
  }

  const bubble: messagingApi.FlexBubble = { type: 'bubble', header };
  // LINE refuses a box with no contents, so an empty body is left out.
  if (rows.length) bubble.body = { type: 'box', layout: 'vertical', spacing: 'sm', paddingAll: '16px', contents: rows };

  const buttons = card.actions.slice(0, LINE_LIMITS.footerButtons);
  if (buttons.length) {
    bubble.footer = {
      type: 'box',
      layout: 'vertical',
      spacing: 'sm',
      paddingAll: '12px',
      contents: buttons.map((action, i): messagingApi.FlexButton => ({
        type: 'button',
        action: toLineAction(action),
        height: 'sm',
        // One calm primary (the first, usually the expected next step); the rest stay grey.
        style: i === 0 ? 'primary' : 'secondary',
        ...(i === 0 ? { color: accent } : {}),
      })),
    };
    bubble.styles = { footer: { separator: true, separatorColor: INK.rule } };
  }
  return bubble;
}

function bubbleBytes(bubble: messagingApi.FlexContainer): number {
  return Buffer.byteLength(JSON.stringify(bubble), 'utf8');
}

/** Every bubble of the Flex message fits LINE's per-bubble size; throws `LineLimitError` otherwise. */
export function flexSizeOk(msg: messagingApi.FlexMessage): true {
  const bubbles = msg.contents.type === 'carousel' ? msg.contents.contents : [msg.contents];
  for (const bubble of bubbles) {
    const size = bubbleBytes(bubble);
    if (size > LINE_LIMITS.bubbleBytes) {
      throw new LineLimitError(
        'bubbleBytes',
        `Flex bubble "${msg.altText}" is ${size} bytes of JSON, over LINE's ${LINE_LIMITS.bubbleBytes}; shorten its fields or body`,
      );
    }
  }
  return true;
}

function toLineMessage(message: OutboundMessage): LineMessage {
  switch (message.kind) {
    case 'text':
      if (!message.text.trim()) throw new LineLimitError('empty', 'LINE refuses an empty text message');
      return { type: 'text', text: fitText(message.text, LINE_LIMITS.textChars) };
    case 'image': {
      const preview = message.previewUrl ?? message.url;
      for (const url of [message.url, preview]) {
        if (!url.startsWith('https://') || url.length > LINE_LIMITS.imageUrlChars) {
          throw new LineLimitError('imageUrlChars', `LINE needs an https image URL of at most ${LINE_LIMITS.imageUrlChars} characters: ${url.slice(0, 80)}`);
        }
      }
      return { type: 'image', originalContentUrl: message.url, previewImageUrl: preview };
    }
    case 'card': {
      const flex: messagingApi.FlexMessage = {
        type: 'flex',
        altText: fitText(nonEmpty(message.card.altText, message.card.title), LINE_LIMITS.altTextChars),
        contents: cardBubble(message.card),
      };
      flexSizeOk(flex);
      return flex;
    }
  }
}

/**
 * The whole batch as LINE messages, in order. Quick replies go on the last message only: LINE
 * shows the quick replies of the latest message, so ones left on an earlier message would never
 * appear. The latest message that declares any wins; items past 13 are dropped.
 * Throws `LineLimitError` for what must not be cut (postback data, URIs) and for oversized cards.
 */
export function toLineMessages(messages: OutboundMessage[]): LineMessage[] {
  const out = messages.map(toLineMessage);
  const quickReplies = messages.findLast((m) => m.quickReplies?.length)?.quickReplies;
  if (quickReplies && out.length) {
    out[out.length - 1].quickReply = {
      items: quickReplies.slice(0, LINE_LIMITS.quickReplyItems).map((action) => ({ type: 'action', action: toLineAction(action) })),
    };
  }
  return out;
}

/** LINE takes at most 5 messages per reply or push: split a batch into requests, in order. */
export function chunkForLine<T>(messages: T[], max: number = LINE_LIMITS.messagesPerRequest): T[][] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`chunkForLine: max must be a positive integer, got ${max}`);
  const chunks: T[][] = [];
  for (let i = 0; i < messages.length; i += max) chunks.push(messages.slice(i, i + max));
  return chunks;
}
