import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { PROFILE_JOBS, PROFILE_QUEUE, profileProcessors } from '../workers/processors/profiles.ts';
import { createLogger } from '../core/logger.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { configureGroup, joinGroup, waitForMessageTo } from './support/staff-desk.ts';
import { until } from './support/test-system.ts';
import { jobPolicyFor, type JobPolicy } from '../workers/job-policy.ts';

/**
 * Names from LINE, through signed webhooks: a new customer's profile name lands on their contact
 * and shows on their case card and relayed messages; a user LINE has no profile for stays unnamed
 * without endless retries; a name already set stays; a group's name is stored when the bot joins,
 * and a VIP customer's group contact takes it. The fake LINE server records every look-up.
 */
const TOPUP = 'I topped up 500 baht but my balance did not change';
// What the offline classifier reads as more on the same case.
const FOLLOW_UP = 'รอนานแล้วนะคะ ช่วยเช็คให้หน่อย';

let h: LineCustomerHarness;
let groupId: string;

/** The production policy of profile look-ups at 1/40 of its time (its waits from 50 ms, its budget 110 s). */
const PROFILE_POLICY_SCALE = 1 / 40;
function scaled(p: JobPolicy, k: number): JobPolicy {
  return { ...p, backoffMs: p.backoffMs * k, maxBackoffMs: p.maxBackoffMs && p.maxBackoffMs * k, retryForMs: p.retryForMs && p.retryForMs * k };
}

beforeAll(async () => {
  h = await startLineCustomerHarness({}, { relay: { policies: { [PROFILE_QUEUE]: scaled(jobPolicyFor(PROFILE_QUEUE), PROFILE_POLICY_SCALE) } } });
  ({ groupId } = await configureGroup(h, lineId('C'), { purpose: 'support' }));
}, 60_000);
afterAll(() => h?.close());

const knex = () => h.sys.knex;
const identityOf = (userId: string) => knex()('contact_identities').where({ external_id: userId }).first();
const contactOf = async (userId: string) => knex()('contacts').where({ id: (await identityOf(userId)).contact_id }).first();
/** Requests to LINE's profile endpoints for this user (1:1 or as a group member), answered. */
const profileRequests = (userId: string) =>
  h.line.state.requests.filter((r) => r.method === 'GET' && (r.path === `/v2/bot/profile/${userId}` || r.path.endsWith(`/member/${userId}`)));
const answeredLookups = (userId: string, n: number) => until(async () => profileRequests(userId).filter((r) => r.status !== undefined).length >= n, 15_000);
const profileJobsOf = (userId: string) => knex()('outbox').where({ queue: PROFILE_QUEUE, job_name: PROFILE_JOBS.contactProfile }).whereRaw(`payload->>'userId' = ?`, [userId]);
/** Lets a day pass for the "at most once a day" rule. */
const aDayLater = (userId: string) =>
  knex()('contact_identities')
    .where({ external_id: userId })
    .update({ profile: knex().raw(`profile || jsonb_build_object('requestedAt', now() - interval '25 hours')`) });
/** LINE answers the user's profile look-up with a 500 `refusals` times, then with their name: the contact is named, and the job is done after that many attempts and one. */
async function namedAfterRefusals(userId: string, displayName: string, refusals: number, text: string) {
  h.line.state.addProfile({ userId, displayName });
  h.line.state.failNext(`/v2/bot/profile/${userId}`, { status: 500, body: { message: 'Internal error' } }, refusals);
  await h.tell(userId, text);
  await until(async () => (await contactOf(userId))?.display_name === displayName, 30_000);
  expect(profileRequests(userId).map((r) => r.status)).toEqual([...Array(refusals).fill(500), 200]);
  // Outcomes are recorded a moment after the job ends.
  const [job] = await until(async () => {
    const jobs = await profileJobsOf(userId);
    return jobs[0]?.status === 'done' && jobs;
  }, 15_000);
  expect(job).toMatchObject({ status: 'done', attempts: refusals + 1 });
}
const caseOf = (userId: string) =>
  until(async () => {
    const identity = await identityOf(userId);
    return identity && (await knex()('cases').where({ contact_id: identity.contact_id }).orderBy('created_at', 'desc').first());
  }, 15_000);

