import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * The waitlist of a full session (docs/bookings.md, "The waitlist"): customers who asked to be told
 * when a seat frees, in the order they asked. A freed seat is offered to the first whose party fits,
 * and held for them (counted in `service_sessions.seats_taken`, in the transaction that freed it)
 * until they accept, decline or the offer runs out. Written only by core/bookings/session-waitlist.ts.
 */
const TEMPLATES = [
  {
    key: 'waitlist_joined',
    description: 'A customer joined the waitlist of a full session: their place in line.',
    text: {
      th: 'ลงชื่อรอคิวรอบ {{service}} วันที่ {{date}} เวลา {{time}} แล้วค่ะ (คิวที่ {{position}}) หากมีที่ว่าง เราจะส่งข้อความถึงคุณทันที',
      en: "You're on the waitlist for {{service}} on {{date}} at {{time}} (number {{position}} in line). We'll message you as soon as a seat frees.",
    },
  },
  {
    key: 'waitlist_offer',
    description: 'A seat freed on a session the customer waits for: it is held for them until the time given.',
    text: {
      th: 'มีที่ว่างแล้วค่ะ! รอบ {{service}} วันที่ {{date}} เวลา {{time}} ({{seats}} ที่) เราเก็บที่ไว้ให้ถึง {{expires_at}} น. กรุณากดรับหรือปฏิเสธค่ะ',
      en: 'A seat is free! {{service}} on {{date}} at {{time}} ({{seats}} seats) is held for you until {{expires_at}}. Please accept or decline.',
    },
  },
  {
    key: 'waitlist_offer_expired',
    description: 'The seat held for a customer on the waitlist was not taken in time: it went to the next in line.',
    text: {
      th: 'ขออภัยค่ะ ที่นั่งรอบ {{service}} วันที่ {{date}} เวลา {{time}} ที่เก็บไว้ให้หมดเวลาแล้ว จึงยังไม่ได้จองให้ค่ะ',
      en: 'Sorry, the seat held for you on {{service}} on {{date}} at {{time}} was not taken in time, so nothing was booked.',
    },
  },
  {
    key: 'waitlist_booked',
    description: 'A customer accepted the seat offered from the waitlist: the booking made.',
    text: {
      th: 'จองรอบ {{service}} วันที่ {{date}} เวลา {{time}} ให้แล้วค่ะ หมายเลขการจอง {{booking_id}}',
      en: 'Booked: {{service}} on {{date}} at {{time}}. Your booking number is {{booking_id}}.',
    },
  },
  {
    key: 'waitlist_declined',
    description: 'A customer turned down the seat offered from the waitlist.',
    text: {
      th: 'รับทราบค่ะ เราได้ส่งต่อที่นั่งให้ผู้ที่รอคิวถัดไปแล้ว',
      en: 'Understood: the seat goes to the next person waiting.',
    },
  },
  { key: 'label_waitlist_join', description: 'Quick reply: join the waitlist of a full session.', text: { th: 'ลงชื่อรอคิว', en: 'Join the waitlist' } },
  { key: 'label_waitlist_accept', description: 'Quick reply: accept the seat offered from the waitlist.', text: { th: 'รับที่นั่ง', en: 'Accept the seat' } },
  { key: 'label_waitlist_decline', description: 'Quick reply: decline the seat offered from the waitlist.', text: { th: 'ไม่รับ', en: 'Decline' } },
];

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('session_waitlist', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('session_id').notNullable().references('service_sessions.id');
    t.uuid('contact_id').notNullable().references('contacts.id');
    // Where the offer is sent when the customer has one (the chat they asked in, or LINE's form).
    t.uuid('conversation_id').references('conversations.id');
    t.integer('seats').notNullable();
    t.text('source').notNullable();
    t.text('language').notNullable();
    t.text('status').notNullable().defaultTo('waiting');
    // For the website: the customer's link to their place in line and the offer (no login).
    t.text('token').notNullable().unique();
    t.timestamp('offered_at', { useTz: true });
    t.timestamp('offer_expires_at', { useTz: true });
    t.timestamp('answered_at', { useTz: true });
    t.uuid('booking_id').references('bookings.id');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE session_waitlist ADD CONSTRAINT session_waitlist_status CHECK (status IN ('waiting', 'offered', 'booked', 'declined', 'expired', 'left', 'closed'));
    ALTER TABLE session_waitlist ADD CONSTRAINT session_waitlist_seats CHECK (seats > 0);
    ALTER TABLE session_waitlist ADD CONSTRAINT session_waitlist_offer CHECK ((status = 'offered') <= (offer_expires_at IS NOT NULL));
    -- A customer waits once per session.
    CREATE UNIQUE INDEX session_waitlist_once ON session_waitlist (session_id, contact_id) WHERE status IN ('waiting', 'offered');
    CREATE INDEX session_waitlist_line ON session_waitlist (session_id, created_at) WHERE status = 'waiting';
    CREATE INDEX session_waitlist_org ON session_waitlist (org_id, created_at);
    CREATE TRIGGER session_waitlist_touch BEFORE UPDATE ON session_waitlist FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  `);
  for (const t of TEMPLATES) await addTemplateForExistingOrgs(knex, { ...t, presentKey: 'session_full' });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of TEMPLATES) await removeTemplate(knex, t.key);
  await knex.schema.dropTable('session_waitlist');
}
