import PDFDocument from 'pdfkit';
import { renderDocumentPdf } from '../core/documents/document-pdf.ts';
import { documentTotals } from '../core/documents/document-totals.ts';
import type { DocumentContent } from '../core/documents/document-types.ts';
import { documentFonts } from '../core/documents/document-fonts.ts';
import { fmt, median, percentile, table } from './stats.ts';

/**
 * A receipt PDF rendered (goal: p95 under 300 ms), in Thai and in English, against two baselines
 * measured in the same run: a bare PDFKit document with one line of text in a built-in font (the
 * least a PDF costs), and the same with the four Noto Sans Thai files embedded and one Thai line
 * (what the self-hosted font costs by itself). Rendering is in process, no database: what a
 * customer's link or the API adds on top is one indexed read.
 */
const RUNS = Number(process.env.DOCUMENT_BENCH_RUNS ?? 200);
const WARMUP = 20;

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  return new Promise((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
}

async function barePdf(): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4' });
  const done = collect(pdf);
  pdf.font('Helvetica').fontSize(12).text('Receipt RC-000001: 1,500.00 THB', 48, 48);
  pdf.end();
  return done;
}

async function thaiLinePdf(): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4' });
  const done = collect(pdf);
  for (const [name, font] of Object.entries(documentFonts())) pdf.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);
  pdf.font('thai-regular').fontSize(12).text('ใบเสร็จรับเงิน', 48, 48);
  pdf.end();
  return done;
}

function receipt(language: 'th' | 'en'): DocumentContent {
  const totals = documentTotals({ lines: [{ description: language === 'th' ? 'ชำระเงินสำหรับการจอง B-000045 ทัวร์ดำน้ำเกาะเต่า 2 วัน 1 คืน' : 'Payment for booking B-000045, Koh Tao snorkelling, 2 days 1 night', quantity: 1, unitPriceMinor: 150_000 }], pricesIncludeVat: true, vatRateBasisPoints: 700 });
  return {
    type: 'receipt', number: 'RC-000045', issuedAt: new Date().toISOString(), language, currency: 'THB', timeZone: 'Asia/Bangkok',
    seller: { name: 'บริษัท ทะเลใส ทัวร์ จำกัด', address: '99/1 ถนนเจริญกรุง แขวงบางรัก เขตบางรัก กรุงเทพมหานคร 10500', taxId: '0105556123456', branch: 'head_office' },
    buyer: { name: language === 'th' ? 'คุณสมชาย ใจดี' : 'Anna Smith', address: null, taxId: null, branch: null },
    ...totals, bookingNumber: 'B-000045', paymentRef: 'pi_3QxYz', paymentMethod: 'PromptPay', paidAt: new Date().toISOString(), corrects: null, reason: null,
  };
}

async function timeOf(render: () => Promise<Buffer>): Promise<{ times: number[]; bytes: number }> {
  let bytes = 0;
  for (let i = 0; i < WARMUP; i++) bytes = (await render()).length;
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    await render();
    times.push(performance.now() - t);
  }
  return { times, bytes };
}

export async function benchDocuments(): Promise<string> {
  const coldStart = performance.now();
  await renderDocumentPdf(receipt('th'));
  const cold = performance.now() - coldStart;
  const cases: [string, () => Promise<Buffer>][] = [
    ['baseline: bare PDFKit, one line, built-in font', barePdf],
    ['baseline: the Thai font embedded, one line', thaiLinePdf],
    ['receipt, Thai', () => renderDocumentPdf(receipt('th'))],
    ['receipt, English', () => renderDocumentPdf(receipt('en'))],
  ];
  const rows: (string | number)[][] = [];
  let bare = NaN;
  for (const [name, render] of cases) {
    const { times, bytes } = await timeOf(render);
    const m = median(times);
    if (Number.isNaN(bare)) bare = m;
    rows.push([name, fmt(m, 1), fmt(percentile(times, 95), 1), fmt(m / bare, 1) + 'x', `${Math.round(bytes / 1024)} KB`]);
  }
  return [
    `### Documents: a receipt PDF rendered (${RUNS} runs each after ${WARMUP} warm-up; goal p95 < 300 ms)`,
    '',
    table(['render', 'median ms', 'p95 ms', 'median vs bare', 'size'], rows),
    '',
    `First receipt of a fresh process (fonts read, fontkit warming up): ${fmt(cold, 0)} ms.`,
  ].join('\n');
}
