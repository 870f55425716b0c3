import { benchCaseLifecycle } from './case-lifecycle.ts';
import { benchCaseSla } from './case-sla.ts';
import { benchColdStart } from './cold-start.ts';
import { benchOfflineClassifierLatency } from './offline-classifier-latency.ts';
import { benchOutboxThroughput } from './outbox-throughput.ts';
import { benchStaffTaps } from './staff-taps.ts';
import { benchWebhookIngestion } from './webhook-ingestion.ts';

/**
 * `npm run bench`: every benchmark, printed as Markdown tables. `npm run bench -- start`,
 * `-- outbox`, `-- webhooks`, `-- classifier`, `-- sla`, `-- lifecycle` or `-- taps` runs one. Set TEST_DATABASE_URL / TEST_REDIS_URL to measure on
 * servers (the webhook figure always wants a PostgreSQL server).
 */
const only = process.argv[2];
const benches: Record<string, () => Promise<string>> = {
  start: () => benchColdStart(),
  outbox: () => benchOutboxThroughput(),
  webhooks: () => benchWebhookIngestion(),
  classifier: () => benchOfflineClassifierLatency(),
  sla: () => benchCaseSla(),
  lifecycle: () => benchCaseLifecycle(),
  taps: () => benchStaffTaps(),
};
for (const [name, run] of Object.entries(benches)) {
  if (only && only !== name) continue;
  process.stdout.write((await run()) + '\n\n');
}
process.exit(0);
