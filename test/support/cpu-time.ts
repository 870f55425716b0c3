/**
 * This thread's processor time, in milliseconds, spent in a synchronous call: what a bound on speed
 * in a unit test means. The clock is not: on a busy machine (CI runs suites side by side, and the
 * embedded run's database shares the cores) the clock also counts the time the thread waited for a
 * core, as a run that read 21 ms for a 0.3 ms call showed.
 */
export function cpuMs(work: () => unknown): number {
  const start = process.threadCpuUsage();
  work();
  const used = process.threadCpuUsage(start);
  return (used.user + used.system) / 1000;
}
