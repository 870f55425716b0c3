import { randomUUID } from 'node:crypto';
import nodemailer, { type Transporter } from 'nodemailer';
import { SMTP_POOL_LIMITS } from '../bot/email/smtp-pool.ts';
import { queueMessages } from '../core/conversations/outgoing.ts';
import { startFakeSmtp } from '../dev/fakes/smtp-server.ts';
import { apiClient } from '../test/support/api-client.ts';
import { formBooked, startTestSystem } from '../test/support/test-system.ts';
import { fmt, median, percentile, table } from './stats.ts';

/**
 * E-mail as a channel (issue #44), `npm run bench -- email`, on the embedded default (PGlite,
 * BullMQ's PostgreSQL backend; PostgreSQL and Redis with TEST_DATABASE_URL / TEST_REDIS_URL) with
 * the SMTP fake (dev/fakes/smtp-server.ts) on loopback:
 *
 * - quote -> e-mail: website leads with only an e-mail, one at a time; from `POST …/quotes/1/send`
 *   to the fake SMTP server having taken the e-mail (its DATA answered). Goal: p95 under 2 s.
 * - drain: 1,000 e-mails queued in one transaction (20 each to 50 leads), from its commit until
 *   the fake took the last (the e-mail drain, workers/email-drain.ts); beside plain nodemailer sending 1,000 e-mails to the same server in the same run with
 *   the same number in flight as the outbound worker (10): pooled with the limits ours uses
 *   (bot/email/smtp-pool.ts), the baseline the ratio is against, and with a connection per e-mail
 *   (what ours did before the pool). Goal: at least 0.7x.
 * - reply -> conversation: each lead answers to their reply address over SMTP to the inbound port;
 *   from the start of the SMTP send to the message being in its conversation. Goal: p95 under 2 s.
 * The drain and both baselines run BENCH_EMAIL_ROUNDS (3) times, one after the other in each round;
 * the table gives medians, and the ratio of each round beside them.
 * BENCH_EMAIL_LEADS (50) and BENCH_EMAIL_DRAIN (1000) change the sizes.
 */
const LEADS = Number(process.env.BENCH_EMAIL_LEADS ?? 50);
const DRAIN = Number(process.env.BENCH_EMAIL_DRAIN ?? 1000);
const IN_FLIGHT = 10;
const ROUNDS = Number(process.env.BENCH_EMAIL_ROUNDS ?? 3);

