import type { Knex } from 'knex';
import type { DocumentView } from '../contracts/documents.ts';
import { emitWebhookEvent } from './case-events-out.ts';

/**
 * `document.issued` for the business's accounting system, in the transaction that issues the
 * document: the whole document as issued (parties, lines, totals in minor units), and where its
 * PDF is fetched with an API key. We hand documents to accounting software; we do not keep books.
 */
export async function sendDocumentIssuedWebhook(trx: Knex.Transaction, orgId: string, document: DocumentView): Promise<void> {
  await emitWebhookEvent(trx, { orgId, type: 'document.issued', data: async () => ({ document }) });
}
