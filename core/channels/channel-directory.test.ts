import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SecretBox } from '../crypto/secret-box.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { ChannelDirectory, createChannel } from './channel-directory.ts';

/** The channel cache on a real database: bounded, and misses forgotten quickly. */
let db: TestDatabase;
let secrets: SecretBox;
let orgId: string;

beforeAll(async () => {
  db = await createTestDatabase();
  secrets = new SecretBox(randomBytes(32));
  [{ id: orgId }] = await db.knex('orgs').insert({ slug: 'cache-org', name: 'Cache org' }).returning('id');
});
afterAll(async () => {
  await db?.destroy();
});

describe('ChannelDirectory cache', () => {
  it('stays within its bound under a flood of random unknown channel ids, and still serves real ones', async () => {
    const channelId = await createChannel(db.knex, secrets, {
      orgId,
      kind: 'line',
      name: 'real',
      credentials: { channelSecret: 's', channelAccessToken: 't' },
    });
    const directory = new ChannelDirectory(db.knex, secrets, 30_000, { maxEntries: 200, missTtlMs: 60_000 });
    expect((await directory.byId(channelId))?.name).toBe('real');
    let largest = 0;
    for (let i = 0; i < 3_000; i++) {
      expect(await directory.byId(randomUUID())).toBeUndefined();
      largest = Math.max(largest, directory.cacheSize);
    }
    expect(largest).toBe(200);
    expect(directory.cacheSize).toBe(200);
    // Evicted or not, the real channel is still found.
    expect((await directory.byId(channelId))?.id).toBe(channelId);
  }, 120_000);

  it('remembers a miss only briefly: a channel created just after is found once the miss expires', async () => {
    const directory = new ChannelDirectory(db.knex, secrets, 30_000, { missTtlMs: 100 });
    const id = randomUUID();
    expect(await directory.byId(id)).toBeUndefined();
    await db.knex('channels').insert({ id, org_id: orgId, kind: 'line', name: 'late', credentials_encrypted: secrets.seal({ channelSecret: 's', channelAccessToken: 't' }, { purpose: 'channel.credentials', rowId: id }), settings: '{}' });
    expect(await directory.byId(id)).toBeUndefined();
    await new Promise((r) => setTimeout(r, 150));
    expect((await directory.byId(id))?.name).toBe('late');
  });

  it('keeps ids that are not UUIDs out of the cache and out of the database', async () => {
    const directory = new ChannelDirectory(db.knex, secrets);
    for (let i = 0; i < 1_000; i++) expect(await directory.byId(randomBytes(8).toString('hex'))).toBeUndefined();
    expect(directory.cacheSize).toBe(0);
  });
});

describe('credentials sealed before row binding (v1)', () => {
  it('are re-sealed as v2 bound to their row, once, and still open; a v2 value moved to another row does not', async () => {
    const { resealLegacyChannelCredentials } = await import('./channel-directory.ts');
    const { sealV1 } = await import('../crypto/secret-box.test-support.ts');
    const key = randomBytes(32);
    const box = new SecretBox(key);
    const id = randomUUID();
    const legacy = sealV1(key, JSON.stringify({ channelSecret: 'old-s', channelAccessToken: 'old-t' }));
    await db.knex('channels').insert({ id, org_id: orgId, kind: 'line', name: 'legacy', credentials_encrypted: legacy, settings: '{}' });

    expect(await resealLegacyChannelCredentials(db.knex, box)).toBe(1);
    expect(await resealLegacyChannelCredentials(db.knex, box)).toBe(0);
    const row = await db.knex('channels').where({ id }).first();
    expect(row.credentials_encrypted).toMatch(/^v2\./);
    const directory = new ChannelDirectory(db.knex, box, 0);
    const channel = await directory.byId(id);
    expect(channel?.kind === 'line' && channel.credentials).toEqual({ channelSecret: 'old-s', channelAccessToken: 'old-t' });

    // Someone with write access to the database copies these credentials into another channel.
    const other = await createChannel(db.knex, box, { orgId, kind: 'line', name: 'other', credentials: { channelSecret: 'x', channelAccessToken: 'y' } });
    await db.knex('channels').where({ id: other }).update({ credentials_encrypted: row.credentials_encrypted });
    await expect(directory.byId(other)).rejects.toThrow();
  });
});
