import { ATTACHMENT_MAX_BYTES, ATTACHMENT_REFUSALS, attachmentTooBig, WHATSAPP_IMAGE_MAX_BYTES } from '../contracts/attachment-limits.ts';
import { DomainError } from '../errors/index.ts';

/**
 * A file the customer's channel will not take (WhatsApp's 5 MB for an image, 10 MB for anything),
 * as the API's 413 in the words the desk shows; undefined when it may go. Checked before a byte of
 * it is stored: an inbox upload (api/admin/conversation-routes.ts), a case note sent to the customer.
 */
export function fileTheChannelRefuses(channel: string, file: { size: number; type: string; name?: string }): DomainError | undefined {
  const tooBig = attachmentTooBig(channel, file);
  if (!tooBig) return undefined;
  const limitBytes = tooBig === 'tooBigForWhatsApp' ? WHATSAPP_IMAGE_MAX_BYTES : ATTACHMENT_MAX_BYTES;
  return new DomainError('payload_too_large', ATTACHMENT_REFUSALS[tooBig].en, { limitBytes, ...(file.name ? { file: file.name } : {}) });
}
