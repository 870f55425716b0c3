import { configDefaults, defineConfig } from 'vitest/config';
import base, { DRILLS } from './vitest.config.ts';

/** `npm run test:drills`: only the failure drills and process tests that `npm test` leaves out. */
export default defineConfig({
  test: { ...base.test, include: [`${DRILLS}/*.test.ts`], exclude: configDefaults.exclude },
});
