import type { Severity } from '../vocabulary.ts';

/**
 * One outbound message model for every channel. Product code says what to send; the per-channel
 * builders (bot/line/line-messages.ts, bot/whatsapp/whatsapp-messages.ts) turn it into the
 * platform's wire format within that platform's limits.
 */
export type Action =
  /** Sends signed data back to us as a postback; `displayText` is shown in the chat as if typed. */
  | { type: 'postback'; label: string; data: string; displayText?: string }
  /** Sends `text` as if the user typed it. */
  | { type: 'message'; label: string; text: string }
  /** LINE's date/time picker; elsewhere asks for a typed date. */
  | { type: 'datetime'; label: string; data: string; mode: 'date' | 'time' | 'datetime'; initial?: string; min?: string; max?: string }
  | { type: 'uri'; label: string; uri: string };

export interface CardField {
  label: string;
  value: string;
}

/** A case or booking card: LINE Flex bubble; WhatsApp text with buttons. */
export interface Card {
  /** Text for notifications and platforms that cannot show cards. */
  altText: string;
  title: string;
  subtitle?: string;
  /** Colours the header calmly by severity; `neutral` for bookings and the rest. */
  tone?: Severity | 'neutral';
  fields: CardField[];
  body?: string;
  actions: Action[];
}

interface Base {
  quickReplies?: Action[];
  /**
   * On WhatsApp outside the 24-hour window: the approved template (its key) this message is, sent
   * instead of the default one that reopens the conversation. A staff member chose it.
   */
  whatsappTemplate?: string;
  /**
   * A text that links to a file (a staff member's PDF): where LINE can only show the link,
   * WhatsApp sends the file itself, with `caption`.
   */
  document?: { url: string; caption?: string };
  /**
   * The template this text was made from, with its variables: a channel with a form of its own for
   * it (e-mail: a subject, HTML and plain text, core/templates/email-templates.ts) sends that form.
   */
  template?: { key: string; vars: Record<string, string | number | null | undefined> };
}

export type OutboundMessage =
  | (Base & { kind: 'text'; text: string })
  | (Base & { kind: 'image'; url: string; previewUrl?: string })
  | (Base & { kind: 'card'; card: Card });
