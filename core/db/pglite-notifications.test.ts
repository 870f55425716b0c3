import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.ts';

/**
 * LISTEN / NOTIFY on the embedded database, between clients of its one session: what the outbox
 * relay's wake-up and BullMQ's wait for a job rely on (core/db/pglite-notifications.ts).
 */
let embedded: EmbeddedPostgres;
const clients: pg.Client[] = [];

async function client(): Promise<pg.Client & { heard: { channel: string; payload?: string }[] }> {
  const c = Object.assign(new pg.Client({ connectionString: embedded.url }), { heard: [] as { channel: string; payload?: string }[] });
  c.on('notification', (n) => c.heard.push({ channel: n.channel, payload: n.payload }));
  await c.connect();
  clients.push(c);
  return c;
}

/** Until `c` heard `count` notifications, or a second passed (then what it heard is asserted). */
async function heardBy(c: { heard: unknown[] }, count: number) {
  for (let i = 0; i < 100 && c.heard.length < count; i++) await new Promise((r) => setTimeout(r, 10));
  return c.heard;
}

beforeAll(async () => {
  embedded = await startEmbeddedPostgres();
});
afterAll(async () => {
  for (const c of clients) await c.end().catch(() => undefined);
  await embedded?.stop();
});

describe('notifications on the embedded database', () => {
  it('reach the client that listens, not the one that notified, from a statement, pg_notify and a transaction', async () => {
    const listener = await client();
    const notifier = await client();
    await listener.query('LISTEN work_ready');
    await notifier.query(`NOTIFY work_ready, 'one'`);
    await notifier.query(`SELECT pg_notify('work_ready', $1)`, ['two']);
    await notifier.query('BEGIN');
    await notifier.query(`SELECT pg_notify('work_ready', 'three')`);
    const beforeCommit = [...(await heardBy(listener, 3))];
    await notifier.query('COMMIT');
    expect(beforeCommit).toHaveLength(2);
    expect(await heardBy(listener, 3)).toEqual([
      { channel: 'work_ready', payload: 'one' },
      { channel: 'work_ready', payload: 'two' },
      { channel: 'work_ready', payload: 'three' },
    ]);
    expect(notifier.heard).toEqual([]);
  });

  it('go by channel: quoted names keep their case, UNLISTEN stops them, and a client that listens hears its own', async () => {
    const a = await client();
    const b = await client();
    await a.query('LISTEN "Jobs:Outbound"');
    await b.query('LISTEN other');
    await b.query(`SELECT pg_notify('Jobs:Outbound', 'x'), pg_notify('jobs:outbound', 'lower case is another channel')`);
    await a.query(`NOTIFY other, 'y'`);
    await b.query(`NOTIFY other, 'own'`);
    expect(await heardBy(a, 1)).toEqual([{ channel: 'Jobs:Outbound', payload: 'x' }]);
    expect(await heardBy(b, 2)).toEqual([
      { channel: 'other', payload: 'y' },
      { channel: 'other', payload: 'own' },
    ]);
    await a.query('UNLISTEN *');
    await b.query(`NOTIFY "Jobs:Outbound", 'after unlisten'`);
    await b.query('SELECT 1');
    expect(await heardBy(a, 2)).toHaveLength(1);
  });

  it('leave the answers of the client that notified whole, and reach a listener that came back after its connection closed', async () => {
    const gone = await client();
    await gone.query('LISTEN work_ready');
    await gone.end();
    const listener = await client();
    await listener.query('LISTEN work_ready');
    const notifier = await client();
    const { rows } = await notifier.query(`SELECT n, pg_notify('work_ready', n::text) FROM generate_series(1, 300) AS n`);
    expect(rows.map((r) => r.n)).toEqual(Array.from({ length: 300 }, (_, i) => i + 1));
    expect(await heardBy(listener, 300)).toHaveLength(300);
  });
});
