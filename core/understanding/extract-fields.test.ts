import { describe, expect, it } from 'vitest';
import { extractedFieldsSchema, type ExtractedFields } from './classification.ts';
import { changedRouteEnd, detectLanguage, extractFields, extractPartyChange, extractTimeShift, completeRoute, extractRoute, extractRouteEnd, nearestWeekday, shiftedTime, weekdayAloneIn, withRouteEnd, type ExtractOptions } from './extract-fields.ts';
import { MAX_SCAN_CHARS } from './fields/text.ts';
import { cpuMs } from '../../test/support/cpu-time.ts';

/** Saturday 21 November 2026, 10:00 in Bangkok. */
const NOW = new Date('2026-11-21T10:00:00+07:00');

/** Extracts with the fixed `now` and checks the result against the contract. */
function x(text: string, opts: ExtractOptions = {}): ExtractedFields {
  const fields = extractFields(text, { now: NOW, ...opts });
  expect(extractedFieldsSchema.parse(fields)).toEqual(fields);
  return fields;
}

describe('the issue examples', () => {
  it('reads a Thai top-up complaint', () => {
    expect(x('เติมเงินไป 500 บาทแล้วเครดิตไม่เข้าค่ะ')).toEqual({ amount: 500, currency: 'THB' });
  });
  it('reads an English top-up complaint', () => {
    expect(x('I topped up 500 baht but my balance did not change')).toEqual({ amount: 500, currency: 'THB' });
  });
  it('reads a Thai booking', () => {
    expect(x('อยากจองคลาสทำซูชิวันเสาร์นี้ 2 คน')).toEqual({ date: '2026-11-21', partySize: 2 });
  });
  it('reads the same booking in English', () => {
    expect(x('Can I book the sushi class this Saturday for 2?')).toEqual({ date: '2026-11-21', partySize: 2 });
  });
});

describe('realistic messages', () => {
  it.each<[string, ExtractedFields]>([
    [
      'โอนเงินเรียบร้อยแล้วค่ะ 1,500 บาท ออเดอร์ #88213 ยังไม่ขึ้นเลย 😭',
      { orderIds: ['88213'], amount: 1500, currency: 'THB' },
    ],
    ['เติมเงิน 300 บาท เมื่อวาน ตอน 2 ทุ่ม ยังไม่เข้าค่ะ', { amount: 300, currency: 'THB', date: '2026-11-20', time: '20:00' }],
    [
      'จองนวด 2 ชั่วโมง พรุ่งนี้ 10 โมงเช้า 2 ท่านค่ะ โทร 089-123-4567',
      { date: '2026-11-22', time: '10:00', partySize: 2, phones: ['+66891234567'] },
    ],
    [
      'Hi, I paid $25 for order ORD-2026-00991 on Dec 5 but nothing arrived. email: John.Doe@Gmail.com',
      { orderIds: ['ORD-2026-00991'], amount: 25, currency: 'USD', date: '2026-12-05', emails: ['john.doe@gmail.com'] },
    ],
    ['ขอเลื่อนเป็นวันอาทิตย์หน้าได้ไหม 4 ท่าน บ่าย 3 โมงครึ่ง', { date: '2026-11-29', time: '15:30', partySize: 4 }],
    ['table for two at 7pm tomorrow', { date: '2026-11-22', time: '19:00', partySize: 2 }],
    ['reservation for 6 on the 28th', { date: '2026-11-28', partySize: 6 }],
    ['วันที่ 5 ธ.ค. 2569 เวลา 15.00 น. ผู้ใหญ่ 2 ท่าน เด็ก 1 ท่าน', { date: '2026-12-05', time: '15:00', partySize: 3 }],
    ['สั่งซื้อ 3 ชิ้น ราคา 450 บาท ยังไม่ได้ของเลยค่ะ order 20261120', { orderIds: ['20261120'], amount: 450, currency: 'THB' }],
    ['admin ครับ topup 1000 ไม่เข้า 🙏🙏', { amount: 1000, currency: 'THB' }],
    ['ขอ refund 150 บาทค่ะ ออเดอร์ที่ 778899', { orderIds: ['778899'], amount: 150, currency: 'THB' }],
    ['รบกวนเช็คให้หน่อย เติมเงิน๕๐๐บาท ๑๐.๓๐ น.', { amount: 500, currency: 'THB', time: '10:30' }],
    ['ติดต่อกลับที่ +66 81 234 5678 หรือ nok.s@hotmail.co.th นะคะ', { phones: ['+66812345678'], emails: ['nok.s@hotmail.co.th'] }],
    ['สวัสดีค่ะ 😊', {}],
  ])('%s', (text, expected) => {
    expect(x(text)).toEqual(expected);
  });
});

describe('order ids', () => {
  it('finds the default shapes in the order they appear', () => {
    expect(x('order #12345 and ORD-2026-00123, also order 123456').orderIds).toEqual(['12345', 'ORD-2026-00123', '123456']);
  });
  it.each<[string, string[]]>([
    ['ออเดอร์ 123456 ยังไม่ได้ของ', ['123456']],
    ['เลขที่คำสั่งซื้อ 123456', ['123456']],
    ['คำสั่งซื้อที่ 998877 ค่ะ', ['998877']],
    ['ORDER NO. 555666', ['555666']],
    ['my order number is 123456', ['123456']],
    ['order id: A12345', ['A12345']],
    ['ord-2026-00123 ยังไม่ส่ง', ['ord-2026-00123']],
    ['TRX998877 not credited', ['TRX998877']],
    ['txn id: 44556677', ['44556677']],
    ['เลขอ้างอิง 20261121ABC', ['20261121ABC']],
    ['ออเดอร์ #๑๒๓๔๕', ['12345']],
    ['#12345 #12345 again', ['12345']],
    ['order 88123, 88124 และ 88125 ไม่เดินเลย', ['88123', '88124', '88125']],
    ['ออเดอร์ 1111/2222 ค่ะ', ['1111', '2222']],
  ])('%s', (text, ids) => {
    expect(x(text).orderIds).toEqual(ids);
  });
  it.each([
    'โทร 0812345678',
    'Order 500 baht not delivered',
    'order 2 pcs',
    'order 1000 likes',
    'in order to book',
    '#1 best shop',
    'order on 5/12',
    'order 2026-12-05',
    'tracking TH0123456789',
    'my case is C-000123',
    '500 บาท',
    '10.30',
  ])('takes no order id from %s', (text) => {
    expect(x(text).orderIds).toBeUndefined();
  });
  it("uses the org's patterns: the first capture group, else the whole match", () => {
    expect(x('ref MX-12-3456 and mx-99-0001', { orderIdPatterns: ['\\bMX-(\\d{2}-\\d{4})\\b'] }).orderIds).toEqual(['12-3456', '99-0001']);
    expect(x('ref MX-12-3456', { orderIdPatterns: ['MX-\\d+-\\d+'] }).orderIds).toEqual(['MX-12-3456']);
    expect(x('รหัส TU-778 กับ 665544', { orderIdPatterns: ['TU-\\d{3}', '\\b\\d{6}\\b'] }).orderIds).toEqual(['TU-778', '665544']);
  });
  it("uses only the org's patterns when it has some", () => {
    expect(x('order #12345 ref MX-12-3456', { orderIdPatterns: ['MX-\\d+-\\d+'] }).orderIds).toEqual(['MX-12-3456']);
  });
  it('does not let an org pattern take a phone number', () => {
    expect(x('call 0812345678', { orderIdPatterns: ['\\d{10}'] })).toEqual({ phones: ['+66812345678'] });
  });
  it('falls back to the default when no org pattern is usable, and never throws on a bad one', () => {
    expect(x('order 123456', { orderIdPatterns: ['[', '(?=lookahead)', ''] }).orderIds).toEqual(['123456']);
    expect(x('order 123456', { orderIdPatterns: [] }).orderIds).toEqual(['123456']);
    expect(x('abc', { orderIdPatterns: ['(?:)'] })).toEqual({});
  });
  it('runs org patterns in linear time: catastrophic patterns are answered at once', () => {
    // Warm the engine (and the pattern cache) once, then time the attack itself. A backtracking
    // engine needs seconds for the first (about 250 ms at 24 digits, doubling every two more) and
    // never ends the second (2^60 ways); a linear one answers both in well under a millisecond.
    // The bound leaves room for a loaded machine (a CI run measured 31 ms for what takes 1 here).
    x('1', { orderIdPatterns: ['(\\d+-?)+X', '(a+)+b'] });
    const attacks = cpuMs(() => {
      expect(x('1'.repeat(30), { orderIdPatterns: ['(\\d+-?)+X'] })).toEqual({});
      expect(x('a'.repeat(60) + 'c', { orderIdPatterns: ['(a+)+b'] })).toEqual({});
    });
    expect(attacks).toBeLessThan(500);
    // Still a working pattern where it matches.
    expect(x('ref 12-34X ok', { orderIdPatterns: ['(\\d+-?)+X'] }).orderIds).toEqual(['34']);
    expect(x('ref 12-34X ok', { orderIdPatterns: ['(?:\\d+-?)+X'] }).orderIds).toEqual(['12-34X']);
  });
});

