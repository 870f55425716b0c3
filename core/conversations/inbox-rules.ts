import type { InboxStatus } from '../vocabulary.ts';

/**
 * Who holds a conversation (DESIGN.md decision 15, docs/inbox.md), as plain rules on its state:
 * the commands (conversation-commands.ts), the bot (bot/conversation/customer-context.ts) and the
 * lists read them here, so "does the bot answer?" has one answer.
 */
export { INBOX_STATUSES, type InboxStatus } from '../vocabulary.ts';

/**
 * A customer who writes after this long without a word from staff (and no change by them) is
 * answered by the bot again: nobody is looking any more, and silence would be worse.
 */
export const IDLE_RETURN_HOURS = 24;

export interface InboxState {
  status: InboxStatus;
  assigneeStaffId: string | null;
  version: number;
  waitingSince: Date | null;
  snoozedUntil: Date | null;
  /** The last change of status or holder. */
  changedAt: Date | null;
  /** The last time a person wrote to the customer. */
  staffRepliedAt: Date | null;
}

/** While a person holds the conversation (or is asked for), the bot records and does not answer. */
export const personHolds = (status: InboxStatus) => status === 'waiting' || status === 'assigned' || status === 'snoozed';

/**
 * What a customer's new message does to the conversation: a snoozed one wakes (waiting for its
 * holder again); one a person held but left idle goes back to the bot; otherwise nothing.
 */
export function afterCustomerMessage(s: InboxState, now: Date): 'woke' | 'returned_to_bot' | undefined {
  if (s.status === 'snoozed') return 'woke';
  if (s.status !== 'waiting' && s.status !== 'assigned') return undefined;
  const lastTouch = Math.max(s.changedAt?.getTime() ?? 0, s.staffRepliedAt?.getTime() ?? 0);
  return now.getTime() - lastTouch >= IDLE_RETURN_HOURS * 3_600_000 ? 'returned_to_bot' : undefined;
}

/** Whether the bot answers a customer's message that arrives now. */
export function botAnswers(s: InboxState | undefined, now: Date): boolean {
  if (!s) return true;
  const next = afterCustomerMessage(s, now);
  return next === 'returned_to_bot' || !personHolds(s.status);
}

/** The state as stored on the conversation row. */
export function inboxStateOf(row: Record<string, any>): InboxState {
  const at = (v: unknown) => (v ? new Date(v as string) : null);
  return {
    status: row.inbox_status,
    assigneeStaffId: row.assignee_staff_id ?? null,
    version: Number(row.version),
    waitingSince: at(row.waiting_since),
    snoozedUntil: at(row.snoozed_until),
    changedAt: at(row.inbox_changed_at),
    staffRepliedAt: at(row.staff_replied_at),
  };
}
