import { signLineBody } from '../bot/line/line-signature.ts';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, lineId } from '../dev/fakes/line-api.ts';
import { outageTextEvent, startLineWithOutage, type LineOutage } from '../test/support/line-outage.ts';
import { startTestSystem, until, type TestSystem } from '../test/support/test-system.ts';
import { fmt, table } from './stats.ts';

/**
 * A long LINE outage (issue #40): customers keep writing, one a second, while every send and every
 * profile look-up is refused (429 with `Retry-After: 3` and 500 in turn), for LINE_OUTAGE_MINUTES
 * (30 by default); then LINE is back. The real outbound and profile policies (no test scaling).
 * Reported: answers lost and delivered twice, sends tried again sooner than the `Retry-After` LINE
 * gave, replies against pushes, failed outbox rows, customers left unnamed, the time to drain after
 * LINE returned, and the process's memory before and after. With TEST_DATABASE_URL /
 * TEST_REDIS_URL it runs on those servers (production's shape), otherwise on the embedded default.
 */
const SECRET = 'line-outage-bench-secret';
const BOT = lineId('U');
const TEXTS = [
  'เติมเงินไป 500 บาทแล้วเครดิตไม่เข้าค่ะ',
  'My order ORD-1234 has not arrived yet',
  'สวัสดีค่ะ',
  'What time do you open tomorrow?',
  'ขอจองนวดไทยพรุ่งนี้ 2 คนค่ะ',
  'I was charged twice for one order',
];

async function write(sys: TestSystem, line: LineOutage, userId: string, text: string): Promise<void> {
  const event = outageTextEvent(line, userId, text);
  const body = JSON.stringify({ destination: BOT, events: [event] });
  const res = await fetch(`${sys.url}/webhooks/line`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, SECRET) },
    body,
  });
  if (res.status !== 200) throw new Error(`the webhook answered ${res.status}`);
}

const mb = (bytes: number) => fmt(bytes / 1024 / 1024);
function memory() {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss, heap: m.heapUsed };
}