describe('amounts', () => {
  it.each<[string, number, string]>([
    ['500 บาท', 500, 'THB'],
    ['฿500', 500, 'THB'],
    ['฿ 1,200', 1200, 'THB'],
    ['THB 750', 750, 'THB'],
    ['500 THB', 500, 'THB'],
    ['500thb', 500, 'THB'],
    ['500 baht', 500, 'THB'],
    ['500 bath', 500, 'THB'],
    ['500บ.', 500, 'THB'],
    ['ค่าบริการ 1,200.- ค่ะ', 1200, 'THB'],
    ['1,250.50 บาท', 1250.5, 'THB'],
    ['5K บาท', 5000, 'THB'],
    ['top up 5k', 5000, 'THB'],
    ['โอน 1.5k', 1500, 'THB'],
    ['เติมเงิน 2 พัน', 2000, 'THB'],
    ['โอนไป 2พัน5', 2500, 'THB'],
    ['โอน 2 พันห้าร้อย', 2500, 'THB'],
    ['1.5 แสนบาท', 150000, 'THB'],
    ['สองพันบาท', 2000, 'THB'],
    ['เติมเงินห้าร้อย', 500, 'THB'],
    ['ราคาพันครึ่ง', 1500, 'THB'],
    ['ห้าร้อยห้าสิบบาท', 550, 'THB'],
    ['สองพันห้าบาท', 2500, 'THB'],
    ['๕๐๐ บาท', 500, 'THB'],
    ['$20', 20, 'USD'],
    ['20 USD', 20, 'USD'],
    ['refund 150', 150, 'THB'],
    ['paid 200', 200, 'THB'],
    ['โอน 300', 300, 'THB'],
    ['จ่ายไปแล้ว 250', 250, 'THB'],
    ['refund 10.50', 10.5, 'THB'],
    ['โอนเงินไปแล้วนะคะ 500', 500, 'THB'],
    ['หนูเติมไปสองร้อยห้าสิบบาทค่ะ', 250, 'THB'],
    ['ขอเงิน 500 คืนด้วยค่ะ', 500, 'THB'],
    ['topup500 ไม่เข้า', 500, 'THB'],
    ['ตอนนี้เครดิตยังไม่เข้า 500 บาท', 500, 'THB'],
  ])('%s', (text, amount, currency) => {
    expect(x(text)).toMatchObject({ amount, currency });
  });
  it('prefers an amount with a currency marker to one after a money word', () => {
    expect(x('โอน 300 ไปแล้ว แต่ยอดที่ต้องจ่ายคือ 450 บาท')).toMatchObject({ amount: 450 });
    expect(x('paid 200, refund 150')).toMatchObject({ amount: 200 });
  });
  it.each([
    'โทร 0812345678',
    'นัด 10.30 นะคะ',
    'จอง 2 คน',
    'นวด 2 ชั่วโมง',
    'order 123456',
    'on 5/12',
    'สั่งฟอล 5k แต่ได้แค่ 3k',
    'สั่งไลค์ 1000 ไลค์ ได้แค่ 200',
    'ยอดไลค์ 500 ยังไม่ขึ้น',
    'เติมเพชร 500',
    'โอนไป 2 รอบแล้ว',
    'paid for 2',
    'เรียบร้อยแล้วค่ะ',
    'สามารถจองได้ไหมคะ',
    'room 305',
    'v2 app',
    'abc500',
    '500',
  ])('takes no amount from %s', (text) => {
    expect(x(text).amount).toBeUndefined();
    expect(x(text).currency).toBeUndefined();
  });
});

