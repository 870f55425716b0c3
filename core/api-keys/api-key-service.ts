import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Knex } from 'knex';
import type { Role } from '../access/roles.ts';
import { recordAudit } from '../audit/audit-log.ts';

/**
 * API keys: `odk_` + 32 random bytes. Only the SHA-256 is stored, so a leaked database does not
 * leak working keys; lookups go by hash, which is unique.
 */
export interface ApiKeyIdentity {
  apiKeyId: string;
  orgId: string;
  role: Role;
  name: string;
}

export interface IssuedApiKey extends ApiKeyIdentity {
  /** Shown once, at creation. */
  key: string;
  keyPrefix: string;
}

const hashKey = (key: string) => createHash('sha256').update(key, 'utf8').digest('hex');
const prefixOf = (key: string) => key.slice(0, 12);

export async function issueApiKey(
  db: Knex | Knex.Transaction,
  input: { orgId: string; name: string; role: Role; actor?: { type: 'api_key' | 'system'; id?: string }; requestId?: string },
): Promise<IssuedApiKey> {
  const key = `odk_${randomBytes(32).toString('base64url')}`;
  return db.transaction(async (trx) => {
    const [row] = await trx('api_keys')
      .insert({ org_id: input.orgId, name: input.name, role: input.role, key_hash: hashKey(key), key_prefix: prefixOf(key) })
      .returning(['id']);
    await recordAudit(trx, {
      orgId: input.orgId,
      actorType: input.actor?.type ?? 'system',
      actorId: input.actor?.id,
      action: 'api_key.issued',
      subjectType: 'api_key',
      subjectId: row.id,
      details: { name: input.name, role: input.role },
      requestId: input.requestId,
    });
    return { apiKeyId: row.id, orgId: input.orgId, role: input.role, name: input.name, key, keyPrefix: prefixOf(key) };
  });
}

/**
 * Makes sure `key` (the ADMIN_API_KEY bootstrap value) is an admin key of `orgId`. Idempotent;
 * refuses to re-home a key that already belongs to another org or role.
 */
export async function ensureBootstrapAdminKey(db: Knex, orgId: string, key: string): Promise<void> {
  await db('api_keys')
    .insert({ org_id: orgId, name: 'bootstrap admin (ADMIN_API_KEY)', role: 'admin', key_hash: hashKey(key), key_prefix: prefixOf(key) })
    .onConflict('key_hash')
    .ignore();
}

export async function authenticateApiKey(db: Knex, presented: string): Promise<ApiKeyIdentity | null> {
  if (!presented || presented.length > 512) return null;
  const hash = hashKey(presented);
  const row = await db('api_keys')
    .select('id', 'org_id', 'role', 'name', 'key_hash')
    .where({ key_hash: hash })
    .whereNull('revoked_at')
    .first();
  // The hash lookup already matched; the constant-time compare keeps the check honest anyway.
  if (!row || !timingSafeEqual(Buffer.from(row.key_hash, 'hex'), Buffer.from(hash, 'hex'))) return null;
  void db('api_keys').where({ id: row.id }).update({ last_used_at: db.fn.now() }).catch(() => {});
  return { apiKeyId: row.id, orgId: row.org_id, role: row.role, name: row.name };
}

export async function listApiKeys(db: Knex, orgId: string) {
  return db('api_keys')
    .select('id', 'name', 'role', 'key_prefix as keyPrefix', 'created_at as createdAt', 'last_used_at as lastUsedAt', 'revoked_at as revokedAt')
    .where({ org_id: orgId })
    .orderBy('created_at');
}
