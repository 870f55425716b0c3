import { transactionRetried } from '../core/db/deadlock-retry.ts';
import { createClient, joinByCode } from '../core/members/corporate-clients.ts';
import { enrolMember } from '../core/members/members.ts';
import { createPackage } from '../core/members/packages.ts';
import { startTestSystem, type TestSystem } from '../test/support/test-system.ts';
import { BENCH_SERVER_URL, fmt, median, serverReachable, table } from './stats.ts';

/**
 * Corporate seats (docs/members.md, "Corporate clients"): 50 people joining a client of 40 seats
 * by its code at once (seats counted with the client's row locked, each made a member and given
 * the seat's package), against the same 50 people made members with no seat or package (the
 * baseline, in the same run), alternated five times: joins per second and the ratio; then that
 * exactly 40 joined each round and 10 were told seats_full.
 */
const PEOPLE = 50;
const SEATS = 40;
const ROUNDS = 5;

async function people(sys: TestSystem, n: number): Promise<string[]> {
  const rows = await sys.knex('contacts').insert(Array.from({ length: n }, (_, i) => ({ org_id: sys.defaultOrgId, display_name: `Person ${i}`, language: 'en' }))).returning('id');
  return rows.map((r) => r.id as string);
}

async function timed(tasks: (() => Promise<unknown>)[]) {
  const started = performance.now();
  const results = await Promise.allSettled(tasks.map((t) => t()));
  const seconds = (performance.now() - started) / 1000;
  const ok = results.filter((r) => r.status === 'fulfilled').length;
  const other = results.find((r) => r.status === 'rejected' && ((r.reason as { details?: { reason?: string } }).details?.reason !== 'seats_full'));
  if (other) throw (other as PromiseRejectedResult).reason;
  return { perSecond: ok / seconds, ok, refused: results.length - ok };
}

export async function benchCorporateSeats(): Promise<string> {
  const onServer = await serverReachable();
  if (onServer) process.env.TEST_DATABASE_URL = BENCH_SERVER_URL;
  const sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  try {
    const org = sys.defaultOrgId;
    const writer = { orgId: org, actor: { type: 'api_key' as const, id: null } };
    await sys.knex('services').insert({ org_id: org, key: 'bench_concierge', name_th: 'บริการ', name_en: 'Service', duration_minutes: 60, capacity: 10 });
    await sys.knex.transaction((trx) => createPackage(trx, writer, { key: 'bench_seat', nameTh: 'ที่นั่ง', nameEn: 'Seat', credits: 10, services: ['bench_concierge'], priceMinor: 0, currency: 'THB', validityDays: 365 }));
    const joins: number[] = [];
    const plain: number[] = [];
    const rounds: { ok: number; refused: number; seats: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const base = await people(sys, PEOPLE);
      plain.push((await timed(base.map((c) => () => sys.knex.transaction((trx) => enrolMember(trx, org, c))))).perSecond);
      const client = await sys.knex.transaction((trx) => createClient(trx, writer, { name: `Bench ${round}`, seats: SEATS, packageKey: 'bench_seat', validUntil: new Date(Date.now() + 86_400_000).toISOString() }));
      const joiners = await people(sys, PEOPLE);
      const r = await timed(joiners.map((c) => () => transactionRetried(sys.knex, (trx) => joinByCode(trx, { orgId: org, contactId: c, code: client.code }))));
      joins.push(r.perSecond);
      const seats = Number((await sys.knex('corporate_seats').where({ client_id: client.id }).whereNull('released_at').count({ n: '*' }))[0].n);
      rounds.push({ ok: r.ok, refused: r.refused, seats });
    }
    return [
      `## Corporate seats (${onServer ? 'PostgreSQL server' : 'embedded database'})`,
      '',
      table(
        [`${PEOPLE} people at once`, 'per second (median of 5)', 'runs', 'against the baseline'],
        [
          ['made members, no seat (baseline)', fmt(median(plain)), plain.map((x) => fmt(x)).join(', '), '1.00x'],
          [`joining a client of ${SEATS} seats by code, with its package`, fmt(median(joins)), joins.map((x) => fmt(x)).join(', '), `${fmt(median(joins) / median(plain), 2)}x`],
        ],
      ),
      '',
      `Rounds (joined / told seats_full / seats taken): ${rounds.map((r) => `${r.ok}/${r.refused}/${r.seats}`).join(', ')}.`,
    ].join('\n');
  } finally {
    await sys.stopAll();
  }
}