describe('dates (now: Saturday 2026-11-21 in Bangkok)', () => {
  it('takes the day meant, not the one said as not meant (r86)', () => {
    const date = (text: string) => extractFields(text, { now: NOW, timeZone: 'Asia/Bangkok' }).date;
    expect(date('sorry not Saturday, Sunday')).toBe('2026-11-22');
    expect(date('ไม่ใช่วันเสาร์ค่ะ วันอาทิตย์')).toBe('2026-11-22');
    expect(date('not the 28th, the 29th please')).toBe('2026-11-29');
    expect(date('not Saturday')).toBeUndefined();
    // "not" elsewhere says nothing of the day.
    expect(date('I can not come Saturday')).toBe('2026-11-21');
  });

  it('takes the day to come over a day gone said beside it (r145)', () => {
    const date = (text: string) => extractFields(text, { now: NOW, timeZone: 'Asia/Bangkok' }).date;
    expect(date('my therapist yesterday was excellent, her name was Ploy. can I book her again for friday 2pm?')).toBe('2026-11-27');
    expect(date('เมื่อวานมานวดแล้วดีมากค่ะ ขอจองอีกทีวันอาทิตย์นี้')).toBe('2026-11-22');
    // A day gone alone is still that day (a problem's).
    expect(date('the driver never came yesterday')).toBe('2026-11-20');
  });

  it('reads "พน" without its dot after a word, and "2nite" (r151)', () => {
    const date = (text: string) => extractFields(text, { now: NOW, timeZone: 'Asia/Bangkok' }).date;
    expect(date('จองนวดพน 4โมงเย็น 2คนค่า')).toBe('2026-11-22');
    expect(date('massage 2nite 8pm? 2 ppl')).toBe('2026-11-21');
    expect(date('พนักงานบริการดีมากค่ะ')).toBeUndefined();
  });

  it('reads a time moved by so much, and moves it (r152)', () => {
    for (const [text, minutes] of [
      ['can we make it an hour later?', 60],
      ['30 minutes earlier please', -30],
      ['half an hour later', 30],
      ['ขอเร็วขึ้นครึ่งชั่วโมงได้ไหมคะ', -30],
      ['ขอช้ากว่านี้ 1 ชั่วโมงค่ะ', 60],
      ['เลื่อนออกไปอีกชั่วโมงครึ่งได้ไหมคะ', 90],
    ] as const) expect(extractTimeShift(text), text).toBe(minutes);
    for (const text of ['we will arrive an hour before', 'รถมาช้าไป 2 ชั่วโมง', 'a 2 hour massage', 'later today']) expect(extractTimeShift(text), text).toBeUndefined();
    expect(shiftedTime('14:00', 60)).toBe('15:00');
    expect(shiftedTime('15:00', -30)).toBe('14:30');
    expect(shiftedTime('23:30', 60)).toBeUndefined();
  });

  it('takes a range of days in one month from its first day (r149)', () => {
    const date = (text: string) => extractFields(text, { now: NOW, timeZone: 'Asia/Bangkok' }).date;
    expect(date('ทัวร์ 3 วัน 2 คืน ไปเชียงราย 10-12 มกราคม 4 คนค่ะ')).toBe('2027-01-10');
    expect(date('we stay from 20 to 23 December')).toBe('2026-12-20');
    expect(date('a room 24–26 dec please')).toBe('2026-12-24');
    expect(date('multi-day tour in the north from the 20th to the 23rd of january, 2 adults')).toBe('2027-01-20');
  });

  it('reads "1.30" with no am or pm as the afternoon, as "at 3" is, and "ตี 5.30" with its minutes (r91)', () => {
    const time = (text: string) => extractFields(text, { now: NOW, timeZone: 'Asia/Bangkok' }).time;
    expect(time('after lunch, around 1.30')).toBe('13:30');
    expect(time('ขอ 1.30 ค่ะ')).toBe('13:30');
    expect(time('at 4:15')).toBe('16:15');
    // Written with its zero, or in the morning's words, as written.
    expect(time('01:30')).toBe('01:30');
    expect(time('ตี 5.30 ค่ะ')).toBe('05:30');
    expect(time('10.30')).toBe('10:30');
  });

  it('does not take some of the party, told of, for its size (r92)', () => {
    const party = (text: string) => extractFields(text, { now: NOW, timeZone: 'Asia/Bangkok' }).partySize;
    expect(party('one of us is vegetarian')).toBeUndefined();
    expect(party("2 of us can't eat shrimp")).toBeUndefined();
    expect(party('มีผู้สูงอายุ 1 ท่านนะคะ')).toBeUndefined();
    // The party itself, as before.
    expect(party('there are 4 of us')).toBe(4);
    expect(party('4 of us, tomorrow at 3')).toBe(4);
  });

  it('reads "พน." (tomorrow) written on to the word before it (r89)', () => {
    const fields = (text: string) => extractFields(text, { now: NOW, timeZone: 'Asia/Bangkok' });
    expect(fields('จองนวดพน.บ่าย3 2คนค่ะ')).toMatchObject({ date: '2026-11-22', time: '15:00', partySize: 2 });
    expect(fields('นวดพน.ค่ะ').date).toBe('2026-11-22');
    // Not a word that starts with the letters.
    expect(fields('ขอคุยกับพนักงานค่ะ').date).toBeUndefined();
  });

  it.each<[string, string]>([
    ['today', '2026-11-21'],
    ['tonight', '2026-11-21'],
    ['tomorrow', '2026-11-22'],
    ['tmr 3pm', '2026-11-22'],
    ['tommorow', '2026-11-22'],
    ['day after tomorrow', '2026-11-23'],
    ['yesterday', '2026-11-20'],
    ['in 3 days', '2026-11-24'],
    ['this Saturday', '2026-11-21'],
    ['next Saturday', '2026-11-28'],
    ['Saturday next week', '2026-11-28'],
    ['next Monday', '2026-11-23'],
    ['on Sat', '2026-11-21'],
    ['sushi class sat 2pm 3ppl', '2026-11-21'],
    ['fri at 10', '2026-11-27'],
    ['this Sunday', '2026-11-22'],
    ['wednesday 6pm', '2026-11-25'],
    ['last Friday', '2026-11-20'],
    ['Dec 5', '2026-12-05'],
    ['December 5th, 2026', '2026-12-05'],
    ['5 December', '2026-12-05'],
    ['5th Dec 2026', '2026-12-05'],
    ['5/12', '2026-12-05'],
    ['5/12/2026', '2026-12-05'],
    ['05-12-2026', '2026-12-05'],
    ['5/12/69', '2026-12-05'],
    ['2026-12-05', '2026-12-05'],
    ['1 Nov', '2027-11-01'],
    ['12/5', '2027-05-12'],
    ['on the 28th', '2026-11-28'],
    ['พรุ่งนี้', '2026-11-22'],
    ['พรุ้งนี้', '2026-11-22'],
    ['จองคลาสซูชิ พน. 10 โมง', '2026-11-22'],
    ['นวด พน 2 ทุ่ม', '2026-11-22'],
    ['มะรืนนี้', '2026-11-23'],
    ['วันนี้', '2026-11-21'],
    ['คืนนี้', '2026-11-21'],
    ['เมื่อวาน', '2026-11-20'],
    ['อีก 3 วัน', '2026-11-24'],
    ['3 วันที่แล้ว', '2026-11-18'],
    ['สองวันก่อน', '2026-11-19'],
    ['เสาร์นี้', '2026-11-21'],
    ['วันเสาร์นี้', '2026-11-21'],
    ['เสาร์หน้า', '2026-11-28'],
    ['วันจันทร์หน้า', '2026-11-23'],
    ['วันพุธ', '2026-11-25'],
    ['วันพฤหัสบดีนี้', '2026-11-26'],
    ['ศุกร์ที่แล้ว', '2026-11-20'],
    ['วันอาทิตย์นี้', '2026-11-22'],
    ['เสาร์อาทิตย์นี้ว่างไหม', '2026-11-21'],
    ['5 ธ.ค.', '2026-12-05'],
    ['5 ธค', '2026-12-05'],
    ['5 ธันวาคม 2569', '2026-12-05'],
    ['5 ธันวา', '2026-12-05'],
    ['5 ธ.ค. 69', '2026-12-05'],
    ['๕ ธ.ค.', '2026-12-05'],
    ['วันที่ 5 เดือนธันวาคม', '2026-12-05'],
    ['1 พ.ย.', '2027-11-01'],
    ['วันที่ 28 ว่างไหม', '2026-11-28'],
    ['วันที่ 3', '2026-12-03'],
    ['วันเสาร์ที่ 28', '2026-11-28'],
    ['2026-11-21 15:30', '2026-11-21'],
  ])('%s -> %s', (text, date) => {
    expect(x(text).date).toBe(date);
  });
  it('counts days in the org time zone', () => {
    const lateUtc = new Date('2026-11-21T20:00:00Z'); // 03:00 Sunday in Bangkok
    expect(x('วันนี้', { now: lateUtc }).date).toBe('2026-11-22');
    expect(x('today', { now: lateUtc, timeZone: 'Europe/London' }).date).toBe('2026-11-21');
    expect(x('this Saturday', { now: lateUtc }).date).toBe('2026-11-28');
    expect(x('next Saturday', { now: lateUtc }).date).toBe('2026-11-28');
  });
  it('treats an unknown time zone as Bangkok', () => {
    expect(x('today', { timeZone: 'Not/AZone' }).date).toBe('2026-11-21');
  });
  it.each(['Feb 30', '24/7 support', 'ที่อยู่ 123/45 ถนนสุขุมวิท', 'บ้านเลขที่ 9/1', 'ซอย 5/1', 'อาทิตย์หน้าว่างไหมคะ', 'See you Sun', 'next week', '10.30', 'I sat 20 minutes in the lobby', 'พนักงานไม่สุภาพ', 'คุณพนม'])(
    'takes no date from %s',
    (text) => {
      expect(x(text).date).toBeUndefined();
    },
  );
});

