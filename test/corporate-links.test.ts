import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildBalances, trialBalance } from '../core/ledger/ledger.ts';
import { upsertChannelByOrigin } from '../core/channels/channel-directory.ts';
import { learnBasicId } from '../core/channels/line-basic-id.ts';
import { SecretBox } from '../core/crypto/secret-box.ts';
import { createClient, listClients } from '../core/members/corporate-clients.ts';
import { sweepMembers } from '../core/members/member-expiry.ts';
import { apiClient } from './support/api-client.ts';
import { startLiffHarness, type LiffHarness } from './support/liff-customer.ts';
import { enrolStaff, type EnrolledStaff } from './support/staff-desk.ts';

/**
 * Corporate clients, the links around them (docs/members.md "Corporate clients"): the LINE link
 * that carries a client's join code, made from the business's LINE account's basic id (learned
 * from LINE's bot info when a channel is connected or checked); the usage link its contact person
 * opens with no sign-in, made and revoked by an admin; and a seat's package that ends with its
 * client. Bad inputs: LINE's bot info failing (connected all the same, no link), a usage token
 * wrong, replaced, revoked or past its window (the same 404 page), a client ending in 10 days.
 */
let h: LiffHarness;
let admin: EnrolledStaff;
const api = (...args: Parameters<ReturnType<typeof apiClient>>) => apiClient(h.sys)(...args);
const DAY = 86_400_000;
const inDays = (d: number) => new Date(Date.now() + d * DAY).toISOString();
let n = 0;

beforeAll(async () => {
  h = await startLiffHarness();
  admin = await enrolStaff(h, { displayName: 'Ada Admin', role: 'admin' });
  const service = await h.bookableService({ name: { th: 'บริการคอนเซียร์จ', en: 'Concierge request' }, capacity: 5, durationMinutes: 60 });
  const p = await api('POST', '/api/v1/member-packages', { key: 'corp-ten', nameTh: 'สมาชิกองค์กร 10 ครั้ง', nameEn: 'Corporate, 10 requests', credits: 10, services: [service], priceMinor: 0, validityDays: 365 });
  expect(p.status, JSON.stringify(p.json)).toBe(201);
}, 60_000);
afterAll(() => h?.close());

async function aClient(over: Record<string, unknown> = {}) {
  const r = await api('POST', '/api/v1/corporate-clients', { name: `Siam Co ${++n}`, codePrefix: 'SIAM', seats: 3, packageKey: 'corp-ten', validUntil: inDays(365), contactName: 'Khun Nok', ...over });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json as { id: string; code: string; name: string; joinText: { th: string; en: string } };
}

async function joined(code: string, name = `Person ${++n}`) {
  const [c] = await h.sys.knex('contacts').insert({ org_id: h.sys.defaultOrgId, display_name: name, language: 'th' }).returning('id');
  const j = await api('POST', '/api/v1/corporate-clients/join', { code, contactId: c.id });
  expect(j.status, JSON.stringify(j.json)).toBe(201);
  return j.json as { memberNumber: string; seatId: string; saleId: string };
}

/** Opens a usage link as the contact person would (at this test system's address). */
async function open(url: string, lang?: 'en') {
  const u = new URL(url);
  const res = await fetch(`${h.sys.url}${u.pathname}${lang ? `?lang=${lang}` : ''}`);
  return { status: res.status, type: res.headers.get('content-type'), cache: res.headers.get('cache-control'), html: await res.text() };
}

async function ledgerSound() {
  expect((await trialBalance(h.sys.knex, h.sys.defaultOrgId)).balanced).toBe(true);
  expect(await rebuildBalances(h.sys.knex)).toBe(0);
}

