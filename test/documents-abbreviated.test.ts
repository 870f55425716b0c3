import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api-client.ts';
import { lookAtPdf } from './support/pdf-pages.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * The Thai abbreviated tax invoice (ใบกำกับภาษีอย่างย่อ, section 86/6; docs/documents.md): no buyer,
 * the price including VAT, its own gap-free ABB- series. Each refusal shows its answer and that
 * nothing was written: no document, no number taken.
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
let accountant: string;
const SELLER = { name: 'ร้านครัวคุณยาย', address: '12 ถนนนิมมานเหมินท์ ตำบลสุเทพ อำเภอเมือง เชียงใหม่ 50200', taxId: '0505561000123', branch: 'head_office', vatRegistered: true };
const CLASS = { description: 'คลาสทำอาหารไทย ครึ่งวัน', quantity: 2, unitPriceMinor: 120_000 };

beforeAll(async () => {
  sys = await startTestSystem();
  api = apiClient(sys);
  accountant = (await api('POST', '/api/v1/api-keys', { name: 'abb accountant', role: 'accountant' })).json.key;
  expect((await api('PATCH', '/api/v1/org/settings', { documentSeller: SELLER })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await sys?.stopAll();
});

let phones = 0;
async function newBooking(): Promise<string> {
  const r = await api('POST', '/api/v1/bookings', { service: 'bangkok_city_tour', name: 'คุณมาลี', phone: `+6682000${String(++phones).padStart(4, '0')}`, language: 'th' });
  expect(r.status).toBe(201);
  return r.json.number;
}
const issue = (body: Record<string, unknown>) => api('POST', '/api/v1/documents', body, accountant);
async function written() {
  return {
    documents: await sys.knex('documents').select('number').orderBy('number'),
    counters: await sys.knex('org_counters').select('org_id', 'name', 'value').whereNot('name', 'booking').orderBy(['org_id', 'name']),
  };
}
async function nothingWritten<T>(refused: () => Promise<T>): Promise<T> {
  const before = await written();
  const answer = await refused();
  expect(await written()).toEqual(before);
  return answer;
}

describe('an abbreviated tax invoice', () => {
  it('names no buyer, includes VAT in the price, and runs its own numbers beside the tax invoices', async () => {
    const booking = await newBooking();
    const th = await issue({ type: 'abbreviated_tax_invoice', bookingNumber: booking, lines: [CLASS] });
    expect(th.status).toBe(201);
    // 240,000 satang with VAT in it: 240000 x 7 / 107 = 15700.93 -> 15701.
    expect(th.json).toMatchObject({ type: 'abbreviated_tax_invoice', number: 'ABB-000001', totalMinor: 240_000, vatMinor: 15_701, subtotalMinor: 224_299, pricesIncludeVat: true, vatRateBasisPoints: 700, seller: { taxId: SELLER.taxId } });
    const full = await issue({ type: 'tax_invoice', bookingNumber: booking, buyer: { name: 'บริษัท ก จำกัด', address: '1 ถนนสีลม กรุงเทพฯ', taxId: '0107551000011' }, lines: [CLASS] });
    expect(full.json.number).toBe('TAX-000001');
    const en = await issue({ type: 'abbreviated_tax_invoice', bookingNumber: booking, lines: [{ description: 'Thai cooking class, half day', quantity: 1, unitPriceMinor: 120_000 }], language: 'en' });
    expect(en.json.number).toBe('ABB-000002');

    for (const [doc, name] of [[th.json, 'document-abbreviated-tax-invoice-th'], [en.json, 'document-abbreviated-tax-invoice-en']] as const) {
      const res = await fetch(sys.url + doc.pdfPath, { headers: { authorization: `Bearer ${accountant}` } });
      expect(res.status).toBe(200);
      const text = lookAtPdf(Buffer.from(await res.arrayBuffer()), name);
      expect(text).toContain(doc.number);
      // Shaped Thai reads back from a PDF with its marks reordered (ใบกำกับ...): the title is checked by eye in the PNG, its English here.
      expect(text).toContain('ภาษี');
      if (doc.language === 'en') expect(text).toContain('Abbreviated tax invoice');
      expect(text).toContain(SELLER.taxId);
      // No buyer block: the customer's name is not printed.
      expect(text).not.toContain('คุณมาลี');
      expect(text).not.toMatch(/ลูกค้า|Customer/);
      if (doc.language === 'en') expect(text).toContain('Prices include VAT');
    }
  });

  it('with prices before VAT is refused on the field; nothing written', async () => {
    const booking = await newBooking();
    const r = await nothingWritten(() => issue({ type: 'abbreviated_tax_invoice', bookingNumber: booking, lines: [CLASS], pricesIncludeVat: false }));
    expect(r).toMatchObject({ status: 422, json: { error: { code: 'validation_failed' } } });
    expect(JSON.stringify(r.json.error.details)).toContain('pricesIncludeVat');
  });

  it("above the amount the business allows for one is refused (422, the limit named); at the limit it is issued", async () => {
    const booking = await newBooking();
    expect((await api('PATCH', '/api/v1/org/settings', { documentSeller: { ...SELLER, abbreviatedTaxInvoiceMaxMinor: 100_000 } })).status).toBe(200);
    try {
      const over = await nothingWritten(() => issue({ type: 'abbreviated_tax_invoice', bookingNumber: booking, lines: [{ ...CLASS, quantity: 1, unitPriceMinor: 100_001 }] }));
      expect(over).toMatchObject({ status: 422, json: { error: { code: 'validation_failed', details: [{ path: 'lines', code: 'over_abbreviated_limit' }] } } });
      expect(over.json.error.message).toContain('issue a tax invoice naming the buyer');
      const at = await issue({ type: 'abbreviated_tax_invoice', bookingNumber: booking, lines: [{ ...CLASS, quantity: 1, unitPriceMinor: 100_000 }] });
      expect(at.status).toBe(201);
    } finally {
      expect((await api('PATCH', '/api/v1/org/settings', { documentSeller: SELLER })).status).toBe(200);
    }
    const badLimit = await api('PATCH', '/api/v1/org/settings', { documentSeller: { ...SELLER, abbreviatedTaxInvoiceMaxMinor: 10.5 } });
    expect(badLimit.status).toBe(422);
  });

  it('from a business without VAT settings is refused (409 naming the setting); nothing written', async () => {
    const booking = await newBooking();
    for (const seller of [null, { ...SELLER, vatRegistered: false }, { ...SELLER, taxId: null }]) {
      expect((await api('PATCH', '/api/v1/org/settings', { documentSeller: seller })).status).toBe(200);
      const r = await nothingWritten(() => issue({ type: 'abbreviated_tax_invoice', bookingNumber: booking, lines: [CLASS] }));
      expect(r).toMatchObject({ status: 409, json: { error: { code: 'conflict', details: { setting: 'documentSeller' } } } });
    }
    expect((await api('PATCH', '/api/v1/org/settings', { documentSeller: SELLER })).status).toBe(200);
  });

  it('is corrected by a credit note up to its total; a credit note larger than it is refused and nothing written', async () => {
    const booking = await newBooking();
    const abb = (await issue({ type: 'abbreviated_tax_invoice', bookingNumber: booking, lines: [CLASS] })).json;
    const over = await nothingWritten(() => issue({ type: 'credit_note', correctsNumber: abb.number, reason: 'คืนเงินหนึ่งที่', lines: [{ description: 'คืนเงิน', quantity: 1, unitPriceMinor: 240_001 }] }));
    expect(over).toMatchObject({ status: 422, json: { error: { code: 'validation_failed' } } });
    expect(JSON.stringify(over.json.error.details)).toContain('At most 240000 minor units are left to credit');
    const note = await issue({ type: 'credit_note', correctsNumber: abb.number, reason: 'คืนเงินหนึ่งที่', lines: [{ description: 'คืนเงิน', quantity: 1, unitPriceMinor: 120_000 }] });
    expect(note).toMatchObject({ status: 201, json: { type: 'credit_note', corrects: { number: abb.number, type: 'abbreviated_tax_invoice' } } });
    expect((await api('GET', `/api/v1/documents/${abb.number}`, undefined, accountant)).json.creditedMinor).toBe(120_000);
  });
});
