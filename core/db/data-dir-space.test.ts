import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { dataDirSpaceProblem } from './data-dir-space.ts';

describe('dataDirSpaceProblem', () => {
  it('says how little is free when DATA_DIR is under the floor, and nothing otherwise', async () => {
    expect(await dataDirSpaceProblem(tmpdir(), 1)).toBeUndefined();
    expect(await dataDirSpaceProblem(tmpdir(), Number.MAX_SAFE_INTEGER)).toMatch(/^DATA_DIR \(.+\) has \d+ KiB free, under \d+ MiB/);
    // Not made yet (a first start): nothing to say.
    expect(await dataDirSpaceProblem('/nonexistent/opsdesk-data')).toBeUndefined();
  });
});
