import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { customerWrote, handOff, reply, take } from '../core/conversations/conversation-commands.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { until, untilSettled } from './support/test-system.ts';

/**
 * The inbox figures (docs/analytics.md "Inbox") from a known set of conversations: customers who
 * wrote through signed LINE webhooks, some handled by the bot alone, some handed to a person whose
 * history (asked for, taken, answered, written to again, answered again) is made by the inbox's own
 * commands at chosen times in the last hours. Every expected figure is worked out from the fixture.
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let managerKey: string;
let supportKey: string;
const staff: Record<string, string> = {};

/** A person's conversation: who answers, after how many minutes the first answer, and each next answer. */
interface PersonStory {
  by: 'Anong' | 'Boon';
  /** null: taken (or not, with `untaken`) and never answered. */
  first: number | null;
  next?: number[];
  untaken?: boolean;
}
const BOT_ALONE = 3;
const PEOPLE: PersonStory[] = [
  { by: 'Anong', first: 4, next: [12] },
  { by: 'Anong', first: 20 },
  { by: 'Boon', first: 1, next: [40, 3] },
  { by: 'Boon', first: 9 },
  { by: 'Anong', first: 2, next: [7] },
  { by: 'Anong', first: null },
  { by: 'Boon', first: null, untaken: true },
];
const TARGETS = { first: 15, next: 30 };
const ids = { bot: [] as string[], person: [] as string[] };
let from: string;
let to: string;

/** The lower median / p90 as the figures count them: the ceil(p n)-th smallest. */
const percentile = (xs: number[], p: number) => (xs.length ? [...xs].sort((a, b) => a - b)[Math.ceil(p * xs.length) - 1] : null);
const rate = (num: number, den: number) => (den ? Math.round((num / den) * 10_000) / 10_000 : null);

async function customerSaysHello(): Promise<string> {
  const customer = lineId('U');
  await h.ask(customer, { text: 'hello' });
  const row = await until(async () => (await h.sys.knex('conversations').where({ external_id: customer }).first()) ?? false);
  // After the LINE profile is read (it names the contact too).
  await untilSettled(h.sys.knex);
  await h.sys.knex('contacts').where({ id: row.contact_id }).update({ display_name: `Customer ${customer.slice(-6)}` });
  return row.id;
}

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  for (const [name, role] of [['Anong', 'support'], ['Boon', 'support'], ['Mali', 'manager']] as const) {
    const res = await api('POST', '/api/v1/staff', { displayName: name, role, language: 'en' });
    staff[name] = res.json.id;
  }
  managerKey = (await api('POST', '/api/v1/api-keys', { name: 'inbox figures', role: 'manager', staffId: staff.Mali })).json.key;
  supportKey = (await api('POST', '/api/v1/api-keys', { name: 'inbox figures support', role: 'support', staffId: staff.Anong })).json.key;

  const orgId = h.sys.defaultOrgId;
  // Whole minutes, so that the business minutes (an org with no hours: all of them) are exact.
  const start = Math.floor((Date.now() - 4 * 3_600_000) / 60_000) * 60_000;
  from = new Date(start - 3_600_000).toISOString();
  to = new Date(Date.now() + 3_600_000).toISOString();
  for (let i = 0; i < BOT_ALONE; i++) ids.bot.push(await customerSaysHello());
  for (const [i, story] of PEOPLE.entries()) {
    const id = await customerSaysHello();
    ids.person.push(id);
    let t = start + i * 10 * 60_000;
    const at = () => new Date(t);
    const actor = { staffId: staff[story.by], role: 'support' as const };
    await h.sys.knex.transaction(async (trx) => {
      await handOff(trx, { orgId, conversationId: id, reason: 'customer_asked', actor: { type: 'customer', id: null }, now: at() });
      if (!story.untaken) expect((await take(trx, { orgId, conversationId: id, staff: actor, now: at() })).ok).toBe(true);
      if (story.first === null) return;
      t += story.first * 60_000;
      expect((await reply(trx, { orgId, conversationId: id, staff: actor, text: 'Hello', now: at() })).ok).toBe(true);
      for (const minutes of story.next ?? []) {
        t += 60_000;
        await customerWrote(trx, { orgId, conversationId: id, now: at() });
        t += minutes * 60_000;
        expect((await reply(trx, { orgId, conversationId: id, staff: actor, text: 'More', now: at() })).ok).toBe(true);
      }
    });
  }
  // The clocks never answered are long past due: the workers record their breaches.
  const unanswered = PEOPLE.filter((s) => s.first === null).length;
  await until(async () => Number((await h.sys.knex('conversation_events').where({ type: 'response_breached' }).count<{ n: string }[]>('* as n'))[0].n) === unanswered);
  await untilSettled(h.sys.knex);
}, 120_000);
afterAll(() => h?.close());

