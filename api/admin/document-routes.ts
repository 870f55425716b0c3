import { z } from 'zod';
import * as c from '../../core/contracts/documents.ts';
import { issueDocument, type DocumentActor, type IssueResult } from '../../core/documents/document-commands.ts';
import { documentByNumber, listDocuments, type StoredDocument } from '../../core/documents/documents.ts';
import { DomainError, forbidden, notFound, validationFailed } from '../../core/errors/index.ts';
import { bodyHash, checkIdempotencyKey } from '../../core/http/idempotency-key.ts';
import { answerPdf } from '../pdf-response.ts';
import { onDesk } from '../liff/staff-apps.ts';
import { parseRequest, route, type Caller } from '../route.ts';

/**
 * Documents on the API (docs/documents.md): the list, one document as JSON or as its PDF, and
 * issuing an invoice, a tax invoice or a credit note. An issued document is never changed: an
 * edit or a delete is answered 409 with the way to correct it, a credit note.
 */

function actorOf(caller: Caller): DocumentActor {
  return caller.actor.type === 'staff'
    ? { type: 'staff', staffId: caller.actor.id, role: caller.role }
    : { type: 'integration', apiKeyId: caller.actor.id, role: caller.role, staffId: caller.staffId };
}

/** A refusal of the issuing command as the API answers it. */
function accepted(r: IssueResult): StoredDocument {
  if (r.ok) return r.document;
  switch (r.refusal) {
    case 'not_allowed':
      throw forbidden(r.message);
    case 'booking_not_found':
    case 'document_not_found':
      throw new DomainError('not_found', r.message);
    case 'missing_field':
      throw validationFailed(r.message, [{ path: r.field, message: 'Required on a tax invoice', code: 'required' }]);
    case 'seller_not_registered':
      throw new DomainError('conflict', r.message, { setting: r.field, refusal: r.refusal });
    case 'not_creditable':
      throw validationFailed(r.message, [{ path: 'correctsNumber', message: r.message }]);
    case 'idempotency_key_reused':
      throw new DomainError('idempotency_key_reused', r.message);
    case 'over_abbreviated_limit':
      throw validationFailed(r.message, [{ path: 'lines', message: `At most ${r.limitMinor} minor units on an abbreviated tax invoice`, code: 'over_abbreviated_limit' }]);
    case 'credit_exceeds_document':
      throw validationFailed(r.message, [{ path: 'lines', message: `At most ${r.remainingMinor} minor units are left to credit`, code: 'credit_exceeds_document' }]);
  }
}

async function found(db: Parameters<typeof documentByNumber>[0], orgId: string, number: string): Promise<StoredDocument> {
  const d = await documentByNumber(db, orgId, number);
  if (!d) throw notFound('Document', { number });
  return d;
}


const numberParam = z.object({ number: c.documentNumber });

const neverEdited = (method: 'patch' | 'put' | 'delete') =>
  route({
    method,
    path: '/api/v1/documents/:number',
    summary: `Refused: an issued document is never ${method === 'delete' ? 'deleted' : 'edited'}. 409 \`conflict\` naming the way to correct it: a credit note (POST /api/v1/documents with type credit_note and correctsNumber)`,
    tag: 'documents',
    access: 'documents.issue',
    ...(method === 'delete' ? {} : { body: z.record(z.string(), z.unknown()) }),
    response: z.never(),
    handle: async ({ caller, deps, params }) => {
      const { number } = parseRequest(numberParam, params, 'path');
      const d = await found(deps.knex, caller.orgId, number);
      throw new DomainError('conflict', `Document ${d.content.number} was issued and is never changed: issue a credit note that corrects it`, {
        refusal: 'issued',
        correctWith: { method: 'POST', path: '/api/v1/documents', body: { type: 'credit_note', correctsNumber: d.content.number } },
      });
    },
  });

export const documentRoutes = [
  route({
    method: 'get',
    path: '/api/v1/documents',
    summary: "The org's documents, newest first: by booking, type and the day they were issued (the org's time zone)",
    tag: 'documents',
    access: 'documents.read',
    staffApp: onDesk('/documents', "A booking's documents on the desk (as GET /api/v1/documents)"),
    query: c.documentListQuery,
    response: c.documentList,
    handle: async ({ caller, deps, query }) => {
      const documents = await listDocuments(deps.knex, caller.orgId, query);
      if (!documents) throw notFound('Booking', { number: query.bookingNumber });
      return { documents };
    },
  }),

  // Before `/:number`, which would take "TAX-000001.pdf" for a number.
  route({
    method: 'get',
    path: '/api/v1/documents/:number.pdf',
    summary: 'A document as its PDF (A4, in its language, the Thai font embedded)',
    tag: 'documents',
    access: 'documents.read',
    response: z.string(),
    produces: 'application/pdf',
    handle: async ({ caller, deps, params, ctx }) => {
      const { number } = parseRequest(numberParam, params, 'path');
      return answerPdf(ctx, await found(deps.knex, caller.orgId, number));
    },
  }),

  route({
    method: 'get',
    path: '/api/v1/documents/:number',
    summary: 'One document as issued, with what credit notes have credited of it',
    tag: 'documents',
    access: 'documents.read',
    response: c.documentView,
    handle: async ({ caller, deps, params }) => (await found(deps.knex, caller.orgId, parseRequest(numberParam, params, 'path').number)).view,
  }),

  route({
    method: 'post',
    path: '/api/v1/documents',
    summary:
      "Issue an invoice or a tax invoice for a booking, or a credit note correcting an issued document. The next number of its type, without gaps. VAT 7 % (when the org's seller details say it is VAT-registered) on the document total, half-up to the satang. A tax invoice without the buyer's address or tax id: 422 naming the field; without the org's seller tax id: 409. An abbreviated tax invoice (section 86/6: no buyer, prices including VAT, its own ABB- numbers) from a seller not VAT-registered: 409; above the org's `documentSeller.abbreviatedTaxInvoiceMaxMinor`: 422. A credit note over what is left of its document: 422. Another org's booking or document: 404. Nothing is stored on a refusal. With an `Idempotency-Key` header (optional), the same key and body again answers 200 with the document it issued (header `Idempotent-Replayed: true`); the same key with another body is 422 `idempotency_key_reused`",
    tag: 'documents',
    access: 'documents.issue',
    staffApp: onDesk('/documents', 'Issue a document from the desk (as POST /api/v1/documents; the desk sends an Idempotency-Key per form, so a double tap issues one)'),
    body: c.documentIssue,
    response: c.documentView,
    status: 201,
    handle: async ({ caller, deps, body, ctx }) => {
      const header = ctx.get('idempotency-key') || undefined;
      const idempotency = header ? { key: checkIdempotencyKey(header, 'document to issue'), hash: bodyHash(body) } : undefined;
      const result = await deps.knex.transaction((trx) => issueDocument(trx, actorOf(caller), { ...body, orgId: caller.orgId, idempotency }));
      const document = accepted(result).view;
      if (!(result.ok && result.alreadyIssued)) return document;
      ctx.set('Idempotent-Replayed', 'true');
      return { status: 200, body: document };
    },
  }),

  neverEdited('patch'),
  neverEdited('put'),
  neverEdited('delete'),
];
