import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyHasher, issueApiKey } from '../core/api-keys/api-key-service.ts';
import { loadOrCreateKeyFile } from '../core/crypto/key-file.ts';
import { verifyBodySignature } from '../core/http/body-signature.ts';
import { issueDocument, issueReceiptForPayment } from '../core/documents/document-commands.ts';
import { insertDocument } from '../core/documents/documents.ts';
import { nextNumber } from '../core/org-counters.ts';
import { apiClient } from './support/api-client.ts';
import { lookAtPdf } from './support/pdf-pages.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * Documents end to end (docs/documents.md): an accountant issues a tax invoice for a booking, reads
 * it as JSON and as a PDF (looked at as PNGs under test-results/screenshots/), corrects it with
 * credit notes; a confirmed payment gets one receipt the customer opens by a link; the accounting
 * system hears `document.issued`. Every refusal shows its answer and that nothing was written: no
 * document, no number taken, no webhook.
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
const keys: Record<string, string> = {};
let receiver: Server;
const received: { body: string; headers: IncomingHttpHeaders }[] = [];
let webhookSecret: string;

const SELLER = { name: 'บริษัท ทะเลใส ทัวร์ จำกัด', address: '99/1 ถนนเจริญกรุง แขวงบางรัก เขตบางรัก กรุงเทพมหานคร 10500', taxId: '0105556123456', branch: 'head_office', vatRegistered: true };
const BUYER = { name: 'บริษัท ลูกค้าดี จำกัด', address: '1 ถนนสุขุมวิท แขวงคลองเตย เขตคลองเตย กรุงเทพมหานคร 10110', taxId: '0107551000011', branch: '00002' };
const TOUR = { description: 'ทัวร์กรุงเทพฯ ครึ่งวัน (ผู้ใหญ่)', quantity: 2, unitPriceMinor: 150_000 };

