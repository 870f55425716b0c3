import type { Knex } from 'knex';
import { canStaff, staffActions, type StaffAction } from '../access/roles.ts';
import { DomainError, forbidden, notFound, staleVersion, validationFailed } from '../errors/index.ts';
import type { StaffRole } from '../vocabulary.ts';
import { recordConversationEvent, type ConversationActorType, type ConversationEventType } from './conversation-timeline.ts';
import { afterCustomerMessage, inboxStateOf, type InboxState, type InboxStatus } from './inbox-rules.ts';
import { queueMessages } from './outgoing.ts';
import { renderSavedReply, type OpenCaseOf } from './saved-replies.ts';

/**
 * The inbox's one front door (DESIGN.md decisions 14 and 15; docs/inbox.md): every change to who
 * holds a conversation, and every word staff write in it, goes through these commands, whether it
 * comes from the bot, a LINE tap, or the REST API. Each command locks the conversation first, so
 * two people acting at once take turns and the second sees what the first did; then checks, in
 * this order: the conversation exists in the org, its contact was not erased, the role may do
 * this, the version is the one the caller saw, and the holder lets them. A refusal is returned,
 * typed, before anything is written; the callers put it in their own words (refusalError for the
 * API, bot/staff/conversation-actions.ts for LINE).
 */
export interface StaffActor {
  staffId: string;
  role: StaffRole;
}

export interface StaffCommand {
  orgId: string;
  conversationId: string;
  staff: StaffActor;
  /** The version the caller saw; a LINE tap, which acts on the conversation as it is now, gives none. */
  expectedVersion?: number;
  now: Date;
  /**
   * Runs once every check has passed, right before anything is written: a LINE tap spends its
   * token here. False refuses the command as `replayed`.
   */
  beforeWrite?: () => Promise<boolean>;
}

/** The conversation as it is now: what a refusal shows, and what a command answers. */
export interface ConversationNow {
  conversationId: string;
  status: InboxStatus;
  version: number;
  assigneeStaffId: string | null;
  assigneeName: string | null;
}

export type ConversationRefusal =
  | { reason: 'not_found' }
  | { reason: 'erased' }
  | { reason: 'role_forbids'; action: StaffAction; role: StaffRole }
  | { reason: 'stale_version'; now: ConversationNow }
  /** Someone else holds it; `now.assigneeName` says who. */
  | { reason: 'owned_by'; now: ConversationNow }
  /** Snoozing a conversation nobody is asked for (the bot has it, or it is resolved). */
  | { reason: 'not_open'; now: ConversationNow }
  | { reason: 'no_such_assignee' }
  | { reason: 'empty_text' }
  /** The org has no saved reply in use with this shortcut. */
  | { reason: 'no_such_saved_reply'; key: string }
  /** The saved reply uses a variable this customer has no value for (no open case for `{{case_id}}`): it would read as a blank. */
  | { reason: 'saved_reply_unfilled'; key: string; missing: string[] }
  | { reason: 'snooze_in_past' }
  | { reason: 'replayed' };

/** Done: the conversation `before` the command and as it is `now`. */
export type CommandResult<T = object> = ({ ok: true; changed: boolean; before: ConversationNow; now: ConversationNow } & T) | { ok: false; refusal: ConversationRefusal };

