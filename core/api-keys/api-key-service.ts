import { createHash, createHmac, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { Role } from '../access/roles.ts';
import { recordAudit } from '../audit/audit-log.ts';
import { notFound, validationFailed } from '../errors/index.ts';

/**
 * API keys: `odk_` + 32 random bytes. What is stored is an HMAC-SHA256 of the key under a server
 * secret (derived from APP_ENCRYPTION_KEY), so a leaked database neither leaks working keys nor
 * lets anyone test guesses offline; lookups go by that hash, which is unique. The stored prefix is
 * short and fixed (`odk_` and 4 characters; 4 characters of any other key), enough to tell keys
 * apart and too little to help guess one. A key may expire (`expires_at`) and may be revoked.
 *
 * Keys stored before the HMAC (`hash_version` 1: a plain SHA-256) still work: on their first
 * successful use the row is rewritten with the HMAC (docs/decisions.md).
 */
export interface ApiKeyIdentity {
  apiKeyId: string;
  orgId: string;
  role: Role;
  name: string;
  /** The staff member the key belongs to, if any: a support key then sees only their bookings. */
  staffId?: string | null;
  /** The org's state (core/orgs/tenants.ts): only an active org's keys are let in. */
  orgStatus?: 'active' | 'suspended' | 'deleting';
  /** The org's own limits as the platform operator set them (`orgs.limits`): `api` null is none, absent is the default. */
  orgLimits?: { api?: { points: number; seconds: number } | null };
}

export interface IssuedApiKey extends ApiKeyIdentity {
  /** Shown once, at creation. */
  key: string;
  keyPrefix: string;
  expiresAt: Date | null;
}

/** The purpose the HMAC key is derived for from APP_ENCRYPTION_KEY. */
export const API_KEY_HASH_PURPOSE = 'opsdesk api key hashes v1';
export const BOOTSTRAP_KEY_NAME = 'bootstrap admin (ADMIN_API_KEY)';

/** Hashes presented keys with the server's secret. */
export class ApiKeyHasher {
  readonly #key: Buffer;
  constructor(appKey: Buffer) {
    this.#key = Buffer.from(hkdfSync('sha256', appKey, Buffer.alloc(0), API_KEY_HASH_PURPOSE, 32));
  }
  hash(key: string): string {
    return createHmac('sha256', this.#key).update(key, 'utf8').digest('hex');
  }
}

const legacyHash = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
export const prefixOf = (key: string) => (key.startsWith('odk_') ? key.slice(0, 8) : key.slice(0, 4));

export async function issueApiKey(
  db: Knex | Knex.Transaction,
  hasher: ApiKeyHasher,
  input: {
    orgId: string;
    name: string;
    role: Role;
    expiresAt?: Date | null;
    /** The staff member the key belongs to: an active member of the org. */
    staffId?: string | null;
    actor?: { type: 'api_key' | 'system'; id?: string };
    requestId?: string;
  },
): Promise<IssuedApiKey> {
  if (input.expiresAt && input.expiresAt.getTime() <= Date.now()) {
    throw validationFailed('The request body is not valid', [{ path: 'expiresAt', message: 'must be in the future' }]);
  }
  const key = `odk_${randomBytes(32).toString('base64url')}`;
  return db.transaction(async (trx) => {
    if (input.staffId) {
      const staff = await trx('staff').select('id').where({ id: input.staffId, org_id: input.orgId, is_active: true }).first();
      if (!staff) throw validationFailed('The request body is not valid', [{ path: 'staffId', message: 'No active staff member of this org has that id' }]);
    }
    const [row] = await trx('api_keys')
      .insert({
        org_id: input.orgId,
        name: input.name,
        role: input.role,
        key_hash: hasher.hash(key),
        hash_version: 2,
        key_prefix: prefixOf(key),
        expires_at: input.expiresAt ?? null,
        staff_id: input.staffId ?? null,
      })
      .returning(['id']);
    await recordAudit(trx, {
      orgId: input.orgId,
      actorType: input.actor?.type ?? 'system',
      actorId: input.actor?.id,
      action: 'api_key.issued',
      subjectType: 'api_key',
      subjectId: row.id,
      details: { name: input.name, role: input.role, expiresAt: input.expiresAt?.toISOString() ?? null, staffId: input.staffId ?? null },
      requestId: input.requestId,
    });
    return { apiKeyId: row.id, orgId: input.orgId, role: input.role, name: input.name, staffId: input.staffId ?? null, key, keyPrefix: prefixOf(key), expiresAt: input.expiresAt ?? null };
  });
}

/**
 * Makes sure `key` (the ADMIN_API_KEY value) is an admin key of `orgId`, and that no other value
 * of ADMIN_API_KEY still is: the org's other bootstrap keys are revoked. Idempotent. A bootstrap
 * key an admin revoked through the API stays revoked.
 */
export async function ensureBootstrapAdminKey(db: Knex, hasher: ApiKeyHasher, orgId: string, key: string): Promise<void> {
  const hash = hasher.hash(key);
  await db.transaction(async (trx) => {
    // Stored before the HMAC: rewrite it rather than add a second row.
    await trx('api_keys').where({ key_hash: legacyHash(key), hash_version: 1 }).update({ key_hash: hash, hash_version: 2, is_bootstrap: true, key_prefix: prefixOf(key) });
    await trx('api_keys')
      .insert({ org_id: orgId, name: BOOTSTRAP_KEY_NAME, role: 'admin', key_hash: hash, hash_version: 2, key_prefix: prefixOf(key), is_bootstrap: true })
      .onConflict('key_hash')
      .ignore();
    const replaced = await trx('api_keys')
      .where({ org_id: orgId, is_bootstrap: true })
      .whereNot({ key_hash: hash })
      .whereNull('revoked_at')
      .update({ revoked_at: trx.fn.now() })
      .returning('id');
    for (const { id } of replaced) {
      await recordAudit(trx, { orgId, actorType: 'system', action: 'api_key.revoked', subjectType: 'api_key', subjectId: id, details: { reason: 'ADMIN_API_KEY changed' } });
    }
  });
}

export async function authenticateApiKey(db: Knex, hasher: ApiKeyHasher, presented: string): Promise<ApiKeyIdentity | null> {
  if (!presented || presented.length > 512) return null;
  const hash = hasher.hash(presented);
  let row = await liveKey(db, hash, 2);
  if (!row) {
    // A key from before the HMAC: found by its SHA-256, then rewritten so the next lookup is keyed.
    const old = legacyHash(presented);
    row = await liveKey(db, old, 1);
    if (!row) return null;
    await db('api_keys').where({ id: row.id, key_hash: old, hash_version: 1 }).update({ key_hash: hash, hash_version: 2, key_prefix: prefixOf(presented) });
    row.key_hash = hash;
  }
  // The hash lookup already matched; the constant-time compare keeps the check honest anyway.
  if (!timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hash, 'hex'))) return null;
  void db('api_keys').where({ id: row.id }).update({ last_used_at: db.fn.now() }).catch(() => {});
  return { apiKeyId: row.id, orgId: row.org_id, role: row.role, name: row.name, staffId: row.staff_id ?? null, orgStatus: row.org_status, orgLimits: row.org_limits ?? {} };
}

