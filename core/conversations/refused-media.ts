import type { Knex } from 'knex';
import type { ChannelKind } from '../vocabulary.ts';
import type { RefusedFilePage } from '../contracts/inbound-problems.ts';
import { validationFailed } from '../errors/index.ts';

/**
 * Customers' files that were not fetched (`mediaRefused` in the message's payload: an address the
 * SSRF guard refuses, a file over the size kept), newest first: the message, its conversation and
 * why. The URL is not shown: it is the customer's, and may carry a password.
 */

/** Where a page ends: its last message's moment (to the microsecond) and id. Opaque to callers. */
interface Position {
  at: string;
  id: string;
}

const encode = (p: Position) => Buffer.from(JSON.stringify(p), 'utf8').toString('base64url');

function decode(before: string): Position {
  try {
    const p = JSON.parse(Buffer.from(before, 'base64url').toString('utf8'));
    if (typeof p?.at === 'string' && !Number.isNaN(Date.parse(p.at)) && typeof p?.id === 'string' && /^[0-9a-f-]{36}$/i.test(p.id)) return p;
  } catch {
    // falls through
  }
  throw validationFailed('`before` is not one this API gave', [{ path: 'before', message: 'Unknown position' }]);
}

export async function refusedFilesPage(db: Knex, orgId: string, o: { limit?: number; before?: string } = {}): Promise<RefusedFilePage> {
  const limit = o.limit ?? 50;
  const q = db('messages as m')
    .join('conversations as v', 'v.id', 'm.conversation_id')
    .leftJoin('channels as c', 'c.id', 'v.channel_id')
    .select(
      'm.id',
      'm.conversation_id',
      'm.kind',
      'm.created_at',
      db.raw(`to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at_exact`),
      db.raw(`m.payload->>'mediaRefused' AS reason`),
      'c.id as channel_id',
      'c.kind as channel_kind',
      'c.name as channel_name',
    )
    .where('m.org_id', orgId)
    // The same expression as the partial index messages_media_refused.
    .whereRaw(`(m.payload->>'mediaRefused') IS NOT NULL`)
    .orderBy([
      { column: 'm.created_at', order: 'desc' },
      { column: 'm.id', order: 'desc' },
    ])
    .limit(limit + 1);
  if (o.before) {
    const p = decode(o.before);
    q.whereRaw('(m.created_at, m.id) < (?::timestamptz, ?::uuid)', [p.at, p.id]);
  }
  const rows = await q;
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => ({
      messageId: r.id as string,
      conversationId: r.conversation_id as string,
      channel: r.channel_id ? { id: r.channel_id as string, kind: r.channel_kind as ChannelKind, name: (r.channel_name as string | null) ?? '' } : null,
      kind: r.kind as string,
      reason: r.reason as string,
      receivedAt: new Date(r.created_at).toISOString(),
    })),
    nextBefore: rows.length > limit && last ? encode({ at: last.at_exact as string, id: last.id as string }) : null,
  };
}
