import pg from 'pg';

/**
 * Checkpoints for the embedded database. PGlite runs PostgreSQL in single-user mode, which has no
 * checkpointer: nothing is checkpointed until `close()`. After a SIGKILL, the next start replayed
 * every byte of WAL written since the process started: 620 MB took 13.8 s inside PGlite.create, and
 * webhooks were refused meanwhile (docs/reliability.md, "Restart after a crash"). A checkpoint
 * once WAL_BEHIND_LIMIT has been written bounds that replay; it cost 0.3 s for 215 MB of WAL.
 *
 * The checkpoint goes through the socket like any client, so that PgliteSessionQueue gives it the
 * session between other clients' transactions and extended-protocol sequences, never inside one.
 */
export const WAL_BEHIND_LIMIT = 32 * 1024 * 1024;

export interface CheckpointKeeper {
  stop(): Promise<void>;
}

export function keepCheckpointing(url: string, opts: { intervalMs?: number; walBehindLimit?: number } = {}): CheckpointKeeper {
  const intervalMs = opts.intervalMs ?? 5_000;
  const limit = opts.walBehindLimit ?? WAL_BEHIND_LIMIT;
  let client: pg.Client | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const tick = async () => {
    try {
      if (!client) {
        const c = new pg.Client({ connectionString: url, application_name: 'opsdesk-checkpoints' });
        // A dropped connection is made again on the next tick.
        c.on('error', () => {
          if (client === c) client = undefined;
        });
        await c.connect();
        client = c;
      }
      const { rows } = await client.query<{ behind: string }>(
        'SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), redo_lsn)::bigint AS behind FROM pg_control_checkpoint()',
      );
      if (Number(rows[0].behind) >= limit) await client.query('CHECKPOINT');
    } catch {
      // The next tick tries again; a failed checkpoint only leaves more WAL to replay after a crash.
      const c = client;
      client = undefined;
      await c?.end().catch(() => {});
    }
  };
  const timer = setInterval(() => {
    if (stopped || running) return;
    running = tick().finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();

  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      await client?.end().catch(() => {});
      client = undefined;
    },
  };
}
