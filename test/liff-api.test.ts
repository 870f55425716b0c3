import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redactPath } from '../api/middleware/request-context.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { LIFF_ID, LOGIN_CHANNEL_ID, startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * The LIFF platform at the HTTP level: the pages served under /liff, the LIFF API's sign-in
 * (an ID token LINE vouches for, nothing else), the customer's own bookings and cases, the
 * booking form from inside LINE, and the public endpoints the pages call, fed bad input.
 */
let h: LiffHarness;
beforeAll(async () => {
  h = await startLiffHarness();
}, 60_000);
afterAll(() => h?.close());

const mine = (token?: string) => h.pub('GET', '/liff-api/v1/me/bookings-and-cases', { headers: token ? { authorization: `Bearer ${token}` } : {} });
const nextYear = new Date().getUTCFullYear() + 1;

describe('the pages under /liff', () => {
  it('serves each page for any path under its name, with its LIFF id written in, revalidated on every visit', async () => {
    const res = await fetch(`${h.sys.url}/liff/track/${randomBytes(16).toString('hex')}`, { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).toContain(`<meta name="liff-id" content="${LIFF_ID}">`);
    const script = /src="(\/liff\/assets\/[^"]+\.js)"/.exec(html)![1];
    const asset = await fetch(h.sys.url + script, { headers: { 'accept-encoding': 'gzip' } });
    expect(asset.status).toBe(200);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-encoding')).toBe('gzip');
    const again = await fetch(h.sys.url + script, { headers: { 'if-none-match': asset.headers.get('etag')! } });
    expect(again.status).toBe(304);
    for (const page of ['quote/x', 'book', 'me']) expect((await fetch(`${h.sys.url}/liff/${page}`)).status).toBe(200);
  });

  it('names the LIFF SDK for the browser to fetch beside the page where the page has a LIFF id', async () => {
    const html = await (await fetch(`${h.sys.url}/liff/card`)).text();
    const preloads = [...html.matchAll(/<link rel="modulepreload" crossorigin href="\/liff\/(assets\/[^"]+\.js)">/g)].map((m) => m[1]);
    const sdk = preloads.find((f) => /^assets\/liff-sdk-[\w-]+\.js$/.test(f));
    expect(sdk).toBeDefined();
    expect((await fetch(`${h.sys.url}/liff/${sdk}`)).status).toBe(200);
    // The very chunk the page imports when it starts LIFF (liff/src/kit/line.ts's import()).
    const importers = await Promise.all(preloads.filter((f) => f !== sdk).map(async (f) => (await fetch(`${h.sys.url}/liff/${f}`)).text()));
    expect(importers.some((js) => js.includes(sdk!.replace('assets/', '')))).toBe(true);
    // Written in by the server for a page with an id: the page as built (no id) does not name it.
    expect(readFileSync(join(import.meta.dirname, '../liff/dist/card.html'), 'utf8')).not.toMatch(/liff-sdk-/);
    // The booking form starts LINE sign-in, except on a business's website (`?org=`), which never does.
    expect(await (await fetch(`${h.sys.url}/liff/book`)).text()).toMatch(/rel="modulepreload"[^>]*liff-sdk-/);
    expect(await (await fetch(`${h.sys.url}/liff/book?org=any-shop`)).text()).not.toMatch(/liff-sdk-/);
  });

  it('says what each page may load and who may frame it: nobody the staff apps and customer pages, the org\'s own websites the booking form', async () => {
    const policyOf = async (path: string) => {
      const res = await fetch(h.sys.url + path);
      expect(res.status, path).toBe(200);
      return { csp: res.headers.get('content-security-policy') ?? '', xfo: res.headers.get('x-frame-options') };
    };
    for (const path of ['/liff/desk', '/liff/dashboard', '/liff/settings', '/liff/track/x', '/liff/quote/x', '/liff/me']) {
      const p = await policyOf(path);
      expect(p.csp, path).toContain("frame-ancestors 'none'");
      // Scripts from the server, and the LIFF SDK's extensions from LINE's static host: nothing inline, nothing else.
      expect(p.csp.split('; '), path).toContain("script-src 'self' https://static.line-scdn.net");
      expect(p.xfo, path).toBe('DENY');
    }
    expect((await policyOf('/liff/book')).csp).toMatch(/frame-ancestors 'self'$/);
    const bad = await apiClient(h.sys)('PATCH', '/api/v1/org/settings', { bookingFormOrigins: ['https://shop.example/booking'] });
    expect([bad.status, bad.json.error.details[0].path]).toEqual([422, 'bookingFormOrigins.0']);
    const set = await apiClient(h.sys)('PATCH', '/api/v1/org/settings', { bookingFormOrigins: ['https://www.pottery.example', 'https://pottery.example'] });
    expect(set.json.bookingFormOrigins).toEqual(['https://www.pottery.example', 'https://pottery.example']);
    // Each form reads its org again within 5 s.
    await new Promise((r) => setTimeout(r, 5_100));
    const book = await policyOf('/liff/book');
    expect(book.csp).toMatch(/frame-ancestors 'self' https:\/\/www\.pottery\.example https:\/\/pottery\.example$/);
    expect(book.xfo).toBeNull();
    expect((await apiClient(h.sys)('PATCH', '/api/v1/org/settings', { bookingFormOrigins: null })).json.bookingFormOrigins).toEqual([]);
  }, 20_000);

  it('keeps the tokens in page paths out of the access log', () => {
    expect(redactPath('/liff/track/0123456789abcdef0123456789abcdef')).toBe('/liff/track/:token');
    expect(redactPath('/liff/quote/0123456789abcdef0123456789abcdef')).toBe('/liff/quote/:token');
    expect(redactPath('/liff/book')).toBe('/liff/book');
  });

  it('answers 404 for no page, no file, and a path that tries to leave liff/dist', async () => {
    for (const path of ['/liff/nothing', '/liff/assets/missing.js', '/liff/assets/..%2F..%2Fpackage.json', '/liff/../package.json', '/liff']) {
      expect((await fetch(h.sys.url + path)).status, path).toBe(404);
    }
  });

  it('documents the LIFF API in the OpenAPI document, under its own tag and sign-in', async () => {
    const doc = (await h.pub('GET', '/api/v1/openapi.json')).json;
    const me = doc.paths['/liff-api/v1/me/bookings-and-cases'].get;
    expect(me).toMatchObject({ tags: ['liff'], security: [{ liffIdToken: [] }] });
    expect(me.responses['401']).toBeDefined();
    expect(doc.paths['/liff-api/v1/bookings'].post.tags).toEqual(['liff']);
    expect(doc.components.securitySchemes.liffIdToken).toMatchObject({ type: 'http', scheme: 'bearer' });
  });
});

