import type { AttachmentType } from '../vocabulary.ts';

/**
 * Whether a file's first bytes are those of the type it was sent as. A browser names a file's type
 * from its name, so a program renamed `photo.png` arrives as `image/png`; a note's file is kept as
 * evidence and opened by staff later, so it is refused unless its content is what its type says.
 */
const SIGNATURES: Record<AttachmentType, readonly number[]> = {
  'image/jpeg': [0xff, 0xd8, 0xff],
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  // "%PDF-"
  'application/pdf': [0x25, 0x50, 0x44, 0x46, 0x2d],
};

export function bytesAreOfType(type: AttachmentType, bytes: Uint8Array): boolean {
  const signature = SIGNATURES[type];
  return bytes.length >= signature.length && signature.every((b, i) => bytes[i] === b);
}
