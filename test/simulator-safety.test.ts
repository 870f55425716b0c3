import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildLiff } from '../liff/build.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { postToStaffMember, staffById, staffByLineUser } from '../core/staff/staff-desk.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { startTestSystem, until } from './support/test-system.ts';

/**
 * The chat simulator is safe by default (docs/security.md, "The chat simulator"): it listens on
 * loopback on a port of its own, answers only with the token of this start, refuses other sites
 * and non-JSON bodies; a staff member is known only on the channel they enrolled on; and the
 * simulator's channels are inactive whenever it is off.
 */

let h: LineCustomerHarness;
let sim: URL;
let token: string;
let realChannelId: string;
let simChannelId: string;

beforeAll(async () => {
  // The real LINE channel of the org (pointed at a fake LINE server) and the simulator, both on.
  h = await startLineCustomerHarness({ DEV_SIMULATOR: 'auto' });
  expect(h.sys.simulatorUrl).toBeDefined();
  sim = new URL(h.sys.simulatorUrl!);
  token = sim.searchParams.get('token') ?? '';
  const channels = await h.sys.knex('channels').where({ org_id: h.sys.defaultOrgId, kind: 'line' }).orderBy('created_at');
  realChannelId = channels.find((c) => c.settings?.origin !== 'simulator').id;
  simChannelId = channels.find((c) => c.settings?.origin === 'simulator').id;
}, 60_000);

afterAll(async () => {
  await h?.close();
});

const storedEvents = async () => Number((await h.sys.knex('inbound_events').count({ n: '*' }).first())!.n);
const customerSays = (text: string) => ({ platform: 'line', userId: lineId('U'), text });

function send(body: unknown, headers: Record<string, string>) {
  return fetch(`${sim.origin}/dev/chat/send`, { method: 'POST', headers, body: typeof body === 'string' ? body : JSON.stringify(body) });
}

