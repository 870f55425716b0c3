import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import Koa from 'koa';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requestContext } from '../api/middleware/request-context.ts';
import { MEDIA_LINK_KEY_PURPOSE } from '../bin/system.ts';
import { loadOrCreateKeyFile } from '../core/crypto/key-file.ts';
import { mediaUrl } from '../core/media/media-links.ts';
import { deriveKey } from '../core/staff/action-tokens.ts';
import { systemProcessors } from '../workers/processors/system.ts';
import { apiClient, openTopUpCase } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { startTestSystem, TEST_ADMIN_KEY, until, type TestSystem } from './support/test-system.ts';
import { lineId } from '../dev/fakes/line-api.ts';

/**
 * Proxy trust, tokens kept out of logs and expiring, media served inert, spent nonces pruned.
 * The harness runs with PUBLIC_BASE_URL unset (what development does) and TRUST_PROXY unset.
 */
let h: LineCustomerHarness;

beforeAll(async () => {
  h = await startLineCustomerHarness({ PUBLIC_BASE_URL: '' });
}, 120_000);
afterAll(async () => {
  await h?.close();
});

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);

describe('proxy headers', () => {
  const forged = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.9' };
  const channelsWith = async (url: string, headers: Record<string, string>) => {
    const res = await fetch(`${url}/api/v1/channels`, { headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, ...headers } });
    expect(res.status).toBe(200);
    return (await res.json()) as { webhookUrl: string }[];
  };

  it('ignores a forged X-Forwarded-Host unless TRUST_PROXY is set', async () => {
    const listed = await channelsWith(h.sys.url!, forged);
    expect(listed.length).toBeGreaterThan(0);
    for (const c of listed) {
      expect(c.webhookUrl).not.toContain('evil.example');
      expect(c.webhookUrl.startsWith(`${h.sys.url}/webhooks/`)).toBe(true);
    }
  });

  it('builds the tracking link sent to a customer on the real host, not a forged X-Forwarded-Host', async () => {
    const userId = lineId('U');
    await h.ask(userId, { text: 'เติมเงินไป 500 บาทแล้วเครดิตไม่เข้าค่ะ' });
    const c = await h.sys.knex('cases').orderBy('created_at', 'desc').first();
    const res = await fetch(`${h.sys.url}/api/v1/cases/${c.number}/transitions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json', ...forged },
      body: JSON.stringify({ to: 'investigating' }),
    });
    expect(res.status).toBe(200);
    const sent = await until(async () => {
      const rows = await h.sys.knex('messages').where({ direction: 'out', conversation_id: c.conversation_id }).whereLike('text', '%/liff/track/%');
      return rows.length >= 2 ? rows : false;
    });
    const links = sent.map((m) => /(\S+)\/liff\/track\//.exec(m.text)![1]);
    expect(links).toEqual([h.sys.url, h.sys.url]);
  });

  it('believes the proxy headers when TRUST_PROXY=true (behind a proxy that sets them)', async () => {
    let trusting: TestSystem | undefined;
    try {
      trusting = await startTestSystem({
        env: { TRUST_PROXY: 'true', DEV_SIMULATOR: 'off', DEMO_SEED: 'off', LINE_CHANNEL_SECRET: 's'.repeat(32), LINE_CHANNEL_ACCESS_TOKEN: 't'.repeat(40) },
      });
      const listed = await channelsWith(trusting.url!, forged);
      expect(listed[0].webhookUrl.startsWith('https://evil.example/webhooks/')).toBe(true);
    } finally {
      await trusting?.stopAll();
    }
    // A second system starts here: allow for a busy machine.
  }, 120_000);
});

describe('access log', () => {
  it('logs tracking paths without their token', async () => {
    const lines: string[] = [];
    const logger = pino(
      { level: 'info' },
      new Writable({
        write(chunk, _enc, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const app = new Koa();
    app.use(requestContext(logger));
    app.use((ctx) => {
      ctx.body = 'ok';
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const token = randomBytes(16).toString('hex');
    try {
      const { port } = server.address() as { port: number };
      await (await fetch(`http://127.0.0.1:${port}/public/v1/cases/${token}`)).text();
      await (await fetch(`http://127.0.0.1:${port}/api/v1/cases/C-000001`)).text();
    } finally {
      server.close();
    }
    const logged = lines.map((l) => JSON.parse(l));
    expect(logged.map((l) => l.path)).toEqual(['/public/v1/cases/:token', '/api/v1/cases/C-000001']);
    expect(lines.join('\n')).not.toContain(token);
  });
});

