import { ATTACHMENT_TYPES } from '../vocabulary.ts';

/**
 * What staff may attach to a reply (docs/inbox.md, "Attachments"), checked by the desk before it
 * uploads and by the server before it stores anything, refused in the same words by both: 10 MB,
 * LINE's own limit for an image, and the types a customer's phone opens safely (JPEG and PNG show
 * inline in LINE; a PDF goes as a link). No zod here: the desk's pages import it as it is.
 */
export { ATTACHMENT_TYPES };
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
/**
 * Files on one case note (docs/cases.md, "Notes and files"), each within the limits above: four,
 * so that the note's words and its files reach a LINE customer in one push (LINE takes five
 * messages a request) when the note is sent to them too.
 */
export const NOTE_MAX_FILES = 4;
/** LINE takes at most 5,000 characters in a text message; a note sent to the customer is one. */
export const NOTE_TEXT_MAX = 5000;
/** WhatsApp's own limit for an image (it takes larger documents). */
export const WHATSAPP_IMAGE_MAX_BYTES = 5 * 1024 * 1024;
export const ATTACHMENT_REFUSALS = {
  tooBig: { th: 'ไฟล์ใหญ่เกิน 10 MB ส่งไม่ได้ค่ะ', en: 'The file is larger than 10 MB: it cannot be sent' },
  tooBigForWhatsApp: { th: 'WhatsApp รับรูปได้ไม่เกิน 5 MB รูปนี้ใหญ่เกินค่ะ', en: 'WhatsApp takes images up to 5 MB: this one is larger' },
  type: { th: 'ส่งได้เฉพาะรูป JPEG, PNG หรือไฟล์ PDF ค่ะ', en: 'Only JPEG or PNG images and PDF files can be sent' },
  // A note's file whose content is not what its type says (core/media/file-signatures.ts).
  content: { th: 'เนื้อไฟล์ไม่ใช่รูป JPEG, PNG หรือ PDF ตามที่ระบุค่ะ', en: 'The file is not the JPEG, PNG or PDF its type says' },
  tooMany: { th: `แนบได้ไม่เกิน ${NOTE_MAX_FILES} ไฟล์ต่อบันทึกค่ะ`, en: `A note takes at most ${NOTE_MAX_FILES} files` },
} as const;

/** Why a file of this size and type cannot go to a customer on this channel; undefined when it may. */
export function attachmentTooBig(channel: string, file: { size: number; type: string }): keyof typeof ATTACHMENT_REFUSALS | undefined {
  if (file.size > ATTACHMENT_MAX_BYTES) return 'tooBig';
  if (channel === 'whatsapp' && file.type.startsWith('image/') && file.size > WHATSAPP_IMAGE_MAX_BYTES) return 'tooBigForWhatsApp';
  return undefined;
}
