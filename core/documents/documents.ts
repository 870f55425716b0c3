import type { Knex } from 'knex';
import { iso } from '../time/iso.ts';
import type { DocumentView } from '../contracts/documents.ts';
import type { DocumentContent, DocumentType } from './document-types.ts';
import { customerDocumentPath } from './document-links.ts';

/**
 * The one writer of `documents`, and its reads. A document is inserted once, whole, and never
 * changed (the database refuses it: migrations/20261130110000_documents.ts).
 */
type Db = Knex | Knex.Transaction;

/** A document to store: what it prints (issued now), and what it links to. */
export interface NewDocument extends Omit<DocumentContent, 'issuedAt' | 'paidAt' | 'timeZone' | 'bookingNumber'> {
  orgId: string;
  issuedAt: Date;
  paidAt: Date | null;
  bookingId: string | null;
  contactId: string | null;
  correctsDocumentId: string | null;
  customerToken: string;
  issuedBy: { type: 'staff' | 'api_key' | 'system'; id: string | null };
  idempotency: { key: string; hash: string } | null;
}

export async function insertDocument(trx: Knex.Transaction, d: NewDocument): Promise<string> {
  const [row] = await trx('documents')
    .insert({
      org_id: d.orgId,
      type: d.type,
      number: d.number,
      issued_at: d.issuedAt,
      language: d.language,
      currency: d.currency,
      seller: JSON.stringify(d.seller),
      buyer: JSON.stringify(d.buyer),
      lines: JSON.stringify(d.lines),
      subtotal_minor: d.subtotalMinor,
      vat_minor: d.vatMinor,
      total_minor: d.totalMinor,
      vat_rate_bp: d.vatRateBasisPoints,
      prices_include_vat: d.pricesIncludeVat,
      booking_id: d.bookingId,
      contact_id: d.contactId,
      payment_ref: d.paymentRef,
      payment_method: d.paymentMethod,
      paid_at: d.paidAt,
      corrects_document_id: d.correctsDocumentId,
      corrects: d.corrects ? JSON.stringify(d.corrects) : null,
      reason: d.reason,
      customer_token: d.customerToken,
      issued_by_type: d.issuedBy.type,
      issued_by_id: d.issuedBy.id,
      idempotency_key: d.idempotency?.key ?? null,
      idempotency_hash: d.idempotency?.hash ?? null,
    })
    .returning('id');
  return row.id;
}

/** The documents with what the API shows beside them: the booking's number, the org's time zone, what was credited. */
function withContext(db: Db) {
  return db('documents as d')
    .leftJoin('bookings as b', 'b.id', 'd.booking_id')
    .join('orgs as o', 'o.id', 'd.org_id')
    .select(
      'd.*',
      'b.number as booking_number',
      'o.time_zone',
      db.raw(`(SELECT coalesce(sum(c.total_minor), 0) FROM documents c WHERE c.corrects_document_id = d.id) AS credited_minor`),
    );
}

export interface StoredDocument {
  id: string;
  orgId: string;
  view: DocumentView;
  content: DocumentContent;
}

function toStored(r: Record<string, any>): StoredDocument {
  const content: DocumentContent = {
    type: r.type,
    number: r.number,
    issuedAt: iso(r.issued_at),
    language: r.language,
    currency: r.currency,
    timeZone: r.time_zone,
    seller: r.seller,
    buyer: r.buyer,
    lines: r.lines,
    subtotalMinor: Number(r.subtotal_minor),
    vatMinor: Number(r.vat_minor),
    totalMinor: Number(r.total_minor),
    vatRateBasisPoints: r.vat_rate_bp,
    pricesIncludeVat: r.prices_include_vat,
    bookingNumber: r.booking_number ?? null,
    paymentRef: r.payment_ref,
    paymentMethod: r.payment_method,
    paidAt: iso(r.paid_at),
    corrects: r.corrects,
    reason: r.reason,
  };
  const { timeZone: _zone, ...shown } = content;
  return {
    id: r.id,
    orgId: r.org_id,
    content,
    view: { ...shown, creditedMinor: Number(r.credited_minor), pdfPath: `/api/v1/documents/${r.number}.pdf`, customerPath: customerDocumentPath(r.customer_token) },
  };
}

export async function documentByNumber(db: Db, orgId: string, number: string): Promise<StoredDocument | undefined> {
  const row = await withContext(db).where({ 'd.org_id': orgId, 'd.number': number }).first();
  return row ? toStored(row) : undefined;
}

export async function documentById(db: Db, id: string): Promise<StoredDocument> {
  return toStored(await withContext(db).where({ 'd.id': id }).first());
}

/** The document a customer's link names; any org (the token alone says which). */
export async function documentByCustomerToken(db: Db, token: string): Promise<StoredDocument | undefined> {
  const row = await withContext(db).where({ 'd.customer_token': token }).first();
  return row ? toStored(row) : undefined;
}

/** The document a request with this Idempotency-Key issued, with the hash of that request's body. */
export async function documentByIdempotencyKey(db: Db, orgId: string, key: string): Promise<{ document: StoredDocument; hash: string } | undefined> {
  const row = await withContext(db).where({ 'd.org_id': orgId, 'd.idempotency_key': key }).first();
  return row ? { document: toStored(row), hash: row.idempotency_hash } : undefined;
}

/** The receipt already issued for a payment, if any. */
export async function receiptForPayment(db: Db, orgId: string, paymentRef: string): Promise<StoredDocument | undefined> {
  const row = await withContext(db).where({ 'd.org_id': orgId, 'd.type': 'receipt', 'd.payment_ref': paymentRef }).first();
  return row ? toStored(row) : undefined;
}

export interface DocumentFilter {
  bookingNumber?: string;
  /** The customer's own: what the bot sends when they ask for their receipt in chat. */
  contactId?: string;
  type?: DocumentType;
  /** YYYY-MM-DD in the org's time zone, both days included. */
  from?: string;
  to?: string;
  limit: number;
}

/** The org's documents, newest first; undefined when the booking named is none of the org's. */
export async function listDocuments(db: Db, orgId: string, f: DocumentFilter): Promise<DocumentView[] | undefined> {
  const q = withContext(db).where('d.org_id', orgId);
  if (f.bookingNumber) {
    const booking = await db('bookings').select('id').where({ org_id: orgId, number: f.bookingNumber }).first();
    if (!booking) return undefined;
    q.where('d.booking_id', booking.id);
  }
  if (f.contactId) q.where('d.contact_id', f.contactId);
  if (f.type) q.where('d.type', f.type);
  if (f.from) q.whereRaw(`(d.issued_at AT TIME ZONE o.time_zone)::date >= ?::date`, [f.from]);
  if (f.to) q.whereRaw(`(d.issued_at AT TIME ZONE o.time_zone)::date <= ?::date`, [f.to]);
  const rows = await q.orderBy([{ column: 'd.issued_at', order: 'desc' }, { column: 'd.number', order: 'desc' }]).limit(f.limit);
  return rows.map((r) => toStored(r).view);
}

/** A document to correct, locked: credit notes of one document take turns, so together they never exceed it. */
export async function lockDocumentForCredit(trx: Knex.Transaction, orgId: string, number: string): Promise<StoredDocument | undefined> {
  const locked = await trx('documents').select('id').where({ org_id: orgId, number }).forUpdate().first();
  return locked ? documentById(trx, locked.id) : undefined;
}
