import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { lineId, startFakeLineApi } from '../dev/fakes/line-api.ts';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN } from '../dev/fakes/line-api.ts';
import { DEFAULT_TWILIO_ACCOUNT_SID, DEFAULT_TWILIO_AUTH_TOKEN, startFakeTwilioApi } from '../dev/fakes/twilio-api.ts';
import { startTestSystem } from '../test/support/test-system.ts';
import { runWebhookFuzz, type FuzzTargets } from '../test/support/webhook-fuzz.ts';

/**
 * `npm run bench -- fuzz`: 20,000 correctly signed, mutated bodies to the LINE, WhatsApp and
 * payments webhooks of a running system (api and workers in this process, on TEST_DATABASE_URL /
 * TEST_REDIS_URL or the embedded defaults). Status codes per endpoint (goal: no 5xx), valid events
 * stored (goal: all), and the process's heap after a full GC, before and after (goal: within 10 %).
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 200));
  }
  return process.memoryUsage().heapUsed;
}

export async function benchWebhookFuzz(): Promise<string> {
  const total = Number(process.env.FUZZ_BODIES ?? 20_000);
  const line = await startFakeLineApi();
  // Both platforms answer the sends, so that a failed row after the fuzz is one the fuzz caused.
  const twilio = await startFakeTwilioApi();
  const lineSecret = 'bench-fuzz-line-secret';
  const paymentsSecret = 'bench-fuzz-payments-secret';
  const from = 'whatsapp:+6620000000';
  const sys = await startTestSystem({
    env: {
      LINE_CHANNEL_SECRET: lineSecret,
      LINE_CHANNEL_ACCESS_TOKEN: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      TWILIO_ACCOUNT_SID: DEFAULT_TWILIO_ACCOUNT_SID,
      TWILIO_AUTH_TOKEN: DEFAULT_TWILIO_AUTH_TOKEN,
      TWILIO_WHATSAPP_FROM: from,
      TWILIO_API_BASE_URL: twilio.url,
      PAYMENTS_WEBHOOK_SECRET: paymentsSecret,
      DEV_SIMULATOR: 'off',
      CLASSIFIER: 'offline',
    },
    // The webhooks are measured, not the workers: they run, and a send LINE or Twilio refuses is not retried.
    relay: { policies: { outbound: { attempts: 1, backoffMs: 100 } } },
  });
  try {
    const targets: FuzzTargets = {
      baseUrl: sys.url!,
      lineSecret,
      lineDestination: lineId('U'),
      twilioAuthToken: DEFAULT_TWILIO_AUTH_TOKEN,
      twilioAccountSid: DEFAULT_TWILIO_ACCOUNT_SID,
      twilioFrom: from,
      paymentsSecret,
    };
    // The workers process what was stored; memory is compared with the system at rest both times.
    const settled = async () => {
      for (const deadline = Date.now() + 600_000; Date.now() < deadline; ) {
        const [{ n }] = await sys.knex('outbox').whereIn('status', ['pending', 'enqueued']).andWhere('available_at', '<=', sys.knex.fn.now()).count({ n: '*' });
        if (Number(n) === 0) return;
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    // Warm up (JIT, pools, caches) with a first round as large as the measured one is long, then measure.
    await runWebhookFuzz(targets, Number(process.env.FUZZ_WARMUP ?? 3000), { seed: 1, concurrency: 16 });
    await settled();
    // The fake LINE and Twilio servers live in this process and record every request: not ours to count.
    line.state.reset();
    twilio.state.reset();
    const before = await heapAfterGc();
    const started = Date.now();
    const result = await runWebhookFuzz(targets, total, { seed: 16, concurrency: 16 });
    const seconds = (Date.now() - started) / 1000;
    await settled();
    line.state.reset();
    twilio.state.reset();
    const after = await heapAfterGc();
    const stored = async (ids: string[]) => {
      let n = 0;
      for (let i = 0; i < ids.length; i += 5000) {
        const [{ c }] = await sys.knex('inbound_events').whereIn('platform_event_id', ids.slice(i, i + 5000)).whereNot('event_type', 'malformed').count({ c: '*' });
        n += Number(c);
      }
      return n;
    };
    const [{ m }] = await sys.knex('inbound_events').where({ event_type: 'malformed' }).count({ m: '*' });
    // A failed row is one a person must look at: the fuzz's broken events are recorded at
    // ingestion as malformed, so none of them should end here (issue #40).
    const failedRows = (await sys.knex('outbox').where({ status: 'failed' }).select('queue', sys.knex.raw('left(last_error, 80) AS reason')).count({ n: '*' }).groupByRaw('1, 2').orderBy('n', 'desc').limit(5)) as unknown as { queue: string; reason: string; n: string }[];
    const rows = (['line', 'whatsapp', 'payments'] as const).map((k) => {
      const statuses = Object.entries(result.statuses[k])
        .filter(([s]) => Number(s) > 0)
        .sort(([a], [b]) => Number(a) - Number(b))
        .map(([s, n]) => `${s}: ${n}`)
        .join(', ');
      const bodies = Object.entries(result.statuses[k]).filter(([s]) => Number(s) > 0).reduce((a, [, n]) => a + n, 0);
      const fivexx = Object.entries(result.statuses[k]).filter(([s]) => Number(s) >= 500).reduce((a, [, n]) => a + n, 0);
      return { k, statuses, bodies, fivexx };
    });
    const valid = {
      line: [result.validIds.line.length, await stored(result.validIds.line)],
      whatsapp: [result.validIds.whatsapp.length, await stored(result.validIds.whatsapp)],
      payments: [result.validIds.payments.length, await stored(result.validIds.payments.map((id) => `payment:${id}`))],
    };
    const mb = (b: number) => (b / 1024 / 1024).toFixed(1);
    return [
      `### Webhook fuzz: ${total.toLocaleString('en')} signed, mutated bodies in ${seconds.toFixed(0)} s (${sys.queues.kind === 'redis' ? 'PostgreSQL + Redis' : 'database + BullMQ on PostgreSQL'})`,
      '',
      '| webhook | bodies | status codes | 5xx | valid events stored |',
      '|---|---|---|---|---|',
      ...rows.map((r) => `| ${r.k} | ${r.bodies} | ${r.statuses} | ${r.fivexx} | ${valid[r.k][1]} of ${valid[r.k][0]} |`),
      '',
      `Malformed LINE events recorded as such: ${m}. Failed outbox rows: ${failedRows.length ? failedRows.map((r) => `${r.queue} ${r.n} ("${r.reason}")`).join(', ') : 0}. Heap of the process (api and workers) after a full GC, at rest: ${mb(before)} MB before, ${mb(after)} MB after (${(((after - before) / before) * 100).toFixed(1)} %; goal within 10 %).`,
    ].join('\n');
  } finally {
    await sys.stopAll();
    await line.close();
    await twilio.close();
  }
}
