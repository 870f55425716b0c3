import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSystem, TEST_ADMIN_KEY, type TestSystem } from './support/test-system.ts';

let sys: TestSystem;
let base: string;

beforeAll(async () => {
  sys = await startTestSystem({ roles: ['api', 'workers'] });
  base = sys.url!;
});
afterAll(() => sys?.stopAll());

const admin = { authorization: `Bearer ${TEST_ADMIN_KEY}` };

async function call(method: string, path: string, opts: { headers?: Record<string, string>; body?: string | Uint8Array } = {}) {
  const res = await fetch(base + path, { method, headers: opts.headers, body: opts.body as BodyInit | undefined });
  const text = await res.text();
  return { status: res.status, headers: res.headers, json: text ? JSON.parse(text) : undefined };
}

async function writesSoFar() {
  const [keys] = await sys.knex('api_keys').count({ n: '*' });
  const [audit] = await sys.knex('audit_log').count({ n: '*' });
  return { keys: Number(keys.n), audit: Number(audit.n) };
}

function expectErrorShape(json: unknown, code: string) {
  const body = json as { error: Record<string, unknown> };
  expect(Object.keys(body).sort()).toEqual(['error']);
  expect(Object.keys(body.error).sort()).toEqual(['code', 'details', 'message']);
  expect(body.error.code).toBe(code);
  expect(body.error.message).toEqual(expect.any(String));
}

