import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMAIL_SEND_QUEUE, OUTBOUND_QUEUE, SEND_JOB } from '../core/conversations/outgoing.ts';
import { INBOUND_QUEUE, PROCESS_EVENT_JOB } from '../core/inbound/inbound-events.ts';
import { addToOutbox, doneInProcess, writeWithOutboxRows, writingOutboxTogether } from '../core/outbox/outbox.ts';
import { committedOutboxRows } from '../workers/outbox-wakeup.ts';
import type { ProcessorTable } from '../workers/job-runner.ts';
import { startTestSystem, until, type TestSystem } from './support/test-system.ts';

/**
 * A commit's notification names what it added to the outbox (migration 20261203300000), and the
 * relay and the e-mail drain wake only for rows they would take now: a LINE customer's message
 * used to wake both for every commit, about 15 statements per customer that found nothing
 * (docs/benchmarks.md, "Where a customer's processor time goes"). The polls are set to a minute
 * here, so that any pass seen is a wake-up's.
 */
const ran: string[] = [];
const processors: ProcessorTable = {
  probe: {
    async record(_payload, job) {
      ran.push(job.outboxId);
    },
  },
};

let sys: TestSystem;
let orgId: string;
beforeAll(async () => {
  sys = await startTestSystem({ processors, relay: { pollIntervalMs: 60_000 }, emailDrain: { pollIntervalMs: 60_000 } });
  orgId = sys.defaultOrgId;
});
afterAll(() => sys?.stopAll());

/** The relay's passes and the e-mail drain's claims while `work` runs and `settleMs` after. */
async function wakeUpsDuring(work: () => Promise<unknown>, settleMs = 400): Promise<{ relayPasses: number; drainClaims: number }> {
  const seen = { relayPasses: 0, drainClaims: 0 };
  const on = (q: { sql: string }) => {
    const sql = q.sql.replace(/\s+/g, ' ');
    if (sql.includes("SET status = 'enqueued', enqueued_at = now(), enqueue_count")) seen.relayPasses++;
    if (sql.includes("SET status = 'enqueued', attempts = o.attempts + 1")) seen.drainClaims++;
  };
  sys.knex.on('query', on);
  try {
    await work();
    await new Promise((r) => setTimeout(r, settleMs));
  } finally {
    sys.knex.off('query', on);
  }
  return seen;
}

/**
 * Until a while passes with neither the relay nor the drain at work: on a loaded machine (the whole
 * suite in parallel) the passes the system's start or an earlier test woke can run late, into the
 * window a test counts in (it failed so once, a pass counted against a row held for later).
 */
async function untilQuiet(): Promise<void> {
  for (let i = 0; i < 50; i++) {
    const seen = await wakeUpsDuring(async () => undefined, 300);
    if (seen.relayPasses === 0 && seen.drainClaims === 0) return;
  }
  throw new Error('the relay never went quiet');
}

