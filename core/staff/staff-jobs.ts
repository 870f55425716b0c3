import type { Knex } from 'knex';
import { addToOutbox } from '../outbox/outbox.ts';

/**
 * Work for the staff desk that follows a change to a case or a booking: the change commits with
 * an outbox row naming the job, and the staff worker (workers/processors/staff.ts) posts to the
 * right LINE groups or people. Keeping it off the change's own path means opening a case never
 * waits on routing rules, and a rolled-back change posts nothing.
 */
export const STAFF_QUEUE = 'staff';

export const STAFF_JOBS = {
  /** A new case: its card to every group routed for it. */
  announceCase: 'announce-case',
  /** A case's type or severity corrected: its card as it is now to every group routed for it, the new team's too. */
  announceCorrection: 'announce-correction',
  /** A booking request ready for staff: its card to the sales groups. */
  announceBooking: 'announce-booking',
  /** A booking was given to someone: they are told 1:1. */
  tellBookingAssignee: 'tell-booking-assignee',
  /**
   * A booking's follow-up clock warns (the assignee, or the sales groups) or ran out (the managers);
   * the customer answered a quote (the assignee and the sales groups).
   */
  bookingAlert: 'booking-alert',
  /** An SLA warning, an escalation or a payment alert for staff to see at once. */
  caseAlert: 'case-alert',
  /** A case now waits on its provider: the provider's group gets the details. */
  providerHandoff: 'provider-handoff',
  /** A customer's message (or file) on an open case: into the case's groups. */
  relayToGroups: 'relay-to-groups',
  /** A customer's message while a person is needed: into the groups that got the conversation's card. */
  relayConversation: 'relay-conversation',
  /** Every few minutes: each org whose digest time has come gets its managers' digest. */
  digestTick: 'digest-tick',
} as const;

export type CaseAlertKind = 'sla_warning' | 'escalated' | 'payment_alert' | 'provider_overdue';

export interface AnnounceCaseJob {
  caseId: string;
}
export interface AnnounceCorrectionJob {
  caseId: string;
  /** The `corrected` event: its card is posted once. */
  caseEventId: string;
}
export interface AnnounceBookingJob {
  bookingId: string;
}
export interface TellBookingAssigneeJob {
  bookingId: string;
  staffId: string;
  /** The assignee_changed event: told once per event. */
  bookingEventId: string;
}
export interface BookingAlertJob {
  bookingId: string;
  kind: 'follow_up_warning' | 'follow_up_missed' | 'quote_accepted' | 'quote_declined' | 'payment_flagged' | 'slip_received';
  bookingEventId: string;
}
export interface CaseAlertJob {
  caseId: string;
  kind: CaseAlertKind;
  /** The case event that asked for the alert: the alert is posted once per event. */
  caseEventId: string;
}
export interface ProviderHandoffJob {
  caseId: string;
}
export interface RelayToGroupsJob {
  caseId: string;
  messageId: string;
}
export interface RelayConversationJob {
  conversationId: string;
  messageId: string;
}

type Job =
  | { name: typeof STAFF_JOBS.announceCase; payload: AnnounceCaseJob }
  | { name: typeof STAFF_JOBS.announceCorrection; payload: AnnounceCorrectionJob }
  | { name: typeof STAFF_JOBS.announceBooking; payload: AnnounceBookingJob }
  | { name: typeof STAFF_JOBS.tellBookingAssignee; payload: TellBookingAssigneeJob }
  | { name: typeof STAFF_JOBS.bookingAlert; payload: BookingAlertJob }
  | { name: typeof STAFF_JOBS.caseAlert; payload: CaseAlertJob }
  | { name: typeof STAFF_JOBS.providerHandoff; payload: ProviderHandoffJob }
  | { name: typeof STAFF_JOBS.relayToGroups; payload: RelayToGroupsJob }
  | { name: typeof STAFF_JOBS.relayConversation; payload: RelayConversationJob };

/**
 * Queues staff-desk work in the caller's transaction. `doneHere`: work the job that commits it may
 * do itself right after (core/outbox `OutboxEntry.doneHere`), its row the fallback.
 */
export async function queueStaffJob(trx: Knex.Transaction, orgId: string, job: Job, o: { availableAt?: Date; doneHere?: boolean } = {}): Promise<void> {
  await addToOutbox(trx, { orgId, queue: STAFF_QUEUE, jobName: job.name, payload: { ...job.payload }, availableAt: o.availableAt, doneHere: o.doneHere });
}