describe("a customer's LINE profile", () => {
  it('names a new customer, and the name shows on the case card and the relayed messages; LINE is asked once', async () => {
    const userId = lineId('U');
    h.line.state.addProfile({ userId, displayName: 'Pim Srisuk', pictureUrl: 'https://profile.line-scdn.net/pim', statusMessage: 'พร้อมค่ะ', language: 'th' });

    await h.tell(userId, 'สวัสดีค่ะ');
    await until(async () => (await contactOf(userId))?.display_name === 'Pim Srisuk', 15_000);
    const identity = await identityOf(userId);
    expect(identity.profile).toMatchObject({ displayName: 'Pim Srisuk', pictureUrl: 'https://profile.line-scdn.net/pim', statusMessage: 'พร้อมค่ะ' });
    expect(identity.profile.fetchedAt).toEqual(expect.any(String));

    await h.send(userId, { text: TOPUP });
    const c = await caseOf(userId);
    const card = await waitForMessageTo(h, groupId, (m) => m.type === 'flex' && String(m.altText).includes(c.number), 20_000);
    const fields = Object.fromEntries(
      card.contents.body.contents.filter((r: Record<string, any>) => r.type === 'box').map((r: Record<string, any>) => [r.contents[0].text, r.contents[1].text]),
    );
    expect(fields.Customer).toBe('Pim Srisuk');

    await h.send(userId, { text: FOLLOW_UP });
    const relayed = await waitForMessageTo(h, groupId, (m) => m.type === 'text' && String(m.text).startsWith(`${c.number} · `), 20_000);
    expect(relayed.text).toBe(`${c.number} · Pim Srisuk: ${FOLLOW_UP}`);

    // Three messages, one look-up: the name is known now, so no other job was even queued.
    expect(profileRequests(userId)).toHaveLength(1);
    expect(await profileJobsOf(userId)).toHaveLength(1);
  }, 60_000);

  it('leaves a user LINE has no profile for unnamed, ends the job without retrying, and asks again a day later at most', async () => {
    const userId = lineId('U');
    await h.tell(userId, 'สวัสดีค่ะ');
    await answeredLookups(userId, 1);
    const [job] = await until(async () => {
      const jobs = await profileJobsOf(userId);
      return jobs[0]?.status === 'done' && jobs;
    }, 15_000);
    expect(job).toMatchObject({ status: 'done', attempts: 1 });
    expect(profileRequests(userId).map((r) => r.status)).toEqual([404]);
    expect((await contactOf(userId)).display_name).toBeNull();
    expect((await identityOf(userId)).profile).toMatchObject({ refusal: expect.stringContaining('LINE answered 404') });

    // More messages the same day: LINE is not asked again.
    await h.tell(userId, 'ยังอยู่ไหมคะ');
    await h.tell(userId, 'ตอบด้วยค่ะ');
    expect(profileRequests(userId)).toHaveLength(1);
    expect(await profileJobsOf(userId)).toHaveLength(1);

    // A day later they have become a friend: the next message names them.
    h.line.state.addProfile({ userId, displayName: 'Somsak' });
    await aDayLater(userId);
    await h.tell(userId, 'สวัสดีอีกครั้งค่ะ');
    await until(async () => (await contactOf(userId))?.display_name === 'Somsak', 15_000);
    expect(profileRequests(userId)).toHaveLength(2);
    expect((await identityOf(userId)).profile.refusal).toBeUndefined();
  }, 60_000);

  it('retries when LINE is busy (5xx), then stores the name', async () => {
    const userId = lineId('U');
    await namedAfterRefusals(userId, 'Busy Day', 1, 'hello');
  }, 30_000);

  it('outlasts a LINE outage longer than five attempts: asked again until LINE answers, then named', async () => {
    // Eight refusals in a row: more than the 5 attempts look-ups had, which left a customer unnamed
    // for a day after an outage of a few minutes.
    await namedAfterRefusals(lineId('U'), 'Back Again', 8, 'hello, is anyone there?');
  }, 60_000);

  it("counts a first look-up that outlasts its hold: the system's own try and its job's tries are all on the row", async () => {
    // The look-up the message's job makes itself (job-runner.ts runHere) waits 11 s on LINE, longer
    // than its row is held (10 s): the relay hands the row to its job meanwhile, as it would on a
    // machine frozen for seconds. Its job is refused once, then answered; the late try ends refused.
    const userId = lineId('U');
    h.line.state.addProfile({ userId, displayName: 'Late Answer' });
    h.line.state.failNext(`/v2/bot/profile/${userId}`, { status: 500, delayMs: 11_000, body: { message: 'Internal error' } });
    h.line.state.failNext(`/v2/bot/profile/${userId}`, { status: 500, body: { message: 'Internal error' } });
    await h.tell(userId, 'hello, slow day?');
    await until(async () => (await contactOf(userId))?.display_name === 'Late Answer', 30_000);
    await answeredLookups(userId, 3);
    expect(profileRequests(userId).map((r) => r.status)).toEqual([500, 500, 200]);
    const [job] = await until(async () => {
      const jobs = await profileJobsOf(userId);
      return jobs[0]?.status === 'done' && jobs[0].attempts === 3 && jobs;
    }, 15_000);
    expect(job).toMatchObject({ status: 'done', attempts: 3, last_error: null });
  }, 60_000);

  it('a look-up that runs out of time while LINE is down is asked again at the next message, not a day later', async () => {
    // An outage longer than the look-up's 73 minutes: its last attempt, answered 500, as the job
    // runner hands it over (no retry left).
    const userId = lineId('U');
    h.line.state.failNext(`/v2/bot/profile/${userId}`, { status: 500, body: { message: 'Internal error' } }, 1_000);
    await h.tell(userId, 'hello?');
    await answeredLookups(userId, 1);
    // The system's own job is taken away (it would retry for 110 s here) and its row failed, as the
    // runner would leave it: only the attempt below runs, and only a new request can name them.
    // The first try is made by the storing job itself (job-runner.ts runHere); its failure hands the
    // row to the relay, which queues it a moment later. Taken away only once it is queued: a row
    // failed before that could already be on its way to the queue, and its job would name them.
    const [row] = await profileJobsOf(userId);
    const queue = h.sys.queues.queue(PROFILE_QUEUE);
    await until(async () => (await queue.getJob(row.id)) != null, 15_000, 20);
    await knex()('outbox').where({ id: row.id }).update({ status: 'failed' });
    // Not while it runs: a try under way ends in its next backoff, and is removed from there.
    await until(async () => (await queue.getJob(row.id))?.remove().then(() => true, () => false), 15_000, 20);
    const [{ channel_id: channelId }] = await knex()('contact_identities').where({ external_id: userId });
    const lookUp = profileProcessors({ knex: knex(), channels: h.sys.channels, lineApiBaseUrl: h.line.url })[PROFILE_QUEUE][PROFILE_JOBS.contactProfile];
    const lastAttempt = { outboxId: 'last', orgId: null, attempt: 9, maxAttempts: 9, mayRetry: () => false, promoteDelayed: async () => {}, logger: createLogger('silent') };
    await expect(lookUp({ channelId, userId }, lastAttempt)).rejects.toThrow();
    expect((await identityOf(userId)).profile.requestedAt).toBeUndefined();

    // LINE is back; the customer writes again the same day: asked again, and named.
    h.line.state.clearFaults();
    h.line.state.addProfile({ userId, displayName: 'Named Again' });
    await h.tell(userId, 'anyone?');
    await until(async () => (await contactOf(userId))?.display_name === 'Named Again', 15_000);
    expect(await profileJobsOf(userId)).toHaveLength(2);
  }, 60_000);

  it('never overwrites a name that is already set', async () => {
    const userId = lineId('U');
    await h.tell(userId, 'hello');
    await answeredLookups(userId, 1);
    const contact = await contactOf(userId);
    await knex()('contacts').where({ id: contact.id }).update({ display_name: 'Khun Anong (VIP)' });

    // Never fetched yet (LINE refused), so the next day's message asks again: the profile is
    // kept on the identity, the contact keeps the name it was given.
    h.line.state.addProfile({ userId, displayName: 'nong_a', pictureUrl: 'https://profile.line-scdn.net/a' });
    await aDayLater(userId);
    await h.tell(userId, 'hello again');
    await until(async () => (await identityOf(userId)).profile.fetchedAt, 15_000);
    expect((await identityOf(userId)).profile).toMatchObject({ displayName: 'nong_a', pictureUrl: 'https://profile.line-scdn.net/a' });
    expect((await contactOf(userId)).display_name).toBe('Khun Anong (VIP)');

    // Named and fetched: even days later, LINE is not asked again.
    await aDayLater(userId);
    await h.tell(userId, 'and again');
    expect(profileRequests(userId)).toHaveLength(2);
    expect(await profileJobsOf(userId)).toHaveLength(2);
  }, 30_000);

  it('names a group member from their member profile', async () => {
    const member = lineId('U');
    const group = lineId('C');
    h.line.state.addProfile({ userId: member, displayName: 'Ploy' });
    h.line.state.addGroup({ groupId: group, groupName: 'Ploy & team', memberIds: [member] });
    await joinGroup(h, group);
    await h.send(member, { text: 'hi all', groupId: group });
    await until(async () => (await identityOf(member)) && (await contactOf(member))?.display_name === 'Ploy', 15_000);
    expect(profileRequests(member).map((r) => r.path)).toEqual([`/v2/bot/group/${group}/member/${member}`]);
  }, 30_000);
});

