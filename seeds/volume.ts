import type { Knex } from 'knex';
import { markCasesChanged } from '../core/analytics/case-rollup.ts';

/**
 * A realistic org at volume, for the benchmark and for trying the dashboards (`npm run
 * seed:volume`, seeds/volume-cli.ts): two years of cases and bookings with seasonality, staff,
 * providers, customers, and a few bad providers and abusive customers planted, so that the
 * provider risk and abuse reports have something true to find.
 *
 * Everything is generated inside PostgreSQL (INSERT ... SELECT over generate_series, a chunk per
 * transaction), so a million cases never cross the wire one by one. Like seeds/demo.ts it writes
 * the tables directly, as their owners would have: the case row, its status periods, its timeline
 * (created, owner_changed, satisfaction answers), its orders; bookings with their timeline and
 * quotes. `setseed` makes a run with the same seed and sizes the same.
 *
 * - **Seasonality**: more cases in the high season (November to February), fewer in September;
 *   fewer at the weekend; most in the day (09:00-21:00 Bangkok).
 * - **Cases**: the org's case types; the resolution takes 10 % to 90 % of the case type's target
 *   (10 % of cases go over it); 40 % depend on a provider; root causes spread over the built-in
 *   ones; 1 % of orders refunded; the last three days' cases partly still open.
 * - **Bad providers** (`badProviders`): 70 % of their resolved cases are their fault
 *   (`provider_issue`), their waits run 2 to 5 times the target, 10 % of orders refunded.
 * - **Abusive customers** (`abusers`): `abuserCases` cases each in the last 30 days, 40 % refunded.
 * - **Bookings**: a funnel (new 100 %, contacted ~70 %, quoted ~45 %, confirmed ~25 %, completed
 *   most of the confirmed older than two weeks; the rest lost or cancelled once old), UTM sources,
 *   quotes in THB.
 */
export interface VolumeOptions {
  orgId: string;
  cases: number;
  bookings: number;
  /** Staff members to add. */
  staff: number;
  /** Providers the org should have in all (the demo's five count). */
  providers: number;
  days: number;
  badProviders: number;
  abusers: number;
  /** Cases of each abusive customer in the last 30 days. */
  abuserCases: number;
  /** Customers (contacts) to add; a quarter of the cases unless given. */
  customers?: number;
  /** Cases (and bookings) per transaction. */
  chunk?: number;
  seed?: number;
  log?: (line: string) => void;
}

export interface VolumeResult {
  cases: number;
  bookings: number;
  staff: number;
  providers: number;
  customers: number;
  badProviders: string[];
  abusers: { contactId: string; name: string }[];
  seconds: number;
}

export const VOLUME_DEFAULTS = { cases: 1_000_000, bookings: 200_000, staff: 200, providers: 50, days: 730, badProviders: 3, abusers: 5, abuserCases: 30 } as const;

