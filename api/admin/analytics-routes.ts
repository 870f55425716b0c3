import { PassThrough } from 'node:stream';
import type { Context } from 'koa';
import { z } from 'zod';
import { LIVE_EVENT_TYPES, type LiveEvent } from '../../core/analytics/live-feed.ts';
import { bookingsReport, bookingsScopeOf, drillBookings } from '../../core/analytics/bookings.ts';
import { caseFacts, filterSql } from '../../core/analytics/case-facts.ts';
import { sessionsReport, sessionsTables } from '../../core/analytics/sessions.ts';
import { satisfactionReport } from '../../core/analytics/satisfaction.ts';
import type { Row } from '../../core/analytics/csv.ts';
import { sendCsv as sendCsvTable, wantsCsv } from '../csv-response.ts';
import { CSV_COLUMNS } from '../../core/analytics/csv-columns.ts';
import { abuseReport, ceoView, providersReport, systemDebtReport } from '../../core/analytics/insights.ts';
import { queueReport } from '../../core/analytics/queue.ts';
import { drillInbox, inboxPeriodView, inboxReport, inboxScopeOf } from '../../core/analytics/inbox.ts';
import { caseTimeRow, drillCases, scopeOf, type DrillRow, periodView, slaReport, staffPerformance, timeTracking } from '../../core/analytics/reports.ts';
import * as c from '../../core/contracts/analytics.ts';
import { DomainError, validationFailed } from '../../core/errors/index.ts';
import { can, type Permission } from '../../core/access/roles.ts';
import { authenticateApiKey } from '../../core/api-keys/api-key-service.ts';
import { route, type Route, type RouteAccess, type RouteInput } from '../route.ts';

/**
 * Who reads the analytics through a set of these routes: API keys under `/api/v1/analytics`
 * (below), or staff signed in with LINE under `/liff-api/v1/dashboard` (api/liff/dashboard-api.ts).
 * One declaration serves both, so the LIFF dashboard computes every figure as the API does.
 */
export interface AnalyticsAudience {
  prefix: string;
  tag: string;
  access: (p: 'analytics.read' | 'analytics.staff' | 'analytics.risk') => RouteAccess;
  /** The org the caller belongs to. */
  orgOf: (input: RouteInput<unknown, unknown>) => string;
  /** The caller's role (what the live stream shows them). */
  roleOf: (input: RouteInput<unknown, unknown>) => string;
  /** A query the caller may not widen (support staff read only their own cases or bookings), applied after parsing. */
  narrow?: <Q extends object>(input: RouteInput<unknown, unknown>, query: Q, about: 'cases' | 'bookings') => Q;
  /** Who holds a live stream (streams are capped per holder). */
  holderOf: (input: RouteInput<unknown, unknown>) => string;
  /** Whether the caller may still read the live stream: asked again on every heartbeat. */
  stillAllowed: (input: RouteInput<unknown, unknown>) => Promise<boolean>;
  /** When the caller's sign-in expires (ms), when it does: their live stream ends then. */
  expiresAt: (input: RouteInput<unknown, unknown>) => number | null;
}

const apiKeys: AnalyticsAudience = {
  prefix: '/api/v1/analytics',
  tag: 'analytics',
  access: (p: Permission) => p,
  orgOf: (i) => i.identity!.orgId,
  roleOf: (i) => i.identity!.role,
  holderOf: (i) => `api_key:${i.identity!.apiKeyId}`,
  // The key is looked up again as it was presented: revoked, expired or moved to a role without analytics, it is let go.
  stillAllowed: async (i) => {
    const key = /^Bearer\s+(\S+)\s*$/i.exec(i.ctx.get('authorization'))?.[1];
    const again = key ? await authenticateApiKey(i.deps.knex, i.deps.apiKeys, key) : null;
    return !!again && again.apiKeyId === i.identity!.apiKeyId && can(again.role, 'analytics.read');
  },
  expiresAt: () => null,
};

/**
 * `/api/v1/analytics/*`: the numbers a manager and a CEO decide by (docs/analytics.md). Every
 * endpoint takes the same period and filters; `?format=csv` or `Accept: text/csv` answers one of
 * its tables as CSV (`table=`), streamed batch by batch; every figure names its drill-down path.
 */

