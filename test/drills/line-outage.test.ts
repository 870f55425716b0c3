import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signLineBody } from '../../bot/line/line-signature.ts';
import { DEFAULT_LINE_CHANNEL_ACCESS_TOKEN, lineId } from '../../dev/fakes/line-api.ts';
import { outageTextEvent, startLineWithOutage, type LineOutage } from '../support/line-outage.ts';
import { postToGroup, toStaffGroup } from '../../core/staff/staff-desk.ts';
import { startTestSystem, TEST_ADMIN_KEY, until, type TestSystem } from '../support/test-system.ts';
import { OUTBOUND_RETRY_FOR_MS } from '../../workers/job-policy.ts';

/**
 * LINE in trouble: replies outlast an outage (429 with Retry-After, 500), each delivered once; a
 * send that runs out of attempts is failed, visible, alerts the managers' group once, and can be
 * sent again through the API; a reply whose outcome a crash made unknown is marked, not sent twice.
 */
const SECRET = 'line-outage-secret';
const BOT = lineId('U');
let line: LineOutage;

const textEvent = (userId: string, text: string) => outageTextEvent(line, userId, text);
async function postEvents(sys: TestSystem, events: unknown[]) {
  const body = JSON.stringify({ destination: BOT, events });
  const res = await fetch(`${sys.url}/webhooks/line`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-line-signature': signLineBody(body, SECRET) },
    body,
  });
  expect(res.status).toBe(200);
}
const api = (sys: TestSystem, path: string, init: RequestInit = {}) =>
  fetch(`${sys.url}${path}`, { ...init, headers: { authorization: `Bearer ${TEST_ADMIN_KEY}`, ...init.headers } });

async function system(policies: Record<string, { attempts: number; backoffMs: number; maxBackoffMs?: number; retryForMs?: number }> = {}) {
  return startTestSystem({
    env: {
      LINE_CHANNEL_SECRET: SECRET,
      LINE_CHANNEL_ACCESS_TOKEN: DEFAULT_LINE_CHANNEL_ACCESS_TOKEN,
      LINE_API_BASE_URL: line.url,
      LINE_DATA_API_BASE_URL: line.url,
      DEV_SIMULATOR: 'off',
    },
    relay: { policies },
  });
}

/** Every outgoing message to this user: rows, and message objects LINE delivered to them. */
async function outgoing(sys: TestSystem, userId: string) {
  const rows = await sys.knex('messages as m')
    .join('conversations as c', 'c.id', 'm.conversation_id')
    .where({ 'c.external_id': userId, 'm.direction': 'out' })
    .select('m.id', 'm.text', 'm.delivery_status', 'm.outcome_unknown_at');
  const delivered = line.state.deliveries.filter((d) => d.to === userId).flatMap((d) => d.messages);
  return { rows, delivered };
}

beforeAll(async () => {
  line = await startLineWithOutage({ retryAfterSeconds: 3 });
});
afterAll(() => line?.close());

/**
 * The production drill is a two-minute outage under the outbound policy (waits of 2 s doubling to
 * 2 minutes). The suite runs it at a quarter of that time: a 30-second outage, waits of 0.5 s
 * doubling to 30 s, and "all delivered within 30 s" becomes 7.5 s. By the end of the outage a send
 * that was refused with a 500 waits 8 to 30 s for its next try, so without the wake-up
 * (workers/processors/outbound.ts) the last answers arrive well after 7.5 s. `LINE_OUTAGE_MS=120000` runs the full drill with the real policy.
 */
const OUTAGE_MS = Number(process.env.LINE_OUTAGE_MS ?? 30_000);
const OUTAGE_SCALE = Math.min(1, OUTAGE_MS / 120_000);

