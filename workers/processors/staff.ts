import { announceBooking, sendBookingAlert, tellBookingAssignee } from '../../core/staff/booking-announcements.ts';
import { announceCase, announceCorrection } from '../../core/staff/case-announcements.ts';
import { relayToGroups } from '../../core/staff/case-relay.ts';
import { relayConversationMessage } from '../../core/staff/conversation-relay.ts';
import { sendDueDigests } from '../../core/staff/managers-digest.ts';
import { handOffToProvider } from '../../core/staff/provider-handoff.ts';
import { sendCaseAlert } from '../../core/staff/staff-alerts.ts';
import type { StaffDeps } from '../../core/staff/staff-desk.ts';
import {
  STAFF_JOBS,
  STAFF_QUEUE,
  type AnnounceBookingJob,
  type BookingAlertJob,
  type TellBookingAssigneeJob,
  type AnnounceCaseJob,
  type AnnounceCorrectionJob,
  type CaseAlertJob,
  type ProviderHandoffJob,
  type RelayToGroupsJob,
  type RelayConversationJob,
} from '../../core/staff/staff-jobs.ts';
import type { ProcessorTable } from '../job-runner.ts';
import type { QueueBackend } from '../queue-backend.ts';

/**
 * The staff desk's work after a change (core/staff/staff-jobs.ts): each job posts in one
 * transaction, so its messages and its outbox rows commit together or not at all. The digest
 * check runs on a queue of its own (see SLA_SWEEP_QUEUE for why a repeatable job needs one).
 */
export const DIGEST_QUEUE = 'staff-digest';

export function staffProcessors(deps: StaffDeps): ProcessorTable {
  const { knex } = deps;
  return {
    [STAFF_QUEUE]: {
      [STAFF_JOBS.announceCase]: (p) => knex.transaction((trx) => announceCase(deps, trx, p as unknown as AnnounceCaseJob)),
      [STAFF_JOBS.announceCorrection]: (p) => knex.transaction((trx) => announceCorrection(deps, trx, p as unknown as AnnounceCorrectionJob)),
      [STAFF_JOBS.announceBooking]: (p) => knex.transaction((trx) => announceBooking(deps, trx, p as unknown as AnnounceBookingJob)),
      [STAFF_JOBS.tellBookingAssignee]: (p) => knex.transaction((trx) => tellBookingAssignee(deps, trx, p as unknown as TellBookingAssigneeJob)),
      [STAFF_JOBS.bookingAlert]: (p) => knex.transaction((trx) => sendBookingAlert(deps, trx, p as unknown as BookingAlertJob)),
      [STAFF_JOBS.caseAlert]: (p) => knex.transaction((trx) => sendCaseAlert(deps, trx, p as unknown as CaseAlertJob)),
      [STAFF_JOBS.providerHandoff]: (p) => knex.transaction((trx) => handOffToProvider(deps, trx, p as unknown as ProviderHandoffJob)),
      [STAFF_JOBS.relayToGroups]: (p) => knex.transaction((trx) => relayToGroups(deps, trx, p as unknown as RelayToGroupsJob)),
      [STAFF_JOBS.relayConversation]: (p) => knex.transaction((trx) => relayConversationMessage(deps, trx, p as unknown as RelayConversationJob)),
    },
    [DIGEST_QUEUE]: {
      [STAFF_JOBS.digestTick]: () => sendDueDigests(deps, deps.now?.() ?? new Date()),
    },
  };
}

export async function scheduleStaffJobs(queues: QueueBackend): Promise<void> {
  await queues.queue(DIGEST_QUEUE).upsertJobScheduler('managers-digest', { every: 60_000 }, { name: STAFF_JOBS.digestTick });
}
