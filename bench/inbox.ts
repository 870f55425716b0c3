import { randomBytes } from 'node:crypto';
import { lineId, type LineDelivery } from '../dev/fakes/line-api.ts';
import { apiClient } from '../test/support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from '../test/support/line-customer.ts';
import { configureGroup } from '../test/support/staff-desk.ts';
import { TEST_ADMIN_KEY, untilSettled } from '../test/support/test-system.ts';
import { benchInboxDesk } from './inbox-desk.ts';
import { benchInboxVolume } from './inbox-volume.ts';
import { BENCH_SERVER_URL, fmt, median, percentile, serverReachable, table } from './stats.ts';

/**
 * The inbox's figures (docs/benchmarks.md, "The inbox"): `npm run bench -- inbox` runs the four,
 * `npm run bench -- inbox handover` (or `replies`, `volume`, `desk`) one.
 *
 * - handover: customers ask for a person through signed LINE webhooks; from each webhook's 200 to
 *   the card at the fake LINE server (the push to the support group) and to the conversation in
 *   `GET /api/v1/conversations?status=waiting`. Baseline: the bot's answer to "hello".
 * - replies: 20 staff, each holding one of those conversations, `POST …/messages` at once, in
 *   rounds; from the request to the push at the fake LINE server. Baseline: 20 customers saying
 *   "hello" at once, from the webhook's request to the bot's reply there.
 *
 * Both run on the embedded defaults (PGlite, BullMQ's PostgreSQL backend on it) and on PostgreSQL +
 * Redis when the servers answer (BENCH_INBOX_MODES=embedded or server: only that one), with the
 * production group push window (GROUP_PUSH_WINDOW_MS, 2 s). The waiting list is read every 100 ms
 * while customers ask, so "listed" is known to about 100 ms. BENCH_INBOX_CUSTOMERS (40),
 * BENCH_INBOX_AT_ONCE (10) and BENCH_INBOX_ROUNDS (5) change the sizes.
 */
const CUSTOMERS = Number(process.env.BENCH_INBOX_CUSTOMERS ?? 40);
const AT_ONCE = Number(process.env.BENCH_INBOX_AT_ONCE ?? 10);
const STAFF = 20;
const ROUNDS = Number(process.env.BENCH_INBOX_ROUNDS ?? 5);
const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

interface Mode {
  name: string;
  databaseUrl?: string;
  redisUrl?: string;
  window: number;
}

/** Resolves with the first delivery that matches, as the fake LINE server records it. */
function watcher(h: LineCustomerHarness) {
  const waiting = new Set<{ match: (d: LineDelivery) => boolean; resolve: (d: LineDelivery) => void }>();
  h.line.state.on('delivery', (d) => {
    for (const w of waiting) if (w.match(d)) (waiting.delete(w), w.resolve(d));
  });
  return (match: (d: LineDelivery) => boolean, timeoutMs = 60_000) =>
    new Promise<LineDelivery>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`nothing matched at the fake LINE server within ${timeoutMs} ms`)), timeoutMs);
      waiting.add({ match, resolve: (d) => (clearTimeout(timer), resolve(d)) });
    });
}

/** Runs `work` for each item, `atOnce` at a time. */
async function inWaves<T, R>(items: T[], atOnce: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += atOnce) out.push(...(await Promise.all(items.slice(i, i + atOnce).map(work))));
  return out;
}