/** A raw request, so that the Host header can be what an attacker's page would send. */
function rawRequest(o: { path: string; host: string; method?: string; headers?: Record<string, string>; body?: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ hostname: '127.0.0.1', port: Number(sim.port), path: o.path, method: o.method ?? 'GET', headers: { host: o.host, ...o.headers } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

describe('where the simulator listens', () => {
  it('on loopback, on a port of its own, with a token in the address the banner prints', () => {
    expect(sim.hostname).toBe('127.0.0.1');
    expect(sim.port).not.toBe(new URL(h.sys.url!).port);
    expect(sim.pathname).toBe('/dev/chat');
    expect(token).toMatch(/^[\w-]{32}$/);
  });

  it('not on the api port', async () => {
    expect((await fetch(`${h.sys.url}/dev/chat?token=${token}`)).status).toBe(404);
    const res = await fetch(`${h.sys.url}/dev/chat/send`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-simulator-token': token }, body: JSON.stringify(customerSays('hello')) });
    expect(res.status).toBe(404);
  });
});

describe('what the simulator refuses, changing nothing', () => {
  it('the page without its token, or with another', async () => {
    expect((await fetch(`${sim.origin}/dev/chat`)).status).toBe(404);
    expect((await fetch(`${sim.origin}/dev/chat?token=${'x'.repeat(token.length)}`)).status).toBe(404);
    const page = await fetch(`${sim.origin}/dev/chat?token=${token}`);
    expect(page.status).toBe(200);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
  });

  it('a call without the token, a text/plain form post, another site, another host name', async () => {
    const before = await storedEvents();
    const json = { 'content-type': 'application/json' };
    expect((await send(customerSays('no token'), json)).status).toBe(404);
    expect((await send(customerSays('wrong token'), { ...json, 'x-simulator-token': token.slice(1) + 'x' })).status).toBe(404);
    expect((await fetch(`${sim.origin}/dev/chat/feed`)).status).toBe(404);
    expect((await fetch(`${sim.origin}/dev/chat/info`)).status).toBe(404);
    // What an HTML form on any website can send: text/plain with a JSON-looking body.
    expect((await send(JSON.stringify(customerSays('form post')), { 'content-type': 'text/plain', 'x-simulator-token': token })).status).toBe(415);
    // A page of another site (it could not even send the token header without a preflight we never grant).
    expect((await send(customerSays('cross-site'), { ...json, 'x-simulator-token': token, origin: 'https://evil.example' })).status).toBe(403);
    expect((await send(customerSays('cross-site'), { ...json, 'x-simulator-token': token, 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    // DNS rebinding: a name of another site that resolves to 127.0.0.1.
    const rebound = await rawRequest({
      path: '/dev/chat/send',
      method: 'POST',
      host: `evil.example:${sim.port}`,
      headers: { 'content-type': 'application/json', 'x-simulator-token': token },
      body: JSON.stringify(customerSays('rebound')),
    });
    expect(rebound).toBe(403);
    expect(await rawRequest({ path: `/dev/chat?token=${token}`, host: `evil.example:${sim.port}` })).toBe(403);
    // Give a wrongly accepted request time to land before counting.
    await new Promise((r) => setTimeout(r, 300));
    expect(await storedEvents()).toBe(before);
  });

  it('and accepts the page own calls', async () => {
    const before = await storedEvents();
    const res = await send(customerSays('hello from the page'), { 'content-type': 'application/json', 'x-simulator-token': token, origin: sim.origin, 'sec-fetch-site': 'same-origin' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { status: number }).status).toBe(200);
    await until(async () => (await storedEvents()) > before);
  });
});

describe('staff identities stay on the channel they enrolled on', () => {
  let realStaff: { id: string; lineUserId: string };
  let simStaff: { id: string; lineUserId: string };
  const api = () => apiClient(h.sys);

  beforeAll(async () => {
    // One enrols on the real LINE channel (a signed webhook from LINE)...
    const a = await api()('POST', '/api/v1/staff', { displayName: 'Real Manager', role: 'manager', language: 'en' });
    realStaff = { id: a.json.id, lineUserId: lineId('U') };
    await h.send(realStaff.lineUserId, { text: a.json.enrolment.code });
    await until(async () => (await h.sys.knex('staff').where({ id: realStaff.id }).whereNotNull('line_user_id').first()) ?? false);
    // ...one in the simulator.
    const b = await api()('POST', '/api/v1/staff', { displayName: 'Simulated Support', role: 'support', language: 'en' });
    simStaff = { id: b.json.id, lineUserId: lineId('U') };
    const res = await send({ platform: 'line', userId: simStaff.lineUserId, text: b.json.enrolment.code }, { 'content-type': 'application/json', 'x-simulator-token': token });
    expect(res.status).toBe(200);
    await until(async () => (await h.sys.knex('staff').where({ id: simStaff.id }).whereNotNull('line_user_id').first()) ?? false);
  }, 30_000);

  it('records the channel of the enrolment', async () => {
    expect(await h.sys.knex('staff').where({ id: realStaff.id }).first()).toMatchObject({ line_user_id: realStaff.lineUserId, line_channel_id: realChannelId });
    expect(await h.sys.knex('staff').where({ id: simStaff.id }).first()).toMatchObject({ line_user_id: simStaff.lineUserId, line_channel_id: simChannelId });
  });

  it('the same user id on the other channel is nobody', async () => {
    const org = h.sys.defaultOrgId;
    expect((await staffByLineUser(h.sys.knex, org, realChannelId, realStaff.lineUserId))?.id).toBe(realStaff.id);
    expect(await staffByLineUser(h.sys.knex, org, simChannelId, realStaff.lineUserId)).toBeUndefined();
    expect((await staffByLineUser(h.sys.knex, org, simChannelId, simStaff.lineUserId))?.id).toBe(simStaff.id);
    expect(await staffByLineUser(h.sys.knex, org, realChannelId, simStaff.lineUserId)).toBeUndefined();
  });

  it('a real manager\'s user id typed into the simulator gets no staff answer', async () => {
    // "my queue" from a staff member gets their queue; from anyone else, the customer dialogue.
    const res = await send({ platform: 'line', userId: realStaff.lineUserId, text: 'my queue' }, { 'content-type': 'application/json', 'x-simulator-token': token });
    expect(res.status).toBe(200);
    const reply = await until(async () => {
      const row = await h.sys
        .knex('messages')
        .join('conversations', 'conversations.id', 'messages.conversation_id')
        .where({ 'conversations.channel_id': simChannelId, 'conversations.external_id': realStaff.lineUserId, 'messages.direction': 'out' })
        .first('messages.text');
      return row ?? false;
    });
    // The same words from the same user id on the channel they enrolled on: their (empty) queue.
    const QUEUE_EMPTY = 'Your queue is empty: no open cases are yours.';
    expect((await h.ask(realStaff.lineUserId, { text: 'my queue' })).text).toBe(QUEUE_EMPTY);
    expect(reply.text).not.toBe(QUEUE_EMPTY);
  });

  it('direct messages go over the channel of the enrolment, and never over the simulator\'s while it is off', async () => {
    const knex = h.sys.knex;
    const org = h.sys.defaultOrgId;
    const dm = async (staffId: string) => {
      const staff = (await staffById(knex, org, staffId))!;
      return knex.transaction(async (trx) => {
        const sent = await postToStaffMember(trx, staff, [{ kind: 'text', text: 'a direct message' }]);
        return sent ? (await trx('conversations').where({ id: sent.conversationId }).first()).channel_id : undefined;
      });
    };
    // The real channel is the org's oldest: the simulator-enrolled staff member still gets theirs in the simulator.
    expect(await dm(realStaff.id)).toBe(realChannelId);
    expect(await dm(simStaff.id)).toBe(simChannelId);

    // The same database started with the simulator off: its channels are inactive and carry nothing.
    const off = await startTestSystem({ db: h.sys.db, roles: ['api'], env: { DEV_SIMULATOR: 'off', DATA_DIR: h.sys.dataDir } });
    try {
      expect(off.simulatorUrl).toBeUndefined();
      expect((await knex('channels').where({ id: simChannelId }).first()).is_active).toBe(false);
      expect(await dm(simStaff.id)).toBeUndefined();
      expect(await dm(realStaff.id)).toBe(realChannelId);
    } finally {
      await off.stop();
    }
  });
});

describe("the simulator's sign-in link in the staff apps", () => {
  const scripts = (dir: string) => readdirSync(join(dir, 'assets')).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(dir, 'assets', f), 'utf8')).join('\n');

  it('is left out of a production build: the pages ignore #liff-mock-id-token=; the build the tests run has it', async () => {
    const production = mkdtempSync(join(tmpdir(), 'opsdesk-liff-prod-'));
    await buildLiff({ outDir: production, simulator: false });
    const shipped = scripts(production);
    expect(shipped).toContain('/liff-api/v1/'); // the staff apps are there
    expect(shipped).not.toContain('liff-mock-id-token');
    expect(scripts(resolve(import.meta.dirname, '../liff/dist'))).toContain('liff-mock-id-token');
  }, 120_000);
});
