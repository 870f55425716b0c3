import type { Knex } from 'knex';
import { expireOffer, OFFER_EXPIRY_JOB, WAITLIST_QUEUE } from '../../core/bookings/session-waitlist.ts';
import type { ProcessorTable } from '../job-runner.ts';

/** A waitlist offer's end (core/bookings/session-waitlist.ts): a delayed job per offer, due at `offer_expires_at`. */
export function waitlistProcessors(deps: { knex: Knex }): ProcessorTable {
  return {
    [WAITLIST_QUEUE]: {
      async [OFFER_EXPIRY_JOB](payload) {
        const entryId = String((payload as { entryId: string }).entryId);
        return { expired: await deps.knex.transaction((trx) => expireOffer(trx, entryId)) };
      },
    },
  };
}
