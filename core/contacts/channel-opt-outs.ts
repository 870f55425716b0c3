import { randomBytes } from 'node:crypto';
import type { Knex } from 'knex';

/**
 * A customer's "stop" for one channel at one address (`channel_opt_outs`): an SMS number that
 * texted STOP (or that Twilio says is blocked), an e-mail address whose unsubscribe link was
 * followed. Notices are then not sent there (core/bookings customerChatOf skips it, and the
 * channel's sender refuses a notice already queued). START, or the customer subscribing again,
 * clears it. This is not the PDPA consent (core/contacts/consent.ts): leaving one channel says
 * nothing about the privacy notice, and an answer to the notice says nothing about a channel.
 */
type Db = Knex | Knex.Transaction;

export type OptOutHow = 'sms_stop' | 'sms_start' | 'twilio_blocked' | 'email_unsubscribe';

export interface ChannelAddress {
  orgId: string;
  channelId: string;
  /** +E.164 for SMS, the address for e-mail (lower-cased here). */
  address: string;
}

const key = (a: ChannelAddress) => ({ channel_id: a.channelId, address: a.address.trim().toLowerCase() });

/** 96 random bits: what an unsubscribe link names, so nobody can unsubscribe someone else by guessing. */
const newToken = () => randomBytes(12).toString('base64url');

interface OptOutRow {
  token: string;
  opted_out_at: Date | null;
  how: OptOutHow | null;
  keyword: string | null;
}

/** The address's row, made on first use (concurrent callers get the same one); one read once it exists. */
async function rowOf(db: Db, a: ChannelAddress): Promise<OptOutRow> {
  const read = () => db('channel_opt_outs').select('token', 'opted_out_at', 'how', 'keyword').where(key(a)).first();
  const known = await read();
  if (known) return known;
  await db('channel_opt_outs')
    .insert({ org_id: a.orgId, ...key(a), token: newToken() })
    .onConflict(['channel_id', 'address'])
    .ignore();
  return read();
}

/**
 * What notices to these addresses of one channel need: each one's unsubscribe link token
 * (List-Unsubscribe), and whether it left the channel. One read, and one insert for the addresses
 * met for the first time (a batch of e-mails costs the same two statements as one).
 */
export async function noticeAddresses(
  db: Db,
  c: { orgId: string; channelId: string; addresses: string[] },
): Promise<Map<string, { token: string; optedOut: { at: Date; how: OptOutHow | null; keyword: string | null } | null }>> {
  const addresses = [...new Set(c.addresses.map((a) => a.trim().toLowerCase()))];
  const read = () =>
    db('channel_opt_outs').select('address', 'token', 'opted_out_at', 'how', 'keyword').where({ channel_id: c.channelId }).whereIn('address', addresses) as Promise<(OptOutRow & { address: string })[]>;
  let rows = await read();
  if (rows.length < addresses.length) {
    const known = new Set(rows.map((r) => r.address));
    await db('channel_opt_outs')
      .insert(addresses.filter((a) => !known.has(a)).map((address) => ({ org_id: c.orgId, channel_id: c.channelId, address, token: newToken() })))
      .onConflict(['channel_id', 'address'])
      .ignore();
    rows = await read();
  }
  return new Map(rows.map((r) => [r.address, { token: r.token, optedOut: r.opted_out_at ? { at: r.opted_out_at, how: r.how, keyword: r.keyword } : null }]));
}

/** The address leaves the channel; `changed` is false when it had already left. */
export async function recordOptOut(db: Db, a: ChannelAddress & { how: OptOutHow; keyword?: string }): Promise<{ changed: boolean }> {
  const row = await rowOf(db, a);
  if (row.opted_out_at) return { changed: false };
  await db('channel_opt_outs').where(key(a)).whereNull('opted_out_at').update({ opted_out_at: db.fn.now(), how: a.how, keyword: a.keyword ?? null, opted_in_at: null });
  return { changed: true };
}

/** The address comes back (an SMS START); `changed` is false when it had not left. */
export async function recordOptIn(db: Db, a: ChannelAddress & { how: OptOutHow; keyword?: string }): Promise<{ changed: boolean }> {
  const changed = await db('channel_opt_outs').where(key(a)).whereNotNull('opted_out_at').update({ opted_out_at: null, opted_in_at: db.fn.now(), how: a.how, keyword: a.keyword ?? null });
  return { changed: changed > 0 };
}

/** When and how the address left the channel; null while it may be written to. */
export async function optedOut(db: Db, a: Omit<ChannelAddress, 'orgId'>): Promise<{ at: Date; how: OptOutHow; keyword: string | null } | null> {
  const row = await db('channel_opt_outs').select('opted_out_at', 'how', 'keyword').where(key({ ...a, orgId: '' })).whereNotNull('opted_out_at').first();
  return row ? { at: row.opted_out_at, how: row.how, keyword: row.keyword } : null;
}

const TOKEN = /^[A-Za-z0-9_-]{16}$/;

/** Whose unsubscribe link this is, and whether it was used; undefined when it is no link of ours. Reads only. */
export async function unsubscribeTokenKnown(db: Db, token: string): Promise<{ orgId: string; optedOut: boolean } | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const row = await db('channel_opt_outs').select('org_id', 'opted_out_at').where({ token }).first();
  return row ? { orgId: row.org_id, optedOut: row.opted_out_at !== null } : undefined;
}

/** An unsubscribe link followed: the address leaves its channel. Undefined when the token is no link of ours. */
export async function unsubscribeByToken(db: Db, token: string): Promise<{ orgId: string; channelId: string; address: string; alreadyOut: boolean } | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const row = await db('channel_opt_outs').select('org_id', 'channel_id', 'address', 'opted_out_at').where({ token }).first();
  if (!row) return undefined;
  const a = { orgId: row.org_id, channelId: row.channel_id, address: row.address };
  const { changed } = await recordOptOut(db, { ...a, how: 'email_unsubscribe' });
  return { ...a, alreadyOut: !changed };
}

/** For queries over conversations (`cv`): only chats whose address has not left their channel. */
export function chatNotOptedOut(db: Db) {
  return (q: Knex.QueryBuilder) =>
    q.whereNotExists((s) => s.select(db.raw('1')).from('channel_opt_outs as oo').whereRaw('oo.channel_id = cv.channel_id AND oo.address = lower(cv.external_id)').whereNotNull('oo.opted_out_at'));
}