describe('times', () => {
  it.each<[string, string]>([
    ['3pm', '15:00'],
    ['3 PM', '15:00'],
    ['12am', '00:00'],
    ['12pm', '12:00'],
    ['15:00', '15:00'],
    ['15.00', '15:00'],
    ['10.30 am', '10:30'],
    ['7:45pm', '19:45'],
    ['noon', '12:00'],
    ['midnight', '00:00'],
    ['at 3', '15:00'],
    ['at 10', '10:00'],
    ['15.00 น.', '15:00'],
    ['9 นาฬิกา', '09:00'],
    // r135: the hour with an "h".
    ['massage tomorrow 16h for 1', '16:00'],
    ['9h30 please', '09:30'],
    ['บ่ายสาม', '15:00'],
    ['บ่ายสองโมง', '14:00'],
    ['บ่ายโมง', '13:00'],
    ['บ่าย 3 โมงครึ่ง', '15:30'],
    ['สองทุ่ม', '20:00'],
    ['2 ทุ่ม', '20:00'],
    ['ทุ่มครึ่ง', '19:30'],
    ['หกทุ่ม', '00:00'],
    ['เที่ยง', '12:00'],
    ['เที่ยงคืน', '00:00'],
    ['10 โมงเช้า', '10:00'],
    ['9 โมง', '09:00'],
    ['9 โมงครึ่ง', '09:30'],
    ['สิบโมง', '10:00'],
    ['6 โมงเย็น', '18:00'],
    ['4 โมง', '16:00'],
    ['ตีสอง', '02:00'],
    ['ตี 5', '05:00'],
    ['๑๐.๓๐ น.', '10:30'],
    ['8:00-10:00', '08:00'],
    ['half past two', '14:30'],
    ['next Friday at half past two for 2', '14:30'],
    ['half past 9', '09:30'],
    ['quarter past 10 am', '10:15'],
    ['quarter to 3 pm', '14:45'],
    ['quarter to twelve', '11:45'],
    ['20 past 6', '18:20'],
    ['half past 2pm', '14:30'],
    ['a table for 4 tonight at 7', '19:00'],
    ['this evening at 8', '20:00'],
    ['คืนนี้ at 9', '21:00'],
    ['tomorrow at 7', '07:00'],
    // r80: "around 7", "at about 9".
    ['any chance of a massage this evening around 7 for one?', '19:00'],
    ['at about 9 tomorrow', '09:00'],
    ['around 3 tomorrow for a massage', '15:00'],
  ])('%s -> %s', (text, time) => {
    expect(x(text).time).toBe(time);
  });
  it.each(['2 ชั่วโมง', '1.30 ชั่วโมง', '500 บาท', 'ราคา 10.30', '25:00', '10.75', 'v1.20 app crashed', 'at 2 people', 'half past', 'the half to one side', 'I went to 7-eleven', 'we are around 5', 'about 7 people tomorrow', 'a 2h massage', '24h service'])('takes no time from %s', (text) => {
    expect(x(text).time).toBeUndefined();
  });
  it('leaves a dotted number after a money word to money', () => {
    expect(x('ราคา 10.30')).toEqual({ amount: 10.3, currency: 'THB' });
  });
});

