import { randomInt, randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import { linkEndsAt, linkLiveAfterEnd } from '../cases/tracking-link.ts';
import { oaMessageLink, orgLineBasicId } from '../channels/line-basic-id.ts';
import { DomainError, isUniqueViolation, notFound } from '../errors/index.ts';
import { holderBalances } from '../ledger/ledger.ts';
import { CREDITS } from './member-ledger.ts';
import { enrolMember, memberById, memberOfContact } from './members.ts';
import { packageByKey } from './packages.ts';
import { refundSale, sellPackage } from './package-sales.ts';

/**
 * Corporate clients (seed 000: a company buys memberships for its people): the one writer of
 * `corporate_clients`, `corporate_seats` and `corporate_code_misses`. A client has a number of
 * seats, a validity, and optionally a package each seat carries (given free to the person who
 * takes it: the company pays the business outside the member's ledger). Its people join with the
 * client's code ("join ACME-7F3K"); each becomes a member and takes a seat. Seats are counted
 * with the client's row locked, so the last seat goes to one person only; a member holds one
 * seat at a time. Every refusal comes before anything is written.
 */
type Db = Knex | Knex.Transaction;
type Actor = { type: 'api_key' | 'staff' | 'system'; id: string | null };

export interface ClientRow {
  id: string;
  org_id: string;
  code: string;
  name: string;
  contact_name: string | null;
  contact_email: string | null;
  seats: number;
  package_id: string | null;
  valid_from: Date;
  valid_until: Date;
  status: 'active' | 'suspended';
  usage_token: string | null;
  usage_link_made_at: Date | null;
  created_at: Date;
}

export interface ClientInput {
  name: string;
  codePrefix?: string;
  contactName?: string | null;
  contactEmail?: string | null;
  seats: number;
  packageKey?: string | null;
  validFrom?: string;
  validUntil: string;
}
export type ClientChange = Partial<Omit<ClientInput, 'codePrefix'> & { status: 'active' | 'suspended' }>;

/** Crockford's base 32, as member numbers (member-numbers.ts): no I, L, O or U. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
/** Wrong codes a contact may type in an hour before the chat stops looking codes up for them. */
export const CODE_MISSES_PER_HOUR = 5;

/** The code's prefix: the admin's, else the Latin letters and digits of the name, else CORP. */
function prefixOf(name: string, given?: string): string {
  const p = (given ?? name).toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 8);
  return p || 'CORP';
}

/** A typed code in the form it is compared in (no dash, upper case; O read as 0 and I or L as 1 in the random tail). */
export function readClientCode(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s\-_.]/g, '');
  if (!/^[A-Z0-9]{5,12}$/.test(plain)) return null;
  return plain.slice(0, -4) + plain.slice(-4).replace(/O/g, '0').replace(/[IL]/g, '1');
}

/** Where the client's usage page is (the API's address goes in front). */
export const usagePath = (token: string) => `/public/v1/corporate-usage/${token}`;
const USAGE_TOKEN = /^[0-9a-f]{32}$/;

type OrgLine = Awaited<ReturnType<typeof orgLineBasicId>>;

export async function clientView(db: Db, r: ClientRow, line?: OrgLine) {
  const taken = Number((await db('corporate_seats').where({ client_id: r.id }).whereNull('released_at').count<{ n: string }[]>('* as n'))[0].n);
  const pkg = r.package_id ? await db('member_packages').where({ id: r.package_id }).first('key') : null;
  const oa = line ?? (await orgLineBasicId(db, r.org_id));
  const joinText = { th: `เข้าร่วม ${r.code}`, en: `join ${r.code}` };
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    contactName: r.contact_name,
    contactEmail: r.contact_email,
    seats: r.seats,
    seatsTaken: taken,
    packageKey: pkg?.key ?? null,
    validFrom: new Date(r.valid_from).toISOString(),
    validUntil: new Date(r.valid_until).toISOString(),
    status: r.status,
    joinText,
    // Tapped on a phone, LINE opens the chat with the business's account with the join text typed in.
    joinLink: oa.basicId ? { th: oaMessageLink(oa.basicId, joinText.th), en: oaMessageLink(oa.basicId, joinText.en) } : null,
    joinLinkMissing: oa.basicId === null ? oa.why : null,
    usageLink: r.usage_token && r.usage_link_made_at
      ? { path: usagePath(r.usage_token), madeAt: new Date(r.usage_link_made_at).toISOString(), worksUntil: linkEndsAt(r.valid_until).toISOString() }
      : null,
    createdAt: new Date(r.created_at).toISOString(),
  };
}