beforeAll(async () => {
  sys = await startTestSystem();
  api = apiClient(sys);
  for (const role of ['accountant', 'ceo', 'integration']) keys[role] = (await api('POST', '/api/v1/api-keys', { name: `docs ${role}`, role })).json.key;
  expect((await api('PATCH', '/api/v1/org/settings', { documentSeller: SELLER })).status).toBe(200);
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      received.push({ body, headers: req.headers });
      res.end('ok');
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
  const ep = await api('POST', '/api/v1/webhook-endpoints', { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/books`, events: ['document.issued'] });
  expect(ep.status).toBe(201);
  webhookSecret = ep.json.secret;
}, 60_000);
afterAll(async () => {
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
  await sys?.stopAll();
});

let bookings = 0;
async function newBooking(key?: string): Promise<string> {
  bookings += 1;
  const r = await api('POST', '/api/v1/bookings', { service: 'bangkok_city_tour', name: 'คุณสมชาย ใจดี', phone: `+6681000${String(bookings).padStart(4, '0')}`, language: 'th' }, key);
  expect(r.status).toBe(201);
  return r.json.number;
}

const issue = (body: Record<string, unknown>, key = keys.accountant) => api('POST', '/api/v1/documents', body, key);

/** Everything a refusal must leave as it was. */
async function written() {
  const k = sys.knex;
  return {
    documents: await k('documents').select('number').orderBy('number'),
    counters: await k('org_counters').select('org_id', 'name', 'value').whereIn('name', ['receipt', 'invoice', 'tax_invoice', 'credit_note']).orderBy(['org_id', 'name']),
    deliveries: Number((await k('webhook_deliveries').count({ n: '*' }))[0].n),
  };
}
async function nothingWritten<T>(refused: () => Promise<T>): Promise<T> {
  const before = await written();
  const answer = await refused();
  expect(await written()).toEqual(before);
  return answer;
}

async function pdfOf(path: string, key?: string) {
  const res = await fetch(sys.url + path, key ? { headers: { authorization: `Bearer ${key}` } } : {});
  return { status: res.status, type: res.headers.get('content-type'), bytes: Buffer.from(await res.arrayBuffer()) };
}


describe('a tax invoice', () => {
  it('is issued for a booking with the next number, VAT 7 % on the total, and reads as JSON and PDF in Thai and English', async () => {
    const booking = await newBooking();
    const th = await issue({ type: 'tax_invoice', bookingNumber: booking, buyer: BUYER, lines: [TOUR, { description: 'Snorkel rental', quantity: 1, unitPriceMinor: 9_999 }] });
    expect(th.status).toBe(201);
    // 309,999 satang with VAT in it: VAT = 309999 x 7 / 107 = 20280.31 -> 20280.
    expect(th.json).toMatchObject({ type: 'tax_invoice', number: 'TAX-000001', bookingNumber: booking, currency: 'THB', language: 'th', subtotalMinor: 289_719, vatMinor: 20_280, totalMinor: 309_999, vatRateBasisPoints: 700, pricesIncludeVat: true, seller: { name: SELLER.name, taxId: SELLER.taxId, branch: 'head_office' }, buyer: BUYER, creditedMinor: 0 });
    expect(th.json.lines.map((l: { amountMinor: number }) => l.amountMinor)).toEqual([300_000, 9_999]);
    expect((await api('GET', `/api/v1/documents/${th.json.number}`, undefined, keys.integration)).json).toEqual(th.json);

    const en = await issue({ type: 'tax_invoice', bookingNumber: booking, buyer: BUYER, lines: [TOUR], pricesIncludeVat: false, language: 'en' });
    expect(en.json).toMatchObject({ number: 'TAX-000002', language: 'en', subtotalMinor: 300_000, vatMinor: 21_000, totalMinor: 321_000 });

    for (const [doc, name] of [[th.json, 'document-tax-invoice-th'], [en.json, 'document-tax-invoice-en']] as const) {
      const pdf = await pdfOf(doc.pdfPath, keys.accountant);
      expect(pdf.status).toBe(200);
      expect(pdf.type).toBe('application/pdf');
      expect(pdf.bytes.subarray(0, 5).toString()).toBe('%PDF-');
      const text = lookAtPdf(pdf.bytes, name);
      expect(text).toContain(doc.number);
      expect(text).toContain('0105556123456');
      expect(text).toContain('0107551000011');
      expect(text).toContain(doc.language === 'th' ? '฿3,099.99' : '฿3,210.00');
      expect(text).toContain(doc.language === 'th' ? '฿202.80' : '฿210.00');
      expect(text).toContain('ภาษี');
    }
    const listed = await api('GET', `/api/v1/documents?bookingNumber=${booking}&type=tax_invoice`);
    expect(listed.json.documents.map((d: { number: string }) => d.number)).toEqual(['TAX-000002', 'TAX-000001']);
  });

  it('for a buyer without a tax id or address is refused naming the field, and nothing is written', async () => {
    const booking = await newBooking();
    const noTaxId = await nothingWritten(() => issue({ type: 'tax_invoice', bookingNumber: booking, buyer: { ...BUYER, taxId: undefined }, lines: [TOUR] }));
    expect(noTaxId.status).toBe(422);
    expect(noTaxId.json.error).toMatchObject({ code: 'validation_failed', details: [{ path: 'buyer.taxId', code: 'required' }] });
    expect(noTaxId.json.error.message).toContain("buyer's name, address and tax id");
    const noBuyer = await nothingWritten(() => issue({ type: 'tax_invoice', bookingNumber: booking, lines: [TOUR] }));
    expect(noBuyer.json.error.details).toEqual([{ path: 'buyer', message: 'Required on a tax invoice', code: 'required' }]);
    const noAddress = await nothingWritten(() => issue({ type: 'tax_invoice', bookingNumber: booking, buyer: { name: BUYER.name, taxId: BUYER.taxId }, lines: [TOUR] }));
    expect(noAddress.json.error.details[0].path).toBe('buyer.address');
    const badTaxId = await nothingWritten(() => issue({ type: 'tax_invoice', bookingNumber: booking, buyer: { ...BUYER, taxId: '12345' }, lines: [TOUR] }));
    expect(badTaxId.status).toBe(422);
    expect(badTaxId.json.error.details[0]).toMatchObject({ path: 'buyer.taxId', message: 'must be a Thai tax id: 13 digits' });
  });

  it('from a seller without VAT registration is refused (409 naming the setting); an invoice is issued without VAT', async () => {
    const booking = await newBooking();
    await api('PATCH', '/api/v1/org/settings', { documentSeller: { ...SELLER, vatRegistered: false } });
    try {
      const refused = await nothingWritten(() => issue({ type: 'tax_invoice', bookingNumber: booking, buyer: BUYER, lines: [TOUR] }));
      expect(refused.status).toBe(409);
      expect(refused.json.error).toMatchObject({ code: 'conflict', details: { setting: 'documentSeller' } });
      const invoice = await issue({ type: 'invoice', bookingNumber: booking, lines: [TOUR] });
      expect(invoice.json).toMatchObject({ type: 'invoice', vatMinor: 0, vatRateBasisPoints: 0, totalMinor: 300_000, subtotalMinor: 300_000, buyer: { name: 'คุณสมชาย ใจดี', taxId: null } });
    } finally {
      await api('PATCH', '/api/v1/org/settings', { documentSeller: SELLER });
    }
  });
});

describe('an issued document is never changed', () => {
  it('an edit or a delete on the API is refused with the way to correct it: a credit note', async () => {
    const doc = (await issue({ type: 'invoice', bookingNumber: await newBooking(), lines: [TOUR] })).json;
    const stored = await sys.knex('documents').where({ number: doc.number }).first();
    for (const method of ['PATCH', 'PUT', 'DELETE']) {
      const r = await nothingWritten(() => api(method, `/api/v1/documents/${doc.number}`, method === 'DELETE' ? undefined : { totalMinor: 1 }));
      expect(r.status).toBe(409);
      expect(r.json.error).toMatchObject({ code: 'conflict', message: `Document ${doc.number} was issued and is never changed: issue a credit note that corrects it`, details: { refusal: 'issued', correctWith: { body: { type: 'credit_note', correctsNumber: doc.number } } } });
    }
    expect(await sys.knex('documents').where({ number: doc.number }).first()).toEqual(stored);
  });

  it('the database itself refuses an UPDATE of what was issued, and a DELETE, whoever connects', async () => {
    const doc = (await issue({ type: 'invoice', bookingNumber: await newBooking(), lines: [TOUR] })).json;
    const stored = await sys.knex('documents').where({ number: doc.number }).first();
    await expect(sys.knex.raw(`UPDATE documents SET total_minor = 1, subtotal_minor = 1, vat_minor = 0 WHERE number = ?`, [doc.number])).rejects.toThrow(/was issued and is never edited: issue a credit note/);
    await expect(sys.knex.raw(`UPDATE documents SET buyer = '{"name": "someone else"}' WHERE number = ?`, [doc.number])).rejects.toThrow(/never edited/);
    await expect(sys.knex.raw(`UPDATE documents SET booking_id = gen_random_uuid() WHERE number = ?`, [doc.number])).rejects.toThrow();
    await expect(sys.knex.raw(`DELETE FROM documents WHERE number = ?`, [doc.number])).rejects.toThrow(/never deleted/);
    expect(await sys.knex('documents').where({ number: doc.number }).first()).toEqual(stored);
    // Its booking going away leaves the document, unlinked: what it printed stays.
    await sys.knex.raw('UPDATE documents SET booking_id = NULL WHERE number = ?', [doc.number]);
    expect(await sys.knex('documents').where({ number: doc.number }).first()).toEqual({ ...stored, booking_id: null });
  });

  it('goes only with its org, when the platform operator deletes the org', async () => {
    const [org] = await sys.knex('orgs').insert({ slug: `closing-${randomBytes(3).toString('hex')}`, name: 'Closing shop', time_zone: 'Asia/Bangkok' }).returning('id');
    const doc = await sys.knex.transaction(async (trx) => {
      const number = await nextNumber(trx, org.id, 'invoice');
      const party = { name: 'Closing shop', address: null, taxId: null, branch: null };
      return insertDocument(trx, { orgId: org.id, type: 'invoice', number, issuedAt: new Date(), language: 'en', currency: 'THB', seller: party, buyer: party, lines: [], subtotalMinor: 0, vatMinor: 0, totalMinor: 0, vatRateBasisPoints: 0, pricesIncludeVat: true, bookingId: null, contactId: null, paymentRef: null, paymentMethod: null, paidAt: null, correctsDocumentId: null, corrects: null, reason: null, customerToken: randomBytes(24).toString('base64url'), issuedBy: { type: 'system', id: null }, idempotency: null });
    });
    await expect(sys.knex('documents').where({ id: doc }).del()).rejects.toThrow(/never deleted/);
    await sys.knex('orgs').where({ id: org.id }).del();
    expect(await sys.knex('documents').where({ id: doc }).first()).toBeUndefined();
  });
});

describe('credit notes', () => {
  it('correct a document up to what is left of it; one over it is refused and nothing is written', async () => {
    const tax = (await issue({ type: 'tax_invoice', bookingNumber: await newBooking(), buyer: BUYER, lines: [TOUR] })).json;
    const over = await nothingWritten(() => issue({ type: 'credit_note', correctsNumber: tax.number, reason: 'too much', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 300_001 }] }));
    expect(over.status).toBe(422);
    expect(over.json.error.details).toEqual([{ path: 'lines', message: 'At most 300000 minor units are left to credit', code: 'credit_exceeds_document' }]);

    const first = await issue({ type: 'credit_note', correctsNumber: tax.number, reason: 'ลูกค้ายกเลิก 1 ท่าน', lines: [{ description: 'คืนเงิน ผู้ใหญ่ 1 ท่าน', quantity: 1, unitPriceMinor: 150_000 }] });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ type: 'credit_note', buyer: BUYER, totalMinor: 150_000, vatMinor: 9_813, corrects: { number: tax.number, totalMinor: 300_000, creditedBeforeMinor: 0 }, reason: 'ลูกค้ายกเลิก 1 ท่าน', bookingNumber: tax.bookingNumber });
    expect((await api('GET', `/api/v1/documents/${tax.number}`)).json.creditedMinor).toBe(150_000);
    lookAtPdf((await pdfOf(first.json.pdfPath, keys.accountant)).bytes, 'document-credit-note-th');

    const again = await nothingWritten(() => issue({ type: 'credit_note', correctsNumber: tax.number, reason: 'again', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 150_001 }] }));
    expect(again.json.error.details[0].message).toBe('At most 150000 minor units are left to credit');
    const ofCredit = await nothingWritten(() => issue({ type: 'credit_note', correctsNumber: first.json.number, reason: 'x', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 1 }] }));
    expect(ofCredit.json.error.details[0].path).toBe('correctsNumber');
  });

  it('racing each other past the document: one is issued, the other refused', async () => {
    const inv = (await issue({ type: 'invoice', bookingNumber: await newBooking(), lines: [TOUR] })).json;
    const note = () => issue({ type: 'credit_note', correctsNumber: inv.number, reason: 'race', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 200_000 }] });
    const answers = await Promise.all([note(), note(), note()]);
    expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422]);
    expect((await api('GET', `/api/v1/documents/${inv.number}`)).json.creditedMinor).toBe(200_000);
  });
});

describe('numbers', () => {
  it('documents issued at once in many transactions take consecutive numbers, none twice, none skipped, even when some roll back', async () => {
    const booking = await newBooking();
    const before = await sys.knex('documents').where({ type: 'invoice', org_id: sys.defaultOrgId }).pluck('number');
    const last = Math.max(0, ...before.map((n: string) => Number(n.slice(4))));
    const actor = { type: 'system' } as const;
    const tries = Array.from({ length: 24 }, (_, i) =>
      sys.knex
        .transaction(async (trx) => {
          const r = await issueDocument(trx, actor, { orgId: sys.defaultOrgId, type: 'invoice', bookingNumber: booking, lines: [{ description: `#${i}`, quantity: 1, unitPriceMinor: 100 }], pricesIncludeVat: true, currency: 'THB' });
          // Every third transaction fails after issuing: its number must come back.
          if (i % 3 === 0) throw new Error('rolled back');
          return r;
        })
        .then(() => true, () => false),
    );
    const committed = (await Promise.all(tries)).filter(Boolean).length;
    expect(committed).toBe(16);
    const numbers = (await sys.knex('documents').where({ type: 'invoice', org_id: sys.defaultOrgId }).pluck('number')).filter((n: string) => !before.includes(n)).map((n: string) => Number(n.slice(4))).sort((a: number, b: number) => a - b);
    expect(numbers).toEqual(Array.from({ length: 16 }, (_, i) => last + 1 + i));
  });
});