describe('signing in with a LIFF ID token', () => {
  it('refuses no token, a forged one, an expired one and one for another channel with 401, and reads nothing', async () => {
    const user = lineId('U');
    await h.reportProblem(user);
    const good = h.idToken(user);
    const [head, body] = good.split('.');
    const claims = JSON.parse(Buffer.from(body, 'base64url').toString());
    const forgedBody = Buffer.from(JSON.stringify({ ...claims, sub: lineId('U') })).toString('base64url');
    const cases = {
      none: undefined,
      garbage: 'not-a-token',
      forged: `${head}.${forgedBody}.${good.split('.')[2]}`,
      expired: h.idToken(user, { ttlMs: -1000 }),
      otherChannel: h.idToken(user, { channelId: '1999999999' }),
    };
    for (const [name, token] of Object.entries(cases)) {
      const res = await mine(token);
      expect(res.status, name).toBe(401);
      expect(res.json.error.code, name).toBe('unauthenticated');
      expect(JSON.stringify(res.json), name).not.toContain('C-');
    }
    // The server asked LINE, in LINE's format, with its own channel as the audience.
    const asked = h.line.state.requests.filter((r) => r.path === '/oauth2/v2.1/verify');
    expect(asked.length).toBeGreaterThanOrEqual(4);
    expect(String(asked.at(-1)!.body)).toContain(`client_id=${LOGIN_CHANNEL_ID}`);
    // A booking with a bad token creates nothing either.
    const before = Number((await h.sys.knex('bookings').count({ n: '*' }))[0].n);
    const res = await h.pub('POST', '/liff-api/v1/bookings', { headers: { authorization: `Bearer ${cases.forged}`, 'idempotency-key': randomUUID() }, body: { destination: 'x', name: 'x' } });
    expect(res.status).toBe(401);
    expect(Number((await h.sys.knex('bookings').count({ n: '*' }))[0].n)).toBe(before);
  });

  it('the fake LINE verify endpoint answers as LINE does', async () => {
    const form = (o: Record<string, string>) => fetch(`${h.line.url}/oauth2/v2.1/verify`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(o) });
    const user = lineId('U');
    const ok = await form({ id_token: h.idToken(user, { name: 'Somchai' }), client_id: LOGIN_CHANNEL_ID });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ iss: 'https://access.line.me', sub: user, aud: LOGIN_CHANNEL_ID, name: 'Somchai' });
    const expired = await form({ id_token: h.idToken(user, { ttlMs: -1 }), client_id: LOGIN_CHANNEL_ID });
    expect([expired.status, await expired.json()]).toEqual([400, { error: 'invalid_request', error_description: 'IdToken expired.' }]);
    const audience = await form({ id_token: h.idToken(user), client_id: '1' });
    expect([audience.status, await audience.json()]).toEqual([400, { error: 'invalid_request', error_description: 'Invalid IdToken Audience.' }]);
  });
});