describe('case tracking links', () => {
  it('work while the case is open and for 30 days after it ended, then answer 404 like an unknown token', async () => {
    const opened = await openTopUpCase(h.sys);
    const track = () => api('GET', `/public/v1/cases/${opened.trackingToken}`);
    expect((await track()).status).toBe(200);
    for (const to of ['investigating', 'resolved', 'closed']) {
      const moved = await api('POST', `/api/v1/cases/${opened.number}/transitions`, { to, rootCause: 'provider_issue' });
      expect(moved.status).toBe(200);
    }
    expect((await track()).status).toBe(200);

    const endedDaysAgo = (days: number) =>
      h.sys.knex('cases').where({ id: opened.id }).update({
        resolved_at: h.sys.knex.raw(`now() - make_interval(days => ?)`, [days + 1]),
        closed_at: h.sys.knex.raw(`now() - make_interval(days => ?)`, [days]),
      });
    await endedDaysAgo(29);
    expect((await track()).status).toBe(200);
    await endedDaysAgo(31);
    const expired = await track();
    const unknown = await api('GET', `/public/v1/cases/${randomBytes(16).toString('hex')}`);
    expect(expired.status).toBe(404);
    expect(expired.json.error).toEqual({ ...unknown.json.error });
  });
});

describe('media responses', () => {
  it('carry nosniff, a sandboxing CSP and a Content-Disposition', async () => {
    const id = String(BigInt('0x' + randomBytes(7).toString('hex')));
    h.line.state.addContent(id, Buffer.from('fake-jpeg-bytes'), 'image/jpeg');
    await h.postEvents([
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        source: { type: 'user', userId: 'U' + randomBytes(16).toString('hex') },
        webhookEventId: `01M${randomBytes(12).toString('hex').toUpperCase()}`.slice(0, 26),
        deliveryContext: { isRedelivery: false },
        replyToken: h.line.state.issueReplyToken(),
        message: { id, type: 'image', quoteToken: 'q', contentProvider: { type: 'line' } },
      },
    ]);
    const message = await until(async () => (await h.sys.knex('messages').where({ platform_message_id: id }).whereNotNull('media_path').first()) ?? false);
    const key = deriveKey(loadOrCreateKeyFile(h.sys.dataDir), MEDIA_LINK_KEY_PURPOSE);
    const res = await fetch(mediaUrl(h.sys.url!, key, message.id));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(res.headers.get('content-disposition')).toBe(`inline; filename="${message.id}.jpg"`);
    expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('fake-jpeg-bytes');
  });
});

describe('spent staff-action nonces', () => {
  it('are pruned once their tokens have expired; live ones and ones without expiry stay', async () => {
    const knex = h.sys.knex;
    const hoursAgo = (n: number) => new Date(Date.now() - n * 3600_000);
    await knex('staff_action_nonces').insert([
      { nonce: 'expired-long-ago', expires_at: hoursAgo(48) },
      { nonce: 'expired-two-hours', expires_at: hoursAgo(2) },
      { nonce: 'expired-a-minute-ago', expires_at: new Date(Date.now() - 60_000) },
      { nonce: 'still-valid', expires_at: hoursAgo(-24) },
      { nonce: 'no-expiry', expires_at: null },
    ]);
    const prune = systemProcessors({ knex }).system['prune-action-nonces'];
    const result = await prune({}, { outboxId: 'test', orgId: null, attempt: 1, maxAttempts: 1, promoteDelayed: async () => {}, logger: pino({ level: 'silent' }) });
    expect(result).toEqual({ removed: 2 });
    const left = (await knex('staff_action_nonces').select('nonce').orderBy('nonce')).map((r) => r.nonce);
    expect(left).toEqual(expect.arrayContaining(['expired-a-minute-ago', 'still-valid', 'no-expiry']));
    expect(left).not.toContain('expired-long-ago');
    expect(left).not.toContain('expired-two-hours');
  });

  it('are scheduled hourly with the system jobs', async () => {
    // The backend's queue is BullMQ's own Queue; its narrowed type leaves out the read side.
    const queue = h.sys.queues.queue('system') as unknown as { getJobSchedulers(): Promise<{ key?: string; id?: string | null }[]> };
    const schedulers = await queue.getJobSchedulers();
    expect(schedulers.map((s) => s.key ?? s.id)).toEqual(expect.arrayContaining(['prune-outbox', 'prune-action-nonces']));
  });
});
