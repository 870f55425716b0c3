import { createStaffBooking } from '../core/bookings/staff-booking.ts';
import { rebuildBalances, trialBalance } from '../core/ledger/ledger.ts';
import { enrolMember, type Member } from '../core/members/members.ts';
import { sellPackage } from '../core/members/package-sales.ts';
import { createPackage } from '../core/members/packages.ts';
import { startTestSystem, type TestSystem } from '../test/support/test-system.ts';
import { BENCH_SERVER_URL, fmt, median, serverReachable, table } from './stats.ts';

/**
 * Members (docs/members.md): 50 members booking the same class of 40 seats at once, each paying
 * with a credit (the credit taken in the booking's transaction), against the same 50 bookings of a
 * class with no credit step (the baseline, measured in the same run), alternated five times:
 * bookings per second and the ratio; then that exactly 40 were booked, 40 credits spent, 10 kept,
 * and the ledger balanced. On the PostgreSQL server when one is reachable, else embedded.
 */
const MEMBERS = 50;
const SEATS = 40;
const ROUNDS = 5;

async function sessionOf(sys: TestSystem, serviceId: string, capacity: number): Promise<string> {
  const at = new Date(Date.now() + 7 * 86_400_000 + Math.floor(Math.random() * 1e9));
  const [row] = await sys.knex('service_sessions').insert({ org_id: sys.defaultOrgId, service_id: serviceId, starts_at: at, ends_at: new Date(at.getTime() + 3_600_000), capacity }).returning('id');
  return row.id;
}

async function burst(sys: TestSystem, members: Member[], sessionId: string, payWith?: 'credits') {
  const started = performance.now();
  const results = await Promise.allSettled(
    members.map((m) =>
      createStaffBooking(sys.knex, { orgId: sys.defaultOrgId, actor: { type: 'api_key', id: 'bench' }, contactId: m.contactId, form: { session_id: sessionId, language: 'en', source: 'api', ...(payWith ? { pay_with: payWith } : {}) } }),
    ),
  );
  const seconds = (performance.now() - started) / 1000;
  const booked = results.filter((r) => r.status === 'fulfilled').length;
  const other = results.find((r) => r.status === 'rejected' && (r.reason as { code?: string }).code !== 'session_full');
  if (other) throw (other as PromiseRejectedResult).reason;
  return { perSecond: booked / seconds, booked };
}

export async function benchMembers(): Promise<string> {
  const onServer = await serverReachable();
  if (onServer) process.env.TEST_DATABASE_URL = BENCH_SERVER_URL;
  const sys = await startTestSystem({ roles: ['api'], env: { DEV_SIMULATOR: 'off' } });
  try {
    const org = sys.defaultOrgId;
    const writer = { orgId: org, actor: { type: 'api_key' as const, id: null } };
    const [svc] = await sys.knex('services').insert({ org_id: org, key: 'bench_cooking', name_th: 'คลาส', name_en: 'Class', duration_minutes: 60, capacity: 40 }).returning('id');
    const members: Member[] = [];
    await sys.knex.transaction(async (trx) => {
      await createPackage(trx, writer, { key: 'bench_pack', nameTh: 'แพ็ก', nameEn: 'Pack', credits: ROUNDS + 1, services: ['bench_cooking'], priceMinor: 600_000, currency: 'THB', validityDays: 90 });
      for (let i = 0; i < MEMBERS; i++) {
        const [c] = await trx('contacts').insert({ org_id: org, display_name: `Member ${i}`, language: 'en' }).returning('id');
        const { member } = await enrolMember(trx, org, c.id);
        await sellPackage(trx, { member, packageKey: 'bench_pack', paidWith: 'transfer', actor: { type: 'system', id: null } });
        members.push(member);
      }
    });
    const withCredits: number[] = [];
    const without: number[] = [];
    let last = { booked: 0, sessionId: '' };
    for (let round = 0; round < ROUNDS; round++) {
      without.push((await burst(sys, members, await sessionOf(sys, svc.id, SEATS))).perSecond);
      const sessionId = await sessionOf(sys, svc.id, SEATS);
      const r = await burst(sys, members, sessionId, 'credits');
      withCredits.push(r.perSecond);
      last = { booked: r.booked, sessionId };
    }
    const seats = (await sys.knex('service_sessions').where({ id: last.sessionId }).first('seats_taken')).seats_taken;
    const paid = Number((await sys.knex('member_booking_payments as p').join('bookings as b', 'b.id', 'p.booking_id').where('b.session_id', last.sessionId).count({ n: '*' }))[0].n);
    const spent = Number((await sys.knex('member_booking_payments').count({ n: '*' }))[0].n);
    const { balanced } = await trialBalance(sys.knex, org);
    const off = await rebuildBalances(sys.knex);
    return [
      `## Members (${onServer ? 'PostgreSQL server' : 'embedded database'})`,
      '',
      table(
        [`${MEMBERS} members booking one class of ${SEATS} seats at once`, 'bookings/s (median of 5)', 'runs', 'against the baseline'],
        [
          ['without paying (baseline: the same bookings, no credit step)', fmt(median(without)), without.map((x) => fmt(x)).join(', '), '1.00x'],
          ['each paying with a credit (in the booking transaction)', fmt(median(withCredits)), withCredits.map((x) => fmt(x)).join(', '), `${fmt(median(withCredits) / median(without), 2)}x`],
        ],
      ),
      '',
      `Last round: ${last.booked} booked, seats taken ${seats} of ${SEATS}, ${paid} credits spent on it; ${spent} credits spent in all over ${ROUNDS} rounds (${ROUNDS * SEATS} expected); ledger balanced: ${balanced}, balances off after a rebuild: ${off}.`,
    ].join('\n');
  } finally {
    await sys.stopAll();
  }
}
