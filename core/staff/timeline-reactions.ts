import type { Knex } from 'knex';
import type { RecordedCaseEvent } from '../cases/case-timeline.ts';
import type { RecordedBookingEvent } from '../bookings/booking-timeline.ts';
import { queueStaffJob, STAFF_JOBS } from './staff-jobs.ts';

/**
 * What the staff desk does when a case or a booking changes: subscribed to their timelines in the
 * composition root (bin/system.ts), so the case and booking modules never call the desk. Each
 * reaction is a staff job queued in the change's own transaction (core/staff/staff-jobs.ts): the
 * posting happens in the staff worker, after the change commits.
 */
export async function reactToCaseEvent(trx: Knex.Transaction, e: RecordedCaseEvent): Promise<void> {
  const data = e.data ?? {};
  const caseId = e.caseId;
  switch (e.type) {
    case 'created':
      // A case a customer's message opened: its card is posted by the job that routed the message,
      // right after its commit and the customer's answer, where that job collects such work; its
      // row waits as the fallback (#41: a BullMQ job and its Redis commands fewer per case).
      return queueStaffJob(trx, e.orgId, { name: STAFF_JOBS.announceCase, payload: { caseId } }, { doneHere: true });
    case 'message_in':
      return queueStaffJob(trx, e.orgId, { name: STAFF_JOBS.relayToGroups, payload: { caseId, messageId: String(data.messageId) } });
    case 'corrected':
      return queueStaffJob(trx, e.orgId, { name: STAFF_JOBS.announceCorrection, payload: { caseId, caseEventId: e.id } });
    case 'status_changed':
      if (data.to === 'waiting_provider') {
        await queueStaffJob(trx, e.orgId, { name: STAFF_JOBS.providerHandoff, payload: { caseId } });
        // The provider's time to answer (its settings): staff hear when it has passed unanswered.
        const provider = await trx('cases').join('providers', 'providers.id', 'cases.provider_id').where('cases.id', caseId).first('providers.default_sla_minutes as minutes');
        if (provider?.minutes) {
          const at = new Date((e.context.now ?? new Date()).getTime() + provider.minutes * 60_000);
          await queueStaffJob(trx, e.orgId, { name: STAFF_JOBS.caseAlert, payload: { caseId, kind: 'provider_overdue', caseEventId: e.id } }, { availableAt: at });
        }
      }
      return;
    case 'sla_warning':
      return queueStaffJob(trx, e.orgId, { name: STAFF_JOBS.caseAlert, payload: { caseId, kind: 'sla_warning', caseEventId: e.id } });
    case 'escalated':
      if (data.notifyManagers) return queueStaffJob(trx, e.orgId, { name: STAFF_JOBS.caseAlert, payload: { caseId, kind: 'escalated', caseEventId: e.id } });
      return;
    case 'alert_requested':
      return queueStaffJob(trx, e.orgId, { name: STAFF_JOBS.caseAlert, payload: { caseId, kind: 'payment_alert', caseEventId: e.id } });
    default:
      return;
  }
}

export async function reactToBookingEvent(trx: Knex.Transaction, e: RecordedBookingEvent): Promise<void> {
  const data = e.data ?? {};
  const bookingId = e.bookingId;
  switch (e.type) {
    case 'created':
      return queueStaffJob(trx, e.orgId, { name: STAFF_JOBS.announceBooking, payload: { bookingId } });
    case 'assignee_changed':
      // Someone who took it themselves knows already.
      if (typeof data.to === 'string' && !(e.actor.type === 'staff' && e.actor.id === data.to)) {
        return queueStaffJob(trx, e.orgId, { name: STAFF_JOBS.tellBookingAssignee, payload: { bookingId, staffId: data.to, bookingEventId: e.id } });
      }
      return;
    case 'follow_up_warning':
    case 'follow_up_missed':
    case 'quote_accepted':
    case 'quote_declined':
    // Money that arrived and was not applied, or a transfer slip to confirm (core/checkout/): staff act on it.
    case 'payment_flagged':
    case 'slip_received':
      return queueStaffJob(trx, e.orgId, { name: STAFF_JOBS.bookingAlert, payload: { bookingId, kind: e.type, bookingEventId: e.id } });
    default:
      return;
  }
}