describe('a retried request', () => {
  it('with the same Idempotency-Key and body answers the document it issued; another body with that key is refused', async () => {
    const booking = await newBooking();
    const key = `retry-${randomBytes(8).toString('hex')}`;
    const send = (body: Record<string, unknown>) =>
      fetch(`${sys.url}/api/v1/documents`, { method: 'POST', headers: { authorization: `Bearer ${keys.accountant}`, 'content-type': 'application/json', 'idempotency-key': key }, body: JSON.stringify(body) });
    const body = { type: 'invoice', bookingNumber: booking, lines: [TOUR] };
    const answers = await Promise.all([send(body), send(body)]);
    expect(answers.map((a) => a.status).sort()).toEqual([200, 201]);
    const [a, b] = await Promise.all(answers.map((r) => r.json()));
    expect(a).toEqual(b);
    expect(answers.find((r) => r.status === 200)!.headers.get('idempotent-replayed')).toBe('true');
    const reused = await nothingWritten(async () => {
      const r = await send({ ...body, lines: [{ ...TOUR, quantity: 3 }] });
      return { status: r.status, json: await r.json() };
    });
    expect(reused.status).toBe(422);
    expect(reused.json.error).toMatchObject({ code: 'idempotency_key_reused', message: `This Idempotency-Key issued ${a.number} for another request` });
  });
});