export async function benchEmail(): Promise<string> {
  const smtp = await startFakeSmtp();
  const sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off', PUBLIC_BASE_URL: 'https://desk.bench.example', EMAIL_INBOUND_PORT: '0', EMAIL_INBOUND_HOST: '127.0.0.1' } });
  try {
    const api = apiClient(sys);
    const channel = await api('POST', '/api/v1/channels', {
      kind: 'email',
      name: 'Bench',
      smtp: { host: '127.0.0.1', port: smtp.port, secure: false },
      from: { address: 'hello@bench.example', name: 'Bench Tours' },
      inboundAddress: 'replies@in.bench.example',
      credentials: { user: smtp.user, password: smtp.password },
    });
    if (channel.status !== 201) throw new Error(`could not add the e-mail channel: ${JSON.stringify(channel.json)}`);

    // 1. Quote sent -> e-mail taken by the SMTP server.
    const quoteMs: number[] = [];
    const leads: { email: string; conversationId: string; replyTo: string }[] = [];
    for (let i = 0; i < LEADS; i++) {
      const email = `lead-${randomUUID()}@example.com`;
      const res = await fetch(`${sys.url}/public/v1/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify({ destination: 'Chiang Mai', travelers: 2, name: 'Bench Lead', email, language: 'th' }),
      });
      const number = (await res.json()).booking_id as string;
      await formBooked(sys.knex, number);
      await api('POST', `/api/v1/bookings/${number}/quotes`, { lines: [{ description: 'Tour', quantity: 2, unitPrice: 2500 }], validUntil: `${new Date().getUTCFullYear() + 1}-01-31` });
      const started = Date.now();
      const sent = await api('POST', `/api/v1/bookings/${number}/quotes/1/send`);
      const mail = await smtp.waitFor((m) => m.to.includes(email) && (m.parsed.text ?? '').includes(sent.json.url), 30_000);
      quoteMs.push(mail.at - started);
      const conversation = await sys.knex('conversations').where({ external_id: email }).first();
      leads.push({ email, conversationId: conversation.id, replyTo: mail.parsed.replyTo!.value[0].address! });
    }

    // 2. 1,000 queued at once, against plain nodemailer, ROUNDS times; medians.
    /** Plain nodemailer: DRAIN e-mails, IN_FLIGHT at a time, over `transport`; e-mails a second. */
    const plainDrain = async (transport: Transporter) => {
      const started = Date.now();
      let next = 0;
      await Promise.all(
        Array.from({ length: IN_FLIGHT }, async () => {
          while (next < DRAIN) {
            const i = next++;
            await transport.sendMail({ from: 'hello@bench.example', to: leads[i % leads.length].email, subject: `Plain ${i}`, text: `Plain message ${i}`, html: `<p>Plain message ${i}</p>` });
          }
        }),
      );
      transport.close();
      return DRAIN / ((Date.now() - started) / 1000);
    };
    const server = { host: '127.0.0.1', port: smtp.port, secure: false, auth: { user: smtp.user, pass: smtp.password } };
    const ours: number[] = [];
    const queueSeconds: number[] = [];
    const pooled: number[] = [];
    const unpooled: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const before = smtp.received.length;
      const queueStarted = Date.now();
      await sys.knex.transaction(async (trx) => {
        for (let i = 0; i < DRAIN; i++) {
          const lead = leads[i % leads.length];
          await queueMessages(trx, { orgId: sys.defaultOrgId, conversationId: lead.conversationId, messages: [{ kind: 'text', text: `Bench message ${round}-${i}` }], senderType: 'system' });
        }
      });
      // The drain is timed from the commit: 1,000 e-mails queued at once, then how fast they leave.
      const drainStarted = Date.now();
      queueSeconds.push((drainStarted - queueStarted) / 1000);
      while (smtp.received.length < before + DRAIN) {
        if (Date.now() - drainStarted > 600_000) throw new Error(`only ${smtp.received.length - before}/${DRAIN} e-mails in 10 minutes`);
        await new Promise((r) => setTimeout(r, 10));
      }
      ours.push(DRAIN / ((Date.now() - drainStarted) / 1000));
      pooled.push(await plainDrain(nodemailer.createTransport({ pool: true, ...SMTP_POOL_LIMITS, ...server })));
      unpooled.push(await plainDrain(nodemailer.createTransport(server)));
      ratios.push(ours[round] / pooled[round]);
    }
    const oursPerSecond = median(ours);
    const pooledPerSecond = median(pooled);
    const plainPerSecond = median(unpooled);

    // 3. A reply over SMTP -> the message in its conversation.
    const inbound = nodemailer.createTransport({ host: '127.0.0.1', port: sys.emailInboundPort!, secure: false, ignoreTLS: true });
    const replyMs: number[] = [];
    for (const lead of leads) {
      const started = Date.now();
      await inbound.sendMail({ from: lead.email, to: lead.replyTo, subject: 'Re: quote', text: 'ตกลงค่ะ' });
      for (;;) {
        const row = await sys.knex('messages').where({ conversation_id: lead.conversationId, direction: 'in' }).first('id');
        if (row) break;
        if (Date.now() - started > 30_000) throw new Error('a reply did not land in 30 s');
        await new Promise((r) => setTimeout(r, 5));
      }
      replyMs.push(Date.now() - started);
    }

    return [
      `### E-mail as a channel (${process.env.TEST_DATABASE_URL ? 'PostgreSQL and Redis' : 'embedded default'}, SMTP fake on loopback)`,
      '',
      table(
        ['figure', 'n', 'p50', 'p95', 'goal'],
        [
          ['quote sent -> e-mail taken by the SMTP server', quoteMs.length, `${fmt(median(quoteMs))} ms`, `${fmt(percentile(quoteMs, 95))} ms`, 'p95 < 2 s'],
          ['reply over SMTP -> message in its conversation', replyMs.length, `${fmt(median(replyMs))} ms`, `${fmt(percentile(replyMs, 95))} ms`, 'p95 < 2 s'],
        ],
      ),
      '',
      table(
        [`drain of ${DRAIN} e-mails, median of ${ROUNDS}`, 'e-mails/s', 'vs plain pooled'],
        [
          // The ratio is the median of each round's own (ours against the baseline right after it), the machine's load changing between rounds.
          [`outbox -> e-mail drain -> pooled nodemailer (${DRAIN} queued in one transaction, from its commit)`, fmt(oursPerSecond, 1), `${fmt(median(ratios), 2)}x`],
          [`plain nodemailer, ${IN_FLIGHT} in flight, pooled (${SMTP_POOL_LIMITS.maxConnections} connections, ${SMTP_POOL_LIMITS.maxMessages} e-mails each)`, fmt(pooledPerSecond, 1), '1.00x'],
          [`plain nodemailer, ${IN_FLIGHT} in flight, a connection per e-mail`, fmt(plainPerSecond, 1), `${fmt(median(unpooled.map((u, i) => u / pooled[i])), 2)}x`],
        ],
      ),
      '',
      `Each round's ratio (ours / plain pooled): ${ratios.map((r) => `${fmt(r, 2)}x`).join(', ')}; ours ${ours.map((r) => fmt(r, 1)).join(', ')} e-mails/s; queuing the ${DRAIN} took ${queueSeconds.map((q) => `${fmt(q, 1)} s`).join(', ')}.`,
    ].join('\n');
  } finally {
    await sys.stopAll();
    await smtp.close();
  }
}
