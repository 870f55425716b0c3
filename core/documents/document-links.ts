import { randomBytes } from 'node:crypto';

/**
 * The customer's link to a document's PDF: no sign-in, like a case's tracking link, so the token
 * is long and random (192 bits) and names one document. It does not expire: a receipt or a tax
 * invoice is kept for years (an accountant asks for it at the year's end). It is made once, at
 * issue.
 */
export function newCustomerToken(): string {
  return randomBytes(24).toString('base64url');
}

/** Where the link leads; the API's PUBLIC_BASE_URL goes in front of it in a message. */
export function customerDocumentPath(token: string): string {
  return `/public/v1/documents/${token}.pdf`;
}

