import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runKillTest, type KillTestFigures } from '../../bench/kill-test.ts';

/**
 * The kill test, small: the api and two workers as processes on PostgreSQL and a private Redis,
 * LINE messages sent the way LINE sends them (again until answered 200), and SIGKILL of a worker,
 * the api, Redis (restarted empty) and the other worker while they arrive. The full size (3,000
 * messages from 300 customers at 100/s) is `npm run bench -- kill`; figures in docs/reliability.md.
 */
const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
// It needs a PostgreSQL server: the api and workers are separate processes.
const serverUrl = process.env.TEST_DATABASE_URL;

/** What must hold whatever was killed: nothing lost, nothing twice, the backlog drained soon. */
function expectNothingLostOrTwice(f: KillTestFigures) {
  expect(f.acked).toBe(f.sent);
  expect(f.stored).toBe(f.acked);
  expect(f.duplicatesStored).toBe(0);
  expect(f.processed).toBe(f.stored);
  expect(f.repliesPerMessage.lost).toBe(0);
  expect(f.repliesPerMessage.twoOrMore).toBe(0);
  expect(f.repliesPerMessage.partial).toBe(0);
  expect(f.repliesPerMessage.one).toBeGreaterThan(0);
  // Each customer complained once: one case each, never two; or, when their follow-ups were read
  // first and left the bot unsure twice running, no case, and their conversation waiting for a
  // person for that reason (docs/inbox.md). No customer has no case for any other reason.
  const { 'with a person': handed = 0, ...cases } = f.casesPerComplaint;
  expect(cases).toEqual({ '1': 40 - handed });
  expect(f.failedRows).toBe(0);
  expect(f.lastRestartToDrainedMs).toBeLessThan(10_000);
}

const small = { customers: 40, messagesPerCustomer: 5, ratePerSecond: 40, workers: 2, killAt: [1, 2.5, 4, 5.5] };

describe.runIf(hasRedisServer && serverUrl)('SIGKILL of every process in turn, and of Redis', () => {
  it('loses nothing, duplicates nothing, and drains soon after the last restart', async () => {
    const f = await runKillTest(small);
    expect(f.kills).toEqual(['worker 1', 'api', 'Redis (restarted empty)', 'worker 2']);
    expectNothingLostOrTwice(f);
  }, 240_000);

  it('the same when Redis comes back from an older snapshot (jobs finished since are back, jobs added since are gone)', async () => {
    const f = await runKillTest({ ...small, redisRestart: 'snapshot' });
    expect(f.kills).toEqual(['worker 1', 'api', 'Redis (restarted from a snapshot 1.5 s old)', 'worker 2']);
    expectNothingLostOrTwice(f);
  }, 240_000);
});
