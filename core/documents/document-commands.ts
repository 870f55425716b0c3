import type { Knex } from 'knex';
import { can, type Role } from '../access/roles.ts';
import type { DocumentIssue } from '../contracts/documents.ts';
import { documentSellerOf } from '../contracts/org-settings.ts';
import { sendDocumentIssuedWebhook } from '../integrations/document-events-out.ts';
import { nextNumber } from '../org-counters.ts';
import type { Language } from '../vocabulary.ts';
import { newCustomerToken } from './document-links.ts';
import { THAI_VAT_RATE_BASIS_POINTS, documentTotals, type DocumentLineInput } from './document-totals.ts';
import type { CorrectedDocument, DocumentParty, DocumentType } from './document-types.ts';
import { documentById, documentByIdempotencyKey, insertDocument, lockDocumentForCredit, receiptForPayment, type StoredDocument } from './documents.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * Issuing documents, the one front door (DESIGN.md decision 14): staff and the accountant on the
 * API and the desk, and the payments side when a payment is confirmed (a receipt). Each command
 * holds the rules (who may, what a tax invoice must name, how much a credit note may take back),
 * takes the next number of the document's type in the caller's transaction, writes through the
 * table's owner (documents.ts) and answers with the document or a typed refusal that changed
 * nothing. An issued document is never changed: a correction is a credit note.
 */

export type DocumentActor =
  | { type: 'staff'; staffId: string; role: Role }
  | { type: 'integration'; apiKeyId: string; role: Role; staffId: string | null }
  | { type: 'system' };

/**
 * Why nothing was issued: `not_allowed` the actor's role may not issue documents;
 * `booking_not_found` / `document_not_found` no such booking or document in the org;
 * `missing_field` a tax invoice without what section 86/4 asks of the buyer (`field` names it);
 * `seller_not_registered` a tax invoice from an org whose seller details have no tax id or are not
 * VAT-registered (`field`: the org setting); `not_creditable` a credit note of a credit note;
 * `credit_exceeds_document` more than is left to credit on the document (`remainingMinor`);
 * `over_abbreviated_limit` an abbreviated tax invoice above the org's limit for one (`limitMinor`):
 * a full tax invoice naming the buyer is issued instead;
 * `idempotency_key_reused` the request's Idempotency-Key issued a document for another body.
 */
export type DocumentRefusal =
  | { refusal: 'not_allowed'; message: string }
  | { refusal: 'booking_not_found'; message: string }
  | { refusal: 'document_not_found'; message: string }
  | { refusal: 'missing_field'; field: string; message: string }
  | { refusal: 'seller_not_registered'; field: string; message: string }
  | { refusal: 'not_creditable'; message: string }
  | { refusal: 'credit_exceeds_document'; remainingMinor: number; message: string }
  | { refusal: 'over_abbreviated_limit'; limitMinor: number; message: string }
  | { refusal: 'idempotency_key_reused'; message: string };

export type IssueResult = { ok: true; document: StoredDocument; alreadyIssued?: boolean } | ({ ok: false } & DocumentRefusal);

const refuse = (r: DocumentRefusal): IssueResult => ({ ok: false, ...r });

function issuedBy(a: DocumentActor): { type: 'staff' | 'api_key' | 'system'; id: string | null } {
  if (a.type === 'staff') return { type: 'staff', id: a.staffId };
  if (a.type === 'integration') return { type: 'api_key', id: a.apiKeyId };
  return { type: 'system', id: null };
}

interface Seller {
  party: DocumentParty;
  vatRegistered: boolean;
  abbreviatedMaxMinor: number | null;
}

/** The org's seller details as set (org settings `documentSeller`), or its name alone, charging no VAT. */
async function sellerOf(trx: Knex.Transaction, orgId: string): Promise<Seller> {
  const org = (await orgSettingsRow(trx, orgId))!;
  const s = documentSellerOf(org.settings);
  if (!s) return { party: { name: org.name, address: null, taxId: null, branch: null }, vatRegistered: false, abbreviatedMaxMinor: null };
  return { party: { name: s.name, address: s.address, taxId: s.taxId, branch: s.branch }, vatRegistered: s.vatRegistered, abbreviatedMaxMinor: s.abbreviatedTaxInvoiceMaxMinor ?? null };
}

