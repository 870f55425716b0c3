import type { Context } from 'koa';
import { renderDocumentPdf } from '../core/documents/document-pdf.ts';
import type { StoredDocument } from '../core/documents/documents.ts';

/** A document's PDF as the answer, for staff and for the customer's link: shown in the browser, saved under its number. */
export async function answerPdf(ctx: Context, d: StoredDocument) {
  const pdf = await renderDocumentPdf(d.content);
  ctx.type = 'application/pdf';
  ctx.set('content-disposition', `inline; filename="${d.content.number}.pdf"`);
  ctx.set('cache-control', 'private, max-age=300');
  ctx.set('x-content-type-options', 'nosniff');
  return { status: 200, body: pdf as unknown as string };
}
