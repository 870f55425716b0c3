import type { Knex } from 'knex';
import { canStaff, staffActions, type StaffAction } from '../access/roles.ts';
import { DomainError, forbidden, notFound, staleVersion, validationFailed } from '../errors/index.ts';
import type { StaffRole } from '../vocabulary.ts';
import { recordConversationEvent, type ConversationActorType, type ConversationEventType } from './conversation-timeline.ts';
import { afterCustomerMessage, inboxStateOf, type InboxState, type InboxStatus } from './inbox-rules.ts';
import { markAttachmentSent } from './attachments.ts';
import { mentionedStaff } from './mentions.ts';
import { queueMessages, type FailedSend } from './outgoing.ts';
import { composeReply, type ContentRefusal, type ReplyContent } from './reply-content.ts';
import { clockOwed, responseClockRuns, scheduleSnoozeEnd, startResponseClock, stopResponseClock } from './response-clock.ts';

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
  /**
   * The staff group chat the actor acted from (a tap on the card, a quote-reply), kept on the
   * event: the group has its answer there already, and a file sent right after finds the conversation.
   */
  saidIn?: string;
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
  /** What a reply would say cannot be sent (reply-content.ts): nothing written, a saved reply, file or template unknown, WhatsApp's window closed. */
  | ContentRefusal
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
/** Where a response clock runs (core/conversations/response-clock.ts). */
const CLOCK_RUNS_IN: readonly InboxStatus[] = ['waiting', 'assigned'];

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
 * bot's own hand-over dialogue ends when the conversation goes back to the bot. A response clock
 * stops, unanswered, when nobody is asked for any more (resolved, the bot's, snoozed).
 */
async function move(trx: Knex.Transaction, c: Locked, to: { status: InboxStatus; assigneeStaffId: string | null; snoozedUntil?: Date }, now: Date): Promise<void> {
  const toBot = to.status === 'bot' || to.status === 'resolved';
  if (!CLOCK_RUNS_IN.includes(to.status)) await stopResponseClock(trx, c, now, { answered: false });
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
/** Where a staff command was given, for its event's data. */
const where = (a: StaffCommand) => (a.saidIn ? { saidIn: a.saidIn } : {});

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
  a: { orgId: string; conversationId: string; reason: 'customer_asked' | 'bot_could_not_help' | 'bot_daily_limit'; actor: { type: 'customer' | 'system'; id: string | null }; now: Date },
): Promise<CommandResult> {
  const c = await lock(trx, a.orgId, a.conversationId);
  if (!c) return refused({ reason: 'not_found' });
  if (c.erased) return refused({ reason: 'erased' });
  if (c.state.status === 'waiting' || c.state.status === 'assigned') return { ok: true, changed: false, before: nowOf(c), now: nowOf(c) };
  await move(trx, c, { status: 'waiting', assigneeStaffId: null }, a.now);
  await record(trx, c, 'waiting', a.actor, { reason: a.reason, from: c.state.status }, a.now);
  await startResponseClock(trx, c, 'first_response', a.now);
  return { ok: true, changed: true, before: nowOf(c), now: await reread(trx, c) };
}

/**
 * A customer's message arrived while a person holds the conversation or is asked for: a snoozed
 * conversation wakes (it waits for a person again, and its holder hears of it); one a person left
 * idle for IDLE_RETURN_HOURS goes back to the bot. Otherwise the customer is owed an answer: a
 * response clock starts unless one runs (the next response, once a person has written to them).
 */
export async function customerWrote(trx: Knex.Transaction, a: { orgId: string; conversationId: string; now: Date }): Promise<'woke' | 'returned_to_bot' | undefined> {
  const c = await lock(trx, a.orgId, a.conversationId);
  if (!c || c.erased) return undefined;
  const next = afterCustomerMessage(c.state, a.now);
  if (next) {
    await move(trx, c, { status: next === 'woke' ? 'waiting' : 'bot', assigneeStaffId: null }, a.now);
    await record(trx, c, next, { type: 'system', id: null }, { from: c.state.status, previousAssignee: c.state.assigneeStaffId, ...(next === 'woke' ? { reason: 'customer_wrote' } : {}) }, a.now);
  }
  if (next === 'woke' || (!next && CLOCK_RUNS_IN.includes(c.state.status))) await owedAnAnswer(trx, c, a.now);
  return next;
}

/** The customer waits for a person's answer from now: a response clock starts, unless one runs. */
async function owedAnAnswer(trx: Knex.Transaction, c: Locked, now: Date): Promise<void> {
  if (await responseClockRuns(trx, c.id)) return;
  await startResponseClock(trx, c, clockOwed({ waiting_since: c.state.waitingSince, staff_replied_at: c.state.staffRepliedAt }), now);
}

/**
 * A snooze's time came (a delayed job at `snoozed_until`, core/conversations/response-clock.ts):
 * the conversation waits for a person again and its holder hears of it (`woke`, reason
 * `snooze_ended`). Nothing happens when it was woken, resolved or snoozed to another time meanwhile.
 * When the customer is still owed an answer (they wrote after the last staff reply), a clock starts.
 */
export async function snoozeEnded(trx: Knex.Transaction, a: { orgId: string; conversationId: string; until: string; now: Date }): Promise<boolean> {
  const c = await lock(trx, a.orgId, a.conversationId);
  if (!c || c.erased || c.state.status !== 'snoozed' || c.state.snoozedUntil?.toISOString() !== a.until) return false;
  await move(trx, c, { status: 'waiting', assigneeStaffId: null }, a.now);
  await record(trx, c, 'woke', { type: 'system', id: null }, { from: 'snoozed', previousAssignee: c.state.assigneeStaffId, reason: 'snooze_ended', until: a.until }, a.now);
  const since = c.state.staffRepliedAt;
  const unanswered = await trx('messages')
    .where({ conversation_id: c.id, direction: 'in', sender_type: 'customer' })
    .modify((q) => (since ? q.andWhere('created_at', '>', since) : q))
    .first('id');
  if (unanswered) await owedAnAnswer(trx, c, a.now);
  return true;
}

/** Take: the conversation becomes the actor's. Someone else's is a take-over: managers and admins only. */
export async function take(trx: Knex.Transaction, a: StaffCommand): Promise<CommandResult> {
  const c = await lockForStaff(trx, a, 'conversation.take');
  if ('refusal' in c) return refused(c.refusal);
  if (HELD.includes(c.state.status) && c.state.assigneeStaffId === a.staff.staffId) return { ok: true, changed: false, before: nowOf(c), now: nowOf(c) };
  if (!holderAllows(c, a.staff, 'conversation.take')) return refused({ reason: 'owned_by', now: nowOf(c) });
  if (a.beforeWrite && !(await a.beforeWrite())) return refused({ reason: 'replayed' });
  await move(trx, c, { status: 'assigned', assigneeStaffId: a.staff.staffId }, a.now);
  await record(trx, c, 'taken', staffActor(a.staff), { from: c.state.status, previousAssignee: c.state.assigneeStaffId, ...where(a) }, a.now);
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
  await record(trx, c, 'assigned', staffActor(a.staff), { to: assignee.id, from: c.state.status, previousAssignee: c.state.assigneeStaffId, ...where(a) }, a.now);
  return { ok: true, changed: true, before: nowOf(c), now: await reread(trx, c) };
}

/**
 * Writes to the customer, through the outbox. Only the holder writes, so the customer hears one
 * person at a time: a conversation nobody holds is taken by the reply; one someone else holds is
 * refused (a manager takes it over first). What is sent (words, a saved reply, a file, a file a
 * staff member sent in a LINE group, a WhatsApp template) is composed once these checks pass
 * (reply-content.ts), which also keeps WhatsApp's 24-hour window.
 */
export async function reply(trx: Knex.Transaction, a: StaffCommand & ReplyContent): Promise<CommandResult<{ messageIds: string[] }>> {
  if ('text' in a && !a.text.trim()) return refused({ reason: 'empty_text' });
  const c = await lockForStaff(trx, a, 'conversation.reply');
  if ('refusal' in c) return refused(c.refusal);
  if (heldByOther(c, a.staff.staffId)) return refused({ reason: 'owned_by', now: nowOf(c) });
  const composed = await composeReply(trx, { orgId: c.orgId, conversationId: c.id, staffId: a.staff.staffId, now: a.now }, a);
  if ('refusal' in composed) return refused(composed.refusal);
  if (a.beforeWrite && !(await a.beforeWrite())) return refused({ reason: 'replayed' });
  const takes = !HELD.includes(c.state.status);
  if (takes) {
    await move(trx, c, { status: 'assigned', assigneeStaffId: a.staff.staffId }, a.now);
    await record(trx, c, 'taken', staffActor(a.staff), { from: c.state.status, previousAssignee: null, byReply: true, ...where(a) }, a.now);
  }
  const { messageIds } = await queueMessages(trx, {
    orgId: c.orgId,
    conversationId: c.id,
    messages: composed.messages,
    senderType: 'staff',
    staffId: a.staff.staffId,
    ...(composed.file ? { files: new Map([[composed.messages.length - 1, composed.file]]) } : {}),
    now: a.now,
  });
  if (composed.file) await markAttachmentSent(trx, composed.file.id, a.now);
  await trx('conversations').where({ id: c.id }).update({ staff_replied_at: a.now });
  // The reply answers the clock that ran: what it took is kept on the reply (the dashboard's figures).
  const answered = await stopResponseClock(trx, c, a.now, { answered: true });
  await record(trx, c, 'replied', staffActor(a.staff), { messageIds, ...composed.data, ...where(a), ...(answered ? { response: answered } : {}) }, a.now);
  return { ok: true, changed: takes, before: nowOf(c), now: await reread(trx, c), messageIds };
}

/**
 * A private note for staff: on the conversation's timeline, never a message, never sent. The
 * active staff it mentions (`@Somchai`, mentions.ts) are kept with it, for their 1:1 word in LINE.
 */
export async function note(trx: Knex.Transaction, a: StaffCommand & { text: string }): Promise<CommandResult<{ noteId: string }>> {
  const text = a.text.trim();
  if (!text) return refused({ reason: 'empty_text' });
  const c = await lockForStaff(trx, a, 'conversation.note');
  if ('refusal' in c) return refused(c.refusal);
  if (a.beforeWrite && !(await a.beforeWrite())) return refused({ reason: 'replayed' });
  const colleagues = await trx('staff').select('id', 'display_name as name').where({ org_id: c.orgId, is_active: true }).whereNot({ id: a.staff.staffId });
  const mentions = mentionedStaff(text, colleagues);
  const e = await record(trx, c, 'note', staffActor(a.staff), { text, ...(mentions.length ? { mentions } : {}) }, a.now);
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
  await record(trx, c, 'resolved', staffActor(a.staff), { from: c.state.status, previousAssignee: c.state.assigneeStaffId, ...where(a) }, a.now);
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
  await scheduleSnoozeEnd(trx, { id: c.id, orgId: c.orgId, until: a.until });
  return { ok: true, changed: true, before: nowOf(c), now: await reread(trx, c) };
}

/**
 * The customer cannot be reached (they blocked the account): the messages of a send that gave up
 * are on the timeline as `undeliverable`, with the staff members who wrote them, who are told
 * (core/staff/conversation-announcements.ts). Subscribed to failed sends in bin/system.ts.
 */
export async function customerUnreachable(trx: Knex.Transaction, send: FailedSend): Promise<void> {
  if (!send.blocked) return;
  const c = await lock(trx, send.orgId, send.conversationId);
  if (!c) return;
  const writers: string[] = await trx('messages').distinct('staff_id').whereIn('id', send.messageIds).whereNotNull('staff_id').pluck('staff_id');
  await record(trx, c, 'undeliverable', { type: 'system', id: null }, { reason: 'blocked', messageIds: send.messageIds, staffIds: writers }, new Date());
}

/**
 * A staff member left the team (deactivated): every conversation they held, assigned or snoozed,
 * waits for a person again (event `released`, with the reason), so the support groups hear of it
 * once more instead of it staying with someone who will never answer.
 */
export async function releaseHeldBy(trx: Knex.Transaction, a: { orgId: string; staffId: string; reason: 'staff_removed'; now: Date }): Promise<{ released: string[] }> {
  const held: string[] = await trx('conversations').where({ org_id: a.orgId, assignee_staff_id: a.staffId }).whereIn('inbox_status', HELD).orderBy('id').pluck('id');
  const released: string[] = [];
  for (const id of held) {
    const c = await lock(trx, a.orgId, id);
    // Locked one by one: a conversation someone took meanwhile is theirs now.
    if (!c || !HELD.includes(c.state.status) || c.state.assigneeStaffId !== a.staffId) continue;
    await move(trx, c, { status: 'waiting', assigneeStaffId: null }, a.now);
    await record(trx, c, 'released', { type: 'system', id: null }, { reason: a.reason, from: c.state.status, previousAssignee: a.staffId }, a.now);
    released.push(id);
  }
  return { released };
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
    case 'no_such_attachment':
      return validationFailed('The request body is not valid', [{ path: 'attachmentId', message: 'No file uploaded to this conversation has that id, or it was sent already' }]);
    case 'no_such_template':
      return validationFailed('The request body is not valid', [{ path: 'template', message: `"${r.key}" is not a template WhatsApp approved for this customer's language` }]);
    case 'window_closed':
      return new DomainError(
        'validation_failed',
        "The customer last wrote more than 24 hours ago: WhatsApp allows only an approved template (send `template` with one of the conversation's `templates`)",
        { reason: 'window_closed', lastFromCustomerAt: r.lastFromCustomerAt },
      );
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
