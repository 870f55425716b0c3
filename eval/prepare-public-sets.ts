import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import type { Kind } from '../core/understanding/classification.ts';
import type { Taxonomy } from '../core/understanding/taxonomy.ts';
import type { EvalMessage } from './run-eval.ts';
import {
  BANKING77,
  BITEXT_CUSTOMER_SERVICE,
  CHATBOT_CORPUS,
  CLINC150,
  NLU_EVALUATION,
  NLU_EVALUATION_DEFAULT,
  NLUPP_ACTION_NAMES,
  NLUPP_ACTIONS,
  NLUPP_HOTEL_TOPICS,
  NLUPP_SMALL_TALK,
  NLUPP_TOPIC_NAMES,
  TRUEVOICE_ACTIONS,
  TRUEVOICE_CLASSES,
  TRUEVOICE_ACTION_NAMES_TH,
  TRUEVOICE_OBJECT_NAMES_TH,
  THAI_SHOP_CHATBOT,
  THAI_SHOP_CHATBOT_NAMES_TH,
  type Mapping,
} from './public-mapping.ts';

/**
 * `node eval/prepare-public-sets.ts [--mirror DIR]`: turns public labelled intent sets, kept as
 * git snapshots of their repositories under DIR (default /work/.mirror, one `owner+name/repo` git
 * directory each), into Opsdesk evaluation sets under eval/public/ (git-ignored: the data stays
 * out of the repository). Each set is a `taxonomy.json` and a `messages.jsonl` in the format of
 * `npm run classify` and `npm run eval`.
 *
 * The protocol, the same for every set:
 * - intents become kinds by the written-down mapping in `public-mapping.ts`;
 * - the taxonomy is FIVE example phrases per class, drawn with a fixed seed from the set's
 *   training split, and the class's name in words; nothing else;
 * - the messages are the set's test split (never a training line), at most PER_CLASS per intent,
 *   drawn with a fixed seed, so that large intents do not drown small ones;
 * - `corrections.jsonl`: per class of the taxonomy, up to CORRECTIONS more training lines, the ones
 *   the same draw gives after the five (never a shot, never a test line), as staff correcting the
 *   bot would add them (`eval/corrections.ts` measures what they add).
 * Run it again and the same files come out.
 *
 * Sets kept aside (`aside: true` in their meta.json, names ending in `-aside`) were prepared the
 * same way but never looked at while the classifier was built or tuned: they say how it does on
 * data it has not learnt. The older sets (BANKING77, CLINC150, NLU-Evaluation-Data, TrueVoice) and
 * eval/messages.jsonl were looked at while tuning.
 */

const SHOTS = 5;
/** Corrected examples drawn per class after the five shots: "+5" is the first five, "+10" all. */
export const CORRECTIONS = 10;
const PER_CLASS = 30;
const OUT = fileURLToPath(new URL('./public/', import.meta.url));

export interface Row {
  text: string;
  intent: string;
}

export interface Source {
  name: string;
  language: 'en' | 'th';
  repo: string;
  train: Row[];
  test: Row[];
  kindOf: (intent: string) => Kind | undefined;
  /** The class's name as a business would write it. */
  nameOf: (intent: string) => { en?: string; th?: string };
  /** Out-of-scope intents may have many test lines; cap them separately. */
  perClass?: (intent: string) => number;
  /** Kept aside: never looked at while the classifier was tuned. */
  aside?: boolean;
  /** The commit read, when it is not the snapshot's newest (a file only in the history). */
  commit?: string;
}

// ---- reading snapshots --------------------------------------------------------------------------

function git(gitDir: string, ...args: string[]): Buffer {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { maxBuffer: 256 * 1024 * 1024 });
}

function show(gitDir: string, path: string, rev = 'HEAD'): Buffer {
  return git(gitDir, 'show', `${rev}:${path}`);
}

/** A small CSV reader (quoted fields, doubled quotes, any one-character separator). */
export function parseCsv(text: string, sep = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === sep) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => r.some((f) => f.trim() !== ''));
}

function csvObjects(text: string, sep = ','): Record<string, string>[] {
  const [head, ...rows] = parseCsv(text, sep);
  return rows.map((r) => Object.fromEntries(head.map((h, i) => [h.trim(), r[i] ?? ''])));
}

