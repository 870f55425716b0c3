import * as c from '../core/contracts/platform.ts';
import { databaseProblem } from '../core/db/connect.ts';
import { dataDirSpaceProblem } from '../core/db/data-dir-space.ts';
import { route } from './route.ts';

/** Liveness and readiness, for load balancers and orchestrators: no key, and not under /api/v1. */
export const healthRoutes = [
  route({
    method: 'get',
    path: '/healthz',
    summary: 'Liveness: the process is up',
    tag: 'health',
    access: 'public',
    response: c.health,
    handle: async () => ({ status: 'ok' as const }),
  }),

  route({
    method: 'get',
    path: '/readyz',
    summary: 'Readiness: the database and the queue store answer, the database has not lately refused writes for a full disk, and DATA_DIR has space',
    tag: 'health',
    access: 'public',
    response: c.readiness,
    handle: async ({ deps }) => {
      const [databaseReason, queue, diskReason] = await Promise.all([databaseProblem(deps.knex), deps.queueStore.isReachable(), dataDirSpaceProblem(deps.dataDir)]);
      const database = databaseReason === undefined;
      const disk = diskReason === undefined;
      const ready = database && queue && disk;
      const body = {
        status: ready ? ('ready' as const) : ('not_ready' as const),
        checks: { database, queue, disk },
        ...(ready ? {} : { reasons: { ...(databaseReason ? { database: databaseReason } : {}), ...(queue ? {} : { queue: 'the queue store does not answer' }), ...(diskReason ? { disk: diskReason } : {}) } }),
        queueBackend: deps.queueStore.kind,
      };
      return { status: ready ? 200 : 503, body };
    },
  }),
];
