import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient, openTopUpCase } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until } from './support/test-system.ts';

/**
 * Server-side request forgery through the running system: outbound case webhooks and LINE
 * `external` media. 127.0.0.1 plays the private network (the server's own services, a database
 * console, cloud metadata); 127.0.0.2 plays a public host, the one range this system is told to
 * allow (OUTBOUND_ALLOW_NETWORKS=127.0.0.2/32). Names resolve from a table the test controls.
 * Every refusal is checked on both sides: nothing stored or a failed delivery here, and nothing
 * arrived there.
 */
let h: LineCustomerHarness;
const MiB = 1024 * 1024;

interface Listener {
  server: Server;
  port: number;
  hits: string[];
  sentBytes: number;
}

async function listen(host: string, port: number, handler: (req: IncomingMessage, res: ServerResponse, l: Listener) => void): Promise<Listener> {
  const l: Listener = { server: undefined as unknown as Server, port: 0, hits: [], sentBytes: 0 };
  l.server = createServer((req, res) => {
    l.hits.push(`${req.method} ${req.url}`);
    req.resume();
    req.on('end', () => handler(req, res, l));
  });
  await new Promise<void>((resolve) => l.server.listen(port, host, resolve));
  l.port = (l.server.address() as AddressInfo).port;
  return l;
}

let internal: Listener; // 127.0.0.1: must never be reached
let outside: Listener; // 127.0.0.2, same port: the allowed "public" receiver
const hosts = new Map<string, string>();

beforeAll(async () => {
  internal = await listen('127.0.0.1', 0, (_req, res) => res.end('internal'));
  outside = await listen('127.0.0.2', internal.port, (req, res, l) => {
    const path = req.url ?? '/';
    if (path.startsWith('/to-internal')) {
      res.writeHead(307, { location: `http://127.0.0.1:${internal.port}/stolen` });
      return void res.end();
    }
    if (path.startsWith('/gigabyte')) {
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(1024 * MiB) });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (!res.destroyed && l.sentBytes < 1024 * MiB && res.write(chunk)) l.sentBytes += chunk.length;
      };
      res.on('drain', pump);
      return void pump();
    }
    if (path.startsWith('/photo.jpg')) {
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      return void res.end(Buffer.from('jpeg bytes'));
    }
    res.end('ok');
  });
  hosts.set('hooks.internal.example', '10.0.0.5');
  hosts.set('metadata.internal.example', '169.254.169.254');
  h = await startLineCustomerHarness(
    { OUTBOUND_ALLOW_NETWORKS: '127.0.0.2/32' },
    {
      outboundResolve: async (name) => {
        const address = hosts.get(name);
        if (!address) throw Object.assign(new Error(`no such host ${name}`), { code: 'ENOTFOUND' });
        return [{ address, family: 4 }];
      },
      relay: { policies: { webhooks: { attempts: 2, backoffMs: 100 }, media: { attempts: 2, backoffMs: 100 } } },
    },
  );
}, 120_000);

afterAll(async () => {
  await h?.close();
  for (const l of [internal, outside]) {
    l?.server.closeAllConnections();
    await new Promise((r) => l?.server.close(r));
  }
});

const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);

describe('outbound webhooks', () => {
  it.each([
    ['loopback', () => `http://127.0.0.1:${internal.port}/hook`],
    ['a private address', () => 'http://10.0.0.5/hook'],
    ['cloud metadata (link-local)', () => 'http://169.254.169.254/latest/meta-data/'],
    ['an IPv4-mapped IPv6 loopback', () => `http://[::ffff:127.0.0.1]:${internal.port}/hook`],
    ['an IPv4-compatible IPv6 loopback', () => `http://[::127.0.0.1]:${internal.port}/hook`],
    ['a name that resolves to a private address', () => 'http://hooks.internal.example/hook'],
    ['a name that resolves to the metadata address', () => 'http://metadata.internal.example/latest/meta-data/'],
  ])('refuses to register %s (422), and stores nothing', async (_what, url) => {
    const endpointsBefore = await h.sys.knex('webhook_endpoints').count<{ count: string }[]>('* as count');
    const auditsBefore = await h.sys.knex('audit_log').count<{ count: string }[]>('* as count');
    const res = await api('POST', '/api/v1/webhook-endpoints', { url: url() });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe('validation_failed');
    expect(res.json.error.details).toEqual([{ path: 'url', message: expect.stringMatching(/not allowed/) }]);
    expect(await h.sys.knex('webhook_endpoints').count('* as count')).toEqual(endpointsBefore);
    expect(await h.sys.knex('audit_log').count('* as count')).toEqual(auditsBefore);
    expect(internal.hits).toEqual([]);
  });

  it('checks the address again when delivering: a name that now resolves to loopback is refused, with a generic error', async () => {
    hosts.set('hooks.rebind.example', '127.0.0.2');
    const registered = await api('POST', '/api/v1/webhook-endpoints', { url: `http://hooks.rebind.example:${internal.port}/rebind`, events: ['case.created'] });
    expect(registered.status).toBe(201);

    // The name now points inside (DNS rebinding): the delivery fails at once and reaches no one.
    hosts.set('hooks.rebind.example', '127.0.0.1');
    await openTopUpCase(h.sys);
    const failed = await until(async () => {
      const d = await api('GET', `/api/v1/webhook-endpoints/${registered.json.id}/deliveries`);
      return d.json.find((x: { status: string }) => x.status === 'failed');
    });
    expect(failed).toMatchObject({ attempts: 1, lastStatusCode: null, lastError: expect.stringMatching(/not allowed/) });
    expect(failed.lastError).not.toMatch(/127\.0\.0\.1|ECONN|EHOST/);
    expect(internal.hits).toEqual([]);

    // The same endpoint, resolving to the allowed receiver again, is delivered to: the guard refused, not the network.
    hosts.set('hooks.rebind.example', '127.0.0.2');
    await openTopUpCase(h.sys);
    await until(async () => outside.hits.includes('POST /rebind'));
    expect(internal.hits).toEqual([]);
  });

  it('does not follow a redirect (into a private range or anywhere)', async () => {
    const registered = await api('POST', '/api/v1/webhook-endpoints', { url: `http://127.0.0.2:${outside.port}/to-internal`, events: ['case.created'] });
    expect(registered.status).toBe(201);
    await openTopUpCase(h.sys);
    const failed = await until(async () => {
      const d = await api('GET', `/api/v1/webhook-endpoints/${registered.json.id}/deliveries`);
      return d.json.find((x: { status: string }) => x.status === 'failed');
    });
    expect(failed).toMatchObject({ lastStatusCode: 307, lastError: expect.stringContaining('307') });
    expect(internal.hits).toEqual([]);
  });
});