/** The files of a zip archive (stored or deflated entries), read from its central directory. */
function unzip(buf: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip file');
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(dataStart, dataStart + size);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

// ---- the sets -----------------------------------------------------------------------------------

const words = (intent: string) => intent.replace(/[_?]+/g, ' ').trim().replace(/^\w/, (c) => c.toUpperCase());

function fromMapping(mapping: Mapping, fallback?: Kind): (intent: string) => Kind | undefined {
  return (intent) => mapping[intent] ?? fallback;
}

function banking77(mirror: string): Source {
  const dir = join(mirror, 'PolyAI-LDN+task-specific-datasets/repo');
  const read = (split: string) =>
    csvObjects(show(dir, `banking_data/${split}.csv`).toString('utf8')).map((r) => ({ text: r.text, intent: r.category }));
  return { name: 'banking77-en', language: 'en', repo: 'PolyAI-LDN/task-specific-datasets', train: read('train'), test: read('test'), kindOf: fromMapping(BANKING77), nameOf: (i) => ({ en: words(i) }) };
}

function clinc150(mirror: string): Source {
  const dir = join(mirror, 'clinc+oos-eval/repo');
  const data = JSON.parse(show(dir, 'data/data_full.json').toString('utf8')) as Record<string, [string, string][]>;
  const rows = (pairs: [string, string][]) => pairs.map(([text, intent]) => ({ text, intent }));
  return {
    name: 'clinc150-en',
    language: 'en',
    repo: 'clinc/oos-eval',
    train: rows(data.train),
    test: [...rows(data.test), ...rows(data.oos_test)],
    kindOf: fromMapping(CLINC150),
    nameOf: (i) => ({ en: words(i) }),
    // Out-of-scope domains are many intents: a few lines each keeps the set about the business.
    perClass: (i) => (i === 'oos' ? 200 : CLINC150[i] === 'other' ? 3 : PER_CLASS),
  };
}

function nluEvaluation(mirror: string): Source {
  const dir = join(mirror, 'xliuhw+NLU-Evaluation-Data/repo');
  const fold = 'CrossValidation/autoGeneFromRealAnno/autoGene_2018_03_22-13_01_25_169/CrossValidation/KFold_1';
  const files = git(dir, 'ls-tree', '-r', '--name-only', 'HEAD', fold).toString('utf8').split('\n');
  const read = (prefix: string) =>
    files
      .filter((f) => f.startsWith(`${fold}/${prefix}`) && f.endsWith('.csv'))
      .flatMap((f) => csvObjects(show(dir, f).toString('utf8'), ';').map((r) => ({ text: r.answer_from_user || r.answer_from_anno, intent: `${r.scenario}_${r.intent}` })));
  return {
    name: 'nlu-evaluation-en',
    language: 'en',
    repo: 'xliuhw/NLU-Evaluation-Data',
    train: read('trainset/'),
    test: read('testset/csv/'),
    kindOf: fromMapping(NLU_EVALUATION, NLU_EVALUATION_DEFAULT),
    nameOf: (i) => ({ en: words(i) }),
    perClass: (i) => (NLU_EVALUATION[i] ? PER_CLASS : 5),
  };
}

function truevoice(mirror: string): Source {
  const dir = join(mirror, 'kobkrit+truevoice-intent/repo');
  const zip = unzip(show(dir, 'mari-intent.zip'));
  const read = (name: string) =>
    csvObjects(zip.get(name)!.toString('utf8')).map((r) => ({ text: r.texts.trim(), intent: r.action === 'garbage' ? 'garbage' : `${r.action}_${r.object}` }));
  const split = (intent: string) => {
    const at = intent.indexOf('_');
    return at < 0 ? [intent, ''] : [intent.slice(0, at), intent.slice(at + 1)];
  };
  return {
    name: 'truevoice-th',
    language: 'th',
    repo: 'kobkrit/truevoice-intent',
    train: read('mari_train.csv'),
    test: read('mari_test.csv'),
    kindOf: (i) => TRUEVOICE_CLASSES[i] ?? TRUEVOICE_ACTIONS[split(i)[0]],
    nameOf: (i) => {
      const [action, object] = split(i);
      const th = [TRUEVOICE_ACTION_NAMES_TH[action], TRUEVOICE_OBJECT_NAMES_TH[object]].filter(Boolean).join(' ');
      return { en: words(i), ...(th ? { th } : {}) };
    },
  };
}

// ---- sets kept aside ----------------------------------------------------------------------------

/** One line of an NLU++ fold file. */
export interface NluppExample {
  text: string;
  intents?: string[];
}

/**
 * The class of an NLU++ message from its intent modules, by the rule written down with
 * `NLUPP_ACTIONS` in public-mapping.ts: action and topic ("problem_wifi"), `other_...` for
 * dialogue and asking for a person, undefined for a line that is left out.
 */
export function nluppClass(intents: string[] = []): string | undefined {
  const has = new Set(intents);
  let topics = NLUPP_HOTEL_TOPICS.filter((t) => has.has(t));
  if (topics.length > 1) topics = topics.filter((t) => t !== 'booking');
  if (topics.length > 1) return undefined;
  const action = NLUPP_ACTIONS.find((a) => a.modules.some((m) => has.has(m)));
  if (action) return `${action.action}_${topics[0] ?? 'any'}`;
  if (has.has('handoff')) return 'other_handoff';
  if (has.size > 0 && [...has].every((m) => NLUPP_SMALL_TALK.includes(m))) return `other_${[...has].sort().join('+')}`;
  return undefined;
}

export function nluppKind(cls: string): Kind | undefined {
  const action = cls.slice(0, cls.indexOf('_'));
  return action === 'other' ? 'other' : NLUPP_ACTIONS.find((a) => a.action === action)?.kind;
}

export function nluppName(cls: string): string {
  const at = cls.indexOf('_');
  const [action, topic] = [cls.slice(0, at), cls.slice(at + 1)];
  const actionName = NLUPP_ACTION_NAMES[action] ?? action;
  if (topic === 'any' || action === 'other') return action === 'other' ? topic.replace(/[_+]/g, ' ') : actionName.replace(/ (with|on)$/, '');
  return `${actionName} ${NLUPP_TOPIC_NAMES[topic] ?? topic.replace(/_/g, ' ')}`;
}

/** Folds 0-9 of NLU++'s twenty are the training split, 10-19 the test split. */
export const NLUPP_TRAIN_FOLDS = 10;

/**
 * NLU++ rows from its fold files (index = fold number): the classes of `nluppClass`; a business
 * class with fewer than five lines in the training folds cannot have its five examples and is
 * left out, its test lines too.
 */
export function nluppRows(folds: NluppExample[][], trainFolds = NLUPP_TRAIN_FOLDS): { train: Row[]; test: Row[] } {
  const rows = (from: NluppExample[][]) =>
    from.flat().flatMap((e) => {
      const intent = nluppClass(e.intents);
      return intent && e.text?.trim() ? [{ text: e.text.trim(), intent }] : [];
    });
  const train = rows(folds.slice(0, trainFolds));
  const test = rows(folds.slice(trainFolds));
  const count = new Map<string, number>();
  for (const r of train) count.set(r.intent, (count.get(r.intent) ?? 0) + 1);
  const kept = (r: Row) => nluppKind(r.intent) === 'other' || (count.get(r.intent) ?? 0) >= SHOTS;
  return { train: train.filter(kept), test: test.filter(kept) };
}

function hotelsNlupp(mirror: string): Source {
  const dir = join(mirror, 'PolyAI-LDN+task-specific-datasets/repo');
  const folds = Array.from({ length: 20 }, (_, i) => JSON.parse(show(dir, `nlupp/data/hotels/fold${i}.json`).toString('utf8')) as NluppExample[]);
  return {
    name: 'hotels-nlupp-en-aside',
    language: 'en',
    repo: 'PolyAI-LDN/task-specific-datasets',
    ...nluppRows(folds),
    kindOf: nluppKind,
    nameOf: (i) => ({ en: nluppName(i) }),
    aside: true,
  };
}

/**
 * A set with no split of its own: each intent's lines, shuffled with a fixed seed; the first half
 * is the training split, the rest the test split, less any line whose text is also a training line.
 */
export function splitInHalves(rows: Row[], seed: string): { train: Row[]; test: Row[] } {
  const byIntent = new Map<string, Row[]>();
  for (const r of rows) {
    if (!byIntent.has(r.intent)) byIntent.set(r.intent, []);
    byIntent.get(r.intent)!.push(r);
  }
  const train: Row[] = [];
  const test: Row[] = [];
  for (const intent of [...byIntent.keys()].sort()) {
    const shuffled = sample(byIntent.get(intent)!, Infinity, `${seed}/${intent}/split`);
    const half = Math.ceil(shuffled.length / 2);
    const seen = new Set(shuffled.slice(0, half).map((r) => r.text.trim().toLowerCase()));
    train.push(...shuffled.slice(0, half));
    test.push(...shuffled.slice(half).filter((r) => !seen.has(r.text.trim().toLowerCase())));
  }
  return { train, test };
}

/** The Bitext file is only in the history of the copy that holds it. */
const BITEXT_COMMIT = '1e2b735488fbaa376f055533797ea003bb34a4e3';

function bitextCustomerService(mirror: string): Source {
  const dir = join(mirror, 'shxunxk+Chatbot/repo');
  const path = 'Data/archive/Bitext_Sample_Customer_Service_Training_Dataset/Training/Bitext_Sample_Customer_Service_Training_Dataset.csv';
  const rows = csvObjects(show(dir, path, BITEXT_COMMIT).toString('utf8')).map((r) => ({ text: r.utterance.trim(), intent: r.intent }));
  const name = 'customer-service-bitext-en-aside';
  return {
    name,
    language: 'en',
    repo: 'shxunxk/Chatbot',
    ...splitInHalves(rows, name),
    kindOf: fromMapping(BITEXT_CUSTOMER_SERVICE),
    nameOf: (i) => ({ en: words(i) }),
    aside: true,
    commit: BITEXT_COMMIT,
  };
}

/** sebischair's corpora: `{ sentences: [{ text, intent, training }] }`, the split marked per line. */
export function sebisRows(json: string): { train: Row[]; test: Row[] } {
  const { sentences } = JSON.parse(json) as { sentences: { text: string; intent: string; training: boolean }[] };
  const row = (s: { text: string; intent: string }) => ({ text: s.text.trim(), intent: s.intent });
  return { train: sentences.filter((s) => s.training).map(row), test: sentences.filter((s) => !s.training).map(row) };
}

function transportChatbot(mirror: string): Source {
  const dir = join(mirror, 'sebischair+NLU-Evaluation-Corpora/repo');
  return {
    name: 'transport-chatbot-en-aside',
    language: 'en',
    repo: 'sebischair/NLU-Evaluation-Corpora',
    ...sebisRows(show(dir, 'ChatbotCorpus.json').toString('utf8')),
    kindOf: fromMapping(CHATBOT_CORPUS),
    nameOf: (i) => ({ en: i.replace(/([a-z])([A-Z])/g, '$1 $2') }),
    aside: true,
  };
}

/** XML's five named entities and numeric ones, for the text of a spreadsheet cell. */
function xmlText(s: string): string {
  return s
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * The first sheet of an .xlsx workbook as columns: each column's header (row 1) and its other
 * cells' text, top to bottom. Only shared-string and inline-string cells are read (labelled
 * phrases); numbers are left out.
 */
export function xlsxColumns(xlsx: Buffer): Map<string, string[]> {
  const files = unzip(xlsx);
  const shared = [...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    xmlText([...m[1].matchAll(/<t[^>]*>([\s\S]*?)<\/t>/g)].map((t) => t[1]).join('')),
  );
  const sheet = files.get('xl/worksheets/sheet1.xml')?.toString('utf8') ?? '';
  const cells: { col: string; row: number; text: string }[] = [];
  for (const m of sheet.matchAll(/<c r="([A-Z]+)(\d+)"([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const [, col, row, attrs, body = ''] = m;
    const v = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    const inline = /<is>([\s\S]*?)<\/is>/.exec(body)?.[1];
    const text = /t="s"/.test(attrs) && v !== undefined ? shared[Number(v)] : inline !== undefined ? xmlText(inline.replace(/<[^>]+>/g, '')) : undefined;
    if (text !== undefined && text.trim() !== '') cells.push({ col, row: Number(row), text: text.trim() });
  }
  const header = new Map(cells.filter((c) => c.row === 1).map((c) => [c.col, c.text]));
  const out = new Map<string, string[]>();
  for (const c of cells.sort((a, b) => a.row - b.row)) {
    const name = header.get(c.col);
    if (c.row === 1 || !name) continue;
    if (!out.has(name)) out.set(name, []);
    out.get(name)!.push(c.text);
  }
  return out;
}

/**
 * A Thai fashion shop's LINE chatbot (Nidchapan/Closed-Domain-Chatbot,
 * `dataset/intent_classification_dataset.xlsx`): customers' short Thai messages under five intents,
 * one column each. No split of its own: halves, as Bitext.
 */
function thaiShopChatbot(mirror: string): Source {
  const dir = join(mirror, 'Nidchapan+Closed-Domain-Chatbot/repo');
  const columns = xlsxColumns(show(dir, 'dataset/intent_classification_dataset.xlsx'));
  const rows = [...columns].flatMap(([intent, texts]) => texts.map((text) => ({ text, intent })));
  const name = 'thai-shop-chatbot-th-aside';
  return {
    name,
    language: 'th',
    repo: 'Nidchapan/Closed-Domain-Chatbot',
    ...splitInHalves(rows, name),
    kindOf: fromMapping(THAI_SHOP_CHATBOT),
    nameOf: (i) => ({ en: words(i), ...(THAI_SHOP_CHATBOT_NAMES_TH[i] ? { th: THAI_SHOP_CHATBOT_NAMES_TH[i] } : {}) }),
    aside: true,
  };
}

// ---- sampling -----------------------------------------------------------------------------------

/** mulberry32 seeded by a string: the same draw on every machine. */
function rng(seed: string): () => number {
  let a = 0;
  for (let i = 0; i < seed.length; i++) a = Math.imul(a ^ seed.charCodeAt(i), 0x9e3779b1);
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sample<T>(items: T[], n: number, seed: string): T[] {
  const r = rng(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy.slice(0, n);
}

function groupBy(rows: Row[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const r of rows) {
    if (!r.text) continue;
    if (!out.has(r.intent)) out.set(r.intent, []);
    out.get(r.intent)!.push(r.text);
  }
  return out;
}

/**
 * One more example phrase of a class, as a person correcting the bot would give it: a line of the
 * set's training split. `kind` is the class's kind (a case type, a service, a FAQ entry).
 */
export interface Correction {
  kind: Exclude<Kind, 'other'>;
  key: string;
  text: string;
}

interface Prepared {
  taxonomy: Taxonomy;
  messages: EvalMessage[];
  classes: Record<Kind, number>;
  /** Up to CORRECTIONS per class of the taxonomy, in the taxonomy's order, each class's in the order drawn. */
  corrections: Correction[];
}

/** A phrase as the product compares phrases: lower case, single spaces. */
const sameText = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

/**
 * A class's five shots and its corrected examples, from one draw: the class's training lines
 * (distinct texts) shuffled with the class's fixed seed; the first five are the shots (the draw
 * the taxonomy has always had), and the lines after them, less any line that is also in the test
 * split (of any class) or repeats a shot or an earlier correction (lower case, single spaces), are
 * the corrections, at most CORRECTIONS.
 */
export function drawExamples(lines: string[], seed: string, testTexts: Set<string>): { shots: string[]; corrections: string[] } {
  const drawn = sample([...new Set(lines)], Infinity, seed);
  const shots = drawn.slice(0, SHOTS);
  const seen = new Set(shots.map(sameText));
  const corrections: string[] = [];
  for (const text of drawn.slice(SHOTS)) {
    if (corrections.length === CORRECTIONS) break;
    const same = sameText(text);
    if (seen.has(same) || testTexts.has(same)) continue;
    seen.add(same);
    corrections.push(text);
  }
  return { shots, corrections };
}

export function prepare(source: Source): Prepared {
  const train = groupBy(source.train);
  const test = groupBy(source.test);
  const unmapped = [...new Set([...train.keys(), ...test.keys()])].filter((i) => !source.kindOf(i));
  if (unmapped.length) throw new Error(`${source.name}: intents without a kind in public-mapping.ts: ${unmapped.join(', ')}`);

  const taxonomy: Taxonomy = { caseTypes: [], bookingTypes: [], faq: [] };
  const classes: Record<Kind, number> = { booking: 0, case: 0, question: 0, other: 0 };
  const inTaxonomy = new Set<string>();
  const corrections: Correction[] = [];
  const testTexts = new Set(source.test.map((r) => sameText(r.text)));
  for (const intent of [...train.keys()].sort()) {
    const kind = source.kindOf(intent)!;
    if (kind === 'other') continue;
    const drawn = drawExamples(train.get(intent)!, `${source.name}/${intent}/shots`, testTexts);
    const shots = drawn.shots;
    corrections.push(...drawn.corrections.map((text) => ({ kind, key: intent, text })));
    const entry = { key: intent, name: source.nameOf(intent), description: '', keywords: [], examples: shots };
    if (kind === 'case') taxonomy.caseTypes.push(entry);
    else if (kind === 'booking') taxonomy.bookingTypes.push(entry);
    else taxonomy.faq.push({ key: intent, question: shots.join('\n'), answer: entry.name.th ?? entry.name.en ?? intent });
    classes[kind]++;
    inTaxonomy.add(intent);
  }

  const messages: EvalMessage[] = [];
  for (const intent of [...test.keys()].sort()) {
    const kind = source.kindOf(intent)!;
    // An in-scope intent with no training line cannot be in a five-shot taxonomy: left out.
    if (kind !== 'other' && !inTaxonomy.has(intent)) continue;
    const cap = source.perClass?.(intent) ?? PER_CLASS;
    for (const text of sample(test.get(intent)!, cap, `${source.name}/${intent}/test`)) {
      const m: EvalMessage = { id: `${source.name}-${String(messages.length + 1).padStart(5, '0')}`, text, kind, intent };
      if (kind === 'case') m.caseType = intent;
      if (kind === 'booking') m.bookingType = intent;
      if (kind === 'question') m.faqKey = intent;
      messages.push(m);
    }
  }
  return { taxonomy, messages, classes, corrections };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const mirror = args.includes('--mirror') ? args[args.indexOf('--mirror') + 1] : '/work/.mirror';
  const sources: [string, (m: string) => Source][] = [
    ['PolyAI-LDN+task-specific-datasets', banking77],
    ['clinc+oos-eval', clinc150],
    ['xliuhw+NLU-Evaluation-Data', nluEvaluation],
    ['kobkrit+truevoice-intent', truevoice],
    // Kept aside: never tuned on.
    ['PolyAI-LDN+task-specific-datasets', hotelsNlupp],
    ['shxunxk+Chatbot', bitextCustomerService],
    ['sebischair+NLU-Evaluation-Corpora', transportChatbot],
    ['Nidchapan+Closed-Domain-Chatbot', thaiShopChatbot],
  ];
  mkdirSync(OUT, { recursive: true });
  for (const [dir, load] of sources) {
    if (!existsSync(join(mirror, dir, 'repo'))) {
      process.stdout.write(`skipped ${dir}: no snapshot under ${mirror}\n`);
      continue;
    }
    const source = load(mirror);
    const { taxonomy, messages, classes, corrections } = prepare(source);
    const at = join(OUT, source.name);
    mkdirSync(at, { recursive: true });
    writeFileSync(join(at, 'taxonomy.json'), JSON.stringify(taxonomy, null, 2) + '\n');
    writeFileSync(join(at, 'messages.jsonl'), messages.map((m) => JSON.stringify(m)).join('\n') + '\n');
    writeFileSync(join(at, 'corrections.jsonl'), corrections.map((c) => JSON.stringify(c)).join('\n') + (corrections.length ? '\n' : ''));
    const commit = source.commit ?? git(join(mirror, dir, 'repo'), 'rev-parse', 'HEAD').toString('utf8').trim();
    const aside = source.aside ? { aside: true } : {};
    writeFileSync(join(at, 'meta.json'), JSON.stringify({ name: source.name, language: source.language, repo: source.repo, commit, shots: SHOTS, classes, ...aside }, null, 2) + '\n');
    const byKind = Object.fromEntries((['booking', 'case', 'question', 'other'] as Kind[]).map((k) => [k, messages.filter((m) => m.kind === k).length]));
    const perClass = new Map<string, number>();
    for (const c of corrections) perClass.set(`${c.kind}:${c.key}`, (perClass.get(`${c.kind}:${c.key}`) ?? 0) + 1);
    const inTaxonomy = classes.booking + classes.case + classes.question;
    const short = inTaxonomy - [...perClass.values()].filter((n) => n === CORRECTIONS).length;
    process.stdout.write(`${source.name}: ${messages.length} messages ${JSON.stringify(byKind)}; taxonomy ${JSON.stringify(classes)}; ${corrections.length} corrected examples${short ? ` (${short} of ${inTaxonomy} classes with fewer than ${CORRECTIONS})` : ''}\n`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