describe('my bookings and cases', () => {
  it("lists the signed-in customer's own cases and bookings, each with its page, and none of anyone else's", async () => {
    const somchai = lineId('U');
    const other = lineId('U');
    const c = await h.reportProblem(somchai);
    const theirs = await h.reportProblem(other);
    const booked = await h.pub('POST', '/liff-api/v1/bookings', {
      headers: { authorization: `Bearer ${h.idToken(somchai)}`, 'idempotency-key': randomUUID() },
      body: { destination: 'Krabi', travelers: 2, name: 'Somchai', language: 'th', start_date: `${nextYear}-03-01` },
    });
    expect(booked.status).toBe(201);
    const res = await mine(h.idToken(somchai));
    expect(res.status).toBe(200);
    expect(res.json.known).toBe(true);
    expect(res.json.cases).toEqual([expect.objectContaining({ number: c.number, open: true, trackingPath: `/liff/track/${c.token}`, statusLabel: { th: expect.any(String), en: 'New' } })]);
    expect(res.json.bookings).toEqual([expect.objectContaining({ number: booked.json.booking_id, destination: 'Krabi', date: `${nextYear}-03-01`, partySize: 2, open: true })]);
    expect(JSON.stringify(res.json)).not.toContain(theirs.number);
    // A LINE user the business has never heard from: empty lists, not an error.
    const stranger = await mine(h.idToken(lineId('U'), { name: 'New Person' }));
    expect(stranger.json).toEqual({ known: false, name: 'New Person', bookings: [], cases: [] });
  });
});

