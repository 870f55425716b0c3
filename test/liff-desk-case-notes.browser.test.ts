import { crc32, deflateSync } from 'node:zlib';
import { type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTACHMENT_MAX_BYTES } from '../core/contracts/attachment-limits.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { hasChromium, openBrowser } from './support/browser.ts';
import { checkScreen } from './support/fits.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';
import { staffDevice } from './support/staff-browser.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * A note with a file from the desk's case screen, in Debian's Chromium on a phone in Thai (LIFF
 * Mock signs the staff member in): the note box, a photo chosen from the phone, "also send to the
 * customer" left off; the note and the photo on the timeline, the photo shown from the server's
 * signed link, and nothing sent to the customer. Then one sent to the customer too, and a file the
 * server would refuse, refused on the phone before anything is sent.
 */
const poll = <T>(probe: () => Promise<T> | T) => expect.poll(probe, { timeout: 15_000 });

/** A real PNG the browser must draw, big enough to see in the screenshots: stripes, as a slip's photo would not be. */
function stripes(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const size = Buffer.alloc(4);
    size.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([size, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows = Buffer.concat(
    Array.from({ length: height }, (_, y) => Buffer.from([0, ...Array.from({ length: width }, () => (Math.floor(y / 10) % 2 ? [37, 99, 235] : [250, 204, 21])).flat()])),
  );
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = stripes(160, 100);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

// Skipped where Debian's Chromium is not installed: there is no browser to drive (.ci/run installs it).
describe.skipIf(!hasChromium)('a note with a file from the desk', () => {
  let h: LiffHarness;
  let browser: Browser;
  let somchai: EnrolledStaff;

  beforeAll(async () => {
    h = await startLiffHarness();
    somchai = await enrolStaff(h, { displayName: 'Somchai', role: 'support', language: 'th' });
    browser = await openBrowser();
  }, 90_000);
  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  async function caseOnThePhone(): Promise<{ page: Page; number: string; customer: string; id: string }> {
    const customer = lineId('U');
    const { number } = await h.reportProblem(customer);
    await untilSettled(h.sys.knex);
    const page = await staffDevice(browser, h, somchai);
    await page.goto(`${h.sys.url}/liff/desk/case/${number}?lang=th`);
    await poll(() => page.textContent('h1')).toContain(number);
    const row = await h.sys.knex('cases').where({ org_id: h.sys.defaultOrgId, number }).first();
    return { page, number, customer, id: row.id };
  }

  const noteBox = (page: Page) => page.getByRole('form', { name: 'บันทึกภายใน' });
  const timeline = (page: Page) => page.locator('ol.timeline');
  const staffMessages = (caseId: string) => h.sys.knex('messages').where({ case_id: caseId, sender_type: 'staff' });

  it('adds a note with a photo: on the timeline with the photo shown, internal, and the customer is sent nothing', async () => {
    const { page, customer, id } = await caseOnThePhone();
    const heard = h.line.state.deliveriesTo(customer).length;
    const box = noteBox(page);
    await box.getByLabel('บันทึก (ลูกค้าไม่เห็น)').fill('ลูกค้าโทรมาแจ้งว่าโอนแล้ว แนบสลิปไว้');
    await box.getByText('แนบรูปหรือไฟล์ PDF').locator('input[type=file]').setInputFiles({ name: 'สลิปโอนเงิน.png', mimeType: 'image/png', buffer: PNG });
    await poll(() => box.locator('.note-files').textContent()).toContain('สลิปโอนเงิน.png');
    // Off unless chosen.
    expect(await box.getByLabel('ส่งข้อความและไฟล์นี้ให้ลูกค้าด้วย').isChecked()).toBe(false);
    await checkScreen(page, 'desk-case-note-th-writing');

    await box.getByRole('button', { name: 'บันทึก', exact: true }).click();
    await poll(() => page.getByRole('status').textContent()).toBe('บันทึกแล้ว');
    const entry = timeline(page).locator('li', { hasText: 'ลูกค้าโทรมาแจ้งว่าโอนแล้ว' });
    await poll(() => entry.textContent()).toContain('ภายใน');
    const photo = entry.getByRole('img', { name: 'สลิปโอนเงิน.png' });
    // Drawn from the server's copy, through the signed link: the browser loaded the real image.
    await poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(160);
    // The box is empty again, ready for the next one.
    expect(await box.getByLabel('บันทึก (ลูกค้าไม่เห็น)').inputValue()).toBe('');
    expect(await box.locator('.note-files').count()).toBe(0);
    await photo.scrollIntoViewIfNeeded();
    await checkScreen(page, 'desk-case-note-th-added');

    const note = await h.sys.knex('case_events').where({ case_id: id, type: 'note' }).first();
    expect(note).toMatchObject({ actor_type: 'staff', actor_id: somchai.id, is_public: false });
    expect(note.data).toMatchObject({ text: 'ลูกค้าโทรมาแจ้งว่าโอนแล้ว แนบสลิปไว้', sentToCustomer: false, files: [{ name: 'สลิปโอนเงิน.png', contentType: 'image/png', size: PNG.length }] });
    await untilSettled(h.sys.knex);
    expect(await staffMessages(id)).toEqual([]);
    expect(h.line.state.deliveriesTo(customer)).toHaveLength(heard);
  });

  it('sends a PDF to the customer too, when chosen; refuses a file too large on the phone before anything is sent', async () => {
    const { page, customer, id } = await caseOnThePhone();
    const box = noteBox(page);
    const input = box.getByText('แนบรูปหรือไฟล์ PDF').locator('input[type=file]');
    // Too large: said in the server's words, the button off, nothing sent.
    await input.setInputFiles({ name: 'ใหญ่มาก.pdf', mimeType: 'application/pdf', buffer: Buffer.concat([PDF, Buffer.alloc(ATTACHMENT_MAX_BYTES)]) });
    await poll(() => box.getByRole('alert').textContent()).toBe('ใหญ่มาก.pdf: ไฟล์ใหญ่เกิน 10 MB ส่งไม่ได้ค่ะ');
    expect(await box.getByRole('button', { name: 'บันทึก', exact: true }).isDisabled()).toBe(true);
    await checkScreen(page, 'desk-case-note-th-too-large');
    await box.getByRole('button', { name: 'เอาออก' }).click();
    expect(await box.getByRole('alert').count()).toBe(0);
    expect(await h.sys.knex('case_files').where({ case_id: id })).toEqual([]);

    await box.getByLabel('บันทึก (ลูกค้าไม่เห็น)').fill('ใบเสร็จการคืนเงินค่ะ');
    await input.setInputFiles({ name: 'receipt.pdf', mimeType: 'application/pdf', buffer: PDF });
    await box.getByLabel('ส่งข้อความและไฟล์นี้ให้ลูกค้าด้วย').check();
    await box.getByRole('button', { name: 'บันทึกและส่งให้ลูกค้า' }).click();
    await poll(() => page.getByRole('status').textContent()).toBe('บันทึกและส่งให้ลูกค้าแล้ว');
    const entry = timeline(page).locator('li', { hasText: 'ใบเสร็จการคืนเงินค่ะ' });
    await poll(() => entry.textContent()).toContain('ส่งให้ลูกค้าแล้ว');
    expect(await entry.getByRole('link', { name: /receipt\.pdf/ }).count()).toBe(1);
    // Once on the timeline: the replies that carried it are not listed apart.
    expect(await timeline(page).locator('li', { hasText: 'ใบเสร็จการคืนเงินค่ะ' }).count()).toBe(1);

    // The customer gets the words and the PDF's link on LINE.
    const texts = await until(async () => {
      const said = h.line.state.deliveriesTo(customer).flatMap((d) => d.messages.map((m) => ('text' in m ? String(m.text) : '')));
      return said.some((t) => t.includes('📎')) ? said : false;
    });
    expect(texts).toContain('ใบเสร็จการคืนเงินค่ะ');
    expect((await staffMessages(id)).length).toBe(2);
    await checkScreen(page, 'desk-case-note-th-sent');
  });
});
