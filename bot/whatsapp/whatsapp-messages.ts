import { createHash } from 'node:crypto';
import type { Language } from '../../core/vocabulary.ts';
import type { Action, Card, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { fitText } from '../../core/messaging/fit-text.ts';

/**
 * Turns the channel-neutral outbound model into what Twilio's Messages API takes for WhatsApp:
 * free-form `Body` / `MediaUrl`, or a Content API definition (quick-reply, list-picker) to send by
 * its SID. Sources: Twilio docs twilio/quick-reply, twilio/list-picker, "Using variables with
 * Content Templates", "Session definitions"; error 21656.
 */

/**
 * One Twilio message. Exactly one of: `body` and/or `mediaUrl` (free-form); `content` (create it
 * once with the Content API, cache its SID by `friendlyName`, then send `contentSid` +
 * JSON `contentVariables`); `contentSid` (an approved template, already known).
 */
export interface TwilioOutbound {
  body?: string;
  mediaUrl?: string[];
  content?: TwilioContent;
  contentSid?: string;
  contentVariables?: Record<string, string>;
}

/** The Content API create body (`POST https://content.twilio.com/v1/Content`), wire keys. */
export interface TwilioContent {
  friendlyName: string;
  /** Required by the Content API. */
  language: Language;
  types: Record<string, unknown>;
  /** Sample / default values, as the Content API wants them; every send passes its own. */
  variables?: Record<string, string>;
}

export const WHATSAPP_LIMITS = {
  bodyChars: 1600,
  contentBodyChars: 1024,
  /** In-session quick replies without template approval. */
  quickReplyButtons: 3,
  buttonTitleChars: 20,
  buttonIdChars: 200,
  listItems: 10,
  listItemChars: 24,
  listDescriptionChars: 72,
  listButtonChars: 20,
  contentVariables: 100,
} as const;

/** Text the builder adds on its own; pass the org's templates (th/en) to override. */
export interface WhatsAppStrings {
  /** Body above the buttons when the message has no text of its own (an image) or is too long to carry them. */
  choose: string;
  /** The list-picker's button. */
  listButton: string;
  /** WhatsApp has no date picker: asks for a typed value. `{{label}}` and `{{example}}` are filled. */
  askDate: Record<'date' | 'time' | 'datetime', string>;
}

export const DEFAULT_WHATSAPP_STRINGS: Record<Language, WhatsAppStrings> = {
  th: {
    choose: 'กรุณาเลือกค่ะ',
    listButton: 'ดูตัวเลือก',
    askDate: {
      date: '📅 {{label}}: พิมพ์วันที่ตอบกลับได้เลยค่ะ เช่น {{example}}',
      time: '🕒 {{label}}: พิมพ์เวลาตอบกลับได้เลยค่ะ เช่น {{example}}',
      datetime: '📅 {{label}}: พิมพ์วันที่และเวลาตอบกลับได้เลยค่ะ เช่น {{example}}',
    },
  },
  en: {
    choose: 'Please choose:',
    listButton: 'See options',
    askDate: {
      date: '📅 {{label}}: please reply with a date, e.g. {{example}}',
      time: '🕒 {{label}}: please reply with a time, e.g. {{example}}',
      datetime: '📅 {{label}}: please reply with a date and time, e.g. {{example}}',
    },
  },
};

/**
 * The example under a typed date or time, as people write it ("25 พ.ย.", "25 Nov 18:00", never
 * "2026-11-25"): the picker's first day when it has one, else "tomorrow". The extractor reads all
 * of these back (core/understanding/fields/dates.ts).
 */
function typedExample(mode: 'date' | 'time' | 'datetime', initial: string | undefined, language: Language): string {
  const [date, time] = (initial ?? '').split(/[Tt ]/);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(date)
    ? new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', { timeZone: 'UTC', day: 'numeric', month: 'short' }).format(new Date(`${date}T00:00:00Z`))
    : language === 'th' ? 'พรุ่งนี้' : 'tomorrow';
  if (mode === 'date') return day;
  const at = mode === 'time' ? /^\d{2}:\d{2}/.exec(date)?.[0] : /^\d{2}:\d{2}/.exec(time ?? '')?.[0];
  return mode === 'time' ? (at ?? '18:00') : `${day} ${at ?? '18:00'}`;
}

export interface TwilioOptions {
  /** Inside WhatsApp's 24-hour customer service window (the customer wrote in the last 24 h). */
  insideWindow: boolean;
  /** The customer's language: the builder's own strings and the Content `language`. Default `th`. */
  language?: Language;
  strings?: Partial<WhatsAppStrings>;
  /**
   * Approved content SIDs by template key (`templates.key` -> `templates.whatsapp_content_sid`
   * of the org, in the customer's language). Only read outside the window.
   */
  templates?: Record<string, string>;
  /** Which approved template reopens the conversation, and its variables. Default `reopen_conversation`. */
  reopen?: { templateKey: string; variables?: Record<string, string> };
}

/**
 * Outside the 24-hour window WhatsApp takes approved templates only, and no template for the
 * needed key was given. The sender should fail the delivery with this reason (or configure
 * `templateKey` for the org and language) rather than send free text that WhatsApp would refuse.
 */
export class OutsideWindowError extends Error {
  readonly templateKey: string;
  readonly language: Language;
  constructor(templateKey: string, language: Language) {
    super(`Outside the WhatsApp 24-hour window: an approved template "${templateKey}" (${language}) is needed and none is configured`);
    this.name = 'OutsideWindowError';
    this.templateKey = templateKey;
    this.language = language;
  }
}

/** A limit that cannot be met by cutting (signed postback data). */
export class WhatsAppLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WhatsAppLimitError';
  }
}