function liveKey(db: Knex, hash: string, version: 1 | 2) {
  return db('api_keys as k')
    .join('orgs as o', 'o.id', 'k.org_id')
    .select('k.id', 'k.org_id', 'k.role', 'k.name', 'k.key_hash', 'k.staff_id', 'o.status as org_status', 'o.limits as org_limits')
    .where({ 'k.key_hash': hash, 'k.hash_version': version })
    .whereNull('k.revoked_at')
    .where((q) => q.whereNull('k.expires_at').orWhere('k.expires_at', '>', db.fn.now()))
    .first();
}

const KEY_COLUMNS = [
  'id',
  'name',
  'role',
  'key_prefix as keyPrefix',
  'created_at as createdAt',
  'last_used_at as lastUsedAt',
  'expires_at as expiresAt',
  'revoked_at as revokedAt',
] as const;

export async function listApiKeys(db: Knex, orgId: string) {
  return db('api_keys').select(...KEY_COLUMNS).where({ org_id: orgId }).orderBy('created_at');
}

/** Revokes a key of the org at once (idempotent: a revoked key keeps its first revocation time). */
export async function revokeApiKey(
  db: Knex,
  input: { orgId: string; id: string; actor?: { type: 'api_key' | 'system'; id?: string }; requestId?: string },
) {
  return db.transaction(async (trx) => {
    const [updated] = await trx('api_keys')
      .where({ org_id: input.orgId, id: input.id })
      .update({ revoked_at: trx.raw('coalesce(revoked_at, now())') })
      .returning('id');
    if (!updated) throw notFound('API key');
    const row = await trx('api_keys').select(...KEY_COLUMNS).where({ id: updated.id }).first();
    await recordAudit(trx, {
      orgId: input.orgId,
      actorType: input.actor?.type ?? 'system',
      actorId: input.actor?.id,
      action: 'api_key.revoked',
      subjectType: 'api_key',
      subjectId: row.id,
      requestId: input.requestId,
    });
    return row as { id: string; name: string; role: Role; keyPrefix: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null };
  });
}
