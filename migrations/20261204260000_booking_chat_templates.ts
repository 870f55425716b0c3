import type { Knex } from 'knex';
import { addTemplatesForExistingOrgs, removeTemplates } from './template-for-existing-orgs.ts';

/**
 * What the booking form refuses, the chat does not book (bot/conversation/booking-slots.ts): a
 * moment already gone ("วันนี้ 10 โมง" typed at nine in the evening), a day the service is closed, a
 * time outside its hours, more people than it takes. The customer is told why, and the detail asked again.
 * And "is my booking confirmed?" is answered with the customer's newest booking and its stage.
 */
const TEMPLATES = [
  {
    key: 'booking_time_past',
    description: 'The customer asked for a time already gone today ({{time}} on {{date}}): told so, then asked the time again.',
    text: { th: 'ขออภัยค่ะ เวลา {{time}} น. ของวัน{{date}} ผ่านไปแล้ว', en: 'Sorry, {{time}} on {{date}} has already passed.' },
  },
  {
    key: 'booking_date_past',
    description: 'The customer asked for a day already gone ({{date}}): told so, then asked the day again.',
    text: { th: 'ขออภัยค่ะ วัน{{date}} ผ่านไปแล้ว', en: 'Sorry, {{date}} has already passed.' },
  },
  {
    key: 'booking_closed_day',
    description: 'The service is closed on the day the customer asked ({{date}}): told so, then asked the day again.',
    text: { th: 'ขออภัยค่ะ {{service}} ปิดให้บริการวัน{{date}}', en: 'Sorry, {{service}} is closed on {{date}}.' },
  },
  {
    key: 'booking_outside_hours',
    description: "The time the customer asked ({{time}}) is outside the service's hours that day ({{hours}}): told so, then asked the time again.",
    text: { th: 'ขออภัยค่ะ {{service}} เปิดให้บริการ {{hours}} น. ในวัน{{date}} เวลา {{time}} น. อยู่นอกเวลาให้บริการ', en: 'Sorry, {{service}} is open {{hours}} on {{date}}; {{time}} is outside those hours.' },
  },
  {
    key: 'booking_over_capacity',
    description: 'More people ({{party_size}}) than the service takes in one booking ({{capacity}}): told so, then asked how many again.',
    text: { th: 'ขออภัยค่ะ {{service}} รับได้สูงสุด {{capacity}} ท่านต่อการจอง', en: 'Sorry, {{service}} takes at most {{capacity}} people per booking.' },
  },
  {
    key: 'booking_status_reply',
    description: 'The customer asked where their booking stands: their newest booking and its stage ({{status}}).',
    text: {
      th: 'การจอง {{booking_id}}\n• บริการ: {{service}}\n• วันที่: {{date}}\n• เวลา: {{time}}\n• สถานะ: {{status}}\nหากต้องการเปลี่ยนแปลง พิมพ์บอกได้เลยค่ะ เจ้าหน้าที่จะดูแลให้',
      en: 'Your booking {{booking_id}}\n• Service: {{service}}\n• Date: {{date}}\n• Time: {{time}}\n• Status: {{status}}\nTo change anything, just write here and our team will help.',
    },
  },
];

export async function up(knex: Knex): Promise<void> {
  await addTemplatesForExistingOrgs(knex, TEMPLATES, 'greeting_follow');
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplates(knex, TEMPLATES.map((t) => t.key));
}
