import type { Knex } from 'knex';

/**
 * What a platform tells us about a customer (LINE's profile: name, picture, language), kept on
 * their identity; an empty contact name is filled from it, a name a person wrote is never replaced.
 */
type Db = Knex | Knex.Transaction;

/**
 * Whether the platform is to be asked for an identity's profile now: its contact has no name or its
 * profile was never fetched, and it was not asked within the interval (the one `?`). `ci` is the
 * identity's row, `c` its contact's.
 */
export const PROFILE_DUE_SQL = `(coalesce(btrim(c.display_name), '') = '' OR ci.profile->>'fetchedAt' IS NULL)
        AND (ci.profile->>'requestedAt' IS NULL OR (ci.profile->>'requestedAt')::timestamptz < now() - ?::interval)`;

/**
 * Marks the identity's profile as asked for, unless it was asked within `askAgainAfter` or is
 * already known: true when a fetch should be queued now.
 */
export async function markProfileRequested(trx: Knex.Transaction, p: { channelId: string; userId: string; askAgainAfter: string }): Promise<boolean> {
  const { rows } = await trx.raw<{ rows: { id: string }[] }>(
    `UPDATE contact_identities ci
        SET profile = ci.profile || jsonb_build_object('requestedAt', now())
       FROM contacts c
      WHERE ci.channel_id = ? AND ci.external_id = ? AND c.id = ci.contact_id
        AND ${PROFILE_DUE_SQL}
      RETURNING ci.id`,
    [p.channelId, p.userId, p.askAgainAfter],
  );
  return rows.length > 0;
}

/**
 * The look-up failed for good while the platform was unavailable (it never answered): the request is
 * forgotten, so the customer's next message asks again, not the next day.
 */
export async function forgetProfileRequest(db: Db, p: { channelId: string; userId: string }): Promise<void> {
  await db('contact_identities')
    .where({ channel_id: p.channelId, external_id: p.userId })
    .update({ profile: db.raw(`profile - 'requestedAt'`) });
}

/** The platform would not give the profile (not a friend, gone): kept so nobody asks again too soon. */
export async function recordProfileRefusal(db: Db, p: { channelId: string; userId: string; refusal: string }): Promise<void> {
  await db('contact_identities')
    .where({ channel_id: p.channelId, external_id: p.userId })
    .update({ profile: db.raw(`profile || jsonb_build_object('refusedAt', now(), 'refusal', ?::text)`, [p.refusal]) });
}

export interface PlatformProfile {
  displayName: string;
  pictureUrl?: string;
  statusMessage?: string;
  language?: string;
}

/**
 * Stores a fetched profile on the identity, and its name on a contact that has none: one statement
 * (both changes or neither), not a transaction of two, for every new customer's name.
 */
export async function storeProfile(knex: Knex, p: { channelId: string; userId: string; profile: PlatformProfile }): Promise<{ stored: true } | { stored: false; reason: string }> {
  const { rows } = await knex.raw<{ rows: { contact_id: string }[] }>(
    `WITH identity AS (
       UPDATE contact_identities
          SET profile = (profile - 'refusedAt' - 'refusal' - 'pictureUrl' - 'statusMessage' - 'language') || ?::jsonb || jsonb_build_object('fetchedAt', now())
        WHERE channel_id = ? AND external_id = ?
        RETURNING contact_id),
     named AS (
       UPDATE contacts c SET display_name = ?::text
         FROM identity
        WHERE c.id = identity.contact_id AND ?::text <> '' AND (c.display_name IS NULL OR btrim(c.display_name) = ''))
     SELECT contact_id FROM identity`,
    [JSON.stringify(p.profile), p.channelId, p.userId, p.profile.displayName.trim(), p.profile.displayName.trim()],
  );
  return rows.length > 0 ? { stored: true } : { stored: false, reason: 'the identity is gone' };
}

/** Renames a contact only while it still bears `placeholder` (a name the bot gave, not a person). */
export async function replacePlaceholderName(trx: Knex.Transaction, contactId: string, placeholder: string, name: string): Promise<void> {
  await trx('contacts').where({ id: contactId, display_name: placeholder }).update({ display_name: name });
}

/** Marks a contact as a VIP customer; false when it is not this org's. */
export async function markContactVip(trx: Knex.Transaction, orgId: string, contactId: string): Promise<boolean> {
  return (await trx('contacts').where({ id: contactId, org_id: orgId }).update({ is_vip: true })) > 0;
}

/** A VIP customer known only as their LINE group: the group's messages open cases as this contact. */
export async function createVipContact(trx: Knex.Transaction, c: { orgId: string; displayName: string; language: string }): Promise<string> {
  const [contact] = await trx('contacts').insert({ org_id: c.orgId, display_name: c.displayName, is_vip: true, language: c.language }).returning('id');
  return contact.id;
}
