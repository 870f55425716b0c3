import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALOGUE_SCRIPTS } from '../eval/dialogue-scripts.ts';
import { runScript } from '../eval/run-dialogue-scripts.ts';
import { startLineCustomerHarness, type LineCustomerHarness } from './support/line-customer.ts';

/**
 * Every multi-turn dialogue script of `npm run eval` (eval/dialogue-scripts.ts) passes: the
 * customer steers, through signed LINE webhooks to the whole system, and each conversation ends
 * with what it should have booked, opened and handed over, and the bot said what it should have.
 */
let h: LineCustomerHarness;
beforeAll(async () => {
  h = await startLineCustomerHarness();
});
afterAll(() => h?.close());

describe('the customer steers the dialogue (#37)', () => {
  it(`has at least 40 scripts, Thai and English alike`, () => {
    expect(DIALOGUE_SCRIPTS.length).toBeGreaterThanOrEqual(40);
    const th = DIALOGUE_SCRIPTS.filter((s) => s.language === 'th').length;
    expect(Math.abs(th - (DIALOGUE_SCRIPTS.length - th))).toBeLessThanOrEqual(2);
  });

  it.concurrent.each(DIALOGUE_SCRIPTS.map((s) => [s.name, s] as const))('%s', async (_, script) => {
    const { failures } = await runScript(h, script);
    expect(failures).toEqual([]);
  });
});