describe('party size', () => {
  it.each<[string, number]>([
    ['2 คน', 2],
    ['2 ท่าน', 2],
    ['2 ที่นั่ง', 2],
    // r47: places, after "take / book / ask for", or alone as an answer.
    ['นวดไทยค่ะ เอาสองที่ เสาร์นี้ เที่ยงครึ่งค่ะ', 2],
    ['จอง 3 ที่ค่ะ', 3],
    ['ขอ 2 ที่ ได้ไหมคะ', 2],
    ['2 ที่ค่ะ', 2],
    // r121: places said to be enough.
    ['ไม่สิ 3 ที่พอค่ะ', 3],
    ['สองที่ก็พอแล้วค่ะ', 2],
    // r123: tickets by the sheet.
    ['ช่วยหาตั๋วคอนเสิร์ตวันที่ 31 ธันวาคม 2 ใบค่ะ', 2],
    ['ขอตั๋วมวยไทย สามใบ', 3],
    // r65: one other person booked for.
    ['I want to book a massage for my mother tomorrow at 11am', 1],
    ['จองนวดให้คุณแม่พรุ่งนี้ 11 โมงค่ะ', 1],
    ['a massage for my wife and me', 2],
    // r58: last in a booking's message, with its polite ending.
    ['มะรืนนี้ขอจองคลาสทำอาหารไทย 10 โมง 2 ที่ค่ะ', 2],
    ['พรุ่งนี้บ่ายสอง สองที่ครับ', 2],
    ['สองคน', 2],
    ['มากันสามคน', 3],
    ['สิบสองท่าน', 12],
    ['มาคนเดียวค่ะ', 1],
    // r125: for oneself, nobody named after.
    ['I want to book a massage tomorrow at 5pm for myself', 1],
    // r143: what is said of them after a comma is no one more; places with their polite ending before more words.
    ['private lesson on friday at 3pm for my son, he is a complete beginner', 1],
    ['จองคลาสซูชิวันเสาร์บ่ายโมง 1 ที่ค่ะ ไม่เคยทำมาก่อนเลย', 1],
    ['just myself please', 1],
    // r144: "just one", the answer to how many.
    ['just one', 1],
    ['only 1 please', 1],
    // r147: a group by who they are.
    ['I want to book the thai cooking class for a team building, 8 colleagues, next saturday at 10am', 8],
    ['a class for 12 students', 12],
    // r148: one other who wants to join.
    ["my daughter wants to join the thai cooking class on saturday at 10, she's 12, is that ok?", 1],
    // r155: treatments counted, and "book me a ...".
    ['pls book 1 massage tmr 6pm thx', 1],
    ['2 thai massages tomorrow at 5pm', 2],
    ['book me a thai massage at a nice spa near sukhumvit tomorrow 4pm', 1],
    // r156: places in the queue.
    ['ขอจองคิวนวดเท้าพรุ่งนี้ 5 โมงเย็น 2 คิวค่ะ', 2],
    // r159: places before the part of the day.
    ['อาทิตย์นี้ขอคิวนวดเท้า 2 ที่ ช่วง 6 โมงเย็นค่ะ', 2],
    // r165: places ending the message.
    ['จองคลาสซูชิ 5 ธันวา 10 โมง 3 ที่', 3],
    // r157: what is said of them after the comma, by "we".
    ['city tour tomorrow at 10am for me and my wife, we are on our honeymoon', 2],
    ['just her, 1', 1],
    // r140: the kind of ticket or seat between the count and the word.
    ['can you get us 3 ringside tickets for muay thai tonight at 9pm?', 3],
    ['2 VIP seats please', 2],
    // r142: a child said without a number, after the adults.
    ['2 adults and a baby, we need a baby seat', 3],
    ['3 adults with a toddler', 4],
    ['only him', 1],
    ['for myself and my wife', 2],
    ['for 4 people', 4],
    ['for 2', 2],
    ['for two', 2],
    ['table for 4 please', 4],
    ['party of 6', 6],
    ['2 pax', 2],
    ['3 guests', 3],
    ['flight TG 661 lands 14:30, 2 passengers', 2],
    ['a tee time for 4 players', 4],
    ['ผู้โดยสาร 3 คน', 3],
    ['two people', 2],
    ['4 of us', 4],
    ['we are 4', 4],
    ['We are a family of 5 looking for a private day trip', 5],
    ['a family of four', 4],
    ['Can I book 2 spots in the Thai cooking class next Saturday at 10am?', 2],
    ['3 seats on the boat', 3],
    ['two tickets please', 2],
    ['4 adults', 4],
    ['2 adults and 1 child', 3],
    ['2 adults, 2 kids', 4],
    ['ผู้ใหญ่ 2 เด็ก 1', 3],
    ['ผู้ใหญ่ 2 เด็ก 1 อายุ 6 ขวบ', 3],
    ['ผู้ใหญ่ 2 ท่าน เด็ก 2 ท่าน', 4],
    ['5 ธันวา 10 คน', 10],
    // Counts of different people, joined (r101).
    ['ขอจองนวดไทย 1 ท่าน กับนวดน้ำมัน 1 ท่าน พรุ่งนี้บ่ายโมงค่ะ', 2],
    ['ไป 2 คน และเพื่อนอีก 1 คนค่ะ', 3],
    ['2 people, yes 2 people', 2],
    // Places just before the time (r96).
    ['ช่วยจองร้านอาหารญี่ปุ่นคืนนี้ 2 ที่ 1 ทุ่มค่ะ', 2],
    ['โต๊ะ 4 ที่ 18:30 ค่ะ', 4],
    // Two, said by who they are.
    ['A massage for me and my wife tomorrow at 6pm please', 2],
    ['my husband and I would like the sushi class', 2],
    ['a cooking class with my mum on Saturday', 2],
    ['the two of us', 2],
    ['yo can i get a massage tmrw at 5 for me n my gf', 2],
    ['can I come tomorrow at 3pm with a friend?', 2],
    ['a couples massage at 5', 2],
    ['อยากจองนวดให้ฉันกับแฟนพรุ่งนี้ 6 โมงเย็นค่ะ', 2],
    ['จองทัวร์ให้แม่กับพ่อค่ะ', 2],
    ['ไปกับเพื่อนค่ะ', 2],
    ['นวดคู่ค่ะ', 2],
    ['ขอจองสปาคู่พรุ่งนี้บ่ายสองค่ะ', 2],
    ['a couples spa package on Friday', 2],
    // Several named by who they are, with their number (r95); with the customer, one more.
    ['can my two daughters have a private lesson together on 12 December at 1pm?', 2],
    ['for our 3 sons', 3],
    ['me and my 2 sons tomorrow', 3],
    ['a cooking class with my two friends', 3],
    // A pair by one word, and more of the family (r98).
    ['ขอจองนวดให้คุณแม่กับคุณป้าค่ะ พรุ่งนี้บ่ายสาม', 2],
    ['I would like to book the city tour for my parents on 12 December at 9am', 2],
    ['จองทัวร์ให้คุณพ่อคุณแม่ค่ะ', 2],
    ['จองนวดให้คุณยายค่ะ พรุ่งนี้ 10 โมง', 1],
    // Two others named (r109).
    ['Can my son and daughter join the Thai cooking class on 12 December?', 2],
    ['my wife and my mother would like a massage tomorrow', 2],
    // A count of the thing booked, when nothing else says the people.
    ['massage 💆‍♀️ tomorrow 11am x2 🙏', 2],
    ['sushi class × 3 please', 3],
  ])('%s -> %d', (text, partySize) => {
    expect(x(text).partySize).toBe(partySize);
  });
  it.each([
    '2 ชั่วโมง',
    'for 2 hours',
    'for 2 nights',
    'for 500 baht',
    'for 2pm',
    'can I pay for 2 orders',
    'สองสามคน',
    'หนึ่งพันคน',
    'ผู้ติดตาม 1000 คน',
    'คนละ 500 บาท',
    'ทุกคน',
    'โอน 2 รอบ',
    'at 7pm',
    'me and my friends',
    'me and my wife and her sister',
    'วันที่ 2 ที่ 3 โมง',
    'my two sons and I',
    'for my parents and me',
    'my 2 sons and their friend',
    'my son and daughter and I',
    'me and my son and daughter',
    'ฉันกับเพื่อนๆ',
    'ฉันกับแฟนและลูก',
    "I paid with my friend's card",
    'a couple of days',
    'ORD-x2',
    'box 2x2 m',
    'x2 hours',
    'วันที่ 2 ค่ะ',
    'มีสาขา 5 ที่ไหนบ้างคะ',
    'ขอที่ 2 ได้ไหม',
    '2 ที่ผ่านมา',
    'ชั้น2 ที่ค่ะ',
    'for my mother and my sister',
    'for my son, my daughter',
    'just one question',
    'a 1 hour massage please',
    'a 90 minute massage',
    'do you guys do hot stone massage?',
    'me and 3 colleagues',
    "a voucher for my mom's birthday",
    'เวลา 10:2 ที่ค่ะ',
    // An age (r76: "เด็ก 6 ขวบเรียนได้ไหมคะ" made the booking for 6).
    'เด็ก 6 ขวบเรียนได้ไหมคะ',
    'เด็ก 10 ปีเข้าร่วมได้ไหม',
    'is it ok for a child 7 years old?',
  ])('takes no party size from %s', (text) => {
    expect(x(text).partySize).toBeUndefined();
  });
});

