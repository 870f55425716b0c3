import { useEffect, useState } from 'preact/hooks';
import type { DocumentView } from '../../../core/contracts/documents.ts';
import { fill, moneyMinor, when, type Lang } from '../kit/i18n.ts';
import { staffCall } from '../kit/staff.ts';
import { w } from './words.ts';

/**
 * A booking's documents (receipts, invoices, tax invoices, credit notes), newest first, each with
 * its PDF: the customer's link, which opens in LINE's browser without another sign-in.
 */
export function BookingDocuments(p: { lang: Lang; number: string }) {
  const { lang } = p;
  const [docs, setDocs] = useState<DocumentView[] | null>(null);
  useEffect(() => {
    void staffCall<{ documents: DocumentView[] }>(`desk/documents?bookingNumber=${encodeURIComponent(p.number)}`).then((a) => setDocs(a.kind === 'ok' ? a.data.documents : []));
  }, [p.number]);
  if (docs === null) return null;
  return (
    <section class="card" aria-labelledby="documents">
      <h2 id="documents">{w.documents[lang]}</h2>
      {docs.length === 0 ? (
        <p class="muted small">{w.noDocuments[lang]}</p>
      ) : (
        <ul class="list small">
          {docs.map((d) => (
            <li key={d.number}>
              {w[`document_${d.type}`][lang]} ·{' '}
              <a href={d.customerPath} target="_blank" rel="noopener" aria-label={fill(w.documentPdf[lang], { n: d.number })}>
                {d.number}
              </a>{' '}
              · {when(lang, d.issuedAt, false)} · {moneyMinor(lang, d.totalMinor, d.currency)}
              {d.creditedMinor > 0 && <span class="muted"> · {fill(w.credited[lang], { amount: moneyMinor(lang, d.creditedMinor, d.currency) })}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