interface Locked {
  id: string;
  orgId: string;
  erased: boolean;
  state: InboxState;
  assigneeName: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HELD: readonly InboxStatus[] = ['assigned', 'snoozed'];

const refused = (refusal: ConversationRefusal) => ({ ok: false as const, refusal });
const nowOf = (c: Locked): ConversationNow => ({
  conversationId: c.id,
  status: c.state.status,
  version: c.state.version,
  assigneeStaffId: c.state.assigneeStaffId,
  assigneeName: c.assigneeName,
});

/** The conversation, locked until the transaction ends; undefined when it is not this org's. */
async function lock(trx: Knex.Transaction, orgId: string, conversationId: string): Promise<Locked | undefined> {
  if (!UUID.test(conversationId)) return undefined;
  // The row is locked first and read with its joins after: a statement that waited for the lock
  // sees the winner's row but keeps the joins it read before the wait (PostgreSQL re-reads only
  // the locked row), so the loser of two takes would name no holder.
  const locked = await trx('conversations').select('id').where({ id: conversationId, org_id: orgId }).forUpdate().first();
  if (!locked) return undefined;
  const row = await trx('conversations')
    .leftJoin('contacts', 'contacts.id', 'conversations.contact_id')
    .leftJoin('staff', 'staff.id', 'conversations.assignee_staff_id')
    .select('conversations.*', 'contacts.erased_at', 'staff.display_name as assignee_name')
    .where({ 'conversations.id': conversationId })
    .first();
  return { id: row.id, orgId: row.org_id, erased: Boolean(row.erased_at), state: inboxStateOf(row), assigneeName: row.assignee_name ?? null };
}

/** The checks every staff command makes, in order; the locked conversation when they pass. */
async function lockForStaff(trx: Knex.Transaction, a: StaffCommand, action: StaffAction): Promise<Locked | { refusal: ConversationRefusal }> {
  const c = await lock(trx, a.orgId, a.conversationId);
  if (!c) return { refusal: { reason: 'not_found' } };
  if (c.erased) return { refusal: { reason: 'erased' } };
  if (!canStaff(a.staff.role, action)) return { refusal: { reason: 'role_forbids', action, role: a.staff.role } };
  if (a.expectedVersion !== undefined && a.expectedVersion !== c.state.version) return { refusal: { reason: 'stale_version', now: nowOf(c) } };
  return c;
}

/** Someone other than the actor holds it. */
const heldByOther = (c: Locked, staffId: string) => HELD.includes(c.state.status) && c.state.assigneeStaffId !== null && c.state.assigneeStaffId !== staffId;

/** The holder lets the actor do this: support only unheld or their own, managers and admins any. */
const holderAllows = (c: Locked, staff: StaffActor, action: StaffAction) =>
  !heldByOther(c, staff.staffId) || canStaff(staff.role, action, { ownerStaffId: c.state.assigneeStaffId, actorStaffId: staff.staffId });

/**
 * Moves the conversation to a new holder, one version on. `waiting_since` is when the customer
 * began to wait for a person: kept while a person holds it, gone when the bot has it again. The
 * bot's own hand-over dialogue ends when the conversation goes back to the bot.
 */
async function move(trx: Knex.Transaction, c: Locked, to: { status: InboxStatus; assigneeStaffId: string | null; snoozedUntil?: Date }, now: Date): Promise<void> {
  const toBot = to.status === 'bot' || to.status === 'resolved';
  const startsWaiting = to.status === 'waiting' && !['waiting', 'assigned', 'snoozed'].includes(c.state.status);
  await trx('conversations')
    .where({ id: c.id })
    .update({
      inbox_status: to.status,
      assignee_staff_id: to.assigneeStaffId,
      version: trx.raw('version + 1'),
      inbox_changed_at: now,
      snoozed_until: to.snoozedUntil ?? null,
      waiting_since: toBot ? null : startsWaiting ? now : (c.state.waitingSince ?? now),
      ...(toBot ? { dialogue: trx.raw(`CASE WHEN dialogue->>'kind' = 'handoff' THEN NULL ELSE dialogue END`) } : {}),
    });
}

async function record(trx: Knex.Transaction, c: Locked, type: ConversationEventType, actor: { type: ConversationActorType; id: string | null }, data: Record<string, unknown>, now: Date) {
  return recordConversationEvent(trx, { orgId: c.orgId, conversationId: c.id, type, actor, data }, now);
}

const staffActor = (s: StaffActor) => ({ type: 'staff' as const, id: s.staffId });

/** The conversation as it is after a command. */
async function reread(trx: Knex.Transaction, c: Locked): Promise<ConversationNow> {
  const row = await trx('conversations')
    .leftJoin('staff', 'staff.id', 'conversations.assignee_staff_id')
    .select('conversations.inbox_status', 'conversations.version', 'conversations.assignee_staff_id', 'staff.display_name as assignee_name')
    .where('conversations.id', c.id)
    .first();
  return { conversationId: c.id, status: row.inbox_status, version: Number(row.version), assigneeStaffId: row.assignee_staff_id ?? null, assigneeName: row.assignee_name ?? null };
}

/**
 * The customer asked for a person, or the bot could not help: the conversation waits for one. A
 * conversation already waiting or held stays as it is.
 */
export async function handOff(
  trx: Knex.Transaction,
  a: { orgId: string; conversationId: string; reason: 'customer_asked' | 'bot_could_not_help'; actor: { type: 'customer' | 'system'; id: string | null }; now: Date },
): Promise<CommandResult> {
  const c = await lock(trx, a.orgId, a.conversationId);
  if (!c) return refused({ reason: 'not_found' });
  if (c.erased) return refused({ reason: 'erased' });
  if (c.state.status === 'waiting' || c.state.status === 'assigned') return { ok: true, changed: false, before: nowOf(c), now: nowOf(c) };
  await move(trx, c, { status: 'waiting', assigneeStaffId: null }, a.now);
  await record(trx, c, 'waiting', a.actor, { reason: a.reason, from: c.state.status }, a.now);
  return { ok: true, changed: true, before: nowOf(c), now: await reread(trx, c) };
}

/**
 * A customer's message arrived: a snoozed conversation wakes (it waits for a person again, and its
 * holder hears of it); one a person left idle for IDLE_RETURN_HOURS goes back to the bot.
 */
export async function customerWrote(trx: Knex.Transaction, a: { orgId: string; conversationId: string; now: Date }): Promise<'woke' | 'returned_to_bot' | undefined> {
  const c = await lock(trx, a.orgId, a.conversationId);
  if (!c || c.erased) return undefined;
  const next = afterCustomerMessage(c.state, a.now);
  if (!next) return undefined;
  await move(trx, c, { status: next === 'woke' ? 'waiting' : 'bot', assigneeStaffId: null }, a.now);
  await record(trx, c, next, { type: 'system', id: null }, { from: c.state.status, previousAssignee: c.state.assigneeStaffId }, a.now);
  return next;
}

/** Take: the conversation becomes the actor's. Someone else's is a take-over: managers and admins only. */
export async function take(trx: Knex.Transaction, a: StaffCommand): Promise<CommandResult> {
  const c = await lockForStaff(trx, a, 'conversation.take');
  if ('refusal' in c) return refused(c.refusal);
  if (HELD.includes(c.state.status) && c.state.assigneeStaffId === a.staff.staffId) return { ok: true, changed: false, before: nowOf(c), now: nowOf(c) };
  if (!holderAllows(c, a.staff, 'conversation.take')) return refused({ reason: 'owned_by', now: nowOf(c) });
  if (a.beforeWrite && !(await a.beforeWrite())) return refused({ reason: 'replayed' });
  await move(trx, c, { status: 'assigned', assigneeStaffId: a.staff.staffId }, a.now);
  await record(trx, c, 'taken', staffActor(a.staff), { from: c.state.status, previousAssignee: c.state.assigneeStaffId }, a.now);
  return { ok: true, changed: true, before: nowOf(c), now: await reread(trx, c) };
}

/** Assign (managers and admins): to an active staff member who works conversations; they are told unless they did it. */
export async function assign(trx: Knex.Transaction, a: StaffCommand & { assigneeId: string }): Promise<CommandResult> {
  const c = await lockForStaff(trx, a, 'conversation.assign');
  if ('refusal' in c) return refused(c.refusal);
  const assignee = UUID.test(a.assigneeId)
    ? await trx('staff').select('id').where({ id: a.assigneeId, org_id: a.orgId, is_active: true }).whereIn('role', staffActions['conversation.take'].roles).first()
    : undefined;
  if (!assignee) return refused({ reason: 'no_such_assignee' });
  if (c.state.status === 'assigned' && c.state.assigneeStaffId === assignee.id) return { ok: true, changed: false, before: nowOf(c), now: nowOf(c) };
  if (a.beforeWrite && !(await a.beforeWrite())) return refused({ reason: 'replayed' });
  await move(trx, c, { status: 'assigned', assigneeStaffId: assignee.id }, a.now);
  await record(trx, c, 'assigned', staffActor(a.staff), { to: assignee.id, from: c.state.status, previousAssignee: c.state.assigneeStaffId }, a.now);
  return { ok: true, changed: true, before: nowOf(c), now: await reread(trx, c) };
}

/**
 * Writes to the customer, through the outbox. Only the holder writes, so the customer hears one
 * person at a time: a conversation nobody holds is taken by the reply; one someone else holds is
 * refused (a manager takes it over first). A saved reply (core/conversations/saved-replies.ts) is
 * rendered for the customer once these checks pass, and sent the same way.
 */
export async function reply(
  trx: Knex.Transaction,
  a: StaffCommand & ({ text: string } | { savedReply: string; openCaseOf: OpenCaseOf }),
): Promise<CommandResult<{ messageIds: string[] }>> {
  if ('text' in a && !a.text.trim()) return refused({ reason: 'empty_text' });
  const c = await lockForStaff(trx, a, 'conversation.reply');
  if ('refusal' in c) return refused(c.refusal);
  if (heldByOther(c, a.staff.staffId)) return refused({ reason: 'owned_by', now: nowOf(c) });
  let text = 'text' in a ? a.text.trim() : '';
  if ('savedReply' in a) {
    // A saved reply is the same reply, its text filled in the customer's language.
    const rendered = await renderSavedReply(trx, { orgId: c.orgId, conversationId: c.id, key: a.savedReply, staffId: a.staff.staffId, openCaseOf: a.openCaseOf });
    if (rendered === undefined) return refused({ reason: 'no_such_saved_reply', key: a.savedReply });
    if (rendered.missing.length) return refused({ reason: 'saved_reply_unfilled', key: a.savedReply, missing: rendered.missing });
    text = rendered.text;
    if (!text) return refused({ reason: 'empty_text' });
  }
  if (a.beforeWrite && !(await a.beforeWrite())) return refused({ reason: 'replayed' });
  const takes = !HELD.includes(c.state.status);
  if (takes) {
    await move(trx, c, { status: 'assigned', assigneeStaffId: a.staff.staffId }, a.now);
    await record(trx, c, 'taken', staffActor(a.staff), { from: c.state.status, previousAssignee: null, byReply: true }, a.now);
  }
  const { messageIds } = await queueMessages(trx, {
    orgId: c.orgId,
    conversationId: c.id,
    messages: [{ kind: 'text', text }],
    senderType: 'staff',
    staffId: a.staff.staffId,
    now: a.now,
  });
  await trx('conversations').where({ id: c.id }).update({ staff_replied_at: a.now });
  await record(trx, c, 'replied', staffActor(a.staff), { messageIds, ...('savedReply' in a ? { savedReply: a.savedReply } : {}) }, a.now);
  return { ok: true, changed: takes, before: nowOf(c), now: await reread(trx, c), messageIds };
}

/** A private note for staff: on the conversation's timeline, never a message, never sent. */
export async function note(trx: Knex.Transaction, a: StaffCommand & { text: string }): Promise<CommandResult<{ noteId: string }>> {
  const text = a.text.trim();
  if (!text) return refused({ reason: 'empty_text' });
  const c = await lockForStaff(trx, a, 'conversation.note');
  if ('refusal' in c) return refused(c.refusal);
  if (a.beforeWrite && !(await a.beforeWrite())) return refused({ reason: 'replayed' });
  const e = await record(trx, c, 'note', staffActor(a.staff), { text }, a.now);
  return { ok: true, changed: false, before: nowOf(c), now: nowOf(c), noteId: e.id };
}

/** Resolve: nobody holds it any more and the bot answers again. */
export async function resolve(trx: Knex.Transaction, a: StaffCommand): Promise<CommandResult> {
  const c = await lockForStaff(trx, a, 'conversation.resolve');
  if ('refusal' in c) return refused(c.refusal);
  if (c.state.status === 'resolved' || c.state.status === 'bot') return { ok: true, changed: false, before: nowOf(c), now: nowOf(c) };
  if (!holderAllows(c, a.staff, 'conversation.resolve')) return refused({ reason: 'owned_by', now: nowOf(c) });
  if (a.beforeWrite && !(await a.beforeWrite())) return refused({ reason: 'replayed' });
  await move(trx, c, { status: 'resolved', assigneeStaffId: null }, a.now);
  await record(trx, c, 'resolved', staffActor(a.staff), { from: c.state.status, previousAssignee: c.state.assigneeStaffId }, a.now);
  return { ok: true, changed: true, before: nowOf(c), now: await reread(trx, c) };
}

/**
 * Snooze until a time: the holder (the actor, for a waiting one) keeps it, out of the waiting list
 * until then; a customer's message wakes it sooner (customerWrote).
 */
export async function snooze(trx: Knex.Transaction, a: StaffCommand & { until: Date }): Promise<CommandResult> {
  if (a.until.getTime() <= a.now.getTime()) return refused({ reason: 'snooze_in_past' });
  const c = await lockForStaff(trx, a, 'conversation.snooze');
  if ('refusal' in c) return refused(c.refusal);
  if (c.state.status === 'bot' || c.state.status === 'resolved') return refused({ reason: 'not_open', now: nowOf(c) });
  if (!holderAllows(c, a.staff, 'conversation.snooze')) return refused({ reason: 'owned_by', now: nowOf(c) });
  if (a.beforeWrite && !(await a.beforeWrite())) return refused({ reason: 'replayed' });
  const holder = HELD.includes(c.state.status) ? c.state.assigneeStaffId! : a.staff.staffId;
  await move(trx, c, { status: 'snoozed', assigneeStaffId: holder, snoozedUntil: a.until }, a.now);
  await record(trx, c, 'snoozed', staffActor(a.staff), { until: a.until.toISOString(), from: c.state.status }, a.now);
  return { ok: true, changed: true, before: nowOf(c), now: await reread(trx, c) };
}

/** A refusal as the API's error (api/middleware/error-status.ts gives the HTTP status). */
export function refusalError(r: ConversationRefusal): DomainError {
  switch (r.reason) {
    case 'not_found':
      return notFound('Conversation');
    case 'erased':
      return new DomainError('conflict', "This conversation's customer was erased: it cannot be written to", { reason: 'erased' });
    case 'role_forbids':
      return forbidden(`The role ${r.role} cannot do this (${r.action})`, { reason: 'role_forbids', action: r.action, role: r.role });
    case 'stale_version':
      return staleVersion('The conversation', r.now);
    case 'owned_by':
      return new DomainError('conflict', `${r.now.assigneeName ?? 'Someone else'} has this conversation`, { reason: 'owned_by', ...r.now });
    case 'not_open':
      return new DomainError('conflict', `The conversation is ${r.now.status}: nobody is asked for`, { reason: 'not_open', ...r.now });
    case 'no_such_assignee':
      return validationFailed('The request body is not valid', [{ path: 'staffId', message: 'No active staff member of this org who works conversations has that id' }]);
    case 'empty_text':
      return validationFailed('The request body is not valid', [{ path: 'text', message: 'Write something' }]);
    case 'no_such_saved_reply':
      return validationFailed('The request body is not valid', [{ path: 'savedReply', message: `No saved reply in use has the shortcut "${r.key}"` }]);
    case 'saved_reply_unfilled':
      return validationFailed('The request body is not valid', [
        { path: 'savedReply', message: `The saved reply "${r.key}" uses ${r.missing.map((v) => `{{${v}}}`).join(', ')}, which this customer has no value for (${r.missing.includes('case_id') ? 'no open case' : 'not known'})` },
      ]);
    case 'snooze_in_past':
      return validationFailed('The request body is not valid', [{ path: 'until', message: 'Snooze until a time still to come' }]);
    case 'replayed':
      return new DomainError('conflict', 'This action was used already', { reason: 'replayed' });
  }
}

/** The result of a command, or its refusal thrown as the API's error. */
export function orThrow<T extends { ok: true }>(r: T | { ok: false; refusal: ConversationRefusal }): T {
  if (!r.ok) throw refusalError(r.refusal);
  return r;
}