describe('health', () => {
  it('is alive and ready, and says which queue store it uses', async () => {
    expect((await call('GET', '/healthz')).json).toEqual({ status: 'ok' });
    const ready = await call('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.json).toEqual({
      status: 'ready',
      checks: { database: true, queue: true, disk: true },
      queueBackend: process.env.TEST_REDIS_URL ? 'redis' : 'postgres',
    });
  });

  it('gives every response a request id, keeping a sane one from the caller', async () => {
    const mine = await call('GET', '/healthz', { headers: { 'x-request-id': 'abc-123' } });
    expect(mine.headers.get('x-request-id')).toBe('abc-123');
    const fresh = await call('GET', '/healthz', { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('API keys and roles', () => {
  it('tells a key its org and role', async () => {
    const me = await call('GET', '/api/v1/me', { headers: admin });
    expect(me.status).toBe(200);
    expect(me.json.org).toMatchObject({ id: sys.defaultOrgId, timeZone: 'Asia/Bangkok' });
    expect(me.json.apiKey.role).toBe('admin');
  });

  it('answers 401 without a key and with a wrong one', async () => {
    const none = await call('GET', '/api/v1/me');
    expect(none.status).toBe(401);
    expectErrorShape(none.json, 'unauthenticated');
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const wrong = await call('GET', '/api/v1/me', { headers: { authorization: 'Bearer odk_not-a-real-key' } });
    expect(wrong.status).toBe(401);
    expectErrorShape(wrong.json, 'unauthenticated');
  });

  it('issues a key for a role, which then works with exactly that role', async () => {
    const before = await writesSoFar();
    const issued = await call('POST', '/api/v1/api-keys', {
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'support desk', role: 'support' }),
    });
    expect(issued.status).toBe(201);
    expect(issued.json.key).toMatch(/^odk_/);
    expect(await writesSoFar()).toEqual({ keys: before.keys + 1, audit: before.audit + 1 });
    const stored = await sys.knex('api_keys').where({ id: issued.json.id }).first();
    expect(stored.key_hash).not.toContain(issued.json.key);

    const me = await call('GET', '/api/v1/me', { headers: { authorization: `Bearer ${issued.json.key}` } });
    expect(me.json.apiKey).toMatchObject({ role: 'support', name: 'support desk' });
  });

  it('answers 403 to a role without the permission, and writes nothing', async () => {
    const support = await call('POST', '/api/v1/api-keys', {
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'agent', role: 'support' }),
    });
    const before = await writesSoFar();
    const denied = await call('POST', '/api/v1/api-keys', {
      headers: { authorization: `Bearer ${support.json.key}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'sneaky', role: 'admin' }),
    });
    expect(denied.status).toBe(403);
    expectErrorShape(denied.json, 'forbidden');
    expect(denied.json.error.details).toEqual({ role: 'support', permission: 'api_keys.manage' });
    const list = await call('GET', '/api/v1/outbox', { headers: { authorization: `Bearer ${support.json.key}` } });
    expect(list.status).toBe(403);
    expect(await writesSoFar()).toEqual(before);
  });
});

describe('bad input', () => {
  it('404s unknown routes with the error shape', async () => {
    const res = await call('GET', '/api/v1/no-such-thing', { headers: admin });
    expect(res.status).toBe(404);
    expectErrorShape(res.json, 'not_found');
  });

  it('404s the LIFF API, which has no endpoint yet, with the same error shape', async () => {
    const res = await call('GET', '/liff-api/v1/cases');
    expect(res.status).toBe(404);
    expectErrorShape(res.json, 'not_found');
  });

  it('400s malformed JSON and writes nothing', async () => {
    const before = await writesSoFar();
    const res = await call('POST', '/api/v1/api-keys', {
      headers: { ...admin, 'content-type': 'application/json' },
      body: '{"name": "x", "role": ',
    });
    expect(res.status).toBe(400);
    expectErrorShape(res.json, 'malformed_body');
    expect(await writesSoFar()).toEqual(before);
  });

  it('422s a body that parses but breaks the contract, naming the field', async () => {
    const before = await writesSoFar();
    const res = await call('POST', '/api/v1/api-keys', {
      headers: { ...admin, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'x', role: 'overlord' }),
    });
    expect(res.status).toBe(422);
    expectErrorShape(res.json, 'validation_failed');
    expect(res.json.error.details).toEqual([expect.objectContaining({ path: 'role' })]);
    expect(await writesSoFar()).toEqual(before);
  });

  it('413s a body over the limit, declared or streamed, and writes nothing', async () => {
    const before = await writesSoFar();
    const big = Buffer.alloc(1024 * 1024 + 10, 'a');
    const declared = await call('POST', '/api/v1/api-keys', {
      headers: { ...admin, 'content-type': 'application/json' },
      body: big,
    });
    expect(declared.status).toBe(413);
    expectErrorShape(declared.json, 'payload_too_large');

    // Chunked, so no Content-Length warns the server in advance.
    const streamed = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(base + '/api/v1/api-keys', {
        method: 'POST',
        headers: { ...admin, 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      });
      req.on('response', (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject);
      for (let i = 0; i < 40; i++) req.write(Buffer.alloc(32 * 1024, 'b'));
      req.end();
    });
    expect(streamed.status).toBe(413);
    expectErrorShape(JSON.parse(streamed.body), 'payload_too_large');
    expect(await writesSoFar()).toEqual(before);
  });
});

describe('OpenAPI', () => {
  it('documents every route with its schemas, built from the zod contracts', async () => {
    const res = await call('GET', '/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = res.json;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(['/healthz', '/readyz', '/api/v1/me', '/api/v1/api-keys', '/api/v1/outbox']));
    const post = doc.paths['/api/v1/api-keys'].post;
    expect(post.requestBody.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ApiKeyCreate' });
    expect(doc.components.schemas.ApiKeyCreate.properties.role).toEqual({ $ref: '#/components/schemas/Role' });
    expect(doc.components.schemas.Role.enum).toEqual(['support', 'manager', 'admin', 'ceo', 'accountant', 'integration']);
    // Every reference resolves inside the document.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/(\w+)"/g)].map((m) => m[1]);
    expect(refs.length).toBeGreaterThan(5);
    for (const ref of refs) expect(doc.components.schemas[ref], ref).toBeDefined();
    expect(post.responses['403']).toBeDefined();
    expect(doc.components.schemas.Error.properties.error).toBeDefined();
  });
});