describe('the booking form inside LINE', () => {
  it('ties the booking to the LINE user the token names (not the one the form names), once per key, and answers in the chat', async () => {
    const user = lineId('U');
    const key = randomUUID();
    const send = () =>
      h.pub('POST', '/liff-api/v1/bookings', {
        headers: { authorization: `Bearer ${h.idToken(user, { name: 'Nok' })}`, 'idempotency-key': key },
        body: { service: 'sushi_class', start_date: `${nextYear}-02-14`, travelers: 2, name: 'Nok', language: 'en', line_id: lineId('U') },
      });
    const first = await send();
    expect(first.status).toBe(201);
    expect(first.json.booking_id).toMatch(/^B-\d{6}$/);
    const second = await send();
    expect(second.status).toBe(201);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(second.json).toEqual(first.json);
    expect(Number((await h.sys.knex('bookings').where({ idempotency_key: key }).count({ n: '*' }))[0].n)).toBe(1);
    const booking = await h.sys.knex('bookings').where({ number: first.json.booking_id }).first();
    const identity = await h.sys.knex('contact_identities').where({ contact_id: booking.contact_id }).first();
    expect(identity.external_id).toBe(user);
    // The confirmation arrives in the LINE chat, once.
    const pushed = await until(async () => h.line.state.deliveriesTo(user).length > 0 && h.line.state.deliveriesTo(user));
    expect(JSON.stringify(pushed[0].messages)).toContain(first.json.booking_id);
    await untilSettled(h.sys.knex);
    expect(h.line.state.deliveriesTo(user)).toHaveLength(1);
  });

  it('refuses missing and invalid fields and a date in the past, naming each field, and books nothing', async () => {
    const user = lineId('U');
    const headers = () => ({ authorization: `Bearer ${h.idToken(user)}`, 'idempotency-key': randomUUID() });
    const before = Number((await h.sys.knex('bookings').count({ n: '*' }))[0].n);
    const missing = await h.pub('POST', '/liff-api/v1/bookings', { headers: headers(), body: { language: 'th' } });
    expect(missing.status).toBe(422);
    expect(missing.json.error.details.map((d: { path: string }) => d.path)).toContain('name');
    const invalid = await h.pub('POST', '/liff-api/v1/bookings', { headers: headers(), body: { destination: 'x', name: 'x', travelers: 0, email: 'nope' } });
    expect(invalid.status).toBe(422);
    expect(invalid.json.error.details.map((d: { path: string }) => d.path)).toEqual(expect.arrayContaining(['travelers', 'email']));
    const past = await h.pub('POST', '/liff-api/v1/bookings', { headers: headers(), body: { destination: 'x', name: 'x', start_date: '2020-01-01' } });
    expect(past.status).toBe(422);
    expect(past.json.error.details).toEqual([expect.objectContaining({ path: 'start_date' })]);
    const noKey = await h.pub('POST', '/liff-api/v1/bookings', { headers: { authorization: `Bearer ${h.idToken(user)}` }, body: { destination: 'x', name: 'x' } });
    expect(noKey.status).toBe(422);
    expect(Number((await h.sys.knex('bookings').count({ n: '*' }))[0].n)).toBe(before);
  });
});

