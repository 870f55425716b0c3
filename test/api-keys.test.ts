import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiKeyHasher } from '../core/api-keys/api-key-service.ts';
import { loadOrCreateKeyFile } from '../core/crypto/key-file.ts';
import { apiClient } from './support/api-client.ts';
import { createTestDatabase, type TestDatabase } from './support/test-database.ts';
import { startTestSystem, TEST_ADMIN_KEY, type TestSystem } from './support/test-system.ts';

/** API keys: revocation, expiry, a short stored prefix, an HMAC under the server's secret, old keys upgraded. */
let db: TestDatabase;
let sys: TestSystem;
let hasher: ApiKeyHasher;

beforeAll(async () => {
  db = await createTestDatabase();
  sys = await startTestSystem({ db, env: { DEV_SIMULATOR: 'off', DEMO_SEED: 'off' } });
  hasher = new ApiKeyHasher(loadOrCreateKeyFile(sys.dataDir));
});
afterAll(async () => {
  await sys?.stopAll();
  await db?.destroy();
});

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);
const counts = async () => {
  const [keys] = await sys.knex('api_keys').count({ n: '*' });
  const [live] = await sys.knex('api_keys').whereNull('revoked_at').count({ n: '*' });
  const [audit] = await sys.knex('audit_log').count({ n: '*' });
  return { keys: Number(keys.n), live: Number(live.n), audit: Number(audit.n) };
};
const issue = async (body: Record<string, unknown>) => {
  const res = await api('POST', '/api/v1/api-keys', body);
  expect(res.status).toBe(201);
  return res.json as { id: string; key: string; keyPrefix: string; expiresAt: string | null };
};

