import { createReadStream, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfigOrExit } from './load-config-or-exit.ts';
import { createClassifier } from '../core/understanding/create-classifier.ts';
import { taxonomySchema } from '../core/understanding/taxonomy.ts';

/**
 * `npm run --silent classify -- --taxonomy TAXONOMY.json --input MESSAGES.jsonl`: one JSON line
 * per input line, `{"id","kind","caseType","bookingType","confidence","language","fields"}`, with
 * the classifier the environment configures (CLASSIFIER, OPENAI_*, GEMINI_*). Lines are answered
 * in input order; a line that is not `{"id","text"}` gets `{"id","error"}` and the rest go on.
 */
const { values } = parseArgs({
  options: {
    taxonomy: { type: 'string' },
    input: { type: 'string' },
    now: { type: 'string' },
    'time-zone': { type: 'string', default: 'Asia/Bangkok' },
  },
});
if (!values.taxonomy || !values.input) {
  process.stderr.write('usage: npm run --silent classify -- --taxonomy TAXONOMY.json --input MESSAGES.jsonl [--now ISO] [--time-zone Asia/Bangkok]\n');
  process.exit(2);
}

const config = loadConfigOrExit(2);

const parsedTaxonomy = taxonomySchema.safeParse(JSON.parse(readFileSync(values.taxonomy, 'utf8')));
if (!parsedTaxonomy.success) {
  process.stderr.write(`${values.taxonomy} is not a taxonomy: ${parsedTaxonomy.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n`);
  process.exit(2);
}
const taxonomy = parsedTaxonomy.data;
const classifier = createClassifier(config);
const now = values.now ? new Date(values.now) : new Date();

const lines = createInterface({ input: values.input === '-' ? process.stdin : createReadStream(values.input), crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let id: unknown = null;
  try {
    const item = JSON.parse(line) as { id?: unknown; text?: unknown };
    id = item.id ?? null;
    if (typeof item.text !== 'string') throw new Error('"text" must be a string');
    const r = await classifier.classify({ text: item.text, taxonomy, now, timeZone: values['time-zone'] });
    process.stdout.write(
      JSON.stringify({
        id,
        kind: r.kind,
        caseType: r.caseType ?? null,
        bookingType: r.bookingType ?? null,
        confidence: Math.round(r.confidence * 1000) / 1000,
        language: r.language,
        fields: r.fields,
      }) + '\n',
    );
  } catch (err) {
    process.stdout.write(JSON.stringify({ id, error: (err as Error).message }) + '\n');
  }
}
