import { randomBytes } from 'node:crypto';
import { lineId, type LineDelivery } from '../dev/fakes/line-api.ts';
import { openCase } from '../core/cases/open-case.ts';
import { resolveContact } from '../core/contacts/contact-identities.ts';
import { openConversation } from '../core/conversations/conversation-log.ts';
import { staffActionData } from '../core/staff/staff-buttons.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from '../test/support/line-customer.ts';
import { actionKeyOf, configureGroup } from '../test/support/staff-desk.ts';
import { BENCH_SERVER_URL, fmt, percentile, serverReachable, table } from './stats.ts';

/**
 * From a staff tap to the customer's update: 20 staff in one LINE group, each working through its
 * own 10 of 200 open cases (LINE customers), tapping Take (the customer is told work started) and
 * then Waiting customer (the customer is asked for details). Each tap is a signed postback webhook;
 * the time runs from the webhook's 200 to the customer's push arriving at the fake LINE API.
 * Baseline in the same run: 20 customers asking the FAQ a question, webhook 200 to the bot's reply.
 */
const SERVER_URL = BENCH_SERVER_URL;
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const STAFF = 20;
const CASES = 200;

export async function benchStaffTaps(): Promise<string> {
  if (!(await serverReachable())) return `## Staff taps to customer updates\n\nSkipped: no PostgreSQL server at ${SERVER_URL} (set TEST_DATABASE_URL).`;
  process.env.TEST_DATABASE_URL = SERVER_URL;
  process.env.TEST_REDIS_URL = REDIS_URL;
  const h = await startLineCustomerHarness();
  try {
    const { knex, defaultOrgId: orgId } = h.sys;
    const key = actionKeyOf(h);
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'support' });
    const channelId = (await knex('channels').where({ org_id: orgId, kind: 'line' }).first()).id;
    const staff = await Promise.all(
      Array.from({ length: STAFF }, async (_, i) => {
        const lineUserId = lineId('U');
        const [row] = await knex('staff')
          .insert({ org_id: orgId, display_name: `Staff ${i + 1}`, role: 'support', language: 'en', line_user_id: lineUserId, line_channel_id: channelId, enrolled_at: new Date() })
          .returning('id');
        return { id: row.id as string, lineUserId };
      }),
    );
    const cases = await Promise.all(
      Array.from({ length: CASES }, () =>
        knex.transaction(async (trx) => {
          const userId = lineId('U');
          const { contactId } = await resolveContact(trx, { orgId, channelId, externalId: userId, displayName: 'Customer' });
          const conversationId = await openConversation(trx, { orgId, channelId, kind: 'direct', externalId: userId, contactId });
          const opened = await openCase(trx, {
            orgId,
            caseTypeKey: 'topup_not_credited',
            contactId,
            conversationId,
            sourceMessageId: null,
            source: 'line',
            summary: 'topped up 500 baht, no credit',
            language: 'en',
            fields: { orderIds: [`ORD-${randomBytes(4).toString('hex')}`], amount: 500, currency: 'THB' },
          });
          return { id: opened.id, userId };
        }),
      ),
    );
    await drained(h);

    // Whoever waits for the next message to this LINE user (a customer) is woken by the fake LINE API.
    const waiting = new Map<string, (d: LineDelivery) => void>();
    h.line.state.on('delivery', (d) => {
      if (d.to && waiting.has(d.to)) waiting.get(d.to)!(d);
    });
    const nextDeliveryTo = (to: string) =>
      new Promise<LineDelivery>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`nothing reached ${to} within 30 s`)), 30_000);
        waiting.set(to, (d) => {
          clearTimeout(timer);
          waiting.delete(to);
          resolve(d);
        });
      });
    let seq = 0;
    const event = (source: Record<string, string>, body: Record<string, unknown>, replySource?: string) => ({
      mode: 'active',
      timestamp: Date.now(),
      source,
      webhookEventId: `01B${Date.now().toString(36).toUpperCase()}${(seq++).toString(36).toUpperCase().padStart(9, '0')}XX`.slice(0, 26),
      deliveryContext: { isRedelivery: false },
      replyToken: h.line.state.issueReplyToken({ source: replySource }),
      ...body,
    });
    /** Posts one event and times it from the webhook's 200 to the next message reaching `waitFor`. */
    const timed = async (e: Record<string, unknown>, waitFor: string) => {
      const arrived = nextDeliveryTo(waitFor);
      const res = await h.postEvents([e]);
      const accepted = Date.now();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      return (await arrived).at - accepted;
    };

    // Baseline: customers asking a question the FAQ answers, at the same concurrency.
    const baseline: number[] = [];
    await Promise.all(
      Array.from({ length: STAFF }, async () => {
        const userId = lineId('U');
        for (let i = 0; i < CASES / STAFF; i++) {
          const e = event({ type: 'user', userId }, { type: 'message', message: { id: String(Date.now()) + seq, type: 'text', quoteToken: 'q', text: 'What time do you open?' } }, userId);
          baseline.push(await timed(e, userId));
        }
      }),
    );

    const takes: number[] = [];
    const waits: number[] = [];
    const started = performance.now();
    await Promise.all(
      staff.map(async (s, i) => {
        for (const c of cases.slice(i * (CASES / STAFF), (i + 1) * (CASES / STAFF))) {
          const tap = (name: string, arg?: string) =>
            event({ type: 'group', groupId, userId: s.lineUserId }, { type: 'postback', postback: { data: staffActionData(key, { orgId, name, arg, subjectId: c.id, now: new Date() }) } });
          takes.push(await timed(tap('case.take'), c.userId));
          waits.push(await timed(tap('case.status', 'waiting_customer'), c.userId));
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    const owned = await knex('cases').whereIn('id', cases.map((c) => c.id)).whereNotNull('owner_staff_id').andWhere({ status: 'waiting_customer' }).count({ n: '*' });

    const all = [...takes, ...waits];
    const row = (what: string, v: number[]) => [what, v.length, fmt(percentile(v, 50)), fmt(percentile(v, 95)), fmt(percentile(v, 99)), fmt(Math.max(...v)), fmt(percentile(v, 50) / percentile(baseline, 50), 2)];
    return [
      `## Staff taps to customer updates (${STAFF} staff, ${CASES} cases; api + workers on PostgreSQL + Redis, fake LINE API)`,
      '',
      `Time from the tap's webhook answered 200 to the customer's update arriving at the LINE API. ${all.length} taps in ${fmt(seconds, 1)} s ` +
        `(${fmt(all.length / seconds, 1)} taps/s); ${owned[0].n} of ${CASES} cases ended owned and waiting on the customer. Goal: p95 under 1,000 ms.`,
      '',
      table(
        ['what', 'n', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms', 'p50 x baseline'],
        [row('baseline: customer question -> FAQ answer', baseline), row('tap Take -> "work started"', takes), row('tap Waiting customer -> "we need details"', waits), row('all taps', all)],
      ),
    ].join('\n');
  } finally {
    await h.close();
  }
}

/** Waits until the outbox has nothing due (the cases' cards and timers handed over). */
async function drained(h: LineCustomerHarness) {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const [{ n }] = (await h.sys.knex.raw(`SELECT count(*)::int AS n FROM outbox WHERE status = 'pending' AND available_at <= now()`)).rows;
    if (n === 0) return;
    await new Promise((r) => setTimeout(r, 200));
  }
}