describe("the outbox's wake-up", () => {
  it('names the queue, the job and whether the rows are for later, once per kind, at commit only', async () => {
    const listener = new pg.Client({ connectionString: sys.db.url });
    await listener.connect();
    const heard: string[] = [];
    listener.on('notification', (n) => heard.push(n.payload ?? ''));
    await listener.query('LISTEN outbox_pending');
    try {
      const later = new Date(Date.now() + 60_000);
      await sys.knex.transaction(async (trx) => {
        await addToOutbox(trx, [
          { orgId, queue: 'probe', jobName: 'nothing', payload: {} },
          { orgId, queue: 'probe', jobName: 'nothing', payload: {} },
          { orgId, queue: 'probe', jobName: 'nothing', payload: {}, availableAt: later },
        ]);
        await addToOutbox(trx, { orgId, queue: 'other', jobName: 'else', payload: {} });
      });
      // A rolled-back insert tells nobody anything.
      await sys.knex.transaction(async (trx) => {
        await addToOutbox(trx, { orgId, queue: 'rolled', jobName: 'back', payload: {} });
        throw new Error('roll back');
      }).catch(() => undefined);
      await until(async () => heard.length >= 2, 3_000);
      await new Promise((r) => setTimeout(r, 200));
      const named = heard.flatMap((p) => committedOutboxRows(p) ?? []);
      expect(named).toHaveLength(3);
      expect(named).toEqual(
        expect.arrayContaining([
          { queue: 'probe', job: 'nothing', later: false },
          { queue: 'probe', job: 'nothing', later: true },
          { queue: 'other', job: 'else', later: false },
        ]),
      );
    } finally {
      await listener.end();
    }
  });

  it('reads a notification it cannot understand as "anything": everyone wakes, as before', () => {
    expect(committedOutboxRows('')).toBeUndefined();
    expect(committedOutboxRows(undefined)).toBeUndefined();
    expect(committedOutboxRows('not json')).toBeUndefined();
    expect(committedOutboxRows('[{"queue":"probe"}]')).toBeUndefined();
    expect(committedOutboxRows('[{"queue":"probe","job":"record","later":false}]')).toEqual([{ queue: 'probe', job: 'record', later: false }]);
  });

  it("wakes neither for a reply's fallback held for later, nor the drain for a job's row; the relay at once for a row due now", async () => {
    // Startup's own passes, and those the test before woke, first.
    await untilQuiet();
    let fallback = '';
    const held = await wakeUpsDuring(async () => {
      // As the job that answers a customer commits it: the send is done in process, this row its fallback.
      [fallback] = await addToOutbox(sys.knex, { orgId, queue: OUTBOUND_QUEUE, jobName: SEND_JOB, payload: { messageIds: [] }, availableAt: new Date(Date.now() + 10_000) });
    });
    expect(held).toEqual({ relayPasses: 0, drainClaims: 0 });
    expect(await doneInProcess(sys.knex, fallback)).toBe(true);

    let due = '';
    const started = Date.now();
    const job = await wakeUpsDuring(async () => {
      [due] = await addToOutbox(sys.knex, { orgId, queue: 'probe', jobName: 'record', payload: {} });
      await until(async () => ran.includes(due), 5_000, 10);
    });
    // Run long before the minute's poll: the notification woke the relay.
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(job.relayPasses).toBeGreaterThanOrEqual(1);
    expect(job.drainClaims).toBe(0);
    expect(await sys.knex('outbox').where({ id: due }).first('status')).toEqual({ status: 'done' });
  });

  it("does not wake the relay for a stored event's row while webhooks flood in; the flood's end does", async () => {
    await untilQuiet();
    // Twelve deliveries being stored at once: a flood (core/inbound/door-pressure.ts).
    const held = Array.from({ length: 12 }, () => sys.door!.arriving());
    let row = '';
    try {
      expect(sys.door!.busy).toBe(true);
      // (An event id no event has: its job finds nothing to do.)
      const during = await wakeUpsDuring(async () => {
        [row] = await addToOutbox(sys.knex, { orgId, queue: INBOUND_QUEUE, jobName: PROCESS_EVENT_JOB, payload: { inboundEventId: -1 } });
      });
      expect(during.relayPasses).toBe(0);
      expect(await sys.knex('outbox').where({ id: row }).first('status')).toEqual({ status: 'pending' });
    } finally {
      for (const answered of held) answered();
    }
    const after = await wakeUpsDuring(() => until(async () => (await sys.knex('outbox').where({ id: row }).first('status'))?.status === 'done', 5_000, 10));
    expect(after.relayPasses).toBeGreaterThanOrEqual(1);
  });

  it("wakes the drain's two sleeping lanes once each for an e-mail due now, and not the relay", async () => {
    await new Promise((r) => setTimeout(r, 300));
    const email = await wakeUpsDuring(() => addToOutbox(sys.knex, { orgId, queue: EMAIL_SEND_QUEUE, jobName: SEND_JOB, payload: { messageIds: [] } }));
    // Four before: each lane woken, then each skipping its next sleep for the same nudge.
    expect(email).toEqual({ relayPasses: 0, drainClaims: 2 });
    // The row was taken by the drain (an empty send: nothing to send), never by the relay.
    expect(await sys.knex('outbox').where({ queue: EMAIL_SEND_QUEUE }).first('enqueue_count')).toEqual({ enqueue_count: 0 });
  });
});

