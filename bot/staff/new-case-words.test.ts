import { describe, expect, it } from 'vitest';
import { readNewCaseCommand } from './new-case-words.ts';

/** The words of the staff's `/case <customer> <what happened>` command (docs/staff.md). */
describe('readNewCaseCommand', () => {
  it('reads the customer by phone (as people write it, kept in E.164), e-mail, LINE user id or case number', () => {
    const line = `U${'0123456789abcdef'.repeat(2)}`;
    const read = (text: string) => readNewCaseCommand(text);
    expect(read('/case 0812345678 ลูกค้าโทรมาแจ้งว่ายอดเงินไม่เข้า')).toEqual({ ok: true, customer: { phone: '+66812345678' }, description: 'ลูกค้าโทรมาแจ้งว่ายอดเงินไม่เข้า' });
    expect(read('เปิดเคส 081-234-5678: ยอดไม่เข้า')).toEqual({ ok: true, customer: { phone: '+66812345678' }, description: 'ยอดไม่เข้า' });
    expect(read('/case 02-123-4567 the landline')).toMatchObject({ customer: { phone: '+6621234567' } });
    expect(read('/case +447911123456 from abroad')).toMatchObject({ customer: { phone: '+447911123456' } });
    expect(read('New Case Dao@Example.com parcel late')).toEqual({ ok: true, customer: { email: 'dao@example.com' }, description: 'parcel late' });
    expect(read(`open case ${line} hi`)).toMatchObject({ customer: { lineUserId: line } });
    expect(read('/case #c-12 again')).toMatchObject({ customer: { caseNumber: 'C-000012' } });
    expect(read('เคสใหม่ C-000345 อีกเรื่อง')).toMatchObject({ customer: { caseNumber: 'C-000345' } });
  });

  it('takes an @mention of the bot before it, and keeps the description’s lines', () => {
    expect(readNewCaseCommand('@Ops Desk /case 0812345678 line one\nline two')).toEqual({ ok: true, customer: { phone: '+66812345678' }, description: 'line one\nline two' });
  });

  it('is not the command: team talk that only mentions a case, a bare "case", a sentence that starts otherwise', () => {
    for (const text of ['case 0812345678 is odd', 'เปิดเคสให้หน่อย', 'hello /case 0812345678 x', 'C-000123 looks odd', '/cases 0812345678 x', '', null]) {
      expect(readNewCaseCommand(text)).toBeUndefined();
    }
  });

  it('names what is wrong: no customer, a phone or e-mail that does not parse, no description, too long', () => {
    expect(readNewCaseCommand('/case')).toEqual({ ok: false, problem: 'no_customer' });
    expect(readNewCaseCommand('/case ลูกค้าโทรมา')).toEqual({ ok: false, problem: 'no_customer', word: 'ลูกค้าโทรมา' });
    // Too short, a number with more digits than a phone, one written with spaces (its first group is read).
    for (const word of ['08123', '0812345678-99', '081', '500', '1812345678']) {
      expect(readNewCaseCommand(`/case ${word} 234 5678 x`)).toEqual({ ok: false, problem: 'bad_phone', word });
    }
    expect(readNewCaseCommand('/case dao@@example.com x')).toEqual({ ok: false, problem: 'bad_email', word: 'dao@@example.com' });
    expect(readNewCaseCommand('/case dao@example x')).toEqual({ ok: false, problem: 'bad_email', word: 'dao@example' });
    expect(readNewCaseCommand('/case 0812345678')).toEqual({ ok: false, problem: 'no_description', word: '0812345678' });
    expect(readNewCaseCommand('/case 0812345678 :  ')).toEqual({ ok: false, problem: 'no_description', word: '0812345678' });
    expect(readNewCaseCommand(`/case 0812345678 ${'ก'.repeat(1001)}`)).toEqual({ ok: false, problem: 'too_long', length: 1001 });
    expect(readNewCaseCommand(`/case 0812345678 ${'ก'.repeat(1000)}`)).toMatchObject({ ok: true });
  });
});
