import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';

/**
 * The documents' typeface: Noto Sans Thai, self-hosted from @fontsource/noto-sans-thai. Its files
 * are cut by script (one holds the Thai letters and ฿, another the Latin letters, digits and
 * punctuation), so a line of text is set in runs, each in the file that has its letters. PDFKit
 * reads WOFF (not WOFF2) and shapes each run with fontkit, which places Thai vowels and tone marks
 * from the font's own tables.
 *
 * The files are read once per process, unpacked from WOFF to the plain font inside it, and parsed
 * by the fontkit PDFKit itself loads; each document is handed the parsed fonts. fontkit inflates a
 * WOFF table again at every read, and a document reads the glyph table once per glyph it embeds:
 * left packed, that was nine tenths of a receipt's time (bench/documents.ts).
 */
export type Script = 'thai' | 'latin';
export type Weight = 'regular' | 'bold';

const FILE = (script: Script, weight: Weight) => `@fontsource/noto-sans-thai/files/noto-sans-thai-${script}-${weight === 'bold' ? 700 : 400}-normal.woff`;

/** A font as fontkit parsed it; PDFKit takes one in place of a file (its font factory checks for `layout`). */
export interface ParsedFont {
  layout(text: string): unknown;
}

// The fontkit PDFKit itself depends on (package.json names the same version, so npm installs it once).
const fontkit = createRequire(import.meta.url)('fontkit') as { create(file: Buffer): ParsedFont };

let loaded: Record<string, ParsedFont> | undefined;

/** The four fonts (Thai and Latin, regular and bold) by their PDF font name: `thai-regular`, ... */
export function documentFonts(): Record<string, ParsedFont> {
  loaded ??= Object.fromEntries(
    (['thai', 'latin'] as const).flatMap((script) =>
      (['regular', 'bold'] as const).map((weight) => [fontName(script, weight), fontkit.create(unpackWoff(readFileSync(fileURLToPath(import.meta.resolve(FILE(script, weight))))))]),
    ),
  );
  return loaded;
}

/**
 * The TrueType/OpenType font a WOFF 1.0 file wraps (W3C WOFF, section 4): each table inflated
 * where it was compressed, laid out again behind an sfnt header and table directory.
 */
export function unpackWoff(woff: Buffer): Buffer {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 file');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables = Array.from({ length: count }, (_, i) => {
    const at = 44 + i * 20;
    const offset = woff.readUInt32BE(at + 4);
    const packed = woff.readUInt32BE(at + 8);
    const length = woff.readUInt32BE(at + 12);
    const stored = woff.subarray(offset, offset + packed);
    return { tag: woff.subarray(at, at + 4), checksum: woff.readUInt32BE(at + 16), data: packed < length ? inflateSync(stored) : stored };
  });
  const header = Buffer.alloc(12 + 16 * count);
  const power = 2 ** Math.floor(Math.log2(count));
  header.writeUInt32BE(flavor, 0);
  header.writeUInt16BE(count, 4);
  header.writeUInt16BE(power * 16, 6);
  header.writeUInt16BE(Math.log2(power), 8);
  header.writeUInt16BE(count * 16 - power * 16, 10);
  const parts: Buffer[] = [header];
  let offset = header.length;
  tables.forEach((t, i) => {
    const at = 12 + i * 16;
    t.tag.copy(header, at);
    header.writeUInt32BE(t.checksum, at + 4);
    header.writeUInt32BE(offset, at + 8);
    header.writeUInt32BE(t.data.length, at + 12);
    const padded = Buffer.alloc((t.data.length + 3) & ~3);
    t.data.copy(padded);
    parts.push(padded);
    offset += padded.length;
  });
  return Buffer.concat(parts);
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