describe(`a LINE outage of ${OUTAGE_MS / 1000} s`, () => {
  let sys: TestSystem;
  beforeAll(async () => {
    sys = await system(
      OUTAGE_SCALE < 1
        ? { outbound: { attempts: 20_000, backoffMs: 2_000 * OUTAGE_SCALE, maxBackoffMs: 120_000 * OUTAGE_SCALE, retryForMs: OUTBOUND_RETRY_FOR_MS } }
        : {},
    );
  });
  afterAll(() => sys?.stopAll());

  it('delivers every reply once it is over, exactly once, honouring Retry-After', async () => {
    line.down = true;
    const users = Array.from({ length: 20 }, () => lineId('U'));
    const started = Date.now();
    for (const [i, u] of users.entries()) {
      await postEvents(sys, [textEvent(u, i % 2 ? 'เติมเงินไป 500 บาทแล้วเครดิตไม่เข้าค่ะ' : 'My order ORD-1234 has not arrived yet')]);
    }
    // Every customer's answer was stored and attempted during the outage.
    await until(async () => new Set(line.refused.map((r) => r.retryKey ?? r.path)).size > 0, 30_000);
    await new Promise((r) => setTimeout(r, Math.max(0, OUTAGE_MS - (Date.now() - started))));
    line.down = false;
    const endedAt = Date.now();

    await until(
      async () => {
        for (const u of users) {
          const { rows } = await outgoing(sys, u);
          if (rows.length === 0 || rows.some((r) => r.delivery_status !== 'sent')) return false;
        }
        return true;
      },
      180_000,
      500,
    );
    const drainedMs = Date.now() - endedAt;
    // LINE's return is noticed by the first send that gets through, and the waiting sends go then,
    // not each at the end of its own backoff (up to 2 minutes by then, at full scale).
    expect(drainedMs).toBeLessThan(30_000 * OUTAGE_SCALE);
    for (const u of users) {
      const { rows, delivered } = await outgoing(sys, u);
      // Each stored answer delivered once: no message lost, none twice.
      expect(delivered.length).toBe(rows.length);
      expect(rows.every((r) => r.delivery_status === 'sent' && r.outcome_unknown_at === null)).toBe(true);
    }
    // Retry-After: after a 429 saying 3 s, the same send (retry key, or reply token: a reply LINE
    // refused is tried again as a reply while its token is fresh) did not come back sooner.
    const byKey = new Map<string, number[]>();
    line.refused.forEach((r, i) => {
      const key = r.retryKey ?? r.replyToken;
      if (key) byKey.set(key, [...(byKey.get(key) ?? []), i]);
    });
    let checked = 0;
    for (const idx of byKey.values()) {
      for (let k = 1; k < idx.length; k++) {
        const prev = line.refused[idx[k - 1]];
        if (prev.status !== 429) continue;
        expect(line.refused[idx[k]].at - prev.at).toBeGreaterThanOrEqual(3_000 - 100);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(0);
    const [{ n: failed }] = await sys.knex('outbox').where({ status: 'failed' }).count({ n: '*' });
    expect(Number(failed)).toBe(0);
    console.log(
      `LINE outage ${OUTAGE_MS / 1000} s: ${users.length} customers, ${line.refused.length} sends refused, ` +
        `all answers delivered ${drainedMs} ms after it ended; ` +
        `by reply ${line.state.deliveries.filter((d) => d.kind === 'reply').length}, by push ${line.state.deliveries.filter((d) => d.kind === 'push').length}`,
    );
  }, 400_000);
});

describe('a send that finally fails', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    line.state.reset();
    line.refused.length = 0;
    sys = await system({ outbound: { attempts: 3, backoffMs: 100 } });
  });
  afterAll(() => sys?.stopAll());

  it('is failed and visible, alerts the managers once, and is sent once when retried through the API', async () => {
    const channel = await sys.knex('channels').where({ kind: 'line' }).first('id', 'org_id');
    const managersGroup = lineId('C');
    await sys.knex('staff_groups').insert({
      org_id: channel.org_id,
      channel_id: channel.id,
      line_group_id: managersGroup,
      purpose: 'managers',
      name: 'Managers',
      is_active: true,
    });
    const user = lineId('U');
    line.down = true;
    await postEvents(sys, [textEvent(user, 'My order ORD-5678 has not arrived yet')]);
    const failedRow = await until(async () => {
      const res = await api(sys, '/api/v1/outbox?status=failed');
      const rows = (await res.json()) as { id: string; queue: string; lastError: string; attempts: number }[];
      return rows.find((r) => r.queue === 'outbound');
    }, 30_000);
    line.down = false;
    expect(failedRow.attempts).toBe(3);
    expect(failedRow.lastError).toMatch(/gave up after 3 attempts: LINE answered (429|500)/);
    const { rows: before } = await outgoing(sys, user);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((r) => r.delivery_status === 'failed')).toBe(true);

    // The managers' group hears of it once.
    await until(async () => line.state.deliveriesTo(managersGroup).length > 0, 20_000);
    await new Promise((r) => setTimeout(r, 3_000));
    const alerts = line.state.deliveriesTo(managersGroup).flatMap((d) => d.messages) as { type: string; text?: string }[];
    expect(alerts.filter((m) => m.text?.includes(failedRow.id))).toHaveLength(1);

    // Retried through the API: sent once.
    const res = await api(sys, `/api/v1/outbox/${failedRow.id}/retry`, { method: 'POST' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: failedRow.id, status: 'pending', messagesReset: before.length });
    await until(async () => (await sys.knex('outbox').where({ id: failedRow.id }).first()).status === 'done', 20_000);
    const { rows: after, delivered } = await outgoing(sys, user);
    expect(after.every((r) => r.delivery_status === 'sent')).toBe(true);
    expect(delivered.length).toBe(after.length);
    // A row that is not failed cannot be retried; an unknown id is 404.
    expect((await api(sys, `/api/v1/outbox/${failedRow.id}/retry`, { method: 'POST' })).status).toBe(409);
    expect((await api(sys, `/api/v1/outbox/00000000-0000-4000-8000-000000000000/retry`, { method: 'POST' })).status).toBe(404);
  }, 90_000);
});

