import { describe, expect, it } from 'vitest';
import { drawMemberNumber, readMemberNumber } from './member-numbers.ts';

describe('member numbers', () => {
  it('are MEM-YYYY-XXXX with no letters that read like digits', () => {
    for (let i = 0; i < 200; i++) expect(drawMemberNumber(2026)).toMatch(/^MEM-2026-[0-9A-HJKMNP-TV-Z]{4}$/);
  });

  it('read a typed number the forgiving way, and refuse what cannot be one', () => {
    expect(readMemberNumber('mem-2026-7k3q')).toBe('MEM-2026-7K3Q');
    expect(readMemberNumber('MEM 2026 O1LI')).toBe('MEM-2026-0111');
    expect(readMemberNumber('2026-7K3Q')).toBe('MEM-2026-7K3Q');
    expect(readMemberNumber('MEM-2026-7K3')).toBeNull();
    expect(readMemberNumber('MEM-2026-7K3U')).toBeNull();
    expect(readMemberNumber("' OR 1=1 --")).toBeNull();
  });
});
