import type { Knex } from 'knex';

/**
 * A LINE Official Account's basic id (`@123abcde`, LINE's `GET /v2/bot/info` `basicId`): what a
 * link that opens a chat with the account names (`https://line.me/R/oaMessage/<basic id>/?<text>`).
 * A LINE channel learns it whenever its token is checked with LINE (connecting it, Check again,
 * a test message), kept in its settings; a channel connected before it was kept learns it at its
 * next check. Until then no link names the account, and the screens say why.
 */
const BASIC_ID = /^@[a-z0-9._-]{1,40}$/i;

export async function learnBasicId(db: Knex | Knex.Transaction, channelId: string, basicId: string | null | undefined): Promise<void> {
  if (!basicId || !BASIC_ID.test(basicId)) return;
  await db('channels')
    .where({ id: channelId, kind: 'line' })
    .update({ settings: db.raw(`coalesce(settings, '{}'::jsonb) || jsonb_build_object('basicId', ?::text)`, [basicId]) });
}

/** Why the org has no basic id to link to: no active LINE channel, or none checked with LINE since. */
export type NoBasicId = 'no_line_channel' | 'basic_id_unknown';

/** The basic id of the org's LINE account its customers write to: the first connected active LINE channel that knows it. */
export async function orgLineBasicId(db: Knex | Knex.Transaction, orgId: string): Promise<{ basicId: string } | { basicId: null; why: NoBasicId }> {
  const rows: { basic_id: string | null }[] = await db('channels')
    .where({ org_id: orgId, kind: 'line', is_active: true })
    .orderBy('created_at')
    .select(db.raw(`settings->>'basicId' as basic_id`));
  if (rows.length === 0) return { basicId: null, why: 'no_line_channel' };
  const known = rows.find((r) => r.basic_id && BASIC_ID.test(r.basic_id));
  return known ? { basicId: known.basic_id! } : { basicId: null, why: 'basic_id_unknown' };
}

/** LINE's link that opens a chat with the account with `text` typed in, ready to send. */
export function oaMessageLink(basicId: string, text: string): string {
  return `https://line.me/R/oaMessage/${basicId}/?${encodeURIComponent(text)}`;
}
