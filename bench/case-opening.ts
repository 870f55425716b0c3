import { randomBytes, randomUUID } from 'node:crypto';
import { lineId, type LineDelivery } from '../dev/fakes/line-api.ts';
import { startLineCustomerHarness } from '../test/support/line-customer.ts';
import { configureGroup } from '../test/support/staff-desk.ts';
import { TEST_ADMIN_KEY } from '../test/support/test-system.ts';
import { fmt, percentile, table } from './stats.ts';

/**
 * Cases from anywhere (#42; goal: `POST /api/v1/cases` -> card in the staff group, p95 under 2 s).
 * An integration key opens cases for new phone numbers (`topup_not_credited`, the type a support
 * group is set up for), one at a time and then CASE_OPENING_IN_FLIGHT at a time; each is timed from
 * the request sent to its card (a Flex message naming its number) arriving at the fake LINE API as a
 * push to the group, with the production group push window (GROUP_PUSH_WINDOW_MS, 2 s). Baseline in
 * the same run: a LINE customer's "hello", from the webhook's request to the bot's reply. The
 * pushes that carried the cards are counted too: LINE's quota counts pushes, not messages.
 *
 * The system is whatever the environment gives the tests: the embedded database and queue unless
 * TEST_DATABASE_URL / TEST_REDIS_URL are set.
 */
const CASES = Number(process.env.CASE_OPENING_CASES ?? 200);
const IN_FLIGHT = Number(process.env.CASE_OPENING_IN_FLIGHT ?? 10);
const BASELINE = 40;

export async function benchCaseOpening(): Promise<string> {
  const mode = process.env.TEST_DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite';
  const h = await startLineCustomerHarness({ GROUP_PUSH_WINDOW_MS: process.env.GROUP_PUSH_WINDOW_MS ?? '2000', RATE_LIMIT_API: 'off' });
  try {
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'support', routing: { caseTypes: ['topup_not_credited'] }, language: 'en' });
    const keyRes = await fetch(`${h.sys.url}/api/v1/api-keys`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'bench case opening', role: 'integration' }),
    });
    const apiKey = ((await keyRes.json()) as { key: string }).key;

    // Each card's arrival at the group, by the case number it names; and who waits for one.
    const cardAt = new Map<string, number>();
    const waiting = new Map<string, (at: number) => void>();
    let pushes = 0;
    h.line.state.on('delivery', (d: LineDelivery) => {
      if (d.to !== groupId || d.kind !== 'push') return;
      pushes++;
      for (const m of d.messages as Record<string, unknown>[]) {
        const number = m.type === 'flex' ? /C-\d+/.exec(String(m.altText))?.[0] : undefined;
        if (!number) continue;
        cardAt.set(number, d.at);
        waiting.get(number)?.(d.at);
      }
    });
    const cardOf = (number: string) =>
      new Promise<number>((resolve, reject) => {
        if (cardAt.has(number)) return resolve(cardAt.get(number)!);
        const timer = setTimeout(() => reject(new Error(`no card for ${number} within 60 s`)), 60_000);
        waiting.set(number, (at) => {
          clearTimeout(timer);
          resolve(at);
        });
      });

    const open = async () => {
      const phone = `08${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
      const sent = Date.now();
      const res = await fetch(`${h.sys.url}/api/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ source: 'api', caseType: 'topup_not_credited', summary: 'Topped up 500 baht, no credit', phone, fields: { orderIds: [`TP-${randomBytes(4).toString('hex')}`], amount: 500 } }),
      });
      const answered = Date.now();
      const body = (await res.json()) as { number: string };
      if (res.status !== 201) throw new Error(`POST /api/v1/cases answered ${res.status}: ${JSON.stringify(body)}`);
      return { answered: answered - sent, card: (await cardOf(body.number)) - sent };
    };
    const run = async (n: number, inFlight: number) => {
      const answered: number[] = [];
      const card: number[] = [];
      const pushesBefore = pushes;
      const started = Date.now();
      let left = n;
      await Promise.all(
        Array.from({ length: inFlight }, async () => {
          while (left-- > 0) {
            const r = await open();
            answered.push(r.answered);
            card.push(r.card);
          }
        }),
      );
      return { answered, card, pushes: pushes - pushesBefore, seconds: (Date.now() - started) / 1000 };
    };

    // Baseline: a customer's "hello", webhook request to the bot's reply.
    const baseline: number[] = [];
    for (let i = 0; i < BASELINE; i++) {
      const userId = lineId('U');
      const sent = Date.now();
      await h.ask(userId, { text: 'hello' });
      baseline.push(Date.now() - sent);
    }
    await open(); // warm up: the first request compiles the route's paths
    const one = await run(CASES, 1);
    const many = await run(CASES, IN_FLIGHT);

    const base50 = percentile(baseline, 50);
    const row = (what: string, v: number[], goal = '', extra = '') => [
      what,
      v.length,
      fmt(percentile(v, 50)),
      fmt(percentile(v, 95)),
      fmt(Math.max(...v)),
      fmt(percentile(v, 50) / base50, 1),
      goal,
      goal ? (percentile(v, 95) < 2000 ? 'yes' : 'no') : '',
      extra,
    ];
    return [
      `## Cases from anywhere: POST /api/v1/cases to the card in the staff group (#42; ${mode}, group push window ${process.env.GROUP_PUSH_WINDOW_MS ?? '2000'} ms)`,
      '',
      `${CASES} cases one at a time, then ${CASES} with ${IN_FLIGHT} requests in flight; from the request sent to its answer, and to its card at the fake LINE API ` +
        `(a push to the support group). Baseline: ${BASELINE} LINE customers' "hello", from the webhook's request to the bot's reply.`,
      '',
      table(
        ['what', 'n', 'p50 ms', 'p95 ms', 'max ms', 'p50 x baseline', 'goal', 'met', 'cards / pushes'],
        [
          row('baseline: "hello" -> the bot\'s reply', baseline),
          row('one at a time: answered (201)', one.answered),
          row('one at a time: card at the group', one.card, 'p95 < 2 s', `${one.card.length} / ${one.pushes} (${fmt(one.card.length / one.seconds, 1)} cases/s)`),
          row(`${IN_FLIGHT} in flight: answered (201)`, many.answered),
          row(`${IN_FLIGHT} in flight: card at the group`, many.card, 'p95 < 2 s', `${many.card.length} / ${many.pushes} (${fmt(many.card.length / many.seconds, 1)} cases/s)`),
        ],
      ),
    ].join('\n');
  } finally {
    await h.close();
  }
}
