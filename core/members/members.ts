import type { Knex } from 'knex';
import { DomainError, notFound } from '../errors/index.ts';
import { DEFAULT_TIME_ZONE, localMoment } from '../time/org-time.ts';
import { drawMemberNumber, readMemberNumber } from './member-numbers.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * Members: a contact who joined gets a member number (member-numbers.ts). The one writer of
 * `members`. What a member holds (wallet, points, credits) is in the ledger, by the member's id
 * (member-ledger.ts), never on this row.
 */
type Db = Knex | Knex.Transaction;

export interface Member {
  id: string;
  orgId: string;
  contactId: string;
  number: string;
  joinedAt: Date;
}

const view = (r: Record<string, unknown>): Member => ({ id: r.id as string, orgId: r.org_id as string, contactId: r.contact_id as string, number: r.number as string, joinedAt: new Date(r.joined_at as string) });

/** The contact's membership, made now if they have none (a contact joins once: the same member is answered again). */
export async function enrolMember(trx: Knex.Transaction, orgId: string, contactId: string, now: Date = new Date()): Promise<{ member: Member; joined: boolean }> {
  const contact = await trx('contacts').where({ id: contactId, org_id: orgId }).first('id');
  if (!contact) throw notFound('Contact', { id: contactId });
  const org = await orgSettingsRow(trx, orgId);
  const year = Number(localMoment(org?.time_zone ?? DEFAULT_TIME_ZONE, now).date.slice(0, 4));
  for (let attempt = 0; attempt < 20; attempt++) {
    const existing = await trx('members').where({ org_id: orgId, contact_id: contactId }).first();
    if (existing) return { member: view(existing), joined: false };
    const { rows } = await trx.raw<{ rows: Record<string, unknown>[] }>(
      `INSERT INTO members (org_id, contact_id, number, joined_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING RETURNING *`,
      [orgId, contactId, drawMemberNumber(year), now],
    );
    if (rows[0]) return { member: view(rows[0]), joined: true };
    // The number was taken (drawn again), or the contact joined meanwhile (found above next time).
  }
  throw new DomainError('conflict', 'No free member number could be drawn; try again');
}

export async function memberById(db: Db, orgId: string, id: string): Promise<Member> {
  const r = /^[0-9a-f-]{36}$/i.test(id) ? await db('members').where({ org_id: orgId, id }).first() : undefined;
  if (!r) throw notFound('Member', { id });
  return view(r);
}

export async function memberOfContact(db: Db, orgId: string, contactId: string): Promise<Member | null> {
  const r = await db('members').where({ org_id: orgId, contact_id: contactId }).first();
  return r ? view(r) : null;
}

/**
 * A member by a typed or scanned number. Anything that is not a member's number, mistyped or
 * made up, gets the same answer, which names no other number: a 404 "Member not found".
 */
export async function memberByNumber(db: Db, orgId: string, typed: string): Promise<Member> {
  const number = readMemberNumber(typed);
  const r = number ? await db('members').where({ org_id: orgId, number }).first() : undefined;
  if (!r) throw notFound('Member', { number: typed.slice(0, 40) });
  return view(r);
}

/** The member was told of their points earned up to `through` running out (core/members/points-expiry.ts). */
export async function markPointsNoticed(trx: Knex.Transaction, memberId: string, through: Date): Promise<void> {
  await trx('members').where({ id: memberId }).update({ points_noticed_through: through });
}

/**
 * The member's tier as last told becomes `to` (null: below the lowest); false when it was that
 * already. The member's row is locked meanwhile, so a move is recorded (and told) once.
 */
export async function moveTier(trx: Knex.Transaction, memberId: string, to: string | null): Promise<{ moved: boolean; from: string | null }> {
  const row = await trx('members').where({ id: memberId }).forUpdate().first('tier_key');
  const from = (row?.tier_key ?? null) as string | null;
  if (from === to) return { moved: false, from };
  await trx('members').where({ id: memberId }).update({ tier_key: to });
  return { moved: true, from };
}

/** The org's members, newest first, with their contact's name. */
export async function listMembers(db: Db, orgId: string, o: { before?: string; limit?: number } = {}) {
  const q = db('members as m').join('contacts as c', 'c.id', 'm.contact_id').where('m.org_id', orgId);
  if (o.before) q.andWhere('m.joined_at', '<', o.before);
  const rows = await q.orderBy('m.joined_at', 'desc').limit(o.limit ?? 50).select('m.*', 'c.display_name');
  return rows.map((r) => ({ ...view(r), name: (r.display_name ?? null) as string | null }));
}