const period = () => `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
const get = (path: string, key = managerKey) => api('GET', path, undefined, key);

function expectedClock(answers: number[], target: number, breached: number) {
  return {
    answered: answers.length,
    breached,
    medianBusinessMinutes: percentile(answers, 0.5),
    p90BusinessMinutes: percentile(answers, 0.9),
    metRate: rate(answers.filter((m) => m <= target).length, answers.length),
  };
}
const firstAnswers = (stories: PersonStory[]) => stories.flatMap((s) => (s.first === null ? [] : [s.first]));
const nextAnswers = (stories: PersonStory[]) => stories.flatMap((s) => s.next ?? []);
const clockValues = (c: Record<string, any>) => ({ ...c, answered: c.answered.value, breached: c.breached.value });

describe('the inbox figures', () => {
  it('count the bot alone and a person, waiting now, and the response times of the period', async () => {
    const res = await get(`/api/v1/analytics/inbox?${period()}`);
    expect(res.status).toBe(200);
    const r = res.json;
    const all = BOT_ALONE + PEOPLE.length;
    expect(r.conversations.value).toBe(all);
    expect(r.botAlone.value).toBe(BOT_ALONE);
    expect(r.byPerson.value).toBe(PEOPLE.length);
    expect(r.containmentRate).toBe(rate(BOT_ALONE, all));
    expect(r.waitingNow.value).toBe(PEOPLE.filter((s) => s.untaken).length);
    expect(clockValues(r.firstResponse)).toEqual(expectedClock(firstAnswers(PEOPLE), TARGETS.first, PEOPLE.filter((s) => s.first === null).length));
    expect(clockValues(r.nextResponse)).toEqual(expectedClock(nextAnswers(PEOPLE), TARGETS.next, 0));

    // By staff member, by name; a breach while nobody held the conversation is in no one's row.
    expect(r.byStaff.map((s: { name: string }) => s.name)).toEqual(['Anong', 'Boon']);
    for (const row of r.byStaff) {
      const theirs = PEOPLE.filter((s) => s.by === row.name);
      expect(row.staffId).toBe(staff[row.name]);
      expect(clockValues(row.firstResponse)).toEqual(expectedClock(firstAnswers(theirs), TARGETS.first, theirs.filter((s) => s.first === null && !s.untaken).length));
      expect(clockValues(row.nextResponse)).toEqual(expectedClock(nextAnswers(theirs), TARGETS.next, 0));
    }
  });

  it('drill down to the conversations behind a figure, by name', async () => {
    const r = (await get(`/api/v1/analytics/inbox?${period()}`)).json;
    const drill = async (path: string) => {
      const res = await get(path);
      expect(res.status).toBe(200);
      expect(res.json.count).toBe(res.json.conversations.length);
      return res.json.conversations as { id: string; customer: string; channel: string; status: string; holder: string | null }[];
    };
    expect((await drill(r.botAlone.drill)).map((c) => c.id).sort()).toEqual([...ids.bot].sort());
    expect((await drill(r.byPerson.drill)).map((c) => c.id).sort()).toEqual([...ids.person].sort());
    const waiting = await drill(r.waitingNow.drill);
    expect(waiting.map((c) => c.id)).toEqual(ids.person.filter((_, i) => PEOPLE[i].untaken));
    expect(waiting[0]).toMatchObject({ channel: 'line', status: 'waiting', holder: null, customer: expect.stringMatching(/^Customer /) });

    const boon = r.byStaff.find((s: { name: string }) => s.name === 'Boon');
    const answeredByBoon = await drill(boon.firstResponse.answered.drill);
    expect(answeredByBoon.map((c) => c.id).sort()).toEqual(ids.person.filter((_, i) => PEOPLE[i].by === 'Boon' && PEOPLE[i].first !== null).sort());
    expect(answeredByBoon.every((c) => c.holder === 'Boon')).toBe(true);
    const breached = await drill(r.firstResponse.breached.drill);
    expect(breached.map((c) => c.id).sort()).toEqual(ids.person.filter((_, i) => PEOPLE[i].first === null).sort());
  });

  it('answer as CSV: the summary, the staff table with names, and a drill-down', async () => {
    const csv = async (path: string) => {
      const res = await fetch(`${h.sys.url}${path}`, { headers: { authorization: `Bearer ${managerKey}` } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      return (await res.text()).trim().split('\r\n');
    };
    const summary = await csv(`/api/v1/analytics/inbox?${period()}&format=csv&table=summary`);
    expect(summary[0].split(',')).toEqual(expect.arrayContaining(['conversations', 'botAlone', 'containmentRate', 'firstResponse.medianBusinessMinutes', 'nextResponse.p90BusinessMinutes']));
    const cell = (name: string) => summary[1].split(',')[summary[0].split(',').indexOf(name)];
    expect(Number(cell('conversations'))).toBe(BOT_ALONE + PEOPLE.length);
    expect(Number(cell('firstResponse.medianBusinessMinutes'))).toBe(percentile(firstAnswers(PEOPLE), 0.5));
    const people = await csv(`/api/v1/analytics/inbox?${period()}&format=csv&table=staff`);
    expect(people.slice(1).map((l) => l.split(',')[0])).toEqual(['Anong', 'Boon']);
    const bots = await csv(`/api/v1/analytics/inbox/conversations?${period()}&figure=bot_alone&format=csv`);
    expect(bots).toHaveLength(BOT_ALONE + 1);
  });

  it('are for managers and the CEO; bad queries are refused and change nothing', async () => {
    const before = Number((await h.sys.knex('conversation_events').count<{ n: string }[]>('* as n'))[0].n);
    expect((await get(`/api/v1/analytics/inbox?${period()}`, supportKey)).status).toBe(403);
    for (const q of ['figure=nope', 'staff=not-a-uuid', 'preset=today&from=2026-01-01&to=2026-01-02', 'format=csv&table=nope']) {
      const res = await get(`/api/v1/analytics/inbox/conversations?${q}`);
      expect([q, res.status]).toEqual([q, 422]);
    }
    expect((await get('/api/v1/analytics/inbox?owner=x')).status).toBe(422);
    expect(Number((await h.sys.knex('conversation_events').count<{ n: string }[]>('* as n'))[0].n)).toBe(before);
  });

  it('is in the OpenAPI document, and served to the dashboard', async () => {
    const doc = (await get('/api/v1/openapi.json')).json;
    expect(doc.paths['/api/v1/analytics/inbox'].get.tags).toEqual(['analytics']);
    expect(doc.paths['/api/v1/analytics/inbox/conversations']).toBeDefined();
    expect(doc.paths['/liff-api/v1/dashboard/inbox']).toBeDefined();
  });
});
