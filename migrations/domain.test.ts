import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import type { Knex } from 'knex';
import { createTestDatabase, type TestDatabase } from '../test/support/test-database.ts';
import { migrateToLatest, migrationSource } from '../core/db/migrate.ts';
import { connectDatabase } from '../core/db/connect.ts';
import { CASE_STATUSES } from '../core/vocabulary.ts';
import * as vocabulary from '../core/vocabulary.ts';

let db: TestDatabase;
let knex: Knex;
const ids: Record<string, string> = {};

async function insertOne(table: string, row: Record<string, unknown>): Promise<string> {
  const [inserted] = await knex(table).insert(row).returning('id');
  return String(inserted.id);
}

beforeAll(async () => {
  db = await createTestDatabase();
  knex = db.knex;
  ids.org = await insertOne('orgs', { slug: 'domain-test', name: 'Domain test' });
  const org_id = ids.org;
  ids.channel = await insertOne('channels', { org_id, kind: 'line', name: 'LINE OA', external_id: 'Ubot1' });
  ids.channel2 = await insertOne('channels', { org_id, kind: 'whatsapp', name: 'WhatsApp', external_id: 'whatsapp:+6620000000' });
  ids.contact = await insertOne('contacts', { org_id, display_name: 'Somchai' });
  ids.caseType = await insertOne('case_types', {
    org_id, key: 'topup_not_credited', name_th: 'เติมเงินแล้วเครดิตไม่เข้า', name_en: 'Top-up not credited',
    category: 'payment', default_severity: 'critical', first_response_minutes: 15, resolution_minutes: 60,
  });
  ids.case = await insertOne('cases', {
    org_id, number: 'C-000001', case_type_id: ids.caseType, contact_id: ids.contact, source: 'line', severity: 'critical',
  });
  ids.caseEvent = await insertOne('case_events', {
    org_id, case_id: ids.case, type: 'created', actor_type: 'system', data: JSON.stringify({ via: 'test' }),
  });
  ids.booking = await insertOne('bookings', { org_id, number: 'B-000001', contact_id: ids.contact, source: 'line' });
  ids.bookingEvent = await insertOne('booking_events', {
    org_id, booking_id: ids.booking, type: 'created', actor_type: 'customer', data: JSON.stringify({ via: 'test' }),
  });
  ids.audit = await insertOne('audit_log', { org_id, actor_type: 'system', action: 'test.inserted' });
});

afterAll(async () => {
  await db?.destroy();
});

function pgCode(err: unknown): string | undefined {
  return (err as { code?: string } | null)?.code;
}

async function failure(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise;
  } catch (err) {
    return { code: pgCode(err), message: (err as Error).message };
  }
  throw new Error('expected the statement to fail');
}