export async function generateVolume(knex: Knex, o: VolumeOptions): Promise<VolumeResult> {
  const t0 = performance.now();
  const log = o.log ?? (() => {});
  const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
  const chunk = o.chunk ?? 100_000;
  const seed = o.seed ?? 0.42;
  const customers = o.customers ?? Math.max(50, Math.ceil(o.cases / 4));
  const caseTypes = await knex('case_types').select('id').where({ org_id: o.orgId, is_active: true });
  if (caseTypes.length === 0) throw new Error('The org has no case types: load the demo seed first (npm start does)');
  const run = `${Date.now().toString(36)}`;

  // Cases written here skip the timeline's subscribers: the org's analytics rollup is no longer
  // complete, so it is set aside (the reports read the timelines) until it is rebuilt
  // (core/analytics/case-rollup.ts; the command and the workers do it).
  await knex('analytics_rollup_state').where({ org_id: o.orgId }).del();

  // ---------------------------------------------------------------- people and providers
  await knex.transaction(async (trx) => {
    await trx.raw('SELECT setseed(?)', [seed]);
    await trx.raw(
      `INSERT INTO staff (org_id, display_name, role, language)
       SELECT ?, (ARRAY['Anan','Bee','Chai','Dao','Ek','Fon','Gift','Hong','Im','Jom'])[1 + g % 10] || ' ' || g, CASE WHEN g % 20 = 0 THEN 'manager' ELSE 'support' END,
              CASE WHEN g % 4 = 0 THEN 'en' ELSE 'th' END
         FROM generate_series(1, ?) g`,
      [o.orgId, o.staff],
    );
    const have = Number((await trx('providers').count('* as n').where({ org_id: o.orgId }).first())!.n);
    const add = Math.max(0, o.providers - have);
    if (add) {
      await trx.raw(
        `INSERT INTO providers (org_id, key, name, kind)
         SELECT ?, 'partner_' || ? || '_' || lpad(g::text, 2, '0'), 'Partner ' || g, CASE WHEN g % 3 = 0 THEN 'api' ELSE 'manual' END FROM generate_series(1, ?) g`,
        [o.orgId, run, add],
      );
    }
    await trx.raw(
      `INSERT INTO contacts (org_id, display_name, language, external_ref)
       SELECT ?, 'Customer ' || g, CASE WHEN g % 3 = 0 THEN 'en' ELSE 'th' END, 'vol-' || ? || '-' || g FROM generate_series(1, ?) g`,
      [o.orgId, run, customers + o.abusers],
    );
  });
  const providers = await knex('providers').select('id', 'key').where({ org_id: o.orgId, is_active: true }).orderBy('key');
  // The bad ones: spread over the list, deterministic for a seed.
  const bad = providers.filter((_, i) => i % Math.max(1, Math.floor(providers.length / Math.max(1, o.badProviders))) === 1).slice(0, o.badProviders);
  // The abusive customers are the last ones added; the others are everyone's customers.
  const abuserRefs = Array.from({ length: o.abusers }, (_, i) => `vol-${run}-${customers + i + 1}`);
  const abusers = abuserRefs.length ? await knex('contacts').select('id', 'display_name').where({ org_id: o.orgId }).whereIn('external_ref', abuserRefs).orderBy('external_ref') : [];
  const pool: Pool = { like: `vol-${run}-%`, except: abusers.map((a) => a.id) };
  log(`  ${o.staff} staff, ${providers.length} providers (bad: ${bad.map((p) => p.key).join(', ') || 'none'}), ${customers.toLocaleString('en')} customers (${elapsed()})`);

  {
    // ---------------------------------------------------------------- cases
    let done = 0;
    let n = 0;
    while (done < o.cases) {
      const size = Math.min(chunk, o.cases - done);
      await knex.transaction(async (trx) => {
        await trx.raw('SELECT setseed(?)', [((seed * 1000 + n) % 1000) / 1000]);
        await plannedCases(trx, o, { size, pool, badIds: bad.map((p) => p.id), abusers: [] });
        await writeCases(trx, o.orgId);
      });
      done += size;
      n++;
      log(`  cases ${done.toLocaleString('en')} / ${o.cases.toLocaleString('en')} (${elapsed()})`);
    }
    if (o.abusers && o.abuserCases) {
      await knex.transaction(async (trx) => {
        await trx.raw('SELECT setseed(?)', [seed / 2]);
        await plannedCases(trx, o, { size: o.abusers * o.abuserCases, pool, badIds: bad.map((p) => p.id), abusers: abusers.map((a) => a.id) });
        await writeCases(trx, o.orgId);
      });
      log(`  ${o.abusers} abusive customers planted, ${o.abuserCases} cases each in the last 30 days (${elapsed()})`);
    }

    // ---------------------------------------------------------------- bookings
    let booked = 0;
    const bookingNumbered = Number((await knex('bookings').count('* as n').where({ org_id: o.orgId }).where('number', 'like', 'VB-%').first())!.n);
    while (booked < o.bookings) {
      const size = Math.min(chunk, o.bookings - booked);
      await knex.transaction(async (trx) => {
        await trx.raw('SELECT setseed(?)', [((seed * 1000 + 500 + booked / chunk) % 1000) / 1000]);
        await writeBookings(trx, o, pool, size, bookingNumbered + booked);
      });
      booked += size;
      log(`  bookings ${booked.toLocaleString('en')} / ${o.bookings.toLocaleString('en')} (${elapsed()})`);
    }
  }
  await knex.raw('ANALYZE cases; ANALYZE case_status_periods; ANALYZE case_events; ANALYZE case_orders; ANALYZE orders; ANALYZE bookings; ANALYZE booking_events; ANALYZE contacts');
  log(`  done (${elapsed()})`);
  return {
    cases: o.cases + o.abusers * o.abuserCases,
    bookings: o.bookings,
    staff: o.staff,
    providers: providers.length,
    customers,
    badProviders: bad.map((p) => p.key),
    abusers: abusers.map((a) => ({ contactId: a.id, name: a.display_name })),
    seconds: (performance.now() - t0) / 1000,
  };
}

