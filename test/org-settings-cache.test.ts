import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgCachedShared, orgSettingsRow } from '../core/db/org-cache.ts';
import { readOrgSettings } from '../core/orgs/org-settings.ts';
import { renderTemplate } from '../core/templates/render-template.ts';
import { currentNotice } from '../core/contacts/privacy-notices.ts';
import { OrgTaxonomies } from '../core/understanding/org-taxonomy.ts';
import { activeCaseType, activeFaqEntry } from '../core/understanding/taxonomy-admin.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * The org's settings, read on every message by several modules, are kept in each process's memory
 * (core/db/org-cache.ts) and dropped when PostgreSQL says the row changed (LISTEN org_changed):
 * read once, never stale after a change whoever made it, and read from the database whenever the
 * process cannot hear the changes.
 */
let sys: TestSystem;
beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
});
afterAll(() => sys?.stopAll());

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(sys)(...args);

/** Statements that read the table (the orgs by default) while `work` runs. */
async function readsDuring(table: 'orgs' | 'templates' | 'case_types' | 'privacy_notices' | 'faq_entries', work: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const reads = new RegExp(`^\\s*select\\b[\\s\\S]*\\bfrom "?${table}\\b`, 'i');
  const on = (q: { sql: string }) => {
    if (reads.test(q.sql)) n++;
  };
  sys.knex.on('query', on);
  try {
    await work();
  } finally {
    sys.knex.removeListener('query', on);
  }
  return n;
}

/** Another process's connection: a change made there reaches this one only by its notification. */
async function elsewhere(sql: string, params: unknown[]): Promise<void> {
  const c = new pg.Client({ connectionString: sys.db.url });
  await c.connect();
  try {
    await c.query(sql, params);
  } finally {
    await c.end();
  }
}

