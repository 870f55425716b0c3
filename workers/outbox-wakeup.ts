import pg from 'pg';
import type { Logger } from '../core/logger.ts';

/**
 * What a commit added to the outbox, as its notification names it (migration 20261203300000): one
 * entry per queue, job and whether the rows are for later. Undefined when the notification does not
 * say (an empty or unreadable payload): then anything may have been committed.
 */
export type CommittedOutboxRows = { queue: string; job: string; later: boolean }[] | undefined;

export function committedOutboxRows(payload: string | undefined): CommittedOutboxRows {
  if (!payload) return undefined;
  try {
    const rows = JSON.parse(payload) as unknown;
    return Array.isArray(rows) && rows.every((r) => typeof r?.queue === 'string' && typeof r?.job === 'string' && typeof r?.later === 'boolean') ? rows : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A dedicated connection that LISTENs for committed outbox rows and nudges the relay. If it drops,
 * it reconnects; meanwhile the relay's poll carries on, so a lost notification only costs latency.
 * (On the embedded database as well: core/db/pglite-notifications.ts delivers them between its clients.)
 */
export async function listenForOutbox(databaseUrl: string, onPending: (committed: CommittedOutboxRows) => void, logger: Logger): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'opsdesk-outbox-listen' });
    c.on('notification', (n) => onPending(committedOutboxRows(n.payload)));
    c.on('error', (err) => {
      logger.warn({ err }, 'outbox LISTEN connection lost; reconnecting');
      c.end().catch(() => {});
      if (client === c) client = undefined;
      retry = setTimeout(() => void connect(), 1000);
    });
    try {
      await c.connect();
      await c.query('LISTEN outbox_pending');
      client = c;
    } catch (err) {
      logger.warn({ err }, 'could not LISTEN for outbox rows; polling only');
      c.end().catch(() => {});
      retry = setTimeout(() => void connect(), 5000);
    }
  };
  await connect();
  return async () => {
    stopped = true;
    clearTimeout(retry);
    await client?.end().catch(() => {});
  };
}
