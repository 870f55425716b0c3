import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DoorPressure } from '../core/inbound/door-pressure.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until } from './support/test-system.ts';

/**
 * The door first (#41, docs/benchmarks.md "The door first"): in a process that takes webhooks in
 * and works on them, a flood of deliveries is stored first; the stored events wait in the outbox,
 * but for a trickle, and are all worked on, once each, when the flood is over.
 */
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the door', () => {
  it('is busy from its number of deliveries in flight, and quiet once none crowded it for a while', async () => {
    const door = new DoorPressure({ busyAt: 3, quietAfterMs: 150 });
    const changes: boolean[] = [];
    door.onChange((busy) => changes.push(busy));
    const first = door.arriving();
    const second = door.arriving();
    expect(door.busy).toBe(false);
    const third = door.arriving();
    expect(door.busy).toBe(true);
    // Answered twice (a handler's finally after its error path) counts once.
    first();
    first();
    second();
    third();
    await sleep(50);
    expect(door.busy).toBe(true);
    await until(async () => !door.busy, 2_000);
    expect(changes).toEqual([true, false]);
    // A worker's turn is at once while quiet.
    await door.turn();
    // Two in flight again: below the mark, it stays quiet.
    const a = door.arriving();
    const b = door.arriving();
    expect(door.busy).toBe(false);
    a();
    b();
    door.stop();
  });
});

describe('the door by the second', () => {
  it('is busy from its number of events stored in one second, and gives the workers their turns a few at a time meanwhile', async () => {
    const door = new DoorPressure({ busyAt: 1_000, perSecond: 50, quietAfterMs: 300, whileBusy: { rows: 3, everyMs: 400 } });
    // Aligned to the start of a second: the fifty are counted in one.
    await sleep(1_000 - (Date.now() % 1_000) + 5);
    door.arriving(30)();
    expect(door.busy).toBe(false);
    door.arriving(20)();
    expect(door.busy).toBe(true);
    // Three turns at once, the fourth 400 ms after the first.
    const started = Date.now();
    for (let i = 0; i < 4; i++) await door.turn();
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
    await until(async () => !door.busy, 3_000);
    door.stop();
  });
});

describe('a flood of deliveries', () => {
  let h: LineCustomerHarness;
  // Two stored events a second go on while the door is busy: few enough to count in a test. Busy
  // from four stores at once: a test's sixty deliveries are stored faster than the bench's flood.
  const door = new DoorPressure({ busyAt: 4, quietAfterMs: 300, whileBusy: { rows: 2, everyMs: 1_000 } });
  const changes: boolean[] = [];
  beforeAll(async () => {
    h = await startLineCustomerHarness({}, { door });
    door.onChange((busy) => changes.push(busy));
  });
  afterAll(() => h?.close());

  // Whom each delivery to LINE answers: a push names its customer, a reply its event's token.
  const replyTokens = new Map<string, string>();
  const sendAll = async (customers: string[], text: string) => {
    const events = await Promise.all(customers.map((c) => h.send(c, { text })));
    events.forEach((e, i) => replyTokens.set(String(e.replyToken), customers[i]));
  };
  const answersTo = (customers: string[]) => {
    const per = new Map<string, number>();
    for (const d of h.line.state.deliveries) {
      const c = d.to ?? replyTokens.get(d.replyToken ?? '');
      if (c && customers.includes(c)) per.set(c, (per.get(c) ?? 0) + 1);
    }
    return per;
  };

  it('makes the door busy when many signed webhooks are stored at once', async () => {
    const customers = Array.from({ length: 60 }, () => lineId('U'));
    changes.length = 0;
    await sendAll(customers, 'hello');
    expect(changes[0]).toBe(true);
    // Every delivery stored, and each customer answered once the flood is over.
    await until(async () => answersTo(customers).size === customers.length, 30_000);
    await until(async () => !door.busy, 5_000);
    // Busy once or more while they came in, quiet after.
    expect(changes.at(-1)).toBe(false);
  }, 45_000);

  it('is not made busy by requests whose signature is wrong, nor by ones still sending their body', async () => {
    changes.length = 0;
    // The channel's own address, where the signature is checked against its secret.
    const channel = await h.sys.knex('channels').where({ org_id: h.sys.defaultOrgId, kind: 'line' }).first('id');
    const url = `${h.sys.url}/webhooks/line/${channel.id}`;
    // Twenty requests that send half their body and then nothing (a slow sender holds them open)...
    const slow = Array.from({ length: 20 }, () => {
      const req = request(url, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '400', 'x-line-signature': 'c2lnbmVk' } });
      req.on('error', () => {});
      req.write('{"destination":"U0","events":[' + ' '.repeat(170));
      return req;
    });
    // ...and forty forged deliveries at once.
    const forged = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', 'x-line-signature': 'Zm9yZ2Vk' }, body: JSON.stringify({ destination: 'U0', events: [] }) }),
      ),
    );
    // Refused: 401, or 429 once this address has sent more wrong signatures than it may.
    expect(forged.every((r) => r.status === 401 || r.status === 429)).toBe(true);
    await sleep(500);
    expect(door.busy).toBe(false);
    expect(changes).toEqual([]);
    for (const req of slow) req.destroy();
  });

  it('keeps the stored events in the outbox but for a trickle while busy, and works on all of them, once each, after', async () => {
    // Twelve deliveries held in flight: a flood, as far as the workers can tell.
    const held = Array.from({ length: 12 }, () => door.arriving());
    expect(door.busy).toBe(true);
    const customers = Array.from({ length: 20 }, () => lineId('U'));
    const text = 'What time do you open?';
    await sendAll(customers, text);
    // Every delivery answered 200 is stored (the messages themselves are made by the events' jobs).
    const stored = await h.sys.knex('inbound_events').whereRaw(`payload->'message'->>'text' = ?`, [text]).count({ n: '*' }).first();
    expect(Number(stored?.n)).toBe(20);
    await sleep(2_200);
    // At most three passes of two went on in 2.2 s (one may have come just before the rows did).
    expect(answersTo(customers).size).toBeLessThanOrEqual(6);
    const waiting = await h.sys.knex('outbox').where({ job_name: 'process-event', status: 'pending' }).count({ n: '*' }).first();
    expect(Number(waiting?.n)).toBeGreaterThanOrEqual(14);
    // And a pass finds rows to take while the flood lasts: the work does not stop for it. Waited
    // for rather than counted at 2.2 s: on a machine busy with other suites the first answer has
    // come later (the full run of 2026-11-28 found none at 2.2 s; alone it comes within one).
    await until(async () => answersTo(customers).size >= 1, 15_000);
    expect(door.busy).toBe(true);

    for (const answered of held) answered();
    // The flood over, the rest go on at once: every customer answered, once.
    await until(async () => answersTo(customers).size === customers.length, 20_000);
    await until(async () => Number((await h.sys.knex('outbox').where({ job_name: 'process-event' }).whereNot({ status: 'done' }).count({ n: '*' }).first())?.n) === 0, 10_000);
    expect([...answersTo(customers).values()].every((n) => n === 1)).toBe(true);
    const routed = await h.sys.knex('messages').where({ direction: 'in', text }).whereNotNull('routed_at').count({ n: '*' }).first();
    expect(Number(routed?.n)).toBe(20);
  }, 45_000);
});
