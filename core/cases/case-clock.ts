import type { Knex } from 'knex';
import { casesJoinedToTypes } from './case-queries.ts';
import { calendarOfOrg, type BusinessCalendar } from '../sla/business-calendar.ts';
import { firstResponseDueAt, resolutionClock, resolutionDueAt, timeBuckets, warningAt, type ResolutionClock, type SlaTargets, type StatusPeriod, type TimeBuckets } from './sla-clock.ts';
import type { CaseStatus } from '../vocabulary.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * A case's due times on its org's business calendar, from its status history: the one place that
 * joins the SLA arithmetic (core/sla) to the stored case. While the resolution clock is paused its
 * due times are null; the stored ones are then left as they were and the timers stand still.
 */
export interface CaseDueTimes {
  firstResponseDueAt: Date | null;
  resolutionDueAt: Date | null;
  resolutionWarnAt: Date | null;
}

export function targetsOf(caseType: { first_response_minutes: number | null; resolution_minutes: number | null; warn_at_ratio: string | number }): SlaTargets {
  return {
    firstResponseMinutes: caseType.first_response_minutes,
    resolutionMinutes: caseType.resolution_minutes,
    warnRatio: Number(caseType.warn_at_ratio),
  };
}

export async function calendarFor(db: Knex | Knex.Transaction, orgId: string): Promise<BusinessCalendar> {
  return calendarOfOrg((await orgSettingsRow(db, orgId))!);
}

export function dueTimes(openedAt: Date, history: StatusPeriod[], targets: SlaTargets, cal: BusinessCalendar): CaseDueTimes {
  return {
    firstResponseDueAt: firstResponseDueAt(openedAt, targets, cal),
    resolutionDueAt: resolutionDueAt(history, targets, cal),
    resolutionWarnAt: warningAt(history, targets, cal),
  };
}

async function loadClock(trx: Knex | Knex.Transaction, caseId: string) {
  const row = await casesJoinedToTypes(trx)
    .select('cases.org_id', 'cases.created_at', 'case_types.first_response_minutes', 'case_types.resolution_minutes', 'case_types.warn_at_ratio')
    .where('cases.id', caseId)
    .first();
  const periods = await trx('case_status_periods').select('status', 'started_at', 'ended_at').where({ case_id: caseId }).orderBy('started_at').orderBy('id');
  const history: StatusPeriod[] = periods.map((p) => ({ status: p.status as CaseStatus, from: new Date(p.started_at), to: p.ended_at ? new Date(p.ended_at) : null }));
  return { openedAt: new Date(row.created_at), history, targets: targetsOf(row), cal: await calendarFor(trx, row.org_id) };
}

/** Due times of a stored case, from its status periods and its case type's current targets. */
export async function caseDueTimes(trx: Knex.Transaction, caseId: string): Promise<CaseDueTimes> {
  const c = await loadClock(trx, caseId);
  return dueTimes(c.openedAt, c.history, c.targets, c.cal);
}

/** Time tracking without stopwatches: where a case's time went, in business and wall minutes. */
export async function caseTime(db: Knex, caseId: string, now: Date): Promise<{ buckets: TimeBuckets; clock: ResolutionClock }> {
  const c = await loadClock(db, caseId);
  return { buckets: timeBuckets(c.history, now, c.cal), clock: resolutionClock(c.history, c.targets, c.cal, now) };
}
