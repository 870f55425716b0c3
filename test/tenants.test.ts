import { existsSync, readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signTwilioRequest } from '../bot/whatsapp/twilio-signature.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { DEFAULT_TWILIO_ACCOUNT_SID, DEFAULT_TWILIO_AUTH_TOKEN } from '../dev/fakes/twilio-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import type { WebhookDoor } from './support/line-customer.ts';
import { TEST_ADMIN_KEY, until, untilSettled } from './support/test-system.ts';
import { randomPhone, whatsAppMessage } from './support/whatsapp-customer.ts';

/**
 * A second business on the same deployment (issue #43): the platform operator creates it, its
 * first admin accepts the invitation in LINE, connects its own LINE channel, and a customer's
 * message there opens a case there, which the first business cannot read, nor the second the
 * first's. Then what the operator does to it: suspend, resume, delete.
 */
/** The harness's PUBLIC_BASE_URL (test/support/line-customer.ts), which Twilio's signatures cover. */
const PUBLIC_BASE_URL = 'https://desk.example';
const PLATFORM_KEY = 'platform-key-' + randomBytes(12).toString('hex');
let h: LiffHarness;
let api: ReturnType<typeof apiClient>;
const platform = (method: string, path: string, body?: unknown, key = PLATFORM_KEY) => api(method, path, body, key);

beforeAll(async () => {
  h = await startLiffHarness({ PLATFORM_API_KEY: PLATFORM_KEY });
  api = apiClient(h.sys);
}, 90_000);
afterAll(() => h?.close());

/** Rows of the org in every table that has an org_id: the measure of "nothing of it remains". */
async function rowsOfOrg(orgId: string): Promise<Record<string, number>> {
  const { rows } = await h.sys.knex.raw(
    `SELECT c.table_name FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
      WHERE c.column_name = 'org_id' AND c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'`,
  );
  const out: Record<string, number> = {};
  for (const { table_name } of rows as { table_name: string }[]) {
    const n = Number((await h.sys.knex(table_name).where({ org_id: orgId }).count({ n: '*' }))[0].n);
    if (n) out[table_name] = n;
  }
  return out;
}

const tokenOf = (url: string) => new URL(url).searchParams.get('invitation')!;
const accept = (token: string, lineUserId: string) => h.pub('POST', '/liff-api/v1/invitations/accept', { headers: { authorization: `Bearer ${h.idToken(lineUserId, { name: 'Nok Owner' })}` }, body: { token } });
const asStaff = (method: string, path: string, lineUserId: string, body?: unknown, org?: string) =>
  h.pub(method, path, { headers: { authorization: `Bearer ${h.idToken(lineUserId)}`, ...(org ? { 'x-opsdesk-org': org } : {}) }, body });

/** A new business through the platform API, its admin signed in, its own LINE channel connected through Settings. */
async function newBusiness(name: string, kit: 'order_desk' | 'school') {
  const made = await platform('POST', '/platform/v1/orgs', { name, businessType: kit, starterKit: kit, timeZone: 'Asia/Bangkok', languages: ['th', 'en'], adminApiKey: true });
  expect(made.status, JSON.stringify(made.json)).toBe(201);
  const admin = lineId('U');
  expect((await accept(tokenOf(made.json.invitation.url), admin)).status).toBe(201);
  const token = `tok-${randomBytes(8).toString('hex')}`;
  const secret = randomBytes(16).toString('hex');
  h.line.state.addChannel({ channelAccessToken: token, channelSecret: secret });
  const channel = await asStaff('POST', '/liff-api/v1/settings/channels', admin, { name: `${name} LINE`, credentials: { channelAccessToken: token, channelSecret: secret } });
  expect(channel.status, JSON.stringify(channel.json)).toBe(201);
  const door: WebhookDoor = { path: `/webhooks/line/${channel.json.id}`, secret };
  // What the classifier makes of a message is not under test here: the bot acts on a fair guess.
  expect((await api('PATCH', '/api/v1/org/settings', { actWhenSure: 50 }, made.json.adminApiKey)).status).toBe(200);
  return { org: made.json, admin, key: made.json.adminApiKey as string, door, token, secret };
}

