import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { Knex } from 'knex';
import { buildBookingCard } from '../staff/booking-announcements.ts';
import type { BookingView } from './booking-desk.ts';
import { bookingDetailLines } from './booking-detail-words.ts';

describe("a booking's details as staff read them", () => {
  it('names the details the product stores in the reader\'s language, dates as people write them', () => {
    const details = { destination: 'จากดอนเมือง ไปโรงแรมแถวสีลม', notes: 'มีที่จอดรถไหมคะ', start_date: '2027-03-05', budget: '20,000 บาท', travelers: 4, month: '' };
    expect(bookingDetailLines(details, 'th')).toEqual(['จุดหมาย: จากดอนเมือง ไปโรงแรมแถวสีลม', 'หมายเหตุ: มีที่จอดรถไหมคะ', 'วันที่เริ่ม: ศุกร์ 5 มี.ค. 2570', 'งบประมาณ: 20,000 บาท', 'จำนวนคน: 4']);
    expect(bookingDetailLines(details, 'en')).toEqual(['Destination: จากดอนเมือง ไปโรงแรมแถวสีลม', 'Notes: มีที่จอดรถไหมคะ', 'Start date: Fri, 5 Mar 2027', 'Budget: 20,000 บาท', 'People: 4']);
  });

  it('shows a month the form stored as YYYY-MM the way people write it', () => {
    expect(bookingDetailLines({ month: '2027-04' }, 'th')).toEqual(['เดือน: เม.ย. 2570']);
    expect(bookingDetailLines({ month: '2027-04' }, 'en')).toEqual(['Month: Apr 2027']);
    // Written by hand through the API: shown as it came.
    expect(bookingDetailLines({ month: 'April' }, 'en')).toEqual(['Month: April']);
  });

  it("shows a business's own key as it was sent, and nothing for an empty value", () => {
    expect(bookingDetailLines({ room_type: 'deluxe', allergies: null, notes: '' }, 'th')).toEqual(['room type: deluxe']);
  });

  it("puts them on the staff group's card with no stored key left in a Thai group's card", async () => {
    const booking: BookingView = {
      id: '00000000-0000-4000-8000-000000000001',
      orgId: '00000000-0000-4000-8000-000000000002',
      number: 'B-000123',
      stage: 'new',
      version: 1,
      assigneeStaffId: null,
      assigneeName: null,
      serviceKey: 'airport_transfer',
      serviceName: { th: 'รถรับส่งสนามบิน', en: 'Airport transfer' },
      requestedDate: '2027-03-05',
      requestedTime: '22:00',
      proposedDate: null,
      proposedTime: null,
      partySize: 3,
      details: { destination: 'from Don Mueang to our hotel in Silom', notes: 'do you have a child seat?' },
      declineReason: null,
      lostReason: null,
      conversationId: null,
      contactId: '00000000-0000-4000-8000-000000000003',
      contactName: 'Nok',
      contactLanguage: 'en',
      timeZone: 'Asia/Bangkok',
    };
    const deps = { knex: undefined as unknown as Knex, actionKey: randomBytes(32), publicBaseUrl: () => 'http://localhost', mediaLinkKey: randomBytes(32) };
    const card = await buildBookingCard(deps, booking, { language: 'th', now: new Date('2027-03-01T03:00:00Z') });
    if (card.kind !== 'card') throw new Error('a card was expected');
    expect(card.card.body).toBe('จุดหมาย: from Don Mueang to our hotel in Silom\nหมายเหตุ: do you have a child seat?');
    expect(card.card.body).not.toMatch(/destination|notes/);
  });
});
