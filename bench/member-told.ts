import { lineId } from '../dev/fakes/line-api.ts';
import { apiClient } from '../test/support/api-client.ts';
import { startLineCustomerHarness } from '../test/support/line-customer.ts';
import { until } from '../test/support/test-system.ts';
import { fmt, median, percentile, serverReachable, table } from './stats.ts';

/**
 * A credit spent on a booking -> the member told (issue #47, goal: p95 under 2 s): a member with a
 * LINE chat books a class through the API paying with a credit, timed until the fake LINE server
 * holds `member_credit_spent` naming the booking. A booking without credits tells the customer
 * nothing when it is made, so the baseline, in the same run and alternated with it, is the nearest
 * notice of the same path (a booking event, its outbox row, the LINE push): another member's
 * booking without credits confirmed through the API, timed until `booking_confirmed` arrives.
 * On the PostgreSQL server when one is reachable (TEST_DATABASE_URL), else embedded.
 */
const BOOKINGS = Number(process.env.MEMBER_TOLD_BOOKINGS ?? 20);

export async function benchMemberTold(): Promise<string> {
  const server = await serverReachable();
  const h = await startLineCustomerHarness({});
  try {
    const api = apiClient(h.sys);
    const made = await api('POST', '/api/v1/services', { key: 'told_class', name: { th: 'คลาสวัดเวลา', en: 'Timed class' }, durationMinutes: 60, capacity: 500, price: '500' });
    if (made.status !== 201) throw new Error(JSON.stringify(made.json));
    await api('POST', '/api/v1/member-packages', { key: 'told_five', nameTh: 'ห้าครั้ง', nameEn: 'Five', credits: 5, services: ['told_class'], priceMinor: 200_000, validityDays: 90 });
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const session = (await api('POST', '/api/v1/services/told_class/sessions', { date: day, time: '10:00', capacity: 500 })).json.items[0].id as string;
    const took: Record<'credits' | 'none', number[]> = { credits: [], none: [] };
    for (let i = 0; i < BOOKINGS * 2; i++) {
      const withCredit = i % 2 === 0;
      const userId = lineId('U');
      await h.tell(userId, `hello ${i}`);
      const chat = await until(() => h.sys.knex('conversations').where({ external_id: userId }).first());
      const member = (await api('POST', '/api/v1/members', { contactId: chat.contact_id })).json;
      if (withCredit) await api('POST', `/api/v1/members/${member.id}/packages`, { packageKey: 'told_five', paidWith: 'cash' });
      const told = (number: string, words: RegExp) => h.line.state.deliveriesTo(userId).some((d) => d.messages.some((m) => 'text' in m && String(m.text).includes(number) && words.test(String(m.text))));
      if (withCredit) {
        const t = performance.now();
        const booked = await api('POST', '/api/v1/bookings', { session_id: session, member_number: member.number, language: 'th', pay_with: 'credits' });
        if (booked.status !== 201) throw new Error(JSON.stringify(booked.json));
        await until(async () => told(booked.json.number, /เครดิต|credit/), 15_000, 5);
        took.credits.push(performance.now() - t);
      } else {
        const booked = await api('POST', '/api/v1/bookings', { session_id: session, member_number: member.number, language: 'th' });
        if (booked.status !== 201) throw new Error(JSON.stringify(booked.json));
        const version = (await api('GET', `/api/v1/bookings/${booked.json.number}`)).json.version as number;
        const t = performance.now();
        const moved = await api('POST', `/api/v1/bookings/${booked.json.number}/stage`, { to: 'confirmed', expectedVersion: version });
        if (moved.status !== 200) throw new Error(JSON.stringify(moved.json));
        await until(async () => told(booked.json.number, /ยืนยัน|confirm/i), 15_000, 5);
        took.none.push(performance.now() - t);
      }
    }
    const where = server ? 'PostgreSQL server' : 'embedded PostgreSQL (PGlite)';
    const row = (what: string, ms: number[]) => [what, fmt(median(ms)), fmt(percentile(ms, 95)), `${fmt(median(ms) / median(took.none), 2)}x`];
    return [
      `### A credit spent on booking -> the member told on LINE (${BOOKINGS} of each, alternated, one at a time; ${where})`,
      table(['through the API', 'p50 ms', 'p95 ms', 'p50 against the baseline'], [row('baseline: a booking without credits confirmed -> "booking confirmed" told', took.none), row('a booking paid with a credit -> "credit used, n left" told', took.credits)]),
    ].join('\n\n');
  } finally {
    await h.close();
  }
}
