import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isAllowedAddress, OutboundError, outboundUrlProblem, safeFetch, type OutboundPolicy } from './safe-fetch.ts';

/**
 * The outbound guard against real sockets. Servers listen on loopback: 127.0.0.2 plays a public
 * host (the policy lets exactly that address through), 127.0.0.1 plays the private network that
 * must never be reached. Each server counts what reached it, so "refused" means "nothing was sent".
 */
interface Counted {
  server: Server;
  url: string;
  hits: string[];
  sentBytes: number;
}

async function serve(host: string, handler: (req: IncomingMessage, res: ServerResponse, c: Counted) => void): Promise<Counted> {
  const c: Counted = { server: undefined as unknown as Server, url: '', hits: [], sentBytes: 0 };
  c.server = createServer((req, res) => {
    c.hits.push(`${req.method} ${req.url}`);
    handler(req, res, c);
  });
  await new Promise<void>((resolve) => c.server.listen(0, host, resolve));
  c.url = `http://${host}:${(c.server.address() as AddressInfo).port}`;
  return c;
}

let internal: Counted;
let outside: Counted;
const servers: Counted[] = [];
const MiB = 1024 * 1024;

/** Only 127.0.0.2 is let through; names resolve from this table. */
const hosts = new Map<string, string[]>();
const policy: OutboundPolicy = {
  requireHttps: false,
  allowNetworks: ['127.0.0.2/32'],
  resolve: async (name) => (hosts.get(name) ?? []).map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
};

beforeAll(async () => {
  internal = await serve('127.0.0.1', (_req, res) => res.end('internal secrets'));
  outside = await serve('127.0.0.2', (req, res, c) => {
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/ok') return void res.end('hello');
    if (u.pathname === '/redirect') {
      res.writeHead(302, { location: u.searchParams.get('to') ?? '/' });
      return void res.end();
    }
    if (u.pathname === '/gigabyte') {
      // Claims a whole gigabyte and would send it, 64 KiB at a time, for as long as it is read.
      res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': String(1024 * MiB) });
      const chunk = Buffer.alloc(64 * 1024, 1);
      const pump = () => {
        while (!res.destroyed && c.sentBytes < 1024 * MiB && res.write(chunk)) c.sentBytes += chunk.length;
      };
      res.on('drain', pump);
      return void pump();
    }
    if (u.pathname === '/endless') {
      // No Content-Length: chunked, without end.
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 2);
      const pump = () => {
        while (!res.destroyed && c.sentBytes < 1024 * MiB && res.write(chunk)) c.sentBytes += chunk.length;
      };
      res.on('drain', pump);
      return void pump();
    }
    if (u.pathname === '/slow') return; // never answers
    res.statusCode = 404;
    res.end();
  });
  servers.push(internal, outside);
  hosts.set('internal.example', ['127.0.0.1']);
  hosts.set('public.example', ['127.0.0.2']);
  hosts.set('mixed.example', ['127.0.0.2', '10.0.0.5']);
  hosts.set('metadata.example', ['169.254.169.254']);
});
afterAll(async () => {
  for (const s of servers) {
    s.server.closeAllConnections();
    await new Promise((r) => s.server.close(r));
  }
});

const portOf = (c: Counted) => new URL(c.url).port;

describe('isAllowedAddress', () => {
  it.each([
    '127.0.0.1',
    '10.0.0.5',
    '172.16.3.4',
    '192.168.1.10',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '255.255.255.255',
    '224.0.0.1',
    '::1',
    '::',
    'fc00::1',
    'fd12:3456::1',
    'fe80::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.5',
    '::ffff:169.254.169.254',
    // IPv4-compatible (::/96, deprecated), as a URL writes [::127.0.0.1]: refused whatever they carry.
    '::7f00:1',
    '::a00:5',
    '::808:808',
    '64:ff9b::a00:5',
    '2002:a00:5::1',
    'not an address',
  ])('refuses %s', (address) => {
    expect(isAllowedAddress(address, { allowNetworks: [] })).toBe(false);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])('allows the public address %s', (address) => {
    expect(isAllowedAddress(address, { allowNetworks: [] })).toBe(true);
  });

  it('lets through only the ranges a policy names', () => {
    expect(isAllowedAddress('127.0.0.2', { allowNetworks: ['127.0.0.2/32'] })).toBe(true);
    expect(isAllowedAddress('127.0.0.1', { allowNetworks: ['127.0.0.2/32'] })).toBe(false);
    expect(isAllowedAddress('10.1.2.3', { allowNetworks: ['10.1.2.0/24'] })).toBe(true);
    expect(isAllowedAddress('10.1.3.3', { allowNetworks: ['10.1.2.0/24'] })).toBe(false);
  });
});

describe('outboundUrlProblem (registration)', () => {
  it.each([
    ['http://127.0.0.1:8080/hook', /not allowed/],
    ['http://10.0.0.5/hook', /not allowed/],
    ['http://169.254.169.254/latest/meta-data/', /not allowed/],
    ['http://[::1]/hook', /not allowed/],
    ['http://[::ffff:127.0.0.1]/hook', /not allowed/],
    ['http://internal.example/hook', /resolves to an address that is not allowed/],
    ['http://metadata.example/hook', /resolves to an address that is not allowed/],
    // One private address among public ones is enough to refuse.
    ['http://mixed.example/hook', /resolves to an address that is not allowed/],
    ['http://nowhere.example/hook', /does not resolve/],
    ['ftp://public.example/hook', /http or https/],
    ['http://user:pw@public.example/hook', /user name/],
  ])('refuses %s', async (url, why) => {
    expect(await outboundUrlProblem(url, policy)).toMatch(why);
  });

  it('accepts a name that resolves only to allowed addresses', async () => {
    expect(await outboundUrlProblem('http://public.example/hook', policy)).toBeNull();
  });

  it('requires https when the policy does (production)', async () => {
    expect(await outboundUrlProblem('http://public.example/hook', { ...policy, requireHttps: true })).toMatch(/https/);
    expect(await outboundUrlProblem('https://public.example/hook', { ...policy, requireHttps: true })).toBeNull();
  });
});

