import type { OutboundMessage } from '../messaging/outbound-message.ts';
import { mediaUrl } from './media-links.ts';

/**
 * A stored file as the messages that carry it to someone (a customer's photo into a staff group,
 * a staff member's file to a customer): a signed link to our copy (media-links.ts), sent as an
 * image message for JPEG and PNG (all LINE shows inline; WhatsApp takes it as the media of its
 * message), and as a link for anything else (LINE's Messaging API cannot send other files;
 * WhatsApp sends the file itself, as the link's `document`).
 *
 * A file whose copy is not stored yet (the media worker runs beside the relay): for the first
 * MEDIA_WAIT_MS after it arrived this throws `MediaNotReady` and the caller's job is retried, so
 * nobody is sent an image that answers 404. After that it is sent as a link anyway: the link
 * answers 404 until the copy is stored and works from then on.
 */
export const ATTACHMENT_KINDS: readonly string[] = ['image', 'video', 'audio', 'file'];
const INLINE_IMAGE = /\.(jpg|png)$/i;

export class MediaNotReady extends Error {
  constructor(messageId: string) {
    super(`the media of message ${messageId} is not stored yet; retrying`);
    this.name = 'MediaNotReady';
  }
}

/** A message that carries a file: its id is the signed link's, `mediaPath` its stored copy. */
export interface RelayedMessage {
  id: string;
  kind: string;
  text: string | null;
  mediaPath: string | null;
  receivedAt: Date;
}

/** How long a relay waits for a file's copy before sending its link regardless. */
export const MEDIA_WAIT_MS = 20_000;

/** Where signed links point and the key that signs them. */
export interface MediaLinkDeps {
  publicBaseUrl(): string;
  mediaLinkKey: Buffer;
}

/** Whether a stored file goes as an image message (JPEG, PNG) rather than a link. */
export const isInlineImage = (m: Pick<RelayedMessage, 'kind' | 'mediaPath'>) => m.kind === 'image' && m.mediaPath !== null && INLINE_IMAGE.test(m.mediaPath);

/**
 * A file as outbound messages: `caption` first when given (an image cannot carry one on LINE),
 * then the image, or the caption with the link. Throws MediaNotReady while the copy may still come.
 */
export function attachmentMessages(deps: MediaLinkDeps, m: RelayedMessage, caption: string | undefined, now: Date): OutboundMessage[] {
  if (!m.mediaPath && now.getTime() - m.receivedAt.getTime() < MEDIA_WAIT_MS) throw new MediaNotReady(m.id);
  const lead = caption ? `${caption} ` : '';
  const url = mediaUrl(deps.publicBaseUrl(), deps.mediaLinkKey, m.id, { now });
  if (isInlineImage(m)) {
    return [...(caption ? [{ kind: 'text' as const, text: caption }] : []), { kind: 'image', url, previewUrl: url }];
  }
  return [{ kind: 'text', text: `${lead}📎 ${url}`, document: { url, ...(caption ? { caption } : {}) } }];
}
