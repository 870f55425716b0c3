import type { Knex } from 'knex';
import type { Language } from '../vocabulary.ts';
import { markProfileRequested, PROFILE_DUE_SQL } from './contact-profiles.ts';

/**
 * Who wrote: a channel identity (LINE userId, whatsapp:+66...) belongs to one contact. A new
 * identity with a phone number joins the org's contact that already has that number, so one
 * person known on LINE and WhatsApp is one contact.
 */
export interface IdentityInput {
  orgId: string;
  channelId: string;
  externalId: string;
  displayName?: string;
  phone?: string;
  /** An e-mail sender's address: joins the contact that already has it (a website lead writing to the business). */
  email?: string;
  language?: Language;
  /**
   * The platform can be asked for the person's profile (LINE): it is marked as asked for when due
   * (core/contacts/contact-profiles.ts), at most once in this interval, and `profileAsked` says
   * whether to ask now. Read with the identity, so that most messages spend no statement on it.
   */
  askProfileAfter?: string;
}

export interface ResolvedContact {
  contactId: string;
  created: boolean;
  /** With `askProfileAfter`: the profile is to be fetched now (marked as asked for in this transaction). */
  profileAsked?: boolean;
}

export async function resolveContact(trx: Knex.Transaction, input: IdentityInput): Promise<ResolvedContact> {
  const identity = { channel_id: input.channelId, external_id: input.externalId };
  const askAfter = input.askProfileAfter;
  const askNowIfDue = async (): Promise<boolean | undefined> =>
    askAfter === undefined ? undefined : markProfileRequested(trx, { channelId: input.channelId, userId: input.externalId, askAgainAfter: askAfter });
  // Most messages come from someone known: found without taking the lock, with whether their
  // profile is due (marked then, under the row's lock, by the same rule). Two events of a new
  // customer may be processed at once: one of them creates the contact. So the same statement takes
  // the identity's lock when it finds nobody, and what follows, in statements of their own, sees an
  // identity the other one committed meanwhile.
  const lockKey = `identity:${input.channelId}:${input.externalId}`;
  const found =
    askAfter === undefined
      ? trx.raw('SELECT ci.contact_id FROM contact_identities ci WHERE ci.channel_id = ? AND ci.external_id = ?', [input.channelId, input.externalId])
      : trx.raw(
          `SELECT ci.contact_id, ${PROFILE_DUE_SQL} AS profile_due
             FROM contact_identities ci JOIN contacts c ON c.id = ci.contact_id
            WHERE ci.channel_id = ? AND ci.external_id = ?`,
          [askAfter, input.channelId, input.externalId],
        );
  const { rows } = await trx.raw<{ rows: { contact_id: string | null; profile_due: boolean | null }[] }>(
    `WITH known AS (?)
     SELECT known.*, (SELECT count(pg_advisory_xact_lock(hashtext(?))) WHERE NOT EXISTS (SELECT 1 FROM known)) AS locked
       FROM (SELECT 1) one LEFT JOIN known ON true`,
    [found, lockKey],
  );
  const known = rows[0]?.contact_id ? rows[0] : undefined;
  if (known) return { contactId: known.contact_id!, created: false, profileAsked: known.profile_due ? await askNowIfDue() : askAfter === undefined ? undefined : false };

  const profile = JSON.stringify(input.displayName ? { displayName: input.displayName } : {});
  // A new identity's profile was never fetched: due, so marked as asked for as it is made.
  const asked = askAfter === undefined ? '' : ` || jsonb_build_object('requestedAt', now())`;
  const contact = {
    org_id: input.orgId,
    display_name: input.displayName ?? null,
    phone: input.phone ?? null,
    email: input.email ?? null,
    ...(input.language ? { language: input.language } : {}),
  };
  if (!input.phone && !input.email) {
    // Nothing to join an existing contact by (a LINE user): the contact and its identity in one
    // statement, unless the identity is there by now.
    const { rows } = await trx.raw<{ rows: { contact_id: string; created: boolean }[] }>(
      `WITH existing AS (SELECT contact_id FROM contact_identities WHERE channel_id = ? AND external_id = ?),
            c AS (INSERT INTO contacts (org_id, display_name${input.language ? ', language' : ''})
                  SELECT ?::uuid, ?::text${input.language ? ', ?::text' : ''} WHERE NOT EXISTS (SELECT 1 FROM existing)
                  RETURNING id),
            i AS (INSERT INTO contact_identities (org_id, contact_id, channel_id, external_id, profile)
                  SELECT ?::uuid, c.id, ?::uuid, ?::text, ?::jsonb${asked} FROM c)
       SELECT contact_id, false AS created FROM existing
       UNION ALL SELECT id, true FROM c`,
      [input.channelId, input.externalId, input.orgId, input.displayName ?? null, ...(input.language ? [input.language] : []), input.orgId, input.channelId, input.externalId, profile],
    );
    const created: boolean = rows[0].created;
    return { contactId: rows[0].contact_id, created, profileAsked: created && askAfter !== undefined ? true : await askNowIfDue() };
  }

  const raced = await trx('contact_identities').select('contact_id').where(identity).first();
  if (raced) return { contactId: raced.contact_id, created: false, profileAsked: await askNowIfDue() };
  let contactId: string | undefined;
  if (input.phone) {
    const samePhone = await trx('contacts').select('id').where({ org_id: input.orgId, phone: input.phone }).orderBy('created_at').first();
    contactId = samePhone?.id;
  }
  if (!contactId && input.email) {
    const sameEmail = await trx('contacts').select('id').where({ org_id: input.orgId }).whereRaw('lower(email) = ?', [input.email.toLowerCase()]).orderBy('created_at').first();
    contactId = sameEmail?.id;
  }
  const created = !contactId;
  if (!contactId) {
    const [row] = await trx('contacts').insert(contact).returning('id');
    contactId = row.id as string;
  }
  await trx('contact_identities').insert({ org_id: input.orgId, contact_id: contactId, ...identity, profile });
  return { contactId, created, profileAsked: await askNowIfDue() };
}