let second: Awaited<ReturnType<typeof newBusiness>>;
let firstCase: { number: string };
let secondCase: string;

describe('a second business on the same deployment', () => {
  it('is created by the platform key, its admin joins by the invitation, and a LINE message to its channel opens a case there that the first business cannot read', async () => {
    second = await newBusiness('Siam Top-up Desk', 'order_desk');
    expect(second.org).toMatchObject({ status: 'active', businessType: 'order_desk', starterKits: ['order_desk'], languages: ['th', 'en'], isDefault: false });
    expect(second.key).toMatch(/^odk_/);
    const staff = await h.sys.knex('staff').where({ org_id: second.org.id, line_user_id: second.admin }).first();
    expect(staff).toMatchObject({ role: 'admin', is_active: true });

    const customer = lineId('U');
    await h.send(customer, { text: 'เติมเงินไป 500 บาทแล้วเครดิตไม่เข้าค่ะ ออเดอร์ 123456' }, second.door);
    const opened = await until(() => h.sys.knex('cases').where({ org_id: second.org.id }).first());
    secondCase = opened.number;
    firstCase = await h.reportProblem(lineId('U'));
    expect(await h.sys.knex('cases').where({ number: firstCase.number, org_id: h.sys.defaultOrgId }).first()).toBeTruthy();

    // Each admin key reads its own business's case, and the other's is not there (404).
    expect((await api('GET', `/api/v1/cases/${secondCase}`, undefined, second.key)).json).toMatchObject({ number: secondCase });
    const secondFromFirst = opened.number === firstCase.number ? undefined : await api('GET', `/api/v1/cases/${secondCase}`);
    if (secondFromFirst) expect(secondFromFirst.status).toBe(404);
    const firstFromSecond = await api('GET', `/api/v1/cases/${firstCase.number}`, undefined, second.key);
    // Case numbers run per business: the same number may exist in both, each reading only its own.
    if (firstCase.number === secondCase) expect(firstFromSecond.json.id).toBe(opened.id);
    else expect(firstFromSecond.status).toBe(404);
    const byId = await h.sys.knex('cases').where({ org_id: h.sys.defaultOrgId, number: firstCase.number }).first();
    expect(JSON.stringify(firstFromSecond.json)).not.toContain(byId.id);
    // The second business's list holds its case only.
    const list = await api('GET', '/api/v1/conversations', undefined, second.key);
    expect(list.status).toBe(200);
    expect(JSON.stringify(list.json)).not.toContain(byId.id);
  });

  it('gives the new business its kit in Thai and English; applying the kit again adds nothing', async () => {
    const types = await api('GET', '/api/v1/case-types', undefined, second.key);
    const topup = types.json.find((t: { key: string }) => t.key === 'topup_not_credited');
    expect(topup).toMatchObject({ name: { th: 'เติมเงินไม่เข้า', en: 'Top-up not credited' }, firstResponseMinutes: 15, defaultSeverity: 'critical' });
    const count = async () => ({
      caseTypes: Number((await h.sys.knex('case_types').where({ org_id: second.org.id }).count({ n: '*' }))[0].n),
      providers: Number((await h.sys.knex('providers').where({ org_id: second.org.id }).count({ n: '*' }))[0].n),
      faq: Number((await h.sys.knex('faq_entries').where({ org_id: second.org.id }).count({ n: '*' }))[0].n),
    });
    // An order desk has nothing to book: its welcome and "tell us more" say what it does, in both languages.
    const text = async (key: string, language: string) => (await h.sys.knex('templates').where({ org_id: second.org.id, key, language }).first()).body as string;
    expect(await text('greeting_follow', 'en')).toContain('report a problem with an order or a top-up');
    expect(await text('clarify_intent', 'th')).not.toContain('จองบริการ');
    // The admin words one text their own way: applying the kit again leaves it.
    const mine = 'Hi! Tell us your order number and what went wrong.';
    expect((await api('PUT', '/api/v1/templates/clarify_intent/en', { body: mine }, second.key)).status).toBe(200);
    const before = await count();
    const again = await platform('POST', `/platform/v1/orgs/${second.org.id}/starter-kit`, { kit: 'order_desk' });
    expect(again.status).toBe(200);
    expect(again.json.added).toEqual({ caseTypes: 0, services: 0, providers: 0, faq: 0, bookingStages: false, texts: 0 });
    expect(await text('clarify_intent', 'en')).toBe(mine);
    const byAdmin = await api('POST', '/api/v1/starter-kit', { kit: 'order_desk' }, second.key);
    expect(byAdmin.json.added.caseTypes).toBe(0);
    expect(await count()).toEqual(before);
    expect((await h.sys.knex('orgs').where({ id: second.org.id }).first()).starter_kits).toEqual(['order_desk']);
  });

  it('refuses an invitation used twice, or expired, and changes nothing', async () => {
    const made = await platform('POST', '/platform/v1/orgs', { name: 'Lanna Cooking School', businessType: 'school' });
    const token = tokenOf(made.json.invitation.url);
    const owner = lineId('U');
    expect((await accept(token, owner)).status).toBe(201);
    const staffBefore = await h.sys.knex('staff').where({ org_id: made.json.id }).select('id', 'role', 'line_user_id');
    for (const who of [owner, lineId('U')]) {
      const twice = await accept(token, who);
      expect(twice.status).toBe(409);
      expect(twice.json.error).toMatchObject({ code: 'conflict', details: { reason: 'invitation_used' } });
      expect(twice.json.error.message).toMatch(/used already/);
    }
    expect(await h.sys.knex('staff').where({ org_id: made.json.id }).select('id', 'role', 'line_user_id')).toEqual(staffBefore);

    const late = await platform('POST', '/platform/v1/orgs', { name: 'Late Owner Tours', businessType: 'tour_operator' });
    await h.sys.knex('org_invitations').where({ org_id: late.json.id }).update({ expires_at: new Date(Date.now() - 1000) });
    const expired = await accept(tokenOf(late.json.invitation.url), lineId('U'));
    expect(expired.status).toBe(409);
    expect(expired.json.error).toMatchObject({ details: { reason: 'invitation_expired' } });
    expect(await h.sys.knex('staff').where({ org_id: late.json.id }).count({ n: '*' })).toEqual([{ n: expect.anything() }]);
    expect(Number((await h.sys.knex('staff').where({ org_id: late.json.id }).count({ n: '*' }))[0].n)).toBe(0);
    expect((await h.sys.knex('org_invitations').where({ org_id: late.json.id }).first()).accepted_at).toBeNull();

    const unknown = await accept('inv_' + randomBytes(20).toString('base64url'), lineId('U'));
    expect(unknown.status).toBe(404);
  });

  it('refuses a LINE channel another business has connected, storing nothing', async () => {
    const third = await platform('POST', '/platform/v1/orgs', { name: 'Third Desk', businessType: 'order_desk' });
    const admin = lineId('U');
    await accept(tokenOf(third.json.invitation.url), admin);
    const channelsBefore = await h.sys.knex('channels').count({ n: '*' });
    const taken = await asStaff('POST', '/liff-api/v1/settings/channels', admin, { name: 'Not ours', credentials: { channelAccessToken: second.token, channelSecret: second.secret } });
    expect(taken.status).toBe(409);
    expect(taken.json.error).toMatchObject({ code: 'already_exists', details: { reason: 'channel_taken' } });
    expect(taken.json.error.message).toMatch(/another business/);
    expect(await h.sys.knex('channels').count({ n: '*' })).toEqual(channelsBefore);
  });

  it('refuses the platform key on an org route and an org key on a platform route, each saying why', async () => {
    const platformOnOrg = await api('GET', '/api/v1/me', undefined, PLATFORM_KEY);
    expect(platformOnOrg.status).toBe(403);
    expect(platformOnOrg.json.error).toMatchObject({ code: 'forbidden', details: { reason: 'platform_key_on_org_route' } });
    for (const key of [second.key, TEST_ADMIN_KEY]) {
      const orgOnPlatform = await platform('GET', '/platform/v1/orgs', undefined, key);
      expect(orgOnPlatform.status).toBe(403);
      expect(orgOnPlatform.json.error).toMatchObject({ code: 'forbidden', details: { reason: 'org_key_on_platform_route' } });
    }
    expect((await api('GET', '/api/v1/me', undefined, second.key)).status).toBe(200);
    const orgsBefore = await h.sys.knex('orgs').count({ n: '*' });
    const refused = await platform('POST', '/platform/v1/orgs', { name: 'Sneaky', businessType: 'other' }, second.key);
    expect(refused.status).toBe(403);
    expect(await h.sys.knex('orgs').count({ n: '*' })).toEqual(orgsBefore);
    const wrong = await platform('GET', '/platform/v1/orgs', undefined, 'not-a-key-at-all-0123456789');
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.code).toBe('unauthenticated');
  });

  it("suspends a business: its LINE, WhatsApp and SMS webhooks are answered 200 and stored nowhere (counted for the operator), its people are told; resumed, it works again", async () => {
    // Its WhatsApp sender and SMS number, added while it is active (Twilio signs with the account's token).
    const twilioChannel = async (kind: 'whatsapp' | 'sms', sender: string) => {
      const made = await api('POST', '/api/v1/channels', { kind, name: `Top-up ${kind}`, sender, credentials: { accountSid: DEFAULT_TWILIO_ACCOUNT_SID, authToken: DEFAULT_TWILIO_AUTH_TOKEN } }, second.key);
      expect(made.status, JSON.stringify(made.json)).toBe(201);
      return `/webhooks/${kind}/${made.json.id}`;
    };
    const whatsAppDoor = await twilioChannel('whatsapp', `whatsapp:${randomPhone()}`);
    const smsDoor = await twilioChannel('sms', randomPhone());
    const postTwilio = async (path: string, params: Record<string, string>) => {
      // Twilio signs the public address it was given (the harness's PUBLIC_BASE_URL).
      const res = await fetch(h.sys.url + path, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signTwilioRequest(DEFAULT_TWILIO_AUTH_TOKEN, PUBLIC_BASE_URL + path, params) },
        body: new URLSearchParams(params).toString(),
      });
      return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
    };

    const suspended = await platform('POST', `/platform/v1/orgs/${second.org.id}/suspend`);
    expect(suspended.json).toMatchObject({ status: 'suspended', refusedDeliveries: 0 });
    const events = async () => Number((await h.sys.knex('inbound_events').where({ org_id: second.org.id }).count({ n: '*' }))[0].n);
    const messages = async () => Number((await h.sys.knex('messages').where({ org_id: second.org.id }).count({ n: '*' }))[0].n);
    const before = { events: await events(), messages: await messages() };
    await h.send(lineId('U'), { text: 'สวัสดีค่ะ' }, second.door);
    await h.send(lineId('U'), { text: 'hello' }, second.door);
    // Twilio is answered with empty TwiML, as for a delivery it took, so it does not retry.
    for (const answer of [
      await postTwilio(whatsAppDoor, whatsAppMessage(randomPhone(), 'เติมเงินไม่เข้าค่ะ')),
      await postTwilio(smsDoor, { MessageSid: 'SM' + randomBytes(16).toString('hex'), AccountSid: DEFAULT_TWILIO_ACCOUNT_SID, From: randomPhone(), To: '+6620000001', Body: 'hello', NumMedia: '0' }),
    ]) {
      expect(answer).toMatchObject({ status: 200, type: expect.stringContaining('text/xml') });
      expect(answer.text).toMatch(/<Response><\/Response>$/);
    }
    expect({ events: await events(), messages: await messages() }).toEqual(before);
    const listed = (await platform('GET', '/platform/v1/orgs')).json.find((o: { id: string }) => o.id === second.org.id);
    expect(listed).toMatchObject({ status: 'suspended', refusedDeliveries: 4 });

    const byKey = await api('GET', '/api/v1/me', undefined, second.key);
    expect(byKey.status).toBe(403);
    expect(byKey.json.error).toMatchObject({ details: { reason: 'org_suspended' } });
    expect(byKey.json.error.message).toMatch(/suspended/);
    const bySignIn = await asStaff('GET', '/liff-api/v1/staff/me', second.admin);
    expect(bySignIn.status).toBe(403);
    expect(bySignIn.json.error).toMatchObject({ details: { reason: 'org_suspended' } });

    expect((await platform('POST', `/platform/v1/orgs/${second.org.id}/resume`)).json.status).toBe('active');
    expect((await api('GET', '/api/v1/me', undefined, second.key)).status).toBe(200);
    expect((await asStaff('GET', '/liff-api/v1/staff/me', second.admin)).json).toMatchObject({ role: 'admin' });
  });

  it("limits a business's API keys together where the operator set it its own limit, and not the other business's", async () => {
    const set = await platform('PUT', `/platform/v1/orgs/${second.org.id}/limits`, { api: { points: 3, seconds: 60 } });
    expect(set.json.limits).toEqual({ api: { points: 3, seconds: 60 } });
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await api('GET', '/api/v1/me', undefined, second.key));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 429]);
    expect(answers[3].json.error.code).toBe('rate_limited');
    // The first business is not counted with it.
    for (let i = 0; i < 4; i++) expect((await api('GET', '/api/v1/me')).status).toBe(200);
    const bad = await platform('PUT', `/platform/v1/orgs/${second.org.id}/limits`, { api: { points: 0, seconds: 60 } });
    expect(bad.status).toBe(422);
    expect((await platform('GET', `/platform/v1/orgs/${second.org.id}`)).json.limits).toEqual({ api: { points: 3, seconds: 60 } });
    // None at all for it now: its keys answer again.
    expect((await platform('PUT', `/platform/v1/orgs/${second.org.id}/limits`, { api: null })).json.limits).toEqual({ api: null });
    expect((await api('GET', '/api/v1/me', undefined, second.key)).status).toBe(200);
  });

  it("caps the customer messages the bot reads for a business in a day: past it a message is stored and waits for a person, and the other business's bot reads on", async () => {
    const readings = async () => Number((await h.sys.knex('classifications').where({ org_id: second.org.id }).count({ n: '*' }))[0].n);
    const readToday = await readings();
    expect(readToday).toBeGreaterThan(0);
    // Every reading so far was today: the cap is used up.
    const set = await platform('PUT', `/platform/v1/orgs/${second.org.id}/limits`, { botMessagesPerDay: readToday });
    expect(set.json.limits).toEqual({ botMessagesPerDay: readToday });
    const bad = await platform('PUT', `/platform/v1/orgs/${second.org.id}/limits`, { botMessagesPerDay: -1 });
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('validation_failed');
    expect((await platform('GET', `/platform/v1/orgs/${second.org.id}`)).json.limits).toEqual({ botMessagesPerDay: readToday });

    const customer = lineId('U');
    const text = 'เติมเงินไป 200 บาทแล้วเครดิตไม่เข้าค่ะ ออเดอร์ 555111';
    const event = await h.send(customer, { text }, second.door);
    const conversation = await until(() => h.sys.knex('conversations').where({ org_id: second.org.id, external_id: customer, inbox_status: 'waiting' }).first());
    // Never lost: the message is stored on the conversation, which waits for a person, and says why.
    expect(await h.sys.knex('messages').where({ conversation_id: conversation.id, direction: 'in' }).pluck('text')).toEqual([text]);
    const waiting = await h.sys.knex('conversation_events').where({ conversation_id: conversation.id, type: 'waiting' }).first();
    expect(waiting).toMatchObject({ actor_type: 'system', data: { reason: 'bot_daily_limit' } });
    // The LLM was not asked, no case was opened by the bot, and the customer hears that a person will answer.
    expect(await readings()).toBe(readToday);
    expect(await h.sys.knex('cases').where({ org_id: second.org.id, conversation_id: conversation.id }).first()).toBeUndefined();
    const told = await until(async () => h.line.state.deliveries.find((d) => d.replyToken === event.replyToken) ?? false);
    expect(JSON.stringify(told.messages)).not.toContain('C-0');
    // The business's admins find it in their inbox, waiting.
    const inbox = await api('GET', '/api/v1/conversations?status=waiting', undefined, second.key);
    expect(JSON.stringify(inbox.json)).toContain(conversation.id);

    // The first business has no cap: its bot reads and opens a case as before.
    expect((await h.reportProblem(lineId('U'))).number).toMatch(/^C-\d{6}$/);

    // Lifted, the bot reads this business's customers again.
    expect((await platform('PUT', `/platform/v1/orgs/${second.org.id}/limits`, { botMessagesPerDay: null })).json.limits).toEqual({ botMessagesPerDay: null });
    await h.send(lineId('U'), { text: 'เติมเงินไป 100 บาทแล้วเครดิตไม่เข้าค่ะ ออเดอร์ 555222' }, second.door);
    await until(async () => (await readings()) > readToday);
  });

  it('lets a staff member of two businesses on one LINE Login channel choose which one they act for', async () => {
    // The second business's admin is also made staff of the first (the default org).
    const added = await api('POST', '/api/v1/staff', { displayName: 'Nok Both', role: 'manager', language: 'en' });
    await h.send(second.admin, { text: added.json.enrolment.code });
    await until(() => h.sys.knex('staff').where({ id: added.json.id, line_user_id: second.admin }).first());
    const unsure = await asStaff('GET', '/liff-api/v1/staff/me', second.admin);
    expect(unsure.status).toBe(403);
    expect(unsure.json.error.details.reason).toBe('choose_org');
    expect(unsure.json.error.details.orgs.map((o: { slug: string }) => o.slug).sort()).toEqual(['demo', second.org.slug].sort());
    expect((await asStaff('GET', '/liff-api/v1/staff/me', second.admin, undefined, second.org.slug)).json).toMatchObject({ role: 'admin' });
    expect((await asStaff('GET', '/liff-api/v1/staff/me', second.admin, undefined, 'demo')).json).toMatchObject({ role: 'manager', id: added.json.id });
  });

  it('signs in through a business\'s own LINE Login channel to that business only, staff and customers alike', async () => {
    const OWN_LOGIN = '1700000123';
    const made = await platform('POST', '/platform/v1/orgs', { name: 'Own App Top-ups', businessType: 'order_desk', starterKit: 'order_desk', lineLoginChannelId: OWN_LOGIN, adminApiKey: true });
    expect(made.json.lineLoginChannelId).toBe(OWN_LOGIN);
    const owner = lineId('U');
    // Opened in the deployment's app, the invitation is for another app's people: refused, nothing written.
    const wrongApp = await accept(tokenOf(made.json.invitation.url), owner);
    expect(wrongApp.status).toBe(403);
    expect(wrongApp.json.error.details.reason).toBe('wrong_app');
    expect(Number((await h.sys.knex('staff').where({ org_id: made.json.id }).count({ n: '*' }))[0].n)).toBe(0);
    const ownToken = (who: string) => `Bearer ${h.idToken(who, { channelId: OWN_LOGIN })}`;
    const accepted = await h.pub('POST', '/liff-api/v1/invitations/accept', { headers: { authorization: ownToken(owner) }, body: { token: tokenOf(made.json.invitation.url) } });
    expect(accepted.status).toBe(201);
    expect((await h.pub('GET', '/liff-api/v1/staff/me', { headers: { authorization: ownToken(owner) } })).json).toMatchObject({ id: accepted.json.staff.id, role: 'admin' });
    // The same LINE user id through the deployment's app is nobody's staff here.
    expect((await asStaff('GET', '/liff-api/v1/staff/me', owner)).json.error.details.reason).toBe('not_staff');
    // Another business's LINE Login channel cannot be given twice.
    const twice = await platform('POST', '/platform/v1/orgs', { name: 'Copy Tours', businessType: 'tour_operator', lineLoginChannelId: OWN_LOGIN });
    expect(twice.status).toBe(409);
    expect(twice.json.error.details.reason).toBe('login_channel_taken');

    // A customer of this business opens its customer page through its own app and sees their case there.
    const token = `tok-${randomBytes(8).toString('hex')}`;
    const secret = randomBytes(16).toString('hex');
    h.line.state.addChannel({ channelAccessToken: token, channelSecret: secret });
    const channel = await h.pub('POST', '/liff-api/v1/settings/channels', { headers: { authorization: ownToken(owner) }, body: { name: 'Own App LINE', credentials: { channelAccessToken: token, channelSecret: secret } } });
    expect(channel.status).toBe(201);
    expect((await api('PATCH', '/api/v1/org/settings', { actWhenSure: 50 }, made.json.adminApiKey)).status).toBe(200);
    const customer = lineId('U');
    await h.send(customer, { text: 'เติมเงินไป 300 บาทแล้วเครดิตไม่เข้าค่ะ ออเดอร์ 424242' }, { path: `/webhooks/line/${channel.json.id}`, secret });
    const ownCase = await until(() => h.sys.knex('cases').where({ org_id: made.json.id }).first());
    const mine = await h.pub('GET', '/liff-api/v1/me/bookings-and-cases', { headers: { authorization: ownToken(customer) } });
    expect(mine.json.known).toBe(true);
    expect(mine.json.cases.map((c: { number: string }) => c.number)).toEqual([ownCase.number]);
    const elsewhere = await h.pub('GET', '/liff-api/v1/me/bookings-and-cases', { headers: { authorization: `Bearer ${h.idToken(customer)}` } });
    expect(elsewhere.json).toMatchObject({ known: false, cases: [] });
  });

  it('deletes a business: exported first, its running work stops, and on schedule every row of it is gone', async () => {
    // Work in flight: a customer message being routed as the deletion comes.
    await h.send(lineId('U'), { text: 'ยอดไม่ขึ้นค่ะ ออเดอร์ 778899' }, second.door);
    const rowsBefore = await rowsOfOrg(second.org.id);
    expect(rowsBefore.cases).toBeGreaterThan(0);
    const deleted = await platform('DELETE', `/platform/v1/orgs/${second.org.id}?afterHours=0`);
    expect(deleted.status).toBe(202);
    expect(deleted.json).toMatchObject({ status: 'deleting' });
    expect(existsSync(deleted.json.exportFile)).toBe(true);
    const exported = readFileSync(deleted.json.exportFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { table: string });
    expect(exported.length).toBe(deleted.json.exportedRows);
    expect(exported.filter((l) => l.table === 'cases').length).toBeGreaterThanOrEqual(rowsBefore.cases);
    // Its doors are shut at once.
    expect((await api('GET', '/api/v1/me', undefined, second.key)).json.error.details.reason).toBe('org_deleting');

    await until(async () => !(await h.sys.knex('orgs').where({ id: second.org.id }).first()), 15_000);
    expect(await rowsOfOrg(second.org.id)).toEqual({});
    await untilSettled(h.sys.knex);
    expect(await rowsOfOrg(second.org.id)).toEqual({});
    // The first business is untouched.
    expect((await api('GET', `/api/v1/cases/${firstCase.number}`)).status).toBe(200);
    expect((await platform('GET', `/platform/v1/orgs/${second.org.id}`)).status).toBe(404);
  });
});