/** Seasonal weight of an instant (Bangkok): high season, weekdays, daytime. */
const SEASON = `(CASE extract(month FROM t AT TIME ZONE 'Asia/Bangkok')::int
                   WHEN 11 THEN 1.0 WHEN 12 THEN 1.0 WHEN 1 THEN 0.95 WHEN 2 THEN 0.85 WHEN 3 THEN 0.75 WHEN 4 THEN 0.8
                   WHEN 5 THEN 0.6 WHEN 6 THEN 0.55 WHEN 7 THEN 0.6 WHEN 8 THEN 0.55 WHEN 9 THEN 0.45 ELSE 0.7 END)
              * (CASE WHEN extract(isodow FROM t AT TIME ZONE 'Asia/Bangkok') >= 6 THEN 0.6 ELSE 1.0 END)
              * (CASE WHEN extract(hour FROM t AT TIME ZONE 'Asia/Bangkok') BETWEEN 9 AND 20 THEN 1.0 ELSE 0.25 END)`;

/** The plan of `size` cases in a temporary table `gen` (dropped at commit). */
/** The customers cases and bookings are spread over (the abusers aside). */
interface Pool {
  like: string;
  except: string[];
}
const POOL_CTE = `k AS (SELECT array_agg(id ORDER BY id) AS ids FROM contacts WHERE org_id = ? AND external_ref LIKE ? AND NOT (id = ANY(?::uuid[])))`;

