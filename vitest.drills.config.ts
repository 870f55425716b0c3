import { configDefaults, defineConfig } from 'vitest/config';
import base, { DRILLS } from './vitest.config.ts';

/** `npm run test:drills`: only the failure drills and process tests that `npm test` leaves out. */
export default defineConfig({
  // Two at a time, as measured (docs/testing.md): each drill runs whole products as processes and
  // times outages and restarts, which a third file's load would stretch.
  test: { ...base.test, include: [`${DRILLS}/*.test.ts`], exclude: configDefaults.exclude, maxWorkers: 2 },
});