describe('phones and e-mails', () => {
  it.each<[string, string[]]>([
    ['081-234-5678', ['+66812345678']],
    ['0812345678', ['+66812345678']],
    ['081 234 5678', ['+66812345678']],
    ['โทร0891234567ค่ะ', ['+66891234567']],
    ['Tel:0812345678', ['+66812345678']],
    ['02-123-4567', ['+6621234567']],
    ['053-123-456', ['+6653123456']],
    ['+66 81 234 5678', ['+66812345678']],
    ['+66812345678', ['+66812345678']],
    ['+66 (0)81 234 5678', ['+66812345678']],
    ['+1 415 555 2671', ['+14155552671']],
    ['๐๘๑-๒๓๔-๕๖๗๘', ['+66812345678']],
    ['0812345678 or 0899999999, again 081-234-5678', ['+66812345678', '+66899999999']],
  ])('%s', (text, phones) => {
    expect(x(text).phones).toEqual(phones);
  });
  it.each(['Bank acct 123-4-56789-0', '0123456789', '081234567890123', '05-12-2026', '09.30-10.30', 'order 123456'])('takes no phone from %s', (text) => {
    expect(x(text).phones).toBeUndefined();
  });
  it('finds e-mail addresses, lower-cased, without repeats, and takes no numbers from them', () => {
    expect(x('ส่งมาที่ Somchai.K99@Example.co.th หรือ somchai.k99@example.co.th.')).toEqual({ emails: ['somchai.k99@example.co.th'] });
    expect(x('me500@test.com')).toEqual({ emails: ['me500@test.com'] });
    expect(x('not@mail, @someone, a@b')).toEqual({});
  });
  it('takes no numbers from links', () => {
    expect(x('https://shop.example.com/order/0812345678?amount=500 ดูให้หน่อย')).toEqual({});
  });
});

describe('detectLanguage', () => {
  it.each<[string, 'th' | 'en']>([
    ['เติมเงินไป 500 บาทแล้วเครดิตไม่เข้าค่ะ', 'th'],
    ['I topped up 500 baht but my balance did not change', 'en'],
    ['อยากจองคลาสทำซูชิวันเสาร์นี้ 2 คน', 'th'],
    ['Can I book the sushi class this Saturday for 2?', 'en'],
    // Thai with English loanwords stays Thai: a Thai letter counts twice.
    ['ขอ refund ครับ order #123', 'th'],
    ['admin ครับ topup ไม่เข้า', 'th'],
    ['Hi, I booked for คุณสมชาย on Saturday, please confirm', 'en'],
    // Links and addresses do not count.
    ['ดูให้หน่อย https://example.com/some/long/english/path/here', 'th'],
    ['ส่งไปที่ somebody.with.a.long.name@example.com', 'th'],
    // No letters: the org default.
    ['', 'th'],
    ['🙏😊👍', 'th'],
    ['500', 'th'],
    ['๕๐๐', 'th'],
    ['ok', 'en'],
  ])('%s -> %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
  });
});

describe('robustness', () => {
  it('returns nothing for empty, blank and emoji-only text', () => {
    expect(x('')).toEqual({});
    expect(x('   \n\t')).toEqual({});
    expect(x('😀🙏🏻👨‍👩‍👧')).toEqual({});
  });
  it('reads through emoji and zero-width spaces', () => {
    expect(x('🙏จอง​พรุ่งนี้​2​คน😊')).toEqual({ date: '2026-11-22', partySize: 2 });
  });
  it('never throws on odd input', () => {
    const odd: unknown[] = [null, undefined, 42, {}, '\u0000\uffff', '\ud800', '('.repeat(3000)];
    for (const text of odd) expect(() => extractFields(text as string, { now: NOW })).not.toThrow();
    expect(extractFields(null as unknown as string)).toEqual({});
    expect(() => extractFields('today', { now: new Date(Number.NaN) })).not.toThrow();
    expect(() => extractFields('today', null as unknown as ExtractOptions)).not.toThrow();
    expect(() => extractFields('order 1', { orderIdPatterns: [null, 5] as unknown as string[] })).not.toThrow();
  });
  it('reads only the head of a very long message, quickly', () => {
    const head = 'เติมเงิน 500 บาท ออเดอร์ #778899 พรุ่งนี้ บ่ายสาม ';
    const filler = 'ข้อความยาวมาก ลองทดสอบ 123 abc สามารถ เรียบร้อย 10.30 order x 😀 ';
    const long = (head + filler.repeat(200)).slice(0, 5_000);
    expect(long.length).toBe(5_000);
    let fields: ExtractedFields = {};
    const elapsed = cpuMs(() => (fields = x(long)));
    expect(fields).toMatchObject({ orderIds: ['778899'], amount: 500, currency: 'THB', date: '2026-11-22', time: '15:00' });
    expect(elapsed).toBeLessThan(20); // about 0.3 ms warm
    const tail = filler.repeat(100).slice(0, MAX_SCAN_CHARS) + ' order #445566';
    expect(x(tail).orderIds).toBeUndefined();
  });
  it('stays fast on adversarial 5,000-character inputs', () => {
    const inputs = [
      'a'.repeat(5_000),
      '1'.repeat(5_000),
      '1 '.repeat(2_500),
      'a@'.repeat(2_500),
      'สาม'.repeat(1_700),
      'ร้อย'.repeat(1_250),
      '#1234 '.repeat(900),
      '0812345678 '.repeat(500),
      '12.30 '.repeat(900),
      'x'.repeat(4_000) + '@gmail.com',
      '😀'.repeat(2_500),
    ];
    for (const text of inputs) extractFields(text, { now: NOW });
    const elapsed = cpuMs(() => {
      for (const text of inputs) extractFields(text, { now: NOW });
    });
    expect(elapsed / inputs.length).toBeLessThan(10); // about 0.2 ms each warm
  });
});

describe('timing', () => {
  it('averages well under 0.5 ms over 1,000 varied messages', () => {
    const templates = [
      (i: number) => `เติมเงินไป ${100 + i} บาทแล้วเครดิตไม่เข้าค่ะ`,
      (i: number) => `I topped up ${50 + i} baht but my balance did not change`,
      (i: number) => `อยากจองคลาสทำซูชิวันเสาร์นี้ ${(i % 6) + 1} คน`,
      (i: number) => `Can I book the sushi class this Saturday for ${(i % 6) + 1}?`,
      (i: number) => `โอนเงินเรียบร้อยแล้วค่ะ 1,${String(i % 1000).padStart(3, '0')} บาท ออเดอร์ #${88000 + i} ยังไม่ขึ้นเลย 😭`,
      (i: number) => `Hi, I paid $${i % 90} for order ORD-2026-${String(i).padStart(5, '0')} on Dec ${(i % 28) + 1} email: user${i}@gmail.com`,
      (i: number) => `จองนวด 2 ชั่วโมง พรุ่งนี้ ${(i % 5) + 8} โมงเช้า 2 ท่านค่ะ โทร 08${String(10000000 + i).slice(0, 8)}`,
      () => 'ขอบคุณค่ะ 🙏',
      () => 'สวัสดีครับ สอบถามหน่อยครับ ว่าเปิดกี่โมง',
      (i: number) => `ขอเลื่อนเป็นวันอาทิตย์หน้าได้ไหม ${(i % 4) + 1} ท่าน บ่าย ${(i % 4) + 1} โมงครึ่ง`,
    ];
    const messages = Array.from({ length: 1_000 }, (_, i) => templates[i % templates.length](i));
    for (const m of messages) extractFields(m, { now: NOW }); // warm up
    // Processor time, not the clock's (a full run measured 0.68 ms a message by the clock, under a
    // load of other suites).
    const average =
      cpuMs(() => {
        for (const m of messages) {
          extractFields(m, { now: NOW });
          detectLanguage(m);
        }
      }) / messages.length;
    expect(average).toBeLessThan(0.5); // about 0.02 ms
  });
});