describe('the LINE link that carries the join code', () => {
  it("is absent, and says why, until a LINE channel's basic id is known; LINE's bot info failing at connect still connects; the next check learns it", async () => {
    const c = await aClient();
    // The bootstrap channel was never checked with LINE: no basic id yet.
    expect((await api('GET', `/api/v1/corporate-clients/${c.id}`)).json).toMatchObject({ joinLink: null, joinLinkMissing: 'basic_id_unknown' });

    // Connecting another channel while LINE's bot info fails: the channel is stored all the same.
    const token = `corp-link-${randomBytes(6).toString('hex')}`;
    const secret = randomBytes(16).toString('hex');
    const bot = h.line.state.addChannel({ channelAccessToken: token, channelSecret: secret, bot: { displayName: 'Siam Concierge' } });
    expect(bot.basicId).toMatch(/^@\d{3}[a-z]{5}$/);
    h.line.state.failNext('/v2/bot/info', { cutConnection: true });
    const connected = await h.pub('POST', '/liff-api/v1/settings/channels', { headers: { authorization: `Bearer ${h.idToken(admin.lineUserId)}` }, body: { name: 'Siam OA', credentials: { channelAccessToken: token, channelSecret: secret } } });
    expect(connected.status, JSON.stringify(connected.json)).toBe(201);
    expect(connected.json.connection).toMatchObject({ ok: false, token: 'unchecked' });
    const row = await h.sys.knex('channels').where({ id: connected.json.id }).first();
    expect(row.settings.basicId).toBeUndefined();
    expect((await api('GET', `/api/v1/corporate-clients/${c.id}`)).json).toMatchObject({ joinLink: null, joinLinkMissing: 'basic_id_unknown' });

    // Check again, LINE answering: the basic id is learned and every client shows its link.
    const checked = await api('POST', `/api/v1/channels/${connected.json.id}/check`);
    expect(checked.status, JSON.stringify(checked.json)).toBe(200);
    expect((await h.sys.knex('channels').where({ id: connected.json.id }).first()).settings.basicId).toBe(bot.basicId);
    const after = (await api('GET', `/api/v1/corporate-clients/${c.id}`)).json;
    expect(after.joinLinkMissing).toBeNull();
    expect(after.joinLink).toEqual({
      th: `https://line.me/R/oaMessage/${bot.basicId}/?${encodeURIComponent(`เข้าร่วม ${c.code}`)}`,
      en: `https://line.me/R/oaMessage/${bot.basicId}/?${encodeURIComponent(`join ${c.code}`)}`,
    });
    // The text the link carries is exactly what the chat takes as a join.
    expect(decodeURIComponent(new URL(after.joinLink.th).search.slice(1))).toBe(c.joinText.th);
    const listed = (await api('GET', '/api/v1/corporate-clients')).json.find((x: { id: string }) => x.id === c.id);
    expect(listed.joinLink).toEqual(after.joinLink);
  });

  it('the bootstrap channel keeps its basic id across a restart with the same token, and forgets it for another account', async () => {
    const other = await h.otherOrg({ key: `svc_${++n}`, name: { th: 'บริการ', en: 'Service' } });
    const secrets = new SecretBox(randomBytes(32));
    const boot = (token: string) => upsertChannelByOrigin(h.sys.knex, secrets, { orgId: other.id, kind: 'line', name: 'LINE Official Account', credentials: { channelSecret: 's', channelAccessToken: token }, settings: { origin: 'env' } });
    const id = await boot('token-one');
    await learnBasicId(h.sys.knex, id, '@123abcde');
    // A wrong shape is not kept (it would make a broken link).
    await learnBasicId(h.sys.knex, id, 'not an id');
    expect((await h.sys.knex('channels').where({ id }).first()).settings.basicId).toBe('@123abcde');
    expect(await boot('token-one')).toBe(id);
    expect((await h.sys.knex('channels').where({ id }).first()).settings.basicId).toBe('@123abcde');
    await boot('token-two');
    expect((await h.sys.knex('channels').where({ id }).first()).settings.basicId).toBeUndefined();
  });

  it('a business with no LINE channel: no link, and the reason is that there is no channel', async () => {
    const other = await h.otherOrg({ key: `svc_${++n}`, name: { th: 'บริการ', en: 'Service' } });
    await h.sys.knex.transaction((trx) => createClient(trx, { orgId: other.id, actor: { type: 'system', id: null } }, { name: 'Lone Co', seats: 2, validUntil: inDays(30) }));
    const [c] = await listClients(h.sys.knex, other.id);
    expect(c).toMatchObject({ name: 'Lone Co', joinLink: null, joinLinkMissing: 'no_line_channel' });
  });
});