describe("a transaction's outbox rows written together", () => {
  /** The outbox inserts `work` sends. */
  async function insertsDuring(work: () => Promise<unknown>): Promise<number> {
    let n = 0;
    const on = (q: { sql: string }) => {
      if (/^insert into "outbox"/i.test(q.sql.trim())) n++;
    };
    sys.knex.on('query', on);
    try {
      await work();
    } finally {
      sys.knex.off('query', on);
    }
    return n;
  }
  const rowsOf = (ids: string[]) => sys.knex('outbox').whereIn('id', ids).orderBy('seq').select('id', 'queue', 'job_name', 'available_at');

  it('go in with one insert at the end of the work, with the ids handed out before, in the order added', async () => {
    const later = new Date(Date.now() + 3_600_000);
    const ids: string[] = [];
    const inserts = await insertsDuring(() =>
      sys.knex.transaction((trx) =>
        writingOutboxTogether(trx, async () => {
          ids.push(...(await addToOutbox(trx, { orgId, queue: 'together', jobName: 'first', payload: {}, availableAt: later })));
          // Work inside another "together" of the same transaction waits for the outermost.
          await writingOutboxTogether(trx, async () => ids.push(...(await addToOutbox(trx, { orgId, queue: 'together', jobName: 'second', payload: { n: 2 } }))));
          ids.push(...(await addToOutbox(trx, [{ orgId, queue: 'together', jobName: 'third', payload: {} }])));
          // Nothing is written before the end of the work.
          expect(await trx('outbox').whereIn('id', ids).first('id')).toBeUndefined();
        }),
      ),
    );
    expect(inserts).toBe(1);
    const rows = await rowsOf(ids);
    expect(rows.map((r) => [r.id, r.job_name])).toEqual([
      [ids[0], 'first'],
      [ids[1], 'second'],
      [ids[2], 'third'],
    ]);
    expect(new Date(rows[0].available_at).getTime()).toBe(later.getTime());
  });

  it("write a savepoint's rows at once, to roll back with it; and none when the work fails", async () => {
    const kept: string[] = [];
    const undone: string[] = [];
    const inserts = await insertsDuring(() =>
      sys.knex.transaction((trx) =>
        writingOutboxTogether(trx, async () => {
          kept.push(...(await addToOutbox(trx, { orgId, queue: 'together', jobName: 'kept', payload: {} })));
          await trx
            .transaction(async (sp) => {
              undone.push(...(await addToOutbox(sp, { orgId, queue: 'together', jobName: 'undone', payload: {} })));
              throw new Error('the savepoint rolls back');
            })
            .catch(() => undefined);
        }),
      ),
    );
    expect(inserts).toBe(2);
    expect((await rowsOf(kept)).map((r) => r.job_name)).toEqual(['kept']);
    expect(await rowsOf(undone)).toEqual([]);

    const failed: string[] = [];
    await sys.knex
      .transaction((trx) =>
        writingOutboxTogether(trx, async () => {
          failed.push(...(await addToOutbox(trx, { orgId, queue: 'together', jobName: 'failed', payload: {} })));
          throw new Error('the work fails');
        }),
      )
      .catch(() => undefined);
    expect(failed).toHaveLength(1);
    expect(await rowsOf(failed)).toEqual([]);
  });

  it("take other tables' statements along in their statement: the last of a key replaces the earlier, what one returns is handed back, and a savepoint's run at once", async () => {
    const name = `along-${randomUUID()}`;
    const seen: string[] = [];
    const on = (q: { sql: string }) => seen.push(q.sql);
    let returned: Record<string, unknown>[] | undefined;
    sys.knex.on('query', on);
    try {
      await sys.knex.transaction((trx) =>
        writingOutboxTogether(trx, async () => {
          await addToOutbox(trx, { orgId, queue: 'together', jobName: 'with-along', payload: { name } });
          await writeWithOutboxRows(trx, trx('org_counters').insert({ org_id: orgId, name, value: 1 }), { replacing: name });
          await writeWithOutboxRows(trx, trx('org_counters').insert({ org_id: orgId, name, value: 2 }).returning('value'), { replacing: name, returned: (rows) => (returned = rows) });
          // Nothing is written before the end of the work.
          expect(await trx('org_counters').where({ org_id: orgId, name }).first('value')).toBeUndefined();
        }),
      );
    } finally {
      sys.knex.off('query', on);
    }
    // The counter's insert, once, in the outbox's insert (the other statement naming it is the check
    // above; the running system's relay polls the outbox meanwhile, so only these are counted).
    const counters = seen.filter((sql) => /org_counters/.test(sql));
    expect(counters).toHaveLength(2);
    expect(counters.filter((sql) => /insert into "org_counters"/i.test(sql) && /insert into "outbox"/i.test(sql))).toHaveLength(1);
    // Two inserts of the same counter would have failed its unique key: the first was replaced.
    expect((returned ?? []).map((r) => Number(r.value))).toEqual([2]);
    expect((await sys.knex('org_counters').where({ org_id: orgId, name }).select('value')).map((r) => Number(r.value))).toEqual([2]);
    expect(Number((await sys.knex('outbox').whereRaw(`payload->>'name' = ?`, [name]).count({ n: '*' }))[0].n)).toBe(1);

    const inSavepoint = `${name}-savepoint`;
    await sys.knex.transaction((trx) =>
      writingOutboxTogether(trx, () =>
        trx.transaction(async (sp) => {
          await writeWithOutboxRows(sp, sp('org_counters').insert({ org_id: orgId, name: inSavepoint, value: 3 }));
          expect(Number((await sp('org_counters').where({ org_id: orgId, name: inSavepoint }).first('value')).value)).toBe(3);
        }),
      ),
    );
  });
});