describe('where a transfer goes (a booking destination)', () => {
  it('reads both ends in the customer’s words, up to the day, the time or the people', () => {
    for (const [text, route] of [
      ['I need a transfer from BKK airport to Pattaya on Dec 3 at 11pm for 3 people', 'from BKK airport to Pattaya'],
      ['can you take us from the Hilton to Don Mueang at 5am?', 'from the Hilton to Don Mueang'],
      ['a pickup from Suvarnabhumi to the Hilton on Sukhumvit tomorrow at 10 pm', 'from Suvarnabhumi to the Hilton on Sukhumvit'],
      ['from the airport to my hotel please', 'from the airport to my hotel'],
      ['อยากได้รถรับจากสนามบินสุวรรณภูมิไปโรงแรมแถวสุขุมวิท พรุ่งนี้ 9 โมง 2 คนค่ะ', 'จากสนามบินสุวรรณภูมิไปโรงแรมแถวสุขุมวิท'],
      ['รถรับส่งสนามบินจากสุวรรณภูมิไปโรงแรมพรุ่งนี้ 3 ทุ่ม 2 คนค่ะ', 'จากสุวรรณภูมิไปโรงแรม'],
      ['จากโรงแรมแถวสุขุมวิทไปส่งดอนเมืองครับ', 'จากโรงแรมแถวสุขุมวิทไปดอนเมือง'],
      ['ขอรถไปส่งสนามบินดอนเมืองพรุ่งนี้ตี 4 ค่ะ รับที่โรงแรมแถวสยาม 3 คน', 'รับที่โรงแรมแถวสยาม ไปส่งสนามบินดอนเมือง'],
      // r46: the airport named in a second "ไป", after the kind of place alone.
      ['จองรถไปสนามบินพรุ่งนี้ตี 5 ค่ะ 3 คน ไปสุวรรณภูมิ รับที่โรงแรมแถวอโศก', 'รับที่โรงแรมแถวอโศก ไปส่งสุวรรณภูมิ'],
      ['รับที่บ้านแถวบางนา ไปส่งโรงแรม', 'รับที่บ้านแถวบางนา ไปส่งโรงแรม'],
      // r54: the two ends said apart in English.
      ['Hi! we land at Don Mueang tomorrow at 10pm, can someone pick us up? we are 3, going to our hotel in Silom', 'from Don Mueang to our hotel in Silom'],
      ['we arrive at Suvarnabhumi on Friday, can you take us to the Hilton in Pattaya?', 'from Suvarnabhumi to the Hilton in Pattaya'],
      ['can you pick us up at the hotel at 7am and drop us off at Don Mueang', 'from the hotel to Don Mueang'],
      // r78: a pickup "from" one end, "going to" the other, a flight between.
      ['pickup from Suvarnabhumi on 21 December, flight TG 917 lands 6:30am, 2 people, going to Sukhumvit 11', 'from Suvarnabhumi to Sukhumvit 11'],
      // r84: "and go to" the other end; the pickup's place ends before it.
      ['airport transfer on 20 December at 10pm for 2 people, we land at Suvarnabhumi and go to our hotel in Silom', 'from Suvarnabhumi to our hotel in Silom'],
      // r97: "to" after the time, once a pickup's place was said.
      ['airport pickup at suvarnabhumi on 12 december at 3pm to our hotel in sukhumvit, 2 people with 4 big suitcases', 'from suvarnabhumi to our hotel in sukhumvit'],
      ['pick us up at the Hilton and then drop us at Don Mueang', 'from the Hilton to Don Mueang'],
      // Where they stay is where the car goes (r114).
      ['we need a pickup from Don Mueang on 22 December, our flight lands at 11:15pm, 3 people, hotel is in Silom', 'from Don Mueang to Silom'],
      ["pickup from Suvarnabhumi tomorrow at 9pm, we're staying at the Novotel Sukhumvit", 'from Suvarnabhumi to the Novotel Sukhumvit'],
      // r135: where to first, a plain "จาก" after it.
      ['ขอรถไปสนามบินสุวรรณภูมิ จากโรงแรมแถวสีลม พรุ่งนี้ตีห้า 2 คนค่ะ', 'รับที่โรงแรมแถวสีลม ไปส่งสนามบินสุวรรณภูมิ'],
      // r177: the day and the time between the pickup and "to".
      ['airport pickup from BKK tomorrow 9pm to our hotel in Sathorn, family of 5 with 6 bags', 'from BKK to our hotel in Sathorn'],
      ['from the Hilton on 5 December at 8am to Don Mueang', 'from the Hilton to Don Mueang'],
      // r162: the day and the time between.
      ['จองรถไปสนามบินดอนเมือง พรุ่งนี้ตี 5 จากโรงแรมแถวสุขุมวิท 2 คนค่ะ', 'รับที่โรงแรมแถวสุขุมวิท ไปส่งสนามบินดอนเมือง'],
      // r155: the hour between "lands" and where.
      ['airport pick up for 2 on the 28th, flight lands 7:15am at DMK, going to silom', 'from DMK to silom'],
      // r145: an airport by name, then "ไป" where to, with no "จาก".
      ['รถรับส่งสนามบินดอนเมืองไปพัทยา วันที่ 28 ธันวาคม 9 โมงเช้า 3 คน', 'จากสนามบินดอนเมืองไปพัทยา'],
      ['ขอรถจากสุวรรณภูมิไปโรงแรมแถวสยามค่ะ', 'จากสุวรรณภูมิไปโรงแรมแถวสยาม'],
      ['รถจากสนามบินไปโรงแรมพรุ่งนี้ 3 ทุ่ม', 'จากสนามบินไปโรงแรม'],
    ]) {
      expect(extractRoute(text), text).toBe(route);
    }
  });

  it('leaves one end alone, hours and numbers to the questions that follow', () => {
    for (const text of ['I need a pickup from Suvarnabhumi tomorrow at 10 pm', 'รถไปส่งสนามบินดอนเมือง', 'ขอรถไปสนามบินดอนเมืองพรุ่งนี้', 'รับที่โรงแรมค่ะ', 'open from 9 to 5', 'เปิดจาก 9 โมงไป 5 โมง', 'ไปเชียงใหม่ 3 วัน จากวันที่ 5 ค่ะ', 'I want to go from here to book a tour', 'we land at 10pm, going to Silom', 'we are going to Chiang Mai next week', '2 คน', '']) {
      expect(extractRoute(text), text).toBeUndefined();
    }
  });

  it('changes one end of a route said before (r91)', () => {
    expect(changedRouteEnd('ขอเปลี่ยนจุดรับเป็นดอนเมืองค่ะ')).toEqual({ from: 'ดอนเมือง' });
    expect(changedRouteEnd('เปลี่ยนที่ส่งเป็นโรงแรมแถวสีลมค่ะ')).toEqual({ to: 'โรงแรมแถวสีลม' });
    expect(changedRouteEnd('can we change the pickup to the Hilton Sukhumvit?')).toEqual({ from: 'the Hilton Sukhumvit' });
    expect(changedRouteEnd('change the destination to Hua Hin please')).toEqual({ to: 'Hua Hin' });
    expect(changedRouteEnd('change the time to 9pm')).toBeUndefined();
    expect(withRouteEnd('จากสุวรรณภูมิไปพัทยา', { from: 'ดอนเมือง' }, true)).toBe('รับที่ดอนเมือง ไปส่งพัทยา');
    expect(withRouteEnd('from Suvarnabhumi to Pattaya', { to: 'Hua Hin' }, false)).toBe('from Suvarnabhumi to Hua Hin');
    expect(withRouteEnd('รับที่โรงแรมแถวสยาม ไปส่งสนามบินดอนเมือง', { to: 'สุวรรณภูมิ' }, true)).toBe('รับที่โรงแรมแถวสยาม ไปส่งสุวรรณภูมิ');
    // A place typed alone has no ends to change.
    expect(withRouteEnd('Novotel Silom', { from: 'the Hilton' }, false)).toBeUndefined();
  });

  it('keeps one end said alone, for the other said next to complete (r66)', () => {
    for (const [text, end] of [
      ['airport transfer tomorrow 8am to Don Mueang for 2', { to: 'Don Mueang' }],
      ['I need a pickup from Suvarnabhumi tomorrow at 10 pm', { from: 'Suvarnabhumi' }],
      ['from the Novotel on Silom', { from: 'the Novotel on Silom' }],
      ['to the Hilton Sukhumvit please', { to: 'the Hilton Sukhumvit' }],
      ['can you take us to Pattaya on Friday', { to: 'Pattaya' }],
      ['จองรถไปส่งสนามบินดอนเมืองพรุ่งนี้ 8 โมง 2 คนค่ะ', { to: 'สนามบินดอนเมือง' }],
      ['รับที่โรงแรมแถวสยามค่ะ', { from: 'โรงแรมแถวสยาม' }],
    ] as const) {
      expect(extractRouteEnd(text), text).toEqual(end);
    }
    // Not "to" after a verb, nor both ends (a route), nor no end at all.
    // Nor the "ไป" of "ถัดไป" (next, r156).
    for (const text of ['I want to know the price of a transfer', 'from the airport to my hotel please', 'จองรถรับส่งสนามบินพรุ่งนี้ 9 โมง', 'คลาสทำอาหารไทยรอบถัดไปวันไหนคะ', '']) {
      expect(extractRouteEnd(text), text).toBeUndefined();
    }
    expect(completeRoute({ to: 'Don Mueang' }, 'from the Novotel on Silom', false)).toBe('from the Novotel on Silom to Don Mueang');
    expect(completeRoute({ from: 'Suvarnabhumi' }, 'to the Hilton Sukhumvit please', false)).toBe('from Suvarnabhumi to the Hilton Sukhumvit');
    // A place said plainly is the end still missing.
    expect(completeRoute({ to: 'Don Mueang' }, 'Novotel Silom', false)).toBe('from Novotel Silom to Don Mueang');
    expect(completeRoute({ to: 'สนามบินดอนเมือง' }, 'รับที่โรงแรมแถวสยามค่ะ', true)).toBe('รับที่โรงแรมแถวสยาม ไปส่งสนามบินดอนเมือง');
    // The same end again completes nothing.
    expect(completeRoute({ to: 'Don Mueang' }, 'to Suvarnabhumi', false)).toBeUndefined();
  });
});