describe("the contact person's usage link", () => {
  it('shows the seats, who holds each and what they used, and the seats released, in Thai and English, and nothing of staff', async () => {
    const c = await aClient({ name: 'Bangkok Freight', seats: 3 });
    expect((await api('GET', `/api/v1/corporate-clients/${c.id}`)).json.usageLink).toBeNull();
    const a = await joined(c.code, 'Somchai Jaidee');
    const b = await joined(c.code, 'Malee Suksai');
    const released = await api('POST', `/api/v1/corporate-clients/${c.id}/seats/${b.seatId}/release`, { reason: 'Secret internal note' });
    expect(released.status).toBe(200);

    const made = await api('POST', `/api/v1/corporate-clients/${c.id}/usage-link`);
    expect(made.status, JSON.stringify(made.json)).toBe(200);
    const link = made.json.usageLink as { url: string; madeAt: string; worksUntil: string };
    expect(link.url).toMatch(/\/public\/v1\/corporate-usage\/[0-9a-f]{32}$/);
    expect(new Date(link.worksUntil).getTime() - new Date(made.json.validUntil).getTime()).toBe(30 * DAY);
    expect(await h.sys.knex('audit_log').where({ action: 'corporate_client.usage_link_made', subject_id: c.id }).first()).toBeDefined();

    const th = await open(link.url);
    expect(th.status).toBe(200);
    expect(th.type).toContain('text/html');
    expect(th.cache).toBe('no-store');
    expect(th.html).toContain('<html lang="th">');
    expect(th.html).toContain('ใช้ที่นั่งแล้ว 1 จาก 3');
    expect(th.html).toContain('ใช้ไป 0 ครั้ง · เหลือ 10 จาก 10');
    const en = await open(link.url, 'en');
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('Bangkok Freight');
    expect(en.html).toContain('1 of 3 seats taken');
    expect(en.html).toMatch(new RegExp(`data-member="${a.memberNumber}">.*Somchai Jaidee`));
    expect(en.html).toContain('0 used · 10 left of 10');
    // The one who left is listed as released, without the reason staff typed.
    expect(en.html).toMatch(new RegExp(`data-released><li data-member="${b.memberNumber}">.*Malee Suksai`));
    expect(en.html).not.toContain('Secret internal note');
    // No staff data, no internal ids.
    expect(en.html).not.toContain('Ada Admin');
    expect(en.html).not.toContain(a.seatId);
    expect(en.html).not.toContain(a.saleId);
  });

  it('a wrong, replaced, revoked or expired token: the same 404 page, naming nothing', async () => {
    const c = await aClient({ name: 'Chiang Mai Textiles' });
    await joined(c.code, 'Anong Srisuk');
    const made = (await api('POST', `/api/v1/corporate-clients/${c.id}/usage-link`)).json.usageLink.url as string;
    expect((await open(made)).status).toBe(200);
    const base = made.slice(0, made.lastIndexOf('/') + 1);

    const madeUp = await open(`${base}${randomBytes(16).toString('hex')}`);
    expect(madeUp.status).toBe(404);
    expect(madeUp.html).toContain('This link does not work');
    expect(madeUp.html).not.toContain('Chiang Mai Textiles');
    // The real token with its last character changed (to another one: a token may end in "0").
    const token = made.slice(made.lastIndexOf('/') + 1);
    const oneOff = `${token.slice(0, -1)}${token.endsWith('0') ? '1' : '0'}`;
    for (const wrong of ['abc', 'X'.repeat(32), oneOff]) {
      const r = await open(`${base}${wrong}`);
      expect(r.status, wrong).toBe(404);
      expect(r.html, wrong).toBe(madeUp.html);
    }

    // A new link ends the one before.
    const second = (await api('POST', `/api/v1/corporate-clients/${c.id}/usage-link`)).json.usageLink.url as string;
    expect(second).not.toBe(made);
    expect((await open(made)).html).toBe(madeUp.html);
    expect((await open(second)).status).toBe(200);

    // Revoked: the same 404; revoking again changes nothing.
    const revoked = await api('DELETE', `/api/v1/corporate-clients/${c.id}/usage-link`);
    expect(revoked.status).toBe(200);
    expect(revoked.json.usageLink).toBeNull();
    const afterRevoke = await open(second);
    expect(afterRevoke.status).toBe(404);
    expect(afterRevoke.html).toBe(madeUp.html);
    expect((await api('DELETE', `/api/v1/corporate-clients/${c.id}/usage-link`)).status).toBe(200);
    expect(Number((await h.sys.knex('audit_log').where({ action: 'corporate_client.usage_link_revoked', subject_id: c.id }).count('* as n'))[0].n)).toBe(1);
    // Nothing of the client was lost with it.
    expect((await api('GET', `/api/v1/corporate-clients/${c.id}/seats`)).json.seats).toHaveLength(1);

    // Past its window: 30 days after the client ended, the link stops; 29 days after, it works.
    const ended = await aClient({ name: 'Old Co', validFrom: inDays(-120), validUntil: inDays(-31) });
    const old = (await api('POST', `/api/v1/corporate-clients/${ended.id}/usage-link`)).json.usageLink.url as string;
    expect((await open(old)).html).toBe(madeUp.html);
    expect((await api('PATCH', `/api/v1/corporate-clients/${ended.id}`, { validUntil: inDays(-29) })).status).toBe(200);
    const late = await open(old, 'en');
    expect(late.status).toBe(200);
    expect(late.html).toContain('Ended');
  });

  it('is made and revoked only by those who manage corporate clients, for their own clients', async () => {
    const c = await aClient();
    const unknown = await api('POST', '/api/v1/corporate-clients/00000000-0000-4000-8000-000000000000/usage-link');
    expect(unknown.status).toBe(404);
    const support = await enrolStaff(h, { displayName: 'Sup Support', role: 'support' });
    const bySupport = await h.pub('POST', `/liff-api/v1/settings/corporate-clients/${c.id}/usage-link`, { headers: { authorization: `Bearer ${h.idToken(support.lineUserId)}` } });
    expect(bySupport.status).toBe(403);
    expect((await h.sys.knex('corporate_clients').where({ id: c.id }).first()).usage_token).toBeNull();
  });
});