interface BookingFacts {
  id: string;
  number: string;
  contactId: string;
  contactName: string | null;
  language: Language;
  serviceName: Record<Language, string> | null;
}

async function bookingOf(trx: Knex.Transaction, orgId: string, where: { number: string } | { id: string }): Promise<BookingFacts | undefined> {
  const r = await trx('bookings as b')
    .join('contacts as c', 'c.id', 'b.contact_id')
    .leftJoin('services as s', 's.id', 'b.service_id')
    .select('b.id', 'b.number', 'b.contact_id', 'b.language', 'c.display_name', 's.name_th', 's.name_en')
    .where({ 'b.org_id': orgId, ...('number' in where ? { 'b.number': where.number } : { 'b.id': where.id }) })
    .first();
  if (!r) return undefined;
  return {
    id: r.id,
    number: r.number,
    contactId: r.contact_id,
    contactName: r.display_name,
    language: r.language === 'en' ? 'en' : 'th',
    serviceName: r.name_th ? { th: r.name_th, en: r.name_en } : null,
  };
}

const party = (b: NonNullable<DocumentIssue['buyer']>): DocumentParty => ({ name: b.name, address: b.address ?? null, taxId: b.taxId ?? null, branch: b.branch ?? null });

/** What section 86/4 asks of a tax invoice's buyer, in the order a form shows it: the first missing field. */
function missingForTaxInvoice(buyer: DocumentParty | undefined): string | undefined {
  if (!buyer) return 'buyer';
  if (!buyer.address) return 'buyer.address';
  if (!buyer.taxId) return 'buyer.taxId';
  return undefined;
}

/**
 * An invoice or a tax invoice for a booking, or a credit note correcting an issued document. The
 * number of its type is taken last, once every rule has passed, in `trx`: the document and its
 * number commit together or not at all, so the numbers have no gaps.
 */
