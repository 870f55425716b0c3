import { describe, expect, it } from 'vitest';
import { csvCell, csvText } from './csv.ts';

describe('CSV cells a spreadsheet would run as formulas', () => {
  it('are written as text, in a list cell as in a text cell; numbers, dates and plain lists are unchanged', async () => {
    expect(csvCell('=HYPERLINK("http://x.example","y")')).toBe(`"'=HYPERLINK(""http://x.example"",""y"")"`);
    expect(csvCell(['=1+2', 'late'])).toBe("'=1+2;late");
    expect(csvCell(['@SUM(A1)'])).toBe("'@SUM(A1)");
    expect(csvCell(['+66 81', '-x'])).toBe("'+66 81;-x");
    expect(csvCell(['late', '=1+2'])).toBe('late;=1+2');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(['driver', 'stock'])).toBe('driver;stock');
    expect(await csvText([{ reasons: ['=cmd|"/c calc"!A1', 'late'], cases: 2 }], { timeZone: 'Asia/Bangkok' })).toBe(`reasons,cases\r\n"'=cmd|""/c calc""!A1;late",2\r\n`);
  });
});
