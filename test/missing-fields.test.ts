import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * A form sent with several fields missing is answered once, naming every one of them (422
 * `validation_failed`, a detail per field, `code: 'required'` for a field left out or blank), not
 * one per try; nothing is stored.
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  sys = await startTestSystem({ env: { DEV_SIMULATOR: 'off' } });
  api = apiClient(sys);
}, 60_000);
afterAll(() => sys?.stopAll());

const count = async (table: string) => Number((await sys.knex(table).count({ n: '*' }))[0].n);
const named = (res: { json: any }) => Object.fromEntries((res.json.error.details as { path: string; code: string }[]).map((d) => [d.path, d.code]));

describe('every missing field at once', () => {
  it("the website's booking form: name, a way to answer, and what to book, in one answer", async () => {
    const before = await count('bookings');
    const res = await fetch(`${sys.url}/public/v1/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
      body: JSON.stringify({ language: 'th' }),
    });
    const json = await res.json();
    expect(res.status).toBe(422);
    expect(named({ json })).toEqual({ name: 'required', email: 'custom', destination: 'custom' });
    expect(await count('bookings')).toBe(before);
  });

  it("a booking recorded by staff: the same three at once", async () => {
    const before = await count('bookings');
    const res = await api('POST', '/api/v1/bookings', {});
    expect(res.status).toBe(422);
    // The name is needed unless a member number names the customer: a rule of its own, said in words.
    expect(named(res)).toEqual({ name: 'custom', email: 'custom', destination: 'custom' });
    expect(res.json.error.details.find((d: { path: string }) => d.path === 'name').message).toBe('A name is needed (or a member_number)');
    expect(await count('bookings')).toBe(before);
  });

  it('a FAQ entry with nothing filled: its key, both questions and both answers, and that a question is needed', async () => {
    const before = await count('faq_entries');
    const res = await api('POST', '/api/v1/faq', { key: '', question: { th: '', en: '' }, answer: { th: '', en: '' } });
    expect(res.status).toBe(422);
    expect(named(res)).toEqual({ key: 'required', 'question.th': 'required', 'question.en': 'required', question: 'custom', 'answer.th': 'required', 'answer.en': 'required' });
    expect(await count('faq_entries')).toBe(before);
  });

  it('a case type and a staff member: every required field named, wrong ones keep their own words', async () => {
    const types = await count('case_types');
    const res = await api('POST', '/api/v1/case-types', { key: 'Bad Key', name: { th: '' } });
    expect(res.status).toBe(422);
    expect(named(res)).toEqual({ key: 'invalid_format', 'name.th': 'required', 'name.en': 'required', firstResponseMinutes: 'required', resolutionMinutes: 'required' });
    expect(res.json.error.details.find((d: { path: string }) => d.path === 'key').message).toMatch(/lower_snake_case/);
    expect(await count('case_types')).toBe(types);
    const staff = await count('staff');
    const s = await api('POST', '/api/v1/staff', {});
    expect(named(s)).toEqual({ displayName: 'required', role: 'required' });
    expect(await count('staff')).toBe(staff);
  });
});