/**
 * A system of its own for a describe block, on the fake LINE cleared before the block and answering
 * normally again after it (a block may leave it down, or answering 429).
 */
function systemOfItsOwn(policies: Parameters<typeof system>[0]): { sys: TestSystem } {
  const own = {} as { sys: TestSystem };
  beforeAll(async () => {
    line.state.reset();
    line.refused.length = 0;
    own.sys = await system(policies);
  });
  afterAll(async () => {
    line.answers = 'alternate';
    line.retryAfterSeconds = 3;
    line.down = false;
    await own.sys?.stopAll();
  });
  return own;
}

describe('a send told to wait a second, again and again', () => {
  // The outbound policy's time budget, cut from 73 minutes to 8 s; the attempts are a guard only.
  const BUDGET_MS = 8_000;
  const own = systemOfItsOwn({ outbound: { attempts: 20_000, backoffMs: 100, maxBackoffMs: 1_000, retryForMs: BUDGET_MS } });

  it('is retried until its time is up, however many attempts that takes, then fails once', async () => {
    const channel = await own.sys.knex('channels').where({ kind: 'line' }).first('id', 'org_id');
    const managersGroup = lineId('C');
    await own.sys.knex('staff_groups').insert({
      org_id: channel.org_id,
      channel_id: channel.id,
      line_group_id: managersGroup,
      purpose: 'managers',
      name: 'Managers',
      is_active: true,
    });
    // Every send is answered 429 with `Retry-After: 1`: each retry is one attempt and one second.
    line.answers = '429';
    line.retryAfterSeconds = 1;
    line.down = true;
    const user = lineId('U');
    await postEvents(own.sys, [textEvent(user, 'My order ORD-7788 has not arrived yet')]);
    // The customer's answer: one send job (the case's announcement to the managers' group is another).
    const row = await until(async (): Promise<{ id: string; payload: { messageIds: string[] } } | undefined> =>
      own.sys.knex('outbox as o')
        .join('conversations as c', 'c.id', own.sys.knex.raw(`(o.payload->>'conversationId')::uuid`))
        .where({ 'o.queue': 'outbound', 'c.external_id': user })
        .first('o.*'),
    20_000);
    // Its attempts: a reply first, then pushes under its retry key (its first message's id).
    const tries = () => line.refused.filter((r) => r.path === '/v2/bot/message/reply' || r.retryKey === row.payload.messageIds[0]);

    // Partway through the budget: refused several times already, and still waiting, not failed.
    await until(async () => tries().length >= 3, 20_000);
    const mid = await own.sys.knex('outbox').where({ id: row.id }).first();
    if (Date.now() - new Date(mid.enqueued_at).getTime() < BUDGET_MS - 1_000) {
      expect(mid.status).not.toBe('failed');
      expect((await outgoing(own.sys, user)).rows.every((r) => r.delivery_status === 'pending')).toBe(true);
    }

    const failed = await until(async () => {
      const r = await own.sys.knex('outbox').where({ id: row.id }).first();
      return r.status === 'failed' ? r : undefined;
    }, BUDGET_MS + 20_000);
    const attempts = tries();
    const first = attempts[0].at;
    const last = attempts.at(-1)!.at;
    // Not before the budget, which starts when the send is queued: failed at least 8 s after that,
    // by an attempt made 8 s or more after it; and with more attempts than the 3 of the
    // attempts-counting policy above (about one a second; fewer on a loaded machine).
    const queuedAt = new Date(failed.enqueued_at).getTime();
    expect(new Date(failed.failed_at).getTime() - queuedAt).toBeGreaterThanOrEqual(BUDGET_MS - 50);
    expect(last - queuedAt).toBeGreaterThanOrEqual(BUDGET_MS - 250);
    expect(last - first).toBeGreaterThanOrEqual(BUDGET_MS / 2);
    expect(attempts.length).toBeGreaterThanOrEqual(4);
    // Each refusal was one attempt (a job that stalled on a loaded machine may have had one more refused).
    expect(failed.attempts).toBeGreaterThanOrEqual(4);
    expect(failed.attempts).toBeLessThanOrEqual(attempts.length);
    // Each retry waited its Retry-After.
    for (let i = 1; i < attempts.length; i++) expect(attempts[i].at - attempts[i - 1].at).toBeGreaterThanOrEqual(1_000 - 100);
    expect(failed.last_error).toMatch(/^gave up after \d+ s of retries \(\d+ attempts\): LINE answered 429/);
    const { rows } = await outgoing(own.sys, user);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.delivery_status === 'failed')).toBe(true);
    expect((await (await api(own.sys, '/api/v1/outbox?status=failed')).json() as { id: string }[]).map((r) => r.id)).toContain(row.id);

    // Failed once: not tried again, and the managers' group hears of it once (LINE is back for that).
    await new Promise((r) => setTimeout(r, 2_500));
    expect(tries().length).toBe(attempts.length);
    line.down = false;
    await until(async () => line.state.deliveriesTo(managersGroup).length > 0, 20_000);
    await new Promise((r) => setTimeout(r, 3_000));
    const alerts = line.state.deliveriesTo(managersGroup).flatMap((d) => d.messages) as { type: string; text?: string }[];
    expect(alerts.filter((m) => m.text?.includes(row.id))).toHaveLength(1);
    expect(line.state.deliveriesTo(user)).toHaveLength(0);
    expect((await own.sys.knex('outbox').where({ id: row.id }).first()).status).toBe('failed');

    // Sent again through the API, with a fresh budget: delivered once.
    expect((await api(own.sys, `/api/v1/outbox/${row.id}/retry`, { method: 'POST' })).status).toBe(200);
    await until(async () => (await own.sys.knex('outbox').where({ id: row.id }).first()).status === 'done', 20_000);
    const after = await outgoing(own.sys, user);
    expect(after.rows.every((r) => r.delivery_status === 'sent')).toBe(true);
    expect(after.delivered.length).toBe(after.rows.length);
  }, 90_000);

  /** A new support group, with LINE answering every send 429 and `Retry-After: 1`. */
  async function groupWhileLineRefusesEveryPush() {
    line.state.reset();
    line.refused.length = 0;
    line.answers = '429';
    line.retryAfterSeconds = 1;
    line.down = true;
    const channel = await own.sys.knex('channels').where({ kind: 'line' }).first('id', 'org_id');
    const groupId = lineId('C');
    await own.sys.knex('staff_groups').insert({ org_id: channel.org_id, channel_id: channel.id, line_group_id: groupId, purpose: 'support', name: 'Support', is_active: true });
    return { groupId, group: toStaffGroup(await own.sys.knex('staff_groups').where({ line_group_id: groupId }).first()) };
  }

  it("gives up on a group's combined push without failing the messages other jobs queued later", async () => {
    // Two posts to one staff group, five seconds apart, while LINE refuses every push: the first
    // post's job takes both along on its late attempts, and gives up at the end of its own time.
    // The second post's time is not up: it stays pending and goes out once LINE answers again.
    const { group, groupId } = await groupWhileLineRefusesEveryPush();
    const post = (text: string) => own.sys.knex.transaction((trx) => postToGroup(trx, group, [{ kind: 'text', text }]));
    const status = async (text: string) => (await own.sys.knex('messages').where({ direction: 'out', text }).first('delivery_status'))?.delivery_status;
    await post('early post');
    await new Promise((r) => setTimeout(r, 5_000));
    await post('late post');
    await until(async () => (await status('early post')) === 'failed', BUDGET_MS + 20_000);
    // Refused alongside the early one, but not failed with it.
    expect(line.refused.some((r) => r.path === '/v2/bot/message/push')).toBe(true);
    expect(await status('late post')).toBe('pending');
    line.down = false;
    await until(async () => (await status('late post')) === 'sent', 20_000);
    const texts = line.state.deliveriesTo(groupId).flatMap((d) => d.messages.map((m) => ('text' in m ? m.text : '')));
    expect(texts).toEqual(['late post']);
  }, 90_000);

  it("fails its own messages when its time runs out while another job holds the group's send", async () => {
    // Another job sending to the group holds its lease from the first attempt to past this post's
    // time (re-taken every 300 ms, as a long run of sends would). This job cannot send: when its
    // time is up it waits for the lease, tries once more, and fails its message, visibly; before,
    // it ended failed and left the message pending, unsent and unreported.
    const { group } = await groupWhileLineRefusesEveryPush();
    const { conversationId, messageIds } = await own.sys.knex.transaction(async (trx) => {
      const posted = (await postToGroup(trx, group, [{ kind: 'text', text: 'post behind a held send' }]))!;
      // Held before the job's first attempt can take it: the transaction commits both together.
      // Three seconds, re-taken every 300 ms below: a loaded machine can pause this test for more
      // than a second, and a lease that lapsed meanwhile would let the job send.
      await trx('conversations').where({ id: posted.conversationId }).update({ send_lease_until: trx.raw(`now() + interval '3 seconds'`) });
      return posted;
    });
    // Its pushes carry its message's id as their retry key.
    const pushes = () => line.refused.filter((r) => r.retryKey === messageIds[0]);
    const holdUntil = Date.now() + BUDGET_MS + 1_500;
    while (Date.now() < holdUntil) {
      await own.sys.knex('conversations').where({ id: conversationId }).update({ send_lease_until: own.sys.knex.raw(`now() + interval '3 seconds'`) });
      await new Promise((r) => setTimeout(r, 300));
    }
    const message = () => own.sys.knex('messages').where({ conversation_id: conversationId, direction: 'out' }).first('delivery_status', 'delivery_error');
    // Held all along: nothing was tried while the lease was held.
    expect(pushes()).toHaveLength(0);
    expect((await message()).delivery_status).toBe('pending');
    const failed = await until(async () => ((await message()).delivery_status === 'failed' ? message() : undefined), 15_000);
    expect(failed.delivery_error).toMatch(/^gave up after \d+ s of retries \(\d+ attempts\): LINE answered 429/);
    expect(pushes()).toHaveLength(1);
    const job = await until(async () => {
      const row = await own.sys.knex('outbox').where({ queue: 'outbound' }).whereRaw(`payload->>'conversationId' = ?`, [conversationId]).first();
      return row?.status === 'failed' ? row : undefined;
    }, 10_000);
    expect(job.last_error).toMatch(/LINE answered 429/);
  }, 60_000);
});

