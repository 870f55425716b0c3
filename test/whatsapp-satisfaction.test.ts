import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeTwilioApi, type RunningFakeTwilioApi, type TwilioDelivery } from '../dev/fakes/twilio-api.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';
import { postWhatsApp, randomPhone, whatsAppEnv, whatsAppMessage } from './support/whatsapp-customer.ts';

/**
 * Customer satisfaction on WhatsApp, end to end: signed Twilio webhooks in, the real twilio client
 * out to the fake Twilio server. The question goes out as buttons (a Twilio quick-reply content
 * template), the tapped button comes back as Twilio's ButtonPayload, and the answers land on the
 * case's timeline and in the report as they do from LINE (test/analytics-csat.test.ts).
 */
let twilio: RunningFakeTwilioApi;
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
const started = new Date(Date.now() - 3_600_000).toISOString();

beforeAll(async () => {
  twilio = await startFakeTwilioApi();
  sys = await startTestSystem({ env: { ...whatsAppEnv(twilio), CLASSIFIER: 'offline', DEV_SIMULATOR: 'off' } });
  api = apiClient(sys);
  expect((await api('PATCH', '/api/v1/case-types/topup_not_credited', { notify: { satisfaction: true } })).status).toBe(200);
}, 60_000);
afterAll(async () => {
  await sys?.stopAll();
  await twilio?.close();
});

/**
 * The choices of a delivery's template, with its variables filled in: their titles and the ids
 * Twilio sends back when one is tapped (buttons, or a list to pick from when there are more than
 * three, as for the five scores).
 */
function buttonsOf(d: TwilioDelivery): { title: string; id: string }[] {
  const fill = (x: string) => x.replace(/\{\{(\d+)\}\}/g, (_, k: string) => d.contentVariables?.[k] ?? '');
  const types = d.content?.types ?? {};
  const buttons = (types['twilio/quick-reply']?.actions ?? []) as { title: string; id: string }[];
  const items = ((types['twilio/list-picker']?.items ?? []) as { item: string; id: string }[]).map((i) => ({ title: i.item, id: i.id }));
  return [...buttons, ...items].map((b) => ({ title: fill(b.title), id: fill(b.id) }));
}
/** What the customer reads of a delivery: its text, or its template's body with the variables filled in. */
const textOf = (d: TwilioDelivery) => d.body ?? String(Object.values(d.content?.types ?? {})[0]?.body ?? '').replace(/\{\{(\d+)\}\}/g, (_, k: string) => d.contentVariables?.[k] ?? '');
const isQuestion = (d: TwilioDelivery) => buttonsOf(d).some((b) => b.id.startsWith('act=csat&'));
const sentAfter = (phone: string, n: number) => until(async () => twilio.state.deliveriesTo(`whatsapp:${phone}`)[n] ?? false);
const eventsOf = async (caseId: string) => (await sys.knex('case_events').where({ case_id: caseId }).orderBy('id')).filter((e) => String(e.type).startsWith('satisfaction_'));

describe('the satisfaction question on WhatsApp', () => {
  it('asks with buttons when the case is resolved; the tapped button is the score, the next message the comment, once', async () => {
    const phone = randomPhone();
    expect((await postWhatsApp(sys, whatsAppMessage(phone, 'I topped up 300 baht but my credit did not arrive, order ORD-55555'))).status).toBe(200);
    const kase = await until(async () => {
      const identity = await sys.knex('contact_identities').where({ external_id: `whatsapp:${phone}` }).first();
      return (identity && (await sys.knex('cases').where({ contact_id: identity.contact_id }).first())) ?? false;
    });
    expect((await api('POST', `/api/v1/cases/${kase.number}/transitions`, { to: 'resolved' })).status).toBe(200);

    const question = await until(async () => twilio.state.deliveriesTo(`whatsapp:${phone}`).find(isQuestion) ?? false);
    expect(textOf(question)).toContain(kase.number);
    expect(textOf(question)).toMatch(/rate us from 1/);
    expect(buttonsOf(question).map((b) => b.title)).toEqual(['1 ⭐', '2 ⭐⭐', '3 ⭐⭐⭐', '4 ⭐⭐⭐⭐', '5 ⭐⭐⭐⭐⭐']);
    const four = buttonsOf(question).find((b) => b.title.startsWith('4 '))!;
    // The case's "resolved" notice is a send of its own, which may arrive after the question.
    await until(async () => twilio.state.deliveriesTo(`whatsapp:${phone}`).some((d) => /has been resolved/.test(textOf(d))));
    const sent = twilio.state.deliveriesTo(`whatsapp:${phone}`).length;

    // The customer taps "4": Twilio posts the button's id as ButtonPayload, its title as the text.
    expect((await postWhatsApp(sys, whatsAppMessage(phone, four.title, { ButtonPayload: four.id, ButtonText: four.title }))).status).toBe(200);
    // The bot's first reply of its own carries the privacy notice before it (the case's
    // acknowledgement, which answered the first message, did not).
    const notice = await sentAfter(phone, sent);
    expect(textOf(notice)).toMatch(/Your personal data/);
    const thanksForScore = await sentAfter(phone, sent + 1);
    expect(textOf(thanksForScore)).toMatch(/Thank you for your rating/);
    expect((await postWhatsApp(sys, whatsAppMessage(phone, 'Fixed fast, thank you'))).status).toBe(200);
    const thanks = await sentAfter(phone, sent + 2);
    expect(textOf(thanks)).toMatch(/Thank you for your feedback/);

    // A second tap on the old question: the first answer stands. The comment did not reopen the case.
    const one = buttonsOf(question).find((b) => b.title.startsWith('1 '))!;
    expect((await postWhatsApp(sys, whatsAppMessage(phone, one.title, { ButtonPayload: one.id, ButtonText: one.title }))).status).toBe(200);
    await sentAfter(phone, sent + 3);
    expect((await sys.knex('cases').where({ id: kase.id }).first()).status).toBe('resolved');
    expect((await eventsOf(kase.id)).map((e) => [e.type, e.actor_type, e.data])).toEqual([
      ['satisfaction_requested', 'system', { language: 'en' }],
      ['satisfaction_rated', 'customer', { score: 4 }],
      ['satisfaction_commented', 'customer', { comment: 'Fixed fast, thank you' }],
    ]);

    // In the report as from LINE.
    const report = await api('GET', `/api/v1/analytics/csat?from=${encodeURIComponent(started)}&to=${encodeURIComponent(new Date(Date.now() + 3_600_000).toISOString())}`);
    expect(report.status).toBe(200);
    expect(report.json).toMatchObject({ asked: { value: 1 }, answered: { value: 1 }, averageScore: 4 });
    expect(report.json.comments).toMatchObject([{ number: kase.number, score: 4, comment: 'Fixed fast, thank you' }]);
  });
});