describe("a group's name", () => {
  it('is stored when the bot joins', async () => {
    const group = lineId('C');
    h.line.state.addGroup({ groupId: group, groupName: 'ทีมซัพพอร์ต กะเช้า' });
    await joinGroup(h, group);
    const row = await until(async () => {
      const r = await knex()('staff_groups').where({ line_group_id: group }).first();
      return r?.name && r;
    }, 15_000);
    expect(row.name).toBe('ทีมซัพพอร์ต กะเช้า');
    expect(h.line.state.requests.filter((r) => r.path === `/v2/bot/group/${group}/summary`)).toHaveLength(1);
    const listed = await apiClient(h.sys)('GET', '/api/v1/staff-groups');
    expect(listed.json.find((g: { lineGroupId: string }) => g.lineGroupId === group)?.name).toBe('ทีมซัพพอร์ต กะเช้า');
  }, 30_000);

  it("names a VIP customer's group contact, whether the group is set up before or after LINE tells its name", async () => {
    const api = apiClient(h.sys);
    // Before: LINE does not know the group yet (summary 404), so the set-up's contact has the default name.
    const early = lineId('C');
    await joinGroup(h, early);
    await until(async () => h.line.state.requests.some((r) => r.path === `/v2/bot/group/${early}/summary` && r.status === 404), 15_000);
    const earlyRow = await knex()('staff_groups').where({ line_group_id: early }).first();
    expect(earlyRow.name).toBeNull();
    const setUp = await api('PATCH', `/api/v1/staff-groups/${earlyRow.id}`, { purpose: 'vip_customer' });
    expect(setUp.status).toBe(200);
    expect(setUp.json.contact.displayName).toBe('VIP group');
    h.line.state.addGroup({ groupId: early, groupName: 'Khun Wichai family' });
    await joinGroup(h, early);
    await until(async () => (await knex()('contacts').where({ id: setUp.json.contact.id }).first()).display_name === 'Khun Wichai family', 15_000);
    expect((await knex()('staff_groups').where({ id: earlyRow.id }).first()).name).toBe('Khun Wichai family');

    // After: the set-up names the contact after the group straight away.
    const late = lineId('C');
    h.line.state.addGroup({ groupId: late, groupName: 'Khun Dao & concierge' });
    await joinGroup(h, late);
    const lateRow = await until(async () => {
      const r = await knex()('staff_groups').where({ line_group_id: late }).first();
      return r?.name && r;
    }, 15_000);
    const lateSetUp = await api('PATCH', `/api/v1/staff-groups/${lateRow.id}`, { purpose: 'vip_customer' });
    expect(lateSetUp.json.contact.displayName).toBe('Khun Dao & concierge');

    // A contact someone named is not renamed when the bot joins again.
    await knex()('contacts').where({ id: lateSetUp.json.contact.id }).update({ display_name: 'Khun Dao' });
    h.line.state.addGroup({ groupId: late, groupName: 'Dao (renamed)' });
    await joinGroup(h, late);
    await until(async () => (await knex()('staff_groups').where({ id: lateRow.id }).first()).name === 'Dao (renamed)', 15_000);
    expect((await knex()('contacts').where({ id: lateSetUp.json.contact.id }).first()).display_name).toBe('Khun Dao');
  }, 40_000);
});