describe('LINE back while a send waits out its Retry-After', () => {
  // Waits of 10 s: a send refused with a 500 is still waiting when LINE is back, unless woken.
  const own = systemOfItsOwn({ outbound: { attempts: 20, backoffMs: 10_000 } });

  it('the first send that gets through wakes the waiting sends at once, but not one LINE told to wait', async () => {
    // One customer's answer is refused with `Retry-After: 3`, another's with a 500 (its next try 10 s
    // later); LINE is back at once, and a third customer's answer goes through, which promotes the
    // sends waiting out a backoff. The 500 one must go at once; the first one must still wait its
    // 3 s (before, it went out with the others, a moment after the 429).
    const replyRequests = () => line.state.requests.filter((r) => r.path === '/v2/bot/message/reply');
    const told = lineId('U');
    line.state.failNext('/v2/bot/message/reply', { status: 429, headers: { 'retry-after': '3' }, body: { message: 'Too Many Requests' } });
    await postEvents(own.sys, [textEvent(told, 'My order ORD-4455 has not arrived yet')]);
    const refusal = await until(async () => replyRequests().find((r) => r.status === 429));
    const failed = lineId('U');
    line.state.failNext('/v2/bot/message/reply', { status: 500, body: { message: 'Internal Server Error' } });
    await postEvents(own.sys, [textEvent(failed, 'My order ORD-5566 has not arrived yet')]);
    await until(async () => replyRequests().find((r) => r.status === 500));
    const other = lineId('U');
    await postEvents(own.sys, [textEvent(other, 'My order ORD-6677 has not arrived yet')]);
    const [back] = await until(async () => line.state.deliveriesTo(other).length > 0 && line.state.deliveriesTo(other));
    const [woken] = await until(async () => line.state.deliveriesTo(failed).length > 0 && line.state.deliveriesTo(failed));
    const [delivered] = await until(async () => line.state.deliveriesTo(told).length > 0 && line.state.deliveriesTo(told));
    console.info(`LINE back: the 500 send went ${woken.at - back.at} ms after the first success; the 429 one ${delivered.at - refusal.at} ms after its refusal (Retry-After: 3)`);
    expect(woken.at - back.at).toBeLessThan(2_000);
    expect(delivered.at - refusal.at).toBeGreaterThanOrEqual(3_000 - 100);
    // Each sent once, as the answer it was (the job records it as sent a moment after LINE has it),
    // by reply: LINE's 429 and 500 did not spend the tokens.
    for (const user of [told, failed]) {
      const { rows, delivered: messages } = await until(async () => {
        const o = await outgoing(own.sys, user);
        return o.rows.length > 0 && o.rows.every((r) => r.delivery_status === 'sent') && o;
      });
      expect(messages.length).toBe(rows.length);
      expect(line.state.deliveriesTo(user).map((d) => d.kind)).toEqual(['reply']);
    }
  }, 60_000);
});

