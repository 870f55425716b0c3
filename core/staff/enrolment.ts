import { createHash, randomInt } from 'node:crypto';
import type { Knex } from 'knex';
import { recordAudit, type AuditRecord } from '../audit/audit-log.ts';
import { releaseHeldBy } from '../conversations/conversation-commands.ts';
import { DomainError, notFound } from '../errors/index.ts';
import { refuseLastAdmin } from './last-admin.ts';
import { queueStaffMenuSync } from './staff-menu.ts';

/**
 * Linking a staff member to their LINE account: an admin gets a one-time code for the staff
 * member, who sends it to the bot (1:1 or in a group). Only the code's SHA-256 is stored; it is
 * valid for a day and used once.
 *
 * The code is 8 characters of an alphabet without look-alikes (no 0/O, 1/I/L), shown as
 * `ABCD-EF23`. The bot treats a message as an attempt when its whole text has that shape (the
 * hyphen may be a space or left out; a hyphenless message that is no known code is left to the
 * ordinary routing, so an 8-character order id is not mistaken for a wrong code).
 */
export const ENROLMENT_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const ENROLMENT_CODE_LENGTH = 8;
export const ENROLMENT_VALID_MS = 24 * 3_600_000;

const A = `[${ENROLMENT_ALPHABET}]`;
const SHAPE = new RegExp(`^(${A}{4})([- ]?)(${A}{4})$`);

export interface EnrolmentActor {
  type: AuditRecord['actorType'];
  id?: string | null;
}

export type RedeemFailure = 'unknown' | 'expired' | 'staff_linked_elsewhere' | 'line_user_taken';

export type RedeemResult =
  | { ok: true; staff: { id: string; displayName: string; role: string; language: string; lineUserId: string; lineChannelId: string } }
  | { ok: false; reason: RedeemFailure };

export function hashEnrolmentCode(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}

/**
 * The normalised code (8 characters, upper case) if `text` as a whole looks like one, with
 * whether it was written in the code's distinctive shape (with its hyphen or a space).
 */
export function readEnrolmentCode(text: string | null | undefined): { code: string; distinctive: boolean } | undefined {
  if (!text) return undefined;
  const m = SHAPE.exec(text.trim().toUpperCase());
  if (!m) return undefined;
  return { code: m[1] + m[3], distinctive: m[2] !== '' };
}

/** Whether a staff member of this org holds this code now (used, expired or not). */
export async function isEnrolmentCodeHeld(db: Knex | Knex.Transaction, orgId: string, code: string): Promise<boolean> {
  return Boolean(await db('staff').select('id').where({ org_id: orgId, enrolment_code_hash: hashEnrolmentCode(code) }).first());
}

export function newEnrolmentCode(): string {
  let code = '';
  for (let i = 0; i < ENROLMENT_CODE_LENGTH; i++) code += ENROLMENT_ALPHABET[randomInt(ENROLMENT_ALPHABET.length)];
  return code;
}

/** `ABCDEF23` -> `ABCD-EF23`, as it is shown to the admin. */
export function formatEnrolmentCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/** A new code for an active staff member; any earlier code of theirs stops working. */
export async function issueEnrolmentCode(
  db: Knex | Knex.Transaction,
  i: { orgId: string; staffId: string; actor: EnrolmentActor; requestId?: string; now?: Date },
): Promise<{ code: string; expiresAt: Date }> {
  const now = i.now ?? new Date();
  const expiresAt = new Date(now.getTime() + ENROLMENT_VALID_MS);
  const run = async (trx: Knex.Transaction) => {
    const staff = await trx('staff').select('id', 'is_active').where({ org_id: i.orgId, id: i.staffId }).forUpdate().first();
    if (!staff) throw notFound('Staff member', { staffId: i.staffId });
    if (!staff.is_active) throw new DomainError('conflict', 'This staff member is deactivated', { staffId: i.staffId });
    const code = newEnrolmentCode();
    await trx('staff').where({ id: i.staffId }).update({ enrolment_code_hash: hashEnrolmentCode(code), enrolment_expires_at: expiresAt });
    await recordAudit(trx, {
      orgId: i.orgId,
      actorType: i.actor.type,
      actorId: i.actor.id ?? null,
      action: 'staff.enrolment_code_issued',
      subjectType: 'staff',
      subjectId: i.staffId,
      details: { expiresAt: expiresAt.toISOString() },
      requestId: i.requestId,
    });
    return { code: formatEnrolmentCode(code), expiresAt };
  };
  return 'isTransaction' in db && db.isTransaction ? run(db as Knex.Transaction) : (db as Knex).transaction(run);
}