async function plannedCases(trx: Knex.Transaction, o: VolumeOptions, p: { size: number; pool: Pool; badIds: string[]; abusers: string[] }) {
  const planted = p.abusers.length > 0;
  await trx.raw(
    `CREATE TEMP TABLE gen ON COMMIT DROP AS
     WITH t AS (SELECT array_agg(id ORDER BY key) AS ids FROM case_types WHERE org_id = ? AND is_active),
          s AS (SELECT array_agg(id ORDER BY id) AS ids FROM staff WHERE org_id = ? AND is_active),
          pr AS (SELECT array_agg(id ORDER BY key) AS ids FROM providers WHERE org_id = ? AND is_active),
          ${POOL_CTE},
          cand AS (
            SELECT now() - random() * (? * interval '1 day') AS t FROM generate_series(1, ? * 4)
          ),
          picked AS (
            SELECT t AS opened, row_number() OVER () AS g FROM cand WHERE random() < ${SEASON} LIMIT ?
          )
     SELECT gen_random_uuid() AS id, g, opened,
            t.ids[1 + floor(random() * cardinality(t.ids))::int] AS type_id,
            s.ids[1 + floor(random() * cardinality(s.ids))::int] AS staff_id,
            CASE WHEN random() < 0.4 THEN pr.ids[1 + floor(power(random(), 1.3) * cardinality(pr.ids))::int] END AS provider_id,
            ${planted ? `(?::uuid[])[1 + (g % ?)::int]` : `k.ids[1 + floor(random() * cardinality(k.ids))::int]`} AS contact_id,
            random() AS r1, random() AS r2, random() AS r3, random() AS r4
       FROM picked, t, s, pr, k`,
    [
      o.orgId, o.orgId, o.orgId, o.orgId, p.pool.like, p.pool.except,
      planted ? 29 : o.days, p.size, p.size,
      ...(planted ? [p.abusers, p.abusers.length] : []),
    ],
  );
  // Durations from the case type's targets; bad providers slow and at fault.
  await trx.raw(
    `CREATE TEMP TABLE gen2 ON COMMIT DROP AS
     SELECT gen.*, ct.default_severity AS severity,
            (gen.provider_id = ANY(?::uuid[])) AS bad,
            greatest(1, (coalesce(ct.first_response_minutes, 60) * (0.1 + r1 * 0.8))::int) AS fr,
            greatest(5, (coalesce(ct.resolution_minutes, 480) * CASE WHEN r2 < 0.9 THEN 0.05 + r2 * 0.45 ELSE 1.1 + r2 END)::int) AS work,
            CASE WHEN gen.provider_id IS NULL THEN (r3 * 120)::int
                 WHEN gen.provider_id = ANY(?::uuid[]) THEN (coalesce(ct.resolution_minutes, 480) * (2 + r3 * 3))::int
                 ELSE (coalesce(ct.resolution_minutes, 480) * r3 * 0.2)::int END AS wait
       FROM gen JOIN case_types ct ON ct.id = gen.type_id`,
    [p.badIds, p.badIds],
  );
  await trx.raw(
    `ALTER TABLE gen2 ADD COLUMN open boolean; ALTER TABLE gen2 ADD COLUMN root_cause text; ALTER TABLE gen2 ADD COLUMN refunded boolean;
     ALTER TABLE gen2 ADD COLUMN state text;
     UPDATE gen2 SET open = opened + (fr + work + wait) * interval '1 minute' > now() OR (opened > now() - interval '3 days' AND r4 < 0.3),
                     root_cause = CASE WHEN provider_id IS NOT NULL AND bad AND r4 < 0.7 THEN 'provider_issue'
                                       WHEN provider_id IS NOT NULL AND r4 < 0.05 THEN 'provider_issue'
                                       ELSE (ARRAY['payment_gateway','system_bug','user_error','process_error','user_error'])[1 + floor(r1 * 5)::int] END,
                     refunded = CASE WHEN ${planted ? 'true' : 'false'} THEN r3 < 0.4 WHEN bad THEN r2 < 0.1 ELSE r2 < 0.01 END;
     -- Still open: new while nobody has answered yet, else being worked on.
     UPDATE gen2 SET state = CASE WHEN NOT open THEN 'resolved' WHEN opened + fr * interval '1 minute' > now() THEN 'new' ELSE 'investigating' END`,
  );
}