describe('LINE external media', () => {
  let seq = 0;
  async function sendExternalImage(originalContentUrl: string) {
    const id = String(BigInt('0x' + randomBytes(7).toString('hex')));
    const res = await h.postEvents([
      {
        type: 'message',
        mode: 'active',
        timestamp: Date.now(),
        source: { type: 'user', userId: lineId('U') },
        webhookEventId: `01S${Date.now().toString(36).toUpperCase()}${(seq++).toString(36).toUpperCase().padStart(6, '0')}${randomBytes(4).toString('hex').toUpperCase()}`.slice(0, 26),
        deliveryContext: { isRedelivery: false },
        replyToken: h.line.state.issueReplyToken(),
        message: { id, type: 'image', quoteToken: 'q', contentProvider: { type: 'external', originalContentUrl, previewImageUrl: originalContentUrl } },
      },
    ]);
    expect(res.status).toBe(200);
    const message = await until(async () => (await h.sys.knex('messages').where({ platform_message_id: id }).first()) ?? false);
    return message.id as string;
  }
  const fetchJob = (messageId: string) =>
    h.sys.knex('outbox').where({ queue: 'media', job_name: 'fetch-media' }).whereRaw(`payload->>'messageId' = ?`, [messageId]).first();
  /** The message once its file is refused (the reason in its payload), with its fetch job if one was queued. */
  const refusal = (messageId: string) =>
    until(async () => {
      const message = await h.sys.knex('messages').where({ id: messageId }).first();
      return message?.payload?.mediaRefused ? { message, job: await fetchJob(messageId) } : false;
    });

  it.each([
    ['loopback', () => `http://127.0.0.1:${internal.port}/admin.jpg`],
    ['cloud metadata', () => 'http://169.254.169.254/latest/meta-data/iam/security-credentials/'],
  ])('refuses %s without queueing a fetch: the message says why, nothing failed', async (_what, url) => {
    const messageId = await sendExternalImage(url());
    const { message, job } = await refusal(messageId);
    expect(message.payload.mediaRefused).toMatch(/not allowed/);
    expect(message.media_path).toBeNull();
    // Known at once (an address the guard refuses): no job that could only fail.
    expect(job).toBeUndefined();
    expect(internal.hits).toEqual([]);
  });

  it.each([
    ['a name that resolves to a private address', () => 'http://hooks.internal.example/photo.jpg'],
    ['a redirect into a private range', () => `http://127.0.0.2:${outside.port}/to-internal.jpg`],
  ])('refuses %s when fetching, keeps nothing, and the job ends done, not failed', async (_what, url) => {
    const messageId = await sendExternalImage(url());
    const { message } = await refusal(messageId);
    expect(message.payload.mediaRefused).toMatch(/not allowed/);
    const job = await until(async () => ((await fetchJob(messageId))?.status === 'done' ? fetchJob(messageId) : false));
    expect(job.attempts).toBe(1);
    expect(message.media_path).toBeNull();
    expect(internal.hits).toEqual([]);
  });

  it('refuses a 1 GB file without reading it', async () => {
    outside.sentBytes = 0;
    const messageId = await sendExternalImage(`http://127.0.0.2:${outside.port}/gigabyte.mp4`);
    const { message } = await refusal(messageId);
    expect(message.payload.mediaRefused).toMatch(/larger than 52428800 bytes/);
    expect((await fetchJob(messageId)).status).not.toBe('failed');
    expect(message.media_path).toBeNull();
    expect(outside.sentBytes).toBeLessThan(50 * MiB);
  });

  it('keeps a file from an allowed address', async () => {
    const messageId = await sendExternalImage(`http://127.0.0.2:${outside.port}/photo.jpg`);
    const stored = await until(async () => (await h.sys.knex('messages').where({ id: messageId }).whereNotNull('media_path').first()) ?? false);
    expect(stored.media_path).toMatch(/\.jpg$/);
  });
});
