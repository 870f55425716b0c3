import type { Knex } from 'knex';
import type { ChannelKind } from '../vocabulary.ts';
import { MALFORMED_EXCERPT_CHARS, type MalformedEventPage } from '../contracts/inbound-problems.ts';
import { validationFailed } from '../errors/index.ts';
import { storableExcerpt } from './event-checks.ts';

/**
 * The events recorded as malformed (`event_type = 'malformed'`: signed by the platform but not
 * what it documents, or not storable as they came), newest first, for a person to read: why, from
 * which channel, when, and the start of what arrived. Nothing here is acted on; the list is how
 * an operator learns that LINE or a business's system sends something we cannot use.
 */

/** Names of fields whose values are credentials: hidden from the excerpt, whatever the format. */
const SECRET_NAME = String.raw`[A-Za-z_]*(?:token|secret|password|passwd|signature|api_?key|authorization|accountsid)[A-Za-z_]*`;
const SECRET_IN_JSON = new RegExp(String.raw`"(${SECRET_NAME})"(\s*:\s*)"(?:[^"\\]|\\.)*("|$)`, 'gi');
const SECRET_IN_FORM = new RegExp(String.raw`(^|&)(${SECRET_NAME})=[^&]*`, 'gi');
const URL_CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/\s"'@]+@/gi;
const URL_CREDENTIALS_ENCODED = /(%3A%2F%2F)[^&%\s]*(?:%3A[^&\s]*?)?%40/gi;

/**
 * What an excerpt may show: reply tokens, passwords, signatures and keys hidden (in JSON, in a
 * form body, in a URL's user part), then cut to a few hundred characters. A reply token is short
 * lived but still lets its holder answer the customer; the rest is not ours to show.
 */
export function safeExcerpt(text: string, max = MALFORMED_EXCERPT_CHARS): string {
  const hidden = text
    .replace(SECRET_IN_JSON, (_m, name: string, colon: string, end: string) => `"${name}"${colon}"…${end}`)
    .replace(SECRET_IN_FORM, (_m, lead: string, name: string) => `${lead}${name}=…`)
    .replace(URL_CREDENTIALS, '$1…@')
    .replace(URL_CREDENTIALS_ENCODED, '$1…%40');
  const cut = storableExcerpt(hidden, max);
  return cut.length < hidden.length ? `${cut}…` : cut;
}

interface Row {
  id: string | number;
  received_at: Date;
  error: string | null;
  reason: string | null;
  /** At most 2,000 characters of what arrived: the webhook's excerpt, or the stored event's text. */
  body: string | null;
  erased: boolean;
  channel_id: string | null;
  channel_kind: ChannelKind | null;
  channel_name: string | null;
}

function decodeBefore(before: string): string {
  if (/^\d{1,19}$/.test(before)) return before;
  throw validationFailed('`before` is not one this API gave', [{ path: 'before', message: 'Unknown position' }]);
}

export async function malformedEventsPage(db: Knex, orgId: string, o: { limit?: number; before?: string } = {}): Promise<MalformedEventPage> {
  const limit = o.limit ?? 50;
  const q = db('inbound_events as e')
    .leftJoin('channels as c', 'c.id', 'e.channel_id')
    .select(
      'e.id',
      'e.received_at',
      'e.error',
      db.raw(`e.payload->>'reason' AS reason`),
      // Cut in the database: an event the worker recorded keeps its whole payload.
      db.raw(`left(coalesce(e.payload->>'excerpt', e.payload::text), 2000) AS body`),
      db.raw(`coalesce(e.payload->>'erased' = 'true', false) AS erased`),
      'c.id as channel_id',
      'c.kind as channel_kind',
      'c.name as channel_name',
    )
    .where({ 'e.org_id': orgId, 'e.event_type': 'malformed' })
    .orderBy('e.id', 'desc')
    .limit(limit + 1);
  if (o.before) q.where('e.id', '<', decodeBefore(o.before));
  const rows: Row[] = await q;
  const page = rows.slice(0, limit);
  return {
    items: page.map((r) => ({
      id: String(r.id),
      receivedAt: new Date(r.received_at).toISOString(),
      channel: r.channel_id ? { id: r.channel_id, kind: r.channel_kind!, name: r.channel_name ?? '' } : null,
      reason: r.erased ? null : (r.error ?? r.reason),
      excerpt: r.erased || r.body === null ? null : safeExcerpt(r.body),
      erased: r.erased,
    })),
    nextBefore: rows.length > limit ? String(page.at(-1)!.id) : null,
  };
}
