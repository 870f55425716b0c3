import type { Knex } from 'knex';
import type { Language } from '../vocabulary.ts';

/**
 * Who filled in a form: a website booking names the customer by e-mail, phone (or WhatsApp
 * number) and, inside LINE, their LINE user id. The same person already known (from an earlier
 * form, or from LINE or WhatsApp) is the same contact: matched by LINE id first, then by phone
 * (their WhatsApp identity or the contact's phone), then by e-mail. What the contact lacks is
 * filled in from the form; nothing a contact already has is overwritten.
 *
 * Phone numbers are kept in E.164 (`+66812345678`), the form WhatsApp identities use, so a
 * customer who later writes on WhatsApp from that number joins this contact (contact-identities.ts).
 */
export interface ContactDetails {
  orgId: string;
  /** Empty when the caller does not know it (a case opened through the API by phone): the contact has no name yet. */
  name: string;
  email?: string;
  phone?: string;
  lineUserId?: string;
  language: Language;
}

export type MatchedBy = 'line_id' | 'phone' | 'email';

/** `+66812345678` from `081-234-5678`, `66812345678` or `+66 81 234 5678`; a leading 0 is Thailand's trunk prefix. */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (phone.trim().startsWith('+')) return `+${digits}`;
  if (digits.startsWith('0')) return `+66${digits.slice(1)}`;
  return `+${digits}`;
}

export const normalizeEmail = (email: string) => email.trim().toLowerCase();

/** The advisory locks that keep two forms of one new customer from making two contacts. */
export function contactLockKeys(d: Pick<ContactDetails, 'orgId' | 'email' | 'phone' | 'lineUserId'>): string[] {
  const email = d.email ? normalizeEmail(d.email) : undefined;
  const phone = d.phone ? normalizePhone(d.phone) : undefined;
  return [email && `contact:${d.orgId}:email:${email}`, phone && `contact:${d.orgId}:phone:${phone}`, d.lineUserId && `contact:${d.orgId}:line:${d.lineUserId}`].filter(
    (k): k is string => !!k,
  );
}

/** Takes transaction-scoped advisory locks on `keys`, sorted (one global order: no deadlock), in one statement. */
export async function lockKeys(trx: Knex.Transaction, keys: string[]): Promise<void> {
  if (!keys.length) return;
  await trx.raw('SELECT count(pg_advisory_xact_lock(hashtext(k))) FROM (SELECT k FROM unnest(?::text[]) AS k ORDER BY k COLLATE "C") s', [[...new Set(keys)]]);
}

/**
 * `filled`: for a match, the contact's details the form filled in, as they were before (so that an
 * undo of the match, core/contacts/merge-contacts.ts, can empty them again); `form`: the form's
 * person as normalized.
 */
export async function findOrCreateContact(
  trx: Knex.Transaction,
  d: ContactDetails,
  opts: { locked?: boolean; fill?: 'name' | 'blanks' } = {},
): Promise<{
  contactId: string;
  created: boolean;
  matchedBy: MatchedBy | null;
  filled: Record<string, string | null>;
  /** The form's e-mail and phone that a matched contact does not hold (not written onto it: see above). */
  offered: { email?: string; phone?: string };
  form: { name: string; email?: string; phone?: string; language: Language };
}> {
  const email = d.email ? normalizeEmail(d.email) : undefined;
  const phone = d.phone ? normalizePhone(d.phone) : undefined;
  // Two forms of a new customer at once: one creates the contact, the other finds it. Locks in a
  // fixed order, so that two forms naming the same two keys cannot wait on each other; the
  // intake takes them with its own key's lock in one statement (`lockKeys`, `locked: true`).
  if (!opts.locked) await lockKeys(trx, contactLockKeys(d));

  // One statement: the first of LINE id, WhatsApp identity, a contact's phone, a contact's e-mail.
  const branches: string[] = [];
  const bindings: unknown[] = [];
  if (d.lineUserId) {
    branches.push(`SELECT ci.contact_id AS id, 'line_id' AS by, 1 AS rank FROM contact_identities ci JOIN channels ch ON ch.id = ci.channel_id WHERE ci.org_id = ? AND ci.external_id = ? AND ch.kind = 'line'`);
    bindings.push(d.orgId, d.lineUserId);
  }
  if (phone) {
    branches.push(`SELECT contact_id AS id, 'phone' AS by, 2 AS rank FROM contact_identities WHERE org_id = ? AND external_id = ?`);
    branches.push(`(SELECT id, 'phone' AS by, 3 AS rank FROM contacts WHERE org_id = ? AND phone = ? ORDER BY created_at LIMIT 1)`);
    bindings.push(d.orgId, `whatsapp:${phone}`, d.orgId, phone);
  }
  if (email) {
    branches.push(`(SELECT id, 'email' AS by, 4 AS rank FROM contacts WHERE org_id = ? AND lower(email) = ? ORDER BY created_at LIMIT 1)`);
    bindings.push(d.orgId, email);
  }
  let found: { id: string; by: MatchedBy; display_name: string | null; email: string | null; phone: string | null } | undefined;
  if (branches.length) {
    const { rows } = await trx.raw(
      `SELECT m.id, m.by, c.display_name, c.email, c.phone FROM (${branches.join(' UNION ALL ')}) m JOIN contacts c ON c.id = m.id ORDER BY m.rank LIMIT 1`,
      bindings as Knex.RawBinding[],
    );
    found = rows[0];
  }

  if (found) {
    const c = found as unknown as Record<string, string | null>;
    const fill: Record<string, string> = {};
    if (!c.display_name?.trim() && d.name) fill.display_name = d.name;
    const offered: { email?: string; phone?: string } = {};
    if (email && c.email?.toLowerCase() !== email) {
      if (!c.email && opts.fill === 'blanks') fill.email = email;
      else offered.email = email;
    }
    if (phone && c.phone !== phone) {
      if (!c.phone && opts.fill === 'blanks') fill.phone = phone;
      else offered.phone = phone;
    }
    if (Object.keys(fill).length) await trx('contacts').where({ id: found.id }).update(fill);
    const filled = Object.fromEntries(Object.keys(fill).map((f) => [f, (c[f] ?? null) as string | null]));
    return { contactId: found.id, created: false, matchedBy: found.by, filled, offered, form: { name: d.name, email, phone, language: d.language } };
  }
  const [row] = await trx('contacts')
    .insert({ org_id: d.orgId, display_name: d.name || null, email: email ?? null, phone: phone ?? null, language: d.language })
    .returning('id');
  return { contactId: row.id, created: true, matchedBy: null, filled: {}, offered: {}, form: { name: d.name, email, phone, language: d.language } };
}

/** The digits to look for in stored E.164 phones when someone searches a number as people write it (`081-…` is `+6681…`). */
export function phoneSearchDigits(text: string): string {
  const digits = text.replace(/\D/g, '');
  return digits.startsWith('0') ? digits.slice(1) : digits;
}
