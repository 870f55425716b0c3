import { describe, expect, it } from 'vitest';
import { repeatedErrorLog } from './repeated-error-log.ts';

describe('repeatedErrorLog', () => {
  it('writes the first error, then one per window with the count left out', () => {
    let t = 0;
    const written: [string, number][] = [];
    const log = repeatedErrorLog((err, repeats) => written.push([String(err), repeats]), 10_000, () => t);
    for (let i = 0; i < 1350; i++) {
      t = i * 10; // 135 a second for 13.5 s
      log(`e${i}`);
    }
    expect(written).toEqual([
      ['e0', 0],
      ['e1000', 999],
    ]);
  });

  it('is not silenced for a window when the clock steps back', () => {
    let t = 100_000;
    const written: number[] = [];
    const log = repeatedErrorLog(() => written.push(t), 10_000, () => t);
    log('a');
    t = 40_000; // a minute back
    log('b');
    expect(written).toEqual([100_000, 40_000]);
  });
});
