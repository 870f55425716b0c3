import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outboxBacklog } from '../core/outbox/backlog.ts';
import { alertLongBacklogs, backlogAlertText } from '../core/staff/backlog-alert.ts';
import { apiClient } from './support/api-client.ts';
import { startTestSystem, type TestSystem } from './support/test-system.ts';

/**
 * The backlog a burst leaves (signed deliveries are never refused: docs/reliability.md): readable
 * through the API, and told to the managers once its oldest work has waited two minutes, once an
 * hour. An api-only system, so that nothing works the rows off while they are looked at.
 */
let sys: TestSystem;
let api: ReturnType<typeof apiClient>;
let otherOrg: string;
const MANAGERS_GROUP = 'C' + 'b'.repeat(32);
const minutesAgo = (now: Date, m: number) => new Date(now.getTime() - m * 60_000);

beforeAll(async () => {
  sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  api = apiClient(sys);
  let channel = await sys.knex('channels').where({ org_id: sys.defaultOrgId, kind: 'line' }).first();
  channel ??= (await sys.knex('channels').insert({ org_id: sys.defaultOrgId, kind: 'line', name: 'LINE', settings: '{}' }).returning('*'))[0];
  await sys.knex('staff_groups').insert({ org_id: sys.defaultOrgId, channel_id: channel.id, line_group_id: MANAGERS_GROUP, purpose: 'managers', name: 'Managers', is_active: true, language: 'en' });
  [{ id: otherOrg }] = await sys.knex('orgs').insert({ slug: 'backlog-other', name: 'Other' }).returning('id');
}, 120_000);
afterAll(async () => {
  await sys?.stopAll();
});

/** Outbox rows as a burst leaves them, with what is not backlog beside them. */
async function burstLeftovers(now: Date) {
  const row = (orgId: string, queue: string, o: { status?: string; attempts?: number; availableAt: Date }) => ({
    id: randomUUID(),
    org_id: orgId,
    queue,
    job_name: 'work',
    payload: '{}',
    status: o.status ?? 'pending',
    attempts: o.attempts ?? 0,
    available_at: o.availableAt,
  });
  await sys.knex('outbox').insert([
    row(sys.defaultOrgId, 'inbound', { availableAt: minutesAgo(now, 5) }),
    row(sys.defaultOrgId, 'inbound', { availableAt: minutesAgo(now, 4) }),
    row(sys.defaultOrgId, 'inbound', { status: 'enqueued', availableAt: minutesAgo(now, 1) }),
    row(sys.defaultOrgId, 'outbound', { status: 'enqueued', availableAt: minutesAgo(now, 3) }),
    // Not backlog: retried after a failure (alerted elsewhere), not due yet, finished, failed.
    row(sys.defaultOrgId, 'outbound', { status: 'enqueued', attempts: 2, availableAt: minutesAgo(now, 30) }),
    row(sys.defaultOrgId, 'sla', { availableAt: new Date(now.getTime() + 3_600_000) }),
    row(sys.defaultOrgId, 'inbound', { status: 'done', attempts: 1, availableAt: minutesAgo(now, 50) }),
    row(sys.defaultOrgId, 'inbound', { status: 'failed', attempts: 5, availableAt: minutesAgo(now, 50) }),
    // Another org's, which is its own.
    row(otherOrg, 'inbound', { availableAt: minutesAgo(now, 1) }),
  ]);
}

const alertsToManagers = () =>
  sys.knex('messages as m').join('conversations as c', 'c.id', 'm.conversation_id').where({ 'c.external_id': MANAGERS_GROUP, 'm.direction': 'out' }).orderBy('m.created_at').pluck('m.text');

describe('the backlog of work a burst leaves', () => {
  it('is counted by queue, oldest first, without rows being retried, not yet due, finished or of another org; and read through the API', async () => {
    const now = new Date();
    await burstLeftovers(now);
    const queues = await outboxBacklog(sys.knex, sys.defaultOrgId, now);
    expect(queues.map((q) => [q.queue, q.waiting, q.oldestDueAt.toISOString()])).toEqual([
      ['inbound', 3, minutesAgo(now, 5).toISOString()],
      ['outbound', 1, minutesAgo(now, 3).toISOString()],
    ]);

    const read = await api('GET', '/api/v1/outbox/backlog');
    expect(read.status).toBe(200);
    expect(read.json.waiting).toBe(4);
    expect(read.json.oldestWaitSeconds).toBeGreaterThanOrEqual(300);
    expect(read.json.queues.map((q: { queue: string; waiting: number }) => [q.queue, q.waiting])).toEqual([
      ['inbound', 3],
      ['outbound', 1],
    ]);
    // Not for anyone without the outbox permission.
    const support = await api('POST', '/api/v1/api-keys', { name: 'support', role: 'support' });
    expect(support.status).toBe(201);
    expect((await api('GET', '/api/v1/outbox/backlog', undefined, support.json.key)).status).toBe(403);
  });

  it('is told to the managers once its oldest work has waited past the limit: once an hour, and not when it is younger', async () => {
    const now = new Date();
    // The rows of the test above: the oldest waited 5 minutes. Two minutes is the limit.
    expect(await alertLongBacklogs(sys.knex, { afterMs: 10 * 60_000, now })).toEqual([]);
    expect(await alertsToManagers()).toEqual([]);

    const told = await alertLongBacklogs(sys.knex, { now });
    expect(told.map((t) => t.orgId)).toEqual([sys.defaultOrgId]);
    expect(told[0].to).toHaveLength(1);
    const alerts = await alertsToManagers();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/^⚠️ The system is behind: 4 jobs waiting, the oldest for [56] min \(customer messages not yet read: 3, answers not yet sent: 1\)\. Customers' answers are late/);

    // The same hour: told already. The next hour, still behind: told again; the other org's work
    // has waited past the limit by then too, and that org has nobody to tell.
    expect(await alertLongBacklogs(sys.knex, { now })).toEqual([]);
    expect(await alertsToManagers()).toHaveLength(1);
    const later = new Date(now.getTime() + 3_600_000);
    const again = await alertLongBacklogs(sys.knex, { now: later });
    expect(again.map((t) => [t.orgId, t.to.length]).sort()).toEqual(
      [
        [sys.defaultOrgId, 1],
        [otherOrg, 0],
      ].sort(),
    );
    expect(await alertsToManagers()).toHaveLength(2);
    expect((await alertsToManagers())[1]).toMatch(/the oldest for 6[56] min/);
  });

  it('is told in Thai in words a manager reads, not queue names', () => {
    const now = new Date();
    const text = backlogAlertText(
      [
        { queue: 'inbound', waiting: 1100, oldestDueAt: minutesAgo(now, 6) },
        { queue: 'outbound', waiting: 140, oldestDueAt: minutesAgo(now, 2) },
        { queue: 'line-profiles', waiting: 7, oldestDueAt: minutesAgo(now, 1) },
      ],
      now,
      'th',
    );
    expect(text).toBe(
      '⚠️ ระบบทำงานไม่ทัน มีงานค้าง 1,247 รายการ รายการที่ค้างนานที่สุดรอมา 6 นาที (ข้อความลูกค้าที่ยังไม่ได้อ่าน 1,100 รายการ, คำตอบที่ยังไม่ได้ส่ง 140 รายการ, งานอื่น 7 รายการ) ลูกค้าจะได้รับคำตอบช้า กรุณาแจ้งผู้ดูแลระบบให้เพิ่มกำลังประมวลผล',
    );
    expect(text).not.toMatch(/inbound|outbound|line-profiles|[a-z]+_[a-z]+/);
  });
});
