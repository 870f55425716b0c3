import { loadConfigOrExit } from '../bin/load-config-or-exit.ts';
import { startSystem, type Role } from '../bin/system.ts';
import { createLogger } from '../core/logger.ts';

/**
 * The product as `npm start` runs it (api and workers in one process, unless BENCH_ROLES says), with the Redis key prefix
 * the booking benches give it (BENCH_QUEUE_PREFIX). Bench servers of other runs and other
 * benchmarks share the Redis of this machine; under the product's one prefix their workers take
 * each other's jobs (and fail them against another database), and jobs a stopped run left behind
 * hold up the next run's, which is how the "assignee told" figure once came out empty.
 */
const config = loadConfigOrExit(1);
// BENCH_ROLES=api (or workers): one role per process, as a deployment with `--role` runs it.
const roles = (process.env.BENCH_ROLES ?? 'api,workers').split(',') as Role[];
const system = await startSystem({ config, logger: createLogger(config.logLevel, { role: roles.join('+') }), roles, queuePrefix: process.env.BENCH_QUEUE_PREFIX });
process.on('SIGTERM', () => void system.stop().then(() => process.exit(0)));