async function measureMode(mode: Mode): Promise<{ handover: (string | number)[][]; replies: (string | number)[][] }> {
  // The harness reads the servers from these, as the tests do.
  const saved = { db: process.env.TEST_DATABASE_URL, redis: process.env.TEST_REDIS_URL };
  if (mode.databaseUrl) process.env.TEST_DATABASE_URL = mode.databaseUrl;
  else delete process.env.TEST_DATABASE_URL;
  if (mode.redisUrl) process.env.TEST_REDIS_URL = mode.redisUrl;
  else delete process.env.TEST_REDIS_URL;
  const h = await startLineCustomerHarness({ GROUP_PUSH_WINDOW_MS: String(mode.window) });
  process.env.TEST_DATABASE_URL = saved.db;
  process.env.TEST_REDIS_URL = saved.redis;
  if (saved.db === undefined) delete process.env.TEST_DATABASE_URL;
  if (saved.redis === undefined) delete process.env.TEST_REDIS_URL;
  try {
    const api = apiClient(h.sys);
    const next = watcher(h);
    const { groupId } = await configureGroup(h, lineId('C'), { purpose: 'support' });
    let seq = 0;
    const event = (userId: string, text: string) => ({
      type: 'message',
      mode: 'active',
      timestamp: Date.now(),
      source: { type: 'user', userId },
      webhookEventId: `01K${Date.now().toString(36).toUpperCase()}${(seq++).toString(36).toUpperCase().padStart(9, '0')}XXXX`.slice(0, 26),
      deliveryContext: { isRedelivery: false },
      replyToken: h.line.state.issueReplyToken({ source: userId }),
      message: { id: String(BigInt('0x' + randomBytes(7).toString('hex'))), type: 'text', quoteToken: 'q', text },
    });
    /** From the webhook's request (`sent`) and its 200 (`accepted`) to the bot's reply at the fake LINE server. */
    const hello = async () => {
      const userId = lineId('U');
      const e = event(userId, 'hello');
      const replied = next((d) => d.replyToken === e.replyToken);
      const sent = Date.now();
      const res = await h.postEvents([e]);
      const accepted = Date.now();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      const d = await replied;
      return { fromRequest: d.at - sent, fromAccepted: d.at - accepted };
    };

    // Warm up: the first webhooks pay for plans, templates and the classifier's index.
    await inWaves(Array.from({ length: AT_ONCE }), AT_ONCE, hello);
    await untilSettled(h.sys.knex, 60_000);

    const baseline = await inWaves(Array.from({ length: CUSTOMERS }), AT_ONCE, hello);

    // The waiting list, read over and over while customers ask: when each conversation first shows.
    const firstListed = new Map<string, number>();
    let listing = true;
    const lister = (async () => {
      while (listing) {
        const res = await api('GET', '/api/v1/conversations?status=waiting', undefined, TEST_ADMIN_KEY);
        const at = Date.now();
        for (const c of res.json as { id: string }[]) if (!firstListed.has(c.id)) firstListed.set(c.id, at);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    const asked = await inWaves(Array.from({ length: CUSTOMERS }, (_, i) => i), AT_ONCE, async (i) => {
      const userId = lineId('U');
      const ref = `ref ${i}-${randomBytes(3).toString('hex')}`;
      const e = event(userId, `I want to talk to a person please (${ref})`);
      const card = next((d) => d.to === groupId && JSON.stringify(d.messages).includes(ref));
      const res = await h.postEvents([e]);
      const accepted = Date.now();
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
      return { userId, accepted, card: (await card).at - accepted };
    });
    const ids = new Map<string, string>(
      (await h.sys.knex('conversations').whereIn('external_id', asked.map((a) => a.userId)).select('id', 'external_id')).map((r) => [r.external_id, r.id]),
    );
    const deadline = Date.now() + 30_000;
    while ([...ids.values()].some((id) => !firstListed.has(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    listing = false;
    await lister;
    const cards = asked.map((a) => a.card);
    // What combining still saves: the pushes that carried the cards (LINE counts a push per member).
    const pushes = h.line.state.deliveriesTo(groupId).filter((d) => d.kind === 'push').length;
    const listed = asked.filter((a) => firstListed.has(ids.get(a.userId)!)).map((a) => firstListed.get(ids.get(a.userId)!)! - a.accepted);
    await untilSettled(h.sys.knex, 60_000);

    // 20 staff, each with a key of their own and one of those conversations.
    const staff = await Promise.all(
      asked.slice(0, STAFF).map(async (a, i) => {
        const made = await api('POST', '/api/v1/staff', { displayName: `Bench staff ${i + 1}`, role: 'support', language: 'en' });
        const key = await api('POST', '/api/v1/api-keys', { name: `bench staff ${i + 1} ${randomBytes(2).toString('hex')}`, role: 'support', staffId: made.json.id });
        const id = ids.get(a.userId)!;
        const conversation = await api('GET', `/api/v1/conversations/${id}`, undefined, key.json.key);
        const taken = await api('POST', `/api/v1/conversations/${id}/take`, { expectedVersion: conversation.json.version }, key.json.key);
        if (taken.status !== 200) throw new Error(`take answered ${taken.status} ${JSON.stringify(taken.json)}`);
        return { key: key.json.key as string, id, customer: a.userId, version: taken.json.version as number };
      }),
    );
    await untilSettled(h.sys.knex, 60_000);
    const answered: number[] = [];
    const delivered: number[] = [];
    const replyBaseline: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      // The same concurrency without the inbox: 20 customers saying hello at once.
      replyBaseline.push(...(await Promise.all(Array.from({ length: STAFF }, hello))).map((b) => b.fromRequest));
      await Promise.all(
        staff.map(async (s, i) => {
          const text = `Hello, this is staff ${i + 1}, round ${round + 1} (${randomBytes(3).toString('hex')})`;
          const pushed = next((d) => d.to === s.customer && JSON.stringify(d.messages).includes(text));
          const sent = Date.now();
          const res = await api('POST', `/api/v1/conversations/${s.id}/messages`, { text, expectedVersion: s.version }, s.key);
          if (res.status !== 201) throw new Error(`reply answered ${res.status} ${JSON.stringify(res.json)}`);
          answered.push(Date.now() - sent);
          s.version = res.json.version;
          delivered.push((await pushed).at - sent);
        }),
      );
    }

    const base = baseline.map((b) => b.fromAccepted);
    const goalRow = (what: string, v: number[], b: number[], goal?: number) => [
      `${mode.name}: ${what}`,
      v.length,
      fmt(median(v)),
      fmt(percentile(v, 95)),
      fmt(median(v) / median(b), 1),
      goal ? `p95 < ${goal} ms` : '',
      goal ? (percentile(v, 95) < goal ? 'yes' : 'NO') : '',
    ];
    return {
      handover: [
        goalRow('baseline: "hello" -> the bot\'s reply', base, base),
        goalRow(`"talk to a person" -> card at the group (${cards.length} cards in ${pushes} pushes)`, cards, base, 2000),
        goalRow('"talk to a person" -> in ?status=waiting', listed, base, 2000),
      ],
      replies: [
        goalRow('baseline: 20 customers "hello" at once -> the bot\'s reply (from the request)', replyBaseline, replyBaseline),
        goalRow('POST …/messages -> 201', answered, replyBaseline),
        goalRow('POST …/messages -> push at LINE', delivered, replyBaseline, 1000),
      ],
    };
  } finally {
    await h.close();
  }
}

async function benchHandoverAndReplies(only?: 'handover' | 'replies'): Promise<string> {
  // The production group push window (the tests run on 200 ms): a card that waited it out would
  // take 2 s by itself.
  const modes: Mode[] = [{ name: 'embedded', window: 2000 }];
  if (await serverReachable()) modes.push({ name: 'PostgreSQL + Redis', databaseUrl: BENCH_SERVER_URL, redisUrl: REDIS_URL, window: 2000 });
  if (process.env.BENCH_INBOX_MODES === 'server') modes.shift();
  if (process.env.BENCH_INBOX_MODES === 'embedded') modes.splice(1);
  const handover: (string | number)[][] = [];
  const replies: (string | number)[][] = [];
  for (const mode of modes) {
    process.stderr.write(`inbox: ${mode.name}\n`);
    const r = await measureMode(mode);
    handover.push(...r.handover);
    replies.push(...r.replies);
  }
  const headers = ['what', 'n', 'p50 ms', 'p95 ms', 'p50 x baseline', 'goal', 'met'];
  const out: string[] = [];
  if (only !== 'replies') {
    out.push(
      `### A customer asks for a person (${CUSTOMERS} customers, ${AT_ONCE} at a time; from the webhook's 200; GROUP_PUSH_WINDOW_MS 2 s, the default; the waiting list read every 100 ms)\n\n` + table(headers, handover),
    );
  }
  if (only !== 'handover') {
    out.push(`### ${STAFF} staff replying at once (${ROUNDS} rounds; from the request to the push at the fake LINE server)\n\n` + table(headers, replies));
  }
  return out.join('\n\n');
}

/** The inbox's figures (docs/benchmarks.md, "The inbox"): `npm run bench -- inbox [handover|replies|volume|desk]`. */
export async function benchInbox(part?: string): Promise<string> {
  const parts: [string, () => Promise<string>][] = [
    ['handover', () => benchHandoverAndReplies(part === 'handover' || part === 'replies' ? part : undefined)],
    ['volume', () => benchInboxVolume()],
    ['desk', () => benchInboxDesk()],
  ];
  const out: string[] = [];
  for (const [name, run] of parts) {
    if (part && part !== name && !(name === 'handover' && part === 'replies')) continue;
    // One part that fails (a server gone, a browser that would not start) leaves the others' figures.
    out.push(await run().catch((err: unknown) => `### ${name}\n\nFailed: ${err instanceof Error ? err.stack : String(err)}`));
  }
  return ['## The inbox', '', ...out].join('\n\n');
}
