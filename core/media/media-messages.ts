import type { OutboundMessage } from '../messaging/outbound-message.ts';
import { mediaUrl } from './media-links.ts';

/**
 * A file someone sent us (a customer's photo, a staff member's receipt in a group), passed on to
 * someone else as a signed link to our copy (media-links.ts): an image message for JPEG and PNG
 * (all LINE shows inline), a link for anything else. Used by the case relay both ways
 * (core/staff/case-relay.ts) and by staff answering a conversation from a group.
 *
 * A file whose copy is not stored yet (the media worker runs beside the relays): for the first
 * MEDIA_WAIT_MS after it arrived `attachmentMessages` throws `MediaNotReady` and the job is retried
 * (the job policy's backoff), so nobody is sent an image that answers 404. After that it is sent
 * as a link anyway: the link answers 404 until the copy is stored and works from then on.
 */
export const ATTACHMENT_KINDS: readonly string[] = ['image', 'video', 'audio', 'file'];
const INLINE_IMAGE = /\.(jpg|png)$/i;

/** How long a relay waits for a file's copy before sending its link regardless. */
export const MEDIA_WAIT_MS = 20_000;

export class MediaNotReady extends Error {
  constructor(messageId: string) {
    super(`the media of message ${messageId} is not stored yet; retrying`);
    this.name = 'MediaNotReady';
  }
}

/** A stored message that carries a file, as the relays read it. */
export interface RelayedMessage {
  id: string;
  kind: string;
  text: string | null;
  mediaPath: string | null;
  receivedAt: Date;
}

export interface MediaLinks {
  /** Where customers and staff reach the api. */
  publicBaseUrl: () => string;
  /** Signs the links (api/public/media-routes.ts checks them). */
  mediaLinkKey: Buffer;
}

/**
 * A file as outbound messages: `caption` first when given (an image cannot carry one on LINE),
 * then the image, or the caption with the link. Throws MediaNotReady while the copy may still come.
 */
export function attachmentMessages(links: MediaLinks, m: RelayedMessage, caption: string | undefined, now: Date): OutboundMessage[] {
  if (!m.mediaPath && now.getTime() - m.receivedAt.getTime() < MEDIA_WAIT_MS) throw new MediaNotReady(m.id);
  const lead = caption ? `${caption} ` : '';
  const url = mediaUrl(links.publicBaseUrl(), links.mediaLinkKey, m.id, { now });
  if (m.kind === 'image' && m.mediaPath && INLINE_IMAGE.test(m.mediaPath)) {
    return [...(caption ? [{ kind: 'text' as const, text: caption }] : []), { kind: 'image', url, previewUrl: url }];
  }
  return [{ kind: 'text', text: `${lead}📎 ${url}` }];
}