export async function benchLineOutage(minutes = Number(process.env.LINE_OUTAGE_MINUTES ?? 30), perSecond = 1): Promise<string> {
  const line = await startLineWithOutage({ retryAfterSeconds: 3 });
  line.profilesToo = true;
  const sys = await startTestSystem({
    env: {
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      DEV_SIMULATOR: 'off',
    },
  });
  try {
    const customers: string[] = [];
    const greet = async () => {
      const u = lineId('U');
      line.state.addProfile({ userId: u, displayName: `Customer ${customers.length + 1}`, language: 'th' });
      customers.push(u);
      await write(sys, line, u, TEXTS[customers.length % TEXTS.length]);
    };
    // Warm up with LINE working, so that "before" is a running system, not a cold one.
    for (let i = 0; i < 20; i++) await greet();
    await until(async () => line.state.deliveries.length >= 20, 60_000, 200);
    await new Promise((r) => setTimeout(r, 5_000));
    const before = memory();

    line.down = true;
    const began = Date.now();
    const outageMs = minutes * 60_000;
    for (let k = 0; Date.now() - began < outageMs; k++) {
      await greet();
      const next = began + ((k + 1) * 1000) / perSecond;
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
    }
    line.down = false;
    const backAt = Date.now();

    const pending = () => sys.knex('messages as m').join('conversations as c', 'c.id', 'm.conversation_id')
      .where('m.direction', 'out').whereIn('c.external_id', customers).whereNotIn('m.delivery_status', ['sent', 'failed']).count({ n: '*' });
    await until(async () => Number((await pending())[0].n) === 0, 30 * 60_000, 500);
    const drainedMs = Date.now() - backAt;
    await until(async () => Number((await sys.knex('contacts').whereNull('display_name').count({ n: '*' }))[0].n) === 0, 5 * 60_000, 500).catch(() => undefined);
    const namedMs = Date.now() - backAt;
    await new Promise((r) => setTimeout(r, 30_000));
    const after = memory();

    // Each stored answer against what LINE delivered, per customer.
    const rows = await sys.knex('messages as m').join('conversations as c', 'c.id', 'm.conversation_id')
      .where('m.direction', 'out').whereIn('c.external_id', customers)
      .select('c.external_id as to', 'm.delivery_status as status', 'm.outcome_unknown_at as unknown');
    const stored = new Map<string, number>();
    rows.forEach((r) => stored.set(r.to, (stored.get(r.to) ?? 0) + 1));
    const toCustomers = line.state.deliveries.filter((d) => d.to && stored.has(d.to));
    const deliveredTo = new Map<string, number>();
    toCustomers.forEach((d) => deliveredTo.set(d.to!, (deliveredTo.get(d.to!) ?? 0) + d.messages.length));
    let lost = 0;
    let twice = 0;
    for (const [to, n] of stored) {
      const got = deliveredTo.get(to) ?? 0;
      if (got < n) lost += n - got;
      if (got > n) twice += got - n;
    }

    // A send refused with 429 and tried again (refused again or delivered) sooner than Retry-After.
    // One send is one customer's messages: a reply's token names the customer it was issued for.
    const sourceOf = (token: string | undefined) => (token ? line.state.replyTokenSource(token) : undefined);
    const attempts = [
      ...line.refused.map((r) => ({ key: `${r.to ?? sourceOf(r.replyToken)} ${r.messages}`, at: r.at, status: r.status })),
      ...toCustomers.map((d) => ({ key: `${d.to} ${JSON.stringify(d.messages)}`, at: d.at, status: 200 })),
    ].sort((a, b) => a.at - b.at);
    const lastRefusal = new Map<string, { at: number; status: number }>();
    let early = 0;
    let afterA429 = 0;
    for (const a of attempts) {
      const prev = lastRefusal.get(a.key);
      if (prev?.status === 429) {
        afterA429++;
        if (a.at - prev.at < line.retryAfterSeconds * 1000 - 50) early++;
      }
      if (a.status !== 200) lastRefusal.set(a.key, a);
    }
    const [{ n: failedRows }] = await sys.knex('outbox').where({ status: 'failed' }).count({ n: '*' });
    const [{ n: unnamed }] = await sys.knex('contacts').whereNull('display_name').count({ n: '*' });
    const replies = toCustomers.filter((d) => d.kind === 'reply').length;
    const pushes = toCustomers.filter((d) => d.kind === 'push').length;

    const rowsOut = [
      ['customers who wrote (20 before, the rest during the outage)', String(customers.length)],
      ['answers stored / delivered / lost / delivered twice', `${rows.length} / ${rows.length - lost} / ${lost} / ${twice}`],
      ['answers marked "outcome unknown"', String(rows.filter((r) => r.unknown).length)],
      ['sends refused during the outage (429 and 500 in turn)', String(line.refused.length)],
      ['tries after a 429 / sooner than its Retry-After (3 s)', `${afterA429} / ${early}`],
      ['delivered by reply / by push', `${replies} / ${pushes}`],
      ['failed outbox rows', String(failedRows)],
      ['profile look-ups refused / customers unnamed at the end', `${line.refusedProfiles} / ${unnamed}`],
      ['LINE back → every answer delivered', `${fmt(drainedMs / 1000, 1)} s`],
      ['LINE back → every customer named', `${fmt(namedMs / 1000, 1)} s`],
      ['memory before → 30 s after (RSS MB, JS heap MB)', `${mb(before.rss)} → ${mb(after.rss)}, ${mb(before.heap)} → ${mb(after.heap)}`],
    ];
    const where = process.env.TEST_DATABASE_URL ? 'PostgreSQL + Redis' : 'embedded default';
    return `### A LINE outage of ${minutes} min, ${perSecond} customer a second writing through it (${where})\n\n` + table(['what', 'figure'], rowsOut);
  } finally {
    await sys.stopAll();
    await line.close();
  }
}