async function packageIdOf(db: Db, orgId: string, key: string | null | undefined): Promise<string | null> {
  if (!key) return null;
  return (await packageByKey(db, orgId, key)).id;
}

export async function createClient(trx: Knex.Transaction, w: { orgId: string; actor: Actor }, c: ClientInput) {
  const packageId = await packageIdOf(trx, w.orgId, c.packageKey);
  const prefix = prefixOf(c.name, c.codePrefix);
  for (let attempt = 0; attempt < 20; attempt++) {
    let tail = '';
    for (let i = 0; i < 4; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
    try {
      const [row]: ClientRow[] = await trx.transaction((sp) =>
        sp('corporate_clients')
          .insert({
            org_id: w.orgId,
            code: `${prefix}-${tail}`,
            name: c.name,
            contact_name: c.contactName ?? null,
            contact_email: c.contactEmail ?? null,
            seats: c.seats,
            package_id: packageId,
            valid_from: c.validFrom ?? new Date(),
            valid_until: c.validUntil,
          })
          .returning('*'),
      );
      await recordAudit(trx, { orgId: w.orgId, actorType: w.actor.type, actorId: w.actor.id, action: 'corporate_client.created', subjectType: 'corporate_client', subjectId: row.id, details: { name: c.name, seats: c.seats, code: row.code } });
      return clientView(trx, row);
    } catch (err) {
      if (!isUniqueViolation(err, 'corporate_clients_code')) throw err;
      // That code is another client's: another tail is drawn.
    }
  }
  throw new DomainError('conflict', 'No free code could be drawn for this prefix; try another prefix');
}

export async function clientById(db: Db, orgId: string, id: string, lock = false): Promise<ClientRow> {
  const q = db('corporate_clients').where({ org_id: orgId, id });
  const r = /^[0-9a-f-]{36}$/i.test(id) ? await (lock ? q.forUpdate() : q).first() : undefined;
  if (!r) throw notFound('Corporate client', { id });
  return r;
}

export async function listClients(db: Db, orgId: string) {
  const rows: ClientRow[] = await db('corporate_clients').where({ org_id: orgId }).orderBy('name');
  const line = await orgLineBasicId(db, orgId);
  return Promise.all(rows.map((r) => clientView(db, r, line)));
}

/** Changes a client; its seats may not go below the seats taken (release some first). */
export async function changeClient(trx: Knex.Transaction, w: { orgId: string; actor: Actor }, id: string, c: ClientChange) {
  const row = await clientById(trx, w.orgId, id, true);
  const patch: Record<string, unknown> = { updated_at: trx.fn.now() };
  if (c.name !== undefined) patch.name = c.name;
  if (c.contactName !== undefined) patch.contact_name = c.contactName;
  if (c.contactEmail !== undefined) patch.contact_email = c.contactEmail;
  if (c.status !== undefined) patch.status = c.status;
  if (c.validFrom !== undefined) patch.valid_from = c.validFrom;
  if (c.validUntil !== undefined) patch.valid_until = c.validUntil;
  if (c.packageKey !== undefined) patch.package_id = await packageIdOf(trx, w.orgId, c.packageKey);
  if (c.seats !== undefined) {
    const taken = (await clientView(trx, row)).seatsTaken;
    if (c.seats < taken) throw new DomainError('conflict', `${taken} seats are taken: release some before lowering the seats to ${c.seats}`, { reason: 'seats_taken', seatsTaken: taken });
    patch.seats = c.seats;
  }
  const from = new Date((patch.valid_from as string | undefined) ?? row.valid_from);
  const until = new Date((patch.valid_until as string | undefined) ?? row.valid_until);
  if (until <= from) throw new DomainError('validation_failed', 'validUntil must be after validFrom', { field: 'validUntil' });
  const [updated]: ClientRow[] = await trx('corporate_clients').where({ id: row.id }).update(patch).returning('*');
  await recordAudit(trx, { orgId: w.orgId, actorType: w.actor.type, actorId: w.actor.id, action: 'corporate_client.changed', subjectType: 'corporate_client', subjectId: row.id, details: c });
  return clientView(trx, updated);
}

export type JoinRefusal = 'seats_full' | 'client_suspended' | 'client_not_started' | 'client_expired' | 'seated_elsewhere';
const refuse = (reason: JoinRefusal, message: string, client: ClientRow) => new DomainError('conflict', message, { reason, client: client.name });

/**
 * A contact joins a client by its code and takes a seat (made a member if they are not one, and
 * given the client's package). A code that is no client's, mistyped or made up, gets the same
 * plain 404 whatever it is. The same person joining again is answered with their seat.
 */
export async function joinByCode(trx: Knex.Transaction, r: { orgId: string; contactId: string; code: string; now?: Date; actor?: Actor }) {
  const now = r.now ?? new Date();
  const key = readClientCode(r.code);
  const client: ClientRow | undefined = key
    ? await trx('corporate_clients').where({ org_id: r.orgId }).andWhereRaw(`replace(code, '-', '') = ?`, [key]).forUpdate().first()
    : undefined;
  if (!client) throw notFound('Corporate client code');
  const existing = await memberOfContact(trx, r.orgId, r.contactId);
  if (existing) {
    const seat = await trx('corporate_seats').where({ member_id: existing.id }).whereNull('released_at').first();
    if (seat?.client_id === client.id) return { joined: false, client, member: existing, seatId: seat.id as string, saleId: (seat.sale_id ?? null) as string | null };
    if (seat) {
      const other = await trx('corporate_clients').where({ id: seat.client_id }).first('name');
      throw new DomainError('conflict', `This person holds a seat of ${other?.name} already; release it first`, { reason: 'seated_elsewhere', client: other?.name });
    }
  }
  if (client.status === 'suspended') throw refuse('client_suspended', `${client.name} is suspended: no one joins it now`, client);
  if (now < new Date(client.valid_from)) throw refuse('client_not_started', `${client.name}'s membership starts ${new Date(client.valid_from).toISOString()}`, client);
  if (now >= new Date(client.valid_until)) throw refuse('client_expired', `${client.name}'s membership ended ${new Date(client.valid_until).toISOString()}`, client);
  const taken = Number((await trx('corporate_seats').where({ client_id: client.id }).whereNull('released_at').count<{ n: string }[]>('* as n'))[0].n);
  if (taken >= client.seats) throw refuse('seats_full', `All ${client.seats} seats of ${client.name} are taken`, client);

  const actor = r.actor ?? { type: 'system' as const, id: null };
  const { member } = await enrolMember(trx, r.orgId, r.contactId, now);
  let saleId: string | null = null;
  if (client.package_id) {
    const pkg = await trx('member_packages').where({ id: client.package_id }).first('key');
    // The seat's package ends with the client at the latest: the members' sweep expires it then.
    saleId = (await sellPackage(trx, { member, packageKey: pkg.key, paidWith: 'free', actor, now, expiresBy: new Date(client.valid_until) })).id;
  }
  const [seat] = await trx('corporate_seats').insert({ org_id: r.orgId, client_id: client.id, member_id: member.id, sale_id: saleId, taken_at: now }).returning('id');
  await recordAudit(trx, { orgId: r.orgId, actorType: actor.type, actorId: actor.id, action: 'corporate_seat.taken', subjectType: 'member', subjectId: member.id, details: { clientId: client.id, seatId: seat.id, saleId } });
  return { joined: true, client, member, seatId: seat.id as string, saleId };
}

/** The chat's count of a contact's wrong codes in the last hour. */
export async function codeMissesLastHour(db: Db, orgId: string, contactId: string, now: Date = new Date()): Promise<number> {
  const since = new Date(now.getTime() - 3_600_000);
  return Number((await db('corporate_code_misses').where({ org_id: orgId, contact_id: contactId }).andWhere('at', '>', since).count<{ n: string }[]>('* as n'))[0].n);
}

export async function recordCodeMiss(db: Db, orgId: string, contactId: string, now: Date = new Date()): Promise<void> {
  await db('corporate_code_misses').insert({ org_id: orgId, contact_id: contactId, at: now });
}

/** Who holds the client's seats (and who held them), and what each used of the seat's package. */
export async function clientSeats(db: Db, orgId: string, clientId: string) {
  const client = await clientById(db, orgId, clientId);
  const rows = await db('corporate_seats as s')
    .join('members as m', 'm.id', 's.member_id')
    .join('contacts as c', 'c.id', 'm.contact_id')
    .leftJoin('member_package_sales as p', 'p.id', 's.sale_id')
    .where('s.client_id', client.id)
    .orderByRaw('s.released_at IS NOT NULL, s.taken_at')
    .select('s.id', 's.member_id', 's.sale_id', 's.taken_at', 's.released_at', 's.released_reason', 'm.number', 'c.display_name', 'p.credits', 'p.status as sale_status', 'p.expires_at');
  const saleIds = rows.map((r) => r.sale_id).filter(Boolean) as string[];
  const left = await holderBalances(db, orgId, 'member_credits', CREDITS, saleIds);
  const used = new Map<string, number>(
    saleIds.length
      ? (await db('member_booking_payments').whereIn('sale_id', saleIds).whereNull('returned_at').groupBy('sale_id').select('sale_id', db.raw('sum(credits)::int as n'))).map((u: { sale_id: string; n: number }) => [u.sale_id, Number(u.n)])
      : [],
  );
  const bookings = new Map<string, number>(
    (await db('member_booking_payments').whereIn('member_id', rows.map((r) => r.member_id)).whereNull('returned_at').groupBy('member_id').select('member_id', db.raw('count(*)::int as n'))).map((u: { member_id: string; n: number }) => [u.member_id, Number(u.n)]),
  );
  const seats = rows.map((r) => ({
    id: r.id as string,
    memberId: r.member_id as string,
    memberNumber: r.number as string,
    name: (r.display_name ?? null) as string | null,
    takenAt: new Date(r.taken_at).toISOString(),
    releasedAt: r.released_at ? new Date(r.released_at).toISOString() : null,
    releasedReason: (r.released_reason ?? null) as string | null,
    package: r.sale_id ? { saleId: r.sale_id as string, credits: Number(r.credits), creditsUsed: used.get(r.sale_id) ?? 0, creditsLeft: left.get(r.sale_id) ?? 0, expiresAt: new Date(r.expires_at).toISOString(), status: r.sale_status as string } : null,
    bookingsPaid: bookings.get(r.member_id) ?? 0,
  }));
  return { client: await clientView(db, client), seats };
}

/** A person left: their seat is freed for someone else, and what is left of the seat's package is taken back. */
export async function releaseSeat(trx: Knex.Transaction, r: { orgId: string; clientId: string; seatId: string; reason: string; actor: Actor }) {
  const client = await clientById(trx, r.orgId, r.clientId, true);
  const seat = /^[0-9a-f-]{36}$/i.test(r.seatId) ? await trx('corporate_seats').where({ id: r.seatId, client_id: client.id }).forUpdate().first() : undefined;
  if (!seat) throw notFound('Seat', { id: r.seatId });
  if (seat.released_at) throw new DomainError('conflict', 'This seat was released already', { reason: 'released' });
  await trx('corporate_seats').where({ id: seat.id }).update({ released_at: trx.fn.now(), released_reason: r.reason });
  let creditsTakenBack = 0;
  if (seat.sale_id) {
    const sale = await trx('member_package_sales').where({ id: seat.sale_id }).first('status');
    const member = await memberById(trx, r.orgId, seat.member_id);
    if (sale?.status === 'active') creditsTakenBack = (await refundSale(trx, { member, saleId: seat.sale_id, reason: `Corporate seat released: ${r.reason}`, actor: r.actor, usedUp: 'close' })).creditsTakenBack;
  }
  await recordAudit(trx, { orgId: r.orgId, actorType: r.actor.type, actorId: r.actor.id, action: 'corporate_seat.released', subjectType: 'member', subjectId: seat.member_id, details: { clientId: client.id, seatId: seat.id, reason: r.reason, creditsTakenBack } });
  return { seatId: seat.id as string, creditsTakenBack };
}

/**
 * The client's contact person's link to their seats' usage (no sign-in; docs/members.md): a token
 * made as a case's tracking token is (32 random hex characters), one live per client: a new link
 * ends the one before. It works until revoked, and at most TRACKING_LINK_DAYS_AFTER_END days after
 * the client's end (the tracking link's window).
 */
export async function makeUsageLink(trx: Knex.Transaction, w: { orgId: string; actor: Actor }, id: string) {
  const row = await clientById(trx, w.orgId, id, true);
  const [updated]: ClientRow[] = await trx('corporate_clients')
    .where({ id: row.id })
    .update({ usage_token: randomUUID().replaceAll('-', ''), usage_link_made_at: trx.fn.now(), updated_at: trx.fn.now() })
    .returning('*');
  await recordAudit(trx, { orgId: w.orgId, actorType: w.actor.type, actorId: w.actor.id, action: 'corporate_client.usage_link_made', subjectType: 'corporate_client', subjectId: row.id, details: { replaced: Boolean(row.usage_token) } });
  return clientView(trx, updated);
}

/** The usage link stops working now (the same 404 as a link that never was). */
export async function revokeUsageLink(trx: Knex.Transaction, w: { orgId: string; actor: Actor }, id: string) {
  const row = await clientById(trx, w.orgId, id, true);
  if (!row.usage_token) return clientView(trx, row);
  const [updated]: ClientRow[] = await trx('corporate_clients').where({ id: row.id }).update({ usage_token: null, usage_link_made_at: null, updated_at: trx.fn.now() }).returning('*');
  await recordAudit(trx, { orgId: w.orgId, actorType: w.actor.type, actorId: w.actor.id, action: 'corporate_client.usage_link_revoked', subjectType: 'corporate_client', subjectId: row.id, details: {} });
  return clientView(trx, updated);
}

/**
 * What the usage link shows: the client's seats, who holds each and what they used, and the seats
 * released, with nothing of the business's staff (no release reasons, which staff type). Undefined
 * for a token that is no live link: wrong, revoked, or past its window, all alike.
 */
export async function usageByToken(db: Db, token: string, now: Date = new Date()) {
  if (!USAGE_TOKEN.test(token)) return undefined;
  const row: ClientRow | undefined = await db('corporate_clients').where({ usage_token: token }).first();
  if (!row || !linkLiveAfterEnd(row.valid_until, now)) return undefined;
  const { client, seats } = await clientSeats(db, row.org_id, row.id);
  const person = (s: (typeof seats)[number]) => ({ memberNumber: s.memberNumber, name: s.name, takenAt: s.takenAt });
  return {
    orgId: row.org_id,
    client: { name: client.name, seats: client.seats, seatsTaken: client.seatsTaken, validFrom: client.validFrom, validUntil: client.validUntil, suspended: client.status === 'suspended', ended: now >= new Date(client.validUntil) },
    holders: seats.filter((s) => !s.releasedAt).map((s) => ({ ...person(s), package: s.package && { credits: s.package.credits, creditsUsed: s.package.creditsUsed, creditsLeft: s.package.creditsLeft, expiresAt: s.package.expiresAt } })),
    released: seats.filter((s) => s.releasedAt).map((s) => ({ ...person(s), releasedAt: s.releasedAt! })),
  };
}