export const REOPEN_TEMPLATE_KEY = 'reopen_conversation';



/** Twilio refuses variable values with a tab, a newline or a run of 5+ spaces (error 21656). */
function variableSafe(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').replace(/ {5,}/g, ' ').trim();
}

interface Choice {
  title: string;
  id: string;
}

function toChoice(action: Extract<Action, { type: 'postback' | 'message' }>): Choice {
  const title = variableSafe(action.label);
  if (!title) throw new WhatsAppLimitError('A WhatsApp button needs a non-empty label');
  if (action.type === 'postback') {
    // Signed data: cutting it would break verification.
    if (action.data.length > WHATSAPP_LIMITS.buttonIdChars) {
      throw new WhatsAppLimitError(
        `Button "${action.label}": postback data is ${action.data.length} characters, WhatsApp ids allow ${WHATSAPP_LIMITS.buttonIdChars}; shorten the signed payload`,
      );
    }
    return { title, id: action.data };
  }
  // The id comes back as ButtonPayload: the text the customer "typed".
  return { title, id: fitText(action.text || action.label, WHATSAPP_LIMITS.buttonIdChars) };
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, key: string) => values[key] ?? whole);
}

/** Datetime and URI actions have no WhatsApp button in session: they become lines of text. */
function actionLines(actions: Action[], strings: WhatsAppStrings, language: Language): string[] {
  const lines: string[] = [];
  for (const action of actions) {
    if (action.type === 'datetime') {
      const example = typedExample(action.mode, action.initial, language);
      lines.push(fill(strings.askDate[action.mode], { label: action.label, example }));
    } else if (action.type === 'uri') {
      // A plain link works in session; twilio/call-to-action may need template approval.
      lines.push(`🔗 ${action.label}: ${action.uri}`);
    }
  }
  return lines;
}

function cardText(card: Card): string {
  const head = [`*${card.title.replace(/\*/g, '').trim()}*`];
  if (card.subtitle) head.push(card.subtitle);
  const sections = [head.join('\n')];
  if (card.fields.length) sections.push(card.fields.map((f) => `${f.label}: ${f.value}`).join('\n'));
  if (card.body?.trim()) sections.push(card.body.trim());
  return sections.join('\n\n');
}

function friendlyName(kind: string, language: Language, types: Record<string, unknown>): string {
  const hash = createHash('sha256').update(JSON.stringify({ language, types })).digest('hex').slice(0, 12);
  return `opsdesk_${kind}_${language}_${hash}`;
}

/**
 * Body lines as variables: the content then depends only on the message's shape (line layout,
 * number of buttons, language), so one content serves every message of that shape and its
 * signed button ids. Each line is its own variable because a variable may not hold a newline.
 */
function bodyVariables(body: string, next: () => string, values: Record<string, string>): string {
  return body
    .split('\n')
    .map((line) => {
      const value = variableSafe(line);
      if (!value) return '';
      const key = next();
      values[key] = value;
      return `{{${key}}}`;
    })
    .join('\n');
}

function contentFor(body: string, choices: Choice[], language: Language, strings: WhatsAppStrings): TwilioOutbound {
  let n = 0;
  const next = () => String(++n);
  const values: Record<string, string> = {};
  const bodyTemplate = bodyVariables(body, next, values);

  let kind: string;
  let types: Record<string, unknown>;
  if (choices.length <= WHATSAPP_LIMITS.quickReplyButtons) {
    kind = 'quick_reply';
    const actions = choices.map((choice) => {
      const title = next();
      const id = next();
      values[title] = fitText(choice.title, WHATSAPP_LIMITS.buttonTitleChars);
      values[id] = choice.id;
      return { type: 'QUICK_REPLY', title: `{{${title}}}`, id: `{{${id}}}` };
    });
    types = { 'twilio/quick-reply': { body: bodyTemplate, actions } };
  } else {
    kind = 'list_picker';
    const button = next();
    values[button] = fitText(variableSafe(strings.listButton), WHATSAPP_LIMITS.listButtonChars);
    const items = choices.slice(0, WHATSAPP_LIMITS.listItems).map((choice) => {
      const itemText = fitText(choice.title, WHATSAPP_LIMITS.listItemChars);
      const item = next();
      const id = next();
      values[item] = itemText;
      values[id] = choice.id;
      const entry: Record<string, string> = { item: `{{${item}}}`, id: `{{${id}}}` };
      // The description shows the whole label when the item had to be cut.
      if (itemText !== choice.title) {
        const description = next();
        values[description] = fitText(choice.title, WHATSAPP_LIMITS.listDescriptionChars);
        entry.description = `{{${description}}}`;
      }
      return entry;
    });
    types = { 'twilio/list-picker': { body: bodyTemplate, button: `{{${button}}}`, items } };
  }

  // Samples depend on the shape only, so equal shapes give byte-equal definitions.
  const samples = Object.fromEntries(Object.keys(values).map((key) => [key, `sample ${key}`]));
  return {
    content: { friendlyName: friendlyName(kind, language, types), language, types, variables: samples },
    contentVariables: values,
  };
}