describe('a receipt for a confirmed payment', () => {
  it('is issued once per payment, even when the payment is confirmed twice at once, and the customer opens it by link without signing in', async () => {
    const number = await newBooking();
    const booking = await sys.knex('bookings').where({ number }).first();
    const payment = { orgId: sys.defaultOrgId, bookingId: booking.id, contactId: booking.contact_id, paymentRef: `pay_${randomBytes(4).toString('hex')}`, amountMinor: 150_000, currency: 'THB', method: 'PromptPay', paidAt: new Date() };
    const [a, b] = await Promise.all([sys.knex.transaction((trx) => issueReceiptForPayment(trx, payment)), sys.knex.transaction((trx) => issueReceiptForPayment(trx, payment))]);
    if (!a.ok || !b.ok) throw new Error('a receipt was refused');
    expect(a.document.view.number).toBe(b.document.view.number);
    expect([a.alreadyIssued, b.alreadyIssued].filter(Boolean)).toHaveLength(1);
    expect(Number((await sys.knex('documents').where({ payment_ref: payment.paymentRef }).count({ n: '*' }))[0].n)).toBe(1);
    const receipt = a.document.view;
    expect(receipt).toMatchObject({ type: 'receipt', number: expect.stringMatching(/^RC-\d{6}$/), totalMinor: 150_000, vatMinor: 9_813, paymentRef: payment.paymentRef, paymentMethod: 'PromptPay', bookingNumber: number, language: 'th' });
    const service = await sys.knex('services').where({ id: booking.service_id }).first();
    expect(receipt.lines[0].description).toBe(`ชำระเงินสำหรับการจอง ${number} ${service.name_th}`);

    const byLink = await pdfOf(receipt.customerPath);
    expect(byLink.status).toBe(200);
    const text = lookAtPdf(byLink.bytes, 'document-receipt-th');
    expect(text).toContain(receipt.number);
    expect(text).toContain('฿1,500.00');
    const en = await sys.knex.transaction((trx) => issueReceiptForPayment(trx, { ...payment, paymentRef: `${payment.paymentRef}-en`, language: 'en', method: 'Card' }));
    if (!en.ok) throw new Error('refused');
    expect(lookAtPdf((await pdfOf(en.document.view.customerPath)).bytes, 'document-receipt-en')).toContain('Payment for booking');

    expect((await pdfOf(`/public/v1/documents/${'x'.repeat(32)}.pdf`)).status).toBe(404);
    expect((await pdfOf('/public/v1/documents/short.pdf')).status).toBe(404);
  });
});

