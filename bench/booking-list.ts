import type pg from 'pg';
import { onBenchDatabaseServer } from './server-process.ts';
import { fmt, median, percentile, table } from './stats.ts';

/**
 * `GET /api/v1/bookings` over a million bookings (100,000 customers, the demo org's services and
 * staff, every stage and source, two years of arrivals) on a PostgreSQL server: the first page of
 * each filter, asked one request at a time over HTTP to the running server (`npm start`), p50 and
 * p95 per filter.
 */
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 1_000_000);
const CONTACTS = Math.max(1000, Math.round(BOOKINGS / 10));
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 40);
const BATCH = 100_000;

async function fill(db: pg.Client, orgId: string): Promise<void> {
  await db.query(
    `INSERT INTO contacts (org_id, display_name, email, phone, language)
     SELECT $1, 'Customer ' || g, 'c' || g || '@example.com', '+6681' || lpad(g::text, 7, '0'), CASE WHEN g % 3 = 0 THEN 'en' ELSE 'th' END
       FROM generate_series(1, $2::int) g`,
    [orgId, CONTACTS],
  );
  for (let from = 1; from <= BOOKINGS; from += BATCH) {
    const to = Math.min(BOOKINGS, from + BATCH - 1);
    await db.query(
      `WITH c AS (SELECT array_agg(id ORDER BY created_at, id) AS ids FROM contacts WHERE org_id = $1),
            s AS (SELECT array_agg(id ORDER BY key) AS ids FROM services WHERE org_id = $1),
            st AS (SELECT array_agg(id ORDER BY id) AS ids FROM staff WHERE org_id = $1 AND role IN ('support', 'manager', 'admin'))
       INSERT INTO bookings (org_id, number, contact_id, service_id, stage, lost_reason, assignee_staff_id, requested_date, party_size, language, source, details, utm, notes, created_at, updated_at)
       SELECT $1,
              'B-' || lpad(g::text, 7, '0'),
              c.ids[1 + g % array_length(c.ids, 1)],
              CASE WHEN g % 5 = 0 THEN NULL ELSE s.ids[1 + g % array_length(s.ids, 1)] END,
              (ARRAY['new', 'contacted', 'quoted', 'confirmed', 'completed', 'completed', 'completed', 'lost', 'cancelled', 'declined'])[1 + (g * 7) % 10],
              CASE WHEN (g * 7) % 10 = 7 THEN 'went elsewhere' END,
              CASE WHEN g % 4 = 0 THEN NULL ELSE st.ids[1 + (g / 4) % array_length(st.ids, 1)] END,
              DATE '2025-01-01' + (g % 730),
              1 + g % 8,
              CASE WHEN g % 3 = 0 THEN 'en' ELSE 'th' END,
              (ARRAY['line', 'whatsapp', 'web', 'web', 'api', 'staff'])[1 + (g * 13) % 6],
              CASE WHEN g % 5 = 0 THEN jsonb_build_object('destination', 'Destination ' || (g % 40)) ELSE '{}'::jsonb END,
              CASE WHEN g % 6 = 2 THEN jsonb_build_object('campaign', 'campaign-' || (g % 50)) ELSE '{}'::jsonb END,
              CASE WHEN g % 10 = 0 THEN 'note ' || g ELSE NULL END,
              now() - make_interval(secs => (($3::int - g) * (63072000.0 / $3::int))::double precision),
              now() - make_interval(secs => (($3::int - g) * (63072000.0 / $3::int))::double precision)
         FROM generate_series($2::int, $4::int) g, c, s, st
         -- the trigger that stamps updated_at runs on UPDATE only
       `,
      [orgId, from, BOOKINGS, to],
    );
  }
  await db.query('ANALYZE contacts; ANALYZE bookings; ANALYZE booking_events; ANALYZE staff; ANALYZE services');
}

export async function benchBookingList(): Promise<string> {
  let filled = 0;
  const rows = await onBenchDatabaseServer(async ({ port, adminKey, db, orgId }) => {
    const out: (string | number)[][] = [];
    const started = Date.now();
    await fill(db, orgId);
    filled = Date.now() - started;
    const { rows: staff } = await db.query(`SELECT id FROM staff WHERE org_id = $1 AND role = 'support' ORDER BY id LIMIT 1`, [orgId]);
    // A combination that exists: the stage, service and assignee of one booking.
    const { rows: combo } = await db.query(
      `SELECT b.stage, s.key AS service, b.assignee_staff_id FROM bookings b JOIN services s ON s.id = b.service_id
        WHERE b.org_id = $1 AND b.assignee_staff_id IS NOT NULL AND b.stage = 'contacted' LIMIT 1`,
      [orgId],
    );
    const filters: [string, string][] = [
      ['none (newest first)', ''],
      ['stage=new', 'stage=new'],
      ['stage=contacted,quoted', 'stage=contacted,quoted'],
      ['assignee=<a support member>', `assignee=${staff[0].id}`],
      ['assignee=none', 'assignee=none'],
      ['service=sushi_class', 'service=sushi_class'],
      ['source=web', 'source=web'],
      ['stage & service & assignee', `stage=${combo[0].stage}&service=${combo[0].service}&assignee=${combo[0].assignee_staff_id}`],
      ['createdFrom (last 7 days)', `createdFrom=${new Date(Date.now() - 7 * 86400_000).toISOString().slice(0, 10)}`],
      ['dateFrom & dateTo (one month)', 'dateFrom=2026-03-01&dateTo=2026-03-31'],
      ['sort=created_at (oldest first)', 'sort=created_at'],
      ['search=<a booking number>', 'search=B-0424242'],
      ['search=<a customer name>', 'search=Customer%2042424'],
      ['search=<an e-mail>', 'search=c42424%40example.com'],
      ['search=<a phone as written>', 'search=081-004-2424'],
      ['search=<a campaign>', 'search=campaign-17'],
      ['second page (cursor), stage=new', 'stage=new&cursor=FIRST'],
    ];
    for (const [label, query] of filters) {
      let q = query;
      if (q.includes('cursor=FIRST')) {
        const first = await (await fetch(`http://127.0.0.1:${port}/api/v1/bookings?stage=new`, { headers: { authorization: `Bearer ${adminKey}` } })).json();
        q = `stage=new&cursor=${first.nextCursor}`;
      }
      const times: number[] = [];
      let items = 0;
      for (let i = 0; i < REQUESTS + 3; i++) {
        const t = performance.now();
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/bookings?${q}`, { headers: { authorization: `Bearer ${adminKey}` } });
        const body = await res.json();
        if (res.status !== 200) throw new Error(`${label}: ${res.status} ${JSON.stringify(body)}`);
        if (i >= 3) times.push(performance.now() - t);
        items = body.items.length;
      }
      out.push([label, String(items), fmt(median(times), 1), fmt(percentile(times, 95), 1)]);
    }
    return out;
  });
  if (!rows) return '### Booking list\n\nSkipped: no PostgreSQL at TEST_DATABASE_URL (this figure is about a real server).';
  return (
    `### Booking list (${BOOKINGS.toLocaleString('en-US')} bookings, ${CONTACTS.toLocaleString('en-US')} customers, PostgreSQL server; first page of 25, ${REQUESTS} requests each after 3 to warm up, one at a time over HTTP)\n\n` +
    table(['filter', 'items', 'p50 ms', 'p95 ms'], rows) +
    `\n\nFilling the database took ${fmt(filled / 1000)} s (one INSERT ... SELECT per 100,000 bookings, then ANALYZE).`
  );
}
