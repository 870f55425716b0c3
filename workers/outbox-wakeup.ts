import pg from 'pg';
import type { Logger } from '../core/logger.ts';

/**
 * A dedicated connection that LISTENs for committed outbox rows and nudges the relay. If it drops,
 * it reconnects; meanwhile the relay's poll carries on, so a lost notification only costs latency.
 * (On the embedded database as well: core/db/pglite-notifications.ts delivers them between its clients.)
 */
export async function listenForOutbox(databaseUrl: string, onPending: () => void, logger: Logger): Promise<() => Promise<void>> {
  let client: pg.Client | undefined;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const connect = async () => {
    if (stopped) return;
    const c = new pg.Client({ connectionString: databaseUrl, application_name: 'opsdesk-outbox-listen' });
    c.on('notification', () => onPending());
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