export async function issueDocument(
  trx: Knex.Transaction,
  actor: DocumentActor,
  input: DocumentIssue & { orgId: string; idempotency?: { key: string; hash: string } },
): Promise<IssueResult> {
  if (actor.type !== 'system' && !can(actor.role, 'documents.issue')) return refuse({ refusal: 'not_allowed', message: 'This role may not issue documents' });
  if (input.idempotency) {
    // A retried request (its answer lost on the way) answers the document it issued, never a second one with the next number.
    await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`document:${input.orgId}:${input.idempotency.key}`]);
    const earlier = await documentByIdempotencyKey(trx, input.orgId, input.idempotency.key);
    if (earlier?.hash === input.idempotency.hash) return { ok: true, document: earlier.document, alreadyIssued: true };
    if (earlier) return refuse({ refusal: 'idempotency_key_reused', message: `This Idempotency-Key issued ${earlier.document.view.number} for another request` });
  }
  const seller = await sellerOf(trx, input.orgId);

  if (input.type === 'credit_note') {
    const corrected = await lockDocumentForCredit(trx, input.orgId, input.correctsNumber!);
    if (!corrected) return refuse({ refusal: 'document_not_found', message: `No document ${input.correctsNumber} in this org` });
    const c = corrected.content;
    if (c.type === 'credit_note') return refuse({ refusal: 'not_creditable', message: `${c.number} is a credit note: correct the document it credits` });
    const totals = documentTotals({ lines: input.lines, pricesIncludeVat: c.pricesIncludeVat, vatRateBasisPoints: c.vatRateBasisPoints });
    const creditedBefore = corrected.view.creditedMinor;
    const remaining = c.totalMinor - creditedBefore;
    if (totals.totalMinor > remaining) {
      return refuse({
        refusal: 'credit_exceeds_document',
        remainingMinor: remaining,
        message: `A credit note of ${c.number} may credit at most ${remaining} minor units (${c.totalMinor} issued, ${creditedBefore} credited already); this one totals ${totals.totalMinor}`,
      });
    }
    const corrects: CorrectedDocument = { number: c.number, type: c.type, issuedAt: c.issuedAt, totalMinor: c.totalMinor, creditedBeforeMinor: creditedBefore };
    const booking = await trx('documents').select('booking_id', 'contact_id').where({ id: corrected.id }).first();
    return issue(trx, actor, {
      orgId: input.orgId,
      type: 'credit_note',
      language: input.language ?? c.language,
      currency: c.currency,
      seller: seller.party.taxId ? seller.party : c.seller,
      buyer: c.buyer,
      totals,
      bookingId: booking.booking_id,
      contactId: booking.contact_id,
      correctsDocumentId: corrected.id,
      corrects,
      reason: input.reason ?? null,
      idempotency: input.idempotency,
    });
  }

  const booking = await bookingOf(trx, input.orgId, { number: input.bookingNumber! });
  if (!booking) return refuse({ refusal: 'booking_not_found', message: `No booking ${input.bookingNumber} in this org` });
  const buyer = input.buyer ? party(input.buyer) : undefined;
  if (input.type === 'tax_invoice') {
    if (!seller.vatRegistered || !seller.party.taxId || !seller.party.address) {
      return refuse({ refusal: 'seller_not_registered', field: 'documentSeller', message: "A tax invoice needs the org's seller details with a tax id, an address and VAT registration (org settings: documentSeller)" });
    }
    const missing = missingForTaxInvoice(buyer);
    if (missing) return refuse({ refusal: 'missing_field', field: missing, message: `A tax invoice needs the buyer's name, address and tax id: ${missing} is missing` });
  }
  const totals = documentTotals({ lines: input.lines, pricesIncludeVat: input.pricesIncludeVat, vatRateBasisPoints: seller.vatRegistered ? THAI_VAT_RATE_BASIS_POINTS : 0 });
  if (input.type === 'abbreviated_tax_invoice') {
    // Section 86/6: a VAT-registered seller's tax id, no buyer; the org may cap it (docs/documents.md).
    if (!seller.vatRegistered || !seller.party.taxId) {
      return refuse({ refusal: 'seller_not_registered', field: 'documentSeller', message: "An abbreviated tax invoice needs the org's seller details with a tax id and VAT registration (org settings: documentSeller)" });
    }
    if (seller.abbreviatedMaxMinor !== null && totals.totalMinor > seller.abbreviatedMaxMinor) {
      return refuse({
        refusal: 'over_abbreviated_limit',
        limitMinor: seller.abbreviatedMaxMinor,
        message: `This business issues abbreviated tax invoices up to ${seller.abbreviatedMaxMinor} minor units; this one totals ${totals.totalMinor}: issue a tax invoice naming the buyer`,
      });
    }
  }
  return issue(trx, actor, {
    orgId: input.orgId,
    type: input.type,
    language: input.language ?? booking.language,
    currency: input.currency,
    seller: seller.party,
    buyer: buyer ?? { name: booking.contactName ?? booking.number, address: null, taxId: null, branch: null },
    totals,
    bookingId: booking.id,
    contactId: booking.contactId,
    idempotency: input.idempotency,
  });
}

export interface ConfirmedPayment {
  orgId: string;
  bookingId: string;
  contactId: string | null;
  /** The payment's id on the payments side; one receipt per payment. */
  paymentRef: string;
  amountMinor: number;
  currency: string;
  /** How it was paid, as printed: card, PromptPay, bank transfer. */
  method: string;
  paidAt: Date;
  language?: Language;
}

const RECEIPT_LINE: Record<Language, (booking: string, service: string | null) => string> = {
  th: (booking, service) => `ชำระเงินสำหรับการจอง ${booking}${service ? ` ${service}` : ''}`,
  en: (booking, service) => `Payment for booking ${booking}${service ? `, ${service}` : ''}`,
};