describe('the token pages’ public API', () => {
  it('sends tracking links to the page, keeps the JSON for integrators, and says not found for unknown and malformed tokens', async () => {
    const user = lineId('U');
    const c = await h.reportProblem(user);
    const out = await h.sys.knex('messages').where({ direction: 'out' }).whereLike('text', `%${c.number}%`).first();
    expect(out.text).toContain(`https://desk.example/liff/track/${c.token}`);
    const json = await h.pub('GET', `/public/v1/cases/${c.token}`);
    expect(json.json).toMatchObject({ case: c.number, status: 'new', timeline: [expect.objectContaining({ event: 'created' }), ...json.json.timeline.slice(1)] });
    for (const token of [randomBytes(16).toString('hex'), 'not-a-token']) expect((await h.pub('GET', `/public/v1/cases/${token}`)).status).toBe(404);
  });

  it("another business's tracking or quote token: a token names one case or quote in the whole deployment and carries no org, so it shows its own business's case and can never be one of this org's", async () => {
    const customer = lineId('U');
    const ours = await h.reportProblem(customer);
    const other = await h.otherOrg({ key: 'pottery_class', name: { th: 'คลาสปั้นดินเผา', en: 'Pottery class' } });
    await h.sys.knex('case_types').insert({ org_id: other.id, key: 'parcel_lost', name_th: 'พัสดุหาย', name_en: 'Parcel lost', category: 'order', default_severity: 'normal', first_response_minutes: 60, resolution_minutes: 1440 });
    const { openCase } = await import('../core/cases/open-case.ts');
    const theirs = await h.sys.knex.transaction((trx) =>
      openCase(trx, { orgId: other.id, caseTypeKey: 'parcel_lost', contactId: null, conversationId: null, sourceMessageId: null, source: 'api', summary: 'parcel lost', language: 'en', fields: {} }),
    );
    // The numbers of two businesses may be the same; their tokens are not, and each shows its own case.
    const a = (await h.pub('GET', `/public/v1/cases/${ours.token}`)).json;
    const b = (await h.pub('GET', `/public/v1/cases/${theirs.trackingToken}`)).json;
    expect([a.case, a.type.en]).toEqual([ours.number, 'Top-up not credited']);
    expect([b.case, b.type.en]).toEqual([theirs.number, 'Parcel lost']);
    // Each page is headed with its own business's name.
    const ourName = (await h.sys.knex('orgs').where({ is_default: true }).first()).name;
    expect([a.business, b.business]).toEqual([ourName, other.name]);
    expect((await h.pub('GET', `/public/v1/services?org=${other.slug}`)).json.business).toBe(other.name);
    expect((await h.pub('GET', '/public/v1/services')).json.business).toBe(ourName);
    expect((await h.pub('GET', `/public/v1/quotes/${(await h.sentQuote()).token}`)).json.business).toBe(ourName);
    // The page's path carries only the token; an org named beside it changes nothing.
    expect((await h.pub('GET', `/public/v1/cases/${theirs.trackingToken}?org=default`)).json.type.en).toBe('Parcel lost');
    // A token cannot be given to a second case, in this org or another: the database refuses it.
    await expect(h.sys.knex('cases').where({ id: theirs.id }).update({ tracking_token: ours.token })).rejects.toMatchObject({ code: '23505' });
    // Quote tokens likewise: one index over every org's quotes.
    const indexes = await h.sys.knex('pg_indexes').select('indexname', 'indexdef').whereIn('tablename', ['cases', 'booking_quotes']);
    const onToken = indexes.filter((i) => /UNIQUE/.test(i.indexdef) && /\((tracking_token|token)\)/.test(i.indexdef)).map((i) => i.indexname).sort();
    expect(onToken).toHaveLength(2);
    // And this org's LINE customer never sees the other business's case among theirs.
    const mineNow = (await mine(h.idToken(customer))).json;
    expect(mineNow.cases.map((c: { trackingPath: string }) => c.trackingPath)).toEqual([`/liff/track/${ours.token}`]);
  });

  it('a quote is answered once: accepting twice, or after it expired, is a 409 and changes nothing', async () => {
    const q = await h.sentQuote();
    const first = await h.pub('POST', `/public/v1/quotes/${q.token}/accept`, { body: {} });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ status: 'accepted', bookingStage: 'confirmed' });
    const again = await h.pub('POST', `/public/v1/quotes/${q.token}/accept`, { body: {} });
    expect(again.status).toBe(409);
    const old = await h.sentQuote();
    await h.sys.knex('booking_quotes').where({ token: old.token }).update({ valid_until: '2020-01-01' });
    const late = await h.pub('POST', `/public/v1/quotes/${old.token}/accept`, { body: {} });
    expect(late.status).toBe(409);
    expect((await h.pub('GET', `/public/v1/quotes/${old.token}`)).json).toMatchObject({ status: 'expired', canAnswer: false });
    expect((await h.pub('GET', `/public/v1/quotes/${randomBytes(16).toString('hex')}`)).status).toBe(404);
  });

  it('the website form: submitted twice with one key makes one booking; missing fields and past dates are refused', async () => {
    const key = randomUUID();
    const body = { destination: 'Pai', name: 'Web', email: `w${randomUUID()}@example.com`, start_date: `${nextYear}-05-01` };
    const a = await h.pub('POST', '/public/v1/bookings', { headers: { 'idempotency-key': key }, body });
    const b = await h.pub('POST', '/public/v1/bookings', { headers: { 'idempotency-key': key }, body });
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(b.json.booking_id).toBe(a.json.booking_id);
    expect(Number((await h.sys.knex('bookings').where({ idempotency_key: key }).count({ n: '*' }))[0].n)).toBe(1);
    expect((await h.pub('POST', '/public/v1/bookings', { headers: { 'idempotency-key': randomUUID() }, body: { destination: 'Pai' } })).status).toBe(422);
    expect((await h.pub('POST', '/public/v1/bookings', { headers: { 'idempotency-key': randomUUID() }, body: { ...body, start_date: '2020-01-01' } })).status).toBe(422);
  });
});

