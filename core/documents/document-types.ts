/**
 * The documents a business issues (docs/documents.md). Each type has its own gap-free running
 * number per org, with its own prefix: RC-000001, INV-000001, TAX-000001, ABB-000001 (abbreviated tax invoices), CN-000001
 * (core/org-counters.ts).
 */
export const DOCUMENT_TYPES = ['receipt', 'invoice', 'tax_invoice', 'abbreviated_tax_invoice', 'credit_note'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** A party on a document as it was when the document was issued; later changes to the org or the contact never reach it. */
export interface DocumentParty {
  name: string;
  address: string | null;
  /** Thai tax id: 13 digits. */
  taxId: string | null;
  /** `head_office` (สำนักงานใหญ่) or a five-digit branch number; null for a person. */
  branch: string | null;
}

/** One line as issued: a whole quantity at a unit price, in minor units. */
export interface IssuedLine {
  description: string;
  quantity: number;
  unitPriceMinor: number;
  amountMinor: number;
}

/** What a credit note corrects, as it stood when the note was issued (Revenue Code section 86/10: original, correct value, difference). */
export interface CorrectedDocument {
  number: string;
  type: DocumentType;
  issuedAt: string;
  totalMinor: number;
  /** Credited by earlier credit notes of the same document. */
  creditedBeforeMinor: number;
}

/** Everything printed on a document, all of it fixed at issue. */
export interface DocumentContent {
  type: DocumentType;
  number: string;
  issuedAt: string;
  language: 'th' | 'en';
  currency: string;
  timeZone: string;
  seller: DocumentParty;
  buyer: DocumentParty;
  lines: IssuedLine[];
  subtotalMinor: number;
  vatMinor: number;
  totalMinor: number;
  vatRateBasisPoints: number;
  pricesIncludeVat: boolean;
  bookingNumber: string | null;
  paymentRef: string | null;
  paymentMethod: string | null;
  paidAt: string | null;
  corrects: CorrectedDocument | null;
  reason: string | null;
}
