import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The documents' typeface: Noto Sans Thai, self-hosted from @fontsource/noto-sans-thai. Its files
 * are cut by script (one holds the Thai letters and ฿, another the Latin letters, digits and
 * punctuation), so a line of text is set in runs, each in the file that has its letters. PDFKit
 * reads WOFF (not WOFF2) and shapes each run with fontkit, which places Thai vowels and tone marks
 * from the font's own tables. The files are read once per process.
 */
export type Script = 'thai' | 'latin';
export type Weight = 'regular' | 'bold';

const FILE = (script: Script, weight: Weight) => `@fontsource/noto-sans-thai/files/noto-sans-thai-${script}-${weight === 'bold' ? 700 : 400}-normal.woff`;

let loaded: Record<string, Buffer> | undefined;

/** The four files (Thai and Latin, regular and bold) by their PDF font name: `thai-regular`, ... */
export function documentFonts(): Record<string, Buffer> {
  loaded ??= Object.fromEntries(
    (['thai', 'latin'] as const).flatMap((script) => (['regular', 'bold'] as const).map((weight) => [fontName(script, weight), readFileSync(fileURLToPath(import.meta.resolve(FILE(script, weight))))])),
  );
  return loaded;
}

export const fontName = (script: Script, weight: Weight) => `${script}-${weight}`;

/** The Thai block, U+0E00 to U+0E7F: letters, vowels, tone marks, Thai digits and the baht sign. */
const isThai = (c: string) => {
  const cp = c.codePointAt(0)!;
  return cp >= 0x0e00 && cp <= 0x0e7f;
};

/**
 * Text cut into runs of one script. A space stays in the run it follows (both files have one), so
 * "ใบกำกับภาษี / Tax invoice" is three runs, not six.
 */
export function scriptRuns(text: string): { script: Script; text: string }[] {
  const runs: { script: Script; text: string }[] = [];
  for (const c of text) {
    const script: Script = isThai(c) ? 'thai' : 'latin';
    const last = runs.at(-1);
    if (last && (last.script === script || c === ' ')) last.text += c;
    else runs.push({ script, text: c });
  }
  return runs;
}
