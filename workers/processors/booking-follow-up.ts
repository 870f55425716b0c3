import type { Knex } from 'knex';
import {
  dueFollowUpChecks,
  fireFollowUpTimer,
  FOLLOW_UP_CHECK_JOB,
  FOLLOW_UP_QUEUE,
  FOLLOW_UP_SWEEP_JOB,
  FOLLOW_UP_SWEEP_QUEUE,
  type FollowUpCheck,
} from '../../core/bookings/follow-up-clock.ts';
import { QUOTE_QUEUE, QUOTE_REMIND_JOB, remindQuote } from '../../core/bookings/booking-quotes.ts';
import { DAY_BEFORE_JOB, REMINDER_QUEUE, sendDayBeforeReminder } from '../../core/bookings/booking-reminders.ts';
import type { ProcessorTable } from '../job-runner.ts';
import type { QueueBackend } from '../queue-backend.ts';

/**
 * Bookings' follow-up clocks (one job per timer, and a sweep every minute for anything a lost job
 * missed), the one reminder of a viewed, unanswered quote, and the customer's reminder the day
 * before a confirmed booking.
 */
export function bookingFollowUpProcessors(deps: { knex: Knex; publicBaseUrl: () => string }): ProcessorTable {
  const fire = (check: FollowUpCheck) => deps.knex.transaction((trx) => fireFollowUpTimer(trx, check));
  return {
    [FOLLOW_UP_QUEUE]: {
      async [FOLLOW_UP_CHECK_JOB](payload) {
        return { fired: await fire(payload as unknown as FollowUpCheck) };
      },
    },
    [QUOTE_QUEUE]: {
      async [QUOTE_REMIND_JOB](payload) {
        const quoteId = String((payload as { quoteId: string }).quoteId);
        return { reminded: await deps.knex.transaction((trx) => remindQuote(trx, quoteId, { baseUrl: deps.publicBaseUrl() })) };
      },
    },
    [REMINDER_QUEUE]: {
      async [DAY_BEFORE_JOB](payload) {
        const job = payload as unknown as { bookingId: string; date: string };
        return { sent: await deps.knex.transaction((trx) => sendDayBeforeReminder(trx, job)) };
      },
    },
    [FOLLOW_UP_SWEEP_QUEUE]: {
      async [FOLLOW_UP_SWEEP_JOB]() {
        const due = await dueFollowUpChecks(deps.knex, new Date());
        let fired = 0;
        for (const check of due) if (await fire(check)) fired++;
        return { due: due.length, fired };
      },
    },
  };
}

export async function scheduleBookingFollowUpSweep(queues: QueueBackend): Promise<void> {
  await queues.queue(FOLLOW_UP_SWEEP_QUEUE).upsertJobScheduler('booking-follow-up-sweep', { every: 60_000 }, { name: FOLLOW_UP_SWEEP_JOB });
}