describe('who may see and issue', () => {
  it("another org's booking or document is answered as one that does not exist (404), and nothing is written", async () => {
    const ours = (await issue({ type: 'invoice', bookingNumber: await newBooking(), lines: [TOUR] })).json;
    const [other] = await sys.knex('orgs').insert({ slug: `other-${randomBytes(3).toString('hex')}`, name: 'Other shop', time_zone: 'Asia/Bangkok' }).returning('id');
    const theirs = (await issueApiKey(sys.knex, new ApiKeyHasher(loadOrCreateKeyFile(sys.dataDir)), { orgId: other.id, name: 'their accountant', role: 'accountant' })).key;
    const foreignBooking = await nothingWritten(() => issue({ type: 'invoice', bookingNumber: ours.bookingNumber, lines: [TOUR] }, theirs));
    expect(foreignBooking.status).toBe(404);
    expect(foreignBooking.json.error).toMatchObject({ code: 'not_found', message: `No booking ${ours.bookingNumber} in this org` });
    const foreignCredit = await nothingWritten(() => issue({ type: 'credit_note', correctsNumber: ours.number, reason: 'x', lines: [{ description: 'x', quantity: 1, unitPriceMinor: 1 }] }, theirs));
    expect(foreignCredit.status).toBe(404);
    expect((await api('GET', `/api/v1/documents/${ours.number}`, undefined, theirs)).status).toBe(404);
    expect((await pdfOf(`/api/v1/documents/${ours.number}.pdf`, theirs)).status).toBe(404);
    expect((await api('GET', `/api/v1/documents?bookingNumber=${ours.bookingNumber}`, undefined, theirs)).status).toBe(404);
    expect((await api('GET', '/api/v1/documents', undefined, theirs)).json.documents).toEqual([]);
  });

  it('the CEO and integrations read documents but may not issue them; without a key, 401', async () => {
    const booking = await newBooking();
    for (const key of [keys.ceo, keys.integration]) {
      const r = await nothingWritten(() => issue({ type: 'invoice', bookingNumber: booking, lines: [TOUR] }, key));
      expect(r.status).toBe(403);
    }
    expect((await api('GET', '/api/v1/documents', undefined, keys.ceo)).status).toBe(200);
    expect((await pdfOf('/api/v1/documents/TAX-000001.pdf')).status).toBe(401);
  });
});

