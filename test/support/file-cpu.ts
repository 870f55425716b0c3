import { afterAll, beforeAll } from 'vitest';

/**
 * A set-up file (vitest.config.ts) that gives each test file's processor time to the timings
 * reporter (test/support/file-timings.ts): the worker process's user + system time while the file
 * was imported and while its hooks and tests ran. Clock time is shared by the workers and by every
 * other engineer on the machine; processor time is the file's own (Chromium's and PostgreSQL's
 * processes come on top).
 */
const imported = process.cpuUsage();
let started: NodeJS.CpuUsage;

beforeAll(({}, file) => {
  started = process.cpuUsage();
  file.meta.importCpuMs = ms(process.cpuUsage(imported));
});

afterAll(({}, file) => {
  file.meta.cpuMs = ms(process.cpuUsage(started));
});

function ms(usage: NodeJS.CpuUsage): number {
  return Math.round((usage.user + usage.system) / 1000);
}

declare module 'vitest' {
  interface TaskMeta {
    /** Processor time of the worker while the file's hooks and tests ran, ms. */
    cpuMs?: number;
    /** Processor time of the worker while the file was imported, ms. */
    importCpuMs?: number;
  }
}
