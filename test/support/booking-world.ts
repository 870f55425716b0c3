import type { Knex } from 'knex';
import { afterAll, beforeAll } from 'vitest';
import { createTestDatabase, type TestDatabase } from './test-database.ts';

/**
 * An org with a LINE chat, a customer who writes in English, the booking templates and a support
 * member, for the booking unit tests (booking-notifications.test.ts, booking-commands.test.ts).
 */
export const TEMPLATES: Record<string, string> = {
  booking_confirmed: 'Booking {{booking_id}} is confirmed for {{date}} {{time}}.',
  booking_declined: 'Sorry, we cannot take booking {{booking_id}}.',
  booking_proposed_time: 'Could {{date}} {{time}} work for {{booking_id}}?',
  booking_proposal_declined: 'We will look again at {{booking_id}}.',
  quote_sent: 'Your quote for {{booking_id}}: {{amount}}, {{quote_url}}, until {{valid_until}}.',
  quote_reminder: 'A reminder: your quote for {{booking_id}} ({{amount}}) {{quote_url}}',
  booking_day_before: 'A reminder: your booking {{booking_id}} is tomorrow.',
  label_confirm: 'OK',
  label_other_time: 'Another time',
};

export interface BookingWorld {
  orgId: string;
  contactId: string;
  conversationId: string;
  staff: { support: string; other: string; manager: string; ceo: string };
  /** A booking of this customer on their chat (`chat: false`: a website customer's, who has no chat). */
  booking(o?: { stage?: string; chat?: boolean; assignee?: string | null; requestedDate?: string }): Promise<{ id: string; number: string }>;
}

let counter = 0;

export async function bookingWorld(knex: Knex, slug: string): Promise<BookingWorld> {
  const [org] = await knex('orgs').insert({ slug, name: slug }).returning('id');
  const orgId = org.id as string;
  const [channel] = await knex('channels').insert({ org_id: orgId, kind: 'line', name: 'LINE OA', external_id: `U${slug}` }).returning('id');
  const [contact] = await knex('contacts').insert({ org_id: orgId, display_name: 'Nok', language: 'en' }).returning('id');
  const [chat] = await knex('conversations').insert({ org_id: orgId, channel_id: channel.id, contact_id: contact.id, kind: 'direct', external_id: `U${slug}-nok` }).returning('id');
  await knex('templates').insert(Object.entries(TEMPLATES).map(([key, body]) => ({ org_id: orgId, key, language: 'en', body })));
  const member = async (name: string, role: string) => (await knex('staff').insert({ org_id: orgId, display_name: name, role, language: 'en' }).returning('id'))[0].id as string;
  const staff = { support: await member('Somchai', 'support'), other: await member('Nid', 'support'), manager: await member('Mali', 'manager'), ceo: await member('Chai', 'ceo') };
  const nextYear = new Date().getUTCFullYear() + 1;
  return {
    orgId,
    contactId: contact.id,
    conversationId: chat.id,
    staff,
    async booking(o = {}) {
      const number = `B-${String(++counter).padStart(6, '0')}`;
      const web = o.chat === false ? (await knex('contacts').insert({ org_id: orgId, display_name: 'Web Guest', language: 'en', email: `guest${counter}@example.com` }).returning('id'))[0] : undefined;
      const [row] = await knex('bookings')
        .insert({
          org_id: orgId,
          number,
          contact_id: web?.id ?? contact.id,
          conversation_id: o.chat === false ? null : chat.id,
          source: o.chat === false ? 'web' : 'line',
          stage: o.stage ?? 'new',
          language: 'en',
          requested_date: o.requestedDate ?? `${nextYear}-03-10`,
          requested_time: '10:00',
          party_size: 2,
          assignee_staff_id: o.assignee ?? null,
        })
        .returning('id');
      return { id: row.id as string, number };
    },
  };
}

/** The customer's messages about a booking, oldest first. */
export function messagesAbout(knex: Knex, bookingId: string) {
  return knex('messages').where({ booking_id: bookingId, direction: 'out' }).orderBy('created_at').orderBy('id');
}

export async function eventsOf(knex: Knex, bookingId: string): Promise<{ type: string; actor_type: string; data: Record<string, any> }[]> {
  return knex('booking_events').where({ booking_id: bookingId }).orderBy('id');
}

/** A database of this test file's own with the world in it, ready in beforeAll. */
export function bookingWorldForFile(slug: string): { knex: Knex; w: BookingWorld } {
  let db: TestDatabase | undefined;
  const out = {} as { knex: Knex; w: BookingWorld };
  beforeAll(async () => {
    db = await createTestDatabase();
    out.knex = db.knex;
    out.w = await bookingWorld(db.knex, slug);
  });
  afterAll(() => db?.destroy());
  return out;
}