describe('customers who wrote during a LINE outage (issue #40)', () => {
  // Waits of 250 ms doubling to 20 s: by the end of a few seconds' outage a look-up waits 8 s for
  // its next try (2 minutes in production, after a five-minute outage).
  let o: LineCustomerHarness;
  beforeAll(async () => {
    o = await startLineCustomerHarness({}, { relay: { policies: { [PROFILE_QUEUE]: { ...jobPolicyFor(PROFILE_QUEUE), backoffMs: 250, maxBackoffMs: 20_000, retryForMs: 110_000 } } } });
  }, 60_000);
  afterAll(() => o?.close());

  it('are all named within a moment of LINE answering again, not each at the end of its backoff', async () => {
    // Customers write one after another; every send and look-up is answered 500 until the first
    // customer's look-up has been refused six times. Then LINE is back and one more customer writes:
    // the first look-up that gets through must wake the others. Without that, the first customer's
    // next try comes 8 s after its sixth (waits of 0.25, 0.5, 1, 2, 4, then 8 s), 7.5 s after the end.
    const requests = (userId: string) => o.line.state.requests.filter((r) => r.method === 'GET' && r.path === `/v2/bot/profile/${userId}`);
    const outage = /^\/v2\/bot\/(message\/(reply|push)|profile\/)/;
    const users = Array.from({ length: 20 }, () => lineId('U'));
    users.forEach((userId, i) => o.line.state.addProfile({ userId, displayName: `Outage ${i}` }));
    o.line.state.failNext(outage, { status: 500, body: { message: 'Internal error' } }, 1_000_000);
    for (const userId of users) await o.send(userId, { text: 'hello, is anyone there?' });
    await until(async () => users.every((u) => requests(u).some((r) => r.status === 500)), 30_000);
    const firstFailure = Math.min(...users.flatMap((u) => requests(u).map((r) => r.at)));
    // The first customer's sixth refusal: its next try is 8 s later.
    await until(async () => requests(users[0]).filter((r) => r.status === 500).length >= 6, 30_000);
    await new Promise((r) => setTimeout(r, 500));
    o.line.state.clearFaults();
    const endedAt = Date.now();
    const next = lineId('U');
    o.line.state.addProfile({ userId: next, displayName: 'After the outage' });
    await o.send(next, { text: 'hello?' });

    // Every customer named, the one who wrote after the outage too (the first look-up may be theirs).
    const named = () => o.sys.knex('contacts as c').join('contact_identities as ci', 'ci.contact_id', 'c.id').whereIn('ci.external_id', [...users, next]).whereNotNull('c.display_name');
    await until(async () => (await named()).length === users.length + 1, 30_000);
    // When LINE answered each look-up: the first after the outage woke the rest.
    const answeredAt = (u: string) => requests(u).find((r) => r.status === 200)!.at;
    const first = Math.min(...[next, ...users].map(answeredAt));
    const last = Math.max(...users.map(answeredAt));
    console.info(`outage of ${endedAt - firstFailure} ms: first look-up answered ${first - endedAt} ms after its end, the last of ${users.length} ${last - endedAt} ms after`);
    // Without the wake-up the first customer alone comes 7.5 s after the end.
    expect(last - first).toBeLessThan(5_000);
  }, 120_000);
});
