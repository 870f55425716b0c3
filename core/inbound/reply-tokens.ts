import type { Knex } from 'knex';

/**
 * LINE's reply token of an incoming event: free to use, once, while fresh. A send claims it in
 * the event's row, naming itself (its outbox row), so that a retry of the same send can tell
 * "I may have replied already" from "nobody replied" (docs/channels.md, "A reply and a crash").
 */

/** LINE gives a reply token about a minute; past 50 s we push rather than risk a refusal. */
export const REPLY_TOKEN_FRESH_SECONDS = 50;

/** Takes the token for `claimant` if nobody used it and it is still fresh; undefined otherwise. */
export async function claimReplyToken(db: Knex, eventId: number, claimant: string, freshSeconds: number): Promise<string | undefined> {
  const { rows } = await claimingReplyToken(db, eventId, claimant, freshSeconds);
  return rows[0]?.token ?? undefined;
}

/**
 * The same claim as a statement not yet run, returning `token`: for the send to run with its read
 * of what it sends (workers/processors/outbound.ts), in one round trip. `onlyIf`: an SQL condition
 * the claim also needs (that there is something to send: a token claimed for nothing would leave
 * the send that has something with a push). An event that came without a token (not from LINE) is
 * not claimed.
 */
export function claimingReplyToken(db: Knex, eventId: number, claimant: string, freshSeconds: number, onlyIf?: Knex.Raw): Knex.Raw<{ rows: { token: string }[] }> {
  return db.raw(
    `UPDATE inbound_events SET reply_token_used_at = now(), reply_token_claimed_by = ?
      WHERE id = ? AND reply_token_used_at IS NULL AND received_at > now() - make_interval(secs => ?)
        AND payload->>'replyToken' IS NOT NULL${onlyIf ? ' AND ?' : ''}
      RETURNING payload->>'replyToken' AS token`,
    [claimant, eventId, freshSeconds, ...(onlyIf ? [onlyIf] : [])],
  );
}

/**
 * The token `claimant` claimed earlier and never settled (its attempt ended before LINE's answer was
 * recorded), if the event is still fresh enough to try it again; undefined otherwise.
 */
export async function reclaimReplyToken(db: Knex, eventId: number, claimant: string, freshSeconds: number): Promise<string | undefined> {
  const row = await db('inbound_events')
    .where({ id: eventId, reply_token_claimed_by: claimant })
    .andWhereRaw('received_at > now() - make_interval(secs => ?)', [freshSeconds])
    .first(db.raw(`payload->>'replyToken' AS token`));
  return row?.token ?? undefined;
}

/** Whether `claimant` claimed the token and its outcome is still unsettled. */
export async function holdsReplyClaim(db: Knex | Knex.Transaction, eventId: number, claimant: string): Promise<boolean> {
  return Boolean(await db('inbound_events').where({ id: eventId, reply_token_claimed_by: claimant }).first('id'));
}

/** The reply's outcome is known (delivered, refused, or settled as unknown): the claim no longer stands for anything. */
export async function settleReplyClaim(db: Knex | Knex.Transaction, eventId: number, claimant: string): Promise<void> {
  await settlingReplyClaim(db, eventId, claimant);
}

/**
 * The same, as a statement not yet run: for the owner of the messages to run with its "sent" in one
 * round trip (core/conversations/outgoing.ts `markMessagesSent`), since both are known at once.
 */
export function settlingReplyClaim(db: Knex | Knex.Transaction, eventId: number, claimant: string): Knex.QueryBuilder {
  return db('inbound_events').where({ id: eventId, reply_token_claimed_by: claimant }).update({ reply_token_claimed_by: null });
}

/**
 * LINE answered `claimant`'s reply busy or failing (429, 5xx): the token was not spent, and is
 * unclaimed again, so that the send's retry replies with it while it is fresh (free) instead of
 * pushing (counted against the monthly quota).
 */
export async function releaseReplyToken(db: Knex | Knex.Transaction, eventId: number, claimant: string): Promise<void> {
  await db('inbound_events').where({ id: eventId, reply_token_claimed_by: claimant }).update({ reply_token_claimed_by: null, reply_token_used_at: null });
}