/**
 * The receipt for a confirmed payment (called from the payment's `payment_confirmed` event, in
 * its transaction). A payment is receipted once: a second call for the same `paymentRef`, even
 * concurrently, answers the receipt already issued.
 */
export async function issueReceiptForPayment(trx: Knex.Transaction, p: ConfirmedPayment): Promise<IssueResult> {
  // Two deliveries of one payment take turns here; the second then finds the first's receipt.
  await trx.raw('SELECT pg_advisory_xact_lock(hashtextextended(?, 0))', [`receipt:${p.orgId}:${p.paymentRef}`]);
  const existing = await receiptForPayment(trx, p.orgId, p.paymentRef);
  if (existing) return { ok: true, document: existing, alreadyIssued: true };
  const booking = await bookingOf(trx, p.orgId, { id: p.bookingId });
  if (!booking) return refuse({ refusal: 'booking_not_found', message: 'No such booking in this org' });
  const seller = await sellerOf(trx, p.orgId);
  const language = p.language ?? booking.language;
  const line: DocumentLineInput = { description: RECEIPT_LINE[language](booking.number, booking.serviceName?.[language] ?? null), quantity: 1, unitPriceMinor: p.amountMinor };
  return issue(trx, { type: 'system' }, {
    orgId: p.orgId,
    type: 'receipt',
    language,
    currency: p.currency,
    seller: seller.party,
    buyer: { name: booking.contactName ?? booking.number, address: null, taxId: null, branch: null },
    totals: documentTotals({ lines: [line], pricesIncludeVat: true, vatRateBasisPoints: seller.vatRegistered ? THAI_VAT_RATE_BASIS_POINTS : 0 }),
    bookingId: booking.id,
    contactId: p.contactId ?? booking.contactId,
    payment: { ref: p.paymentRef, method: p.method, paidAt: p.paidAt },
  });
}

interface Issue {
  orgId: string;
  type: DocumentType;
  language: Language;
  currency: string;
  seller: DocumentParty;
  buyer: DocumentParty;
  totals: ReturnType<typeof documentTotals>;
  bookingId: string | null;
  contactId: string | null;
  payment?: { ref: string; method: string; paidAt: Date };
  correctsDocumentId?: string;
  corrects?: CorrectedDocument;
  reason?: string | null;
  idempotency?: { key: string; hash: string };
}

/** Numbers and stores a document that passed its rules, and tells the org's accounting system. */
async function issue(trx: Knex.Transaction, actor: DocumentActor, d: Issue): Promise<IssueResult> {
  const number = await nextNumber(trx, d.orgId, d.type);
  const id = await insertDocument(trx, {
    orgId: d.orgId,
    type: d.type,
    number,
    issuedAt: new Date(),
    language: d.language,
    currency: d.currency,
    seller: d.seller,
    buyer: d.buyer,
    lines: d.totals.lines,
    subtotalMinor: d.totals.subtotalMinor,
    vatMinor: d.totals.vatMinor,
    totalMinor: d.totals.totalMinor,
    vatRateBasisPoints: d.totals.vatRateBasisPoints,
    pricesIncludeVat: d.totals.pricesIncludeVat,
    bookingId: d.bookingId,
    contactId: d.contactId,
    paymentRef: d.payment?.ref ?? null,
    paymentMethod: d.payment?.method ?? null,
    paidAt: d.payment?.paidAt ?? null,
    correctsDocumentId: d.correctsDocumentId ?? null,
    corrects: d.corrects ?? null,
    reason: d.reason ?? null,
    customerToken: newCustomerToken(),
    issuedBy: issuedBy(actor),
    idempotency: d.idempotency ?? null,
  });
  const document = await documentById(trx, id);
  await sendDocumentIssuedWebhook(trx, d.orgId, document.view);
  return { ok: true, document };
}
