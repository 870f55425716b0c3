import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALOGUE_SCRIPTS, type Booked } from '../eval/dialogue-scripts.ts';
import { runScript, startScriptsHarness } from '../eval/run-dialogue-scripts.ts';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import type { LineCustomerHarness } from './support/line-customer.ts';
import { untilSettled } from './support/test-system.ts';

/**
 * Every multi-turn dialogue script of `npm run eval` (eval/dialogue-scripts.ts) passes: the
 * customer steers, through signed LINE webhooks to the whole system, and each conversation ends
 * with what it should have booked, opened and handed over, and the bot said what it should have.
 */
/**
 * Every script, unless `DIALOGUE_SCRIPTS_EVERY=N` asks for every Nth (one in N, taken across all the
 * rounds): `.ci/run` sets it for its second run, on the embedded defaults, after the first ran every
 * script on PostgreSQL. What a script checks is the dialogue's, the same code on either backend; on
 * the embedded database the scripts took 234 s of a 720 s run (56 s on PostgreSQL), the longest file
 * of CI (docs/testing.md, "The scripts once whole"). `npm test` and `npm run eval` run them all.
 */
const EVERY = Math.max(1, Math.floor(Number(process.env.DIALOGUE_SCRIPTS_EVERY ?? 1)) || 1);
const SCRIPTS_RUN = DIALOGUE_SCRIPTS.filter((_, i) => i % EVERY === 0);

let h: LineCustomerHarness;
beforeAll(async () => {
  h = await startScriptsHarness();
});
afterAll(() => h?.close());

describe('the customer steers the dialogue (#37)', () => {
  it(`has at least 40 scripts, Thai and English alike`, () => {
    expect(DIALOGUE_SCRIPTS.length).toBeGreaterThanOrEqual(40);
    const th = DIALOGUE_SCRIPTS.filter((s) => s.language === 'th').length;
    // Neither language below two in five.
    expect(Math.min(th, DIALOGUE_SCRIPTS.length - th)).toBeGreaterThanOrEqual(0.4 * DIALOGUE_SCRIPTS.length);
  });

  it.concurrent.each(SCRIPTS_RUN.map((s) => [s.name, s] as const))('%s', async (_, script) => {
    const { failures } = await runScript(h, script);
    expect(failures).toEqual([]);
  });
});

describe("a script's end with two bookings", () => {
  it('judges each booking in the order made, and the count', async () => {
    const both = DIALOGUE_SCRIPTS.find((s) => s.name.startsWith('r84 demo: a massage, then a sushi class'))!;
    const [massage, sushi] = [both.end.booked].flat() as Booked[];
    // The second booking said wrongly is that booking's failure; one booking said is the count's.
    const wrongSecond = await runScript(h, { ...both, end: { ...both.end, booked: [massage, { ...sushi, service: 'thai_cooking_class' }] } });
    expect(wrongSecond.failures).toEqual(['booking 2: booked sushi_class, expected thai_cooking_class']);
    const oneSaid = await runScript(h, { ...both, end: { ...both.end, booked: massage } });
    expect(oneSaid.failures).toEqual(['2 booking(s) (spa_massage, sushi_class), expected spa_massage']);
  });
});

describe('a status question after the case was resolved', () => {
  it('is told the case was resolved, and the question does not reopen it (th, en)', async () => {
    for (const [report, question, resolved] of [
      ['เติมเงินไป 500 บาท เครดิตไม่เข้าค่ะ', 'เรื่องถึงไหนแล้วคะ', 'แก้ไขแล้ว'],
      ['I topped up 500 baht but the credit never arrived', 'any update on my case?', 'resolved'],
    ]) {
      const customer = lineId('U');
      await h.ask(customer, { text: report });
      const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first();
      const kase = await h.sys.knex('cases').where({ conversation_id: conversation.id }).first();
      expect((await apiClient(h.sys)('POST', `/api/v1/cases/${kase.number}/transitions`, { to: 'resolved' })).status).toBe(200);
      await untilSettled(h.sys.knex);
      const answer = await h.ask(customer, { text: question });
      expect(answer.text).toContain(kase.number);
      expect(answer.text).toContain(resolved);
      expect((await h.sys.knex('cases').where({ id: kase.id }).first()).status).toBe('resolved');
    }
  });
});

describe('something for the team said at the summary (r86)', () => {
  it('goes with the request as its notes, and the summary and the request say so', async () => {
    const customer = lineId('U');
    await h.ask(customer, { text: 'airport transfer from Suvarnabhumi to Pattaya on 18 December at 8pm for 3' });
    const summary = await h.ask(customer, { text: 'our flight is TG 660' });
    expect(summary.text).toContain('Please check your booking');
    expect(summary.text).toContain('Noted for our team with this request: "our flight is TG 660"');
    const received = await h.ask(customer, { text: 'confirm' });
    expect(received.text).toMatch(/B-\d+/);
    expect(received.text).toContain('"our flight is TG 660"');
    const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first();
    const booking = await h.sys.knex('bookings').where({ conversation_id: conversation.id }).first();
    expect(booking.details).toMatchObject({ notes: 'our flight is TG 660', destination: 'from Suvarnabhumi to Pattaya' });
    expect(booking.party_size).toBe(3);
  });
});

describe('a question asked with a booking (r59)', () => {
  it('goes with the request: said under the summary and the request, and kept on the booking for the team', async () => {
    const customer = lineId('U');
    const question = 'do you have vegetarian options?';
    const summary = await h.ask(customer, { text: `I want to book the cooking class tomorrow at 10am for 2, and ${question}` });
    expect(summary.text).toContain('Please check your booking');
    expect(summary.text).toContain(`"${question}"`);
    const received = await h.ask(customer, { text: 'confirm' });
    expect(received.text).toMatch(/B-\d+/);
    expect(received.text).toContain(`"${question}"`);
    await untilSettled(h.sys.knex);
    const conversation = await h.sys.knex('conversations').where({ external_id: customer }).first();
    const booking = await h.sys.knex('bookings').where({ conversation_id: conversation.id }).first();
    expect(booking.details).toMatchObject({ notes: question });
    // The API shows it as the booking's notes.
    const shown = await apiClient(h.sys)('GET', `/api/v1/bookings/${booking.number}`);
    expect(shown.json).toMatchObject({ notes: question });
    // Nothing was handed over: the booking goes on in the bot, the question with it to the team.
    expect(conversation.inbox_status).toBe('bot');
  });
});