async function writeCases(trx: Knex.Transaction, orgId: string) {
  const offset = Number((await trx('cases').count('* as n').where({ org_id: orgId }).where('number', 'like', 'V-%').first())!.n);
  await trx.raw(
    `INSERT INTO cases (id, org_id, number, case_type_id, contact_id, source, status, severity, summary, language, owner_staff_id, provider_id,
                        root_cause, first_responded_at, resolved_at, created_at, updated_at, fields)
     SELECT id, ?, 'V-' || lpad((? + g)::text, 7, '0'), type_id, contact_id, (ARRAY['line','line','line','whatsapp','web','api'])[1 + g % 6],
            state, severity, 'volume', CASE WHEN g % 3 = 0 THEN 'en' ELSE 'th' END,
            CASE WHEN state = 'new' THEN NULL ELSE staff_id END, provider_id, CASE WHEN open THEN NULL ELSE root_cause END,
            CASE WHEN state = 'new' THEN NULL ELSE opened + fr * interval '1 minute' END,
            CASE WHEN open THEN NULL ELSE opened + (fr + work + wait) * interval '1 minute' END,
            opened, opened, '{}'::jsonb
       FROM gen2`,
    [orgId, offset],
  );
  // Periods: new, investigating, waiting (on the provider, or on the customer), then resolved;
  // an open case stops in investigating.
  await trx.raw(
    `INSERT INTO case_status_periods (org_id, case_id, status, actor_type, started_at, ended_at)
     SELECT ?::uuid, id, 'new', 'system', opened, CASE WHEN state = 'new' THEN NULL ELSE opened + fr * interval '1 minute' END FROM gen2
     UNION ALL
     SELECT ?::uuid, id, 'investigating', 'staff', opened + fr * interval '1 minute', CASE WHEN open THEN NULL ELSE opened + (fr + work) * interval '1 minute' END FROM gen2 WHERE state <> 'new'
     UNION ALL
     SELECT ?::uuid, id, CASE WHEN provider_id IS NOT NULL THEN 'waiting_provider' ELSE 'waiting_customer' END, 'staff',
            opened + (fr + work) * interval '1 minute', opened + (fr + work + wait) * interval '1 minute' FROM gen2 WHERE NOT open AND wait > 0
     UNION ALL
     SELECT ?::uuid, id, 'resolved', 'staff', opened + (fr + work + wait) * interval '1 minute', NULL FROM gen2 WHERE NOT open`,
    [orgId, orgId, orgId, orgId],
  );
  // The timeline: created, taken, and for a third of the resolved cases the satisfaction question,
  // answered by most (bad providers' customers less happy).
  await trx.raw(
    `INSERT INTO case_events (org_id, case_id, type, actor_type, actor_id, data, created_at)
     SELECT ?::uuid, id, 'created', 'customer', contact_id::text, '{}'::jsonb, opened FROM gen2
     UNION ALL
     SELECT ?::uuid, id, 'owner_changed', 'staff', staff_id::text, jsonb_build_object('from', null, 'to', staff_id), opened + fr * interval '1 minute' FROM gen2 WHERE state <> 'new'
     UNION ALL
     SELECT ?::uuid, id, 'status_changed', 'staff', staff_id::text, jsonb_build_object('from', 'investigating', 'to', 'resolved'), opened + (fr + work + wait) * interval '1 minute' FROM gen2 WHERE NOT open
     UNION ALL
     SELECT ?::uuid, id, 'satisfaction_requested', 'system', NULL, '{}'::jsonb, opened + (fr + work + wait + 1) * interval '1 minute' FROM gen2 WHERE NOT open AND r1 < 0.33
     UNION ALL
     SELECT ?::uuid, id, 'satisfaction_rated', 'customer', contact_id::text,
            jsonb_build_object('score', CASE WHEN bad THEN 1 + floor(r3 * 3)::int ELSE 3 + floor(r3 * 3)::int END), opened + (fr + work + wait + 5) * interval '1 minute'
       FROM gen2 WHERE NOT open AND r1 < 0.33 AND r4 < 0.6`,
    [orgId, orgId, orgId, orgId, orgId],
  );
  // Half the cases name an order, as the main system reports it through the orders API (core/orders/).
  await trx.raw(
    `INSERT INTO orders (org_id, number, amount_minor, currency, status, provider_id, source_updated_at, status_changed_at)
     SELECT ?::uuid, 'ORD-' || substr(md5(id::text), 1, 16), (100 + floor(r2 * 4900))::bigint * 100, 'THB',
            CASE WHEN refunded THEN 'refunded' WHEN r3 > 0.985 THEN 'cancelled' ELSE 'completed' END, provider_id, opened, opened
       FROM gen2 WHERE g % 2 = 0 OR refunded
     ON CONFLICT (org_id, number) DO NOTHING`,
    [orgId],
  );
  await trx.raw(
    `INSERT INTO case_orders (org_id, case_id, order_id, amount, currency, provider_id)
     SELECT ?::uuid, id, 'ORD-' || substr(md5(id::text), 1, 16), (100 + floor(r2 * 4900))::numeric, 'THB', provider_id
       FROM gen2 WHERE g % 2 = 0 OR refunded`,
    [orgId],
  );
  // On the changed list: the reports read this chunk from its timelines until it is rolled up, by
  // the running workers as it goes, or by seed:volume's rebuild at its end. Before, a run stopped
  // early left its cases out of every report read from the rollup.
  await markCasesChanged(trx, orgId, (await trx.raw<{ rows: { id: string }[] }>('SELECT id FROM gen2')).rows.map((r) => r.id));
}