describe("a service's own fields and opening hours", () => {
  const bookings = async () => Number((await h.sys.knex('bookings').count({ n: '*' }))[0].n);
  const web = (body: Record<string, unknown>) => h.pub('POST', '/public/v1/bookings', { headers: { 'idempotency-key': randomUUID() }, body: { name: 'Ploy', email: `p${randomUUID()}@example.com`, language: 'en', ...body } });
  const paths = (res: { json: any }) => res.json.error.details.map((d: { path: string; reason?: string }) => `${d.path}:${d.reason ?? ''}`).sort();
  let key: string;

  beforeAll(async () => {
    const { apiClient } = await import('./support/api-client.ts');
    key = `pickup_${randomBytes(3).toString('hex')}`;
    const made = await apiClient(h.sys)('POST', '/api/v1/services', {
      key,
      name: { th: 'รถรับส่งกลางคืน', en: 'Night pick-up' },
      durationMinutes: 60,
      capacity: 4,
      formFields: [
        { field: 'start_date', required: true },
        { field: 'time', required: true },
        { field: 'destination', required: true },
        { field: 'travelers' },
      ],
      hours: Object.fromEntries(['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'].map((d) => [d, [['06:00', '22:00']]])),
    });
    expect(made.status).toBe(201);
    expect(made.json.formFields).toEqual([
      { field: 'start_date', required: true },
      { field: 'time', required: true },
      { field: 'destination', required: true },
      { field: 'travelers', required: false },
    ]);
  });

  it('an admin declares them through the API; a period of no length, a time of day that does not exist, a time without a date are refused and nothing is written', async () => {
    const { apiClient } = await import('./support/api-client.ts');
    const api = apiClient(h.sys);
    const bad = [
      { hours: { mon: [['09:00', '09:00']] } },
      { hours: { mon: [['09:00', '25:00']] } },
      { formFields: [{ field: 'time', required: true }] },
      { formFields: [{ field: 'start_date' }, { field: 'start_date' }] },
      { formFields: [{ field: 'colour' }] },
    ];
    for (const body of bad) {
      const res = await api('PATCH', `/api/v1/services/${key}`, body);
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    const row = await h.sys.knex('services').where({ key }).first();
    expect(row.hours.mon).toEqual([['06:00', '22:00']]);
    expect(row.form_fields).toHaveLength(4);
  });

  it('the catalog feed gives each service the fields the form asks and its hours: declared, or derived from the service', async () => {
    const feed = (await h.pub('GET', '/public/v1/services')).json;
    expect(feed.timeZone).toBe('Asia/Bangkok');
    expect(feed.closedDays).toEqual(expect.any(Array));
    const mine = feed.items.find((s: { key: string }) => s.key === key);
    expect(mine.fields.map((f: { field: string }) => f.field)).toEqual(['start_date', 'time', 'destination', 'travelers']);
    expect(mine.hours.sat).toEqual([['06:00', '22:00']]);
    // The sushi class declares nothing: a date and a time (under a day), how many people (limited places), none required.
    const sushi = feed.items.find((s: { key: string }) => s.key === 'sushi_class');
    expect(sushi.fields).toEqual([
      { field: 'start_date', required: false },
      { field: 'time', required: false },
      { field: 'travelers', required: false },
    ]);
    // The demo's airport transfer declares its own: when, and where to or from; early and late hours.
    const transfer = feed.items.find((s: { key: string }) => s.key === 'airport_transfer');
    expect(transfer.fields.filter((f: { required: boolean }) => f.required).map((f: { field: string }) => f.field)).toEqual(['start_date', 'time', 'destination']);
    expect(transfer.hours.mon).toEqual([['04:00', '24:00']]);
    // A tour of a day or more asks a date range.
    const long = feed.items.find((s: { durationMinutes: number | null }) => (s.durationMinutes ?? 0) >= 1440);
    if (long) expect(long.fields.map((f: { field: string }) => f.field).slice(0, 2)).toEqual(['start_date', 'end_date']);
  });

  it('refuses a time outside the hours, missing required fields, too many people and a time without a date with a 422 naming each field, and books nothing', async () => {
    const before = await bookings();
    const late = await web({ service: key, start_date: `${nextYear}-02-14`, time: '23:30', destination: 'Suvarnabhumi airport' });
    expect(late.status).toBe(422);
    expect(paths(late)).toEqual(['time:outside_hours']);
    expect(late.json.error.details[0].message).toContain('06:00-22:00');
    const missing = await web({ service: key, start_date: `${nextYear}-02-14` });
    expect(missing.status).toBe(422);
    expect(paths(missing)).toEqual(['destination:required', 'time:required']);
    const crowd = await web({ service: key, start_date: `${nextYear}-02-14`, time: '08:00', destination: 'Don Mueang', travelers: 9 });
    expect(paths(crowd)).toEqual(['travelers:over_capacity']);
    const noDate = await web({ service: 'sushi_class', time: '10:00' });
    expect(paths(noDate)).toEqual(['start_date:required']);
    const badTime = await web({ service: key, start_date: `${nextYear}-02-14`, time: '7:5', destination: 'x' });
    expect(badTime.status).toBe(422);
    expect(badTime.json.error.details.map((d: { path: string }) => d.path)).toEqual(['time']);
    // Inside LINE too: the same rules, the same answer.
    const fromLine = await h.pub('POST', '/liff-api/v1/bookings', {
      headers: { authorization: `Bearer ${h.idToken(lineId('U'))}`, 'idempotency-key': randomUUID() },
      body: { service: key, start_date: `${nextYear}-02-14`, time: '05:59', destination: 'Pattaya', name: 'Nok', language: 'th' },
    });
    expect(fromLine.status).toBe(422);
    expect(paths(fromLine)).toEqual(['time:outside_hours']);
    expect(await bookings()).toBe(before);
  });

  it("a holiday of the business closes its services that day: the date is refused, naming it", async () => {
    const { apiClient } = await import('./support/api-client.ts');
    const api = apiClient(h.sys);
    const holiday = `${nextYear}-04-13`;
    expect((await api('PATCH', '/api/v1/org/business-calendar', { holidays: [holiday] })).status).toBe(200);
    try {
      const before = await bookings();
      const res = await web({ service: key, start_date: holiday, time: '10:00', destination: 'Hua Hin' });
      expect(res.status).toBe(422);
      expect(paths(res)).toEqual(['start_date:closed']);
      expect(res.json.error.details[0].message).toContain('holiday');
      expect(await bookings()).toBe(before);
      expect((await h.pub('GET', '/public/v1/services')).json.closedDays).toContain(holiday);
    } finally {
      await api('PATCH', '/api/v1/org/business-calendar', { holidays: [] });
    }
  });

  it('a time earlier today, where the business is, has passed', async () => {
    const { checkServiceForm } = await import('../core/bookings/service-hours.ts');
    const now = new Date('2027-02-14T03:00:00Z'); // 10:00 in Bangkok
    const form = { service: key, start_date: '2027-02-14', destination: 'Airport' };
    await expect(checkServiceForm(h.sys.knex, { orgId: h.sys.defaultOrgId, form: { ...form, time: '09:59' }, now })).rejects.toMatchObject({
      code: 'validation_failed',
      details: [expect.objectContaining({ path: 'time', reason: 'past' })],
    });
    await expect(checkServiceForm(h.sys.knex, { orgId: h.sys.defaultOrgId, form: { ...form, time: '10:00' }, now })).resolves.toBeUndefined();
  });

  it('takes a booking inside the hours, with its time and destination', async () => {
    const res = await web({ service: key, start_date: `${nextYear}-02-14`, time: '21:59', destination: 'Suvarnabhumi airport', travelers: 3 });
    expect(res.status).toBe(201);
    const row = await h.sys.knex('bookings').where({ number: res.json.booking_id }).first();
    expect(String(row.requested_time).slice(0, 5)).toBe('21:59');
    expect(row).toMatchObject({ party_size: 3, details: expect.objectContaining({ destination: 'Suvarnabhumi airport' }) });
  });
});

describe('the booking form from the chat', () => {
  it('a LINE customer who asks to book is offered the booking form in the LIFF app, beside the services to pick in chat', async () => {
    const { replyData } = await import('../bot/conversation/dialogue.ts');
    const user = lineId('U');
    const hello = await h.ask(user, { text: 'สวัสดีค่ะ' });
    expect(hello.text).not.toContain('/book');
    const book = hello.quickReplies.find((q) => q.data === replyData('intent', 'booking'))!;
    const asked = await h.ask(user, { postback: { data: book.data! } });
    expect(asked.text).toContain(`https://liff.line.me/${LIFF_ID}/book`);
    expect(asked.text).toContain('ต้องการจองบริการไหน');
    // The chat's own way on stays: a service per quick reply.
    expect(asked.quickReplies.map((q) => q.data)).toContain(replyData('service', 'sushi_class'));
    // As LINE received it: one text message with the link.
    const sent = h.line.state.deliveries.filter((d) => d.kind === 'reply' && JSON.stringify(d.messages).includes(`${LIFF_ID}/book`));
    expect(sent).toHaveLength(1);
    expect(sent[0].messages).toEqual([expect.objectContaining({ type: 'text', text: expect.stringContaining(`https://liff.line.me/${LIFF_ID}/book`) })]);
    // Once the service is known, the chat asks on without the link.
    const next = await h.ask(user, { postback: { data: replyData('service', 'sushi_class') } });
    expect(next.text).not.toContain('/book');
  });

  it('an org set up before the offer existed gets its text from the migration; its own text is kept', async () => {
    const { up } = await import('../migrations/20261122008101_booking_form_offer.ts');
    const offer = () => h.sys.knex('templates').where({ org_id: h.sys.defaultOrgId, key: 'booking_form_offer' }).orderBy('language');
    await h.sys.knex('templates').where({ org_id: h.sys.defaultOrgId, key: 'booking_form_offer', language: 'th' }).del();
    await h.sys.knex('templates').where({ org_id: h.sys.defaultOrgId, key: 'booking_form_offer', language: 'en' }).update({ body: 'Our form: {{booking_form_url}}' });
    await up(h.sys.knex);
    expect((await offer()).map((t) => [t.language, t.body])).toEqual([
      ['en', 'Our form: {{booking_form_url}}'],
      ['th', expect.stringContaining('{{booking_form_url}}')],
    ]);
  });
});

describe("the customer's rich menu", () => {
  it('an admin sets it up on a LINE channel through the Messaging API: menu, image, default; other roles may not', async () => {
    const channel = await h.sys.knex('channels').where({ kind: 'line', is_active: true }).first();
    const { apiClient } = await import('./support/api-client.ts');
    const api = apiClient(h.sys);
    const res = await api('POST', `/api/v1/channels/${channel.id}/rich-menu`);
    expect(res.status).toBe(201);
    expect(res.json.links).toEqual({ book: `https://liff.line.me/${LIFF_ID}/book`, me: `https://liff.line.me/${LIFF_ID}/me`, card: `https://liff.line.me/${LIFF_ID}/card` });
    const made = h.line.state.richMenus.get(res.json.richMenuId)!;
    expect(made.menu.areas!.map((a) => a.action)).toEqual([
      expect.objectContaining({ type: 'uri', uri: res.json.links.book }),
      expect.objectContaining({ type: 'uri', uri: res.json.links.me }),
      expect.objectContaining({ type: 'uri', uri: res.json.links.card }),
      expect.objectContaining({ type: 'message' }),
    ]);
    expect(made.image?.contentType).toBe('image/png');
    expect([...h.line.state.defaultRichMenus.values()]).toContain(res.json.richMenuId);
    const support = (await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' })).json.key;
    expect((await api('POST', `/api/v1/channels/${channel.id}/rich-menu`, undefined, support)).status).toBe(403);
    expect((await api('POST', `/api/v1/channels/00000000-0000-4000-8000-000000000000/rich-menu`)).status).toBe(404);
  });
});
