import PDFDocument from 'pdfkit';
import { minorUnitsAsDecimal } from '../templates/format-money.ts';
import { documentFonts, fontName, scriptRuns, type Weight } from './document-fonts.ts';
import type { DocumentContent, DocumentParty } from './document-types.ts';
import { documentDate, documentWords } from './document-words.ts';

/**
 * A document as a PDF (A4), in its language, from what was fixed at issue: the seller, the buyer,
 * the lines, the totals and the VAT with its rounding rule. Amounts come from minor units by
 * digits (฿1,500.00), never through a float.
 */
export async function renderDocumentPdf(d: DocumentContent): Promise<Buffer> {
  const pdf = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: `${d.number}`, Producer: 'opsdesk' } });
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    pdf.on('end', resolve);
    pdf.on('error', reject);
  });
  for (const [name, font] of Object.entries(documentFonts())) pdf.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);
  layOut(new Typesetter(pdf), d);
  pdf.end();
  await done;
  return Buffer.concat(chunks);
}

/** An amount as printed: ฿1,500.00 for baht, "USD 12.50" for another currency. */
export function documentAmount(minor: number, currency: string): string {
  const digits = minorUnitsAsDecimal(minor, currency);
  return currency === 'THB' ? (minor < 0 ? `-฿${digits.slice(1)}` : `฿${digits}`) : `${currency} ${digits}`;
}

const MARGIN = 48;
const PAGE_WIDTH = 595.28;
const PAGE_BOTTOM = 841.89 - MARGIN;
const RIGHT = PAGE_WIDTH - MARGIN;
const INK = '#1f2933';
const MUTED = '#52606d';
const RULE = '#cbd2d9';
const BAND = '#f0f4f8';

interface TextStyle {
  size?: number;
  weight?: Weight;
  color?: string;
}

/** Sets text of both scripts: each run in the file that has its letters, lines broken between words. */
class Typesetter {
  readonly pdf: PDFKit.PDFDocument;
  constructor(pdf: PDFKit.PDFDocument) {
    this.pdf = pdf;
  }

  width(text: string, s: TextStyle = {}): number {
    let w = 0;
    for (const run of scriptRuns(text)) w += this.pdf.font(fontName(run.script, s.weight ?? 'regular')).fontSize(s.size ?? 10).widthOfString(run.text);
    return w;
  }

  /** One line at (x, y); `align: 'right'` ends it at x. */
  line(text: string, x: number, y: number, s: TextStyle & { align?: 'left' | 'right' } = {}): void {
    let at = s.align === 'right' ? x - this.width(text, s) : x;
    this.pdf.fillColor(s.color ?? INK);
    for (const run of scriptRuns(text)) {
      this.pdf.font(fontName(run.script, s.weight ?? 'regular')).fontSize(s.size ?? 10);
      this.pdf.text(run.text, at, y, { lineBreak: false });
      at += this.pdf.widthOfString(run.text);
    }
  }

  /** Text wrapped to `width`, broken between words (Thai words too, which have no spaces): the lines. */
  wrap(text: string, width: number, s: TextStyle = {}): string[] {
    const lines: string[] = [];
    for (const paragraph of text.split('\n')) {
      let current = '';
      for (const { segment } of WORDS.segment(paragraph)) {
        const next = current + segment;
        if (current.trim() !== '' && this.width(next.trimEnd(), s) > width) {
          lines.push(current.trimEnd());
          current = segment.trimStart();
        } else current = next;
      }
      lines.push(current.trimEnd());
    }
    return lines;
  }

  /** Wrapped text from (x, y): the y below it. */
  paragraph(text: string, x: number, y: number, width: number, s: TextStyle = {}): number {
    for (const l of this.wrap(text, width, s)) {
      this.line(l, x, y, s);
      y += lineHeight(s);
    }
    return y;
  }

  rule(y: number, color = RULE): void {
    this.pdf.moveTo(MARGIN, y).lineTo(RIGHT, y).lineWidth(0.6).strokeColor(color).stroke();
  }
}

const WORDS = new Intl.Segmenter('th', { granularity: 'word' });
/** Thai stacks vowels and tone marks above and below the line: half a line more than Latin needs. */
const lineHeight = (s: TextStyle) => (s.size ?? 10) * 1.6;