describe("a seat's package ends with its client", () => {
  it('joining 10 days before the client ends gives a package valid 10 days; the members\' sweep expires it then, the ledger balanced', async () => {
    const ending = await aClient({ name: 'Short Co', validUntil: inDays(10) });
    const long = await aClient({ name: 'Long Co', validUntil: inDays(400) });
    const before = Date.now();
    const short = await joined(ending.code);
    const full = await joined(long.code);
    const sale = await h.sys.knex('member_package_sales').where({ id: short.saleId }).first();
    const client = await h.sys.knex('corporate_clients').where({ id: ending.id }).first();
    expect(new Date(sale.expires_at).getTime()).toBe(new Date(client.valid_until).getTime());
    // The package's own 365 days, when the client lasts longer.
    const fullSale = await h.sys.knex('member_package_sales').where({ id: full.saleId }).first();
    expect(new Date(fullSale.expires_at).getTime() - before).toBeGreaterThanOrEqual(365 * DAY - 60_000);
    expect(new Date(fullSale.expires_at).getTime() - before).toBeLessThanOrEqual(365 * DAY + 60_000);

    const usage = (await api('GET', `/api/v1/corporate-clients/${ending.id}/seats`)).json;
    expect(usage.seats[0].package.expiresAt).toBe(new Date(client.valid_until).toISOString());

    // The client ends: the existing sweep closes the seat's package, its credits taken back.
    await sweepMembers(h.sys.knex, new Date(new Date(client.valid_until).getTime() + 1000));
    const after = (await api('GET', `/api/v1/corporate-clients/${ending.id}/seats`)).json;
    expect(after.seats[0].package).toMatchObject({ status: 'expired', creditsLeft: 0 });
    expect((await h.sys.knex('member_package_sales').where({ id: full.saleId }).first()).status).toBe('active');
    await ledgerSound();
  });
});
