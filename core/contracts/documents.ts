import { z } from 'zod';
import { LANGUAGES } from '../vocabulary.ts';
import { minorUnits } from './orders.ts';
import { taxBranch, taxId } from './org-settings.ts';

/**
 * Receipts, invoices, tax invoices and credit notes (docs/documents.md), as the API issues and
 * shows them. Money is in integer minor units (satang for THB), never a float.
 */
export const DOCUMENT_TYPE_VALUES = ['receipt', 'invoice', 'tax_invoice', 'abbreviated_tax_invoice', 'credit_note'] as const;
/** What staff issue by hand; receipts follow confirmed payments. */
export const ISSUED_BY_HAND = ['invoice', 'tax_invoice', 'abbreviated_tax_invoice', 'credit_note'] as const;

export const documentNumber = z
  .string()
  .regex(/^(RC|INV|TAX|ABB|CN)-\d{6,}$/, 'must be a document number such as TAX-000001')
  .meta({ description: 'The document number: RC- (receipt), INV- (invoice), TAX- (tax invoice), ABB- (abbreviated tax invoice), CN- (credit note), gap-free per org and type', example: 'TAX-000001' });

const text = (max: number) => z.string().trim().min(1).max(max);

export const documentBuyerInput = z
  .object({
    name: text(200),
    address: text(500).nullable().optional(),
    taxId: taxId.nullable().optional(),
    branch: taxBranch.nullable().optional().meta({ description: "A company buyer's 'head_office' or five-digit branch number" }),
  })
  .strict()
  .meta({ description: "The buyer as printed. Left out: the booking's customer by name. A tax invoice needs the buyer's name, address and tax id" });

const lineInput = z
  .object({
    description: text(300),
    quantity: z.number().int('must be a whole number').min(1).max(100_000),
    unitPriceMinor: minorUnits('The price of one unit'),
  })
  .strict();

export const documentIssue = z
  .object({
    type: z.enum(ISSUED_BY_HAND),
    bookingNumber: z.string().min(1).max(100).optional().meta({ description: 'The booking the document is for (invoices and tax invoices); a credit note takes the booking of the document it corrects' }),
    correctsNumber: documentNumber.optional().meta({ description: 'A credit note: the document it corrects' }),
    reason: text(500).optional().meta({ description: 'A credit note: why (printed on it)' }),
    buyer: documentBuyerInput.optional(),
    lines: z.array(lineInput).min(1).max(100),
    pricesIncludeVat: z.boolean().default(true).meta({ description: 'Unit prices include VAT (true, the default) or VAT is added on top. A credit note follows the document it corrects' }),
    currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, like THB').default('THB'),
    language: z.enum(LANGUAGES).optional().meta({ description: "th or en; the booking's language unless given" }),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.type === 'credit_note') {
      if (!b.correctsNumber) ctx.addIssue({ code: 'custom', path: ['correctsNumber'], message: 'A credit note names the document it corrects' });
      if (!b.reason) ctx.addIssue({ code: 'custom', path: ['reason'], message: 'A credit note says why' });
    } else if (!b.bookingNumber) ctx.addIssue({ code: 'custom', path: ['bookingNumber'], message: `${{ invoice: 'An invoice', tax_invoice: 'A tax invoice', abbreviated_tax_invoice: 'An abbreviated tax invoice' }[b.type]} is issued for a booking` });
    // Section 86/6: the price a retail customer pays, VAT included.
    if (b.type === 'abbreviated_tax_invoice' && !b.pricesIncludeVat) ctx.addIssue({ code: 'custom', path: ['pricesIncludeVat'], message: 'An abbreviated tax invoice shows prices including VAT' });
  })
  .meta({ id: 'DocumentIssue' });
export type DocumentIssue = z.infer<typeof documentIssue>;

const party = z.object({ name: z.string(), address: z.string().nullable(), taxId: z.string().nullable(), branch: z.string().nullable() });

export const documentView = z
  .object({
    number: z.string(),
    type: z.enum(DOCUMENT_TYPE_VALUES),
    issuedAt: z.string(),
    language: z.enum(LANGUAGES),
    currency: z.string(),
    seller: party,
    buyer: party,
    lines: z.array(z.object({ description: z.string(), quantity: z.number().int(), unitPriceMinor: z.number().int(), amountMinor: z.number().int() })),
    subtotalMinor: z.number().int(),
    vatMinor: z.number().int(),
    totalMinor: z.number().int(),
    vatRateBasisPoints: z.number().int().meta({ description: '700 = 7 %; 0 when the seller charges no VAT. VAT is computed on the document total, rounded half-up to the minor unit' }),
    pricesIncludeVat: z.boolean(),
    bookingNumber: z.string().nullable(),
    paymentRef: z.string().nullable(),
    paymentMethod: z.string().nullable(),
    paidAt: z.string().nullable(),
    corrects: z.object({ number: z.string(), type: z.enum(DOCUMENT_TYPE_VALUES), issuedAt: z.string(), totalMinor: z.number().int(), creditedBeforeMinor: z.number().int() }).nullable(),
    reason: z.string().nullable(),
    creditedMinor: z.number().int().meta({ description: 'Credited so far by credit notes of this document' }),
    pdfPath: z.string().meta({ description: 'The PDF, with an API key' }),
    customerPath: z.string().meta({ description: "The PDF by the customer's link: no sign-in, for the customer's chat or e-mail" }),
  })
  .meta({ id: 'Document' });
export type DocumentView = z.infer<typeof documentView>;

export const documentListQuery = z
  .object({
    bookingNumber: z.string().min(1).max(100).optional(),
    type: z.enum(DOCUMENT_TYPE_VALUES).optional(),
    from: z.iso.date().optional().meta({ description: "Issued on or after this day (the org's time zone), YYYY-MM-DD" }),
    to: z.iso.date().optional().meta({ description: 'Issued on or before this day, YYYY-MM-DD' }),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const documentList = z.object({ documents: z.array(documentView) }).meta({ id: 'DocumentList' });
