import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from './support/api-client.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';
import { configureGroup, waitForMessageTo } from './support/staff-desk.ts';

/**
 * The check of issue #42, "The case desk, complete", as its steps stand on this system: a case
 * opened through `POST /api/v1/cases` for a phone number reaches the staff group; its type is
 * corrected through REST, and the new SLA due times are on its timeline; `GET /api/v1/audit`
 * lists the change. (The order update through the orders API is that API's to add here.)
 */
let h: LineCustomerHarness;
let api: ReturnType<typeof apiClient>;
let groupId: string;
let integrationKey: string;
let manager: { id: string; key: string };
const MIN = 60_000;

beforeAll(async () => {
  h = await startLineCustomerHarness();
  api = apiClient(h.sys);
  integrationKey = (await api('POST', '/api/v1/api-keys', { name: 'acceptance: main system', role: 'integration' })).json.key;
  const staff = await api('POST', '/api/v1/staff', { displayName: 'Mali', role: 'manager', language: 'en' });
  manager = { id: staff.json.id, key: (await api('POST', '/api/v1/api-keys', { name: 'acceptance: Mali', role: 'manager', staffId: staff.json.id })).json.key };
  ({ groupId } = await configureGroup(h, lineId('C'), { purpose: 'support', language: 'en' }));
}, 60_000);
afterAll(() => h?.close());

it('a case opened for a phone number, its type corrected with new due times on the timeline, the change in the audit log', async () => {
  const types = Object.fromEntries((await h.sys.knex('case_types').where({ org_id: h.sys.defaultOrgId })).map((t) => [t.key, t]));
  // The check needs two types whose first-response targets differ, or a correction would move nothing.
  expect(types.refund_request.first_response_minutes).not.toBe(types.topup_not_credited.first_response_minutes);

  const opened = await fetch(`${h.sys.url}/api/v1/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${integrationKey}`, 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({ source: 'api', caseType: 'refund_request', summary: 'Customer phoned: topped up 500 baht, no credit, asks for the money back', phone: '089-765-4321' }),
  });
  expect(opened.status).toBe(201);
  const c = (await opened.json()) as { number: string; contactId: string; firstResponseDueAt: string; resolutionDueAt: string };
  expect((await h.sys.knex('contacts').where({ id: c.contactId }).first()).phone).toBe('+66897654321');
  await waitForMessageTo(h, groupId, (m) => m.type === 'flex' && String(m.altText).includes(c.number));

  const corrected = await api('POST', `/api/v1/cases/${c.number}/corrections`, { caseType: 'topup_not_credited', reason: 'Not a refund: the top-up never arrived' }, manager.key);
  expect(corrected.status).toBe(200);
  const row = await h.sys.knex('cases').where({ number: c.number }).first();
  const openedAt = (await h.sys.knex('case_status_periods').where({ case_id: row.id, status: 'new' }).first()).started_at;
  // The new type's target from the opening (minute precision; the test org works around the clock).
  const minute = (d: Date | string) => Math.floor(new Date(d).getTime() / MIN);
  expect(minute(corrected.json.firstResponseDueAt)).toBe(minute(openedAt) + types.topup_not_credited.first_response_minutes);
  expect(corrected.json.firstResponseDueAt).not.toBe(c.firstResponseDueAt);

  const detail = await api('GET', `/api/v1/cases/${c.number}`, undefined, integrationKey);
  const onTimeline = detail.json.timeline.find((e: { type: string }) => e.type === 'corrected');
  expect(onTimeline.data).toMatchObject({
    caseType: { from: 'refund_request', to: 'topup_not_credited' },
    firstResponseDueAt: { from: c.firstResponseDueAt, to: corrected.json.firstResponseDueAt },
    resolutionDueAt: { from: c.resolutionDueAt, to: corrected.json.resolutionDueAt },
  });

  const audit = await api('GET', `/api/v1/audit?entity=case&entityId=${row.id}`);
  expect(audit.status).toBe(200);
  // Other entries about the case (the order's, when the orders API adds its step) may stand beside it.
  expect(audit.json.items.filter((e: { action: string }) => e.action === 'case.corrected')).toEqual([
    expect.objectContaining({ action: 'case.corrected', actorType: 'staff', actorId: manager.id, actorName: 'Mali', entity: 'case', entityId: row.id, requestId: corrected.requestId }),
  ]);
});