describe('the accounting system', () => {
  it('hears document.issued, signed, with the whole document', async () => {
    const doc = (await issue({ type: 'invoice', bookingNumber: await newBooking(), lines: [TOUR] })).json;
    const delivery = await until(async () => received.find((r) => JSON.parse(r.body).data.document.number === doc.number));
    const body = JSON.parse(delivery.body);
    expect(body).toMatchObject({ type: 'document.issued', data: { document: doc } });
    expect(verifyBodySignature(Buffer.from(delivery.body), { timestamp: delivery.headers['x-opsdesk-timestamp'] as string, signature: delivery.headers['x-opsdesk-signature'] as string }, webhookSecret).ok).toBe(true);
    const openapi = (await api('GET', '/api/v1/openapi.json')).json;
    expect(Object.keys(openapi.paths['/api/v1/documents'])).toEqual(['get', 'post']);
    expect(openapi.paths['/api/v1/documents/{number}.pdf'].get['x-permission']).toBe('documents.read');
    expect(Object.keys(openapi.paths['/api/v1/documents/{number}.pdf'].get.responses['200'].content)).toEqual(['application/pdf']);
    expect(openapi.paths['/liff-api/v1/desk/documents'].get['x-permission']).toBe('documents.read');
    expect(openapi.components.schemas.WebhookEventType.enum).toContain('document.issued');
  });
});
