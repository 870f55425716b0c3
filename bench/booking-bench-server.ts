import { loadConfigOrExit } from '../bin/load-config-or-exit.ts';
import { startSystem } from '../bin/system.ts';
import { createLogger } from '../core/logger.ts';

/**
 * The product as `npm start` runs it (api and workers in one process), with the Redis key prefix
 * the booking benches give it (BENCH_QUEUE_PREFIX). Bench servers of other runs and other
 * benchmarks share the Redis of this machine; under the product's one prefix their workers take
 * each other's jobs (and fail them against another database), and jobs a stopped run left behind
 * hold up the next run's, which is how the "assignee told" figure once came out empty.
 */
const config = loadConfigOrExit(1);
const system = await startSystem({ config, logger: createLogger(config.logLevel, { role: 'api+workers' }), roles: ['api', 'workers'], queuePrefix: process.env.BENCH_QUEUE_PREFIX });
process.on('SIGTERM', () => void system.stop().then(() => process.exit(0)));