describe('safeFetch', () => {
  const refused = async (p: Promise<unknown>, kind: OutboundError['kind']) => {
    const err = await p.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(OutboundError);
    expect((err as OutboundError).kind).toBe(kind);
    return err as OutboundError;
  };

  it('fetches from an allowed address', async () => {
    const res = await safeFetch(`${outside.url}/ok`, { timeoutMs: 5_000 }, policy);
    expect(res.status).toBe(200);
    expect(res.body.toString()).toBe('hello');
  });

  it('never connects to a refused address literal', async () => {
    const before = internal.hits.length;
    await refused(safeFetch(internal.url, { timeoutMs: 5_000 }, policy), 'refused_address');
    await refused(safeFetch(`http://169.254.169.254/latest/meta-data/`, { timeoutMs: 5_000 }, policy), 'refused_address');
    expect(internal.hits.length).toBe(before);
  });

  it('checks every address a name resolves to when connecting (a name that rebinds to loopback is refused)', async () => {
    const before = internal.hits.length;
    hosts.set('rebind.example', ['127.0.0.2']);
    expect(await outboundUrlProblem(`http://rebind.example:${portOf(internal)}/`, policy)).toBeNull();
    hosts.set('rebind.example', ['127.0.0.1']);
    const err = await refused(safeFetch(`http://rebind.example:${portOf(internal)}/`, { timeoutMs: 5_000 }, policy), 'refused_address');
    expect(err.publicMessage).not.toMatch(/127\.0\.0\.1|ECONN/);
    expect(internal.hits.length).toBe(before);
    // The same request with the private range allowed does arrive: the refusal above was the guard.
    const open = await safeFetch(`http://rebind.example:${portOf(internal)}/`, { timeoutMs: 5_000 }, { ...policy, allowNetworks: ['127.0.0.0/8'] });
    expect(open.status).toBe(200);
    expect(internal.hits.length).toBe(before + 1);
  });

  it('does not follow redirects unless asked, and never into a private range', async () => {
    const before = internal.hits.length;
    const to = encodeURIComponent(`${internal.url}/steal`);
    const plain = await safeFetch(`${outside.url}/redirect?to=${to}`, { timeoutMs: 5_000 }, policy);
    expect(plain.status).toBe(302);
    await refused(safeFetch(`${outside.url}/redirect?to=${to}`, { timeoutMs: 5_000, maxRedirects: 3 }, policy), 'refused_address');
    const byName = encodeURIComponent(`http://internal.example:${portOf(internal)}/steal`);
    await refused(safeFetch(`${outside.url}/redirect?to=${byName}`, { timeoutMs: 5_000, maxRedirects: 3 }, policy), 'refused_address');
    expect(internal.hits.length).toBe(before);
    // An allowed hop is followed.
    const ok = await safeFetch(`${outside.url}/redirect?to=${encodeURIComponent('/ok')}`, { timeoutMs: 5_000, maxRedirects: 3 }, policy);
    expect(ok.body.toString()).toBe('hello');
    await refused(safeFetch(`${outside.url}/redirect?to=${encodeURIComponent('/redirect?to=/ok')}`, { timeoutMs: 5_000, maxRedirects: 1 }, policy), 'too_many_redirects');
  });

  it('refuses a 1 GB answer from its Content-Length without reading it', async () => {
    outside.sentBytes = 0;
    const started = performance.now();
    await refused(safeFetch(`${outside.url}/gigabyte`, { timeoutMs: 10_000, maxBytes: 50 * MiB }, policy), 'too_large');
    expect(performance.now() - started).toBeLessThan(2_000);
    await new Promise((r) => setTimeout(r, 100));
    // What the server managed to push into socket buffers before the close, far from a gigabyte.
    expect(outside.sentBytes).toBeLessThan(50 * MiB);
  });

  it('cuts a stream without Content-Length at the cap', async () => {
    outside.sentBytes = 0;
    await refused(safeFetch(`${outside.url}/endless`, { timeoutMs: 10_000, maxBytes: 1 * MiB }, policy), 'too_large');
    await new Promise((r) => setTimeout(r, 100));
    expect(outside.sentBytes).toBeLessThan(50 * MiB);
  });

  it('gives up at the deadline with a generic message', async () => {
    const started = performance.now();
    const err = await refused(safeFetch(`${outside.url}/slow`, { timeoutMs: 300 }, policy), 'unreachable');
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(err.publicMessage).toMatch(/no answer/);
  });

  it('says the same for a closed port as for a timeout: the message does not describe the network', async () => {
    const closed = await serve('127.0.0.2', () => {});
    const url = closed.url;
    closed.server.close();
    const err = await refused(safeFetch(url, { timeoutMs: 2_000 }, policy), 'unreachable');
    expect(err.publicMessage).not.toMatch(/ECONNREFUSED|refused|127\./);
  });

  it('requires https when the policy does', async () => {
    await refused(safeFetch(`${outside.url}/ok`, { timeoutMs: 5_000 }, { ...policy, requireHttps: true }), 'https_required');
  });
});
