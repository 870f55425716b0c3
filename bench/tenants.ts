import { randomBytes } from 'node:crypto';
import { STARTER_KITS } from '../core/contracts/tenants.ts';
import { startTestSystem } from '../test/support/test-system.ts';
import { fmt, median, percentile, table } from './stats.ts';

/**
 * A new business on the deployment (#43; goal: an org with a starter kit in under 2 s). The
 * platform operator's `POST /platform/v1/orgs` is timed from request to answer, for each starter
 * kit, TENANT_BENCH_ORGS times each; the baseline in the same run is the same call with no kit (the
 * org, its texts and its invitation). The system is whatever the environment gives the tests: the
 * embedded database and queue unless TEST_DATABASE_URL / TEST_REDIS_URL are set.
 */
const PER_KIT = Number(process.env.TENANT_BENCH_ORGS ?? 10);

export async function benchTenants(): Promise<string> {
  const mode = process.env.TEST_DATABASE_URL ? 'PostgreSQL server' : 'embedded PGlite';
  const key = 'bench-platform-' + randomBytes(16).toString('hex');
  const sys = await startTestSystem({ env: { PLATFORM_API_KEY: key, RATE_LIMIT_API: 'off', DEV_SIMULATOR: 'off' } });
  try {
    const create = async (kit?: string) => {
      const started = performance.now();
      const res = await fetch(`${sys.url}/platform/v1/orgs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name: `Bench ${randomBytes(4).toString('hex')}`, businessType: kit ?? 'other', ...(kit ? { starterKit: kit } : {}) }),
      });
      await res.text();
      if (res.status !== 201) throw new Error(`POST /platform/v1/orgs answered ${res.status}`);
      return performance.now() - started;
    };
    // Warm: the first request pays for the code paths' first use.
    await create();
    const rows: (string | number)[][] = [];
    const baseline: number[] = [];
    for (let i = 0; i < PER_KIT; i++) baseline.push(await create());
    const base = median(baseline);
    rows.push(['no kit (baseline)', PER_KIT, fmt(base), fmt(percentile(baseline, 95)), '1.00']);
    for (const kit of STARTER_KITS) {
      const times: number[] = [];
      for (let i = 0; i < PER_KIT; i++) times.push(await create(kit));
      rows.push([kit, PER_KIT, fmt(median(times)), fmt(percentile(times, 95)), fmt(median(times) / base, 2)]);
    }
    return [`### A new business with a starter kit (${mode}; goal: under 2,000 ms)`, '', table(['starter kit', 'orgs', 'median ms', 'p95 ms', 'median vs no kit'], rows)].join('\n');
  } finally {
    await sys.stopAll();
  }
}
