import * as c from '../../core/contracts/sessions.ts';
import { transactionRetried } from '../../core/db/deadlock-retry.ts';
import { availabilityOf, listSessions } from '../../core/bookings/session-availability.ts';
import { cancelSession, changeSession, rescheduleWeekly, scheduleSessions } from '../../core/bookings/session-commands.ts';
import { sessionWaitlist, waitlistPlace } from '../../core/contracts/waitlist.ts';
import { leaveForStaff, waitlistForStaff } from '../../core/bookings/waitlist-doors.ts';
import { daySheet, moveToSession, recordAttendance } from '../../core/bookings/session-desk.ts';
import { inSettingsApp, onDesk } from '../liff/staff-apps.ts';
import { setSlotRule, slotRuleView, slotsOn } from '../../core/bookings/service-slots.ts';
import { commandActor } from './booking-refusals.ts';
import { route, type Caller } from '../route.ts';

/**
 * Sessions of a service and their seats (docs/bookings.md, "Sessions and seats"): admins and
 * managers schedule, change and cancel them (as they edit services); everyone who reads bookings
 * reads them and their availability.
 */
const writer = (caller: Caller) => ({ orgId: caller.orgId, actor: caller.actor, requestId: caller.requestId });

export const sessionRoutes = [
  route({
    method: 'get',
    path: '/api/v1/services/:key/sessions',
    summary: "A service's sessions over local dates (today and the next 31 days by default), with seats taken and left",
    staffApp: inSettingsApp('/services/:key/sessions', "A service's sessions, for its schedule screen (as GET /api/v1/services/:key/sessions)"),
    tag: 'sessions',
    access: 'bookings.read',
    query: c.sessionListQuery,
    response: c.sessionList,
    handle: ({ caller, deps, params, query }) => listSessions(deps.knex, caller.orgId, params.key, query),
  }),
  route({
    method: 'post',
    path: '/api/v1/services/:key/sessions',
    summary:
      "Schedule a session of a service (local date and time, duration and capacity, the service's own when absent), or a weekly repeat up to a date; holidays, past dates and starts it has already are left out and listed",
    staffApp: inSettingsApp('/services/:key/sessions', 'Schedule sessions from the schedule screen (as POST /api/v1/services/:key/sessions)'),
    tag: 'sessions',
    access: 'taxonomy.manage',
    body: c.sessionCreate,
    response: c.sessionsCreated,
    status: 201,
    handle: ({ caller, deps, params, body }) => transactionRetried(deps.knex, (trx) => scheduleSessions(trx, { ...writer(caller), serviceKey: params.key, schedule: body })),
  }),
  route({
    method: 'patch',
    path: '/api/v1/services/:key/sessions/:id',
    summary:
      "Change a session's capacity, date, start or length. A capacity below the seats taken, or a new time while bookings hold seats of it, would strand them: refused (409 `conflict`, naming the bookings) and nothing changes",
    staffApp: inSettingsApp('/services/:key/sessions/:id', "Change a session's capacity or time from the schedule screen (as PATCH /api/v1/services/:key/sessions/:id)"),
    tag: 'sessions',
    access: 'taxonomy.manage',
    body: c.sessionChange,
    response: c.session,
    handle: ({ caller, deps, params, body }) => transactionRetried(deps.knex, (trx) => changeSession(trx, { ...writer(caller), serviceKey: params.key, sessionId: params.id, ...body })),
  }),
  route({
    method: 'post',
    path: '/api/v1/services/:key/sessions/reschedule',
    summary:
      "A weekly change: every scheduled session at `time` on these weekdays between the dates moves to `newTime` and/or gets a new length, all or none; any of them holding bookings refuses it (409 `conflict`, naming every booking with its session's date)",
    tag: 'sessions',
    access: 'taxonomy.manage',
    body: c.sessionReschedule,
    response: c.sessionsRescheduled,
    handle: ({ caller, deps, params, body }) => transactionRetried(deps.knex, (trx) => rescheduleWeekly(trx, { ...writer(caller), serviceKey: params.key, ...body })),
  }),
  route({
    method: 'post',
    path: '/api/v1/services/:key/sessions/:id/cancel',
    summary: 'Cancel a session: no more bookings take its seats, and every open booking on it is cancelled with the reason and its customer told',
    staffApp: inSettingsApp('/services/:key/sessions/:id/cancel', 'Cancel a session from the schedule screen (as POST /api/v1/services/:key/sessions/:id/cancel)'),
    tag: 'sessions',
    access: 'taxonomy.manage',
    body: c.sessionCancel,
    response: c.sessionCancelled,
    handle: ({ caller, deps, params, body }) =>
      transactionRetried(deps.knex, (trx) => cancelSession(trx, { ...writer(caller), serviceKey: params.key, sessionId: params.id, reason: body.reason })),
  }),
  route({
    method: 'get',
    path: '/api/v1/services/:key/availability',
    summary: 'Sessions from now on that still have a seat, over local dates (today and the next 31 days by default)',
    staffApp: onDesk('/services/:key/availability', "The sessions with room, for the desk's booking form (as GET /api/v1/services/:key/availability)"),
    tag: 'sessions',
    access: 'bookings.read',
    query: c.availabilityQuery,
    response: c.availability,
    handle: ({ caller, deps, params, query }) => availabilityOf(deps.knex, caller.orgId, params.key, query),
  }),
  route({
    method: 'get',
    path: '/api/v1/services/:key/sessions/:id/waitlist',
    summary: "A session's waitlist: everyone who asked, in the order they asked, and what became of it (waiting, offered until, booked, declined, expired)",
    tag: 'sessions',
    access: 'bookings.read',
    response: sessionWaitlist,
    handle: ({ caller, deps, params }) => waitlistForStaff(deps.knex, caller.orgId, params.key, params.id),
  }),
  route({
    method: 'post',
    path: '/api/v1/services/:key/sessions/:id/waitlist/:placeId/leave',
    summary:
      "Take a customer off a session's waitlist on their word: the place is `left`, and a seat held for it goes to the next in line. A place that left already, or waits no more, is a 409 `conflict` (reason `left` or `not_waiting`), nothing changed. Audited (`waitlist.left`)",
    tag: 'sessions',
    access: 'bookings.work',
    response: waitlistPlace,
    handle: ({ caller, deps, params }) => leaveForStaff(deps.knex, { ...writer(caller), serviceKey: params.key, sessionId: params.id, placeId: params.placeId }),
  }),
  route({
    method: 'get',
    path: '/api/v1/sessions/day',
    summary: "A local day's sessions of every service with who is booked, seats taken and left, and who came; and the sessions a booking may be moved to",
    tag: 'sessions',
    access: 'bookings.read',
    staffApp: onDesk('/sessions/day', "The desk's day of sessions (as GET /api/v1/sessions/day)"),
    query: c.daySheetQuery,
    response: c.daySheet,
    handle: ({ caller, deps, query }) => daySheet(deps.knex, caller.orgId, query),
  }),
  route({
    method: 'post',
    path: '/api/v1/bookings/:number/attendance',
    summary: 'Record whether the customer came (attended / no_show), on the booking and its timeline; a cancelled, declined or lost booking is a 409',
    tag: 'sessions',
    access: 'bookings.work',
    staffApp: onDesk('/bookings/:number/attendance', 'Check-in from the day of sessions (as POST /api/v1/bookings/:number/attendance)'),
    body: c.attendanceChange,
    response: c.attendanceRecorded,
    handle: ({ caller, deps, params, body }) =>
      transactionRetried(deps.knex, (trx) => recordAttendance(trx, { orgId: caller.orgId, number: params.number, attendance: body.attendance, actor: commandActor(caller) })),
  }),
  route({
    method: 'post',
    path: '/api/v1/bookings/:number/session',
    summary:
      "Move a booking to another session of its service, its seats taken there in the same transaction. A full session: 409 `session_full`, the booking stays; a manager or admin may overbook with `overbookReason` (recorded on the timeline and audited), anyone else 403",
    tag: 'sessions',
    access: 'bookings.work',
    staffApp: onDesk('/bookings/:number/session', 'Move a booking to another session (as POST /api/v1/bookings/:number/session)'),
    body: c.sessionMove,
    response: c.sessionMoved,
    handle: ({ caller, deps, params, body }) =>
      transactionRetried(deps.knex, (trx) =>
        moveToSession(trx, {
          orgId: caller.orgId,
          number: params.number,
          sessionId: body.sessionId,
          actor: commandActor(caller),
          overbook: body.overbookReason ? { reason: body.overbookReason } : undefined,
          requestId: caller.requestId,
        }),
      ),
  }),
  route({
    method: 'get',
    path: '/api/v1/services/:key/slot-rule',
    summary: 'How the service is booked in slots: its parallel resources and grid (`rule` null when it is not)',
    tag: 'sessions',
    access: 'taxonomy.read',
    staffApp: inSettingsApp('/services/:key/slot-rule', "The service's slot rule, for its schedule screen (as GET /api/v1/services/:key/slot-rule)"),
    response: c.slotRuleOfService,
    handle: ({ caller, deps, params }) => slotRuleView(deps.knex, caller.orgId, params.key),
  }),
  route({
    method: 'put',
    path: '/api/v1/services/:key/slot-rule',
    staffApp: inSettingsApp('/services/:key/slot-rule', 'Book the service in slots, from its schedule screen (as PUT /api/v1/services/:key/slot-rule)'),
    summary:
      'Book the service in slots: how many bookings run at once (parallel resources) and the grid of start times; each booking then holds its party over its duration, counted in its transaction. Below what overlaps already: 409',
    tag: 'sessions',
    access: 'taxonomy.manage',
    body: c.slotRuleSet,
    response: c.slotRule,
    handle: ({ caller, deps, params, body }) => transactionRetried(deps.knex, (trx) => setSlotRule(trx, { orgId: caller.orgId, serviceKey: params.key, ...body })),
  }),
  route({
    method: 'get',
    path: '/api/v1/services/:key/slots',
    summary: "A local day's slots of a service booked in slots, with the resources free in each",
    staffApp: onDesk('/services/:key/slots', "A day's free starts, for the desk's booking form (as GET /api/v1/services/:key/slots)"),
    tag: 'sessions',
    access: 'bookings.read',
    query: c.slotsQuery,
    response: c.slotDay,
    handle: ({ caller, deps, params, query }) => slotsOn(deps.knex, caller.orgId, params.key, query),
  }),
];
