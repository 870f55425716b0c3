import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyHasher, authenticateApiKey, ensureBootstrapAdminKey } from '../core/api-keys/api-key-service.ts';
import { migrateToLatest } from '../core/db/migrate.ts';
import { createDatabaseBefore, type TestDatabase } from '../test/support/test-database.ts';

/**
 * Keys stored before 20261122000100_api_key_security keep working across it: the migration shortens
 * their prefixes and marks the bootstrap key; their SHA-256 is replaced by the HMAC on first use.
 */
const MIGRATION = '20261122000100_api_key_security.ts';
let db: TestDatabase;
const sha = (k: string) => createHash('sha256').update(k).digest('hex');
const oldKey = 'odk_' + 'Q'.repeat(43);
const bootstrapKey = 'an-admin-key-from-before-0123456789';

beforeAll(async () => {
  db = await createDatabaseBefore(MIGRATION);
  const [org] = await db.knex('orgs').insert({ slug: 'before', name: 'Before', is_default: true }).returning('id');
  await db.knex('api_keys').insert([
    { org_id: org.id, name: 'integration', role: 'integration', key_hash: sha(oldKey), key_prefix: oldKey.slice(0, 12) },
    { org_id: org.id, name: 'bootstrap admin (ADMIN_API_KEY)', role: 'admin', key_hash: sha(bootstrapKey), key_prefix: bootstrapKey.slice(0, 12) },
  ]);
  await migrateToLatest(db.knex);
});
afterAll(() => db?.destroy());

describe('migrating API keys to keyed hashes', () => {
  it('shortens stored prefixes and marks the bootstrap key, leaving hashes for first use', async () => {
    const rows = await db.knex('api_keys').select('name', 'key_prefix', 'hash_version', 'is_bootstrap', 'expires_at').orderBy('name');
    expect(rows).toEqual([
      { name: 'bootstrap admin (ADMIN_API_KEY)', key_prefix: 'an-a', hash_version: 1, is_bootstrap: true, expires_at: null },
      { name: 'integration', key_prefix: 'odk_QQQQ', hash_version: 1, is_bootstrap: false, expires_at: null },
    ]);
  });

  it('keeps the old keys working and rewrites them with the HMAC, without duplicating the bootstrap key', async () => {
    const hasher = new ApiKeyHasher(Buffer.alloc(32, 3));
    expect(await authenticateApiKey(db.knex, hasher, oldKey)).toMatchObject({ role: 'integration' });
    const org = await db.knex('orgs').first();
    await ensureBootstrapAdminKey(db.knex, hasher, org.id, bootstrapKey);
    const rows = await db.knex('api_keys').select('name', 'key_hash', 'hash_version', 'revoked_at').orderBy('name');
    expect(rows).toEqual([
      { name: 'bootstrap admin (ADMIN_API_KEY)', key_hash: hasher.hash(bootstrapKey), hash_version: 2, revoked_at: null },
      { name: 'integration', key_hash: hasher.hash(oldKey), hash_version: 2, revoked_at: null },
    ]);
    expect(await authenticateApiKey(db.knex, hasher, bootstrapKey)).toMatchObject({ role: 'admin' });
    expect(await authenticateApiKey(db.knex, hasher, oldKey)).toMatchObject({ role: 'integration' });
    // A wrong key is still a wrong key on either path.
    expect(await authenticateApiKey(db.knex, hasher, oldKey.slice(0, -1) + 'R')).toBeNull();
  });
});