function bodyLineCount(body: string): number {
  return body.split('\n').filter((line) => variableSafe(line)).length;
}

/** One model message (its text plus its buttons) as one or two Twilio messages. */
function convert(message: OutboundMessage, language: Language, strings: WhatsAppStrings): TwilioOutbound[] {
  if (message.kind === 'text' && !message.text.trim()) throw new WhatsAppLimitError('Twilio refuses an empty text message');
  const actions = [...(message.kind === 'card' ? message.card.actions : []), ...(message.quickReplies ?? [])];
  const choices = actions.filter((a): a is Extract<Action, { type: 'postback' | 'message' }> => a.type === 'postback' || a.type === 'message').map(toChoice);
  const extra = actionLines(actions, strings, language);

  let text = message.kind === 'text' ? message.text : message.kind === 'card' ? cardText(message.card) : '';
  if (extra.length) text = [text.trim(), extra.join('\n')].filter(Boolean).join('\n\n');

  if (!choices.length) {
    // A file's link: WhatsApp takes the file itself, with the words that went with it.
    if (message.document) return [{ mediaUrl: [message.document.url], ...(message.document.caption ? { body: fitText(message.document.caption, WHATSAPP_LIMITS.bodyChars) } : {}) }];
    const only: TwilioOutbound = {};
    if (message.kind === 'image') only.mediaUrl = [message.url];
    // With an image the text rides along as its caption.
    if (text.trim()) only.body = fitText(text, WHATSAPP_LIMITS.bodyChars);
    return only.body || only.mediaUrl ? [only] : [];
  }
  const out: TwilioOutbound[] = message.kind === 'image' ? [{ mediaUrl: [message.url] }] : [];
  // Buttons need a body within 1,024 characters and 100 variables in all; a longer text goes
  // first as free-form and the buttons follow under a short prompt.
  const maxLines = WHATSAPP_LIMITS.contentVariables - 3 * WHATSAPP_LIMITS.listItems - 1;
  if (!text.trim() || text.length > WHATSAPP_LIMITS.contentBodyChars || bodyLineCount(text) > maxLines) {
    if (text.trim()) out.push({ body: fitText(text, WHATSAPP_LIMITS.bodyChars) });
    text = strings.choose;
  }
  out.push(contentFor(text, choices, language, strings));
  return out;
}

/**
 * The whole batch as Twilio messages, in order.
 *
 * Inside the window: text -> `body` (cut to 1,600), image -> `mediaUrl`, card -> WhatsApp text
 * (`*title*`, subtitle, `label: value` lines, body). Postback and message actions (card actions,
 * then quick replies) become buttons: up to 3 a twilio/quick-reply, 4 to 10 a twilio/list-picker,
 * past 10 the first 10. Datetime actions become a line asking for a typed date (the router must
 * remember what the answer is for: no postback data comes back), URI actions a plain link.
 *
 * Outside the window no free-form message or session content may be sent, so the batch is not
 * converted at all: the result is the one approved template that reopens the conversation
 * (`opts.reopen`, default `reopen_conversation`) looked up in `opts.templates`; the caller keeps
 * the batch for when the customer answers. Without that SID it throws `OutsideWindowError`.
 */
export function toTwilioMessages(messages: OutboundMessage[], opts: TwilioOptions): TwilioOutbound[] {
  const language = opts.language ?? 'th';
  if (!opts.insideWindow) {
    const templateKey = opts.reopen?.templateKey ?? REOPEN_TEMPLATE_KEY;
    const contentSid = opts.templates?.[templateKey];
    if (!contentSid) throw new OutsideWindowError(templateKey, language);
    const out: TwilioOutbound = { contentSid };
    if (opts.reopen?.variables) out.contentVariables = opts.reopen.variables;
    return [out];
  }
  const base = DEFAULT_WHATSAPP_STRINGS[language];
  const strings: WhatsAppStrings = { ...base, ...opts.strings, askDate: { ...base.askDate, ...opts.strings?.askDate } };
  return messages.flatMap((message) => convert(message, language, strings));
}