describe('domain migration', () => {
  it('creates the business tables', async () => {
    for (const table of [
      'channels', 'contacts', 'contact_identities', 'conversations', 'messages', 'inbound_events', 'staff',
      'staff_groups', 'case_types', 'providers', 'services', 'cases', 'case_orders', 'case_events', 'bookings',
      'booking_events', 'templates',
    ]) {
      expect(await knex.schema.hasTable(table), table).toBe(true);
    }
  });

  it('fills in defaults: status new, version 1, a random tracking token', async () => {
    const row = await knex('cases').where({ id: ids.case }).first();
    expect(row.status).toBe('new');
    expect(row.version).toBe(1);
    expect(row.tracking_token).toMatch(/^[0-9a-f]{32}$/);
    const booking = await knex('bookings').where({ id: ids.booking }).first();
    expect(booking.stage).toBe('new');
  });

  it('keeps updated_at current on update', async () => {
    const before = await knex('contacts').where({ id: ids.contact }).first();
    await new Promise((r) => setTimeout(r, 5));
    await knex('contacts').where({ id: ids.contact }).update({ display_name: 'Somchai J.' });
    const after = await knex('contacts').where({ id: ids.contact }).first();
    expect(after.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
  });
});

describe.each([
  { table: 'case_events', key: 'caseEvent', column: 'type' },
  { table: 'booking_events', key: 'bookingEvent', column: 'type' },
  { table: 'audit_log', key: 'audit', column: 'action' },
])('$table is append-only', ({ table, key, column }) => {
  const current = () => knex(table).where({ id: ids[key] }).first();

  it('rejects UPDATE', async () => {
    const before = await current();
    const err = await failure(knex.raw(`UPDATE ${table} SET ${column} = 'rewritten' WHERE id = ?`, [ids[key]]));
    expect(err.code).toBe('P0001');
    expect(err.message).toMatch(/append-only/);
    expect(await current()).toEqual(before);
  });

  it('rejects DELETE', async () => {
    const before = await current();
    const err = await failure(knex.raw(`DELETE FROM ${table} WHERE id = ?`, [ids[key]]));
    expect(err.code).toBe('P0001');
    expect(await current()).toEqual(before);
  });

  it('rejects TRUNCATE', async () => {
    const before = await current();
    const err = await failure(knex.raw(`TRUNCATE ${table}`));
    expect(err.code).toBe('P0001');
    expect(await current()).toEqual(before);
  });

  it('still accepts new rows', async () => {
    const [{ count }] = await knex(table).count({ count: '*' });
    const row: Record<string, unknown> = { org_id: ids.org, actor_type: 'staff', [column]: 'note' };
    if (table === 'case_events') row.case_id = ids.case;
    if (table === 'booking_events') row.booking_id = ids.booking;
    await knex(table).insert(row);
    const [{ count: after }] = await knex(table).count({ count: '*' });
    expect(Number(after)).toBe(Number(count) + 1);
  });
});

describe('unique constraints', () => {
  it('allows one identity per channel and external id', async () => {
    const row = { org_id: ids.org, contact_id: ids.contact, channel_id: ids.channel, external_id: 'U1234' };
    await knex('contact_identities').insert(row);
    const err = await failure(knex('contact_identities').insert(row));
    expect(err.code).toBe('23505');
    // The same id on another channel is another account.
    await knex('contact_identities').insert({ ...row, channel_id: ids.channel2 });
  });

  it('stores an inbound event once per channel and platform event id', async () => {
    const row = {
      org_id: ids.org, channel_id: ids.channel, platform_event_id: '01HWEBHOOKEVENT', event_type: 'message',
      payload: JSON.stringify({ type: 'message' }),
    };
    await knex('inbound_events').insert(row);
    const err = await failure(knex('inbound_events').insert(row));
    expect(err.code).toBe('23505');
    await knex('inbound_events').insert({ ...row, channel_id: ids.channel2 });
  });

  it('stores a channel-less event (payments) once per org', async () => {
    const row = { org_id: ids.org, platform_event_id: 'pay_123', event_type: 'payment.succeeded', payload: '{}' };
    await knex('inbound_events').insert(row);
    expect((await failure(knex('inbound_events').insert(row))).code).toBe('23505');
  });

  it('rejects a second platform message id in a conversation', async () => {
    const conversation = await insertOne('conversations', {
      org_id: ids.org, channel_id: ids.channel, contact_id: ids.contact, external_id: 'U1234',
    });
    const row = { org_id: ids.org, conversation_id: conversation, direction: 'in', sender_type: 'customer', platform_message_id: 'm1' };
    await knex('messages').insert(row);
    expect((await failure(knex('messages').insert(row))).code).toBe('23505');
    // Messages we have not sent yet carry no platform id.
    await knex('messages').insert([{ ...row, platform_message_id: null }, { ...row, platform_message_id: null }]);
  });

  it('rejects a repeated case number or idempotency key within an org', async () => {
    const base = { org_id: ids.org, case_type_id: ids.caseType, source: 'api', severity: 'high' };
    expect((await failure(knex('cases').insert({ ...base, number: 'C-000001' }))).code).toBe('23505');
    await knex('cases').insert({ ...base, number: 'C-000002', idempotency_key: 'k1' });
    expect((await failure(knex('cases').insert({ ...base, number: 'C-000003', idempotency_key: 'k1' }))).code).toBe('23505');
  });
});

describe('check constraints', () => {
  it('rejects an unknown case status', async () => {
    const err = await failure(knex('cases').where({ id: ids.case }).update({ status: 'bogus' }));
    expect(err.code).toBe('23514');
    expect((await knex('cases').where({ id: ids.case }).first()).status).toBe('new');
  });

  it('rejects a booking stage that is not a stage key, an unknown staff role and severity', async () => {
    // Stages an org adds are keys of its own (core/bookings/booking-stage-settings.ts): the column checks their form.
    expect((await failure(knex('bookings').where({ id: ids.booking }).update({ stage: 'Not A Stage' }))).code).toBe('23514');
    expect((await failure(knex('staff').insert({ org_id: ids.org, display_name: 'X', role: 'intern' }))).code).toBe('23514');
    expect((await failure(knex('cases').where({ id: ids.case }).update({ severity: 'urgent' }))).code).toBe('23514');
  });

  it('lists exactly the statuses, stages and vocabularies the code knows', async () => {
    const pairs: [string, readonly string[]][] = [
      ['cases_status', CASE_STATUSES],
      ['cases_severity', vocabulary.SEVERITIES],
      ['cases_source', vocabulary.CASE_SOURCES],
      ['bookings_source', vocabulary.BOOKING_SOURCES],
      ['channels_kind', vocabulary.CHANNEL_KINDS],
      ['conversations_kind', vocabulary.CONVERSATION_KINDS],
      ['messages_direction', vocabulary.MESSAGE_DIRECTIONS],
      ['messages_sender_type', vocabulary.MESSAGE_SENDER_TYPES],
      ['messages_kind', vocabulary.MESSAGE_KINDS],
      ['messages_delivery_status', vocabulary.DELIVERY_STATUSES],
      ['staff_role', vocabulary.STAFF_ROLES],
      ['staff_groups_purpose', vocabulary.STAFF_GROUP_PURPOSES],
      ['case_types_category', vocabulary.CASE_CATEGORIES],
      ['case_types_default_severity', vocabulary.SEVERITIES],
      ['providers_kind', vocabulary.PROVIDER_KINDS],
      ['case_events_actor_type', vocabulary.ACTOR_TYPES],
      ['booking_events_actor_type', vocabulary.ACTOR_TYPES],
      ['templates_language', vocabulary.LANGUAGES],
      ['orders_status', vocabulary.ORDER_STATUSES],
      ['orders_refund_status', vocabulary.REFUND_STATUSES],
    ];
    for (const [name, expected] of pairs) {
      const { rows } = await knex.raw<{ rows: { def: string }[] }>(
        'SELECT pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conname = ?',
        [name],
      );
      expect(rows, name).toHaveLength(1);
      const listed = [...rows[0].def.matchAll(/'([^']+)'::text/g)].map((m) => m[1]);
      expect(listed.sort(), name).toEqual([...expected].sort());
    }
  });

  it('rejects a bad warn ratio and an SLA shorter than its first response', async () => {
    const base = {
      org_id: ids.org, name_th: 'x', name_en: 'x', category: 'other', first_response_minutes: 30, resolution_minutes: 60,
    };
    expect((await failure(knex('case_types').insert({ ...base, key: 'ratio', warn_at_ratio: 1.5 }))).code).toBe('23514');
    expect((await failure(knex('case_types').insert({ ...base, key: 'short', resolution_minutes: 10 }))).code).toBe('23514');
    expect((await failure(knex('case_types').insert({ ...base, key: 'Bad Key' }))).code).toBe('23514');
  });
});

describe('rollback', () => {
  it('migrates down to nothing and up again', async () => {
    await knex.migrate.rollback({ migrationSource }, true);
    for (const table of ['cases', 'case_events', 'bookings', 'channels', 'orgs', 'audit_log']) {
      expect(await knex.schema.hasTable(table), table).toBe(false);
    }
    const { rows } = await knex.raw(`SELECT proname FROM pg_proc WHERE proname IN ('forbid_change', 'touch_updated_at')`);
    expect(rows).toHaveLength(0);

    const applied = await migrateToLatest(knex);
    expect(applied).toContain('20261121000200_domain.ts');
    expect(await knex.schema.hasTable('case_events')).toBe(true);
    expect(await knex('cases').count({ count: '*' })).toEqual([{ count: 0 }]);
  });
});

describe('migrating from several processes', () => {
  it('is not stopped by a lock row left set by a process that died while migrating', async () => {
    await knex('knex_migrations_lock').update({ is_locked: 1 });
    expect(await migrateToLatest(knex, 5_000)).toEqual([]);
    expect(await knex('knex_migrations_lock').pluck('is_locked')).toEqual([0]);
  });

  it('lets one migrate while the others wait, each seeing the schema whole', async () => {
    await knex.migrate.rollback({ migrationSource }, true);
    const others = [connectDatabase({ url: db.url, poolMax: 3 }), connectDatabase({ url: db.url, poolMax: 3 })];
    try {
      const applied = await Promise.all([migrateToLatest(knex), ...others.map((k) => migrateToLatest(k))]);
      // Exactly one of them applied the migrations; the others found nothing left to do.
      expect(applied.filter((a) => a.length > 0)).toHaveLength(1);
      expect(applied.flat()).toHaveLength((await migrationSource.getMigrations([])).length);
      expect(await knex.schema.hasTable('staff_action_nonces')).toBe(true);
    } finally {
      await Promise.all(others.map((k) => k.destroy()));
    }
  });
});