describe("the org's settings, read once per process", () => {
  it('reads the row once for many readers, in and out of transactions, and hands each a copy of its own', async () => {
    // Once the start's own changes (the seed, the test's hours) have been heard of, a read costs nothing.
    await until(async () => (await readsDuring('orgs', () => readOrgSettings(sys.knex, sys.defaultOrgId))) === 0, 5_000);
    const reads = await readsDuring('orgs', async () => {
      for (let i = 0; i < 5; i++) await readOrgSettings(sys.knex, sys.defaultOrgId);
      await sys.knex.transaction((trx) => orgSettingsRow(trx, sys.defaultOrgId));
      const a = await orgSettingsRow(sys.knex, sys.defaultOrgId);
      a!.settings = { changedByTheCaller: true };
      const b = await orgSettingsRow(sys.knex, sys.defaultOrgId);
      expect(b!.settings).not.toHaveProperty('changedByTheCaller');
    });
    expect(reads).toBe(0);
  });

  it('shows an admin what they saved at once, and the clocks use it', async () => {
    expect((await readOrgSettings(sys.knex, sys.defaultOrgId)).reopenWindowHours).toBe(72);
    const saved = await api('PATCH', '/api/v1/org/settings', { reopenWindowHours: 24 });
    expect(saved.status).toBe(200);
    expect((await api('GET', '/api/v1/org/settings')).json.reopenWindowHours).toBe(24);
    expect((await readOrgSettings(sys.knex, sys.defaultOrgId)).reopenWindowHours).toBe(24);
    const calendar = await api('PATCH', '/api/v1/org/business-calendar', { holidays: ['2026-12-31'] });
    expect(calendar.status, JSON.stringify(calendar.json)).toBe(200);
    expect((await orgSettingsRow(sys.knex, sys.defaultOrgId))!.holidays).toEqual(['2026-12-31']);
  });

  it("sees a change another process made (psql, the operator's api) as soon as its notification comes", async () => {
    await orgSettingsRow(sys.knex, sys.defaultOrgId);
    await elsewhere(`UPDATE orgs SET time_zone = 'Asia/Tokyo' WHERE id = $1`, [sys.defaultOrgId]);
    await until(async () => (await orgSettingsRow(sys.knex, sys.defaultOrgId))!.time_zone === 'Asia/Tokyo', 2_000);
    // And this process's own statement outside a transaction, at once.
    await sys.knex('orgs').where({ id: sys.defaultOrgId }).update({ time_zone: 'Asia/Bangkok' });
    expect((await orgSettingsRow(sys.knex, sys.defaultOrgId))!.time_zone).toBe('Asia/Bangkok');
  });

  it('reads from the database while it cannot hear changes, and caches again once it can', async () => {
    await orgSettingsRow(sys.knex, sys.defaultOrgId);
    const ended = await sys.knex.raw(`SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = 'opsdesk-org-listen' AND datname = current_database()`);
    // The embedded database is one session with no backends of its own to end: the rest needs a server.
    if (ended.rows.length === 0) return;
    // A change made while no one listens is never missed: every read goes to the database.
    await elsewhere(`UPDATE orgs SET default_language = 'en' WHERE id = $1`, [sys.defaultOrgId]);
    await until(async () => (await orgSettingsRow(sys.knex, sys.defaultOrgId))!.default_language === 'en', 2_000);
    expect(await readsDuring('orgs', () => orgSettingsRow(sys.knex, sys.defaultOrgId))).toBeLessThanOrEqual(1);
    // Listening again (reconnects after a second): one read, then none.
    await until(async () => (await sys.knex.raw(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'opsdesk-org-listen' AND datname = current_database()`)).rows.length > 0, 5_000);
    await until(async () => (await readsDuring('orgs', () => orgSettingsRow(sys.knex, sys.defaultOrgId))) === 0, 3_000);
    await elsewhere(`UPDATE orgs SET default_language = 'th' WHERE id = $1`, [sys.defaultOrgId]);
    await until(async () => (await orgSettingsRow(sys.knex, sys.defaultOrgId))!.default_language === 'th', 2_000);
  });

  it("keeps the org's templates the same way: one read for many answers, an edit seen at once, another process's when it is told", async () => {
    const render = () => renderTemplate(sys.knex, sys.defaultOrgId, 'case_resolved', 'en', { case_id: 'C-1' });
    await until(async () => (await readsDuring('templates', render)) === 0, 5_000);
    expect(await readsDuring('templates', async () => Promise.all([render(), renderTemplate(sys.knex, sys.defaultOrgId, 'case_created', 'th')]))).toBe(0);
    expect((await api('PUT', '/api/v1/templates/case_resolved/en', { body: 'Case {{case_id}} is fixed.' })).status).toBe(200);
    expect(await render()).toBe('Case C-1 is fixed.');
    await elsewhere(`UPDATE templates SET body = 'Fixed: {{case_id}}' WHERE org_id = $1 AND key = 'case_resolved' AND language = 'en'`, [sys.defaultOrgId]);
    await until(async () => (await render()) === 'Fixed: C-1', 2_000);
  });

  it("keeps the taxonomy's version and the privacy notice the same way: not read per message, a change from anywhere used once it is told, a publication at once", async () => {
    const taxonomies = new OrgTaxonomies(sys.knex);
    const nameOf = async (key: string) => (await taxonomies.of(sys.defaultOrgId)).caseTypes.find((c) => c.key === key)?.name.en;
    const notice = () => currentNotice(sys.knex, sys.defaultOrgId);
    await until(async () => (await readsDuring('case_types', () => taxonomies.of(sys.defaultOrgId))) === 0, 5_000);
    await until(async () => (await readsDuring('privacy_notices', notice)) === 0, 5_000);
    // A case type renamed by another process (psql, a script): the bot reads it from the next message once told.
    const { key, name_en: before } = await sys.knex('case_types').where({ org_id: sys.defaultOrgId, is_active: true }).orderBy('key').first();
    await elsewhere(`UPDATE case_types SET name_en = $1 WHERE org_id = $2 AND key = $3`, [`${before} (renamed)`, sys.defaultOrgId, key]);
    await until(async () => (await nameOf(key)) === `${before} (renamed)`, 2_000);
    // A notice published through the API: the admin's own process shows it at once, and the next version follows it.
    const version = (await notice())!.version;
    const published = await api('POST', '/api/v1/privacy-notices', { text: { th: 'ประกาศความเป็นส่วนตัวฉบับใหม่ของร้านเรา', en: 'A new privacy notice of ours, version two.' } });
    expect(published.status, JSON.stringify(published.json)).toBe(201);
    expect((await notice())!.version).toBe(version + 1);
    expect((await api('POST', '/api/v1/privacy-notices', { text: { th: 'ประกาศความเป็นส่วนตัวฉบับถัดไปของร้านเรา', en: 'The next privacy notice of ours, version three.' } })).json.version).toBe(version + 2);
    // Published elsewhere: seen once told.
    await elsewhere(`INSERT INTO privacy_notices (org_id, version, text_th, text_en, published_by_type) VALUES ($1, $2, 'อีกฉบับ', 'Another', 'system')`, [sys.defaultOrgId, version + 3]);
    await until(async () => (await notice())!.version === version + 3, 2_000);
  });

  it("keeps the active FAQ entries and case types the bot reads the same way: not read per answer, an admin's edit used at once, another process's once it is told", async () => {
    const { key } = await sys.knex('faq_entries').where({ org_id: sys.defaultOrgId, is_active: true }).orderBy('key').first('key');
    const answer = async () => (await activeFaqEntry(sys.knex, sys.defaultOrgId, key))?.answer.en;
    await until(async () => (await readsDuring('faq_entries', answer)) === 0, 5_000);
    expect(await readsDuring('faq_entries', () => Promise.all([answer(), activeFaqEntry(sys.knex, sys.defaultOrgId, key)]))).toBe(0);
    // The admin's edit through the API: the next answer has it, at once.
    const edited = await api('PATCH', `/api/v1/faq/${key}`, { answer: { th: 'คำตอบใหม่ค่ะ', en: 'The new answer.' } });
    expect(edited.status, JSON.stringify(edited.json)).toBe(200);
    expect(await answer()).toBe('The new answer.');
    // Changed by another process: used once it is told; taken out: no longer answered from.
    await elsewhere(`UPDATE faq_entries SET answer_en = 'Answered elsewhere.' WHERE org_id = $1 AND key = $2`, [sys.defaultOrgId, key]);
    await until(async () => (await answer()) === 'Answered elsewhere.', 2_000);
    await elsewhere(`UPDATE faq_entries SET is_active = false WHERE org_id = $1 AND key = $2`, [sys.defaultOrgId, key]);
    await until(async () => (await activeFaqEntry(sys.knex, sys.defaultOrgId, key)) === undefined, 2_000);
    // A key no entry has, even one every object has, is no entry.
    expect(await activeFaqEntry(sys.knex, sys.defaultOrgId, 'constructor')).toBeUndefined();
    // A case type taken out elsewhere: no case opens of it once told.
    const type = await sys.knex('case_types').where({ org_id: sys.defaultOrgId, is_active: true }).orderBy('key').first('key');
    expect(await activeCaseType(sys.knex, sys.defaultOrgId, type.key)).toBeDefined();
    await elsewhere(`UPDATE case_types SET is_active = false WHERE org_id = $1 AND key = $2`, [sys.defaultOrgId, type.key]);
    await until(async () => (await activeCaseType(sys.knex, sys.defaultOrgId, type.key)) === undefined, 2_000);
    await elsewhere(`UPDATE case_types SET is_active = true WHERE org_id = $1 AND key = $2`, [sys.defaultOrgId, type.key]);
    await until(async () => (await activeCaseType(sys.knex, sys.defaultOrgId, type.key)) !== undefined, 2_000);
  });

  it('hands a shared kind (the templates) to every reader as it is, frozen, not a copy each', async () => {
    let loads = 0;
    const load = async () => {
      loads++;
      return { greeting: [{ language: 'en', body: 'Hello' }] };
    };
    await until(async () => (await orgCachedShared(sys.knex, 'shared-probe', sys.defaultOrgId, load)) === (await orgCachedShared(sys.knex, 'shared-probe', sys.defaultOrgId, load)), 5_000);
    const before = loads;
    const a = (await orgCachedShared(sys.knex, 'shared-probe', sys.defaultOrgId, load))!;
    const b = (await orgCachedShared(sys.knex, 'shared-probe', sys.defaultOrgId, load))!;
    expect(loads).toBe(before);
    expect(a).toBe(b);
    // A reader that tries to change it fails at once instead of changing every other reader's.
    expect(Object.isFrozen(a.greeting[0])).toBe(true);
    expect(() => ((a.greeting[0] as { body: string }).body = 'changed')).toThrow(TypeError);
    expect(b.greeting[0].body).toBe('Hello');
  });

  it('counts a delivery to a suspended org without a statement for an active one', async () => {
    const { deliveryRefused } = await import('../core/orgs/org-gates.ts');
    await orgSettingsRow(sys.knex, sys.defaultOrgId);
    expect(await readsDuring('orgs', async () => expect(await deliveryRefused(sys.knex, sys.defaultOrgId)).toBe(false))).toBe(0);
  });
});
