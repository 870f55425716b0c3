import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { changingOrg, orgCached } from '../db/org-cache.ts';
import type { PrivacyNotice } from '../contracts/privacy.ts';
import { isUniqueViolation, notFound, staleVersion } from '../errors/index.ts';
import { iso } from '../time/iso.ts';

/**
 * The org's privacy notice (PDPA), in Thai and English, one row per version in `privacy_notices`
 * (append-only: migration 20261129110000). Publishing a new text makes the next version; earlier
 * versions stay readable, since each recorded answer (consent.ts) names the version it answered.
 * The latest version is the one the booking forms and the chat show.
 */
type Db = Knex | Knex.Transaction;

const noticeOf = (r: Record<string, any>): PrivacyNotice & { id: string } => ({
  id: r.id as string,
  version: r.version as number,
  text: { th: r.text_th as string, en: r.text_en as string },
  publishedAt: iso(r.published_at as Date),
});

/**
 * The version customers are shown now; undefined while the org has published none. Every answered
 * message asks (the chat shows the notice once per version), so it is kept with the org's settings
 * (core/db/org-cache.ts) until a publication is notified (migration 20261204100000).
 */
export async function currentNotice(db: Db, orgId: string): Promise<(PrivacyNotice & { id: string }) | undefined> {
  return orgCached(db, 'privacy-notice', orgId, (q) => latestNotice(q, orgId));
}

/** The latest version as the database has it now (the publisher's own read, inside its transaction). */
async function latestNotice(db: Db, orgId: string): Promise<(PrivacyNotice & { id: string }) | undefined> {
  const r = await db('privacy_notices').where({ org_id: orgId }).orderBy('version', 'desc').first();
  return r ? noticeOf(r) : undefined;
}

/** One version of the org's notice; undefined when the org never published it. */
export async function noticeVersion(db: Db, orgId: string, version: number): Promise<(PrivacyNotice & { id: string }) | undefined> {
  const r = await db('privacy_notices').where({ org_id: orgId, version }).first();
  return r ? noticeOf(r) : undefined;
}

/** The current version, or the one asked for: not found otherwise (the public page's link). */
export async function readNotice(db: Db, orgId: string, version?: number): Promise<PrivacyNotice> {
  const n = version === undefined ? await currentNotice(db, orgId) : await noticeVersion(db, orgId, version);
  if (!n) throw notFound('Privacy notice', version === undefined ? undefined : { version });
  const { id: _id, ...notice } = n;
  return notice;
}

/** Every version, newest first, with the current one apart. */
export async function listNotices(db: Db, orgId: string): Promise<{ current: PrivacyNotice | null; versions: PrivacyNotice[] }> {
  const versions = (await db('privacy_notices').where({ org_id: orgId }).orderBy('version', 'desc')).map((r) => {
    const { id: _id, ...notice } = noticeOf(r);
    return notice;
  });
  return { current: versions[0] ?? null, versions };
}

/**
 * A new text, published as the next version, in the audit log. Two admins publishing at the same
 * moment both read the same last version: the second gets a 409 (`stale_version`) and publishes
 * again after reading the first's.
 */
export async function publishNotice(
  db: Knex,
  p: { orgId: string; text: { th: string; en: string }; actor: { type: 'staff' | 'api_key' | 'system'; id: string | null }; requestId?: string },
): Promise<PrivacyNotice> {
  // This process forgets what it kept once the new version is committed: the admin who published reads it at once.
  return changingOrg(db, p.orgId, async (trx) => {
    const last = await latestNotice(trx, p.orgId);
    const version = (last?.version ?? 0) + 1;
    const row = await trx('privacy_notices')
      .insert({ org_id: p.orgId, version, text_th: p.text.th, text_en: p.text.en, published_by_type: p.actor.type, published_by_id: p.actor.id })
      .returning('*')
      .then(([r]) => r)
      .catch((err) => {
        throw isUniqueViolation(err) ? staleVersion('The privacy notice', { version }) : err;
      });
    await recordAudit(trx, {
      orgId: p.orgId,
      actorType: p.actor.type,
      actorId: p.actor.id,
      action: 'privacy_notice.published',
      subjectType: 'privacy_notice',
      subjectId: row.id,
      details: { version },
      requestId: p.requestId,
    });
    const { id: _id, ...notice } = noticeOf(row);
    return notice;
  });
}