describe('API keys', () => {
  it('stores a short fixed prefix and an HMAC under the server secret, never a plain hash', async () => {
    const k = await issue({ name: 'integration', role: 'integration' });
    expect(k.keyPrefix).toBe(k.key.slice(0, 8));
    expect(k.keyPrefix).toMatch(/^odk_.{4}$/);
    const row = await sys.knex('api_keys').where({ id: k.id }).first();
    expect(row.key_prefix).toBe(k.keyPrefix);
    expect(row.hash_version).toBe(2);
    expect(row.key_hash).toBe(hasher.hash(k.key));
    expect(row.key_hash).not.toBe(createHash('sha256').update(k.key).digest('hex'));
    // The same key hashed under another server secret is another value: a database copy alone cannot test guesses.
    expect(new ApiKeyHasher(Buffer.alloc(32, 9)).hash(k.key)).not.toBe(row.key_hash);
  });

  it('revokes a key: it stops working at once, and can do nothing afterwards', async () => {
    const k = await issue({ name: 'to revoke', role: 'admin' });
    expect((await api('GET', '/api/v1/me', undefined, k.key)).status).toBe(200);

    const revoked = await api('DELETE', `/api/v1/api-keys/${k.id}`);
    expect(revoked.status).toBe(200);
    expect(revoked.json).toMatchObject({ id: k.id, keyPrefix: k.keyPrefix, revokedAt: expect.any(String) });
    expect(JSON.stringify(revoked.json)).not.toContain(k.key);

    const before = await counts();
    expect((await api('GET', '/api/v1/me', undefined, k.key)).status).toBe(401);
    const tried = await api('POST', '/api/v1/api-keys', { name: 'by a revoked key', role: 'admin' }, k.key);
    expect(tried.status).toBe(401);
    expect(tried.json.error.code).toBe('unauthenticated');
    const other = await issue({ name: 'victim', role: 'support' });
    expect((await api('DELETE', `/api/v1/api-keys/${other.id}`, undefined, k.key)).status).toBe(401);
    expect((await api('GET', '/api/v1/me', undefined, other.key)).status).toBe(200);
    const after = await counts();
    // Only the victim key this test issued itself was added; nothing else changed.
    expect(after).toEqual({ keys: before.keys + 1, live: before.live + 1, audit: before.audit + 1 });

    const listed = await api('GET', '/api/v1/api-keys');
    expect(listed.json.find((x: { id: string }) => x.id === k.id).revokedAt).toBe(revoked.json.revokedAt);
    // Revoking again keeps the first time.
    expect((await api('DELETE', `/api/v1/api-keys/${k.id}`)).json.revokedAt).toBe(revoked.json.revokedAt);
  });

  it('404s a key of another org or no key at all, and revokes nothing', async () => {
    const before = await counts();
    expect((await api('DELETE', '/api/v1/api-keys/00000000-0000-0000-0000-000000000000')).status).toBe(404);
    expect((await api('DELETE', '/api/v1/api-keys/not-a-uuid')).status).toBe(404);
    const support = await issue({ name: 'support', role: 'support' });
    const admins = await sys.knex('api_keys').where({ role: 'admin' }).whereNull('revoked_at').first();
    expect((await api('DELETE', `/api/v1/api-keys/${admins.id}`, undefined, support.key)).status).toBe(403);
    expect((await counts()).live).toBe(before.live + 1);
  });

  it('lets a key expire', async () => {
    const past = await api('POST', '/api/v1/api-keys', { name: 'expired already', role: 'support', expiresAt: new Date(Date.now() - 1000).toISOString() });
    expect(past.status).toBe(422);
    expect(past.json.error.details).toEqual([{ path: 'expiresAt', message: 'must be in the future' }]);

    const k = await issue({ name: 'short-lived', role: 'support', expiresAt: new Date(Date.now() + 1500).toISOString() });
    expect(k.expiresAt).not.toBeNull();
    expect((await api('GET', '/api/v1/me', undefined, k.key)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1700));
    expect((await api('GET', '/api/v1/me', undefined, k.key)).status).toBe(401);
  });

  it('keeps a key stored before the HMAC working, and rewrites its hash on first use', async () => {
    const orgId = sys.defaultOrgId;
    const legacyKey = 'odk_' + 'L'.repeat(43);
    const sha = createHash('sha256').update(legacyKey).digest('hex');
    const [row] = await sys.knex('api_keys').insert({ org_id: orgId, name: 'old key', role: 'manager', key_hash: sha, hash_version: 1, key_prefix: 'odk_LLLL' }).returning('id');
    expect((await api('GET', '/api/v1/me', undefined, legacyKey)).json.apiKey).toMatchObject({ id: row.id, role: 'manager' });
    const upgraded = await sys.knex('api_keys').where({ id: row.id }).first();
    expect(upgraded).toMatchObject({ hash_version: 2, key_hash: hasher.hash(legacyKey) });
    expect((await api('GET', '/api/v1/me', undefined, legacyKey)).status).toBe(200);
    // A revoked legacy key is not revived by the upgrade path.
    const revokedKey = 'odk_' + 'R'.repeat(43);
    await sys.knex('api_keys').insert({ org_id: orgId, name: 'old revoked', role: 'admin', key_hash: createHash('sha256').update(revokedKey).digest('hex'), hash_version: 1, key_prefix: 'odk_RRRR', revoked_at: new Date() });
    expect((await api('GET', '/api/v1/me', undefined, revokedKey)).status).toBe(401);
  });

  it('revokes the previous ADMIN_API_KEY when the variable changes', async () => {
    expect((await api('GET', '/api/v1/me', undefined, TEST_ADMIN_KEY)).status).toBe(200);
    await sys.stop();
    const next = 'next-admin-key-' + 'z'.repeat(24);
    sys = await startTestSystem({ db, env: { DEV_SIMULATOR: 'off', DEMO_SEED: 'off', ADMIN_API_KEY: next, DATA_DIR: sys.dataDir } });
    expect((await api('GET', '/api/v1/me', undefined, TEST_ADMIN_KEY)).status).toBe(401);
    expect((await api('GET', '/api/v1/me', undefined, next)).status).toBe(200);
    const bootstrap = await sys.knex('api_keys').where({ is_bootstrap: true }).orderBy('created_at');
    expect(bootstrap.map((k) => [k.key_prefix, k.revoked_at === null])).toEqual([
      [TEST_ADMIN_KEY.slice(0, 4), false],
      [next.slice(0, 4), true],
    ]);
    // The system restarts here: allow for a busy machine.
  }, 120_000);
});