describe('a change to the number of people (a booking whose number is known)', () => {
  it('reads more and fewer, in words and digits, Thai and English', () => {
    for (const [text, change] of [
      ['actually one more person is coming', 1], ['2 more people please', 2], ['add a friend', 1], ['another guest is joining', 1], ['+1', 1], ['plus one', 1],
      ['เพิ่มอีก 1 คนค่ะ', 1], ['มาเพิ่มอีกคนค่ะ', 1], ['ขออีก 1 ท่านค่ะ', 1], ['มาด้วยอีก 2 คน', 2],
      ['one less', -1], ['2 fewer people', -2], ['one person less', -1], ['minus one', -1], ['ลด 1 คนค่ะ', -1], ['ขาดไป 1 คน', -1],
      // r105: those who drop out.
      // r125: one more by who they are.
      ['oh and my wife will come too', 1], ['my husband is coming as well', 1], ['plus my friend', 1], ['แฟนจะมาด้วยค่ะ', 1], ['เพื่อนมาด้วยอีก 2 คน', 2],
      ["oh wait, one of us can't come", -1], ['two of us cannot make it after all', -2], ["a friend can't come", -1], ['ไปไม่ได้ 1 คนค่ะ', -1], ['1 คนมาไม่ได้แล้วค่ะ', -1], ['2 ท่านไม่ไปแล้วค่ะ', -2],
    ] as const) {
      expect(extractPartyChange(text), text).toBe(change);
    }
  });

  it('leaves a number of people, a time and other more alone', () => {
    for (const text of ['ลดเหลือ 2 คนค่ะ', '2 คน', '3 people', 'one more thing, is there parking?', 'at 1 plus 2pm', 'เพิ่มเวลา 1 ชั่วโมง', "the teacher can't come, can we move the class?", 'ไปไม่ได้ค่ะ', 'my wife will come instead', 'เพื่อนมาด้วย 2 คน', '']) {
      expect(extractPartyChange(text), text).toBeUndefined();
    }
  });
});

describe('a weekday said alone, for a booking day corrected (r50)', () => {
  it('is read when nothing else places the day', () => {
    for (const [text, wd] of [
      ['oh wait, Sunday is better', 0],
      ['can we do Friday instead?', 5],
      ['on Monday please', 1],
      ['ขอเป็นวันอาทิตย์แทนค่ะ', 0],
      ['อ๊ะ ขอเป็นวันศุกร์ได้ไหมคะ', 5],
    ] as const) expect(weekdayAloneIn(text), text).toBe(wd);
  });

  it('is not read when the day is placed otherwise', () => {
    for (const text of ['next Sunday', 'this Sunday', 'Sunday 13 December', 'วันอาทิตย์หน้าค่ะ', 'วันอาทิตย์นี้ค่ะ', 'tomorrow, Sunday', 'Saturday or Sunday', 'เสาร์-อาทิตย์', 'at 5pm', 'sun is out']) {
      expect(weekdayAloneIn(text), text).toBeUndefined();
    }
  });

  it('finds the day of the week nearest the one booked, three days either side', () => {
    expect(nearestWeekday('2026-12-05', 0)).toBe('2026-12-06'); // Saturday -> the Sunday after
    expect(nearestWeekday('2026-12-05', 5)).toBe('2026-12-04'); // -> the Friday before
    expect(nearestWeekday('2026-12-05', 2)).toBe('2026-12-08'); // -> Tuesday, three days on
    expect(nearestWeekday('2026-12-05', 1)).toBe('2026-12-07');
    expect(nearestWeekday('2026-12-05', 6)).toBe('2026-12-05');
    expect(nearestWeekday('2026-12-31', 5)).toBe('2027-01-01');
  });
});