export async function setFollowing(trx: Knex.Transaction, channelId: string, externalId: string, following: boolean): Promise<void> {
  await trx('contact_identities')
    .where({ channel_id: channelId, external_id: externalId })
    .update({ is_following: following, unfollowed_at: following ? null : trx.fn.now() });
}

/**
 * The language the bot answers this contact in, from now on: a statement not yet run, for the
 * router to run along with the message's claim (core/conversations `claimMessage`).
 */
export function settingContactLanguage(trx: Knex.Transaction, contactId: string, language: Language): Knex.QueryBuilder {
  return trx('contacts').where({ id: contactId }).update({ language });
}

/** The language the bot answers this contact in (Thai until they write otherwise). */
export async function contactLanguage(db: Knex | Knex.Transaction, contactId: string): Promise<Language> {
  const row = await db('contacts').select('language').where({ id: contactId }).first();
  return row?.language === 'en' ? 'en' : 'th';
}

/** The language of whoever is this identity on this channel (Thai when they are nobody yet). */
export async function identityLanguage(db: Knex | Knex.Transaction, i: { channelId: string; externalId: string }): Promise<Language> {
  const row = await db('contact_identities')
    .join('contacts', 'contacts.id', 'contact_identities.contact_id')
    .select('contacts.language')
    .where({ 'contact_identities.channel_id': i.channelId, 'contact_identities.external_id': i.externalId })
    .first();
  return row?.language === 'en' ? 'en' : 'th';
}

/**
 * A hard bounce: the org's contacts with this e-mail address are marked undeliverable (with the
 * mail server's reason), so no more e-mail is queued to it (core/bookings/booking-desk.ts
 * customerChatOf, and the e-mail sender refuses it).
 */
export async function markEmailUndeliverable(trx: Knex.Transaction, m: { orgId: string; email: string; reason: string }): Promise<number> {
  return trx('contacts')
    .where({ org_id: m.orgId })
    .whereRaw('lower(email) = ?', [m.email.toLowerCase()])
    .whereNull('email_undeliverable_at')
    .update({ email_undeliverable_at: trx.fn.now(), email_undeliverable_reason: m.reason.slice(0, 500) });
}

/** What e-mails to these contacts need: their language, and why their address cannot be delivered to (a hard bounce) or null. One read for a batch. */
export async function emailRecipients(db: Knex | Knex.Transaction, contactIds: string[]): Promise<Map<string, { language: Language; undeliverable: string | null }>> {
  const rows = await db('contacts').select('id', 'language', 'email_undeliverable_at', 'email_undeliverable_reason').whereIn('id', [...new Set(contactIds)]);
  return new Map(
    rows.map((r) => [r.id, { language: r.language === 'en' ? 'en' : 'th', undeliverable: r.email_undeliverable_at ? (r.email_undeliverable_reason ?? 'bounced') : null }]),
  );
}
