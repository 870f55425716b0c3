import type { Knex } from 'knex';
import { recordAudit } from '../audit/audit-log.ts';
import type { BusinessCalendarUpdate, BusinessCalendarView } from '../contracts/business-calendar.ts';
import { notFound } from '../errors/index.ts';
import { calendarOfOrg } from '../sla/business-calendar.ts';
import { Subscribers } from '../subscribers.ts';
import type { OrgSettingsWriter } from './org-settings.ts';
import { changingOrg, orgSettingsRow } from '../db/org-cache.ts';

/** Days the calendar closes that it did not before, in the transaction that adds them. */
export interface HolidaysAdded {
  writer: OrgSettingsWriter;
  dates: string[];
}

const holidaysAdded = new Subscribers<HolidaysAdded>();

/**
 * Adds a reaction to new holidays, by name (bin/system.ts): sessions scheduled on them are
 * cancelled (core/bookings/session-commands.ts). It runs in the calendar's transaction, so a
 * subscriber that refuses (a session on the day with customers checked in) leaves the calendar as
 * it was.
 */
export function subscribeToHolidaysAdded(name: string, subscriber: (trx: Knex.Transaction, e: HolidaysAdded) => Promise<void>): void {
  holidaysAdded.subscribe(name, subscriber);
}

/**
 * The org's business hours and holidays (`orgs.business_hours`, `orgs.holidays`): what SLA clocks
 * count as open time. A change is checked by the calendar arithmetic itself before it is stored,
 * so a calendar it would refuse later (when a case opens) is refused now, with nothing written.
 */

function view(row: { time_zone: string; business_hours: unknown; holidays: unknown }): BusinessCalendarView {
  const cal = calendarOfOrg(row);
  return {
    timeZone: cal.timeZone,
    hours: cal.hours ? (JSON.parse(JSON.stringify(cal.hours)) as BusinessCalendarView['hours']) : null,
    holidays: [...cal.holidays],
  };
}

export async function readBusinessCalendar(db: Knex | Knex.Transaction, orgId: string): Promise<BusinessCalendarView> {
  const row = await orgSettingsRow(db, orgId);
  if (!row) throw notFound('Org', { orgId });
  return view(row);
}

export async function updateBusinessCalendar(knex: Knex, w: OrgSettingsWriter, change: BusinessCalendarUpdate): Promise<BusinessCalendarView> {
  return changingOrg(knex, w.orgId, async (trx) => {
    const row = await trx('orgs').select('time_zone', 'business_hours', 'holidays').where({ id: w.orgId }).forUpdate().first();
    if (!row) throw notFound('Org', { orgId: w.orgId });
    const before = view(row);
    const next = {
      time_zone: row.time_zone,
      business_hours: change.hours !== undefined ? change.hours : row.business_hours,
      holidays: change.holidays !== undefined ? change.holidays : row.holidays,
    };
    // Throws validation_failed (422) naming the day or date it cannot use.
    const after = view(next);
    if (JSON.stringify(before) === JSON.stringify(after)) return after;
    await trx('orgs')
      .where({ id: w.orgId })
      .update({ business_hours: after.hours === null ? null : JSON.stringify(after.hours), holidays: JSON.stringify(after.holidays) });
    await recordAudit(trx, {
      orgId: w.orgId,
      actorType: w.actor.type,
      actorId: w.actor.id,
      action: 'org.business_calendar_updated',
      subjectType: 'org',
      subjectId: w.orgId,
      details: { before: { hours: before.hours, holidays: before.holidays }, after: { hours: after.hours, holidays: after.holidays } },
      requestId: w.requestId,
    });
    const added = after.holidays.filter((d) => !before.holidays.includes(d));
    if (added.length) await holidaysAdded.publish(trx, { writer: w, dates: added });
    return after;
  });
}