function layOut(t: Typesetter, d: DocumentContent): void {
  const w = documentWords(d.language);
  const money = (minor: number) => documentAmount(minor, d.currency);

  // The seller, left; the title, number and date, right.
  let y = MARGIN;
  // A long title (the abbreviated tax invoice's, in English) is set smaller, to leave the seller its column.
  const title = w.title(d.type);
  t.line(title, RIGHT, y, { size: title.length > 30 ? 14 : 18, weight: 'bold', align: 'right' });
  t.line(`${w.word('number')} ${d.number}`, RIGHT, y + 30, { size: 10, weight: 'bold', align: 'right' });
  t.line(`${w.word('date')} ${documentDate(new Date(d.issuedAt), d.language, d.timeZone)}`, RIGHT, y + 46, { size: 10, align: 'right' });
  y = party(t, d.seller, MARGIN, y, 280, d.language, { size: 13 });
  y = Math.max(y, MARGIN + 66) + 8;
  t.rule(y);
  y += 12;

  // The buyer; an abbreviated tax invoice names none (section 86/6).
  if (d.type !== 'abbreviated_tax_invoice') {
    t.line(w.word('buyer'), MARGIN, y, { size: 9, color: MUTED });
    y = party(t, d.buyer, MARGIN, y + 14, RIGHT - MARGIN, d.language, { size: 11 }) + 6;
  }

  if (d.corrects) {
    const c = d.corrects;
    y = t.paragraph(`${w.word('corrects')} ${c.number} (${w.title(c.type)}) ${documentDate(new Date(c.issuedAt), d.language, d.timeZone)}`, MARGIN, y, RIGHT - MARGIN, { size: 10 });
    if (d.reason) y = t.paragraph(`${w.word('reason')}: ${d.reason}`, MARGIN, y, RIGHT - MARGIN, { size: 10 });
    y += 4;
  }

  // The lines.
  y = linesTable(t, d, y + 6, money);

  // The totals, right, under the amounts.
  const label = (text: string, value: string, bold = false) => {
    t.line(text, RIGHT - 116, y, { size: 10, weight: bold ? 'bold' : 'regular', align: 'right' });
    t.line(value, RIGHT - 6, y, { size: 10, weight: bold ? 'bold' : 'regular', align: 'right' });
    y += 18;
  };
  if (d.corrects) {
    const correct = d.corrects.totalMinor - d.corrects.creditedBeforeMinor - d.totalMinor;
    label(w.word('originalValue'), money(d.corrects.totalMinor - d.corrects.creditedBeforeMinor));
    label(w.word('correctValue'), money(correct));
    label(w.word('difference'), money(d.totalMinor));
  }
  if (d.vatRateBasisPoints > 0) {
    label(w.word('subtotal'), money(d.subtotalMinor));
    label(`${w.word('vat')} ${percent(d.vatRateBasisPoints)}`, money(d.vatMinor));
  }
  t.rule(y - 4);
  y += 2;
  label(w.word('total'), money(d.totalMinor), true);
  y += 6;

  // The notes: the VAT rule, what the document is about.
  const notes = [
    d.vatRateBasisPoints > 0 ? w.word(d.pricesIncludeVat ? 'vatRuleIncluded' : 'vatRuleExcluded') : w.word('noVat'),
    d.bookingNumber ? `${w.word('booking')}: ${d.bookingNumber}` : null,
    d.paymentRef ? `${w.word('payment')}: ${d.paymentRef}${d.paymentMethod ? ` (${w.word('paidBy')} ${d.paymentMethod}${d.paidAt ? ` ${w.word('paidOn')} ${documentDate(new Date(d.paidAt), d.language, d.timeZone)}` : ''})` : ''}` : null,
    d.type === 'receipt' ? w.word('received') : null,
  ].filter((n): n is string => n !== null);
  for (const n of notes) y = t.paragraph(n, MARGIN, y, RIGHT - MARGIN, { size: 9, color: MUTED });
}

/** A party's name, address and tax id with its branch; the y below it. */
function party(t: Typesetter, p: DocumentParty, x: number, y: number, width: number, language: 'th' | 'en', s: { size: number }): number {
  const w = documentWords(language);
  y = t.paragraph(p.name, x, y, width, { size: s.size, weight: 'bold' });
  if (p.address) y = t.paragraph(p.address, x, y, width, { size: 9.5 });
  if (p.taxId) {
    const branch = p.branch === 'head_office' ? w.word('headOffice') : p.branch ? `${w.word('branch')} ${p.branch}` : '';
    y = t.paragraph(`${w.word('taxId')} ${p.taxId}${branch ? `  ${branch}` : ''}`, x, y, width, { size: 9.5 });
  }
  return y;
}

function percent(basisPoints: number): string {
  return `${Math.floor(basisPoints / 100)}${basisPoints % 100 ? `.${String(basisPoints % 100).padStart(2, '0').replace(/0$/, '')}` : ''}%`;
}

/** The table of lines, a new page when one runs out; the y below it. */
function linesTable(t: Typesetter, d: DocumentContent, y: number, money: (minor: number) => string): number {
  const w = documentWords(d.language);
  const col = { item: MARGIN + 6, description: MARGIN + 34, quantity: RIGHT - 190, unitPrice: RIGHT - 100, amount: RIGHT - 6 };
  const descriptionWidth = col.quantity - 40 - col.description;
  const header = (at: number) => {
    t.pdf.rect(MARGIN, at, RIGHT - MARGIN, 22).fill(BAND);
    const s = { size: 9, weight: 'bold' as const, color: MUTED };
    t.line(w.word('item'), col.item, at + 5, s);
    t.line(w.word('description'), col.description, at + 5, s);
    t.line(w.word('quantity'), col.quantity, at + 5, { ...s, align: 'right' });
    t.line(w.word('unitPrice'), col.unitPrice, at + 5, { ...s, align: 'right' });
    t.line(w.word('amount'), col.amount, at + 5, { ...s, align: 'right' });
    return at + 28;
  };
  y = header(y);
  d.lines.forEach((l, i) => {
    const text = t.wrap(l.description, descriptionWidth, { size: 10 });
    if (y + text.length * lineHeight({ size: 10 }) > PAGE_BOTTOM - 120) {
      t.pdf.addPage();
      y = header(MARGIN);
    }
    t.line(String(i + 1), col.item, y, { size: 10 });
    t.line(String(l.quantity), col.quantity, y, { size: 10, align: 'right' });
    t.line(money(l.unitPriceMinor), col.unitPrice, y, { size: 10, align: 'right' });
    t.line(money(l.amountMinor), col.amount, y, { size: 10, align: 'right' });
    for (const part of text) {
      t.line(part, col.description, y, { size: 10 });
      y += lineHeight({ size: 10 });
    }
    y += 2;
  });
  t.rule(y);
  return y + 10;
}