describe('a reply and a crash', () => {
  let sys: TestSystem;
  beforeAll(async () => {
    line.state.reset();
    sys = await system({ outbound: { attempts: 5, backoffMs: 200 } });
  });
  afterAll(() => sys?.stopAll());

  /** The send job that answers this customer's event, once it is done. */
  async function answered(e: { webhookEventId: string }) {
    return until(async () => {
      const ev = await sys.knex('inbound_events').where({ platform_event_id: e.webhookEventId }).first();
      if (!ev) return undefined;
      return sys.knex('outbox')
        .where({ queue: 'outbound', status: 'done' })
        .whereRaw(`(payload->>'replyToEventId')::bigint = ?`, [ev.id])
        .first();
    }, 30_000);
  }

  it('the connection broke after LINE took the reply: the retry learns it was delivered, and sends nothing more', async () => {
    const user = lineId('U');
    const e = textEvent(user, 'My order ORD-9013 has not arrived yet');
    line.state.failNext('/v2/bot/message/reply', { cutConnection: true, afterDelivery: true });
    await postEvents(sys, [e]);
    const row = await answered(e);
    expect(row.attempts).toBeGreaterThan(1);
    // One delivery; the retry's reply with the same token was refused as spent, and not pushed.
    expect(line.state.deliveriesTo(user).map((d) => d.kind)).toEqual(['reply']);
    const replyCalls = line.state.requests.filter((r) => r.path === '/v2/bot/message/reply' && (r.body as { replyToken?: string }).replyToken === e.replyToken);
    expect(replyCalls.map((r) => r.status)).toEqual([200, 400]);
    const { rows, delivered } = await outgoing(sys, user);
    expect(delivered.length).toBe(rows.length);
    expect(rows.every((r) => r.delivery_status === 'sent' && r.outcome_unknown_at === null)).toBe(true);
  }, 60_000);

  it('LINE answered the reply 500: the retry replies with the same token (free), delivered once, nothing pushed', async () => {
    const user = lineId('U');
    const e = textEvent(user, 'My order ORD-9015 has not arrived yet');
    line.state.failNext('/v2/bot/message/reply', { status: 500, body: { message: 'Internal Server Error' } });
    await postEvents(sys, [e]);
    const row = await answered(e);
    expect(row.attempts).toBeGreaterThan(1);
    const replyCalls = line.state.requests.filter((r) => r.path === '/v2/bot/message/reply' && (r.body as { replyToken?: string }).replyToken === e.replyToken);
    expect(replyCalls.map((r) => r.status)).toEqual([500, 200]);
    expect(line.state.deliveriesTo(user).map((d) => d.kind)).toEqual(['reply']);
    const { rows, delivered } = await outgoing(sys, user);
    expect(delivered.length).toBe(rows.length);
    expect(rows.every((r) => r.delivery_status === 'sent' && r.outcome_unknown_at === null)).toBe(true);
  }, 60_000);

  it('the connection broke before LINE took the reply: the retry replies with the same token, once', async () => {
    const user = lineId('U');
    const e = textEvent(user, 'My order ORD-9014 has not arrived yet');
    line.state.failNext('/v2/bot/message/reply', { cutConnection: true });
    await postEvents(sys, [e]);
    const row = await answered(e);
    expect(row.attempts).toBeGreaterThan(1);
    expect(line.state.deliveriesTo(user).map((d) => d.kind)).toEqual(['reply']);
    const { rows, delivered } = await outgoing(sys, user);
    expect(delivered.length).toBe(rows.length);
    expect(rows.every((r) => r.delivery_status === 'sent' && r.outcome_unknown_at === null)).toBe(true);
  }, 60_000);

  /**
   * The state a process killed between LINE accepting a reply and our record of it leaves behind,
   * found by a retry too late to try the token again: the token claimed by the send job, LINE's
   * delivery made, the messages still pending. Built from a real reply: its record is undone, the
   * event made older than a reply token lives, and the job run again.
   */
  async function replyThenForgetIt(claimStillStands: boolean) {
    const user = lineId('U');
    const e = textEvent(user, 'My order ORD-9012 has not arrived yet');
    await postEvents(sys, [e]);
    const row = await answered(e);
    expect(line.state.deliveriesTo(user).map((d) => d.kind)).toEqual(['reply']);
    const eventId = Number(row.payload.replyToEventId);

    // Undo our record of it, as the crash would have left it.
    await sys.knex('messages').whereIn('id', row.payload.messageIds).update({ delivery_status: 'pending', platform_message_id: null });
    await sys.knex('inbound_events').where({ id: eventId }).update({
      reply_token_claimed_by: claimStillStands ? row.id : null,
      received_at: sys.knex.raw(`now() - interval '2 minutes'`),
    });
    await (await sys.queues.queue('outbound').getJob(row.id))?.remove();
    await sys.knex('outbox').where({ id: row.id }).update({ status: 'pending', enqueued_at: null });
    await until(async () => (await sys.knex('outbox').where({ id: row.id }).first()).status === 'done', 20_000);
    return { user, row };
  }

  it('too late to try the token again, it does not send twice: the reply is marked "outcome unknown", which staff see', async () => {
    const { user, row } = await replyThenForgetIt(true);
    const { rows, delivered } = await outgoing(sys, user);
    expect(line.state.deliveriesTo(user).map((d) => d.kind)).toEqual(['reply']);
    expect(delivered.length).toBe(rows.length);
    expect(rows.every((r) => r.delivery_status === 'sent' && r.outcome_unknown_at !== null)).toBe(true);
    const res = await api(sys, '/api/v1/outbox/outcome-unknown');
    const listed = (await res.json()) as { id: string }[];
    expect(listed.map((m) => m.id).sort()).toEqual([...row.payload.messageIds].sort());
  }, 60_000);

  it('when LINE had answered the reply with an error, the retry pushes it', async () => {
    // Contrast: without a standing claim (LINE answered, so the reply was not taken), the job pushes.
    const { user } = await replyThenForgetIt(false);
    expect(line.state.deliveriesTo(user).map((d) => d.kind)).toEqual(['reply', 'push']);
    const { rows } = await outgoing(sys, user);
    expect(rows.every((r) => r.outcome_unknown_at === null)).toBe(true);
  }, 60_000);
});