/** A table as CSV; `columns` names its columns (csv-columns.ts) when not the file's name. */
function sendCsv(ctx: Context, name: string, batches: AsyncIterable<Row[]> | Iterable<Row[]>, timeZone: string, columns = name) {
  return sendCsvTable(ctx, name, batches, timeZone, CSV_COLUMNS[columns]);
}

function pickTable<T extends string>(table: string | undefined, tables: readonly T[]): T {
  const t = (table ?? tables[0]) as T;
  if (!tables.includes(t)) throw validationFailed(`Unknown table ${table}`, [{ path: 'table', message: `one of ${tables.join(', ')}` }]);
  return t;
}

/** The parsed query, narrowed where the audience narrows it. */
function queryOf<Q extends object>(a: AnalyticsAudience, input: RouteInput<unknown, Q>, about: 'cases' | 'bookings' = 'cases'): Q {
  return a.narrow ? a.narrow(input as RouteInput<unknown, unknown>, input.query, about) : input.query;
}

/** A report answered as JSON, or one of its tables as CSV. */
function reportRoute<T>(a: AnalyticsAudience, r: {
  path: string;
  summary: string;
  access: 'analytics.read' | 'analytics.staff' | 'analytics.risk';
  response: z.ZodType;
  tables: Record<string, (report: T) => Row[]>;
  build: (db: import('knex').Knex, scope: Awaited<ReturnType<typeof scopeOf>>) => Promise<T>;
}) {
  const names = Object.keys(r.tables);
  return route({
    method: 'get',
    path: `${a.prefix}${r.path}`,
    summary: `${r.summary} (tables: ${names.join(', ')})`,
    tag: a.tag,
    access: a.access(r.access),
    query: c.analyticsQuery,
    response: r.response,
    handle: async (input) => {
      const { deps, ctx } = input;
      const query = queryOf(a, input);
      const scope = await scopeOf(deps.knex, a.orgOf(input), query, new Date());
      const csv = wantsCsv(ctx, query.format);
      const table = csv ? pickTable(query.table, names) : null;
      const report = await r.build(deps.knex, scope);
      if (!table) return report as never;
      return sendCsv(ctx, `${r.path.split('/').at(-1)}-${table}`, [r.tables[table](report)], scope.period.timeZone) as never;
    },
  });
}

