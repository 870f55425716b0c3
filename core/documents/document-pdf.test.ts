import { describe, expect, it } from 'vitest';
import { documentFonts, scriptRuns, unpackWoff } from './document-fonts.ts';
import { documentAmount, renderDocumentPdf } from './document-pdf.ts';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

describe('document text', () => {
  it('cuts text into runs of one script, spaces staying with the run they follow', () => {
    expect(scriptRuns('ใบกำกับภาษี / Tax invoice')).toEqual([
      { script: 'thai', text: 'ใบกำกับภาษี ' },
      { script: 'latin', text: '/ Tax invoice' },
    ]);
    expect(scriptRuns('฿1,500.00')).toEqual([{ script: 'thai', text: '฿' }, { script: 'latin', text: '1,500.00' }]);
  });

  it('prints amounts from minor units by digits: baht with ฿, others with their code', () => {
    expect(documentAmount(150_000, 'THB')).toBe('฿1,500.00');
    expect(documentAmount(5, 'THB')).toBe('฿0.05');
    expect(documentAmount(-12_345, 'THB')).toBe('-฿123.45');
    expect(documentAmount(1500, 'JPY')).toBe('JPY 1,500');
    expect(documentAmount(900_719_925_474_099, 'THB')).toBe('฿9,007,199,254,740.99');
  });

  it('unpacks each WOFF file into the plain font it wraps: every table as its original bytes', () => {
    const woff = readFileSync(fileURLToPath(import.meta.resolve('@fontsource/noto-sans-thai/files/noto-sans-thai-thai-400-normal.woff')));
    const sfnt = unpackWoff(woff);
    const count = woff.readUInt16BE(12);
    expect(sfnt.readUInt16BE(4)).toBe(count);
    for (let i = 0; i < count; i++) {
      const w = 44 + i * 20;
      const s = 12 + i * 16;
      expect(sfnt.toString('latin1', s, s + 4)).toBe(woff.toString('latin1', w, w + 4));
      const stored = woff.subarray(woff.readUInt32BE(w + 4), woff.readUInt32BE(w + 4) + woff.readUInt32BE(w + 8));
      const original = woff.readUInt32BE(w + 8) < woff.readUInt32BE(w + 12) ? inflateSync(stored) : stored;
      expect(sfnt.subarray(sfnt.readUInt32BE(s + 8), sfnt.readUInt32BE(s + 8) + sfnt.readUInt32BE(s + 12)).equals(original)).toBe(true);
    }
    expect(Object.keys(documentFonts())).toEqual(['thai-regular', 'thai-bold', 'latin-regular', 'latin-bold']);
  });

  it('renders a document with several pages when its lines need them', async () => {
    const lines = Array.from({ length: 60 }, (_, i) => ({ description: `รายการที่ ${i + 1}`, quantity: 1, unitPriceMinor: 100, amountMinor: 100 }));
    const pdf = await renderDocumentPdf({
      type: 'invoice', number: 'INV-000001', issuedAt: '2026-11-26T03:00:00Z', language: 'th', currency: 'THB', timeZone: 'Asia/Bangkok',
      seller: { name: 'ร้าน', address: null, taxId: null, branch: null }, buyer: { name: 'ลูกค้า', address: null, taxId: null, branch: null },
      lines, subtotalMinor: 6000, vatMinor: 0, totalMinor: 6000, vatRateBasisPoints: 0, pricesIncludeVat: true,
      bookingNumber: null, paymentRef: null, paymentMethod: null, paidAt: null, corrects: null, reason: null,
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1').match(/\/Type \/Page\b/g)!.length).toBeGreaterThan(1);
  });
});