async function writeBookings(trx: Knex.Transaction, o: VolumeOptions, pool: Pool, size: number, offset: number) {
  await trx.raw(
    `CREATE TEMP TABLE bgen ON COMMIT DROP AS
     WITH ${POOL_CTE},
          sv AS (SELECT coalesce(array_agg(id ORDER BY key), '{}') AS ids FROM services WHERE org_id = ?),
          s AS (SELECT array_agg(id ORDER BY id) AS ids FROM staff WHERE org_id = ? AND is_active),
          cand AS (SELECT now() - random() * (? * interval '1 day') AS t FROM generate_series(1, ? * 4)),
          picked AS (SELECT t AS created, row_number() OVER () AS g FROM cand WHERE random() < ${SEASON} LIMIT ?)
     SELECT gen_random_uuid() AS id, g, created,
            k.ids[1 + floor(random() * cardinality(k.ids))::int] AS contact_id,
            CASE WHEN cardinality(sv.ids) > 0 THEN sv.ids[1 + floor(random() * cardinality(sv.ids))::int] END AS service_id,
            s.ids[1 + floor(random() * cardinality(s.ids))::int] AS staff_id,
            random() AS r1, random() AS r2, random() AS r3,
            (ARRAY['line','line','web','web','liff','whatsapp','api'])[1 + floor(random() * 7)::int] AS source
       FROM picked, k, sv, s`,
    [o.orgId, pool.like, pool.except, o.orgId, o.orgId, o.days, size, size],
  );
  // depth: 0 new, 1 contacted, 2 quoted, 3 confirmed, 4 completed; minutes to each step.
  await trx.raw(
    `CREATE TEMP TABLE bgen2 ON COMMIT DROP AS
     SELECT bgen.*,
            CASE WHEN r1 < 0.30 THEN 0 WHEN r1 < 0.55 THEN 1 WHEN r1 < 0.75 THEN 2 WHEN r1 < 0.80 THEN 3 ELSE 4 END AS depth,
            (5 + r2 * 300)::int AS m1, (30 + r3 * 1500)::int AS m2, (60 + r2 * 2880)::int AS m3,
            (50000 + floor(r3 * 950000))::bigint AS amount,
            CASE WHEN source IN ('web', 'liff') THEN (ARRAY['google','google','facebook','instagram','line_ads','tiktok'])[1 + floor(r2 * 6)::int] END AS utm_source
       FROM bgen`,
  );
  await trx.raw(
    `ALTER TABLE bgen2 ADD COLUMN stage text; ALTER TABLE bgen2 ADD COLUMN old boolean;
     UPDATE bgen2 SET old = created < now() - interval '14 days';
     -- A booking that is done by now: confirmed ones completed once their day passed; the rest lost or cancelled once old.
     UPDATE bgen2 SET depth = least(depth, 3) WHERE NOT old;
     UPDATE bgen2 SET stage = CASE WHEN depth = 4 THEN 'completed' WHEN depth = 3 THEN 'confirmed'
                                   WHEN old AND r3 < 0.85 THEN 'lost' WHEN old THEN 'cancelled'
                                   ELSE (ARRAY['new','contacted','quoted'])[depth + 1] END`,
  );
  await trx.raw(
    `INSERT INTO bookings (id, org_id, number, contact_id, service_id, stage, assignee_staff_id, language, source, utm, lost_reason,
                           first_responded_at, confirmed_at, cancelled_at, completed_at, lost_at, requested_date, party_size, created_at, updated_at)
     SELECT id, ?, 'VB-' || lpad((? + g)::text, 7, '0'), contact_id, service_id, stage, CASE WHEN depth > 0 THEN staff_id END,
            CASE WHEN g % 3 = 0 THEN 'en' ELSE 'th' END, source,
            CASE WHEN utm_source IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('source', utm_source, 'medium', CASE WHEN utm_source IN ('google') THEN 'cpc' ELSE 'social' END,
                 'campaign', (ARRAY['high_season','songkran','rainy_deals','new_year'])[1 + floor(r1 * 4)::int]) END,
            CASE WHEN stage = 'lost' THEN (ARRAY['price','dates','went elsewhere','no answer'])[1 + floor(r2 * 4)::int] END,
            CASE WHEN depth > 0 THEN created + m1 * interval '1 minute' END,
            CASE WHEN depth >= 3 THEN created + (m1 + m2 + m3) * interval '1 minute' END,
            CASE WHEN stage = 'cancelled' THEN created + interval '10 days' END,
            CASE WHEN stage = 'completed' THEN created + interval '14 days' END,
            CASE WHEN stage = 'lost' THEN created + interval '10 days' END,
            (created + interval '7 days')::date, 1 + floor(r3 * 6)::int, created, created
       FROM bgen2`,
    [o.orgId, offset],
  );
  await trx.raw(
    `INSERT INTO booking_events (org_id, booking_id, type, actor_type, actor_id, data, is_public, created_at)
     SELECT ?::uuid, id, 'created', 'customer', contact_id::text, jsonb_build_object('source', source), true, created FROM bgen2
     UNION ALL
     SELECT ?::uuid, id, 'stage_changed', 'staff', staff_id::text, '{"from":"new","to":"contacted"}'::jsonb, true, created + m1 * interval '1 minute' FROM bgen2 WHERE depth >= 1
     UNION ALL
     SELECT ?::uuid, id, 'stage_changed', 'staff', staff_id::text, '{"from":"contacted","to":"quoted"}'::jsonb, true, created + (m1 + m2) * interval '1 minute' FROM bgen2 WHERE depth >= 2
     UNION ALL
     SELECT ?::uuid, id, 'quote_sent', 'staff', staff_id::text, jsonb_build_object('version', 1, 'currency', 'THB'), true, created + (m1 + m2) * interval '1 minute' FROM bgen2 WHERE depth >= 2
     UNION ALL
     SELECT ?::uuid, id, 'quote_accepted', 'customer', contact_id::text, jsonb_build_object('version', 1, 'currency', 'THB'), true, created + (m1 + m2 + m3) * interval '1 minute' FROM bgen2 WHERE depth >= 3
     UNION ALL
     SELECT ?::uuid, id, 'stage_changed', 'customer', contact_id::text, '{"from":"quoted","to":"confirmed"}'::jsonb, true, created + (m1 + m2 + m3) * interval '1 minute' FROM bgen2 WHERE depth >= 3
     UNION ALL
     SELECT ?::uuid, id, 'stage_changed', 'staff', staff_id::text, '{"from":"confirmed","to":"completed"}'::jsonb, true, created + interval '14 days' FROM bgen2 WHERE stage = 'completed'
     UNION ALL
     SELECT ?::uuid, id, 'stage_changed', 'staff', staff_id::text, jsonb_build_object('from', (ARRAY['new','contacted','quoted'])[depth + 1], 'to', stage), true, created + interval '10 days' FROM bgen2 WHERE stage IN ('lost', 'cancelled')`,
    [o.orgId, o.orgId, o.orgId, o.orgId, o.orgId, o.orgId, o.orgId, o.orgId],
  );
  await trx.raw(
    `INSERT INTO booking_quotes (org_id, booking_id, version, status, currency, lines, subtotal_minor, total_minor, valid_until, token, created_by_type, created_by_id, sent_at, answered_at, created_at)
     SELECT ?::uuid, id, 1, CASE WHEN depth >= 3 THEN 'accepted' WHEN stage = 'lost' THEN 'declined' ELSE 'sent' END, 'THB',
            jsonb_build_array(jsonb_build_object('description', 'Booking', 'quantity', 1, 'unitPriceMinor', amount, 'amountMinor', amount)),
            amount, amount, (created + interval '30 days')::date, replace(gen_random_uuid()::text, '-', ''), 'staff', staff_id::text,
            created + (m1 + m2) * interval '1 minute', CASE WHEN depth >= 3 THEN created + (m1 + m2 + m3) * interval '1 minute' END, created + (m1 + m2) * interval '1 minute'
       FROM bgen2 WHERE depth >= 2`,
    [o.orgId],
  );
}
