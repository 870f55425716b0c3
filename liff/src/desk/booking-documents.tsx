import { useEffect, useState } from 'preact/hooks';
import type { DocumentView } from '../../../core/contracts/documents.ts';
import { fill, moneyMinor, toMinor, when, type Lang, type Words } from '../kit/i18n.ts';
import { staffCall } from '../kit/staff.ts';
import { common } from '../kit/ui.tsx';
import { w } from './words.ts';

/**
 * A booking's documents (receipts, invoices, tax invoices, abbreviated tax invoices, credit notes),
 * newest first, each with its PDF: the customer's link, which opens in LINE's browser without
 * another sign-in. Those who may issue documents issue one here (docs/documents.md): the request
 * carries an Idempotency-Key made once per form, so a double tap issues one document.
 */
const ISSUABLE = ['invoice', 'tax_invoice', 'abbreviated_tax_invoice', 'credit_note'] as const;
type Issuable = (typeof ISSUABLE)[number];

const words = {
  issue: { th: 'ออกเอกสาร', en: 'Issue a document' },
  forBooking: { th: 'ค่าบริการการจอง', en: 'Booking' },
  type: { th: 'ประเภท', en: 'Type' },
  description: { th: 'รายการ', en: 'Description' },
  amount: { th: 'จำนวนเงิน (บาท รวมภาษี)', en: 'Amount (baht, VAT included)' },
  buyerName: { th: 'ชื่อผู้ซื้อ', en: "Buyer's name" },
  buyerAddress: { th: 'ที่อยู่ผู้ซื้อ', en: "Buyer's address" },
  buyerTaxId: { th: 'เลขประจำตัวผู้เสียภาษีของผู้ซื้อ (13 หลัก)', en: "Buyer's tax ID (13 digits)" },
  corrects: { th: 'ลดหนี้ของเอกสาร', en: 'Credit which document' },
  reason: { th: 'เหตุผลที่ลดหนี้', en: 'Why credit it' },
  badAmount: { th: 'กรุณากรอกจำนวนเงิน เช่น 1500 หรือ 1500.50 ค่ะ', en: 'Enter an amount such as 1500 or 1500.50' },
  issued: { th: 'ออกเอกสาร {{n}} แล้วค่ะ', en: '{{n}} issued' },
  credit_exceeds_document: { th: 'ยอดใบลดหนี้เกินยอดที่ยังลดได้ของเอกสารนี้ค่ะ', en: 'That is more than is left to credit on that document.' },
  over_abbreviated_limit: { th: 'ยอดเกินวงเงินใบกำกับภาษีอย่างย่อของร้าน กรุณาออกใบกำกับภาษีที่ระบุผู้ซื้อค่ะ', en: "That is above this business's limit for an abbreviated tax invoice: issue a tax invoice naming the buyer." },
  seller_not_registered: { th: 'ร้านยังไม่ได้ตั้งค่าเลขประจำตัวผู้เสียภาษีและการจดทะเบียนภาษีมูลค่าเพิ่มในการตั้งค่าค่ะ', en: "This business's tax ID and VAT registration are not set in Settings." },
} satisfies Record<string, Words>;

const newKey = () => crypto.randomUUID();
const REFUSALS = { credit_exceeds_document: 1, over_abbreviated_limit: 1, seller_not_registered: 1 };

export function BookingDocuments(p: { lang: Lang; number: string; canIssue?: boolean }) {
  const { lang } = p;
  const [docs, setDocs] = useState<DocumentView[] | null>(null);
  const load = () => void staffCall<{ documents: DocumentView[] }>(`desk/documents?bookingNumber=${encodeURIComponent(p.number)}`).then((a) => setDocs(a.kind === 'ok' ? a.data.documents : []));
  useEffect(load, [p.number]);
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
      {p.canIssue && <IssueDocument lang={lang} number={p.number} docs={docs} onIssued={load} />}
    </section>
  );
}