/** Every analytics route, for one audience. */
export function analyticsRouteSet(a: AnalyticsAudience): Route[] {
  return [
    route({
      method: 'get',
      path: `${a.prefix}/time-tracking`,
      summary: 'Where the time went: first response, queue, active, waiting on the customer or a provider, total resolution (tables: cases, buckets)',
      tag: a.tag,
      access: a.access('analytics.read'),
      query: c.analyticsQuery,
      response: c.timeTracking,
      handle: async (input) => {
        const { deps, ctx } = input;
        const query = queryOf(a, input);
        const scope = await scopeOf(deps.knex, a.orgOf(input), query, new Date());
        if (wantsCsv(ctx, query.format)) {
          const table = pickTable(query.table, ['cases', 'buckets'] as const);
          if (table === 'cases') {
            await filterSql(deps.knex, a.orgOf(input), query);
            const rows = (async function* () {
              for await (const batch of caseFacts(deps.knex, scope)) yield batch.map(caseTimeRow);
            })();
            return sendCsv(ctx, 'time-tracking-cases', rows, scope.period.timeZone) as never;
          }
          return sendCsv(ctx, 'time-tracking-buckets', [(await timeTracking(deps.knex, scope)).whereTheTimeWent], scope.period.timeZone) as never;
        }
        return timeTracking(deps.knex, scope);
      },
    }),

    route({
      method: 'get',
      path: `${a.prefix}/sla`,
      summary: 'SLA met and missed per clock, compliance, average and p90, open breaches now, trend by day, week or month (tables: trend, clocks)',
      tag: a.tag,
      access: a.access('analytics.read'),
      query: c.analyticsQuery,
      response: c.slaReport,
      handle: async (input) => {
        const { deps, ctx } = input;
        const query = queryOf(a, input);
        const scope = await scopeOf(deps.knex, a.orgOf(input), query, new Date());
        const csv = wantsCsv(ctx, query.format);
        const table = csv ? pickTable(query.table, ['trend', 'clocks'] as const) : null;
        const report = await slaReport(deps.knex, scope);
        if (!csv) return report;
        if (table === 'trend') return sendCsv(ctx, 'sla-trend', [report.trend], scope.period.timeZone) as never;
        const clock = (name: string, f: typeof report.firstResponse) => ({
          clock: name,
          met: f.met.value,
          missed: f.missed.value,
          pending: f.pending.value,
          complianceRate: f.complianceRate,
          averageMinutes: f.averageMinutes,
          p90Minutes: f.p90Minutes,
          metDrill: f.met.drill,
          missedDrill: f.missed.drill,
        });
        return sendCsv(ctx, 'sla-clocks', [[clock('first_response', report.firstResponse), clock('resolution', report.resolution)]], scope.period.timeZone) as never;
      },
    }),

    route({
      method: 'get',
      path: `${a.prefix}/staff-performance`,
      summary: 'Per staff member: cases taken, % within SLA, response and resolution, critical handled, the score and its parts, the change since the previous period (managers and the CEO; table: staff)',
      tag: a.tag,
      access: a.access('analytics.staff'),
      query: c.analyticsQuery,
      response: c.staffPerformance,
      handle: async (input) => {
        const { deps, ctx } = input;
        const query = queryOf(a, input);
        const scope = await scopeOf(deps.knex, a.orgOf(input), query, new Date());
        const csv = wantsCsv(ctx, query.format);
        if (csv) pickTable(query.table, ['staff'] as const);
        const report = await staffPerformance(deps.knex, scope);
        if (!csv) return report;
        return sendCsv(ctx, 'staff-performance', [report.staff.map((s) => ({ ...s, parts: Object.fromEntries(Object.entries(s.parts).map(([k, p]) => [k, { value: p.value, weight: p.weight, points: p.points }])) }))], scope.period.timeZone) as never;
      },
    }),

    route({
      method: 'get',
      path: `${a.prefix}/cases`,
      summary: 'The drill-down: the case numbers behind a figure (the `drill` path every figure carries; table: cases)',
      tag: a.tag,
      access: a.access('analytics.read'),
      query: c.drillQuery,
      response: c.drillResult,
      handle: async (input) => {
        const { deps, ctx } = input;
        const query = queryOf(a, input);
        const scope = await scopeOf(deps.knex, a.orgOf(input), query, new Date());
        const narrowing = { figure: query.figure, staff: query.staff, bucket: query.bucket, rootCause: query.rootCause, contact: query.contact, status: query.status };
        const row = (f: DrillRow) => ({ number: f.number, caseType: f.caseType, status: f.status, openedAt: f.openedAt.toISOString() });
        if (wantsCsv(ctx, query.format)) pickTable(query.table, ['cases'] as const);
        const drill = await drillCases(deps.knex, scope, narrowing);
        if (wantsCsv(ctx, query.format)) {
          const rows = (async function* () {
            for await (const batch of drill.batches()) yield batch.map(row);
          })();
          return sendCsv(ctx, `cases-${query.figure}`, rows, scope.period.timeZone, 'cases') as never;
        }
        const page = await drill.page(query.limit, query.after);
        return { figure: query.figure, period: periodView(scope), ...page, cases: page.cases.map(row) };
      },
    }),

    reportRoute(a, {
      path: '/queue',
      summary: 'The live queue: every case open now (whenever it opened), by status and severity, unassigned, close to missing a clock, past one; with the filters (the period does not narrow it)',
      access: 'analytics.read',
      response: c.queueReport,
      tables: {
        byStatus: (r) => r.byStatus.map((row) => ({ status: row.status, cases: row.cases.value, ...Object.fromEntries(Object.entries(row.bySeverity).map(([k, f]) => [k, f.value])) })),
        summary: (r) => [{ at: r.at, open: r.open.value, unassigned: r.unassigned.value, breachingSoon: r.breachingSoon.value, breached: r.breached.value, oldestOpenMinutes: r.oldestOpenMinutes }],
      },
      build: queueReport,
    }),

    reportRoute(a, {
      path: '/providers',
      summary: "Per provider: cases, average resolution and wait, its fault, refund and cancel rates, a risk level by the org's rule with the reasons, flagged when the same problem repeats",
      access: 'analytics.read',
      response: c.providersReport,
      // The reasons in English, one cell; their parts (riskParts) are for pages that word them.
      tables: { providers: (r) => r.providers.map(({ riskReasons, riskParts: _parts, repeatedProblem, ...p }) => ({ ...p, riskReasons: riskReasons.join('; '), repeatedCaseType: repeatedProblem?.caseType ?? null })) },
      build: providersReport,
    }),

    reportRoute(a, {
      path: '/system-debt',
      summary: 'Root causes by case type, and the problems that repeat past the threshold as system-debt items: severity, count, cost in hours, customers affected, open or stopped',
      access: 'analytics.read',
      response: c.systemDebtReport,
      tables: { items: (r) => r.items, rootCauses: (r) => r.rootCauses, trend: (r) => r.trend },
      build: systemDebtReport,
    }),

    reportRoute(a, {
      path: '/abuse',
      summary: 'Customers who open cases far more often than their peers, or whose cases keep ending in refunds, flagged high risk with the evidence; never acted on',
      access: 'analytics.risk',
      response: c.abuseReport,
      tables: { flagged: (r) => r.flagged.map((f) => ({ ...f, evidence: f.evidence.join('; ') })) },
      build: abuseReport,
    }),

    reportRoute(a, {
      path: '/csat',
      summary:
        "Customer satisfaction over the cases opened in the period: asked, answered, response rate, average score, CSAT score (share of 4 and 5), by staff member, case type and day, week or month, and the customers' comments",
      access: 'analytics.read',
      response: c.csatReport,
      tables: { byStaff: (r) => r.byStaff, byCaseType: (r) => r.byCaseType, trend: (r) => r.trend, comments: (r) => r.comments },
      build: satisfactionReport,
    }),

    reportRoute(a, {
      path: '/ceo',
      summary: "The CEO's view in one call: system health, top system debt, providers to fix or drop, team performance, this week and this month against the last",
      access: 'analytics.staff',
      response: c.ceoView,
      tables: {
        topSystemDebt: (r) => r.topSystemDebt,
        providersToFix: (r) => r.providersToFix.map(({ reasonParts: _parts, ...p }) => ({ ...p, reasons: p.reasons.join('; ') })),
        trends: (r) => [
          { span: 'week', from: r.thisWeek.from, ...r.thisWeek.now, previous: r.thisWeek.previous, change: r.thisWeek.change },
          { span: 'month', from: r.thisMonth.from, ...r.thisMonth.now, previous: r.thisMonth.previous, change: r.thisMonth.change },
        ],
      },
      build: ceoView,
    }),

    route({
      method: 'get',
      path: `${a.prefix}/bookings`,
      summary:
        'Bookings: the funnel by stage and its conversion, time to first contact and to quote (business and calendar minutes), quote acceptance, revenue of confirmed bookings by currency, attribution by UTM source, medium and campaign (tables: funnel, attribution, revenue, stagesNow)',
      tag: a.tag,
      access: a.access('analytics.read'),
      query: c.bookingsQuery,
      response: c.bookingsReport,
      handle: async (input) => {
        const { deps, ctx } = input;
        const query = queryOf(a, input, 'bookings');
        const scope = await bookingsScopeOf(deps.knex, a.orgOf(input), query, new Date());
        const csv = wantsCsv(ctx, query.format);
        const table = csv ? pickTable(query.table, ['funnel', 'attribution', 'revenue', 'stagesNow'] as const) : null;
        const report = await bookingsReport(deps.knex, scope);
        if (!table) return report;
        const rows = table === 'funnel' ? report.funnel : table === 'attribution' ? report.attribution.map((a) => ({ ...a, revenue: a.revenue.map((r) => `${r.amount} ${r.currency}`).join('; ') })) : table === 'revenue' ? report.revenue.byCurrency : report.stagesNow;
        return sendCsv(ctx, `bookings-${table}`, [rows], scope.period.timeZone) as never;
      },
    }),

    reportRoute(a, {
      path: '/sessions',
      summary: 'Sessions and seats: fill rate per service and session, check-ins and the no-show rate, waitlist places and how many became bookings, for the scheduled sessions starting in the period',
      access: 'analytics.read',
      response: c.sessionsReport,
      tables: sessionsTables,
      build: sessionsReport,
    }),

    route({
      method: 'get',
      path: `${a.prefix}/bookings/list`,
      summary: 'The drill-down of the bookings figures: the booking numbers behind a figure (the `drill` path each carries; table: bookings)',
      tag: a.tag,
      access: a.access('analytics.read'),
      query: c.bookingsDrillQuery,
      response: c.bookingsDrillResult,
      handle: async (input) => {
        const { deps, ctx } = input;
        const query = queryOf(a, input, 'bookings');
        const { figure, currency, ...rest } = query;
        const scope = await bookingsScopeOf(deps.knex, a.orgOf(input), rest, new Date());
        const csv = wantsCsv(ctx, query.format);
        if (csv) pickTable(query.table, ['bookings'] as const);
        const bookings = await drillBookings(deps.knex, scope, figure, currency);
        if (csv) return sendCsv(ctx, `bookings-${figure}`, [bookings], scope.period.timeZone, 'bookings-list') as never;
        return { figure, period: { from: scope.period.from.toISOString(), to: scope.period.to.toISOString(), timeZone: scope.period.timeZone, filters: {} }, count: bookings.length, bookings };
      },
    }),

    route({
      method: 'get',
      path: `${a.prefix}/inbox`,
      summary:
        'The inbox: conversations handled by the bot alone and by a person (containment), waiting now, first- and next-response times in business minutes (median, p90, within the due time), breaches, by staff member (managers and the CEO; tables: summary, staff)',
      tag: a.tag,
      access: a.access('analytics.staff'),
      query: c.inboxQuery,
      response: c.inboxReport,
      handle: async (input) => {
        const { deps, ctx, query } = input;
        const scope = await inboxScopeOf(deps.knex, a.orgOf(input), query, new Date());
        const csv = wantsCsv(ctx, query.format);
        const table = csv ? pickTable(query.table, ['summary', 'staff'] as const) : null;
        const report = await inboxReport(deps.knex, scope);
        if (!table) return report;
        const clocks = (r: Pick<typeof report, 'firstResponse' | 'nextResponse'>) =>
          Object.fromEntries(
            (['firstResponse', 'nextResponse'] as const).map((k) => [k, { answered: r[k].answered.value, breached: r[k].breached.value, medianBusinessMinutes: r[k].medianBusinessMinutes, p90BusinessMinutes: r[k].p90BusinessMinutes, metRate: r[k].metRate }]),
          );
        if (table === 'staff') return sendCsv(ctx, 'inbox-staff', [report.byStaff.map((s) => ({ name: s.name, ...clocks(s) }))], scope.period.timeZone) as never;
        const summary = {
          from: report.period.from,
          to: report.period.to,
          conversations: report.conversations.value,
          botAlone: report.botAlone.value,
          byPerson: report.byPerson.value,
          containmentRate: report.containmentRate,
          waitingNow: report.waitingNow.value,
          ...clocks(report),
        };
        return sendCsv(ctx, 'inbox-summary', [[summary]], scope.period.timeZone) as never;
      },
    }),

    route({
      method: 'get',
      path: `${a.prefix}/inbox/conversations`,
      summary: 'The drill-down of the inbox figures: the conversations behind a figure (the `drill` path each carries), by customer name, with who holds them (table: conversations)',
      tag: a.tag,
      access: a.access('analytics.staff'),
      query: c.inboxDrillQuery,
      response: c.inboxDrillResult,
      handle: async (input) => {
        const { deps, ctx, query } = input;
        const { figure, staff, ...rest } = query;
        const scope = await inboxScopeOf(deps.knex, a.orgOf(input), rest, new Date());
        const csv = wantsCsv(ctx, query.format);
        if (csv) pickTable(query.table, ['conversations'] as const);
        const conversations = await drillInbox(deps.knex, scope, figure, staff);
        if (csv) return sendCsv(ctx, `inbox-${figure}`, [conversations], scope.period.timeZone, 'inbox-conversations') as never;
        return { figure, period: inboxPeriodView(scope), count: conversations.length, conversations };
      },
    }),

    route({
      method: 'get',
      path: `${a.prefix}/live`,
      summary:
        "Server-sent events of the org's case changes as they commit (opened, status, taken, provider, SLA warning and breach; escalations and payment alerts for managers, admins and the CEO; a support member signed in on the dashboard, only the cases they own). Resume with Last-Event-ID. The caller is checked again on every heartbeat; the stream ends when they lose access, when their sign-in expires, and after an hour; at most 3 streams per caller at once (429)",
      tag: a.tag,
      access: a.access('analytics.read'),
      query: z.object({}).strict(),
      response: z.string().meta({ description: 'text/event-stream: `id`, `event` (the timeline event type) and `data` (JSON: id, type, at, case, data)' }),
      handle: async (input) => {
        const { deps, ctx } = input;
        const feed = deps.live;
        if (!feed) throw new DomainError('unavailable', 'The live stream is not running in this process');
        const allowed = new Set<string>(a.roleOf(input) === 'support' ? LIVE_EVENT_TYPES.filter((t) => !LIVE_MANAGER_ONLY.has(t)) : LIVE_EVENT_TYPES);
        // Narrowed as the rest of the dashboard is: a support member follows only the cases they own.
        const owner = (queryOf(a, input) as { owner?: string }).owner;
        const latest = await feed.latestId();
        const resume = /^\d{1,19}$/.test(ctx.get('last-event-id')) ? BigInt(ctx.get('last-event-id')) : latest;
        // A client may resume up to 10,000 events back; further back it starts from now.
        const fromId = resume <= latest && latest - resume <= 10_000n ? resume : latest;
        const release = feed.hold(a.holderOf(input), LIVE_STREAMS_PER_CALLER);
        if (!release) throw new DomainError('rate_limited', `At most ${LIVE_STREAMS_PER_CALLER} live streams at once: close one first`);
        const stream = new PassThrough();
        ctx.req.socket.setTimeout(0);
        ctx.req.socket.setNoDelay(true);
        ctx.set({ 'cache-control': 'no-cache, no-transform', connection: 'keep-alive', 'x-accel-buffering': 'no' });
        ctx.type = 'text/event-stream; charset=utf-8';
        stream.write(': live\n\n');
        const send = (e: LiveEvent) => {
          if (!allowed.has(e.type) || (owner && e.case.ownerStaffId !== owner)) return;
          // A client that does not keep up is let go; it comes back with Last-Event-ID and misses nothing.
          if (stream.writableLength > 1_000_000) return void stream.end();
          stream.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);
        };
        // The caller is checked again on every heartbeat: deactivated, revoked or demoted, the stream ends.
        const heartbeat = setInterval(() => {
          void a
            .stillAllowed(input)
            .catch(() => false)
            .then((ok) => (ok ? stream.write(': keep-alive\n\n') : stream.end()));
        }, feed.heartbeatMs);
        // It ends when the sign-in expires, and after an hour in any case; the client comes back with Last-Event-ID.
        const endsAt = Math.min(a.expiresAt(input) ?? Infinity, Date.now() + LIVE_STREAM_MAX_MS);
        const expiry = setTimeout(() => stream.end(), Math.max(0, endsAt - Date.now()));
        const unsubscribe = feed.subscribe(a.orgOf(input), fromId, send, () => stream.end());
        const close = () => {
          clearInterval(heartbeat);
          clearTimeout(expiry);
          unsubscribe();
          release();
        };
        // A client that goes away is forgotten at once.
        ctx.req.on('close', close);
        stream.on('close', close);
        feed.nudge();
        return stream as never;
      },
    }),
  ];
}

export const analyticsRoutes = analyticsRouteSet(apiKeys);

/** Live streams one caller (an API key, a staff member) may hold open at once, in each api process. */
const LIVE_STREAMS_PER_CALLER = 3;
/** The longest a live stream stays open; the client reconnects (with Last-Event-ID) and is checked afresh. */
const LIVE_STREAM_MAX_MS = 60 * 60_000;

/** Events only managers, admins and the CEO see on the live stream. */
const LIVE_MANAGER_ONLY = new Set<string>(['escalated', 'payment_issue_detected', 'alert_requested']);
