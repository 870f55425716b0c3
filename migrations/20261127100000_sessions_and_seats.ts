import type { Knex } from 'knex';
import { addTemplateForExistingOrgs, removeTemplate } from './template-for-existing-orgs.ts';

/**
 * Sessions of a service and the seats they hold (docs/bookings.md, "Sessions and seats"): a class
 * on Tuesdays at 10:00 for 12 people, a departure on 3 March for 30. A booking for a session holds
 * `session_seats` of it (its party size), counted in `seats_taken` on the session's row in the
 * booking's own transaction; the CHECK is the database's last word that a session never holds
 * more than its capacity. Written only by core/bookings/service-sessions.ts.
 */
export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('service_sessions', (t) => {
    t.uuid('id').primary().defaultTo(knex.raw('gen_random_uuid()'));
    t.uuid('org_id').notNullable().references('orgs.id').onDelete('CASCADE');
    t.uuid('service_id').notNullable().references('services.id');
    t.timestamp('starts_at', { useTz: true }).notNullable();
    t.timestamp('ends_at', { useTz: true }).notNullable();
    t.integer('capacity').notNullable();
    // The seats the bookings on it hold, and the website forms stored for it and not booked yet.
    t.integer('seats_taken').notNullable().defaultTo(0);
    t.text('status').notNullable().defaultTo('scheduled');
    t.timestamp('cancelled_at', { useTz: true });
    t.text('cancel_reason');
    t.timestamp('created_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
    t.timestamp('updated_at', { useTz: true }).notNullable().defaultTo(knex.fn.now());
  });
  await knex.raw(`
    ALTER TABLE service_sessions ADD CONSTRAINT service_sessions_seats CHECK (capacity > 0 AND seats_taken >= 0 AND seats_taken <= capacity);
    ALTER TABLE service_sessions ADD CONSTRAINT service_sessions_times CHECK (ends_at > starts_at);
    ALTER TABLE service_sessions ADD CONSTRAINT service_sessions_status CHECK (status IN ('scheduled', 'cancelled'));
    -- One scheduled session of a service at a time of day: a second is a mistake, not a second bus.
    CREATE UNIQUE INDEX service_sessions_one_start ON service_sessions (service_id, starts_at) WHERE status = 'scheduled';
    CREATE INDEX service_sessions_org_start ON service_sessions (org_id, service_id, starts_at);
    CREATE TRIGGER service_sessions_touch BEFORE UPDATE ON service_sessions FOR EACH ROW EXECUTE FUNCTION touch_updated_at();
  `);
  await knex.schema.alterTable('bookings', (t) => {
    t.uuid('session_id').references('service_sessions.id');
    // Seats the booking holds on its session; 0 once given back (cancelled, declined, lost).
    t.integer('session_seats');
  });
  await knex.raw(`
    ALTER TABLE bookings ADD CONSTRAINT bookings_session_seats CHECK ((session_id IS NULL) = (session_seats IS NULL) AND (session_seats IS NULL OR session_seats >= 0));
    CREATE INDEX bookings_session ON bookings (session_id) WHERE session_id IS NOT NULL;
  `);
  await addTemplateForExistingOrgs(knex, {
    key: 'session_full',
    description: 'A booking for a session that has no seat left (or fewer than asked): the chat and the booking forms say so.',
    text: {
      th: 'ขออภัยค่ะ รอบ {{date}} {{time}} ของ {{service}} เต็มแล้ว (เหลือ {{seats_left}} ที่) กรุณาเลือกรอบอื่นนะคะ',
      en: 'Sorry, the {{service}} session on {{date}} at {{time}} is full ({{seats_left}} seats left). Please choose another time.',
    },
    presentKey: 'booking_received_web',
  });
  await addTemplateForExistingOrgs(knex, {
    key: 'booking_session_cancelled',
    description: 'The session a booking was for was cancelled by the business, and the booking with it.',
    text: {
      th: 'ขออภัยค่ะ รอบ {{service}} วันที่ {{date}} เวลา {{time}} ถูกยกเลิก การจอง {{booking_id}} จึงถูกยกเลิกด้วย ทีมงานจะติดต่อเพื่อช่วยเลือกรอบใหม่ค่ะ',
      en: 'Sorry, the {{service}} session on {{date}} at {{time}} has been cancelled, and with it your booking {{booking_id}}. Our team will contact you to find another time.',
    },
    presentKey: 'booking_received_web',
  });
}

export async function down(knex: Knex): Promise<void> {
  await removeTemplate(knex, 'session_full');
  await removeTemplate(knex, 'booking_session_cancelled');
  await knex.raw('DROP INDEX IF EXISTS bookings_session');
  await knex.schema.alterTable('bookings', (t) => {
    t.dropChecks(['bookings_session_seats']);
    t.dropColumn('session_seats');
    t.dropColumn('session_id');
  });
  await knex.schema.dropTable('service_sessions');
}