function IssueDocument(p: { lang: Lang; number: string; docs: DocumentView[]; onIssued: () => void }) {
  const { lang } = p;
  const creditable = p.docs.filter((d) => d.type !== 'credit_note');
  const [type, setType] = useState<Issuable>('invoice');
  const [f, setF] = useState({ description: `${words.forBooking[lang]} ${p.number}`, amount: '', name: '', address: '', taxId: '', corrects: '', reason: '' });
  const [key, setKey] = useState(newKey);
  const [busy, setBusy] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const set = (k: keyof typeof f) => (e: { currentTarget: { value: string } }) => setF({ ...f, [k]: e.currentTarget.value });
  const submit = async (e: Event) => {
    e.preventDefault();
    const minor = toMinor(f.amount);
    if (!minor) return setSaid(words.badAmount[lang]);
    setBusy(true);
    const credit = type === 'credit_note';
    const body = {
      type,
      ...(credit ? { correctsNumber: f.corrects || creditable[0]?.number, reason: f.reason.trim() } : { bookingNumber: p.number }),
      ...(type === 'tax_invoice' ? { buyer: { name: f.name.trim(), address: f.address.trim() || null, taxId: f.taxId.trim() || null } } : {}),
      lines: [{ description: f.description.trim(), quantity: 1, unitPriceMinor: minor }],
      language: lang,
    };
    const a = await staffCall<DocumentView>('desk/documents', { method: 'POST', body, headers: { 'idempotency-key': key } });
    setBusy(false);
    if (a.kind === 'ok') {
      setSaid(fill(words.issued[lang], { n: a.data.number }));
      setKey(newKey());
      p.onIssued();
    } else if (a.kind === 'offline') setSaid(common.offline[lang]);
    else {
      // The refusals staff can act on, in their words; anything else as the API says it.
      const d = a.error.details as { code?: string }[] | { refusal?: string } | undefined;
      const why = (Array.isArray(d) ? d[0]?.code : d?.refusal) as keyof typeof words | undefined;
      setSaid(fill(w.failed[lang], { why: why && why in REFUSALS ? words[why][lang] : a.error.message }));
    }
  };
  return (
    <form class="stack" onSubmit={(e) => void submit(e)} aria-label={words.issue[lang]}>
      <h3>{words.issue[lang]}</h3>
      <label>
        {words.type[lang]}
        <select value={type} onChange={(e) => setType(e.currentTarget.value as Issuable)}>
          {ISSUABLE.filter((t) => t !== 'credit_note' || creditable.length).map((t) => (
            <option key={t} value={t}>
              {w[`document_${t}`][lang]}
            </option>
          ))}
        </select>
      </label>
      {type === 'credit_note' && (
        <>
          <label>
            {words.corrects[lang]}
            <select value={f.corrects || creditable[0]?.number} onChange={set('corrects')}>
              {creditable.map((d) => (
                <option key={d.number} value={d.number}>{`${d.number} · ${moneyMinor(lang, d.totalMinor - d.creditedMinor, d.currency)}`}</option>
              ))}
            </select>
          </label>
          <label>
            {words.reason[lang]}
            <input value={f.reason} onInput={set('reason')} required />
          </label>
        </>
      )}
      {type === 'tax_invoice' && (
        <>
          <label>
            {words.buyerName[lang]}
            <input value={f.name} onInput={set('name')} required />
          </label>
          <label>
            {words.buyerAddress[lang]}
            <input value={f.address} onInput={set('address')} />
          </label>
          <label>
            {words.buyerTaxId[lang]}
            <input value={f.taxId} onInput={set('taxId')} inputMode="numeric" />
          </label>
        </>
      )}
      <label>
        {words.description[lang]}
        <input value={f.description} onInput={set('description')} required />
      </label>
      <label>
        {words.amount[lang]}
        <input value={f.amount} onInput={set('amount')} inputMode="decimal" required />
      </label>
      <button type="submit" class="primary" disabled={busy}>
        {words.issue[lang]}
      </button>
      {said && <p role="status">{said}</p>}
    </form>
  );
}
