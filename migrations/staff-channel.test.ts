import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../core/db/migrate.ts';
import { createDatabaseBefore, type TestDatabase } from '../test/support/test-database.ts';

/**
 * Staff linked before 20261122000200_staff_channel are bound to the LINE channel their direct
 * messages went over until then: the org's oldest LINE channel that is not the chat simulator's.
 */
const MIGRATION = '20261122000200_staff_channel.ts';
let db: TestDatabase;
const ids: Record<string, string> = {};

beforeAll(async () => {
  db = await createDatabaseBefore(MIGRATION);
  const [a] = await db.knex('orgs').insert({ slug: 'a', name: 'A', is_default: true }).returning('id');
  const [b] = await db.knex('orgs').insert({ slug: 'b', name: 'B', is_default: false }).returning('id');
  const channel = async (orgId: string, name: string, origin: string, createdAt: string) =>
    (await db.knex('channels').insert({ org_id: orgId, kind: 'line', name, settings: JSON.stringify({ origin }), created_at: createdAt }).returning('id'))[0].id as string;
  // Org A: the simulator's channel is the oldest; the real one came later.
  ids.simA = await channel(a.id, 'LINE (chat simulator)', 'simulator', '2026-01-01T00:00:00Z');
  ids.realA = await channel(a.id, 'LINE', 'env', '2026-02-01T00:00:00Z');
  ids.laterA = await channel(a.id, 'LINE 2', 'api', '2026-03-01T00:00:00Z');
  // Org B: only the simulator's.
  ids.simB = await channel(b.id, 'LINE (chat simulator)', 'simulator', '2026-01-01T00:00:00Z');
  const staff = async (orgId: string, name: string, lineUserId: string | null) =>
    (await db.knex('staff').insert({ org_id: orgId, display_name: name, role: 'support', line_user_id: lineUserId }).returning('id'))[0].id as string;
  ids.linkedA = await staff(a.id, 'Linked A', 'U' + 'a'.repeat(32));
  ids.unlinkedA = await staff(a.id, 'Unlinked A', null);
  ids.linkedB = await staff(b.id, 'Linked B', 'U' + 'b'.repeat(32));
  await migrateToLatest(db.knex);
});
afterAll(() => db?.destroy());

describe('binding linked staff to a channel', () => {
  it("binds them to the org's oldest LINE channel that is not the simulator's, else to the simulator's", async () => {
    const row = (id: string) => db.knex('staff').where({ id }).first('line_user_id', 'line_channel_id');
    expect(await row(ids.linkedA)).toEqual({ line_user_id: 'U' + 'a'.repeat(32), line_channel_id: ids.realA });
    expect(await row(ids.unlinkedA)).toEqual({ line_user_id: null, line_channel_id: null });
    expect(await row(ids.linkedB)).toEqual({ line_user_id: 'U' + 'b'.repeat(32), line_channel_id: ids.simB });
  });
});
