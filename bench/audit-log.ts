import type pg from 'pg';
import { onBenchDatabaseServer } from './server-process.ts';
import { fmt, median, percentile, table } from './stats.ts';

/**
 * `GET /api/v1/audit` over ten million audit entries (`BENCH_AUDIT_ROWS`) on a PostgreSQL server:
 * 300 staff members, 20 API keys and the system acting on 500,000 cases and bookings over two
 * years, 30 kinds of action. Each filter is asked one request at a time over HTTP to the running
 * server (`npm start`); p50 and p95. The goal (#42): one actor's month, p95 under 200 ms.
 */
const ROWS = Number(process.env.BENCH_AUDIT_ROWS ?? 10_000_000);
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const BATCH = 1_000_000;
const ACTIONS = ['case.opened', 'case.type_changed', 'case.severity_changed', 'case.assigned', 'case.resolved', 'booking.updated', 'booking.stage_changed', 'staff.created', 'staff.updated', 'provider.updated'];

async function fill(db: pg.Client, orgId: string): Promise<void> {
  for (let from = 1; from <= ROWS; from += BATCH) {
    const to = Math.min(ROWS, from + BATCH - 1);
    await db.query(
      `INSERT INTO audit_log (org_id, actor_type, actor_id, action, subject_type, subject_id, details, request_id, created_at)
       SELECT $1,
              CASE WHEN g % 10 = 0 THEN 'system' WHEN g % 10 = 1 THEN 'api_key' ELSE 'staff' END,
              CASE WHEN g % 10 = 0 THEN NULL WHEN g % 10 = 1 THEN 'key-' || ((g / 10) % 20) ELSE 'staff-' || ((g * 7) % 300) END,
              ($5::text[])[1 + (g * 13) % array_length($5::text[], 1)],
              CASE WHEN (g * 13) % 10 < 5 THEN 'case' ELSE 'booking' END,
              'S-' || ((g * 31) % 500000),
              jsonb_build_object('n', g),
              'req-' || g,
              now() - make_interval(secs => (($3::int - g) * (63072000.0 / $3::int))::double precision)
         FROM generate_series($2::int, $4::int) g`,
      [orgId, from, ROWS, to, ACTIONS],
    );
  }
  await db.query('ANALYZE audit_log');
}

export async function benchAuditLog(): Promise<string> {
  let filled = 0;
  const rows = await onBenchDatabaseServer(async ({ port, adminKey, db, orgId }) => {
    const out: (string | number)[][] = [];
    const started = Date.now();
    await fill(db, orgId);
    filled = Date.now() - started;
    // A case that has a history (its entries are spread over the two years).
    const { rows: someCase } = await db.query(`SELECT subject_id FROM audit_log WHERE org_id = $1 AND subject_type = 'case' AND actor_type = 'staff' LIMIT 1`, [orgId]);
    const month = (monthsAgo: number) => {
      const from = new Date(Date.now() - (monthsAgo + 1) * 30 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date(Date.now() - monthsAgo * 30 * 86_400_000).toISOString().slice(0, 10);
      return `from=${from}&to=${to}`;
    };
    const filters: [string, string, boolean?][] = [
      ['one staff member, one month (the goal)', `actorType=staff&actorId=staff-42&${month(6)}`],
      ['one staff member, one month, as CSV (all of it)', `actorType=staff&actorId=staff-42&${month(6)}&format=csv`, true],
      ['one staff member, newest first', 'actorType=staff&actorId=staff-42'],
      ['one API key, one month', `actorType=api_key&actorId=key-7&${month(12)}`],
      ['one case: its whole history', `entity=case&entityId=${someCase[0].subject_id}`],
      ['one action, one month', `action=case.type_changed&${month(3)}`],
      ['actions that start with case., one month', `action=case.*&${month(3)}`],
      ['nothing: the newest page', ''],
      ['one month, nothing else', month(18)],
      ['second page (cursor), one staff member', 'actorType=staff&actorId=staff-42&cursor=FIRST'],
    ];
    const get = (q: string) => fetch(`http://127.0.0.1:${port}/api/v1/audit?${q}`, { headers: { authorization: `Bearer ${adminKey}` } });
    for (const [label, query, csv] of filters) {
      const next: string | null = query.includes('cursor=FIRST') ? (await (await get('actorType=staff&actorId=staff-42')).json()).nextCursor : '';
      if (next === null) continue; // a log too small for a second page (BENCH_AUDIT_ROWS)
      const q = query.replace('FIRST', next);
      const times: number[] = [];
      let items = 0;
      for (let i = 0; i < REQUESTS + 3; i++) {
        const t = performance.now();
        const res = await get(q);
        const text = await res.text();
        if (res.status !== 200) throw new Error(`${label}: ${res.status} ${text}`);
        if (i >= 3) times.push(performance.now() - t);
        items = csv ? text.trimEnd().split('\r\n').length - 1 : JSON.parse(text).items.length;
      }
      out.push([label, String(items), fmt(median(times), 1), fmt(percentile(times, 95), 1)]);
    }
    return out;
  });
  if (!rows) return '### Audit log\n\nSkipped: no PostgreSQL at TEST_DATABASE_URL (this figure is about a real server).';
  return [
    `### Audit log: \`GET /api/v1/audit\` over ${ROWS.toLocaleString('en')} entries (PostgreSQL, filled in ${fmt(filled / 1000)} s)`,
    '',
    table(['filter', 'entries answered', 'p50 ms', 'p95 ms'], rows),
  ].join('\n');
}