/**
 * Links the LINE user, on the channel the code was sent on, to the staff member whose live code
 * this is, and clears the code. Refused
 * (nothing changed) for an unknown or used code, an expired one, a staff member already linked
 * to another LINE user, or a LINE user already linked to another active staff member of the org.
 */
export async function redeemEnrolmentCode(
  trx: Knex.Transaction,
  r: { orgId: string; code: string; lineUserId: string; channelId: string; now?: Date },
): Promise<RedeemResult> {
  const now = r.now ?? new Date();
  const read = readEnrolmentCode(r.code);
  if (!read) return { ok: false, reason: 'unknown' };
  const staff = await trx('staff')
    .where({ org_id: r.orgId, enrolment_code_hash: hashEnrolmentCode(read.code), is_active: true })
    .forUpdate()
    .first();
  if (!staff) return { ok: false, reason: 'unknown' };
  if (!staff.enrolment_expires_at || new Date(staff.enrolment_expires_at).getTime() <= now.getTime()) return { ok: false, reason: 'expired' };
  if (staff.line_user_id && staff.line_user_id !== r.lineUserId) return { ok: false, reason: 'staff_linked_elsewhere' };
  const other = await trx('staff')
    .select('id')
    .where({ org_id: r.orgId, line_user_id: r.lineUserId })
    .whereNot({ id: staff.id })
    .first();
  if (other) return { ok: false, reason: 'line_user_taken' };

  await trx('staff')
    .where({ id: staff.id })
    .update({ line_user_id: r.lineUserId, line_channel_id: r.channelId, enrolled_at: now, enrolment_code_hash: null, enrolment_expires_at: null });
  await recordAudit(trx, {
    orgId: r.orgId,
    actorType: 'staff',
    actorId: staff.id,
    action: 'staff.enrolled',
    subjectType: 'staff',
    subjectId: staff.id,
    details: { lineUserId: r.lineUserId, channelId: r.channelId },
  });
  // Their own rich menu: My queue, Dashboard, Desk.
  await queueStaffMenuSync(trx, { orgId: r.orgId, staffId: staff.id, lineUserId: r.lineUserId, channelId: r.channelId });
  return { ok: true, staff: { id: staff.id, displayName: staff.display_name, role: staff.role, language: staff.language, lineUserId: r.lineUserId, lineChannelId: r.channelId } };
}

/** Deactivates a staff member: their code stops working, their LINE account is unlinked, and the conversations they held wait for a person again. */
export async function deactivateStaff(
  db: Knex,
  d: { orgId: string; staffId: string; actor: EnrolmentActor; requestId?: string },
): Promise<void> {
  await db.transaction(async (trx) => {
    const staff = await trx('staff').where({ org_id: d.orgId, id: d.staffId }).forUpdate().first();
    if (!staff) throw notFound('Staff member', { staffId: d.staffId });
    if (!staff.is_active) return;
    if (staff.role === 'admin') await refuseLastAdmin(trx, d.orgId, staff);
    await trx('staff')
      .where({ id: d.staffId })
      .update({
        is_active: false,
        line_user_id: null,
        line_channel_id: null,
        // Kept so that a staff app can tell them their access was removed (staff-sign-in.ts).
        left_line_user_id: staff.line_user_id ?? staff.left_line_user_id ?? null,
        enrolment_code_hash: null,
        enrolment_expires_at: null,
      });
    await recordAudit(trx, {
      orgId: d.orgId,
      actorType: d.actor.type,
      actorId: d.actor.id ?? null,
      action: 'staff.deactivated',
      subjectType: 'staff',
      subjectId: d.staffId,
      details: { lineUserId: staff.line_user_id ?? null },
      requestId: d.requestId,
    });
    // What they held waits for a person again, announced to the groups.
    await releaseHeldBy(trx, { orgId: d.orgId, staffId: d.staffId, reason: 'staff_removed', now: new Date() });
    // Their staff rich menu goes with them.
    if (staff.line_user_id && staff.line_channel_id) await queueStaffMenuSync(trx, { orgId: d.orgId, staffId: d.staffId, lineUserId: staff.line_user_id, channelId: staff.line_channel_id });
  });
}
